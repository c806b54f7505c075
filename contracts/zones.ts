import { z } from 'zod'
import { CHINA_LAT, CHINA_LON } from '../server/src/domain/china-extent.ts'
import { isoDate } from './fields.ts'
import { Outline } from './geojson.ts'
import { ReviewInfo } from './review.ts'

const adcode = z.string({ error: '区县代码应为文字' }).regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
/** `:id` of `/api/control-zones/:id`. */
export const ZoneIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '管控区域编号应为数字')
    .transform(Number),
})
const announcementDate = isoDate('公告日期', { isNotAfterToday: true }).nullable()
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
const sign = z.object(
  {
    label: z.string({ error: '标识名称必填' }).trim().min(1, '标识名称必填').max(100, '标识名称最多 100 个字'),
    lon: z
      .number({ error: '标识经度应为数字' })
      .min(CHINA_LON[0], `标识经度应在 ${CHINA_LON[0]}–${CHINA_LON[1]}° 之间`)
      .max(CHINA_LON[1], `标识经度应在 ${CHINA_LON[0]}–${CHINA_LON[1]}° 之间`),
    lat: z
      .number({ error: '标识纬度应为数字' })
      .min(CHINA_LAT[0], `标识纬度应在 ${CHINA_LAT[0]}–${CHINA_LAT[1]}° 之间`)
      .max(CHINA_LAT[1], `标识纬度应在 ${CHINA_LAT[0]}–${CHINA_LAT[1]}° 之间`),
  },
  { error: '每个标识应为 {label, lon, lat}' },
)
const flag = (label: string) => z.boolean({ error: `须说明是否监测${label}（true/false）` })
const fields = {
  name: z.string({ error: '管控区域名称必填' }).trim().min(1, '管控区域名称必填').max(100, '管控区域名称最多 100 个字'),
  adcode: adcode.optional(),
  geometry: z.unknown().refine((g) => g !== undefined && g !== null, '管控区域边界（geometry）必填'),
  plotIds: z
    .array(z.number({ error: '地块编号应为数字' }).int().positive(), { error: '受管控地块（plotIds）应为编号数组' })
    .max(100, '一个管控区域最多 100 个地块'),
  signs: z.array(sign, { error: '标识（signs）应为数组' }).max(100, '一个管控区域最多 100 个标识'),
  announcementNo: text('公告文号', 100).optional(),
  announcementDate: announcementDate.optional(),
  announcementText: text('公告内容', 5000).optional(),
  monitorSoil: flag('土壤'),
  monitorSurfaceWater: flag('地表水'),
  monitorGroundwater: flag('地下水'),
  monitorAir: flag('环境空气'),
}
/** `POST /api/control-zones`. */
export const CreateZoneBody = z.object({
  ...fields,
  plotIds: fields.plotIds.default([]),
  signs: fields.signs.default([]),
})
/** `PATCH /api/control-zones/:id`: the fields to change, the version seen and why. */
export const UpdateZoneBody = z.object({
  ...(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>
  }),
  version: z.number({ error: '版本号（version）必填' }).int().positive(),
  reason: z.string({ error: '修改原因应为文字' }).max(500, '修改原因最多 500 个字').optional(),
})
/** `GET /api/control-zones?adcode=`. */
export const ZoneListQuery = z.object({ adcode: adcode.optional() })

/** One row of `GET /api/control-zones`. */
export const ZoneSummary = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  adcode: z.string(),
  county: z.string(),
  reviewStatus: z.string(),
  reviewStatusName: z.string(),
  announcementNo: z.string().nullable(),
  plotCount: z.number(),
  signCount: z.number(),
  areaM2: z.number(),
  areaMu: z.number(),
  version: z.number(),
  updatedAt: z.string(),
  isSample: z.boolean(),
})
export type ZoneSummary = z.infer<typeof ZoneSummary>

/** `GET /api/control-zones`. */
export const ZonesResponse = z.object({ items: z.array(ZoneSummary) })
export type ZonesResponse = z.infer<typeof ZonesResponse>

/** `GET /api/control-zones/:id`, and the answer of a save: plots, signs, announcement, monitoring, review. */
export const ZoneAnswer = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  adcode: z.string(),
  county: z.string(),
  geometry: Outline,
  areaM2: z.number(),
  areaMu: z.number(),
  version: z.number(),
  reviewStatus: z.string(),
  reviewStatusName: z.string(),
  review: ReviewInfo,
  isEditable: z.boolean(),
  plots: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      status: z.string(),
      statusName: z.string(),
      list: z.string(),
      listName: z.string(),
      reviewStatus: z.string(),
    }),
  ),
  signs: z.array(
    z.object({ id: z.number(), label: z.string(), lon: z.number(), lat: z.number(), distanceM: z.number() }),
  ),
  announcement: z.object({ number: z.string().nullable(), date: z.string().nullable(), text: z.string().nullable() }),
  monitoring: z.object({
    soil: z.boolean(),
    surfaceWater: z.boolean(),
    groundwater: z.boolean(),
    air: z.boolean(),
  }),
  monitoringNames: z.array(z.string()),
  /** What is still missing before the zone may be submitted for review (empty when complete). */
  missingForSubmit: z.array(z.string()),
  isComplete: z.boolean(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
  isSample: z.boolean(),
})
export type ZoneAnswer = z.infer<typeof ZoneAnswer>

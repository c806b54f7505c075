import { z } from 'zod'
import { isoDate } from './fields.ts'
import { ReviewInfo } from './review.ts'

const adcode = z.string({ error: '区县代码应为文字' }).regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()

/** `:id` of `/api/ban-zones/:id`. */
export const BanZoneIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '禁止生产区域编号应为数字')
    .transform(Number),
})

/** `GET /api/ban-zones?adcode=` and `GET /api/ban-zones/strict-parcels?adcode=`. */
export const BanZoneListQuery = z.object({ adcode: adcode.optional() })
export const StrictParcelsQuery = z.object({ adcode })

const fields = {
  name: z
    .string({ error: '禁止生产区域名称必填' })
    .trim()
    .min(1, '禁止生产区域名称必填')
    .max(100, '禁止生产区域名称最多 100 个字'),
  parcelIds: z
    .array(z.number({ error: '图斑编号应为数字' }).int().positive(), { error: '图斑（parcelIds）应为编号数组' })
    .min(1, '请至少选择一块严格管控类耕地图斑')
    .max(2000, '一个禁止生产区域最多 2000 块图斑'),
  /** An outline drawn on the map, joined to the parcels' outlines (optional). */
  geometry: z.unknown().nullable(),
  /** What may not be grown; empty: 食用农产品. */
  products: z
    .array(z.string({ error: '禁止生产的农产品应为文字' }).max(50, '农产品名称最多 50 个字'), {
      error: '禁止生产的农产品（products）应为名称数组',
    })
    .max(30, '最多列出 30 种农产品'),
  announcementNo: text('公告文号', 100),
  announcementDate: isoDate('公告日期', { isNotAfterToday: true }).nullable(),
  announcementText: text('公告内容', 5000),
}

/** `POST /api/ban-zones`: a draft from the county's 严格管控类 parcels. */
export const CreateBanZoneBody = z.object({
  adcode,
  name: fields.name,
  parcelIds: fields.parcelIds,
  geometry: fields.geometry.optional(),
  products: fields.products.optional(),
  announcementNo: fields.announcementNo.optional(),
  announcementDate: fields.announcementDate.optional(),
  announcementText: fields.announcementText.optional(),
})
export type CreateBanZoneBody = z.infer<typeof CreateBanZoneBody>

/** `PATCH /api/ban-zones/:id`: the fields to change and the version seen. */
export const UpdateBanZoneBody = CreateBanZoneBody.omit({ adcode: true })
  .partial()
  .extend({ version: z.number({ error: '版本号（version）必填' }).int().positive() })
export type UpdateBanZoneBody = z.infer<typeof UpdateBanZoneBody>

const BasisLine = z.object({
  parcelCode: z.string(),
  townshipCode: z.string().nullable(),
  areaMu: z.number(),
  className: z.string(),
  pollutants: z.array(z.string()),
  sampleCount: z.number().int(),
  summary: z.string().nullable(),
})

/** One zone for the side panel. */
export const BanZoneAnswer = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  adcode: z.string(),
  county: z.string(),
  products: z.array(z.string()),
  parcelIds: z.array(z.number().int()),
  basis: z.array(BasisLine),
  basisSummary: z.string(),
  announcement: z.object({ number: z.string().nullable(), date: z.string().nullable(), text: z.string().nullable() }),
  areaMu: z.number(),
  geometry: z.unknown(),
  version: z.number().int(),
  isEditable: z.boolean(),
  review: ReviewInfo,
})
export type BanZoneAnswer = z.infer<typeof BanZoneAnswer>

/** `GET /api/ban-zones`. */
export const BanZonesResponse = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      name: z.string(),
      adcode: z.string(),
      county: z.string(),
      products: z.array(z.string()),
      parcelCount: z.number().int(),
      areaMu: z.number(),
      reviewStatus: z.string(),
      reviewStatusName: z.string(),
      version: z.number().int(),
    }),
  ),
})
export type BanZonesResponse = z.infer<typeof BanZonesResponse>

/** `GET /api/ban-zones/strict-parcels`: the county's 严格管控类 parcels to choose from. */
export const StrictParcelsResponse = z.object({
  parcels: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      township: z.string().nullable(),
      areaMu: z.number(),
      pollutants: z.array(z.string()),
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      zoneCodes: z.array(z.string()),
    }),
  ),
  total: z.number().int(),
  isTruncated: z.boolean(),
})
export type StrictParcelsResponse = z.infer<typeof StrictParcelsResponse>

/** A published zone as the public page reads it (public fields only). */
export const PublicBanZone = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  code: z.string(),
  name: z.string(),
  products: z.array(z.string()),
  basis: z.string(),
  announcement: z.object({ number: z.string().nullable(), date: z.string().nullable(), text: z.string().nullable() }),
  parcelCount: z.number().int(),
  areaMu: z.number(),
  publishedAt: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  isSample: z.boolean(),
})
export type PublicBanZone = z.infer<typeof PublicBanZone>

/** `GET /api/public/ban-zones`. */
export const PublicBanZonesResponse = z.object({ zones: z.array(PublicBanZone) })
export type PublicBanZonesResponse = z.infer<typeof PublicBanZonesResponse>

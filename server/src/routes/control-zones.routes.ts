import { Router } from 'express'
import { z } from 'zod'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import { isoDate } from '../../../contracts/fields.ts'
import {
  createZone,
  getZone,
  listZonesFor,
  updateZoneOf,
  type ControlZoneDeps,
} from '../services/control-zones.service.ts'
import { CHINA_LAT, CHINA_LON } from '../domain/outline-checks.ts'

const adcode = z.string({ error: '区县代码应为文字' }).regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
const idParams = z.object({
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
const createBody = z.object({ ...fields, plotIds: fields.plotIds.default([]), signs: fields.signs.default([]) })
const updateBody = z.object({
  ...(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.optional()])) as {
    [K in keyof typeof fields]: z.ZodOptional<(typeof fields)[K]>
  }),
  version: z.number({ error: '版本号（version）必填' }).int().positive(),
  reason: z.string({ error: '修改原因应为文字' }).max(500, '修改原因最多 500 个字').optional(),
})
const listQuery = z.object({ adcode: adcode.optional() })

/** 管控区域: reads for any staff role in scope, writes for environment officers. Review and publish: /api/reviews. */
export function controlZonesRoutes(deps: ControlZoneDeps): Router {
  const router = Router()
  router.get('/api/control-zones', requireRole(), async (req, res) => {
    res.json(await listZonesFor(deps.db, req.auth!, parse(listQuery, req.query).adcode))
  })
  router.get('/api/control-zones/:id', requireRole(), async (req, res) => {
    res.json(await getZone(deps.db, req.auth!, parse(idParams, req.params).id))
  })
  router.post('/api/control-zones', async (req, res) => {
    const ctx = assertRight(req, 'controlZone.edit')
    res.status(201).json(await createZone(deps, ctx, parse(createBody, req.body ?? {})))
  })
  router.patch('/api/control-zones/:id', async (req, res) => {
    const ctx = assertRight(req, 'controlZone.edit')
    const { id } = parse(idParams, req.params)
    res.json(await updateZoneOf(deps, ctx, id, parse(updateBody, req.body ?? {})))
  })
  return router
}

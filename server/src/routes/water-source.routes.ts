import { Router } from 'express'
import { z } from 'zod'
import {
  WaterSourcePublication,
  type WaterSourceImportResult,
  type WaterSourcePublicationResult,
  type WaterSourceZoneList,
} from '../../../contracts/water-source.ts'
import type { Database } from '../db/database.ts'
import { requireRight, requireRole } from '../http/auth.ts'
import { AppError } from '../http/errors.ts'
import { decodeFileName, receiveOneFile } from '../http/receive-file.ts'
import { parse } from '../http/validate.ts'
import {
  importWaterSourceZones,
  listWaterSourceZones,
  publishWaterSourceZones,
  type WaterSourceSettings,
} from '../services/water-source.service.ts'

const adcode = z.string({ error: '请选择区县' }).regex(/^\d{6}$/, '区县代码应为 6 位数字')

const fieldName = (label: string) =>
  z
    .string()
    .trim()
    .max(64, `${label}字段名过长`)
    .optional()
    .transform((v) => (v ? v : undefined))

const importForm = z.object({
  adcode,
  nameField: fieldName('水源地名称'),
  typeField: fieldName('水源类型'),
  levelField: fieldName('保护区级别'),
  approvalField: fieldName('批复文号'),
  encoding: z
    .enum(['UTF-8', 'GBK'], { error: '属性表编码应为 UTF-8 或 GBK' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  centralMeridian: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? Number(v) : undefined))
    .refine(
      (v) => v === undefined || (Number.isInteger(v) && v >= 75 && v <= 135 && v % 3 === 0),
      '中央经线应为 75 到 135 之间 3 的倍数（如 111、114、117）',
    ),
})

const listQuery = z.object({ adcode: adcode.optional() })

/** 饮用水水源保护区: the list for staff; import and publication for the environment officers (生态环境局). */
export function waterSourceRoutes({
  db,
  settings,
  onChanged,
}: {
  db: Database
  settings: WaterSourceSettings
  onChanged: (layers: string[]) => void
}): Router {
  const router = Router()
  const layers = ['water-source', 'public-water-source']
  router.get('/api/water-source-zones', requireRole(), async (req, res) => {
    const { adcode } = parse(listQuery, req.query)
    res.json((await listWaterSourceZones(db, req.auth!, adcode, settings)) satisfies WaterSourceZoneList)
  })
  router.post(
    '/api/water-source-zones/import',
    requireRight('waterSource.edit'),
    receiveOneFile({
      field: 'file',
      maxBytes: settings.maxBytes,
      fields: 8,
      fieldSize: 256,
      tooLarge: (limit) => `文件过大：最大 ${limit}，请只导出饮用水水源保护区图层后上传`,
    }),
    async (req, res) => {
      if (!req.file)
        throw new AppError(
          'VALIDATION',
          '请选择饮用水水源保护区文件（字段 file）：GeoJSON 或 Shapefile 压缩包（.zip，含 .shp/.shx/.dbf/.prj）',
          { field: 'file' },
        )
      const form = parse(importForm, { ...(req.body ?? {}) })
      const result = await importWaterSourceZones(
        db,
        req.auth!,
        { fileName: decodeFileName(req.file.originalname), bytes: new Uint8Array(req.file.buffer) },
        {
          adcode: form.adcode,
          fields: {
            name: form.nameField,
            type: form.typeField,
            level: form.levelField,
            approvalNo: form.approvalField,
          },
          encoding: form.encoding,
          centralMeridian: form.centralMeridian,
        },
        settings,
      )
      onChanged(layers)
      res.json(result satisfies WaterSourceImportResult)
    },
  )
  router.post('/api/water-source-zones/publication', requireRight('waterSource.edit'), async (req, res) => {
    const { adcode, published } = parse(WaterSourcePublication, req.body ?? {})
    const result = await publishWaterSourceZones(db, req.auth!, adcode, published)
    onChanged(layers)
    res.json(result satisfies WaterSourcePublicationResult)
  })
  return router
}

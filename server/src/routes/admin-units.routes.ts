import { Router } from 'express'
import { decodeFileName, receiveOneFile } from '../http/receive-file.ts'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { requireRight } from '../http/auth.ts'
import { AppError } from '../http/errors.ts'
import { parse } from '../http/validate.ts'
import { AdminUnitsService, type AdminUnitSettings } from '../services/admin-units.service.ts'

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => (v ? v : undefined))

const previewForm = z.object({
  layers: optionalText(2000, '图层名称过长')
    .transform((v) =>
      v === undefined
        ? undefined
        : v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    )
    .refine((v) => v === undefined || v.length <= 50, '最多选择 50 个图层'),
  codeField: optionalText(64, '代码字段名过长'),
  nameField: optionalText(64, '名称字段名过长'),
  adcode: optionalText(6, '区县代码应为 6 位数字').refine(
    (v) => v === undefined || /^[1-9]\d{3}(?!00)\d{2}$/.test(v),
    '区县代码应为 6 位数字，且末两位不为 00',
  ),
  encoding: z
    .enum(['UTF-8', 'GBK'], { error: '属性表编码应为 UTF-8 或 GBK' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  centralMeridian: optionalText(3, '中央经线应为整数度数，如 111')
    .refine((v) => v === undefined || /^\d{2,3}$/.test(v), '中央经线应为整数度数，如 111')
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .refine(
      (v) => v === undefined || (v >= 75 && v <= 135 && v % 3 === 0),
      '中央经线应为 75 到 135 之间 3 的倍数（如 111、114、117）',
    ),
})

const applyBody = z.object({
  previewId: z.string({ error: '请先预览文件' }).regex(/^[A-Za-z0-9_-]{8,40}$/, '预览编号无效，请重新预览'),
  countyName: z.string().trim().max(30, '区县名称最多 30 个字').optional(),
  cityCode: z
    .string({ error: '请填写地级市代码（6 位，如 430900）' })
    .regex(/^[1-9]\d{3}00$/, '地级市代码应为 6 位数字，末两位为 00（如 430900）'),
  city: z.string({ error: '请填写地级市名称' }).trim().min(1, '请填写地级市名称').max(30, '地级市名称最多 30 个字'),
})

/** 行政区管理: the administrator previews a file of county and township boundaries, then applies it. */
export function adminUnitsRoutes({
  db,
  settings,
  onChanged,
}: {
  db: Database
  settings: AdminUnitSettings
  /** Called after an apply: the map layers and the cached county lists change. */
  onChanged: (layers: string[]) => void
}): Router {
  const router = Router()
  const service = new AdminUnitsService(db, settings)
  router.post(
    '/api/admin/units/preview',
    requireRight('adminUnits.import'),
    receiveOneFile({
      field: 'file',
      maxBytes: settings.maxBytes,
      fields: 8,
      fieldSize: 2048,
      tooLarge: (limit) => `文件过大：最大 ${limit}，请只导出行政区图层后再上传`,
    }),
    async (req, res) => {
      if (!req.file)
        throw new AppError(
          'VALIDATION',
          '请选择行政区文件（字段 file）：Shapefile 压缩包（.zip）、GeoPackage（.gpkg）或 GeoJSON',
          { field: 'file' },
        )
      const options = parse(previewForm, { ...(req.body ?? {}) })
      res.json(
        await service.preview(
          req.auth!,
          decodeFileName(req.file.originalname),
          new Uint8Array(req.file.buffer),
          options,
        ),
      )
    },
  )
  router.post('/api/admin/units/apply', requireRight('adminUnits.import'), async (req, res) => {
    const body = parse(applyBody, req.body ?? {})
    const result = await service.apply(req.auth!, body)
    onChanged(['county', 'township', 'county-label', 'township-label'])
    res.json(result)
  })
  return router
}

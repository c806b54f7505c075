import { Router, type RequestHandler } from 'express'
import multer from 'multer'
import { z } from 'zod'
import { POINT_LEVELS, POINT_STATUSES, POINT_TYPES, SOIL_VALUE_KEYS } from '../domain/monitoring.ts'
import { formatBytes } from '../domain/public-report.ts'
import { assertRight, assertRole, requireRight } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { AppError } from '../http/errors.ts'
import { parse } from '../http/validate.ts'
import { buildTemplate, importResults } from '../services/monitoring-import.service.ts'
import {
  addResult,
  createPoint,
  editPoint,
  getPointDetail,
  listPointsFor,
  type MonitoringDeps,
} from '../services/monitoring.service.ts'

const levelNames = '“national”（国控）、“provincial”（省控）、“city”（市控）、“county”（县控）'
const typeNames = '“basic”（基础点位）、“risk”（风险监控点位）、“background”（背景点位）、“produce”（农产品产地点位）'
const statusNames = '“active”（在用）、“planned”（规划）、“retired”（已撤销）'
const level = z.enum(POINT_LEVELS, { error: `点位级别应为 ${levelNames} 之一` })
const type = z.enum(POINT_TYPES, { error: `点位类型应为 ${typeNames} 之一` })
const status = z.enum(POINT_STATUSES, { error: `点位状态应为 ${statusNames} 之一` })
const adcode = z.string().regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必填` })
    .trim()
    .min(1, `${label}必填`)
    .max(max, `${label}最多 ${max} 个字`)

const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '点位编号应为数字')
    .transform(Number),
})
const listQuery = z.object({
  adcode: adcode.optional(),
  level: level.optional(),
  type: type.optional(),
  status: status.optional(),
  q: z.string().max(100, '搜索内容最多 100 个字').optional(),
})
const createBody = z.object({
  adcode: adcode.optional(),
  code: text('点位编号', 40).regex(/^[0-9A-Za-z-]+$/, '点位编号只能由字母、数字和“-”组成，如 430903-JC0041'),
  name: text('点位名称', 100),
  level,
  type,
  status: z
    .enum(['active', 'planned'], { error: '新点位的状态应为“active”（在用）或“planned”（规划）' })
    .default('active'),
  lon: z
    .number({ error: '经度（lon）应为数字' })
    .min(73, '经度应在 73–136 之间（CGCS2000）')
    .max(136, '经度应在 73–136 之间（CGCS2000）'),
  lat: z
    .number({ error: '纬度（lat）应为数字' })
    .min(3, '纬度应在 3–54 之间（CGCS2000）')
    .max(54, '纬度应在 3–54 之间（CGCS2000）'),
  landUse: z
    .string()
    .trim()
    .regex(/^\d{2}[0-9H]\d[A-Z]?$/, '土地利用应为三调地类编码，如 0101、0103、0601、08H2')
    .nullable()
    .optional(),
  soilType: z.string().trim().max(50, '土壤类型最多 50 个字').nullable().optional(),
})
const editBody = z
  .object({
    version: z.number({ error: '版本号（version）必填，应为打开点位时读到的版本' }).int(),
    name: text('点位名称', 100).optional(),
    level: level.optional(),
    type: type.optional(),
    status: status.optional(),
  })
  .refine(
    (v) => v.name !== undefined || v.level !== undefined || v.type !== undefined || v.status !== undefined,
    '没有要修改的内容：可修改名称、级别、类型或状态',
  )
const amount = z
  .union([z.number(), z.string().max(30, '数值过长')], { error: '应为数字' })
  .nullable()
  .optional()
const resultBody = z.object({
  sampledOn: z.string({ error: '采样日期（sampledOn）必填，格式 YYYY-MM-DD' }).max(20, '采样日期格式应为 YYYY-MM-DD'),
  medium: z.string().max(10).optional(),
  crop: z.string().max(30, '作物名称最多 30 个字').nullable().optional(),
  ph: amount,
  organicMatterGKg: amount,
  ploughDepthCm: amount,
  values: z
    .partialRecord(z.enum(SOIL_VALUE_KEYS, { error: `检测项目应为 ${SOIL_VALUE_KEYS.join('、')} 之一` }), amount)
    .optional(),
})
const importQuery = z.object({
  mode: z.enum(['all', 'valid-only'], {
    error: '导入方式（mode）应为“all”（全部有效才导入）或“valid-only”（仅导入有效行）',
  }),
  dryRun: z
    .enum(['true', 'false', '1', '0'], { error: 'dryRun 应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true' || v === '1'),
})

/** Reads the one file `file` into memory; multer's limits become clear answers (413 for a file over the limit). */
function receiveFile(maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  }).single('file')
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next()
      if (!(err instanceof multer.MulterError))
        return next(new AppError('BAD_REQUEST', '上传的表单无法读取，请重新选择文件上传'))
      if (err.code === 'LIMIT_FILE_SIZE')
        return next(new AppError('PAYLOAD_TOO_LARGE', `文件过大：最大 ${formatBytes(maxBytes)}，请分成几个文件导入`))
      next(new AppError('VALIDATION', '每次只能上传 1 个文件（字段 file）'))
    })
  }
}

/** Multer hands over non-ASCII file names as latin1 bytes; officers' files are often named in Chinese. */
function decodeFileName(name: string): string {
  const utf8 = Buffer.from(name, 'latin1').toString('utf8')
  return /[^\x00-\x7F]/.test(name) && !utf8.includes('\uFFFD') ? utf8 : name
}

/**
 * 监测点位 and results: every staff role reads the points of its counties; the environment officer registers and
 * edits points; environment and farmland officers enter and import results (farmland: 农产品产地 points only).
 */
export function monitoringRoutes(deps: MonitoringDeps): Router {
  const router = Router()
  router.get('/api/monitoring/points', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await listPointsFor(deps, ctx, parse(listQuery, req.query)))
  })
  router.get('/api/monitoring/points/:id', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getPointDetail(deps, ctx, parse(idParams, req.params).id))
  })
  router.post('/api/monitoring/points', async (req, res) => {
    const ctx = assertRight(req, 'monitoring.edit')
    res.status(201).json(await createPoint(deps, ctx, parse(createBody, req.body ?? {})))
  })
  router.patch('/api/monitoring/points/:id', async (req, res) => {
    const ctx = assertRight(req, 'monitoring.edit')
    res.json(await editPoint(deps, ctx, parse(idParams, req.params).id, parse(editBody, req.body ?? {})))
  })
  router.post('/api/monitoring/points/:id/results', async (req, res) => {
    const ctx = assertRight(req, 'monitoring.enterResults')
    res.status(201).json(await addResult(deps, ctx, parse(idParams, req.params).id, parse(resultBody, req.body ?? {})))
  })
  for (const format of ['xlsx', 'csv'] as const) {
    router.get(`/api/monitoring/import-template.${format}`, async (req, res) => {
      assertRole(req)
      const file = await buildTemplate(format)
      res
        .set({
          'Content-Type': file.contentType,
          'Content-Disposition': contentDisposition(file.fileName),
          'Cache-Control': 'private, no-store',
        })
        .send(file.body)
    })
  }
  router.post(
    '/api/monitoring/import',
    requireRight('monitoring.import'),
    receiveFile(deps.settings.importMaxBytes),
    async (req, res) => {
      const ctx = assertRight(req, 'monitoring.import')
      const { mode, dryRun } = parse(importQuery, req.query)
      if (!req.file)
        throw new AppError('VALIDATION', '请选择要导入的结果文件（字段 file）：导入模板填写后的 .xlsx 或 .csv')
      const report = await importResults(deps, ctx, {
        fileName: decodeFileName(req.file.originalname),
        bytes: req.file.buffer,
        mode,
        isDryRun: dryRun,
      })
      res.status(dryRun ? 200 : 201).json(report)
    },
  )
  return router
}

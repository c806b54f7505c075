import { Router } from 'express'
import { z } from 'zod'
import { assertRight } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import { isoDate } from '../../../contracts/fields.ts'
import { VERDICTS } from '../domain/precheck.ts'
import { getPrecheckFeatures } from '../services/precheck-features.service.ts'
import { buildPrecheckReport } from '../services/precheck-report.service.ts'
import {
  createPrecheck,
  getPrecheck,
  listPrechecksFor,
  rerunPrecheck,
  type PrecheckDeps,
} from '../services/precheck.service.ts'

const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '核查记录编号应为数字')
    .transform(Number),
})
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()
const createBody = z.object({
  geometry: z.unknown().refine((g) => g !== undefined && g !== null, '核查地块边界（geometry）必填'),
  plannedUse: z
    .string({ error: '规划用途（plannedUse）必填，应为 GB 50137-2011 用地代码，如 R2' })
    .max(10, '规划用途代码最多 10 个字符'),
  name: optionalText('地块名称', 100),
  reference: optionalText('来源地块或图斑编号', 100),
})
const verdictNames =
  '“allowed”（可进入用地程序）、“investigate”（须开展土壤污染状况调查评估）、“refused”（不得进入用地程序）'
const listQuery = z
  .object({
    number: z.string().max(50, '核查编号最多 50 个字').optional(),
    from: isoDate('起始日期').optional(),
    to: isoDate('截止日期').optional(),
    verdict: z.enum(VERDICTS, { error: `核查结论应为 ${verdictNames} 之一` }).optional(),
    q: z.string().max(100, '搜索内容最多 100 个字').optional(),
    adcode: z
      .string()
      .regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
      .optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, '起始日期不能晚于截止日期')

/** 用地准入核查: land officers check and re-run; land officers and approvers read the records of their counties. */
export function precheckRoutes(deps: PrecheckDeps): Router {
  const router = Router()
  router.post('/api/precheck', async (req, res) => {
    const ctx = assertRight(req, 'precheck.run')
    res.status(201).json(await createPrecheck(deps, ctx, parse(createBody, req.body ?? {})))
  })
  router.get('/api/precheck', async (req, res) => {
    const ctx = assertRight(req, 'precheck.read')
    res.json(await listPrechecksFor(deps, ctx, parse(listQuery, req.query)))
  })
  router.get('/api/precheck/:id', async (req, res) => {
    const ctx = assertRight(req, 'precheck.read')
    res.json(await getPrecheck(deps.db, ctx, parse(idParams, req.params).id))
  })
  router.get('/api/precheck/:id/features', async (req, res) => {
    const ctx = assertRight(req, 'precheck.read')
    res
      .set('Cache-Control', 'private, no-store')
      .json(await getPrecheckFeatures(deps.db, ctx, parse(idParams, req.params).id))
  })
  router.get('/api/precheck/:id/report.pdf', async (req, res) => {
    const ctx = assertRight(req, 'precheck.read')
    const report = await buildPrecheckReport(deps.db, ctx, parse(idParams, req.params).id)
    res
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': contentDisposition(report.fileName, 'inline'),
        'Cache-Control': 'private, no-store',
      })
      .send(report.pdf)
  })
  router.post('/api/precheck/:id/rerun', async (req, res) => {
    const ctx = assertRight(req, 'precheck.run')
    res.status(201).json(await rerunPrecheck(deps, ctx, parse(idParams, req.params).id))
  })
  return router
}

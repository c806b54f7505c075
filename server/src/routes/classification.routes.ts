import { Router } from 'express'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { CLASS_ORDER } from '../domain/class-summary.ts'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import type { ClassificationRunner } from '../services/classification-runner.ts'
import {
  cancelJob,
  getEntry,
  getFarmlandStatistics,
  getJob,
  getListSummary,
  listClassLists,
  listJobsFor,
  listListChanges,
  createRuleSet,
  listRuleSetsFor,
  overrideListEntry,
  startClassification,
} from '../services/classification.service.ts'

const adcode = z.string({ error: '区县代码应为 6 位数字' }).regex(/^\d{6}$/, '区县代码应为 6 位数字')
const idParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '编号应为数字')
    .transform(Number),
})
const entryParams = idParams.extend({
  parcelId: z
    .string()
    .regex(/^\d{1,15}$/, '图斑编号应为数字')
    .transform(Number),
})
const countyQuery = z.object({ adcode: adcode.optional() })
const startBody = z.object({
  adcode,
  ruleSetVersion: z
    .string({ error: '规则集版本应为文字' })
    .trim()
    .min(1, '规则集版本不能为空')
    .max(100, '规则集版本过长')
    .optional(),
})
const pageQuery = z.object({
  offset: z.coerce.number({ error: '起始位置应为数字' }).int('起始位置应为整数').min(0, '起始位置不能为负').default(0),
  limit: z.coerce
    .number({ error: '条数应为数字' })
    .int('条数应为整数')
    .min(1, '条数至少为 1')
    .max(1000, '每页最多 1000 条')
    .default(100),
})
const overrideBody = z.object({
  class: z.enum(CLASS_ORDER, {
    error: `类别应为：${CLASS_ORDER.join('、')}（优先保护类、安全利用类、严格管控类、未划定）`,
  }),
  reason: z.string({ error: '调整类别须填写理由' }).trim().min(1, '调整类别须填写理由').max(500, '理由最多 500 个字'),
})

const classField = z.enum(['priority', 'safe_use', 'strict'], {
  error: '类别矩阵中的类别应为 priority、safe_use 或 strict',
})
const cropColumns = z.object(
  { none: classField, ok: classField, slight: classField, serious: classField },
  { error: '类别矩阵每行应有 none、ok、slight、serious 四列' },
)
const ruleSetBody = z.object({
  version: z
    .string({ error: '请填写规则集版本号' })
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,40}$/, '规则集版本号应为 1–40 位字母、数字或 . _ -'),
  name: z.string({ error: '请填写规则集名称' }).trim().min(1, '请填写规则集名称').max(80, '规则集名称最多 80 个字'),
  isDefault: z.boolean({ error: 'isDefault 应为 true 或 false' }).default(false),
  rules: z.object(
    {
      matrix: z.object(
        { A: cropColumns, B: cropColumns, C: cropColumns },
        { error: '请给出类别矩阵（土壤 A/B/C × 农产品 none/ok/slight/serious）' },
      ),
      cropSeriousRatio: z.number({ error: '农产品严重超标倍数应为数字' }),
      aggregation: z.enum(['worst', 'mean-ratio'], { error: '多样点合并方式应为 worst 或 mean-ratio' }),
      interpolation: z.object(
        {
          method: z.enum(['idw', 'nearest'], { error: '插值方法应为 idw 或 nearest' }),
          maxDistanceM: z.number({ error: '插值最大距离应为数字（米）' }),
          maxSamples: z.number({ error: '插值样点数应为整数' }),
          power: z.number({ error: '反距离加权的幂应为数字' }),
        },
        { error: '请给出插值设置' },
      ),
      gb2762Edition: z.string({ error: '请给出 GB 2762 版本' }),
      notes: z
        .array(z.string({ error: '说明（notes）每条应为文字' }).max(500, '说明每条最多 500 个字'), {
          error: '说明（notes）应为文字数组',
        })
        .max(50, '说明最多 50 条')
        .default([]),
    },
    { error: '请给出规则内容 rules' },
  ),
})

/** Classification jobs, class lists (summary, changes, entries, overrides) and the published-class statistics. */
export function classificationRoutes(db: Database, runner: ClassificationRunner): Router {
  const router = Router()
  router.get('/api/classification/rule-sets', requireRole(), async (_req, res) => {
    res.json({ ruleSets: await listRuleSetsFor(db) })
  })
  router.post('/api/classification/rule-sets', async (req, res) => {
    const ctx = assertRight(req, 'classification.rules')
    res.status(201).json({ ruleSet: await createRuleSet(db, ctx, parse(ruleSetBody, req.body ?? {})) })
  })
  router.post('/api/classification/jobs', async (req, res) => {
    const ctx = assertRight(req, 'classification.run')
    const body = parse(startBody, req.body ?? {})
    res.status(202).json({ job: await startClassification(db, runner, ctx, body) })
  })
  router.get('/api/classification/jobs', requireRole(), async (req, res) => {
    const { adcode: code } = parse(countyQuery, req.query)
    res.json({ jobs: await listJobsFor(db, req.auth!, code) })
  })
  router.get('/api/classification/jobs/:id', requireRole(), async (req, res) => {
    const { id } = parse(idParams, req.params)
    res.json({ job: await getJob(db, req.auth!, id) })
  })
  router.post('/api/classification/jobs/:id/cancel', async (req, res) => {
    const ctx = assertRight(req, 'classification.run')
    const { id } = parse(idParams, req.params)
    res.json({ job: await cancelJob(db, runner, ctx, id) })
  })
  router.get('/api/class-lists', requireRole(), async (req, res) => {
    const { adcode: code } = parse(countyQuery, req.query)
    res.json({ lists: await listClassLists(db, req.auth!, code) })
  })
  router.get('/api/class-lists/:id/summary', requireRole(), async (req, res) => {
    const { id } = parse(idParams, req.params)
    res.json(await getListSummary(db, req.auth!, id))
  })
  router.get('/api/class-lists/:id/changes', requireRole(), async (req, res) => {
    const { id } = parse(idParams, req.params)
    const { offset, limit } = parse(pageQuery, req.query)
    res.json(await listListChanges(db, req.auth!, id, offset, limit))
  })
  router.get('/api/class-lists/:id/entries/:parcelId', requireRole(), async (req, res) => {
    const { id, parcelId } = parse(entryParams, req.params)
    res.json({ entry: await getEntry(db, req.auth!, id, parcelId) })
  })
  router.post('/api/class-lists/:id/entries/:parcelId/override', async (req, res) => {
    const ctx = assertRight(req, 'classification.run')
    const { id, parcelId } = parse(entryParams, req.params)
    const body = parse(overrideBody, req.body ?? {})
    res.json({ entry: await overrideListEntry(db, ctx, { listId: id, parcelId, ...body }) })
  })
  router.get('/api/statistics/farmland', requireRole(), async (req, res) => {
    const { adcode: code } = parse(countyQuery, req.query)
    res.json(await getFarmlandStatistics(db, req.auth!, code))
  })
  return router
}

import { Router } from 'express'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { REVIEW_ACTIONS, REVIEW_STATUSES } from '../domain/review-workflow.ts'
import { assertRole, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import { REVIEW_TABLES } from '../repos/review.repo.ts'
import { getRecordHistory, listReviewQueueFor, transitionReview } from '../services/review.service.ts'

const kinds = Object.keys(REVIEW_TABLES) as [keyof typeof REVIEW_TABLES, ...(keyof typeof REVIEW_TABLES)[]]
const kindMessage = `记录类型应为：${kinds.join('、')}`
const recordParams = z.object({
  kind: z.enum(kinds, { error: kindMessage }),
  id: z
    .string()
    .regex(/^\d{1,15}$/, '记录编号应为数字')
    .transform(Number),
})
const actionParams = recordParams.extend({
  action: z.enum(REVIEW_ACTIONS, { error: `操作应为：${REVIEW_ACTIONS.join('、')}` }),
})
const actionBody = z
  .object({
    reason: z.string({ error: '理由应为文字' }).max(500, '理由最多 500 个字').optional(),
    version: z.number({ error: '版本号应为数字' }).int().positive().optional(),
  })
  .default({})
const queueQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => s?.split(',').filter(Boolean))
    .pipe(z.array(z.enum(REVIEW_STATUSES, { error: `状态应为：${REVIEW_STATUSES.join('、')}` })).optional()),
})

export function reviewRoutes(db: Database, onChanged: (layers: string[]) => void): Router {
  const router = Router()
  router.get('/api/reviews', requireRole(), async (req, res) => {
    const { status } = parse(queueQuery, req.query)
    res.json({ items: await listReviewQueueFor(db, req.auth!, status, 200) })
  })
  router.post('/api/reviews/:kind/:id/:action', async (req, res) => {
    const ctx = assertRole(req)
    const { kind, id, action } = parse(actionParams, req.params)
    const body = parse(actionBody, req.body ?? {})
    res.json(await transitionReview(db, ctx, { kind, id, action, ...body }, onChanged))
  })
  router.get('/api/history/:kind/:id', requireRole(), async (req, res) => {
    const { kind, id } = parse(recordParams, req.params)
    res.json({ entries: await getRecordHistory(db, req.auth!, kind, id) })
  })
  return router
}

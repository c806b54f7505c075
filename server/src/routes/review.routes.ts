import { Router } from 'express'
import type { Database } from '../db/database.ts'
import { assertRole, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  getRecordHistory,
  listReviewQueueFor,
  transitionReview,
  type ReviewSettings,
} from '../services/review.service.ts'
import {
  RecordParams,
  ReviewActionBody,
  ReviewActionParams,
  ReviewQueueQuery,
  type HistoryResponse,
  type ReviewQueueResponse,
} from '../../../contracts/review.ts'

export function reviewRoutes(db: Database, onChanged: (layers: string[]) => void, settings: ReviewSettings): Router {
  const router = Router()
  router.get('/api/reviews', requireRole(), async (req, res) => {
    const { status } = parse(ReviewQueueQuery, req.query)
    res.json({ items: await listReviewQueueFor(db, req.auth!, status, 200) } satisfies ReviewQueueResponse)
  })
  router.post('/api/reviews/:kind/:id/:action', async (req, res) => {
    const ctx = assertRole(req)
    const { kind, id, action } = parse(ReviewActionParams, req.params)
    const body = parse(ReviewActionBody, req.body ?? {})
    res.json(await transitionReview(db, ctx, { kind, id, action, ...body }, onChanged, settings))
  })
  router.get('/api/history/:kind/:id', requireRole(), async (req, res) => {
    const { kind, id } = parse(RecordParams, req.params)
    res.json({ entries: await getRecordHistory(db, req.auth!, kind, id) } satisfies HistoryResponse)
  })
  return router
}

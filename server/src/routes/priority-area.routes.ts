import { Router } from 'express'
import { z } from 'zod'
import type { PriorityAreaSummary } from '../../../contracts/priority-area.ts'
import type { Database } from '../db/database.ts'
import type { PriorityAreaSettings } from '../domain/priority-area.ts'
import { requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import { getPriorityAreaSummary } from '../services/priority-area.service.ts'

const summaryQuery = z.object({
  adcode: z
    .string()
    .regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
    .optional(),
})

/** 优先保护类耕地集中区域 over the class-list versions, for the statistics page. Staff of the county's scope. */
export function priorityAreaRoutes(db: Database, settings: PriorityAreaSettings): Router {
  const router = Router()
  router.get('/api/priority-areas', requireRole(), async (req, res) => {
    const { adcode } = parse(summaryQuery, req.query)
    res.json((await getPriorityAreaSummary(db, req.auth!, adcode, settings)) satisfies PriorityAreaSummary)
  })
  return router
}

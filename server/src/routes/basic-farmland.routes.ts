import { Router } from 'express'
import { z } from 'zod'
import type { BasicFarmlandDisagreements } from '../../../contracts/basic-farmland.ts'
import type { Database } from '../db/database.ts'
import { requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import { listBasicFarmlandDisagreements } from '../services/basic-farmland.service.ts'

const disagreementQuery = z.object({
  adcode: z.string({ error: '请给出区县代码 adcode（6 位数字）' }).regex(/^\d{6}$/, '区县代码应为 6 位数字'),
  listId: z
    .string()
    .regex(/^\d{1,15}$/, '分类清单编号应为数字')
    .transform(Number)
    .optional(),
})

/** 永久基本农田 against the farmland classes, for the classification page. Staff of the county's scope. */
export function basicFarmlandRoutes(db: Database, settings: { minOverlapM2: number }): Router {
  const router = Router()
  router.get('/api/basic-farmland/disagreements', requireRole(), async (req, res) => {
    const q = parse(disagreementQuery, req.query)
    const answer = await listBasicFarmlandDisagreements(
      db,
      req.auth!,
      { adcode: q.adcode, listId: q.listId ?? null },
      settings,
    )
    res.json(answer satisfies BasicFarmlandDisagreements)
  })
  return router
}

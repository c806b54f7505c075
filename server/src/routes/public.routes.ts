import { Router } from 'express'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import type { CoverageSettings } from '../domain/coverage.ts'
import { parse } from '../http/validate.ts'
import {
  listPublicControlZones,
  listPublicCounties,
  listPublicPlots,
  searchPublicPlaces,
} from '../services/public.service.ts'

const publicSearchQuery = z.object({
  q: z
    .string({ error: '请输入检索内容（区县、乡镇名称或代码，污染地块或管控区域名称、编号）' })
    .trim()
    .min(1, '请输入检索内容（区县、乡镇名称或代码，污染地块或管控区域名称、编号）')
    .max(50, '检索内容过长（最多 50 个字）'),
})
const countyQuery = z.object({
  adcode: z
    .string({ error: '区县代码应为 6 位数字' })
    .regex(/^[1-9]\d{5}$/, '区县代码应为 6 位数字')
    .optional(),
})

/** The public side (no login): published records and public administrative units only. */
export function publicRoutes(db: Database, limits: { searchResults: number }, coverage: CoverageSettings): Router {
  const router = Router()
  router.use('/api/public', (_req, res, next) => {
    res.set('Cache-Control', 'no-cache')
    next()
  })
  router.get('/api/public/counties', async (_req, res) => {
    res.json(await listPublicCounties(db, coverage))
  })
  router.get('/api/public/control-zones', async (req, res) => {
    const { adcode } = parse(countyQuery, req.query)
    res.json({ zones: await listPublicControlZones(db, adcode ?? null) })
  })
  router.get('/api/public/plots', async (req, res) => {
    const { adcode } = parse(countyQuery, req.query)
    res.json({ plots: await listPublicPlots(db, adcode ?? null) })
  })
  router.get('/api/public/search', async (req, res) => {
    const { q } = parse(publicSearchQuery, req.query)
    res.json({ results: await searchPublicPlaces(db, q, limits.searchResults) })
  })
  return router
}

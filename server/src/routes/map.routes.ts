import { Router } from 'express'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import { getFeatureInfo, getHealth, listCountiesWithExtent, searchMap } from '../services/map.service.ts'

const searchQuery = z.object({
  q: z
    .string({ error: '请输入检索内容（区县、乡镇名称或代码，图斑编号，地块名称）' })
    .trim()
    .min(1, '请输入检索内容（区县、乡镇名称或代码，图斑编号，地块名称）')
    .max(50, '检索内容过长（最多 50 个字）'),
})
const featureParams = z.object({
  layer: z.string().regex(/^[a-z-]{1,40}$/, '图层名称无效'),
  id: z.string().regex(/^\d{1,15}$/, '要素编号应为数字'),
})

/** The internal map: counties, search and feature attributes, within the user's scope. */
export function mapRoutes(db: Database, limits: { searchResults: number }): Router {
  const router = Router()
  router.get('/api/health', async (_req, res) => {
    res.json(await getHealth(db))
  })
  router.get('/api/counties', requireRole(), async (req, res) => {
    res.json(await listCountiesWithExtent(db, req.auth!))
  })
  router.get('/api/search', requireRole(), async (req, res) => {
    const { q } = parse(searchQuery, req.query)
    res.json({ results: await searchMap(db, req.auth!, q, limits.searchResults) })
  })
  router.get('/api/features/:layer/:id', requireRole(), async (req, res) => {
    const { layer, id } = parse(featureParams, req.params)
    res.json(await getFeatureInfo(db, req.auth!, layer, Number(id)))
  })
  return router
}

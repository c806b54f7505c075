import { Router } from 'express'
import type { Database } from '../db/database.ts'
import { requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  getFeatureInfo,
  getHealth,
  listCountiesWithExtent,
  searchMap,
  type FeatureInfoSettings,
} from '../services/map.service.ts'
import { FeatureParams, SearchQuery, type SearchResponse } from '../../../contracts/map.ts'

/** The internal map: counties, search and feature attributes, within the user's scope. */
export function mapRoutes(db: Database, limits: { searchResults: number }, settings?: FeatureInfoSettings): Router {
  const router = Router()
  router.get('/api/health', async (_req, res) => {
    res.json(await getHealth(db))
  })
  router.get('/api/counties', requireRole(), async (req, res) => {
    res.json(await listCountiesWithExtent(db, req.auth!))
  })
  router.get('/api/search', requireRole(), async (req, res) => {
    const { q } = parse(SearchQuery, req.query)
    res.json((await searchMap(db, req.auth!, q, limits.searchResults)) satisfies SearchResponse)
  })
  router.get('/api/features/:layer/:id', requireRole(), async (req, res) => {
    const { layer, id } = parse(FeatureParams, req.params)
    res.json(await getFeatureInfo(db, req.auth!, layer, Number(id), settings))
  })
  return router
}

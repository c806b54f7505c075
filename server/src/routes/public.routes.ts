import { Router } from 'express'
import type { Database } from '../db/database.ts'
import type { CoverageSettings } from '../domain/coverage.ts'
import { parse } from '../http/validate.ts'
import {
  listPublicControlZones,
  listPublicCounties,
  listPublicPlots,
  searchPublicPlaces,
} from '../services/public.service.ts'
import {
  PublicCountyQuery,
  PublicSearchQuery,
  type PublicCountiesResponse,
  type PublicPlotsResponse,
  type PublicSearchResponse,
  type PublicZonesResponse,
} from '../../../contracts/public.ts'

/** The public side (no login): published records and public administrative units only. */
export function publicRoutes(db: Database, limits: { searchResults: number }, coverage: CoverageSettings): Router {
  const router = Router()
  router.use('/api/public', (_req, res, next) => {
    res.set('Cache-Control', 'no-cache')
    next()
  })
  router.get('/api/public/counties', async (_req, res) => {
    res.json((await listPublicCounties(db, coverage)) satisfies PublicCountiesResponse)
  })
  router.get('/api/public/control-zones', async (req, res) => {
    const { adcode } = parse(PublicCountyQuery, req.query)
    res.json({ zones: await listPublicControlZones(db, adcode ?? null) } satisfies PublicZonesResponse)
  })
  router.get('/api/public/plots', async (req, res) => {
    const { adcode } = parse(PublicCountyQuery, req.query)
    res.json({ plots: await listPublicPlots(db, adcode ?? null) } satisfies PublicPlotsResponse)
  })
  router.get('/api/public/search', async (req, res) => {
    const { q } = parse(PublicSearchQuery, req.query)
    res.json((await searchPublicPlaces(db, q, limits.searchResults)) satisfies PublicSearchResponse)
  })
  return router
}

import { Router } from 'express'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  BanZoneIdParams,
  BanZoneListQuery,
  CreateBanZoneBody,
  StrictParcelsQuery,
  UpdateBanZoneBody,
  type PublicBanZonesResponse,
} from '../../../contracts/ban-zones.ts'
import {
  createBanZone,
  getBanZone,
  listBanZonesFor,
  listPublicBanZones,
  listStrictParcelsFor,
  updateBanZoneOf,
  type BanZoneDeps,
} from '../services/ban-zones.service.ts'

/** Most 严格管控类 parcels listed to choose from. */
const STRICT_PARCEL_LIMIT = 2000

/**
 * 特定农产品禁止生产区域: reads for any staff role in scope, proposals by the farmland officer (who runs the
 * classification); the published ones for anyone (public fields only). Review and publish: /api/reviews.
 */
export function banZonesRoutes(deps: BanZoneDeps): Router {
  const router = Router()
  router.get('/api/ban-zones', requireRole(), async (req, res) => {
    res.json(await listBanZonesFor(deps.db, req.auth!, parse(BanZoneListQuery, req.query).adcode))
  })
  router.get('/api/ban-zones/strict-parcels', requireRole(), async (req, res) => {
    const { adcode } = parse(StrictParcelsQuery, req.query)
    res.json(await listStrictParcelsFor(deps.db, req.auth!, adcode, STRICT_PARCEL_LIMIT))
  })
  router.get('/api/ban-zones/:id', requireRole(), async (req, res) => {
    res.json(await getBanZone(deps.db, req.auth!, parse(BanZoneIdParams, req.params).id))
  })
  router.post('/api/ban-zones', async (req, res) => {
    const ctx = assertRight(req, 'classification.run')
    res.status(201).json(await createBanZone(deps, ctx, parse(CreateBanZoneBody, req.body ?? {})))
  })
  router.patch('/api/ban-zones/:id', async (req, res) => {
    const ctx = assertRight(req, 'classification.run')
    const { id } = parse(BanZoneIdParams, req.params)
    res.json(await updateBanZoneOf(deps, ctx, id, parse(UpdateBanZoneBody, req.body ?? {})))
  })
  router.get('/api/public/ban-zones', async (req, res) => {
    const { adcode } = parse(BanZoneListQuery, req.query)
    res.json({ zones: await listPublicBanZones(deps.db, adcode ?? null) } satisfies PublicBanZonesResponse)
  })
  return router
}

import { Router } from 'express'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import { CreateZoneBody, UpdateZoneBody, ZoneIdParams, ZoneListQuery } from '../../../contracts/zones.ts'
import {
  createZone,
  getZone,
  listZonesFor,
  updateZoneOf,
  type ControlZoneDeps,
} from '../services/control-zones.service.ts'

/** 管控区域: reads for any staff role in scope, writes for environment officers. Review and publish: /api/reviews. */
export function controlZonesRoutes(deps: ControlZoneDeps): Router {
  const router = Router()
  router.get('/api/control-zones', requireRole(), async (req, res) => {
    res.json(await listZonesFor(deps.db, req.auth!, parse(ZoneListQuery, req.query).adcode))
  })
  router.get('/api/control-zones/:id', requireRole(), async (req, res) => {
    res.json(await getZone(deps.db, req.auth!, parse(ZoneIdParams, req.params).id))
  })
  router.post('/api/control-zones', async (req, res) => {
    const ctx = assertRight(req, 'controlZone.edit')
    res.status(201).json(await createZone(deps, ctx, parse(CreateZoneBody, req.body ?? {})))
  })
  router.patch('/api/control-zones/:id', async (req, res) => {
    const ctx = assertRight(req, 'controlZone.edit')
    const { id } = parse(ZoneIdParams, req.params)
    res.json(await updateZoneOf(deps, ctx, id, parse(UpdateZoneBody, req.body ?? {})))
  })
  return router
}

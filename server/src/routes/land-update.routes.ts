import { Router } from 'express'
import { scopeAdcodes } from '../domain/scope.ts'
import { requireRight } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import type { LandUpdateService } from '../services/land-update.service.ts'
import {
  LandUpdateDecisionBody,
  LandUpdateFeaturesQuery,
  LandUpdateParams,
  RetiredListQuery,
  RetiredParcelParams,
} from '../../../contracts/land-update.ts'

/** 年度变更调查: plan a checked DLTB import against the county's parcels, review, decide conflicts, apply, restore. */
export function landUpdateRoutes(service: LandUpdateService): Router {
  const router = Router()
  const guard = requireRight('land.import')
  router.get('/api/land-updates/retired', guard, async (req, res) => {
    const { adcode } = parse(RetiredListQuery, req.query)
    const scope = scopeAdcodes(req.auth!)
    res.json({ parcels: await service.retired(adcode ? scope.filter((c) => c === adcode) : scope) })
  })
  router.post('/api/land-updates/retired/:id/restore', guard, async (req, res) => {
    const { id } = parse(RetiredParcelParams, req.params)
    res.json(await service.restore(req.auth!, id))
  })
  router.post('/api/land-updates/:importId', guard, async (req, res) => {
    const { importId } = parse(LandUpdateParams, req.params)
    res.status(201).json(await service.plan(req.auth!, importId))
  })
  router.get('/api/land-updates/:importId', guard, async (req, res) => {
    const { importId } = parse(LandUpdateParams, req.params)
    res.json(await service.preview(req.auth!, importId))
  })
  router.get('/api/land-updates/:importId/features', guard, async (req, res) => {
    const { importId } = parse(LandUpdateParams, req.params)
    const { kinds } = parse(LandUpdateFeaturesQuery, req.query)
    res.json(await service.features(req.auth!, importId, kinds))
  })
  router.post('/api/land-updates/:importId/decisions', guard, async (req, res) => {
    const { importId } = parse(LandUpdateParams, req.params)
    res.json(await service.decide(req.auth!, importId, parse(LandUpdateDecisionBody, req.body ?? {})))
  })
  router.post('/api/land-updates/:importId/apply', guard, async (req, res) => {
    const { importId } = parse(LandUpdateParams, req.params)
    res.status(202).json(await service.apply(req.auth!, importId))
  })
  router.get('/api/land-updates/:importId/status', guard, async (req, res) => {
    const { importId } = parse(LandUpdateParams, req.params)
    res.json(await service.status(req.auth!, importId))
  })
  router.post('/api/land-updates/:importId/cancel', guard, async (req, res) => {
    const { importId } = parse(LandUpdateParams, req.params)
    res.json(await service.cancel(req.auth!, importId))
  })
  return router
}

import { Router } from 'express'
import { LAND_USE_2023_STANDARD, landUse2023Reference } from '../domain/land-use-2023.ts'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import { addCheckRecordRoutes } from './check-records.ts'
import { CreatePrecheckBody, PrecheckIdParams, PrecheckListQuery } from '../../../contracts/precheck.ts'
import type { LandUse2023Reference } from '../../../contracts/registry.ts'
import { getPrecheckFeatures } from '../services/precheck-features.service.ts'
import { buildPrecheckReport } from '../services/precheck-report.service.ts'
import {
  createPrecheck,
  getPrecheck,
  listPrechecksFor,
  rerunPrecheck,
  type PrecheckDeps,
} from '../services/precheck.service.ts'

/** 用地准入核查: land officers check and re-run; land officers and approvers read the records of their counties. */
export function precheckRoutes(deps: PrecheckDeps): Router {
  const router = Router()
  router.get('/api/reference/land-use-2023', requireRole(), (_req, res) => {
    res.json({
      standard: LAND_USE_2023_STANDARD,
      codes: landUse2023Reference(deps.settings.landUse2023Classes),
    } satisfies LandUse2023Reference)
  })
  addCheckRecordRoutes(router, {
    path: '/api/precheck',
    run: 'precheck.run',
    read: 'precheck.read',
    create: (ctx, body) => createPrecheck(deps, ctx, parse(CreatePrecheckBody, body)),
    list: (ctx, query) => listPrechecksFor(deps, ctx, parse(PrecheckListQuery, query)),
    get: (ctx, params) => getPrecheck(deps.db, ctx, parse(PrecheckIdParams, params).id),
    report: (ctx, params) => buildPrecheckReport(deps.db, ctx, parse(PrecheckIdParams, params).id),
  })
  router.get('/api/precheck/:id/features', async (req, res) => {
    const ctx = assertRight(req, 'precheck.read')
    res
      .set('Cache-Control', 'private, no-store')
      .json(await getPrecheckFeatures(deps.db, ctx, parse(PrecheckIdParams, req.params).id))
  })
  router.post('/api/precheck/:id/rerun', async (req, res) => {
    const ctx = assertRight(req, 'precheck.run')
    res.status(201).json(await rerunPrecheck(deps, ctx, parse(PrecheckIdParams, req.params).id))
  })
  return router
}

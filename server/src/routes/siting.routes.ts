import { Router } from 'express'
import { requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import { addCheckRecordRoutes } from './check-records.ts'
import { CreateSitingCheckBody, SitingCheckIdParams, SitingCheckListQuery } from '../../../contracts/siting.ts'
import { buildSitingReport } from '../services/siting-report.service.ts'
import {
  createSitingCheck,
  getSitingCheck,
  listSitingChecksFor,
  sitingReference,
  type SitingDeps,
} from '../services/siting.service.ts'

/** 建设项目选址核查: environment and land officers check; they and approvers read the records of their counties. */
export function sitingRoutes(deps: SitingDeps): Router {
  const router = Router()
  router.get('/api/reference/siting-industries', requireRole(), (_req, res) => {
    res.json(sitingReference(deps.settings))
  })
  addCheckRecordRoutes(router, {
    path: '/api/siting-checks',
    run: 'siting.run',
    read: 'siting.read',
    create: (ctx, body) => createSitingCheck(deps, ctx, parse(CreateSitingCheckBody, body)),
    list: (ctx, query) => listSitingChecksFor(deps, ctx, parse(SitingCheckListQuery, query)),
    get: (ctx, params) => getSitingCheck(deps.db, ctx, parse(SitingCheckIdParams, params).id),
    report: (ctx, params) => buildSitingReport(deps.db, ctx, parse(SitingCheckIdParams, params).id),
  })
  return router
}

import { Router } from 'express'
import { assertRight, requireRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
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
  router.post('/api/siting-checks', async (req, res) => {
    const ctx = assertRight(req, 'siting.run')
    res.status(201).json(await createSitingCheck(deps, ctx, parse(CreateSitingCheckBody, req.body ?? {})))
  })
  router.get('/api/siting-checks', async (req, res) => {
    const ctx = assertRight(req, 'siting.read')
    res.json(await listSitingChecksFor(deps, ctx, parse(SitingCheckListQuery, req.query)))
  })
  router.get('/api/siting-checks/:id', async (req, res) => {
    const ctx = assertRight(req, 'siting.read')
    res.json(await getSitingCheck(deps.db, ctx, parse(SitingCheckIdParams, req.params).id))
  })
  router.get('/api/siting-checks/:id/report.pdf', async (req, res) => {
    const ctx = assertRight(req, 'siting.read')
    const report = await buildSitingReport(deps.db, ctx, parse(SitingCheckIdParams, req.params).id)
    res
      .set({
        'Content-Type': 'application/pdf',
        'Content-Disposition': contentDisposition(report.fileName, 'inline'),
        'Cache-Control': 'private, no-store',
      })
      .send(report.pdf)
  })
  return router
}

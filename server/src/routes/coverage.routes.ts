import { Router } from 'express'
import type { Database } from '../db/database.ts'
import { assertRight, assertRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  getCoverage,
  getCoveragePoints,
  getTownshipCoverage,
  getUncoveredFarmland,
  type CoverageServiceSettings,
} from '../services/coverage.service.ts'
import { acceptGapProposal, runGapAnalysis } from '../services/coverage-gaps.service.ts'
import { AcceptGapBody, CoverageCountyQuery, CoverageListQuery, GapBody } from '../../../contracts/coverage.ts'

/** 监测覆盖: every staff role reads coverage and runs the gap analysis of its counties; environment officers accept proposals. */
export function coverageRoutes(deps: { db: Database; settings: CoverageServiceSettings }): Router {
  const { db, settings } = deps
  const router = Router()
  router.get('/api/coverage', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getCoverage(db, ctx, settings, parse(CoverageListQuery, req.query).adcode))
  })
  router.get('/api/coverage/townships', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getTownshipCoverage(db, ctx, settings, parse(CoverageCountyQuery, req.query).adcode))
  })
  router.get('/api/coverage/uncovered', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getUncoveredFarmland(db, ctx, settings, parse(CoverageCountyQuery, req.query).adcode))
  })
  router.get('/api/coverage/points', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getCoveragePoints(db, ctx, parse(CoverageCountyQuery, req.query).adcode))
  })
  router.post('/api/coverage/gaps', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await runGapAnalysis(db, ctx, settings, parse(GapBody, req.body ?? {})))
  })
  router.post('/api/coverage/gaps/accept', async (req, res) => {
    const ctx = assertRight(req, 'coverage.plan')
    const input = parse(AcceptGapBody, req.body ?? {}) as Parameters<typeof acceptGapProposal>[3]
    res.status(201).json(await acceptGapProposal(db, ctx, settings, input))
  })
  return router
}

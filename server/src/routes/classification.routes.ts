import { Router } from 'express'
import type { Database } from '../db/database.ts'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  ClassIdParams,
  CountyQuery,
  EntryParams,
  OverrideBody,
  PageQuery,
  RuleSetBody,
  StartJobBody,
} from '../../../contracts/classification.ts'
import type { ClassificationRunner } from '../services/classification-runner.ts'
import {
  cancelJob,
  getEntry,
  getFarmlandStatistics,
  getJob,
  getListSummary,
  listClassLists,
  listJobsFor,
  listListChanges,
  createRuleSet,
  listRuleSetsFor,
  overrideListEntry,
  startClassification,
} from '../services/classification.service.ts'

/** Classification jobs, class lists (summary, changes, entries, overrides) and the published-class statistics. */
export function classificationRoutes(db: Database, runner: ClassificationRunner): Router {
  const router = Router()
  router.get('/api/classification/rule-sets', requireRole(), async (_req, res) => {
    res.json({ ruleSets: await listRuleSetsFor(db) })
  })
  router.post('/api/classification/rule-sets', async (req, res) => {
    const ctx = assertRight(req, 'classification.rules')
    res.status(201).json({ ruleSet: await createRuleSet(db, ctx, parse(RuleSetBody, req.body ?? {})) })
  })
  router.post('/api/classification/jobs', async (req, res) => {
    const ctx = assertRight(req, 'classification.run')
    const body = parse(StartJobBody, req.body ?? {})
    res.status(202).json({ job: await startClassification(db, runner, ctx, body) })
  })
  router.get('/api/classification/jobs', requireRole(), async (req, res) => {
    const { adcode: code } = parse(CountyQuery, req.query)
    res.json({ jobs: await listJobsFor(db, req.auth!, code) })
  })
  router.get('/api/classification/jobs/:id', requireRole(), async (req, res) => {
    const { id } = parse(ClassIdParams, req.params)
    res.json({ job: await getJob(db, req.auth!, id) })
  })
  router.post('/api/classification/jobs/:id/cancel', async (req, res) => {
    const ctx = assertRight(req, 'classification.run')
    const { id } = parse(ClassIdParams, req.params)
    res.json({ job: await cancelJob(db, runner, ctx, id) })
  })
  router.get('/api/class-lists', requireRole(), async (req, res) => {
    const { adcode: code } = parse(CountyQuery, req.query)
    res.json({ lists: await listClassLists(db, req.auth!, code) })
  })
  router.get('/api/class-lists/:id/summary', requireRole(), async (req, res) => {
    const { id } = parse(ClassIdParams, req.params)
    res.json(await getListSummary(db, req.auth!, id))
  })
  router.get('/api/class-lists/:id/changes', requireRole(), async (req, res) => {
    const { id } = parse(ClassIdParams, req.params)
    const { offset, limit } = parse(PageQuery, req.query)
    res.json(await listListChanges(db, req.auth!, id, offset, limit))
  })
  router.get('/api/class-lists/:id/entries/:parcelId', requireRole(), async (req, res) => {
    const { id, parcelId } = parse(EntryParams, req.params)
    res.json({ entry: await getEntry(db, req.auth!, id, parcelId) })
  })
  router.post('/api/class-lists/:id/entries/:parcelId/override', async (req, res) => {
    const ctx = assertRight(req, 'classification.run')
    const { id, parcelId } = parse(EntryParams, req.params)
    const body = parse(OverrideBody, req.body ?? {})
    res.json({ entry: await overrideListEntry(db, ctx, { listId: id, parcelId, ...body }) })
  })
  router.get('/api/statistics/farmland', requireRole(), async (req, res) => {
    const { adcode: code } = parse(CountyQuery, req.query)
    res.json(await getFarmlandStatistics(db, req.auth!, code))
  })
  return router
}

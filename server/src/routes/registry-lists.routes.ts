import { Router } from 'express'
import { assertRight, requireRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import { ListParams, PublishBody, VersionParams } from '../../../contracts/registry-lists.ts'
import type { Database } from '../db/database.ts'
import {
  announcementCsvOf,
  getVersion,
  listRegistryListsFor,
  listVersionsOf,
  previewList,
  publicFeed,
  publishList,
  resolveList,
} from '../services/registry-lists.service.ts'

/** Published versions of the three lists: staff read and preview, environment officers of the keeping level publish, anyone reads the feed. */
export function registryListsRoutes(deps: { db: Database; feedVersions: number }): Router {
  const router = Router()
  const { db } = deps
  const refOf = async (params: unknown) => {
    const p = parse(ListParams, params)
    return resolveList(db, p.list, p.jurisdiction)
  }
  router.get('/api/registry-lists', requireRole(), async (req, res) => {
    res.json(await listRegistryListsFor(db, req.auth!))
  })
  router.get('/api/registry-lists/:list/:jurisdiction/preview', requireRole(), async (req, res) => {
    res.json(await previewList(db, req.auth!, await refOf(req.params)))
  })
  router.post('/api/registry-lists/:list/:jurisdiction/publish', async (req, res) => {
    const ctx = assertRight(req, 'list.publish')
    const ref = await refOf(req.params)
    res.status(201).json(await publishList(db, ctx, ref, parse(PublishBody, req.body ?? {}).expectedVersion))
  })
  router.get('/api/registry-lists/:list/:jurisdiction/versions', requireRole(), async (req, res) => {
    res.json(await listVersionsOf(db, req.auth!, await refOf(req.params)))
  })
  router.get('/api/registry-lists/:list/:jurisdiction/versions/:version', requireRole(), async (req, res) => {
    const { version } = parse(VersionParams, req.params)
    res.json(await getVersion(db, req.auth!, await refOf(req.params), version))
  })
  router.get(
    '/api/registry-lists/:list/:jurisdiction/versions/:version/announcement.csv',
    requireRole(),
    async (req, res) => {
      const { version } = parse(VersionParams, req.params)
      const out = await announcementCsvOf(db, req.auth!, await refOf(req.params), version)
      res
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', contentDisposition(out.fileName))
        .send(out.csv)
    },
  )
  router.get('/api/public/registry-lists/:list/:jurisdiction/feed.json', async (req, res) => {
    res
      .set('Cache-Control', 'public, max-age=60')
      .json(await publicFeed(db, await refOf(req.params), deps.feedVersions))
  })
  return router
}

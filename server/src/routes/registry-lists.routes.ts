import { Router } from 'express'
import { z } from 'zod'
import { REGISTRY_LIST_CODES, isRegistryListCode, type RegistryListCode } from '../domain/list-announcement.ts'
import { assertRight, requireRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
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

const listParams = z.object({
  list: z
    .string()
    .refine(
      isRegistryListCode,
      `名录应为 ${REGISTRY_LIST_CODES.join('、')} 之一（疑似污染地块名单、污染地块名录、风险管控和修复名录）`,
    )
    .transform((s) => s as RegistryListCode),
  jurisdiction: z.string().regex(/^\d{6}$/, '辖区代码应为 6 位数字'),
})
const versionParams = listParams.extend({
  version: z
    .string()
    .regex(/^\d{1,9}$/, '版本号应为数字')
    .transform(Number),
})
const publishBody = z.object({
  expectedVersion: z
    .number({ error: '请提供预览时的最新版本号（expectedVersion，尚未发布过时为 0）' })
    .int()
    .min(0, '版本号不能为负'),
})

/** Published versions of the three lists: staff read and preview, environment officers of the keeping level publish, anyone reads the feed. */
export function registryListsRoutes(deps: { db: Database; feedVersions: number }): Router {
  const router = Router()
  const { db } = deps
  const refOf = async (params: unknown) => {
    const p = parse(listParams, params)
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
    res.status(201).json(await publishList(db, ctx, ref, parse(publishBody, req.body ?? {}).expectedVersion))
  })
  router.get('/api/registry-lists/:list/:jurisdiction/versions', requireRole(), async (req, res) => {
    res.json(await listVersionsOf(db, req.auth!, await refOf(req.params)))
  })
  router.get('/api/registry-lists/:list/:jurisdiction/versions/:version', requireRole(), async (req, res) => {
    const { version } = parse(versionParams, req.params)
    res.json(await getVersion(db, req.auth!, await refOf(req.params), version))
  })
  router.get(
    '/api/registry-lists/:list/:jurisdiction/versions/:version/announcement.csv',
    requireRole(),
    async (req, res) => {
      const { version } = parse(versionParams, req.params)
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

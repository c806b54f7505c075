import { Router } from 'express'
import { requireRight } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import type { OgcKeysService } from '../services/ogc-keys.service.ts'
import {
  CreateOgcKeyBody,
  OgcKeyIdParams,
  type CreatedOgcKeyResponse,
  type OgcKey,
  type OgcKeysResponse,
  type OgcKeyUsesResponse,
} from '../../../contracts/ogc-keys.ts'

/** 数据共享密钥 (administrators): list, issue and revoke the keys of the OGC service, and read their use log. */
export function ogcKeysRoutes(keys: OgcKeysService): Router {
  const router = Router()
  const manage = requireRight('ogcKey.manage')
  router.get('/api/admin/ogc-keys', manage, async (req, res) => {
    res.json({ keys: await keys.listKeys(req.auth!), collections: keys.collections() } satisfies OgcKeysResponse)
  })
  router.post('/api/admin/ogc-keys', manage, async (req, res) => {
    res
      .status(201)
      .json((await keys.createKey(req.auth!, parse(CreateOgcKeyBody, req.body))) satisfies CreatedOgcKeyResponse)
  })
  router.post('/api/admin/ogc-keys/:id/revoke', manage, async (req, res) => {
    const { id } = parse(OgcKeyIdParams, req.params)
    res.json((await keys.revokeKey(req.auth!, id)) satisfies OgcKey)
  })
  router.get('/api/admin/ogc-keys/uses', manage, async (req, res) => {
    res.json({ uses: await keys.listUses(req.auth!, null) } satisfies OgcKeyUsesResponse)
  })
  router.get('/api/admin/ogc-keys/:id/uses', manage, async (req, res) => {
    const { id } = parse(OgcKeyIdParams, req.params)
    res.json({ uses: await keys.listUses(req.auth!, id) } satisfies OgcKeyUsesResponse)
  })
  return router
}

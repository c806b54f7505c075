import { Router } from 'express'
import { requireRole } from '../http/auth.ts'
import type { SharingCatalogueService } from '../services/sharing-catalogue.service.ts'
import type { SharingCatalogueResponse } from '../../../contracts/sharing-catalogue.ts'

/** 资源共享目录 (every staff role): what the data sharing service shares, with whom and how to connect. */
export function sharingRoutes(catalogue: SharingCatalogueService): Router {
  const router = Router()
  router.get('/api/sharing/catalogue', requireRole(), async (req, res) => {
    const serviceUrl = `${req.protocol}://${req.get('host')}/ogc`
    res.json((await catalogue.catalogue(req.auth!, serviceUrl)) satisfies SharingCatalogueResponse)
  })
  return router
}

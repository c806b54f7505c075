import { Router } from 'express'
import type { Database } from '../db/database.ts'
import { requireRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import {
  buildPlatformPackage,
  listPackageCounties,
  type PlatformPackageSettings,
} from '../services/platform-package.service.ts'
import { PlatformPackageQuery } from '../../../contracts/platform-package.ts'

/**
 * 上报数据包 for the national platform and the provincial sub-platforms: whoever may export class lists (any staff
 * role), for the counties of their own scope.
 */
export function platformPackageRoutes(deps: { db: Database; settings: PlatformPackageSettings }): Router {
  const router = Router()
  router.get('/api/exports/platform-package/counties', requireRole(), async (req, res) => {
    res.json(await listPackageCounties(deps.db, req.auth!, deps.settings))
  })
  router.get('/api/exports/platform-package', requireRole(), async (req, res) => {
    const query = parse(PlatformPackageQuery, req.query)
    const file = await buildPlatformPackage(deps.db, req.auth!, query, deps.settings)
    res.set({
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.fileName),
      'Cache-Control': 'no-store',
    })
    res.send(file.body)
  })
  return router
}

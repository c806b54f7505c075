import { Router } from 'express'
import { decodeFileName, receiveOneFile } from '../http/receive-file.ts'
import { UploadForm, type ParsedUpload } from '../../../contracts/precheck.ts'
import type { Database } from '../db/database.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { rolesWith } from '../domain/rights.ts'
import { requireRole } from '../http/auth.ts'
import { AppError } from '../http/errors.ts'
import { parse } from '../http/validate.ts'
import { parseUploadedOutline, type UploadLimits } from '../services/upload-geometry.ts'

/**
 * 用地准入核查 and 建设项目选址核查 input: an uploaded outline read and transformed to EPSG:4490 for the officer to
 * confirm; saves nothing. Open to whoever may run either check.
 */
export function precheckUploadRoutes({ db, limits }: { db: Database; limits: UploadLimits }): Router {
  const router = Router()
  router.post(
    '/api/precheck/parse-upload',
    requireRole(...new Set([...rolesWith('precheck.run'), ...rolesWith('siting.run')])),
    receiveOneFile({
      field: 'file',
      maxBytes: limits.maxBytes,
      fields: 5,
      fieldSize: 1024,
      tooLarge: (limit) => `文件过大：最大 ${limit}，请只导出待核查的地块后再上传`,
    }),
    async (req, res) => {
      if (!req.file)
        throw new AppError(
          'VALIDATION',
          '请选择要上传的地块文件（字段 file）：GeoJSON、KML、Shapefile 压缩包（.zip）或 DXF',
        )
      const { centralMeridian } = parse(UploadForm, { ...(req.body ?? {}) })
      const parsed = await parseUploadedOutline(
        db,
        scopeAdcodes(req.auth!),
        {
          fileName: decodeFileName(req.file.originalname),
          bytes: new Uint8Array(req.file.buffer),
          centralMeridian,
        },
        limits,
      )
      res.json(parsed satisfies ParsedUpload)
    },
  )
  return router
}

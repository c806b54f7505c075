import { Router } from 'express'
import { z } from 'zod'
import type { Database } from '../db/database.ts'
import { EXPORT_FORMATS, type ExportFormat } from '../domain/class-list-export.ts'
import { requireRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import { exportClassList } from '../services/export.service.ts'

const listParams = z.object({ id: z.string().regex(/^\d{1,15}$/, '分类清单编号应为数字') })

/** Downloads of a class list (分类清单) as CSV, XLSX, GeoJSON, zipped Shapefile and GeoPackage; any staff role, own scope. */
export function exportRoutes(db: Database): Router {
  const router = Router()
  for (const format of Object.keys(EXPORT_FORMATS) as ExportFormat[]) {
    router.get(`/api/class-lists/:id/export.${format}`, requireRole(), async (req, res) => {
      const { id } = parse(listParams, req.params)
      const file = await exportClassList(db, req.auth!, Number(id), format)
      res.set({
        'Content-Type': file.contentType,
        'Content-Disposition': contentDisposition(file.fileName),
        'Cache-Control': 'no-store',
      })
      res.send(file.body)
    })
  }
  return router
}

import { Router } from 'express'
import type { Database } from '../db/database.ts'
import { requireRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import { prepareParcelExport } from '../services/attribute-table-export.service.ts'
import { pageParcelTable, parcelTableOptions } from '../services/attribute-table.service.ts'
import {
  AttributeLayer,
  ParcelTableQuery,
  type ParcelTableOptions,
  type ParcelTablePage,
} from '../../../contracts/attribute-table.ts'

/**
 * The attribute table (属性表) of a layer, any staff role, the counties of one's scope: a page of rows with the
 * count, the filter lists, and (`format=xlsx|csv`) the whole filtered set as a file.
 */
export function attributeTableRoutes(db: Database, limits: { attributeExportRows: number }): Router {
  const router = Router()
  router.get('/api/attribute-table/:layer/options', requireRole(), async (req, res) => {
    parse(AttributeLayer, req.params.layer)
    res.json((await parcelTableOptions(db, req.auth!, limits.attributeExportRows)) satisfies ParcelTableOptions)
  })
  router.get('/api/attribute-table/:layer', requireRole(), async (req, res) => {
    parse(AttributeLayer, req.params.layer)
    const { offset, limit, format, ...filters } = parse(ParcelTableQuery, req.query)
    if (!format) {
      res.json((await pageParcelTable(db, req.auth!, filters, { offset, limit })) satisfies ParcelTablePage)
      return
    }
    const file = await prepareParcelExport(db, req.auth!, filters, format, limits.attributeExportRows)
    res.set({
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.fileName),
      'Cache-Control': 'no-store',
      'X-Row-Count': String(file.rows),
    })
    try {
      await file.writeTo(res)
    } catch (err) {
      res.destroy(err as Error)
    }
  })
  return router
}

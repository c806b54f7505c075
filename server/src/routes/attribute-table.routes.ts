import { Router } from 'express'
import type { Database } from '../db/database.ts'
import { requireRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import { prepareParcelExport, type AttributeExport } from '../services/attribute-table-export.service.ts'
import {
  pagePlotTable,
  pagePointTable,
  plotTableOptions,
  pointTableOptions,
  preparePlotExport,
  preparePointExport,
} from '../services/attribute-table-layers.service.ts'
import type { AuthContext } from '../services/auth.service.ts'
import { pageParcelTable, parcelTableOptions } from '../services/attribute-table.service.ts'
import {
  AttributeLayer,
  ParcelTableQuery,
  type ParcelTableOptions,
  type ParcelTablePage,
} from '../../../contracts/attribute-table.ts'
import {
  PlotTableQuery,
  PointTableQuery,
  type PlotTablePage,
  type PointTablePage,
} from '../../../contracts/attribute-table-layers.ts'

/**
 * The attribute table (属性表) of a layer, any staff role, the counties of one's scope: a page of rows with the
 * count, the filter lists, and (`format=xlsx|csv`) the whole filtered set as a file.
 */
export function attributeTableRoutes(db: Database, limits: { attributeExportRows: number }): Router {
  const router = Router()
  const max = limits.attributeExportRows
  const parcelTable = async (auth: AuthContext, query: unknown): Promise<ParcelTablePage | AttributeExport> => {
    const { offset, limit, format, ...filters } = parse(ParcelTableQuery, query)
    if (format) return prepareParcelExport(db, auth, filters, format, max)
    return pageParcelTable(db, auth, filters, { offset, limit })
  }
  const plotTable = async (auth: AuthContext, query: unknown): Promise<PlotTablePage | AttributeExport> => {
    const { offset, limit, format, ...filters } = parse(PlotTableQuery, query)
    if (format) return preparePlotExport(db, auth, filters, format, max)
    return pagePlotTable(db, auth, filters, { offset, limit })
  }
  const pointTable = async (auth: AuthContext, query: unknown): Promise<PointTablePage | AttributeExport> => {
    const { offset, limit, format, ...filters } = parse(PointTableQuery, query)
    if (format) return preparePointExport(db, auth, filters, format, max)
    return pagePointTable(db, auth, filters, { offset, limit })
  }
  router.get('/api/attribute-table/:layer/options', requireRole(), async (req, res) => {
    const layer = parse(AttributeLayer, req.params.layer)
    if (layer === 'contaminated-plot') res.json(await plotTableOptions(db, req.auth!, max))
    else if (layer === 'monitoring-point') res.json(await pointTableOptions(db, req.auth!, max))
    else res.json((await parcelTableOptions(db, req.auth!, max)) satisfies ParcelTableOptions)
  })
  router.get('/api/attribute-table/:layer', requireRole(), async (req, res) => {
    const layer = parse(AttributeLayer, req.params.layer)
    const answer = await (layer === 'parcel'
      ? parcelTable(req.auth!, req.query)
      : layer === 'contaminated-plot'
        ? plotTable(req.auth!, req.query)
        : pointTable(req.auth!, req.query))
    if (!('writeTo' in answer)) {
      res.json(answer)
      return
    }
    const file = answer
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

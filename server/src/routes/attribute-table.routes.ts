import { Router } from 'express'
import type { Database } from '../db/database.ts'
import { requireRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import { PARCEL_TABLE, PLOT_TABLE, POINT_TABLE } from '../services/attribute-table-defs.ts'
import { prepareTableExport, type AttributeExport } from '../services/attribute-table-export.service.ts'
import {
  pageTable,
  tableOptions,
  type TableDef,
  type TableFilters,
  type TablePage,
} from '../services/attribute-table.service.ts'
import type { AuthContext } from '../services/auth.service.ts'
import { AttributeLayer } from '../../../contracts/attribute-table.ts'

/**
 * The attribute table (属性表) of a layer, any staff role, the counties of one's scope: a page of rows with the
 * count, the filter lists, and (`format=xlsx|csv`) the whole filtered set as a file.
 */
export function attributeTableRoutes(db: Database, limits: { attributeExportRows: number }): Router {
  const router = Router()
  const max = limits.attributeExportRows
  /** A layer's table: a page or the file the query asks for, and the filter lists. */
  function table<F extends TableFilters, Raw, Row, O>(def: TableDef<F, Raw, Row, O>) {
    return {
      answer: async (auth: AuthContext, query: unknown): Promise<TablePage<Row> | AttributeExport> => {
        const q = parse(def.query, query)
        if (q.format) return prepareTableExport(db, auth, def, q, q.format, max)
        return pageTable(db, auth, def, q, q)
      },
      options: (auth: AuthContext) => tableOptions(db, auth, def, max),
    }
  }
  const tables = {
    parcel: table(PARCEL_TABLE),
    'contaminated-plot': table(PLOT_TABLE),
    'monitoring-point': table(POINT_TABLE),
  } satisfies Record<AttributeLayer, unknown>
  router.get('/api/attribute-table/:layer/options', requireRole(), async (req, res) => {
    res.json(await tables[parse(AttributeLayer, req.params.layer)].options(req.auth!))
  })
  router.get('/api/attribute-table/:layer', requireRole(), async (req, res) => {
    const answer = await tables[parse(AttributeLayer, req.params.layer)].answer(req.auth!, req.query)
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

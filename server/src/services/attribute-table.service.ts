import type { z } from 'zod'
import type { Queryable } from '../db/database.ts'
import type { CsvValue } from '../domain/csv.ts'
import { AppError } from '../domain/errors.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { readTablePage, type TablePageParams } from '../repos/attribute-table.repo.ts'
import { findCounty } from '../repos/parcels.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type { AttributeLayer } from '../../../contracts/attribute-table.ts'
import type { Bbox } from '../../../contracts/problems.ts'

/** The filters every table takes: 当前视图 or 全县, the county, the township, and the sort. */
export interface TableFilters {
  scope: 'view' | 'county'
  bbox?: Bbox
  adcode?: string
  township?: string
  sort: string
  dir: 'asc' | 'desc'
}

/** Which rows of a table the query asks for, or the whole set as a file. */
export interface PageFields {
  offset: number
  limit: number
  format?: 'xlsx' | 'csv'
}

/**
 * A layer's attribute table: its query, columns, page statement and sort orders, how a statement row becomes a row
 * of the answer and a line of the export, and its filter lists. `F` the filters, `Raw` a row of the statement, `Row`
 * a row of the answer, `O` the filter lists.
 */
export interface TableDef<F extends TableFilters, Raw, Row, O> {
  layer: AttributeLayer
  /** The query string of the table route: the filters, and which rows or which file. */
  query: z.ZodType<F & PageFields>
  /** The layer's name (耕地图斑) and its ASCII file-name stem (parcel). */
  layerName: string
  asciiName: string
  /** What one row is called in a refusal (图斑, 地块, 点位) and how to narrow the set. */
  noun: string
  narrowBy: string
  columns: readonly { key: string; title: string }[]
  /** The page statement, `sql/queries/<pageSql>.sql` (see {@link TablePageParams}). */
  pageSql: string
  /** Each sort key's order over the columns of the page statement's `hit`: the whitelist of what may be sorted. */
  order: Readonly<Record<F['sort'], string>>
  /** The statement's parameters from $9: the layer's own filters. */
  filterParams: (filters: F) => unknown[]
  toRow: (raw: Raw) => Row
  /** A row as the cells of a line of the export, in the order of `columns`. */
  cellsOf: (row: Row) => CsvValue[]
  /** The filter lists beside the counties, within `adcodes`. */
  options: (db: Queryable, adcodes: string[]) => Promise<O>
}

/** A page of a table: the rows and how many match the filters in all. */
export interface TablePage<Row> {
  layer: AttributeLayer
  layerName: string
  total: number
  offset: number
  limit: number
  rows: Row[]
}

/**
 * The counties the table reads: the one asked for (in the user's scope, else OUT_OF_SCOPE naming it), or every
 * county of the user's scope.
 */
async function countiesToRead(db: Queryable, ctx: AuthContext, adcode: string | undefined): Promise<string[]> {
  if (adcode === undefined) return scopeAdcodes(ctx)
  const county = await findCounty(db, adcode)
  if (!county) {
    throw new AppError('VALIDATION', `区县代码（adcode）${adcode} 不是本系统中的区县`, {
      reason: 'UNKNOWN_COUNTY',
      field: 'adcode',
    })
  }
  assertCountyInScope(ctx, county.adcode, county.name)
  return [county.adcode]
}

/** The counties a table reads for `filters` (see {@link countiesToRead}); a township outside them is refused. */
async function tableCounties(db: Queryable, ctx: AuthContext, filters: TableFilters): Promise<string[]> {
  const adcodes = await countiesToRead(db, ctx, filters.adcode)
  if (filters.township !== undefined && !adcodes.includes(filters.township.slice(0, 6))) {
    throw new AppError('VALIDATION', `乡镇代码（township）${filters.township} 不在所查区县的范围内`, {
      reason: 'TOWNSHIP_OUTSIDE',
      field: 'township',
    })
  }
  return adcodes
}

/** The page statement's parameters for `filters`, within the counties the user may read. */
export async function tableParams<F extends TableFilters, Raw, Row, O>(
  db: Queryable,
  ctx: AuthContext,
  def: TableDef<F, Raw, Row, O>,
  filters: F,
): Promise<TablePageParams> {
  return {
    adcodes: await tableCounties(db, ctx, filters),
    bbox: filters.scope === 'view' && filters.bbox ? filters.bbox : null,
    townshipCode: filters.township ?? null,
    filters: def.filterParams(filters),
    order: def.order[filters.sort as F['sort']],
    isDescending: filters.dir === 'desc',
  }
}

/** One page of a table's rows as the answer gives them, and the count of all, read through `db`. */
export async function readTable<F extends TableFilters, Raw, Row, O>(
  db: Queryable,
  def: TableDef<F, Raw, Row, O>,
  params: TablePageParams,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: Row[] }> {
  const { total, rows } = await readTablePage<Raw>(db, def.pageSql, params, limit, offset)
  return { total, rows: rows.map(def.toRow) }
}

/** One page of a layer's table of the user's counties, filtered and sorted as asked. */
export async function pageTable<F extends TableFilters, Raw, Row, O>(
  db: Queryable,
  ctx: AuthContext,
  def: TableDef<F, Raw, Row, O>,
  filters: F,
  page: { offset: number; limit: number },
): Promise<TablePage<Row>> {
  const { total, rows } = await readTable(db, def, await tableParams(db, ctx, def, filters), page.limit, page.offset)
  return { layer: def.layer, layerName: def.layerName, total, offset: page.offset, limit: page.limit, rows }
}

/** What the filters of a layer's table offer within the user's counties, and the most rows one export may hold. */
export async function tableOptions<F extends TableFilters, Raw, Row, O>(
  db: Queryable,
  ctx: AuthContext,
  def: TableDef<F, Raw, Row, O>,
  exportMaxRows: number,
): Promise<O & { exportMaxRows: number }> {
  return { ...(await def.options(db, scopeAdcodes(ctx))), exportMaxRows }
}

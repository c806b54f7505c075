import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

type Box = [number, number, number, number]

/**
 * What a table's page statement reads: $1 the counties, $2–$5 the view's box or NULLs, $6 rows to read, $7 rows to
 * skip, $8 a township or NULL, then the layer's own filters from $9; every value goes in as a parameter.
 */
export interface TablePageParams {
  adcodes: string[]
  bbox: Box | null
  townshipCode: string | null
  filters: unknown[]
  /** The order of the sort column over the columns of the statement's `hit`, from a layer's whitelist. */
  order: string
  isDescending: boolean
}

/** What a row of every page statement holds: the feature, where it is, and the extent to zoom to. */
export interface PageRowPlace {
  id: number
  adcode: string
  code: string
  county: string
  township_code: string | null
  township: string | null
  bbox: Box
}

/** One row of the parcel page statement. */
export interface ParcelPageRow extends PageRowPlace {
  dlbm: string
  class: string
  area_m2: number
}

/** One row of the 污染地块 page statement. */
export interface PlotPageRow extends PageRowPlace {
  name: string
  status: string
  risk_level: string | null
  former_industry: string | null
  former_industry_note: string | null
  area_m2: number
  review_status: string
}

/** One row of the 监测点位 page statement. */
export interface PointPageRow extends PageRowPlace {
  name: string
  level: string
  point_type: string
  land_use: string | null
  last_soil_sampled_on: string | null
}

export interface CountyTownshipsRow {
  adcode: string
  name: string
  townships: { code: string; name: string }[]
}

export interface ParcelOptionsRow extends CountyTownshipsRow {
  land_codes: string[]
}

const statements = new Map<string, string>()

/** The page statement of `file` ordered by `order` (NULLs last either way), ties by code. */
function pageStatement(file: string, order: string, isDescending: boolean): string {
  const name = `${file}/${order}/${isDescending ? 'desc' : 'asc'}`
  let text = statements.get(name)
  if (text !== undefined) return text
  const orderBy = `ORDER BY ${order} ${isDescending ? 'DESC' : 'ASC'} NULLS LAST, code, adcode, id`
  text = sqlFile(file)
    .split('\n')
    .map((line) => (line.endsWith(' -- sort') ? line.replace(/ORDER BY .* -- sort$/, orderBy) : line))
    .join('\n')
  statements.set(name, text)
  return text
}

/** One page of the rows the page statement `file` filters, and the count of all (0 rows past the end, the count all the same). */
export async function readTablePage<R>(
  db: Queryable,
  file: string,
  p: TablePageParams,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: R[] }> {
  const { rows } = await db.query<R & { id: number | null; total: number }>(
    pageStatement(file, p.order, p.isDescending),
    [p.adcodes, ...(p.bbox ?? [null, null, null, null]), limit, offset, p.townshipCode, ...p.filters],
  )
  return { total: rows[0]?.total ?? 0, rows: rows.filter((r) => r.id !== null) }
}

/** The counties of `adcodes` with their townships. */
export async function listCountyTownships(db: Queryable, adcodes: string[]): Promise<CountyTownshipsRow[]> {
  return (await db.query<CountyTownshipsRow>(sqlFile('attribute-table/county-townships'), [adcodes])).rows
}

/** The counties of `adcodes` with their townships and the land codes their parcels carry. */
export async function listParcelOptions(db: Queryable, adcodes: string[]): Promise<ParcelOptionsRow[]> {
  return (await db.query<ParcelOptionsRow>(sqlFile('attribute-table/parcel-options'), [adcodes])).rows
}

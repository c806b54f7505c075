import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

/** The columns the parcel table sorts on, each with its order over the columns of the page statement's `hit`. */
const PARCEL_ORDER = {
  code: 'code',
  county: 'county',
  township: 'township',
  dlbm: 'dlbm',
  dlmc: 'dlbm',
  class: 'class_order',
  areaM2: 'area_m2',
  areaMu: 'area_m2',
} as const

export type ParcelOrderKey = keyof typeof PARCEL_ORDER

/** What the parcel page statement filters on; every value goes in as a parameter. */
export interface ParcelFilterParams {
  adcodes: string[]
  bbox: [number, number, number, number] | null
  classes: string[] | null
  /** LIKE patterns of land codes (`0101%`, `01%`), built from validated codes only. */
  landCodePatterns: string[] | null
  townshipCode: string | null
  minAreaM2: number | null
  maxAreaM2: number | null
  sort: ParcelOrderKey
  isDescending: boolean
}

/** One row of the parcel page statement. */
export interface ParcelPageRow {
  id: number
  adcode: string
  code: string
  county: string
  township_code: string | null
  township: string | null
  dlbm: string
  class: string
  area_m2: number
  bbox: [number, number, number, number]
}

export interface ParcelOptionsRow {
  adcode: string
  name: string
  townships: { code: string; name: string }[]
  land_codes: string[]
}

const statements = new Map<string, string>()

/** The page statement ordered by `sort` (from the whitelist above; NULLs last either way), ties by the key. */
function parcelPageStatement(sort: ParcelOrderKey, isDescending: boolean): string {
  const name = `${sort}/${isDescending ? 'desc' : 'asc'}`
  let text = statements.get(name)
  if (text !== undefined) return text
  const order = `ORDER BY ${PARCEL_ORDER[sort]} ${isDescending ? 'DESC' : 'ASC'} NULLS LAST, code, adcode, id`
  text = sqlFile('attribute-table/parcel-page')
    .split('\n')
    .map((line) => (line.endsWith(' -- sort') ? line.replace(/ORDER BY .* -- sort$/, order) : line))
    .join('\n')
  statements.set(name, text)
  return text
}

/** One page of the filtered parcels and the count of all of them (0 rows past the end, the count all the same). */
export async function pageParcels(
  db: Queryable,
  f: ParcelFilterParams,
  limit: number,
  offset: number,
): Promise<{ total: number; rows: ParcelPageRow[] }> {
  const { rows } = await db.query<ParcelPageRow & { total: number }>(parcelPageStatement(f.sort, f.isDescending), [
    f.adcodes,
    ...(f.bbox ?? [null, null, null, null]),
    f.classes,
    f.landCodePatterns,
    f.townshipCode,
    f.minAreaM2,
    f.maxAreaM2,
    limit,
    offset,
  ])
  return { total: rows[0]?.total ?? 0, rows: rows.filter((r) => r.id !== null) }
}

/** The counties of `adcodes` with their townships and the land codes their parcels carry. */
export async function listParcelOptions(db: Queryable, adcodes: string[]): Promise<ParcelOptionsRow[]> {
  return (await db.query<ParcelOptionsRow>(sqlFile('attribute-table/parcel-options'), [adcodes])).rows
}

import type { Queryable } from '../db/database.ts'
import { queryRowBytes } from '../db/row-bytes.ts'
import { sqlFile } from '../db/sql-files.ts'
import { withFilter, type SqlFilter } from '../domain/ogc-filter-sql.ts'
import type { PublishedPlotRow, PublishedZoneRow } from '../domain/public-fields.ts'

const q = (name: string) => sqlFile(`ogc/${name}`)

/**
 * A page statement read backwards, for a `prev` link: its keyset comparison (the one line comparing the key with
 * `$1`, `> (…)` or `> $1`) turned to `<`, and its closing `ORDER BY` (the last line starting with it) descending. The
 * caller reverses the rows. Every items statement keeps this shape; test/unit/ogc-paging.test.ts checks each.
 */
export function backwardStatement(sql: string): string {
  const lines = sql.split('\n')
  const keyset = lines.flatMap((line, i) =>
    /^\s*(WHERE|AND) .*\) > \(|^\s*(WHERE|AND) [\w.]+ > \$1::/.test(line) ? [i] : [],
  )
  const order = lines.map((line) => line.startsWith('ORDER BY ')).lastIndexOf(true)
  if (keyset.length !== 1 || order < 0) throw new Error('page statement without one keyset comparison and ORDER BY')
  lines[keyset[0]] = lines[keyset[0]].replace(' > ', ' < ')
  lines[order] = `ORDER BY ${lines[order]
    .slice('ORDER BY '.length)
    .split(',')
    .map((key) => `${key.trim()} DESC`)
    .join(', ')}`
  return lines.join('\n')
}

const BACKWARD = new Map<string, string>()
/** The statement `name` (a path under sql/queries), forwards or, for a page before a cursor, backwards. */
function pageStatement(name: string, backward: boolean): string {
  const sql = sqlFile(name)
  if (!backward) return sql
  let found = BACKWARD.get(name)
  if (found === undefined) BACKWARD.set(name, (found = backwardStatement(sql)))
  return found
}

/** A page request in the form the items statements take. */
export interface PageParams {
  after: { adcode: string; id: number }
  rows: number
  bbox: [number, number, number, number] | null
  /** The first coordinate points north (the axis order EPSG declares for EPSG:4490 and the Gauss-Krüger CRSs). */
  latitudeFirst: boolean
  id: number | null
  /** The EPSG code of the output CRS: 4490, or a county's 3° Gauss-Krüger CRS (4534–4554). */
  srid: number
  /** The condition features must meet (CQL2 `filter`, `datetime`, property filters), or null. */
  filter: SqlFilter | null
  /** Read the rows before `after`, last first (a `prev` link). */
  backward: boolean
}

/** A page request of an outline collection keyed by a code (counties, townships). */
export interface OutlinePageParams {
  after: string
  rows: number
  bbox: PageParams['bbox']
  latitudeFirst: boolean
  /** One county or township code, or null for a page. */
  code: string | null
  srid: number
  filter: SqlFilter | null
  backward: boolean
}

const boxParams = (bbox: PageParams['bbox']) => bbox ?? [null, null, null, null]

export async function pagePublishedPlots(db: Queryable, p: PageParams) {
  const { rows } = await db.query<PublishedPlotRow & { geometry: string }>(
    ...withFilter(
      pageStatement('ogc/plots-items', p.backward),
      [p.after.adcode, p.after.id, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.id, p.srid],
      p.filter,
    ),
  )
  return rows
}

export async function pagePublishedZones(db: Queryable, p: PageParams) {
  const { rows } = await db.query<PublishedZoneRow & { geometry: string }>(
    ...withFilter(
      pageStatement('ogc/control-zones-items', p.backward),
      [p.after.adcode, p.after.id, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.id, p.srid],
      p.filter,
    ),
  )
  return rows
}

export async function pageCountyOutlines(db: Queryable, p: OutlinePageParams) {
  const { rows } = await db.query<{ adcode: string; geometry: string }>(
    ...withFilter(
      pageStatement('ogc/counties-items', p.backward),
      [p.after, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.code, p.srid],
      p.filter,
    ),
  )
  return rows
}

/** A page of township outlines after the township code `after` ('' for the first), or the one township `code`. */
export async function pageTownshipOutlines(db: Queryable, p: OutlinePageParams) {
  const { rows } = await db.query<{ code: string; name: string; adcode: string; county: string; geometry: string }>(
    ...withFilter(
      pageStatement('ogc/townships-items', p.backward),
      [p.after, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.code, p.srid],
      p.filter,
    ),
  )
  return rows
}

/** The longitude of each county's outline centroid, which decides its 3° Gauss-Krüger zone. */
export async function listCountyCentroids(db: Queryable) {
  const { rows } = await db.query<{ adcode: string; lon: number }>(q('list-county-centroids'))
  return rows
}

/**
 * The page statement of each internal collection that writes every Feature's whole text (`$12` the labels of codes),
 * named in full so that every query file is seen to be used.
 */
const INTERNAL_FEATURE_ITEMS: Readonly<Record<string, string>> = {
  'farmland-parcels': 'ogc/farmland-parcels-items',
  'class-list': 'ogc/class-list-items',
}

/** Whether the page statement of `collection` writes each Feature whole ({@link pageInternalFeatures}). */
export const writesWholeFeatures = (collection: string) => Object.hasOwn(INTERNAL_FEATURE_ITEMS, collection)

/** A row of a page written by PostgreSQL: the key (county code, id) and the Feature's GeoJSON, as UTF-8 bytes. */
type FeatureRow = [adcode: Buffer, id: Buffer, feature: Buffer]

/**
 * A page of an internal collection of `adcodes` as Feature texts written by PostgreSQL, `labels` (jsonb text) the
 * Chinese names the statement writes beside codes. The rows are the bytes PostgreSQL sent (~1 MB a page of 1,000
 * parcels), never decoded into strings: the server sends them on as they are.
 */
export async function pageInternalFeatures(
  db: Queryable,
  collection: string,
  p: PageParams,
  adcodes: readonly string[],
  labels: string,
): Promise<FeatureRow[]> {
  const statement = INTERNAL_FEATURE_ITEMS[collection]
  if (!statement) throw new Error(`no feature page statement for collection ${collection}`)
  const [text, values] = withFilter(
    pageStatement(statement, p.backward),
    [p.after.adcode, p.after.id, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.id, adcodes, p.srid, labels],
    p.filter,
  )
  return (await queryRowBytes(db, text, values)) as FeatureRow[]
}

/** The page statement of each other internal collection, named in full so that every query file is seen to be used. */
const INTERNAL_ITEMS: Readonly<Record<string, string>> = {
  'monitoring-points': 'ogc/monitoring-points-items',
  'contaminated-plots': 'ogc/contaminated-plots-items',
  'control-zones-internal': 'ogc/control-zones-internal-items',
  enterprises: 'ogc/enterprises-items',
  'land-context': 'ogc/land-context-items',
  'basic-farmland': 'ogc/basic-farmland-items',
}

/** A page of an internal collection (`farmland-parcels`, `class-list`, `enterprises` …) of `adcodes`. */
export async function pageInternal(db: Queryable, collection: string, p: PageParams, adcodes: readonly string[]) {
  const statement = INTERNAL_ITEMS[collection]
  if (!statement) throw new Error(`no page statement for collection ${collection}`)
  const { rows } = await db.query<Record<string, unknown> & { id: string; adcode: string; geometry: string }>(
    ...withFilter(
      pageStatement(statement, p.backward),
      [p.after.adcode, p.after.id, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.id, adcodes, p.srid],
      p.filter,
    ),
  )
  return rows
}

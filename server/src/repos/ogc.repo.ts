import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import { withFilter, type SqlFilter } from '../domain/ogc-filter.ts'
import type { PublishedPlotRow, PublishedZoneRow } from '../domain/public-fields.ts'

const q = (name: string) => sqlFile(`ogc/${name}`)

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
}

const boxParams = (bbox: PageParams['bbox']) => bbox ?? [null, null, null, null]

export async function pagePublishedPlots(db: Queryable, p: PageParams) {
  const { rows } = await db.query<PublishedPlotRow & { geometry: string }>(
    ...withFilter(
      q('plots-items'),
      [p.after.adcode, p.after.id, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.id, p.srid],
      p.filter,
    ),
  )
  return rows
}

export async function pagePublishedZones(db: Queryable, p: PageParams) {
  const { rows } = await db.query<PublishedZoneRow & { geometry: string }>(
    ...withFilter(
      q('control-zones-items'),
      [p.after.adcode, p.after.id, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.id, p.srid],
      p.filter,
    ),
  )
  return rows
}

export async function pageCountyOutlines(db: Queryable, p: OutlinePageParams) {
  const { rows } = await db.query<{ adcode: string; geometry: string }>(
    ...withFilter(
      q('counties-items'),
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
      q('townships-items'),
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

/** The page statement of each internal collection, named in full so that every query file is seen to be used. */
const INTERNAL_ITEMS: Readonly<Record<string, string>> = {
  'farmland-parcels': 'ogc/farmland-parcels-items',
  'monitoring-points': 'ogc/monitoring-points-items',
  'contaminated-plots': 'ogc/contaminated-plots-items',
  'class-list': 'ogc/class-list-items',
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
      sqlFile(statement),
      [p.after.adcode, p.after.id, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.id, adcodes, p.srid],
      p.filter,
    ),
  )
  return rows
}

import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { PublishedPlotRow, PublishedZoneRow } from '../domain/public-fields.ts'

const q = (name: string) => sqlFile(`ogc/${name}`)

/** A page request in the form the items statements take. */
export interface PageParams {
  after: { adcode: string; id: number }
  rows: number
  bbox: [number, number, number, number] | null
  latitudeFirst: boolean
  id: number | null
}

const boxParams = (bbox: PageParams['bbox']) => bbox ?? [null, null, null, null]

export async function pagePublishedPlots(db: Queryable, p: PageParams) {
  const { rows } = await db.query<PublishedPlotRow & { geometry: string }>(q('plots-items'), [
    p.after.adcode,
    p.after.id,
    p.rows,
    ...boxParams(p.bbox),
    p.latitudeFirst,
    p.id,
  ])
  return rows
}

export async function pagePublishedZones(db: Queryable, p: PageParams) {
  const { rows } = await db.query<PublishedZoneRow & { geometry: string }>(q('control-zones-items'), [
    p.after.adcode,
    p.after.id,
    p.rows,
    ...boxParams(p.bbox),
    p.latitudeFirst,
    p.id,
  ])
  return rows
}

export async function pageCountyOutlines(
  db: Queryable,
  p: { after: string; rows: number; bbox: PageParams['bbox']; latitudeFirst: boolean; adcode: string | null },
) {
  const { rows } = await db.query<{ adcode: string; geometry: string }>(q('counties-items'), [
    p.after,
    p.rows,
    ...boxParams(p.bbox),
    p.latitudeFirst,
    p.adcode,
  ])
  return rows
}

/** The page statement of each internal collection, named in full so that every query file is seen to be used. */
const INTERNAL_ITEMS: Readonly<Record<string, string>> = {
  'farmland-parcels': 'ogc/farmland-parcels-items',
  'monitoring-points': 'ogc/monitoring-points-items',
  'contaminated-plots': 'ogc/contaminated-plots-items',
}

/** A page of an internal collection (`farmland-parcels`, `monitoring-points`, `contaminated-plots`) of `adcodes`. */
export async function pageInternal(db: Queryable, collection: string, p: PageParams, adcodes: readonly string[]) {
  const statement = INTERNAL_ITEMS[collection]
  if (!statement) throw new Error(`no page statement for collection ${collection}`)
  const { rows } = await db.query<Record<string, unknown> & { id: string; adcode: string; geometry: string }>(
    sqlFile(statement),
    [p.after.adcode, p.after.id, p.rows, ...boxParams(p.bbox), p.latitudeFirst, p.id, adcodes],
  )
  return rows
}

import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

/** A county of the caller's scope and the longitude of a point inside it. */
export interface CountyLongitudeRow {
  adcode: string
  name: string
  lon: number
}

/** The uploaded polygons transformed to EPSG:4490: the first invalid one, or the outline of all. */
export interface TransformedOutlineRow {
  invalid: { index: number; valid: boolean; reason: string | null; lon: number | null; lat: number | null } | null
  /** GeoJSON MultiPolygon text, or null when a polygon is invalid. */
  geometry: string | null
  areaM2: number | null
}

export async function findCountyLongitudes(db: Queryable, adcodes: string[]): Promise<CountyLongitudeRow[]> {
  return (await db.query<CountyLongitudeRow>(sqlFile('precheck-upload/county-longitudes'), [adcodes])).rows
}

/** `polygons` are GeoJSON Polygons in the CRS `srid`; PostGIS (PROJ) transforms them. */
export async function transformPolygons(
  db: Queryable,
  polygons: object[],
  srid: number,
): Promise<TransformedOutlineRow> {
  const {
    rows: [row],
  } = await db.query(sqlFile('precheck-upload/transform-parts'), [
    JSON.stringify(polygons.map((p) => JSON.stringify(p))),
    srid,
  ])
  return { invalid: row.invalid, geometry: row.geometry, areaM2: row.area_m2 }
}

/** Counties among `adcodes` that the outline (GeoJSON text, EPSG:4490) touches. */
export async function findCountiesTouched(
  db: Queryable,
  adcodes: string[],
  geometry: string,
): Promise<{ adcode: string; name: string }[]> {
  return (await db.query(sqlFile('precheck-upload/counties-touched'), [adcodes, geometry])).rows
}

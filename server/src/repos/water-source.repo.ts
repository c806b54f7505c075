import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { SourceType, ZoneLevel } from '../domain/water-source.ts'

/** 饮用水水源保护区: checks and replacement of a county's zones, publication, the list. One function per query. */

/** One feature of a file as it goes to PostGIS: its index and GeoJSON geometry in the file's CRS. */
export interface ZoneGeometry {
  index: number
  geometry: string
}

export interface ZoneCheckRow {
  idx: number
  kind: string
  valid: boolean
  reason: string | null
  meets_county: boolean
  outside_m2: number
  lon: number | null
  lat: number | null
  area_m2: number | null
}

/** The set-wise geometry checks of a file's features against the county (nothing written). */
export async function checkZoneGeometries(
  db: Queryable,
  adcode: string,
  features: readonly ZoneGeometry[],
  epsg: number,
  segmentM: number,
): Promise<ZoneCheckRow[]> {
  const { rows } = await db.query<ZoneCheckRow>(sqlFile('water-source/check-zones'), [
    adcode,
    features.map((f) => f.index),
    features.map((f) => f.geometry),
    epsg,
    segmentM,
  ])
  return rows
}

export interface ZoneToWrite extends ZoneGeometry {
  sourceName: string
  sourceType: SourceType
  level: ZoneLevel
  approvalNo: string | null
}

/** Replaces the county's zones with `zones` (one statement: the old ones go as the new ones come). */
export async function replaceZones(
  tx: Queryable,
  adcode: string,
  zones: readonly ZoneToWrite[],
  source: { epsg: number; segmentM: number; fileName: string; username: string },
): Promise<{ removed: number; added: number }> {
  const {
    rows: [row],
  } = await tx.query<{ removed: number; added: number }>(sqlFile('water-source/replace-zones'), [
    adcode,
    zones.map((z) => z.index),
    zones.map((z) => z.geometry),
    source.epsg,
    source.segmentM,
    zones.map((z) => z.sourceName),
    zones.map((z) => z.sourceType),
    zones.map((z) => z.level),
    zones.map((z) => z.approvalNo),
    source.fileName,
    source.username,
  ])
  return row
}

/** Publishes (true) or withdraws the county's zones; the number of zones. */
export async function setZonesPublished(db: Queryable, adcode: string, published: boolean): Promise<number> {
  return (await db.query(sqlFile('water-source/set-published'), [adcode, published])).rowCount ?? 0
}

export interface ZoneRow {
  id: number
  adcode: string
  county: string
  source_name: string
  source_type: SourceType
  level: ZoneLevel
  approval_no: string | null
  is_published: boolean
  published_at: Date | null
  area_m2: number
  file_name: string
  imported_by: string
  imported_at: Date
  bbox: [number, number, number, number]
}

export async function listZones(db: Queryable, adcodes: readonly string[]): Promise<ZoneRow[]> {
  return (await db.query<ZoneRow>(sqlFile('water-source/list-zones'), [adcodes])).rows
}

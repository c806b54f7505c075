import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { Medium, PointLevel, PointStatus, PointType } from '../domain/monitoring.ts'
import type { CheckedResult } from '../domain/monitoring-entry.ts'

/** Monitoring points, their results and imports. One function per query of sql/queries/monitoring. */

const q = async <R extends Record<string, any>>(db: Queryable, name: string, values: unknown[]) =>
  (await db.query<R>(sqlFile(`monitoring/${name}`), values)).rows

export interface PointFilter {
  adcodes: string[]
  level: PointLevel | null
  type: PointType | null
  status: PointStatus | null
  q: string | null
  limit: number
}

export interface PointListRow {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  level: PointLevel
  point_type: PointType
  status: PointStatus
  land_use: string | null
  township_code: string | null
  township: string | null
  is_generated: boolean
  version: number
  lon: number
  lat: number
  results: number
  last_sampled_on: string | null
}

export async function listPoints(db: Queryable, f: PointFilter): Promise<PointListRow[]> {
  return q<PointListRow>(db, 'list-points', [f.adcodes, f.level, f.type, f.status, f.q, f.limit])
}

export async function countPoints(
  db: Queryable,
  f: Omit<PointFilter, 'limit'>,
): Promise<{ dimension: 'level' | 'type' | 'status'; key: string; n: number }[]> {
  return q(db, 'count-points', [f.adcodes, f.level, f.type, f.status, f.q])
}

export interface PointRow {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  level: PointLevel
  point_type: PointType
  status: PointStatus
  land_use: string | null
  soil_type: string | null
  township_code: string | null
  township: string | null
  is_generated: boolean
  version: number
  planned_basis: unknown
  created_by: string
  created_at: Date
  lon: number
  lat: number
}

/** The point; with `lock` the row stays locked until the transaction ends. */
export async function findPoint(db: Queryable, id: number, lock = false): Promise<PointRow | undefined> {
  return (await q<PointRow>(db, lock ? 'find-point' : 'find-point-readonly', [id]))[0]
}

export interface ResultRow {
  id: number
  sampled_on: string
  medium: Medium
  crop: string | null
  ph: number | null
  organic_matter_g_kg: number | null
  plough_depth_cm: number | null
  values_mg_kg: Record<string, number>
  is_generated: boolean
  import_id: number | null
  entered_by: string
  entered_at: Date
}

export async function listResults(db: Queryable, adcode: string, pointId: number): Promise<ResultRow[]> {
  return q<ResultRow>(db, 'list-results', [adcode, pointId])
}

export interface PointLocation {
  adcode: string
  county: string
  township_code: string | null
  township: string | null
  parcel_dlbm: string | null
}

/** The counties (normally one) holding the position, with township and 三调 code there. */
export async function locatePoint(db: Queryable, lon: number, lat: number): Promise<PointLocation[]> {
  return q<PointLocation>(db, 'locate-point', [lon, lat])
}

export interface NewPoint {
  adcode: string
  code: string
  name: string
  level: PointLevel
  type: PointType
  status: PointStatus
  townshipCode: string | null
  landUse: string | null
  soilType: string | null
  lon: number
  lat: number
  createdBy: string
}

/** The new point's id, or null when the county already has a point with that code. */
export async function insertPoint(tx: Queryable, p: NewPoint): Promise<number | null> {
  const [r] = await q(tx, 'insert-point', [
    p.adcode,
    p.code,
    p.name,
    p.level,
    p.type,
    p.status,
    p.townshipCode,
    p.landUse,
    p.soilType,
    p.lon,
    p.lat,
    p.createdBy,
  ])
  return r ? Number(r.id) : null
}

export async function updatePoint(
  tx: Queryable,
  id: number,
  p: { name: string; level: PointLevel; type: PointType; status: PointStatus },
): Promise<number> {
  const [r] = await q(tx, 'update-point', [id, p.name, p.level, p.type, p.status])
  return Number(r.version)
}

export interface CodedPoint {
  id: number
  adcode: string
  county: string
  code: string
  point_type: PointType
  status: PointStatus
}

/** Every point carrying one of the codes, in any county, locked for the transaction. */
export async function findPointsByCode(tx: Queryable, codes: string[]): Promise<CodedPoint[]> {
  return q<CodedPoint>(tx, 'find-points-by-code', [codes])
}

export async function findResultKeys(
  db: Queryable,
  points: { adcode: string; id: number }[],
): Promise<{ point_id: number; sampled_on: string; medium: Medium; crop: string | null }[]> {
  return q(db, 'find-result-keys', [points.map((p) => p.adcode), points.map((p) => p.id)])
}

export interface NewResult extends CheckedResult {
  adcode: string
  pointId: number
}

export async function insertResults(
  tx: Queryable,
  rows: NewResult[],
  importId: number | null,
  enteredBy: string,
): Promise<number[]> {
  if (!rows.length) return []
  return (await q(tx, 'insert-results', [JSON.stringify(rows), importId, enteredBy])).map((r) => Number(r.id))
}

export interface NewImport {
  fileName: string
  mode: 'all' | 'valid-only'
  rows: number
  imported: number
  failed: number
  errors: unknown[]
  importedBy: string
}

export async function insertImport(tx: Queryable, i: NewImport): Promise<number> {
  const [r] = await q(tx, 'insert-import', [
    i.fileName,
    i.mode,
    i.rows,
    i.imported,
    i.failed,
    JSON.stringify(i.errors),
    i.importedBy,
  ])
  return Number(r.id)
}

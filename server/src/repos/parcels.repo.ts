import type { Geometry, LineString, MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { FarmlandClass } from '../domain/classify-farmland.ts'
import type { ParcelEvidenceRow, PointSampleRow } from './classification.repo.ts'

/** A parcel as the editor reads it (view farmland_parcel_feature). */
export interface ParcelRow {
  adcode: string
  id: number
  code: string
  dlbm: string
  township_code: string | null
  township_name: string | null
  county: string
  qsxz: string | null
  qsdwmc: string | null
  zldwmc: string | null
  kcxs: number | null
  gdpdjb: string | null
  zzsxdm: string | null
  bz: string | null
  class: FarmlandClass
  class_method: string | null
  class_basis: unknown
  class_list_id: number | null
  parent_codes: string[] | null
  version: number
  area_m2: number
  is_generated: boolean
  created_at: Date
  updated_at: Date
  updated_by: string
  updated_by_name: string | null
  geometry: MultiPolygon
}

/** The values written for a parcel row. */
export interface ParcelValues {
  dlbm: string
  townshipCode: string | null
  qsxz: string | null
  qsdwmc: string | null
  zldwmc: string | null
  kcxs: number | null
  gdpdjb: string | null
  zzsxdm: string | null
  bz: string | null
  class: FarmlandClass
  classMethod: string | null
  classBasis: unknown
  classListId: number | null
}

export interface HistoryRow {
  id: number
  adcode: string
  action: string
  actor: string
  actor_name?: string | null
  reason: string | null
  changed_at: Date
  before: any
  after: any
}

export interface RemovalRow extends HistoryRow {
  county: string
  last_version: number | null
}

export interface DeletedRow {
  id: number
  code: string
  adcode: string
  county: string
  action: 'delete' | 'split' | 'merge'
  history_id: number
  deleted_at: Date
  deleted_by: string
  deleted_by_name: string | null
  reason: string | null
}

const json = (g: Geometry) => JSON.stringify(g)
const jsonOrNull = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v))

export async function findParcels(db: Queryable, ids: number[]): Promise<ParcelRow[]> {
  return (await db.query<ParcelRow>(sqlFile('parcels/find-parcels'), [ids])).rows
}

/** Locks the parcels that exist among `ids` (FOR UPDATE, in id order). */
export async function lockParcels(
  tx: Queryable,
  ids: number[],
): Promise<{ id: number; adcode: string; version: number }[]> {
  return (await tx.query(sqlFile('parcels/lock-parcels'), [ids])).rows
}

export async function listParcelsInBbox(
  db: Queryable,
  adcodes: string[],
  bbox: [number, number, number, number],
  limit: number,
): Promise<ParcelRow[]> {
  return (await db.query<ParcelRow>(sqlFile('parcels/list-in-bbox'), [adcodes, ...bbox, limit])).rows
}

export async function findTownshipOf(
  db: Queryable,
  g: Polygon | MultiPolygon,
  adcode: string,
): Promise<{ code: string; name: string } | undefined> {
  return (await db.query(sqlFile('parcels/find-township'), [json(g), adcode])).rows[0]
}

export async function findTownshipByCode(
  db: Queryable,
  adcode: string,
  code: string,
): Promise<{ code: string; name: string } | undefined> {
  return (await db.query(sqlFile('parcels/find-township-by-code'), [adcode, code])).rows[0]
}

export async function findCounty(db: Queryable, adcode: string): Promise<{ adcode: string; name: string } | undefined> {
  return (await db.query(sqlFile('parcels/find-county'), [adcode])).rows[0]
}

export async function allocateCodes(tx: Queryable, adcode: string, count: number): Promise<string[]> {
  return (await tx.query<{ codes: string[] }>(sqlFile('parcels/allocate-codes'), [adcode, count])).rows[0].codes
}

export async function insertParcel(
  tx: Queryable,
  p: ParcelValues & {
    adcode: string
    id: number | null
    code: string
    parentCodes: string[] | null
    version: number
    geometry: Polygon | MultiPolygon
    editor: string
  },
): Promise<number> {
  const {
    rows: [r],
  } = await tx.query<{ id: number }>(sqlFile('parcels/insert-parcel'), [
    p.adcode,
    p.id,
    p.code,
    p.dlbm,
    p.townshipCode,
    p.qsxz,
    p.qsdwmc,
    p.zldwmc,
    p.kcxs,
    p.gdpdjb,
    p.zzsxdm,
    p.bz,
    p.class,
    p.classMethod,
    jsonOrNull(p.classBasis),
    p.classListId,
    p.parentCodes,
    p.version,
    json(p.geometry),
    p.editor,
  ])
  return Number(r.id)
}

export async function updateParcel(
  tx: Queryable,
  id: number,
  p: ParcelValues & { geometry: Polygon | MultiPolygon | null; editor: string },
): Promise<void> {
  await tx.query(sqlFile('parcels/update-parcel'), [
    id,
    p.dlbm,
    p.townshipCode,
    p.qsxz,
    p.qsdwmc,
    p.zldwmc,
    p.kcxs,
    p.gdpdjb,
    p.zzsxdm,
    p.bz,
    p.class,
    p.classMethod,
    jsonOrNull(p.classBasis),
    p.classListId,
    p.geometry ? json(p.geometry) : null,
    p.editor,
  ])
}

export async function deleteParcel(tx: Queryable, id: number): Promise<void> {
  await tx.query(sqlFile('parcels/delete-parcel'), [id])
}

export async function refreshOverviewArea(
  tx: Queryable,
  adcode: string,
  bbox: [number, number, number, number],
): Promise<void> {
  await tx.query(sqlFile('parcels/refresh-overview-area'), [adcode, ...bbox])
}

export async function splitParcelGeometry(db: Queryable, id: number, line: LineString) {
  return (
    await db.query<{ geometry: Polygon; area_m2: number; parent_m2: number }>(sqlFile('parcels/split-parcel'), [
      id,
      json(line),
    ])
  ).rows
}

export async function mergeParcelGeometry(db: Queryable, ids: number[]) {
  return (
    await db.query<{
      geometry: Polygon | MultiPolygon
      area_m2: number
      parts_m2: number
      pieces: { m2: number; ids: number[] | null }[]
    }>(sqlFile('parcels/merge-parcels'), [ids])
  ).rows[0]
}

export async function findParcelEvidenceByIds(
  db: Queryable,
  adcode: string,
  ids: number[],
  reachM: number,
  maxSamples: number,
): Promise<ParcelEvidenceRow[]> {
  return (await db.query(sqlFile('parcels/find-parcel-evidence'), [adcode, ids, reachM, maxSamples])).rows.map((r) => ({
    parcel_id: Number(r.parcel_id),
    inside_ids: r.inside_ids.map(Number),
    near_ids: r.near_ids.map(Number),
    near_distances: r.near_distances.map(Number),
  }))
}

export async function listPointSamplesByIds(db: Queryable, adcode: string, ids: number[]): Promise<PointSampleRow[]> {
  if (!ids.length) return []
  return (await db.query<PointSampleRow>(sqlFile('parcels/list-point-samples'), [adcode, ids])).rows
}

export async function listParcelHistory(db: Queryable, id: number): Promise<HistoryRow[]> {
  return (await db.query<HistoryRow>(sqlFile('parcels/list-history'), [id])).rows
}

export async function findHistoryEntry(
  db: Queryable,
  parcelId: number,
  historyId: number,
): Promise<HistoryRow | undefined> {
  return (await db.query<HistoryRow>(sqlFile('parcels/find-history-entry'), [parcelId, historyId])).rows[0]
}

export async function findRemoval(db: Queryable, id: number): Promise<RemovalRow | undefined> {
  return (await db.query<RemovalRow>(sqlFile('parcels/find-removal'), [id])).rows[0]
}

export async function findHistoryCounty(
  db: Queryable,
  id: number,
): Promise<{ adcode: string; county: string } | undefined> {
  return (await db.query(sqlFile('parcels/find-history-county'), [id])).rows[0]
}

export async function listDeletedParcels(db: Queryable, adcodes: string[], limit: number): Promise<DeletedRow[]> {
  return (await db.query<DeletedRow>(sqlFile('parcels/list-deleted'), [adcodes, limit])).rows
}

export async function findParcelIdByCode(db: Queryable, adcode: string, code: string): Promise<number | undefined> {
  const row = (await db.query<{ id: number }>(sqlFile('parcels/find-parcel-by-code'), [adcode, code])).rows[0]
  return row ? Number(row.id) : undefined
}

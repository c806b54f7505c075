import type { Geometry } from 'geojson'
import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { UnitLevel, UnitMeasures } from '../domain/admin-units.ts'

/** One feature to measure: its unit, its place in the file and its geometry in the layer's own CRS. */
export interface FeatureToMeasure {
  level: UnitLevel
  unitCode: string
  name: string
  isVillageName: boolean
  layer: string
  index: number
  geojson: string
  epsg: number
}

/** One unit as the file gives it after dissolving its features, in EPSG:4490. */
export interface MeasuredUnit {
  level: UnitLevel
  code: string
  name: string
  features: number
  areaM2: number
  preview: Geometry
  geojson: string
}

export interface UnitSetMeasures extends UnitMeasures {
  units: MeasuredUnit[]
  county: { geojson: string | null; preview: Geometry | null; areaM2: number | null }
  bbox: [number, number, number, number] | null
  existing: { name: string; city: string; cityCode: string; province: string } | null
  sameCity: { city: string; cityCode: string } | null
}

/** Every check of one county's units in one statement (sql/queries/admin-units/measure-units.sql). */
export async function measureUnits(
  db: Queryable,
  adcode: string,
  features: FeatureToMeasure[],
  simplifyDegrees: number,
  maxEdgeM: number,
): Promise<UnitSetMeasures> {
  const {
    rows: [r],
  } = await db.query(sqlFile('admin-units/measure-units'), [
    features.map((f) => f.level),
    features.map((f) => f.unitCode),
    features.map((f) => f.name),
    features.map((f) => (f.isVillageName ? 1 : 0)),
    features.map((f) => f.layer),
    features.map((f) => f.index),
    features.map((f) => f.geojson),
    features.map((f) => f.epsg),
    adcode,
    simplifyDegrees,
    maxEdgeM,
  ])
  return {
    invalid: r.invalid,
    units: r.units,
    county: { geojson: r.county_geojson, preview: r.county_preview, areaM2: r.county_area_m2 },
    bbox: r.bbox,
    outside: r.outside,
    overlaps: r.overlaps,
    gaps: r.gaps,
    leftOut: r.left_out.map((t: { code: string; name: string; records: string | number }) => ({
      ...t,
      records: Number(t.records),
    })),
    existing: r.existing,
    sameCity: r.same_city,
  }
}

/** Records of one kind outside an outline: how many, and the first ids and codes. */
export interface RecordsOutside {
  kind: string
  count: number
  ids: number[]
  codes: string[]
}

export async function findRecordsOutside(
  db: Queryable,
  adcode: string,
  outline: string,
  toleranceM2: number,
): Promise<RecordsOutside[]> {
  const { rows } = await db.query(sqlFile('admin-units/find-records-outside'), [adcode, outline, toleranceM2])
  return rows.map((r) => ({ kind: r.kind, count: r.count, ids: r.ids.map(Number), codes: r.codes }))
}

export interface CountyRow {
  adcode: string
  name: string
  cityCode: string
  city: string
  province: string
  geojson: string
  source: string
}

/** Creates the county or replaces its outline and names; the row before, null for a new county. */
export async function upsertCounty(
  db: Queryable,
  c: CountyRow,
): Promise<{ before: Record<string, unknown> | null; areaM2: number }> {
  const {
    rows: [r],
  } = await db.query(sqlFile('admin-units/upsert-county'), [
    c.adcode,
    c.name,
    c.cityCode,
    c.city,
    c.province,
    c.geojson,
    c.source,
  ])
  return { before: r.before, areaM2: r.area_m2 }
}

export interface TownshipChange {
  code: string
  change: 'added' | 'replaced' | 'removed'
  beforeName: string | null
  beforeAreaM2: number | null
  name: string | null
  areaM2: number | null
}

/** Replaces the townships of a county by code; the rows changed. */
export async function replaceTownships(
  db: Queryable,
  adcode: string,
  townships: { code: string; name: string; geojson: string }[],
): Promise<TownshipChange[]> {
  const { rows } = await db.query(sqlFile('admin-units/replace-townships'), [
    adcode,
    townships.map((t) => t.code),
    townships.map((t) => t.name),
    townships.map((t) => t.geojson),
  ])
  return rows.map((r) => ({
    code: r.code,
    change: r.change,
    beforeName: r.before_name,
    beforeAreaM2: r.before_area_m2,
    name: r.name,
    areaM2: r.area_m2,
  }))
}

export interface UnitHistoryRow {
  entity: 'county' | 'township'
  action: 'create' | 'update' | 'delete'
  code: string
  before: unknown
  after: unknown
}

export async function insertUnitHistory(
  db: Queryable,
  adcode: string,
  actor: string,
  reason: string,
  rows: UnitHistoryRow[],
): Promise<void> {
  await db.query(sqlFile('admin-units/insert-history'), [
    adcode,
    rows.map((r) => r.entity),
    rows.map((r) => r.code),
    actor,
    reason,
    rows.map((r) => (r.before === null ? null : JSON.stringify(r.before))),
    rows.map((r) => (r.after === null ? null : JSON.stringify(r.after))),
    rows.map((r) => r.action),
  ])
}

/** The log row of an applied file; its id. */
export async function insertUnitImport(
  db: Queryable,
  row: {
    adcode: string
    fileName: string
    actor: string
    isNewCounty: boolean
    added: number
    replaced: number
    removed: number
    recordsOutside: RecordsOutside[]
  },
): Promise<number> {
  const {
    rows: [r],
  } = await db.query(sqlFile('admin-units/insert-import'), [
    row.adcode,
    row.fileName,
    row.actor,
    row.isNewCounty,
    row.added,
    row.replaced,
    row.removed,
    JSON.stringify(row.recordsOutside),
  ])
  return Number(r.id)
}

import type { Geometry, MultiPolygon, Polygon } from 'geojson'
import type { Database, Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { SitingFeatureType, SitingHit, SitingReasonOut, SitingVerdict } from '../domain/siting.ts'
import type { SitingIndustry } from '../domain/siting-industries.ts'
import type { ZoneLevel } from '../domain/water-source.ts'
import type { LonLatBox } from './precheck-report.repo.ts'

/** 建设项目选址核查: what a site reads, the numbered records. One function per query. */

type Geo = Polygon | MultiPolygon
const q = async <R extends Record<string, any>>(db: Queryable, name: string, values: unknown[]) =>
  (await db.query<R>(sqlFile(`siting/${name}`), values)).rows
const prepared = async <R extends Record<string, any>>(db: Database, name: string, values: unknown[]) =>
  (await db.prepared<R>(`siting/${name}`, sqlFile(`siting/${name}`), values)).rows

/** A monitoring point near the site with its latest soil result (none: values null). */
export interface NearbyPointRow {
  id: number
  code: string
  name: string | null
  level: string
  land_use: string | null
  distance_m: number
  sampled_on: string | null
  ph: number | null
  values_mg_kg: Record<string, number> | null
}

/** What one siting check reads (sql/queries/siting/read-site.sql). */
export interface SiteReading {
  validity: { valid: boolean; reason: string | null; lon: number | null; lat: number | null }
  county: { adcode: string; name: string; outsideM2: number; outsideAt: [number, number] | null } | null
  hits: SitingHit[]
  points: NearbyPointRow[]
}

interface HitRow {
  type: SitingFeatureType
  id: number
  code: string
  name: string
  level: ZoneLevel | null
  distance_m: number
  overlap_m2: number
}

/**
 * Everything a siting check reads in one statement: validity, county with the area outside it, the features within
 * their distances and the nearest monitoring points. County, features and points only for a valid outline within
 * the vertex limit.
 */
export async function readSite(
  db: Database,
  g: Geo,
  o: {
    isWithinVertexLimit: boolean
    priorityAreaM: number
    waterSourceM: number
    banZoneM: number
    controlZoneM: number
    monitoringM: number
    monitoringPoints: number
  },
): Promise<SiteReading> {
  const [r] = await prepared<Record<string, any>>(db, 'read-site', [
    JSON.stringify(g),
    o.isWithinVertexLimit,
    o.priorityAreaM,
    o.waterSourceM,
    o.banZoneM,
    o.controlZoneM,
    o.monitoringM,
    o.monitoringPoints,
  ])
  return {
    validity: { valid: r.valid, reason: r.reason, lon: r.lon, lat: r.lat },
    county:
      r.adcode === null
        ? null
        : {
            adcode: r.adcode,
            name: r.county_name,
            outsideM2: Number(r.outside_m2),
            outsideAt:
              r.outside_lon !== null && r.outside_lat !== null ? [Number(r.outside_lon), Number(r.outside_lat)] : null,
          },
    hits: (r.hits as HitRow[]).map((h) => ({
      type: h.type,
      id: Number(h.id),
      code: h.code,
      name: h.name,
      level: h.level,
      distanceM: Number(h.distance_m),
      overlapM2: Number(h.overlap_m2),
    })),
    points: (r.points as NearbyPointRow[]).map((p) => ({
      ...p,
      id: Number(p.id),
      distance_m: Number(p.distance_m),
      ph: p.ph === null ? null : Number(p.ph),
    })),
  }
}

export interface SitingCheckRow {
  id: number
  adcode: string
  county_name: string
  county: string
  number: string
  project_name: string
  reference: string | null
  industry: SitingIndustry
  is_controlled_industry: boolean
  verdict: SitingVerdict
  reasons: SitingReasonOut[]
  monitoring: unknown[]
  rules: unknown
  area_m2: number
  checked_by: string
  checked_by_name: string
  checked_at: Date
  geometry: MultiPolygon
}

export interface NewSitingCheck {
  adcode: string
  numberFormat: string
  projectName: string
  reference: string | null
  industry: SitingIndustry
  isControlledIndustry: boolean
  verdict: SitingVerdict
  reasons: SitingReasonOut[]
  monitoring: unknown[]
  rules: unknown
  geometry: Geo
  checkedBy: string
  checkedByName: string
}

/** Records a check under the county's next check number of the year, in one statement (its own transaction). */
export async function recordSitingCheck(db: Database, c: NewSitingCheck): Promise<SitingCheckRow> {
  const [r] = await prepared<SitingCheckRow>(db, 'record-siting-check', [
    c.adcode,
    c.numberFormat,
    c.projectName,
    c.reference,
    c.industry,
    c.isControlledIndustry,
    c.verdict,
    JSON.stringify(c.reasons),
    JSON.stringify(c.monitoring),
    JSON.stringify(c.rules),
    JSON.stringify(c.geometry),
    c.checkedBy,
    c.checkedByName,
  ])
  return r
}

export async function findSitingCheck(db: Queryable, id: number): Promise<SitingCheckRow | undefined> {
  return (await q<SitingCheckRow>(db, 'find-siting-check', [id]))[0]
}

export type SitingCheckListRow = Omit<SitingCheckRow, 'county_name' | 'reasons' | 'monitoring' | 'rules' | 'geometry'>

export interface SitingCheckFilter {
  adcodes: string[]
  number: string | null
  from: string | null
  to: string | null
  verdict: string | null
  industry: string | null
  q: string | null
  limit: number
}

export async function listSitingChecks(db: Queryable, f: SitingCheckFilter): Promise<SitingCheckListRow[]> {
  return q<SitingCheckListRow>(db, 'list-siting-checks', [
    f.adcodes,
    f.number,
    f.from,
    f.to,
    f.verdict,
    f.industry,
    f.q,
    f.limit,
  ])
}

/** A feature a siting check names, as drawn on the report map (today's geometry), clipped to the map box. */
export interface SitingReportFeature {
  type: SitingFeatureType | 'monitoring-point'
  id: number
  style: string | null
  is_as_read: boolean
  geometry: Geometry
}

export async function findSitingReportFeatures(
  db: Queryable,
  wanted: { type: SitingReportFeature['type']; id: number; code: string | null }[],
  box: LonLatBox,
): Promise<SitingReportFeature[]> {
  if (!wanted.length) return []
  return q<SitingReportFeature>(db, 'report-features', [JSON.stringify(wanted), box.xmin, box.ymin, box.xmax, box.ymax])
}

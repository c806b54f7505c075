import type { MultiPolygon, Polygon } from 'geojson'
import type { Database, Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { PrecheckHit, PrecheckReason } from '../domain/precheck-reasons.ts'
import type { DataVersion } from '../domain/precheck-rerun.ts'
import type { SourceType, ZoneLevel } from '../domain/water-source.ts'

/** 用地准入核查: the overlaps of a plot, the data versions it read, the numbered records. One function per query. */

type Geo = Polygon | MultiPolygon
const q = async <R extends Record<string, any>>(db: Queryable, name: string, values: unknown[]) =>
  (await db.query<R>(sqlFile(`precheck/${name}`), values)).rows
/** Runs sql/queries/precheck/<name>.sql as a prepared statement (parsed and planned once per connection). */
const prepared = async <R extends Record<string, any>>(db: Database, name: string, values: unknown[]) =>
  (await db.prepared<R>(`precheck/${name}`, sqlFile(`precheck/${name}`), values)).rows
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())

interface HitRow {
  type: PrecheckHit['type']
  id: number
  code: string
  name: string
  version: number
  status: string | null
  extra: string | null
  negative_uses: { useCode: string; basis: string }[] | null
  overlap_m2: number | null
  distance_m: number | null
  sampled_on: string | null
  values_mg_kg: Record<string, number> | null
}

function toHit(r: HitRow): PrecheckHit {
  const base = { id: Number(r.id), code: r.code, name: r.name, version: Number(r.version) }
  const overlapM2 = Number(r.overlap_m2 ?? 0)
  switch (r.type) {
    case 'plot':
      return { ...base, type: 'plot', status: r.status!, negativeUses: r.negative_uses ?? [], overlapM2 }
    case 'control-zone':
      return { ...base, type: 'control-zone', announcementNo: r.extra, overlapM2 }
    case 'enterprise':
      return { ...base, type: 'enterprise', status: r.status!, industry: r.extra!, overlapM2 }
    case 'farmland':
      return { ...base, type: 'farmland', farmlandClass: r.status!, listId: Number(r.extra), overlapM2 }
    case 'basic-farmland':
      return { ...base, type: 'basic-farmland', overlapM2 }
    case 'water-source':
      return {
        ...base,
        type: 'water-source',
        level: r.status as ZoneLevel,
        sourceType: r.extra as SourceType,
        overlapM2,
      }
    case 'monitoring-point':
      return {
        ...base,
        type: 'monitoring-point',
        distanceM: Number(r.distance_m ?? 0),
        sampledOn: r.sampled_on,
        valuesMgKg: r.values_mg_kg ?? {},
      }
  }
}

/** What one pre-check reads (sql/queries/precheck/overlay.sql): validity, county, overlaps and the county's data version. */
export interface OutlineReading {
  validity: { valid: boolean; reason: string | null; lon: number | null; lat: number | null }
  /** The county holding most of the outline (or the one given), with the area outside it; null when none (or not measured). */
  county: { adcode: string; name: string; outsideM2: number; outsideAt: [number, number] | null } | null
  hits: PrecheckHit[]
  /** The county's data version (without rules and features, which the service adds); null when not measured. */
  dataVersion: Omit<DataVersion, 'rules' | 'features'> | null
}

interface ReadingRow {
  valid: boolean
  reason: string | null
  lon: number | null
  lat: number | null
  adcode: string | null
  county_name: string | null
  outside_m2: number
  outside_lon: number | null
  outside_lat: number | null
  hits: HitRow[]
  data_version: Record<string, any> | null
}

/**
 * Everything a pre-check reads in one statement: whether the outline is valid; its county (`adcode` when known,
 * else the one holding most of it) with the area outside; the published plots and zones, enterprise sites and
 * classed farmland it overlaps and the monitoring points within `radiusM`; the county's data version. County,
 * overlaps and version are only measured for a valid outline within the vertex limit (`isWithinVertexLimit`).
 */
export async function readOutline(
  db: Database,
  g: Geo,
  o: { radiusM: number; isWithinVertexLimit: boolean; adcode: string | null },
): Promise<OutlineReading> {
  const [r] = await prepared<ReadingRow>(db, 'overlay', [JSON.stringify(g), o.radiusM, o.isWithinVertexLimit, o.adcode])
  return {
    validity: { valid: r.valid, reason: r.reason, lon: r.lon, lat: r.lat },
    county:
      r.adcode === null
        ? null
        : {
            adcode: r.adcode,
            name: r.county_name!,
            outsideM2: Number(r.outside_m2),
            outsideAt:
              r.outside_lon !== null && r.outside_lat !== null ? [Number(r.outside_lon), Number(r.outside_lat)] : null,
          },
    hits: r.hits.map(toHit),
    dataVersion: r.data_version && toDataVersion(r.data_version),
  }
}

function toDataVersion(r: Record<string, any>): Omit<DataVersion, 'rules' | 'features'> {
  const counted = (v: { count: number; lastPublishedAt: string | null }) => ({
    count: Number(v.count),
    lastPublishedAt: iso(v.lastPublishedAt),
  })
  return {
    publishedPlots: counted(r.publishedPlots),
    publishedControlZones: counted(r.publishedControlZones),
    classList: r.classList
      ? {
          id: Number(r.classList.id),
          publishedVersion: Number(r.classList.publishedVersion),
          publishedAt: iso(r.classList.publishedAt),
        }
      : null,
    registryLists: r.registryLists.map((l: { list: string; jurisdiction: string; version: number }) => ({
      list: l.list,
      jurisdiction: l.jurisdiction,
      version: Number(l.version),
    })),
    enterprises: { count: Number(r.enterprises.count), lastUpdatedAt: iso(r.enterprises.lastUpdatedAt) },
    monitoring: { results: Number(r.monitoring.results), lastSampledOn: r.monitoring.lastSampledOn },
  }
}

export interface NewPrecheck {
  adcode: string
  numberFormat: string
  name: string | null
  reference: string | null
  plannedUse: string
  landClass: string
  verdict: string
  reasons: PrecheckReason[]
  dataVersion: DataVersion
  geometry: Geo
  rerunOf: number | null
  checkedBy: string
  checkedByName: string
}

/** Records a check under the county's next number of the year, in one statement (its own transaction). */
export async function recordPrecheck(db: Database, p: NewPrecheck): Promise<PrecheckRow> {
  const [r] = await prepared<Omit<PrecheckRow, 'reasons' | 'data_version'>>(db, 'record-precheck', [
    p.adcode,
    p.numberFormat,
    p.name,
    p.reference,
    p.plannedUse,
    p.landClass,
    p.verdict,
    JSON.stringify(p.reasons),
    JSON.stringify(p.dataVersion),
    JSON.stringify(p.geometry),
    p.rerunOf,
    p.checkedBy,
    p.checkedByName,
  ])
  return { ...r, reasons: p.reasons, data_version: p.dataVersion }
}

export interface PrecheckRow {
  id: number
  adcode: string
  county_name: string
  county: string
  number: string
  name: string | null
  reference: string | null
  planned_use: string
  land_class: 'first' | 'second'
  verdict: 'allowed' | 'investigate' | 'refused'
  reasons: PrecheckReason[]
  data_version: DataVersion
  area_m2: number
  rerun_of: number | null
  checked_by: string
  checked_by_name: string
  checked_at: Date
  geometry: MultiPolygon
}

export async function findPrecheck(db: Queryable, id: number): Promise<PrecheckRow | undefined> {
  return (await q<PrecheckRow>(db, 'find-precheck', [id]))[0]
}

export type PrecheckListRow = Omit<PrecheckRow, 'county_name' | 'reasons' | 'data_version' | 'geometry'>

export interface PrecheckFilter {
  adcodes: string[]
  number: string | null
  from: string | null
  to: string | null
  verdict: string | null
  q: string | null
  limit: number
}

export async function listPrechecks(db: Queryable, f: PrecheckFilter): Promise<PrecheckListRow[]> {
  return q<PrecheckListRow>(db, 'list-prechecks', [f.adcodes, f.number, f.from, f.to, f.verdict, f.q, f.limit])
}

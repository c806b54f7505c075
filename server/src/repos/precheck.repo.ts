import type { MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { DataVersion, PrecheckHit, PrecheckReason } from '../domain/precheck.ts'

/** 用地准入核查: the overlaps of a plot, the data versions it read, the numbered records. One function per query. */

type Geo = Polygon | MultiPolygon
const q = async <R extends Record<string, any>>(db: Queryable, name: string, values: unknown[]) => (await db.query<R>(sqlFile(`precheck/${name}`), values)).rows
const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())

interface HitRow {
  type: PrecheckHit['type']; id: number; code: string; name: string; version: number; status: string | null; extra: string | null
  negative_uses: { useCode: string; basis: string }[] | null; overlap_m2: number | null; distance_m: number | null
  sampled_on: string | null; values_mg_kg: Record<string, number> | null
}

function toHit(r: HitRow): PrecheckHit {
  const base = { id: Number(r.id), code: r.code, name: r.name, version: Number(r.version) }
  const overlapM2 = Number(r.overlap_m2 ?? 0)
  switch (r.type) {
    case 'plot': return { ...base, type: 'plot', status: r.status!, negativeUses: r.negative_uses ?? [], overlapM2 }
    case 'control-zone': return { ...base, type: 'control-zone', announcementNo: r.extra, overlapM2 }
    case 'enterprise': return { ...base, type: 'enterprise', status: r.status!, industry: r.extra!, overlapM2 }
    case 'farmland': return { ...base, type: 'farmland', farmlandClass: r.status!, listId: Number(r.extra), overlapM2 }
    case 'monitoring-point': return { ...base, type: 'monitoring-point', distanceM: Number(r.distance_m ?? 0), sampledOn: r.sampled_on, valuesMgKg: r.values_mg_kg ?? {} }
  }
}

/** Published plots and zones, enterprise sites and classed farmland the plot overlaps; monitoring points within the radius. */
export async function findHits(db: Queryable, g: Geo, radiusM: number): Promise<PrecheckHit[]> {
  return (await q<HitRow>(db, 'find-hits', [JSON.stringify(g), radiusM])).map(toHit)
}

/** The county's data versions the pre-check reads (without rules and features, which the service adds). */
export async function readDataVersion(db: Queryable, adcode: string): Promise<Omit<DataVersion, 'rules' | 'features'>> {
  const [r] = await q(db, 'data-version', [adcode])
  const counted = (v: { count: number; lastPublishedAt: string | null }) => ({ count: Number(v.count), lastPublishedAt: iso(v.lastPublishedAt) })
  return {
    publishedPlots: counted(r.published_plots),
    publishedControlZones: counted(r.published_control_zones),
    classList: r.class_list ? { id: Number(r.class_list.id), publishedVersion: Number(r.class_list.publishedVersion), publishedAt: iso(r.class_list.publishedAt) } : null,
    registryLists: r.registry_lists.map((l: { list: string; jurisdiction: string; version: number }) => ({ list: l.list, jurisdiction: l.jurisdiction, version: Number(l.version) })),
    enterprises: { count: Number(r.enterprises.count), lastUpdatedAt: iso(r.enterprises.lastUpdatedAt) },
    monitoring: { results: Number(r.monitoring.results), lastSampledOn: r.monitoring.lastSampledOn },
  }
}

export interface NewPrecheck {
  adcode: string; numberFormat: string; name: string | null; reference: string | null
  plannedUse: string; landClass: string; verdict: string; reasons: PrecheckReason[]; dataVersion: DataVersion
  geometry: Geo; rerunOf: number | null; checkedBy: string; checkedByName: string
}

/** Records a check under the county's next number of the year (the counter row stays locked until the transaction ends). */
export async function recordPrecheck(tx: Queryable, p: NewPrecheck): Promise<PrecheckRow> {
  const [r] = await q<PrecheckRow>(tx, 'record-precheck', [p.adcode, p.numberFormat, p.name, p.reference, p.plannedUse, p.landClass, p.verdict,
    JSON.stringify(p.reasons), JSON.stringify(p.dataVersion), JSON.stringify(p.geometry), p.rerunOf, p.checkedBy, p.checkedByName])
  return r
}

export interface PrecheckRow {
  id: number; adcode: string; county_name: string; county: string; number: string; name: string | null; reference: string | null
  planned_use: string; land_class: 'first' | 'second'; verdict: 'allowed' | 'investigate' | 'refused'; reasons: PrecheckReason[]
  data_version: DataVersion; area_m2: number; rerun_of: number | null; checked_by: string; checked_by_name: string; checked_at: Date
  geometry: MultiPolygon
}

export async function findPrecheck(db: Queryable, id: number): Promise<PrecheckRow | undefined> {
  return (await q<PrecheckRow>(db, 'find-precheck', [id]))[0]
}

export type PrecheckListRow = Omit<PrecheckRow, 'county_name' | 'reasons' | 'data_version' | 'geometry'>

export interface PrecheckFilter {
  adcodes: string[]; number: string | null; from: string | null; to: string | null; verdict: string | null; q: string | null; limit: number
}

export async function listPrechecks(db: Queryable, f: PrecheckFilter): Promise<PrecheckListRow[]> {
  return q<PrecheckListRow>(db, 'list-prechecks', [f.adcodes, f.number, f.from, f.to, f.verdict, f.q, f.limit])
}

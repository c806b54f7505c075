import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { CoverageFacts, LandUseFact, SoilTypeFact } from '../domain/coverage.ts'
import type { GapCandidate } from '../domain/gap-analysis.ts'

/** 监测网络全覆盖 and 缺口分析: one function per query of sql/queries/coverage. */

const q = async <R extends Record<string, any>>(db: Queryable, name: string, values: unknown[]) =>
  (await db.query<R>(sqlFile(`coverage/${name}`), values)).rows

export interface CountyRow {
  adcode: string
  name: string
  city_code: string
  city: string
  province: string
  bbox: [number, number, number, number]
}

export async function listCounties(db: Queryable, adcodes: string[]): Promise<CountyRow[]> {
  return q<CountyRow>(db, 'list-counties', [adcodes])
}

export interface TownshipFacts extends CoverageFacts {
  adcode: string
  townshipCode: string | null
  townshipName: string | null
}

/**
 * The data version of each county's coverage figures at the distance (migration 022): its land and point versions
 * and the active version of every county whose active points may reach its farmland; equal strings, equal figures.
 */
export async function findCoverageVersions(
  db: Queryable,
  adcodes: string[],
  distanceM: number,
): Promise<Map<string, string>> {
  const rows = await q(db, 'find-versions', [adcodes, distanceM])
  return new Map(rows.map((r) => [r.adcode, `${r.land_version}:${r.point_version}|${r.reach}`]))
}

/** Coverage facts per township of the counties (townshipCode null: outside every township). */
export async function findCoverageFacts(
  db: Queryable,
  adcodes: string[],
  distanceM: number,
  farmlandClasses: string[],
): Promise<TownshipFacts[]> {
  const rows = await q(db, 'county-facts', [adcodes, distanceM, farmlandClasses])
  return rows.map((r) => ({
    adcode: r.adcode,
    townshipCode: r.township_code || null,
    townshipName: r.township_name,
    activeByLevel: { national: r.national, provincial: r.provincial, city: r.city, county: r.county },
    activeByType: { basic: r.basic, risk: r.risk, background: r.background, produce: r.produce },
    plannedPoints: r.planned,
    farmlandM2: Number(r.farmland_m2),
    uncoveredM2: Number(r.uncovered_m2),
    farmlandParcels: r.parcels,
    uncoveredParcels: r.uncovered_parcels,
  }))
}

/** Soil types recorded at a county's points and the area of each first-level 三调 class of its parcels. */
export interface ThreeLevelFacts {
  soilTypes: SoilTypeFact[]
  landUses: LandUseFact[]
}

/** Soil types and land classes of each county, for the three-level reading. */
export async function findThreeLevelFacts(db: Queryable, adcodes: string[]): Promise<Map<string, ThreeLevelFacts>> {
  const out = new Map<string, ThreeLevelFacts>()
  for (const r of await q(db, 'three-level-facts', [adcodes])) {
    const entry: ThreeLevelFacts = out.get(r.adcode) ?? { soilTypes: [], landUses: [] }
    if (r.kind === 'soil') entry.soilTypes.push({ soilType: r.key, points: r.points, activePoints: r.active_points })
    else entry.landUses.push({ landClass: r.key, areaM2: Number(r.area_m2), activePoints: r.active_points })
    out.set(r.adcode, entry)
  }
  return out
}

export interface UncoveredParcelRow {
  id: number
  code: string
  dlbm: string
  township_code: string | null
  area_m2: number
  geometry: unknown
  total: number
}

export async function listUncoveredParcels(
  db: Queryable,
  adcode: string,
  distanceM: number,
  farmlandClasses: string[],
  limit: number,
): Promise<UncoveredParcelRow[]> {
  return q<UncoveredParcelRow>(db, 'uncovered-parcels', [adcode, distanceM, farmlandClasses, limit])
}

export interface PointRow {
  id: number
  code: string
  name: string
  level: string
  point_type: string
  status: string
  township_code: string | null
  land_use: string | null
  soil_type: string | null
  lon: number
  lat: number
  planned_basis: unknown
  version: number
  is_generated: boolean
}

export async function listCoveragePoints(db: Queryable, adcode: string): Promise<PointRow[]> {
  return q<PointRow>(db, 'list-points', [adcode])
}

export interface GapCandidates {
  areas: number[]
  candidates: (GapCandidate & { township: string | null })[]
}

export async function findGapCandidates(
  db: Queryable,
  adcode: string,
  distanceM: number,
  farmlandClasses: string[],
  spacingM: number,
  srid: number,
): Promise<GapCandidates> {
  const [r] = await q(db, 'gap-candidates', [adcode, distanceM, farmlandClasses, spacingM, srid])
  return { areas: r.areas.map(Number), candidates: r.candidates }
}

export interface SiteRow {
  adcode: string
  name: string
  city: string
  is_inside: boolean
  township_code: string | null
  land_use: string | null
  nearby_code: string | null
}

export async function findSite(
  db: Queryable,
  adcode: string,
  lon: number,
  lat: number,
  duplicateWithinM: number,
): Promise<SiteRow | undefined> {
  return (await q<SiteRow>(db, 'find-site', [adcode, lon, lat, duplicateWithinM]))[0]
}

export async function nextPlannedSeq(tx: Queryable, adcode: string): Promise<number> {
  const [r] = await q(tx, 'next-planned-seq', [adcode])
  return Number(r.seq)
}

export interface NewPlannedPoint {
  adcode: string
  code: string
  name: string
  level: string
  type: string
  townshipCode: string | null
  landUse: string | null
  lon: number
  lat: number
  basis: unknown
  createdBy: string
}

export async function insertPlannedPoint(tx: Queryable, p: NewPlannedPoint) {
  const [r] = await q(tx, 'insert-planned-point', [
    p.adcode,
    p.code,
    p.name,
    p.level,
    p.type,
    p.townshipCode,
    p.landUse,
    p.lon,
    p.lat,
    JSON.stringify(p.basis),
    p.createdBy,
  ])
  return r
}

export async function insertPointHistory(
  tx: Queryable,
  adcode: string,
  pointId: number,
  actor: string,
  reason: string,
  after: unknown,
): Promise<number> {
  const [r] = await q(tx, 'insert-history', [adcode, pointId, actor, reason, JSON.stringify(after)])
  return Number(r.id)
}

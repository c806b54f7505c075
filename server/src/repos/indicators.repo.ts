import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type {
  AccountCategory,
  CategoryTotal,
  Indicator,
  MeasureBucket,
  PollutionDegree,
  Target,
} from '../domain/safe-use-rate.ts'

export interface CountyRow {
  adcode: string
  name: string
  cityCode: string
  city: string
  province: string
  cityCounties: number
}

export async function listCounties(db: Queryable, adcodes: string[]): Promise<CountyRow[]> {
  const { rows } = await db.query(sqlFile('indicators/list-counties'), [adcodes])
  return rows.map((r) => ({
    adcode: r.adcode,
    name: r.name,
    cityCode: r.city_code,
    city: r.city,
    province: r.province,
    cityCounties: r.city_counties,
  }))
}

/** Every jurisdiction a target may be set for, code → name. */
export async function listJurisdictions(db: Queryable): Promise<Map<string, string>> {
  const { rows } = await db.query<{ code: string; name: string }>(sqlFile('indicators/list-jurisdictions'))
  return new Map(rows.map((r) => [r.code, r.name]))
}

export async function listAccountYears(db: Queryable, adcodes: string[]): Promise<number[]> {
  return (await db.query<{ year: number }>(sqlFile('indicators/account-years'), [adcodes])).rows.map((r) => r.year)
}

export async function farmlandTotals(
  db: Queryable,
  adcodes: string[],
  year: number,
): Promise<(CategoryTotal & { adcode: string })[]> {
  const { rows } = await db.query(sqlFile('indicators/farmland-totals'), [adcodes, year])
  return rows.map((r) => ({
    adcode: r.adcode,
    degree: r.degree as PollutionDegree,
    strictest: r.strictest as MeasureBucket | null,
    produceCompliant: r.produce_compliant as boolean | null,
    count: r.count,
    areaM2: r.area_m2,
  }))
}

export interface AccountRow {
  id: number
  adcode: string
  county: string
  year: number
  parcelId: number | null
  parcelCode: string
  townshipCode: string | null
  township: string | null
  dlbm: string
  degree: PollutionDegree
  strictest: MeasureBucket | null
  areaM2: number
  produceCompliant: boolean | null
  produceBasis: string | null
  measures: { measure: string; bucket: MeasureBucket }[]
  isGenerated: boolean
}

export interface RowsPage<T> {
  rows: T[]
  totalCount: number
  totalAreaM2: number
}

/** The accounted parcels of `categories` (one term) in a year, up to `limit`, with the count and area of all. */
export async function listAccountRows(
  db: Queryable,
  adcodes: string[],
  year: number,
  categories: AccountCategory[],
  limit: number,
): Promise<RowsPage<AccountRow>> {
  const { rows } = await db.query(sqlFile('indicators/farmland-rows'), [
    adcodes,
    year,
    categories.map((c) => c.degree),
    categories.map((c) => c.strictest),
    categories.map((c) => c.produceCompliant),
    limit,
  ])
  return {
    rows: rows.map((r) => ({
      id: r.id,
      adcode: r.adcode,
      county: r.county,
      year: r.year,
      parcelId: r.parcel_id,
      parcelCode: r.parcel_code,
      townshipCode: r.township_code,
      township: r.township,
      dlbm: r.dlbm,
      degree: r.degree,
      strictest: r.strictest,
      areaM2: r.area_m2,
      produceCompliant: r.produce_compliant,
      produceBasis: r.produce_basis,
      measures: r.measures,
      isGenerated: r.is_generated,
    })),
    totalCount: rows[0]?.total_count ?? 0,
    totalAreaM2: rows[0]?.total_area_m2 ?? 0,
  }
}

export async function plotTotals(
  db: Queryable,
  adcodes: string[],
  year: number,
): Promise<{ adcode: string; meets: boolean; count: number; areaM2: number }[]> {
  const { rows } = await db.query(sqlFile('indicators/plot-totals'), [adcodes, year])
  return rows.map((r) => ({ adcode: r.adcode, meets: r.meets_requirement, count: r.count, areaM2: r.area_m2 }))
}

export interface RedevelopmentRow {
  id: number
  adcode: string
  county: string
  plotId: number | null
  plotCode: string
  plotName: string
  year: number
  plannedUse: string
  areaM2: number
  meetsRequirement: boolean
  basis: string
  isGenerated: boolean
}

export async function listRedevelopments(
  db: Queryable,
  adcodes: string[],
  year: number,
  meets: boolean | null,
  limit: number,
): Promise<RowsPage<RedevelopmentRow>> {
  const { rows } = await db.query(sqlFile('indicators/plot-rows'), [adcodes, year, meets, limit])
  return {
    rows: rows.map((r) => ({
      id: r.id,
      adcode: r.adcode,
      county: r.county,
      plotId: r.plot_id,
      plotCode: r.plot_code,
      plotName: r.plot_name,
      year: r.year,
      plannedUse: r.planned_use,
      areaM2: r.area_m2,
      meetsRequirement: r.meets_requirement,
      basis: r.basis,
      isGenerated: r.is_generated,
    })),
    totalCount: rows[0]?.total_count ?? 0,
    totalAreaM2: rows[0]?.total_area_m2 ?? 0,
  }
}

export interface TargetRow extends Target {
  updatedBy: string
  updatedAt: string
}

function toTarget(r: any): TargetRow {
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    indicator: r.indicator as Indicator,
    year: r.year,
    targetPct: r.target_pct,
    comparator: r.comparator,
    source: r.source,
    confidence: r.confidence,
    version: r.version,
    updatedBy: r.updated_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  }
}

export async function listTargets(db: Queryable): Promise<TargetRow[]> {
  return (await db.query(sqlFile('indicators/list-targets'))).rows.map(toTarget)
}

/** One target, locked for an edit in the caller's transaction. */
export async function findTargetForUpdate(tx: Queryable, id: number): Promise<TargetRow | undefined> {
  const { rows } = await tx.query(sqlFile('indicators/find-target'), [id])
  return rows[0] ? toTarget(rows[0]) : undefined
}

/** The new target's id, or null when the jurisdiction already has one of that indicator and year. */
export async function insertTarget(
  tx: Queryable,
  t: {
    jurisdiction: string
    indicator: Indicator
    year: number
    targetPct: number
    comparator: string
    source: string
  },
  user: string,
): Promise<number | null> {
  const { rows } = await tx.query(sqlFile('indicators/insert-target'), [
    t.jurisdiction,
    t.indicator,
    t.year,
    t.targetPct,
    t.comparator,
    t.source,
    user,
  ])
  return rows[0]?.id ?? null
}

/** True when the target was at `version` and is now changed. */
export async function updateTarget(
  tx: Queryable,
  id: number,
  t: { targetPct: number; comparator: string; source: string },
  user: string,
  version: number,
): Promise<boolean> {
  const { rowCount } = await tx.query(sqlFile('indicators/update-target'), [
    id,
    t.targetPct,
    t.comparator,
    t.source,
    user,
    version,
  ])
  return (rowCount ?? 0) > 0
}

export interface BlackSoilPointRow {
  id: number
  code: string
  name: string
  level: string
  pointType: string
  status: string
  landUse: string
  townshipCode: string | null
  township: string | null
  sampledOn: string | null
  organicMatterGKg: number | null
  ploughDepthCm: number | null
  isGenerated: boolean
}

export async function listBlackSoilPoints(
  db: Queryable,
  adcode: string,
  lastDay: string | null,
): Promise<BlackSoilPointRow[]> {
  const { rows } = await db.query(sqlFile('indicators/black-soil-points'), [adcode, lastDay])
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    pointType: r.point_type,
    status: r.status,
    landUse: r.land_use,
    townshipCode: r.township_code,
    township: r.township,
    sampledOn: r.sampled_on,
    organicMatterGKg: r.organic_matter_g_kg,
    ploughDepthCm: r.plough_depth_cm,
    isGenerated: r.is_generated,
  }))
}

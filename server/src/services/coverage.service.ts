import type { Database, Queryable } from '../db/database.ts'
import {
  POINT_LEVELS,
  POINT_TYPES,
  activePoints,
  describeRule,
  farmlandClasses,
  judgeCoverage,
  muPerPoint,
  rollUpCoverage,
  sumFacts,
  type CoverageFacts,
  type CoverageSettings,
  type PointLevel,
  type PointType,
} from '../domain/coverage.ts'
import {
  GAP_MAX_K,
  chooseGapPoints,
  gaussKrugerSrid,
  plannedPointCode,
  type GapSpacingKm,
} from '../domain/gap-analysis.ts'
import { DLBM, POINT_LEVEL, POINT_TYPE, labelOf } from '../domain/labels.ts'
import { m2ToMu } from '../domain/units.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  findCoverageFacts,
  findCoverageVersions,
  findGapCandidates,
  findSite,
  findThreeLevelFacts,
  insertPlannedPoint,
  insertPointHistory,
  listCounties,
  listCoveragePoints,
  listUncoveredParcels,
  nextPlannedSeq,
  type CountyRow,
  type ThreeLevelFacts,
  type TownshipFacts,
} from '../repos/coverage.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { assertAdcodeInScope } from './control-zones.service.ts'
import type {
  AcceptGapResponse,
  CoveragePoints,
  CoverageResponse,
  GapResponse,
  TownshipResponse,
  UncoveredFeatures,
} from '../../../contracts/coverage.ts'

export type CoverageServiceSettings = CoverageSettings & { maxUncoveredFeatures: number; duplicateWithinM: number }

const round1 = (v: number) => Math.round(v * 10) / 10

/** The counts and areas of facts as the API answers them (亩 rounded to 0.1). */
function describeFacts(f: CoverageFacts) {
  const points = activePoints(f)
  return {
    points,
    byLevel: POINT_LEVELS.map((level) => ({ level, levelName: POINT_LEVEL[level], points: f.activeByLevel[level] })),
    byType: POINT_TYPES.map((type) => ({ type, typeName: POINT_TYPE[type], points: f.activeByType[type] })),
    plannedPoints: f.plannedPoints,
    farmlandParcels: f.farmlandParcels,
    farmlandMu: round1(m2ToMu(f.farmlandM2)),
    farmlandMuPerPoint: muPerPoint(f.farmlandM2, points),
    uncoveredParcels: f.uncoveredParcels,
    uncoveredMu: round1(m2ToMu(f.uncoveredM2)),
    uncoveredShare: f.farmlandM2 > 0 ? f.uncoveredM2 / f.farmlandM2 : 0,
  }
}

/** The settings the figures were computed with, labelled as local rules. */
export function describeSettings(s: CoverageSettings) {
  return {
    distanceM: s.distanceM,
    farmlandClasses: farmlandClasses(s),
    farmlandName: s.includeOrchards ? '耕地（01）和种植园用地（02）' : '耕地（三调 01 水田、水浇地、旱地）',
    minPointsByLevel: s.minPointsByLevel,
    threeLevel: s.threeLevel,
    mainShare: s.mainShare,
    rule: describeRule(s),
    isLocalRule: true,
    note: `覆盖距离 ${s.distanceM / 1000} km（默认 4 km，取部分省份耕地基础点位 8 km 网格的一半）；距离按所在纬度折算为实地米数`,
  }
}

/** What the database answers for one county: its township facts and its three-level facts. */
interface CountyFigures {
  townships: TownshipFacts[]
  threeLevel: ThreeLevelFacts
}

/** Most county figures the coverage cache of one database keeps (one per county and settings; least recently read go first). */
const CACHE_MAX_COUNTIES = 1000

/**
 * Computed coverage figures per county and settings with the data version they were computed at (migration 022),
 * and how many counties were served from it (hits) or computed (misses). A figure is served only while the county's
 * version is the one read just before it was computed, so it is never older than the data.
 */
class CoverageCache {
  private readonly entries = new Map<string, { version: string; figures: Promise<CountyFigures> }>()
  hits = 0
  misses = 0

  get size() {
    return this.entries.size
  }

  /** The figures kept under the key at this version, now the most recently read; none when absent or older. */
  find(key: string, version: string): Promise<CountyFigures> | undefined {
    const entry = this.entries.get(key)
    if (entry?.version !== version) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.figures
  }

  keep(key: string, version: string, figures: Promise<CountyFigures>): void {
    this.entries.delete(key)
    this.entries.set(key, { version, figures })
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= CACHE_MAX_COUNTIES) break
      this.entries.delete(oldest)
    }
  }

  /** Drops the figures under the key when they are these (a failed computation is not kept). */
  forget(key: string, figures: Promise<CountyFigures>): void {
    if (this.entries.get(key)?.figures === figures) this.entries.delete(key)
  }
}

const caches = new WeakMap<Queryable, CoverageCache>()

function cacheOf(db: Queryable): CoverageCache {
  let cache = caches.get(db)
  if (!cache) caches.set(db, (cache = new CoverageCache()))
  return cache
}

/** Counties of the database's coverage cache served from it and computed so far, and how many it holds. */
export function coverageCacheStats(db: Queryable) {
  const cache = caches.get(db)
  return { hits: cache?.hits ?? 0, misses: cache?.misses ?? 0, counties: cache?.size ?? 0 }
}

/** Empties the database's coverage cache, so the next read computes every county (the bench times the computation). */
export function clearCoverageCache(db: Queryable): void {
  caches.delete(db)
}

/** Township and three-level facts of the counties, in one query each. */
async function computeFigures(
  db: Queryable,
  adcodes: string[],
  settings: CoverageSettings,
): Promise<Map<string, CountyFigures>> {
  const [facts, threeLevel] = await Promise.all([
    findCoverageFacts(db, adcodes, settings.distanceM, farmlandClasses(settings)),
    findThreeLevelFacts(db, adcodes),
  ])
  return new Map(
    adcodes.map((adcode) => [
      adcode,
      {
        townships: facts.filter((f) => f.adcode === adcode),
        threeLevel: threeLevel.get(adcode) ?? { soilTypes: [], landUses: [] },
      },
    ]),
  )
}

/**
 * The figures of the counties: from the cache where the county's data version (read first, one small query) is the
 * one they were computed at, the others computed together and kept. Figures computed after the version was read can
 * only be newer than it; a later change moves the version on (the boxes of migration 022 only grow), so they are
 * never served for data they do not show.
 */
async function figuresOf(
  db: Queryable,
  adcodes: string[],
  settings: CoverageSettings,
): Promise<Map<string, CountyFigures>> {
  const cache = cacheOf(db)
  const fingerprint = JSON.stringify([settings.distanceM, farmlandClasses(settings)])
  const versions = await findCoverageVersions(db, adcodes, settings.distanceM)
  const key = (adcode: string) => `${adcode}|${fingerprint}`
  const figures = new Map<string, Promise<CountyFigures>>()
  const missing: string[] = []
  for (const adcode of adcodes) {
    const kept = cache.find(key(adcode), versions.get(adcode) ?? '')
    if (kept) figures.set(adcode, kept)
    else missing.push(adcode)
  }
  cache.hits += figures.size
  cache.misses += missing.length
  if (missing.length) {
    const computed = computeFigures(db, missing, settings)
    for (const adcode of missing) {
      const one = computed.then((all) => all.get(adcode)!)
      figures.set(adcode, one)
      cache.keep(key(adcode), versions.get(adcode) ?? '', one)
    }
    computed.catch(() => {
      for (const adcode of missing) cache.forget(key(adcode), figures.get(adcode)!)
    })
  }
  return new Map(await Promise.all(adcodes.map(async (adcode) => [adcode, await figures.get(adcode)!] as const)))
}

/** Coverage of counties with their verdicts; the figures per township come along for the caller to use. */
async function coverageOf(db: Queryable, counties: CountyRow[], settings: CoverageSettings) {
  const figures = await figuresOf(
    db,
    counties.map((c) => c.adcode),
    settings,
  )
  return counties.map((c) => {
    const { townships, threeLevel: tl } = figures.get(c.adcode)!
    const total = sumFacts(townships)
    const verdict = judgeCoverage(total, tl.soilTypes, tl.landUses, settings)
    return { county: c, facts: total, townships, verdict, threeLevel: tl }
  })
}

async function countiesFor(db: Queryable, ctx: AuthContext, adcode: string | undefined): Promise<CountyRow[]> {
  if (adcode) await assertAdcodeInScope(db, ctx, adcode)
  return listCounties(db, adcode ? [adcode] : scopeAdcodes(ctx))
}

/** Coverage of the user's counties (or one of them) with the verdict and its reasons, and city and province roll-ups. */
export async function getCoverage(
  db: Database,
  ctx: AuthContext,
  settings: CoverageSettings,
  adcode?: string,
): Promise<CoverageResponse> {
  const counties = (await coverageOf(db, await countiesFor(db, ctx, adcode), settings)).map(
    ({ county: c, facts, verdict, threeLevel }) => ({
      adcode: c.adcode,
      name: c.name,
      cityCode: c.city_code,
      city: c.city,
      province: c.province,
      bbox: c.bbox,
      ...describeFacts(facts),
      isCovered: verdict.isCovered,
      verdictName: verdict.verdictName,
      reasons: verdict.reasons,
      checks: verdict.checks,
      soilTypes: threeLevel.soilTypes,
      landUses: threeLevel.landUses.map((u) => ({ ...u, areaMu: round1(m2ToMu(u.areaM2)) })),
    }),
  )
  return {
    settings: describeSettings(settings),
    counties,
    cities: rollUpCoverage(counties, (c) => ({ code: c.cityCode, name: c.city })),
    provinces: rollUpCoverage(counties, (c) => ({ code: `${c.adcode.slice(0, 2)}0000`, name: c.province })),
  }
}

/** Coverage of each township of a county (townships hold no verdict: the rule is a county rule). */
export async function getTownshipCoverage(
  db: Database,
  ctx: AuthContext,
  settings: CoverageSettings,
  adcode: string,
): Promise<TownshipResponse> {
  const [one] = await coverageOf(db, await countiesFor(db, ctx, adcode), settings)
  return {
    adcode,
    name: one.county.name,
    settings: describeSettings(settings),
    townships: one.townships.map((t: TownshipFacts) => ({
      code: t.townshipCode,
      name: t.townshipName ?? '未落乡镇（街道）',
      ...describeFacts(t),
    })),
  }
}

/** Uncovered farmland of a county as a GeoJSON FeatureCollection (largest first, at most the configured number). */
export async function getUncoveredFarmland(
  db: Database,
  ctx: AuthContext,
  settings: CoverageServiceSettings,
  adcode: string,
): Promise<UncoveredFeatures> {
  await assertAdcodeInScope(db, ctx, adcode)
  const rows = await listUncoveredParcels(
    db,
    adcode,
    settings.distanceM,
    farmlandClasses(settings),
    settings.maxUncoveredFeatures,
  )
  const total = rows.length ? Number(rows[0].total) : 0
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: Number(r.id),
      geometry: r.geometry,
      properties: {
        id: Number(r.id),
        code: r.code,
        dlbm: r.dlbm,
        dlmc: labelOf(DLBM, r.dlbm),
        townshipCode: r.township_code,
        areaMu: round1(m2ToMu(r.area_m2)),
      },
    })),
    total,
    truncated: total > rows.length,
    message: total > rows.length ? `未覆盖图斑共 ${total} 个，地图只显示面积最大的 ${rows.length} 个` : null,
  }
}

/** Active and planned points of a county as GeoJSON, for the coverage map. */
export async function getCoveragePoints(db: Database, ctx: AuthContext, adcode: string): Promise<CoveragePoints> {
  await assertAdcodeInScope(db, ctx, adcode)
  const rows = await listCoveragePoints(db, adcode)
  return {
    type: 'FeatureCollection' as const,
    features: rows.map((r) => ({
      type: 'Feature' as const,
      id: Number(r.id),
      geometry: { type: 'Point' as const, coordinates: [r.lon, r.lat] },
      properties: {
        id: Number(r.id),
        code: r.code,
        name: r.name,
        level: r.level,
        levelName: labelOf(POINT_LEVEL, r.level),
        type: r.point_type,
        typeName: labelOf(POINT_TYPE, r.point_type),
        status: r.status,
        statusName: r.status === 'planned' ? '规划' : '在用',
        plannedBasis: r.planned_basis,
        isSample: r.is_generated,
      },
    })),
  }
}

export interface GapInput {
  adcode: string
  k: number
  spacingKm: GapSpacingKm
}

/**
 * 缺口分析: the grid nodes of the spacing inside the county (laid out in its CGCS2000 3° GK zone), each with the
 * uncovered farmland within the coverage distance (SQL), then the greedy choice of k (domain).
 */
export async function runGapAnalysis(
  db: Database,
  ctx: AuthContext,
  settings: CoverageSettings,
  input: GapInput,
): Promise<GapResponse> {
  await assertAdcodeInScope(db, ctx, input.adcode)
  const [county] = await listCounties(db, [input.adcode])
  const srid = gaussKrugerSrid((county.bbox[0] + county.bbox[2]) / 2)
  const { areas, candidates } = await findGapCandidates(
    db,
    input.adcode,
    settings.distanceM,
    farmlandClasses(settings),
    input.spacingKm * 1000,
    srid,
  )
  const choice = chooseGapPoints(candidates, areas, Math.min(input.k, GAP_MAX_K))
  const townshipOf = new Map(candidates.map((c) => [c.id, c.township]))
  const ranAt = new Date().toISOString()
  return {
    adcode: input.adcode,
    name: county.name,
    k: input.k,
    spacingKm: input.spacingKm,
    distanceM: settings.distanceM,
    crs: `EPSG:${srid}（CGCS2000 3° 高斯-克吕格，中央经线 ${75 + (srid - 4534) * 3}°E）`,
    candidates: candidates.length,
    uncoveredParcels: areas.length,
    uncoveredMu: round1(m2ToMu(choice.uncoveredM2)),
    remainingMu: round1(m2ToMu(choice.remainingM2)),
    shortfall: choice.shortfall,
    ranAt,
    proposals: choice.proposals.map((p) => ({
      rank: p.rank,
      candidateId: p.candidateId,
      lon: Math.round(p.lon * 1e7) / 1e7,
      lat: Math.round(p.lat * 1e7) / 1e7,
      township: townshipOf.get(p.candidateId) ?? null,
      parcels: p.parcels,
      gainM2: p.gainM2,
      gainMu: round1(p.gainMu),
      cumulativeMu: round1(p.cumulativeMu),
      cumulativeShare: p.cumulativeShare,
    })),
  }
}

export interface AcceptInput {
  adcode: string
  lon: number
  lat: number
  level: PointLevel
  type: PointType
  basis: { spacingKm: GapSpacingKm; rank: number; gainM2: number; ranAt?: string; note?: string | null }
}

/** A proposal's gain is farmland inside one point's circle; the geodesic circle may exceed π·d² by a little. */
const GAIN_ROUNDING = 1.05

/**
 * An environment officer accepts a proposal: a planned point (code …-GH0001 from the county's sequence) inside
 * the county, with its township and the 三调 code under it, the proposal as its basis, and a history row, in one
 * transaction. Refused outside the county (422) or next to an active or planned point (409).
 */
export async function acceptGapProposal(
  db: Database,
  ctx: AuthContext,
  settings: CoverageServiceSettings,
  input: AcceptInput,
): Promise<AcceptGapResponse> {
  const discM2 = Math.PI * settings.distanceM ** 2
  if (input.basis.gainM2 > discM2 * GAIN_ROUNDING) {
    throw new AppError(
      'VALIDATION',
      `新增覆盖面积（basis.gainM2）超过一个点位 ${settings.distanceM} 米覆盖圆的面积（约 ${Math.round(discM2).toLocaleString('zh-CN')} 平方米），不是缺口分析给出的数值；请重新运行缺口分析后再采纳`,
      { problems: [{ code: 'GAIN_TOO_LARGE', field: 'basis.gainM2', message: '新增覆盖面积超出一个点位的覆盖范围' }] },
    )
  }
  await assertAdcodeInScope(db, ctx, input.adcode)
  return db.transaction(async (tx) => {
    const site = await findSite(tx, input.adcode, input.lon, input.lat, settings.duplicateWithinM)
    if (!site) throw new AppError('NOT_FOUND', `没有区县代码为 ${input.adcode} 的区县`)
    if (!site.is_inside) {
      throw new AppError(
        'GEOMETRY_CHECK',
        `位置（${input.lon.toFixed(6)}, ${input.lat.toFixed(6)}）不在${site.city}${site.name}境内，不能作为该区县的规划点位`,
      )
    }
    if (site.nearby_code) {
      throw new AppError(
        'CONFLICT',
        `该位置 ${settings.duplicateWithinM} 米内已有点位 ${site.nearby_code}，不再重复规划`,
      )
    }
    const seq = await nextPlannedSeq(tx, input.adcode)
    const code = plannedPointCode(input.adcode, seq)
    const basis = {
      ...input.basis,
      distanceM: settings.distanceM,
      acceptedBy: ctx.user.username,
      acceptedAt: new Date().toISOString(),
      source: '缺口分析',
    }
    const row = await insertPlannedPoint(tx, {
      adcode: input.adcode,
      code,
      name: `${site.name}规划点位 ${code.slice(-6)}`,
      level: input.level,
      type: input.type,
      townshipCode: site.township_code,
      landUse: site.land_use,
      lon: input.lon,
      lat: input.lat,
      basis,
      createdBy: ctx.user.username,
    })
    const point = {
      id: Number(row.id),
      code: row.code,
      name: row.name,
      adcode: input.adcode,
      level: row.level,
      levelName: labelOf(POINT_LEVEL, row.level),
      type: row.point_type,
      typeName: labelOf(POINT_TYPE, row.point_type),
      status: row.status,
      statusName: '规划',
      townshipCode: row.township_code,
      landUse: row.land_use,
      lon: Number(row.lon),
      lat: Number(row.lat),
      plannedBasis: row.planned_basis,
      version: Number(row.version),
      createdBy: row.created_by,
      createdAt: new Date(row.created_at).toISOString(),
    }
    const historyId = await insertPointHistory(
      tx,
      input.adcode,
      point.id,
      ctx.user.username,
      `缺口分析第 ${input.basis.rank} 位建议，采纳为规划点位`,
      point,
    )
    return { point, historyId }
  })
}

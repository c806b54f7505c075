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
} from '../domain/coverage.ts'
import { DLBM, POINT_LEVEL, POINT_TYPE, labelOf } from '../domain/labels.ts'
import { m2ToMu } from '../domain/units.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import {
  listCounties,
  listCoveragePoints,
  listUncoveredParcels,
  type CountyRow,
  type TownshipFacts,
} from '../repos/coverage.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { assertAdcodeInScope } from './control-zones.service.ts'
import { figuresOf } from './coverage-cache.ts'
import type {
  CoveragePoints,
  CoverageResponse,
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

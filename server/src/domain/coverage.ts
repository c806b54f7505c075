import { POINT_LEVEL, POINT_TYPE } from './labels.ts'
import { m2ToMu } from './units.ts'

/** 监测网络全覆盖 (docs/domain-notes.md §8.1): the coverage rule and its verdict. Pure: no I/O. */

export type PointLevel = keyof typeof POINT_LEVEL
export type PointType = keyof typeof POINT_TYPE
export const POINT_LEVELS = Object.keys(POINT_LEVEL) as PointLevel[]
export const POINT_TYPES = Object.keys(POINT_TYPE) as PointType[]

/** First-level 三调 classes the farmland table holds (docs/domain-notes.md §6.2). */
export const LAND_CLASS_NAME: Record<string, string> = { '01': '耕地', '02': '种植园用地', '03': '林地', '04': '草地' }

/** Every setting of the coverage reading; each is R 待核实 (a choice of this system, not a standard value). */
export interface CoverageSettings {
  /**
   * Farmland farther than this from every active point counts as uncovered (R 待核实: 4 km = half the 8 km
   * basic-point grid on cropland some provinces use, docs/domain-notes.md §8.1).
   */
  distanceM: number
  /** Whether 种植园用地 (三调 02xx) counts as farmland besides 耕地 (01xx); GB 15618 only says 园地 “可参照执行”. */
  includeOrchards: boolean
  /** Fewest active points of each level a covered county needs (default ≥ 1 国控, docs/domain-notes.md §8.1 interpretation, S). */
  minPointsByLevel: Record<PointLevel, number>
  /** Whether the three-level reading (main soil types, main land uses; 14th FYP, docs/domain-notes.md §8.1) decides the verdict too. */
  threeLevel: boolean
  /** Share (0–1) from which a soil type or land-use class is “main” (R 待核实). */
  mainShare: number
}

export const DEFAULT_COVERAGE_SETTINGS: CoverageSettings = {
  distanceM: 4000,
  includeOrchards: false,
  minPointsByLevel: { national: 1, provincial: 0, city: 0, county: 0 },
  threeLevel: true,
  mainShare: 0.1,
}

/** The 三调 first-level classes read as farmland under the settings. */
export function farmlandClasses(settings: Pick<CoverageSettings, 'includeOrchards'>): string[] {
  return settings.includeOrchards ? ['01', '02'] : ['01']
}

/** What the database knows about one county (or township): counts and areas, active points only unless named. */
export interface CoverageFacts {
  activeByLevel: Record<PointLevel, number>
  activeByType: Record<PointType, number>
  plannedPoints: number
  farmlandM2: number
  uncoveredM2: number
  farmlandParcels: number
  uncoveredParcels: number
}

/** Soil types recorded at the county's points (any status) and how many of them are active. */
export interface SoilTypeFact {
  soilType: string
  points: number
  activePoints: number
}
/** Area of a first-level land class among the county's parcels and the active points standing on that class. */
export interface LandUseFact {
  landClass: string
  areaM2: number
  activePoints: number
}

export type CoverageCheckCode =
  'MIN_POINTS' | 'MAIN_SOIL_TYPE' | 'MAIN_LAND_USE' | 'NO_SOIL_TYPE_DATA' | 'NO_LAND_USE_DATA'

/** One line of the verdict: what was checked, whether it holds, and why. */
export interface CoverageCheck {
  code: CoverageCheckCode
  isMet: boolean
  /** False for a line that only informs (e.g. no soil types recorded): it never decides the verdict. */
  isDeciding: boolean
  message: string
  basis: string
}

export interface CoverageVerdict {
  isCovered: boolean
  verdictName: '已覆盖' | '未覆盖'
  checks: CoverageCheck[]
  /** The failing deciding checks' messages, in order. */
  reasons: string[]
}

const BASIS_RULE =
  '土十条“所有县（市、区）全覆盖”，按每个区县至少有规定数量的在用监测点位判定（数量为本地设置，非国家标准，可由管理员调整）'
const BASIS_THREE_LEVEL =
  '“十四五”国家土壤环境监测网按县域、主要土壤类型、主要土地利用类型三级覆盖；“主要”的占比为本地设置，非国家标准，可由管理员调整'

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`

/**
 * The coverage verdict of a county: the minimum active points per level, then (when the setting asks for it)
 * the three-level reading as far as the data allow: soil types are known only from the points' records, land
 * uses only from the parcels the system holds (耕地, 种植园用地). Planned and retired points never count.
 */
export function judgeCoverage(
  facts: CoverageFacts,
  soilTypes: SoilTypeFact[],
  landUses: LandUseFact[],
  settings: CoverageSettings,
): CoverageVerdict {
  const checks: CoverageCheck[] = []
  for (const level of POINT_LEVELS) {
    const min = settings.minPointsByLevel[level]
    if (min <= 0) continue
    const have = facts.activeByLevel[level]
    checks.push({
      code: 'MIN_POINTS',
      isMet: have >= min,
      isDeciding: true,
      basis: BASIS_RULE,
      message:
        have >= min
          ? `${POINT_LEVEL[level]}点位 ${have} 个，不少于要求的 ${min} 个`
          : `${POINT_LEVEL[level]}点位 ${have} 个，少于要求的 ${min} 个`,
    })
  }
  if (settings.threeLevel) {
    checks.push(...soilTypeChecks(soilTypes, settings.mainShare), ...landUseChecks(landUses, settings.mainShare))
  }
  const reasons = checks.filter((c) => c.isDeciding && !c.isMet).map((c) => c.message)
  const isCovered = reasons.length === 0
  return { isCovered, verdictName: isCovered ? '已覆盖' : '未覆盖', checks, reasons }
}

function soilTypeChecks(soilTypes: SoilTypeFact[], mainShare: number): CoverageCheck[] {
  const total = soilTypes.reduce((s, t) => s + t.points, 0)
  if (total === 0) {
    return [
      {
        code: 'NO_SOIL_TYPE_DATA',
        isMet: true,
        isDeciding: false,
        basis: BASIS_THREE_LEVEL,
        message: '点位未记录土壤类型，无法按主要土壤类型判定（本系统无土壤类型图）',
      },
    ]
  }
  return soilTypes
    .filter((t) => t.points / total >= mainShare)
    .map((t) => ({
      code: 'MAIN_SOIL_TYPE' as const,
      isMet: t.activePoints > 0,
      isDeciding: true,
      basis: BASIS_THREE_LEVEL,
      message:
        t.activePoints > 0
          ? `主要土壤类型“${t.soilType}”（占记录点位 ${percent(t.points / total)}）有在用点位 ${t.activePoints} 个`
          : `主要土壤类型“${t.soilType}”（占记录点位 ${percent(t.points / total)}）没有在用点位`,
    }))
}

function landUseChecks(landUses: LandUseFact[], mainShare: number): CoverageCheck[] {
  const total = landUses.reduce((s, u) => s + u.areaM2, 0)
  if (total <= 0) {
    return [
      {
        code: 'NO_LAND_USE_DATA',
        isMet: true,
        isDeciding: false,
        basis: BASIS_THREE_LEVEL,
        message: '没有耕地、园地图斑，无法按主要土地利用类型判定',
      },
    ]
  }
  return landUses
    .filter((u) => u.areaM2 / total >= mainShare)
    .map((u) => {
      const name = LAND_CLASS_NAME[u.landClass] ?? u.landClass
      return {
        code: 'MAIN_LAND_USE' as const,
        isMet: u.activePoints > 0,
        isDeciding: true,
        basis: BASIS_THREE_LEVEL,
        message:
          u.activePoints > 0
            ? `主要土地利用类型“${name}”（占图斑面积 ${percent(u.areaM2 / total)}）有在用点位 ${u.activePoints} 个`
            : `主要土地利用类型“${name}”（占图斑面积 ${percent(u.areaM2 / total)}）没有在用点位`,
      }
    })
}

/** Total active points of facts. */
export function activePoints(facts: Pick<CoverageFacts, 'activeByLevel'>): number {
  return POINT_LEVELS.reduce((s, l) => s + facts.activeByLevel[l], 0)
}

/** 亩 of farmland per active point, rounded to whole 亩; null without a point. */
export function muPerPoint(farmlandM2: number, points: number): number | null {
  return points > 0 ? Math.round(m2ToMu(farmlandM2) / points) : null
}

/** Sums facts (townships into a county). */
export function sumFacts(list: CoverageFacts[]): CoverageFacts {
  const zero = (keys: string[]) => Object.fromEntries(keys.map((k) => [k, 0]))
  const out: CoverageFacts = {
    activeByLevel: zero(POINT_LEVELS) as CoverageFacts['activeByLevel'],
    activeByType: zero(POINT_TYPES) as CoverageFacts['activeByType'],
    plannedPoints: 0,
    farmlandM2: 0,
    uncoveredM2: 0,
    farmlandParcels: 0,
    uncoveredParcels: 0,
  }
  for (const f of list) {
    for (const l of POINT_LEVELS) out.activeByLevel[l] += f.activeByLevel[l]
    for (const t of POINT_TYPES) out.activeByType[t] += f.activeByType[t]
    out.plannedPoints += f.plannedPoints
    out.farmlandM2 += f.farmlandM2
    out.uncoveredM2 += f.uncoveredM2
    out.farmlandParcels += f.farmlandParcels
    out.uncoveredParcels += f.uncoveredParcels
  }
  return out
}

/** A roll-up of counties (a city or a province): how many, how many covered, and the share. */
export interface CoverageRollUp {
  code: string
  name: string
  counties: number
  covered: number
  coveredShare: number
}

/** Groups counties by `keyOf` and counts the covered ones; share in 0–1, ordered by code. */
export function rollUpCoverage<T extends { isCovered: boolean }>(
  counties: T[],
  keyOf: (c: T) => { code: string; name: string },
): CoverageRollUp[] {
  const groups = new Map<string, CoverageRollUp>()
  for (const c of counties) {
    const key = keyOf(c)
    const g = groups.get(key.code) ?? { code: key.code, name: key.name, counties: 0, covered: 0, coveredShare: 0 }
    g.counties++
    if (c.isCovered) g.covered++
    groups.set(key.code, g)
  }
  return [...groups.values()]
    .map((g) => ({ ...g, coveredShare: g.counties ? g.covered / g.counties : 0 }))
    .sort((a, b) => a.code.localeCompare(b.code))
}

/**
 * The rule in words, for the page header and the public side. The public verdict reads no soil type (staff type
 * them freely), so its wording leaves them out with `isPublic`.
 */
export function describeRule(settings: CoverageSettings, isPublic = false): string {
  const mins = POINT_LEVELS.filter((l) => settings.minPointsByLevel[l] > 0).map(
    (l) => `${POINT_LEVEL[l]}点位不少于 ${settings.minPointsByLevel[l]} 个`,
  )
  const parts = [mins.length ? mins.join('、') : '不要求点位数量']
  const kinds = isPublic ? '每个主要土地利用类型' : '每个主要土壤类型、主要土地利用类型'
  if (settings.threeLevel) parts.push(`${kinds}（占比 ≥ ${percent(settings.mainShare)}）至少 1 个在用点位`)
  return `${parts.join('；')}（仅计在用点位）`
}

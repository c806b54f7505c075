import { GB50137_CODES, isGb50137Code, landClassOfUse, type LandClass } from './gb50137.ts'
import { assessPollutant, findSubstance, type BackgroundSettings, type PollutantAssessment } from './gb36600.ts'
import { LAND_USE_2023, landUse2023, looksLikeLandUse2023 } from './land-use-2023.ts'
import { UNRELATED_CONSTRUCTION } from './negative-list.ts'

/** 用地准入核查: the planned use of a plot and the monitoring values read for it. Pure rules, no I/O. */

/** The two code systems a planned use may be written in. */
export const LAND_USE_SYSTEMS = {
  gb50137: 'GB 50137-2011 城市用地分类',
  tdfl2023: '国土空间用地用海分类（2023）',
} as const
export type LandUseSystem = keyof typeof LAND_USE_SYSTEMS

export type PlannedUseCheck =
  | {
      ok: true
      code: string
      name: string
      landClass: LandClass
      system: LandUseSystem
      /** Why the code is of its land class, for a 2023 code (the mapping to GB 36600's classes). */
      basis?: string
      /** The class of this 2023 code is a local judgement, not the standard's. */
      judgement?: boolean
    }
  | { ok: false; message: string }

/**
 * A planned use is a code of GB 50137-2011 ('r2' is read as 'R2') or a construction-land code of the 2023 用地用海
 * classification ('0701'); the two are told apart by their shape. `classes` are the county's settings for the 2023
 * codes whose class is a judgement.
 */
export function checkPlannedUse(input: string, classes: Readonly<Record<string, LandClass>> = {}): PlannedUseCheck {
  const code = input.trim().toUpperCase()
  if (!code)
    return { ok: false, message: '请选择规划用途（GB 50137-2011 城市用地分类代码，或国土空间用地用海分类代码）' }
  if (looksLikeLandUse2023(code)) {
    const entry = landUse2023(code, classes)
    if (!entry)
      return {
        ok: false,
        message: `规划用途代码“${input.trim()}”不是国土空间用地用海分类（2023）的建设用地代码，请从用地分类列表中选择`,
      }
    return {
      ok: true,
      code,
      name: entry.name,
      landClass: entry.landClass,
      system: 'tdfl2023',
      basis: entry.basis,
      ...(entry.judgement ? { judgement: true } : {}),
    }
  }
  if (!isGb50137Code(code))
    return {
      ok: false,
      message: `规划用途代码“${input.trim()}”不是 GB 50137-2011 城市用地分类代码，请从用地分类列表中选择`,
    }
  return { ok: true, code, name: GB50137_CODES[code], landClass: landClassOfUse(code), system: 'gb50137' }
}

/** The GB 50137 code a use compares as: itself, or the counterpart of a 2023 code (null when it has none). */
function asGb50137(code: string): string | null {
  return looksLikeLandUse2023(code) ? (LAND_USE_2023.get(code)?.gb50137 ?? null) : code
}

const overlaps = (a: string, b: string) => a.startsWith(b) || b.startsWith(a)

/**
 * Whether a negative-list entry forbids the planned use. '*' (与风险管控、修复无关的建设项目, art. 66) forbids every
 * planned use: a land-supply use of GB 50137 is never itself the control or remediation works (a choice, 待核实).
 * Otherwise by code prefix both ways: 'R' forbids 'R2'; 'A33' forbids a planned 'A' too, because an unclear 'A'
 * may turn out to be a school (the cautious reading of GB 36600 5.3.1). The list and the planned use may be written
 * in different systems: a 2023 code then compares as its GB 50137 counterpart ('0701' as 'R', '080403' as 'A33').
 */
export function isUseForbidden(plannedUse: string, forbiddenCode: string): boolean {
  if (forbiddenCode === UNRELATED_CONSTRUCTION) return true
  if (looksLikeLandUse2023(plannedUse) === looksLikeLandUse2023(forbiddenCode))
    return overlaps(plannedUse, forbiddenCode)
  const [planned, forbidden] = [asGb50137(plannedUse), asGb50137(forbiddenCode)]
  return planned !== null && forbidden !== null && overlaps(planned, forbidden)
}

/** 住宅 or 公共管理与公共服务 (R*, A*; 07*, 08* in the 2023 classification): the use changes of law art. 59 para. 2. */
export function isResidentialOrPublic(plannedUse: string): boolean {
  return /^(R|A|07|08)/.test(plannedUse)
}

/** monitoring_result.values_mg_kg keys (lower-case element symbols) → GB 36600 item keys; total Cr is not Cr(VI). */
const MONITORING_KEY: Readonly<Record<string, string>> = { as: 'As', cd: 'Cd', cu: 'Cu', pb: 'Pb', hg: 'Hg', ni: 'Ni' }

/** The GB 36600 assessments of one monitoring result for the land class (items GB 36600 has no value for are left out). */
export function assessMonitoringValues(
  values: Record<string, number>,
  landClass: LandClass,
  backgrounds: BackgroundSettings = {},
): PollutantAssessment[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const substance = MONITORING_KEY[key] ?? (findSubstance(key) ? key : null)
    if (!substance || typeof value !== 'number' || !Number.isFinite(value) || value < 0) return []
    return [assessPollutant(substance, value, landClass, backgrounds)]
  })
}

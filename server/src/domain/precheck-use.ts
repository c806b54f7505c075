import { GB50137_CODES, isGb50137Code, landClassOfUse, type LandClass } from './gb50137.ts'
import { assessPollutant, findSubstance, type BackgroundSettings, type PollutantAssessment } from './gb36600.ts'
import { UNRELATED_CONSTRUCTION } from './negative-list.ts'

/** 用地准入核查: the planned use of a plot and the monitoring values read for it. Pure rules, no I/O. */

export type PlannedUseCheck =
  { ok: true; code: string; name: string; landClass: LandClass } | { ok: false; message: string }

/** A planned use must be a code of GB 50137-2011 as the reference list gives them ('r2' is read as 'R2'). */
export function checkPlannedUse(input: string): PlannedUseCheck {
  const code = input.trim().toUpperCase()
  if (!code) return { ok: false, message: '请选择规划用途（GB 50137-2011 城市用地分类代码）' }
  if (!isGb50137Code(code))
    return {
      ok: false,
      message: `规划用途代码“${input.trim()}”不是 GB 50137-2011 城市用地分类代码，请从用地分类列表中选择`,
    }
  return { ok: true, code, name: GB50137_CODES[code], landClass: landClassOfUse(code) }
}

/**
 * Whether a negative-list entry forbids the planned use. '*' (与风险管控、修复无关的建设项目, art. 66) forbids every
 * planned use: a land-supply use of GB 50137 is never itself the control or remediation works (a choice, 待核实).
 * Otherwise by code prefix both ways: 'R' forbids 'R2'; 'A33' forbids a planned 'A' too, because an unclear 'A'
 * may turn out to be a school (the cautious reading of GB 36600 5.3.1).
 */
export function isUseForbidden(plannedUse: string, forbiddenCode: string): boolean {
  if (forbiddenCode === UNRELATED_CONSTRUCTION) return true
  return plannedUse.startsWith(forbiddenCode) || forbiddenCode.startsWith(plannedUse)
}

/** 住宅 or 公共管理与公共服务 (R*, A*): the use changes of law art. 59 para. 2. */
export function isResidentialOrPublic(plannedUse: string): boolean {
  return plannedUse.startsWith('R') || plannedUse.startsWith('A')
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

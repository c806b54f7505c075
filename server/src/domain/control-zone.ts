import { PLOT_STATUS, labelOf } from './labels.ts'

/**
 * 管控区域 (《土壤污染防治行动计划》（十六）; 《污染地块土壤环境管理办法（试行）》): a zone around plots that are not
 * developed for now, with signs (标识), a public announcement (公告) and the monitoring it requires. Pure rules;
 * SQL measures distances, these functions say what the measures mean.
 */

/** Plot states a control zone may protect: plots on the city registry or the provincial list that need control. */
export const ZONE_PLOT_STATUSES = ['listed', 'contaminated', 'control_zone', 'risk_control', 'remediation'] as const

export function isZonePlotStatus(status: string): boolean {
  return (ZONE_PLOT_STATUSES as readonly string[]).includes(status)
}

/** Why a plot cannot be protected by a zone; null when it can. */
export function zonePlotProblem(plot: { code: string; name: string; status: string }): string | null {
  if (isZonePlotStatus(plot.status)) return null
  const allowed = ZONE_PLOT_STATUSES.map((s) => `“${PLOT_STATUS[s]}”`).join('、')
  return `地块 ${plot.code}（${plot.name}）当前为“${labelOf(PLOT_STATUS, plot.status)}”，不能划入管控区域；只有${allowed}的地块可以`
}

/** Why a sign is placed wrongly; null when it lies inside the zone or within `maxDistanceM` of its boundary. */
export function signProblem(
  sign: { index: number; label: string; distanceM: number },
  maxDistanceM: number,
): string | null {
  if (sign.distanceM <= maxDistanceM) return null
  return `第 ${sign.index + 1} 个标识“${sign.label}”距管控区域边界 ${sign.distanceM.toFixed(1)} 米，标识应设在区域内或边界外 ${maxDistanceM} 米以内`
}

/** What a zone must have before it is submitted for review. */
export interface ZoneCompleteness {
  announcement_no: string | null
  announcement_date: string | Date | null
  announcement_text: string | null
  sign_count: number
  plot_count: number
}

/** What is still missing for submission (empty when complete), in the words of the form. */
export function missingForSubmit(z: ZoneCompleteness): string[] {
  const blank = (v: string | null) => v === null || v.trim() === ''
  return [
    blank(z.announcement_no) && '公告文号',
    z.announcement_date === null && '公告日期',
    blank(z.announcement_text) && '公告内容',
    Number(z.sign_count) < 1 && '至少一个标识',
    Number(z.plot_count) < 1 && '至少一个受管控的地块',
  ].filter((m): m is string => typeof m === 'string')
}

/** The refusal of a submission while something is missing; null when the zone is complete. */
export function submitRefusal(z: ZoneCompleteness): string | null {
  const missing = missingForSubmit(z)
  if (!missing.length) return null
  return `缺少${missing.join('、')}，不能提交审定；请补全后再提交`
}

/** The code of the next zone of a county: 430903-GK001, 430903-GK002 … (the sample data's pattern). */
export function zoneCode(adcode: string, sequence: number): string {
  return `${adcode}-GK${String(sequence).padStart(3, '0')}`
}

/** Limits of the registry (config.registry; **R** 待核实, not from a standard). */
export interface RegistrySettings {
  /** Most vertices of a zone or enterprise outline (the city-scale sample has zones of 20,000). */
  zoneMaxVertices: number
  /** A sign may stand this far outside its zone, m. */
  signMaxDistanceM: number
  /** Versions the public feed of a list carries. */
  feedVersions: number
}

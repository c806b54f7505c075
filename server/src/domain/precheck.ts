import { LAND_CLASS_NAME, landClassOfUse, type LandClass } from './gb50137.ts'
import type { BackgroundSettings } from './gb36600.ts'
import { isResidentialOrPublic } from './precheck-use.ts'
import type { ZoneLevel } from './water-source.ts'
import {
  PRECHECK_BASIS,
  SEVERITIES,
  clearReasons,
  hitReason,
  reason,
  type PrecheckHit,
  type PrecheckReason,
  type Severity,
} from './precheck-reasons.ts'

/**
 * 用地准入核查 (land-supply pre-check): what the overlaps SQL found mean for a plot and its planned use. Each
 * reason carries its legal or standard basis; the strictest reason decides the verdict. Pure rules, no I/O.
 */

/** Version of these rules; stored with every check so a re-run can say the rules changed. */
export const PRECHECK_RULES_VERSION = 'precheck-2026.1'

export const VERDICTS = ['allowed', 'investigate', 'refused'] as const
export type Verdict = (typeof VERDICTS)[number]
export const VERDICT_NAME: Record<Verdict, string> = {
  allowed: '可进入用地程序',
  investigate: '须开展土壤污染状况调查评估',
  refused: '不得进入用地程序',
}

/** Short land-class names as the contract answers them ('第一类' | '第二类'). */
export const LAND_CLASS_SHORT: Record<LandClass, '第一类' | '第二类'> = { first: '第一类', second: '第二类' }
/** Settings of the pre-check (config.precheck); each is a choice of this system, **R** 待核实, not a standard value. */
export interface PrecheckSettings {
  /** Monitoring points within this distance of the plot are read, m. */
  monitoringRadiusM: number
  /** Overlaps up to this area are drawing noise and ignored, m². */
  minOverlapM2: number
  /**
   * Law art. 59 (use change to 住宅 or 公共管理与公共服务): 'hint' asks for an investigation only when some soil-risk
   * hint was found (art. 59 para. 1 names plots shown at risk); 'always' asks for it for every such change.
   */
  law59Scope: 'hint' | 'always'
  /** 严格管控类 farmland under the plot: the law does not forbid its conversion, so 须调查 by default. */
  strictFarmlandSeverity: 'investigate' | 'refuse'
  /** A monitoring result above the intervention value inside the plot: 不得 by default (5.3.5, before control/remediation). */
  interventionInsideSeverity: 'investigate' | 'refuse'
  /**
   * A plot in a 饮用水水源保护区, by zone level (PRECHECK_WATER_SOURCE_LEVEL1/LEVEL2/QUASI, local settings); default
   * DEFAULT_WATER_SOURCE_SEVERITY (water-source.ts).
   */
  waterSourceSeverity?: Record<ZoneLevel, Severity>
}

export const DEFAULT_PRECHECK_SETTINGS: PrecheckSettings = {
  monitoringRadiusM: 500,
  minOverlapM2: 1,
  law59Scope: 'hint',
  strictFarmlandSeverity: 'investigate',
  interventionInsideSeverity: 'refuse',
}

export interface PrecheckDecision {
  verdict: Verdict
  verdictName: string
  landClass: LandClass
  reasons: PrecheckReason[]
}

/**
 * A soil-risk hint in the sense of law art. 59 para. 1: every reason that refuses or asks for an investigation, and
 * safe-use farmland (its soil exceeds the GB 15618 screening values). Not a hint: a removed plot, priority-class
 * farmland, As/Co/V within the local background value, no monitoring data.
 */
const isRiskHint = (r: PrecheckReason) =>
  r.severity === 'refuse' || r.severity === 'investigate' || r.code === 'SAFE_USE_FARMLAND'

export interface PrecheckInput {
  /** The use's GB 36600 class when the caller resolved it (a 2023 code, with why and whether it is a judgement). */
  plannedUse: { code: string; name: string; landClass?: LandClass; basis?: string; judgement?: boolean }
  hits: PrecheckHit[]
  settings: PrecheckSettings
  backgrounds?: BackgroundSettings
  /** Monitoring points read within the radius (with or without a soil result). */
  monitoringPointsRead: number
}

/**
 * The verdict of a plot for a planned use: one reason per feature hit (overlaps up to `minOverlapM2` ignored),
 * then law art. 59, then what was checked and found clean, strictest first. Choices where the law leaves room:
 * - a published plot: its negative list (state defaults + uses added) decides 不得; otherwise 疑似 and 污染地块名录
 *   plots need investigation and assessment first, removed or cleared plots give a note;
 * - a published control zone: 不得 (土十条（十六）: plots not developed for now are kept out of use);
 * - a supervised enterprise's site: 须调查 whatever its state, because art. 67 names the use change and the recovery
 *   or transfer of the land right, which a land supply is, not only closure or relocation;
 * - farmland of the published class list: 严格管控 须调查 by default (the law does not forbid its conversion; a
 *   setting may make it 不得), 安全利用 a note that counts as a risk hint, 优先保护 a note pointing to farmland
 *   protection, which this check does not replace;
 * - monitoring: the latest soil result of each point within the radius against the plot's land class; above the
 *   intervention value inside the plot 不得 by default (setting), outside the plot 须调查, above screening 须调查.
 */
export function decidePrecheck({
  plannedUse,
  hits,
  settings,
  backgrounds = {},
  monitoringPointsRead,
}: PrecheckInput): PrecheckDecision {
  const landClass = plannedUse.landClass ?? landClassOfUse(plannedUse.code)
  const significant = hits.filter((h) => h.type === 'monitoring-point' || h.overlapM2 > settings.minOverlapM2)
  const reasons: PrecheckReason[] = []
  for (const hit of significant) {
    const r = hitReason(hit, plannedUse, landClass, settings, backgrounds)
    if (r) reasons.push(r)
  }
  const isChange = isResidentialOrPublic(plannedUse.code)
  const hasHint = reasons.some(isRiskHint)
  if (isChange && (hasHint || settings.law59Scope === 'always')) {
    reasons.push(
      reason(
        'LAW59_USE_CHANGE',
        'investigate',
        `规划用途“${plannedUse.name}（${plannedUse.code}）”属于住宅或公共管理与公共服务用地，${hasHint ? '地块存在土壤污染风险线索' : '按系统设置（凡变更为此类用途均须调查，待核实）'}，用途变更前应当进行土壤污染状况调查`,
        PRECHECK_BASIS.law59,
      ),
    )
  }
  if (plannedUse.judgement)
    reasons.push(
      reason(
        'LAND_CLASS_JUDGEMENT',
        'note',
        `规划用途“${plannedUse.name}（${plannedUse.code}）”按${LAND_CLASS_NAME[landClass]}核查：${plannedUse.basis ?? ''}`,
        PRECHECK_BASIS.gb36600LandClass,
      ),
    )
  reasons.push(...clearReasons(reasons, significant, { isChange, landClass, settings, monitoringPointsRead }))
  reasons.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity))
  const worst = reasons.reduce((w, r) => Math.max(w, SEVERITIES.indexOf(r.severity)), 0)
  const verdict: Verdict =
    worst === SEVERITIES.indexOf('refuse')
      ? 'refused'
      : worst === SEVERITIES.indexOf('investigate')
        ? 'investigate'
        : 'allowed'
  return { verdict, verdictName: VERDICT_NAME[verdict], landClass, reasons }
}

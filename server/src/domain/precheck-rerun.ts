import type { BackgroundSettings } from './gb36600.ts'
import type { PrecheckReason } from './precheck-reasons.ts'
import { VERDICT_NAME, type PrecheckSettings, type Verdict } from './precheck.ts'

/**
 * A 用地准入核查 run again: what it read (the data version), how its verdict and reasons differ from the earlier
 * check's, and the check's number. Pure rules, no I/O.
 */

/** The identity of a reason across two runs of a check. */
export const reasonKey = (r: Pick<PrecheckReason, 'code' | 'featureType' | 'featureId'>) =>
  `${r.code}:${r.featureType ?? ''}:${r.featureId ?? ''}`

/** The data and rules a check read; compared section by section on a re-run. */
export interface DataVersion {
  rules: { version: string; settings: PrecheckSettings; backgrounds: BackgroundSettings }
  publishedPlots: { count: number; lastPublishedAt: string | null }
  publishedControlZones: { count: number; lastPublishedAt: string | null }
  classList: { id: number; publishedVersion: number; publishedAt: string | null } | null
  registryLists: { list: string; jurisdiction: string; version: number }[]
  enterprises: { count: number; lastUpdatedAt: string | null }
  monitoring: { results: number; lastSampledOn: string | null }
  /** The version of each feature hit (type:id → version). */
  features: Record<string, number>
}

const DATA_SECTION_NAME: Record<Exclude<keyof DataVersion, 'features'>, string> = {
  rules: '核查规则或系统设置',
  publishedPlots: '已发布的污染地块',
  publishedControlZones: '已发布的管控区域',
  classList: '已发布的耕地分类清单',
  registryLists: '已发布的名单（名录）版本',
  enterprises: '土壤污染重点监管单位',
  monitoring: '土壤监测数据',
}

export interface PrecheckComparison {
  isDifferent: boolean
  isVerdictChanged: boolean
  previousVerdict: Verdict
  verdict: Verdict
  added: PrecheckReason[]
  removed: PrecheckReason[]
  changed: { before: PrecheckReason; after: PrecheckReason }[]
  /** Which data or rules changed since the earlier check, in words. */
  dataChanges: string[]
  summary: string
}

/** JSON with object keys sorted at every level, so a version read back from jsonb (keys reordered) equals the one written. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v !== null && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

/** How a re-run differs from the earlier check: verdict, reasons added, removed or changed, and data read. */
export function compareChecks(
  before: { verdict: Verdict; reasons: PrecheckReason[]; dataVersion: DataVersion },
  after: { verdict: Verdict; reasons: PrecheckReason[]; dataVersion: DataVersion },
): PrecheckComparison {
  const old = new Map(before.reasons.map((r) => [reasonKey(r), r]))
  const now = new Map(after.reasons.map((r) => [reasonKey(r), r]))
  const added = after.reasons.filter((r) => !old.has(reasonKey(r)))
  const removed = before.reasons.filter((r) => !now.has(reasonKey(r)))
  const changed = after.reasons.flatMap((r) => {
    const b = old.get(reasonKey(r))
    return b && (b.severity !== r.severity || b.message !== r.message || b.basis !== r.basis)
      ? [{ before: b, after: r }]
      : []
  })
  const dataChanges = (Object.keys(DATA_SECTION_NAME) as (keyof typeof DATA_SECTION_NAME)[])
    .filter((k) => canonicalJson(before.dataVersion[k] ?? null) !== canonicalJson(after.dataVersion[k] ?? null))
    .map((k) => `${DATA_SECTION_NAME[k]}已更新`)
  const changedFeatures = Object.entries(after.dataVersion.features).filter(
    ([k, v]) => before.dataVersion.features[k] !== undefined && before.dataVersion.features[k] !== v,
  )
  if (changedFeatures.length) dataChanges.push(`核查涉及的 ${changedFeatures.length} 个要素已发布新版本`)
  const isVerdictChanged = before.verdict !== after.verdict
  const isDifferent = isVerdictChanged || added.length + removed.length + changed.length > 0
  const summary = !isDifferent
    ? `与原核查结论相同（${VERDICT_NAME[after.verdict]}），理由无变化`
    : `${isVerdictChanged ? `结论由“${VERDICT_NAME[before.verdict]}”变为“${VERDICT_NAME[after.verdict]}”` : `结论仍为“${VERDICT_NAME[after.verdict]}”`}；新增理由 ${added.length} 条，不再适用 ${removed.length} 条，内容变化 ${changed.length} 条`
  return {
    isDifferent,
    isVerdictChanged,
    previousVerdict: before.verdict,
    verdict: after.verdict,
    added,
    removed,
    changed,
    dataChanges,
    summary,
  }
}

/** The pattern of a check's number for SQL `format()`: the year, then the county's sequence of the year padded to four digits. */
export const PRECHECK_NUMBER_FORMAT = '准入核查〔%s〕%s号'

/** 准入核查〔2026〕0001号 */
export function precheckNumber(year: number, seq: number): string {
  const parts = [String(year), String(seq).padStart(4, '0')]
  return PRECHECK_NUMBER_FORMAT.replace(/%s/g, () => parts.shift()!)
}

import { INDUSTRY, PLOT_STATUS, REVIEW_STATUS, RISK_LEVEL, labelOf } from '../../../../server/src/domain/labels.ts'
import { PUBLIC_LISTS } from '../../../../server/src/domain/public-fields.ts'
import type { PlotListCode } from '@contracts/registry'

/** Plot states in lifecycle order, with their Chinese names. */
export const PLOT_STATUS_OPTIONS = Object.entries(PLOT_STATUS).map(([code, name]) => ({ code, name }))

/** The lists in order (疑似 → 名录 → 省级名录 → 已移出). */
export const PLOT_LIST_OPTIONS = (
  Object.entries(PUBLIC_LISTS) as [PlotListCode, { name: string; color: string }][]
).map(([code, list]) => ({
  code,
  name: list.name,
  color: list.color,
}))

/** Industries that make a site a suspected plot (42号令 第二条), and 其他 (said in the officer's words). */
export const INDUSTRY_OPTIONS = [
  ...Object.entries(INDUSTRY).map(([code, name]) => ({ code, name })),
  { code: 'other', name: '其他' },
]

/** The refusal of a form whose former industry is 其他 without saying which. */
export const INDUSTRY_NOTE_MISSING = '原行业类别选了“其他”，请在“其他行业说明”中写明原来是什么行业'

/** Risk levels of the 污染地块名录. */
export const RISK_LEVEL_OPTIONS = Object.entries(RISK_LEVEL).map(([code, name]) => ({ code, name }))

/** The name of a land class, 第一类 when the planned use is unknown. */
export function landClassName(code: string | null): string {
  if (code === 'second') return '第二类用地'
  if (code === 'first') return '第一类用地'
  return '第一类用地（规划用途未明确，按第一类）'
}

/** The colour of a list on the map and in the badges. */
export function listColor(code: string): string {
  return (PUBLIC_LISTS as Record<string, { color: string }>)[code]?.color ?? '#8a96a3'
}

/** The Chinese name of a plot state. */
export function statusName(code: string | null | undefined): string {
  return labelOf(PLOT_STATUS, code)
}

/** The Chinese name of a risk level (高/中/低), or 未评定. */
export function riskLevelName(code: string | null | undefined): string {
  return code ? `${labelOf(RISK_LEVEL, code)}风险` : '未评定'
}

/** The Chinese name of a former industry. */
export function industryName(code: string | null | undefined): string {
  return labelOf(INDUSTRY, code)
}

/** The Chinese name of a review state (草稿, 已提交 …). */
export function reviewStatusName(code: string | null | undefined): string {
  return labelOf(REVIEW_STATUS, code)
}

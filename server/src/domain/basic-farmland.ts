import { FARMLAND_CLASS, labelOf } from './labels.ts'
import { m2ToMu } from './units.ts'

/**
 * Where the farmland classes and 永久基本农田 disagree. 《中华人民共和国土壤污染防治法》第五十条 puts 优先保护类 耕地
 * into 永久基本农田, so a 优先保护类 parcel inside it is the usual case; a 严格管控类 or 安全利用类 parcel inside it is
 * to be looked at (the protected land is polluted), and a 优先保护类 parcel outside it is worth knowing (a candidate
 * for protection). Pure rules, no I/O.
 */
export const DISAGREEMENT_KINDS = {
  restricted_inside: {
    name: '严格管控类、安全利用类耕地位于永久基本农田内',
    level: 'warning',
  },
  priority_outside: {
    name: '优先保护类耕地未划入永久基本农田',
    level: 'info',
  },
} as const
export type DisagreementKind = keyof typeof DISAGREEMENT_KINDS

/** The legal basis the comparison cites. */
export const BASIC_FARMLAND_BASIS = '《中华人民共和国土壤污染防治法》第五十条'

/** One disagreeing parcel as the SQL measured it. */
export interface DisagreementInput {
  kind: DisagreementKind
  parcelId: number
  code: string
  farmlandClass: string
  township: string | null
  areaM2: number
  insideM2: number
  farmlandCodes: string | null
  bbox: [number, number, number, number]
}

export interface Disagreement extends DisagreementInput {
  className: string
  areaMu: number
  insideMu: number
  /** Share of the parcel inside 永久基本农田, 0–1. */
  insideShare: number
  message: string
}

const mu = (m2: number) => Number(m2ToMu(m2).toFixed(2))

/** What a disagreeing parcel means, in an officer's words. */
export function describeDisagreement(d: DisagreementInput): Disagreement {
  const className = labelOf(FARMLAND_CLASS, d.farmlandClass)
  const where = d.township ? `${d.township}的` : ''
  const insideShare = d.areaM2 > 0 ? Math.min(1, d.insideM2 / d.areaM2) : 0
  const message =
    d.kind === 'restricted_inside'
      ? `${where}${className}耕地图斑 ${d.code} 有 ${mu(d.insideM2)} 亩（${Math.round(insideShare * 100)}%）位于永久基本农田${d.farmlandCodes ? ` ${d.farmlandCodes}` : ''} 内；永久基本农田应为优先保护类耕地，请核实污染状况与保护要求`
      : `${where}优先保护类耕地图斑 ${d.code}（${mu(d.areaM2)} 亩）未划入永久基本农田；按法第五十条，优先保护类耕地应纳入永久基本农田（仅供参考）`
  return { ...d, className, areaMu: mu(d.areaM2), insideMu: mu(d.insideM2), insideShare, message }
}

import type { FarmlandClass } from './classify-farmland.ts'
import { formatM2, type Finding, type OutlineSettings } from './outline-checks.ts'

/**
 * A failed check of the change at `index` of a request: an outline reason code (OUTLINE_PROBLEM) or UNKNOWN_CODE,
 * UNKNOWN_TOWNSHIP, INVALID_ATTRIBUTE, CLASS_REASON_REQUIRED, SPLIT_LINE_MISSES, NOT_ADJACENT, AREA_NOT_CONSERVED.
 */
export interface Problem extends Finding {
  index: number
}

/** Limits of parcel editing (config.parcelEdit; all **R** 待核实, not from a standard). */
export interface ParcelEditSettings extends OutlineSettings {
  /** Neighbours within this distance are sent with a parcel for snapping, m. */
  neighbourBufferM: number
}

/** Class order from the strictest: 严格管控 > 安全利用 > 优先保护 > 未分类. */
const STRICTNESS: Readonly<Record<FarmlandClass, number>> = { strict: 3, safe_use: 2, priority: 1, unclassified: 0 }

/** The strictest of the classes (the class a merged parcel keeps). */
export function strictestClass(classes: readonly FarmlandClass[]): FarmlandClass {
  return classes.reduce<FarmlandClass>((a, c) => (STRICTNESS[c] > STRICTNESS[a] ? c : a), 'unclassified')
}

/** Split/merge that keep the class need a reason. */
export function checkClassChoice(mode: 'keep' | 'recompute', classReason: string | undefined): Finding[] {
  if (mode === 'recompute' || (classReason ?? '').trim()) return []
  return [
    {
      code: 'CLASS_REASON_REQUIRED',
      field: 'classReason',
      message: '沿用原图斑的类别须填写理由（或选择按监测数据重新计算）',
    },
  ]
}

/** Largest tolerated relative area difference of a split or merge (0.01 %). */
export const MAX_AREA_DIFF_RATIO = 1e-4

/** |parts − whole| / whole. */
export function areaDiffRatio(wholeM2: number, partsM2: number): number {
  return wholeM2 > 0 ? Math.abs(partsM2 - wholeM2) / wholeM2 : 0
}

/** The area of the result must equal the area of the parts within 0.01 %. */
export function checkAreaConserved(wholeM2: number, partsM2: number, what: string): Finding[] {
  const ratio = areaDiffRatio(wholeM2, partsM2)
  if (ratio <= MAX_AREA_DIFF_RATIO) return []
  return [
    {
      code: 'AREA_NOT_CONSERVED',
      message: `${what}前后面积相差 ${(ratio * 100).toFixed(4)}%（${formatM2(wholeM2)} 与 ${formatM2(partsM2)}），超过 0.01%，未保存`,
    },
  ]
}

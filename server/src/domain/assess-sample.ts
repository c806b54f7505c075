import type { ClassRuleSet } from './class-rules.ts'
import {
  ELEMENT_NAME,
  GRADING_ELEMENTS,
  LAND_USES,
  SOIL_ELEMENTS,
  interventionValue,
  isGradingElement,
  screeningValue,
  type Element,
  type LandUse,
} from './gb15618.ts'
import {
  CROP_CONTAMINANTS,
  GB2762_EDITIONS,
  cropGroupOf,
  cropLimit,
  type CropContaminant,
  type CropGroup,
} from './gb2762.ts'

export type { Element, LandUse } from './gb15618.ts'

/** Point soil grade (docs/domain-notes.md §3.2 step 1); 'review' = 待复核 (e.g. pH missing), never guessed. */
export type SoilGrade = 'A' | 'B' | 'C' | 'review'
export type CropResult = 'ok' | 'slight' | 'serious' | 'unknown'

export const SOIL_GRADE_LABEL: Readonly<Record<SoilGrade, string>> = {
  A: 'A 类',
  B: 'B 类',
  C: 'C 类',
  review: '待复核',
}
export const CROP_RESULT_LABEL: Readonly<Record<CropResult | 'none', string>> = {
  ok: '未超标',
  slight: '轻微超标',
  serious: '严重超标',
  unknown: '无法判定',
  none: '无农产品数据',
}

export interface Reason {
  code: string
  message: string
}

/** One element of a soil sample against GB 15618-2018. */
export interface ElementLine {
  element: Element
  value: number
  screeningValue: number
  /** 表3 value; null for Cu, Ni, Zn, which have none. */
  interventionValue: number | null
  exceedsScreening: boolean
  exceedsIntervention: boolean
  /** value / screening value (single-factor index P). */
  ratio: number
  /** Where the screening value comes from, e.g. 'GB 15618-2018 表1 镉 水田 5.5<pH≤6.5'. */
  basis: string
  /** Where the intervention value comes from, e.g. 'GB 15618-2018 表3 镉 5.5<pH≤6.5'; null without one. */
  interventionBasis: string | null
}

export interface SoilAssessment {
  grade: SoilGrade
  items: ElementLine[]
  reasons: Reason[]
}

export interface SoilSampleInput {
  landUse: LandUse
  /** 水旱轮作: the stricter of 水田 and 其他 screening values. */
  rotation: boolean
  ph: number | null
  /** mg/kg dry soil, any subset of the eight elements. */
  values: Partial<Record<Element, number>>
}

export interface CropItem {
  element: CropContaminant
  value: number
  limit: number
  ratio: number
  basis: string
}

export interface CropAssessment {
  result: CropResult
  crop: string
  group: CropGroup | null
  items: CropItem[]
  /** Largest value / limit over the items; null without items. */
  maxRatio: number | null
  edition: string
  reasons: Reason[]
}

export interface CropSampleInput {
  crop: string
  values: Partial<Record<CropContaminant, number>>
}

/** GB 15618 land use of a 三调 land code: 0101 水田, 0102 水浇地, 0103 旱地, 0201 果园, anything else 其他. */
export function landUseOfDlbm(dlbm: string): LandUse {
  const code = dlbm.trim().slice(0, 4)
  if (code === '0101') return '水田'
  if (code === '0102') return '水浇地'
  if (code === '0103') return '旱地'
  if (code === '0201') return '果园'
  return '其他'
}

export function fmt(n: number): string {
  return String(Number(n.toPrecision(6)))
}

export function fmtRatio(n: number): string {
  return n.toFixed(2)
}

function assertAmount(what: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} 应为不小于 0 的数：${String(value)}`)
  }
}

/**
 * Grades one soil sample under GB 15618-2018 (docs/domain-notes.md §3.2 step 1): A when every measured Cd/Hg/As/Pb/Cr is at
 * or below its screening value, B when one is above screening but none above intervention, C when one is above
 * intervention; 待复核 without pH (never defaulted) or without any of the five metals. Cu, Ni, Zn are reported
 * against their screening values but do not change the grade. Misuse (negative or unknown values) throws.
 */
export function assessSoilSample(input: SoilSampleInput): SoilAssessment {
  if (!LAND_USES.includes(input.landUse)) throw new RangeError(`未知的土地利用类型：${String(input.landUse)}`)
  for (const [key, value] of Object.entries(input.values)) {
    if (!(SOIL_ELEMENTS as readonly string[]).includes(key)) throw new RangeError(`未知的元素：${key}`)
    if (value !== undefined) assertAmount(`${key} 含量`, value)
  }
  const measured = SOIL_ELEMENTS.filter((e) => input.values[e] !== undefined)
  if (input.ph === null) {
    return {
      grade: 'review',
      items: [],
      reasons: [
        { code: 'PH_MISSING', message: '缺少土壤 pH，无法确定 GB 15618-2018 的 pH 分档；不按默认 pH 判定，结果待复核' },
      ],
    }
  }
  if (!Number.isFinite(input.ph) || input.ph < 0 || input.ph > 14)
    throw new RangeError(`pH 应在 0–14 之间：${input.ph}`)
  const ph = input.ph
  const items = measured.map((element): ElementLine => {
    const value = input.values[element]!
    const screening = screeningValue(element, input.landUse, input.rotation, ph)
    const intervention = interventionValue(element, ph)
    return {
      element,
      value,
      screeningValue: screening.value,
      interventionValue: intervention?.value ?? null,
      exceedsScreening: value > screening.value,
      exceedsIntervention: intervention !== null && value > intervention.value,
      ratio: value / screening.value,
      basis: screening.basis,
      interventionBasis: intervention?.basis ?? null,
    }
  })
  const reasons: Reason[] = []
  const grading = items.filter((l) => isGradingElement(l.element))
  const missing = GRADING_ELEMENTS.filter((e) => input.values[e] === undefined)
  for (const line of items) {
    const name = ELEMENT_NAME[line.element]
    if (line.exceedsIntervention) {
      reasons.push({
        code: 'ABOVE_INTERVENTION',
        message: `${name} ${fmt(line.value)} mg/kg 超过管制值 ${fmt(line.interventionValue!)}（${line.interventionBasis}）`,
      })
    } else if (line.exceedsScreening && isGradingElement(line.element)) {
      reasons.push({
        code: 'ABOVE_SCREENING',
        message: `${name} ${fmt(line.value)} mg/kg 超过筛选值 ${fmt(line.screeningValue)}（${line.basis}），未超过管制值 ${fmt(line.interventionValue!)}`,
      })
    } else if (line.exceedsScreening) {
      reasons.push({
        code: 'OTHER_ABOVE_SCREENING',
        message: `${name} ${fmt(line.value)} mg/kg 超过筛选值 ${fmt(line.screeningValue)}（${line.basis}）；${name}无管制值，不参与等级划分`,
      })
    }
  }
  if (grading.length === 0) {
    reasons.unshift({
      code: 'NO_GRADING_ELEMENTS',
      message: '未检测镉、汞、砷、铅、铬中的任何一项，无法划分土壤等级，结果待复核',
    })
    return { grade: 'review', items, reasons }
  }
  if (missing.length > 0) {
    reasons.push({
      code: 'PARTIAL_ELEMENTS',
      message: `未检测${missing.map((e) => ELEMENT_NAME[e]).join('、')}，等级仅依据已检测的项目`,
    })
  }
  const grade = grading.some((l) => l.exceedsIntervention) ? 'C' : grading.some((l) => l.exceedsScreening) ? 'B' : 'A'
  if (grade === 'A') {
    reasons.unshift({
      code: 'WITHIN_SCREENING',
      message: `${grading.map((l) => ELEMENT_NAME[l.element]).join('、')}均未超过筛选值`,
    })
  }
  return { grade, items, reasons }
}

export function cropResultOfRatio(maxRatio: number, rules: ClassRuleSet): 'ok' | 'slight' | 'serious' {
  if (maxRatio <= 1) return 'ok'
  return maxRatio <= rules.cropSeriousRatio ? 'slight' : 'serious'
}

/**
 * Judges a crop sample against GB 2762 (edition from the rule set): ok when every contaminant is within its
 * limit; slight when the largest value/limit is at most rules.cropSeriousRatio; serious above it; unknown for a
 * crop without a limit group or without values. For rice, As is inorganic arsenic.
 */
export function assessCropSample(input: CropSampleInput, rules: ClassRuleSet): CropAssessment {
  const edition = rules.gb2762Edition
  if (!GB2762_EDITIONS[edition]) throw new RangeError(`未知的 GB 2762 版本：${edition}`)
  for (const [key, value] of Object.entries(input.values)) {
    if (!(CROP_CONTAMINANTS as readonly string[]).includes(key)) throw new RangeError(`未知的农产品检测项目：${key}`)
    if (value !== undefined) assertAmount(`${key} 含量`, value)
  }
  const group = cropGroupOf(input.crop)
  const base = { crop: input.crop, group, edition }
  if (!group) {
    return {
      ...base,
      result: 'unknown',
      items: [],
      maxRatio: null,
      reasons: [
        { code: 'UNKNOWN_CROP', message: `作物“${input.crop}”不在 ${edition} 限量表的分组中，农产品结果无法判定` },
      ],
    }
  }
  const items = CROP_CONTAMINANTS.filter((c) => input.values[c] !== undefined).map((element): CropItem => {
    const value = input.values[element]!
    const limit = cropLimit(edition, group, element)
    return { element, value, limit: limit.value, ratio: value / limit.value, basis: limit.basis }
  })
  if (items.length === 0) {
    return {
      ...base,
      result: 'unknown',
      items,
      maxRatio: null,
      reasons: [{ code: 'NO_CROP_VALUES', message: '农产品样品没有镉、铅、砷、汞、铬的检测值，无法判定' }],
    }
  }
  const maxRatio = Math.max(...items.map((i) => i.ratio))
  const result = cropResultOfRatio(maxRatio, rules)
  const reasons = items
    .filter((i) => i.ratio > 1)
    .map((i) => ({
      code: 'CROP_ABOVE_LIMIT',
      message: `${input.crop}${ELEMENT_NAME[i.element]} ${fmt(i.value)} mg/kg 超过限量 ${fmt(i.limit)}（${i.basis}），为限量的 ${fmtRatio(i.ratio)} 倍`,
    }))
  if (result === 'ok') reasons.push({ code: 'CROP_WITHIN_LIMIT', message: `${input.crop}各项均未超过 ${edition} 限量` })
  return { ...base, result, items, maxRatio, reasons }
}

import type { ClassRuleSet, MatrixCropResult } from './class-rules.ts'
import {
  ELEMENT_NAME, GRADING_ELEMENTS, LAND_USES, SOIL_ELEMENTS, interventionValue, isGradingElement, screeningValue,
  type Element, type GradingElement, type LandUse,
} from './gb15618.ts'
import { CROP_CONTAMINANTS, GB2762_EDITIONS, cropGroupOf, cropLimit, type CropContaminant, type CropGroup } from './gb2762.ts'
import { FARMLAND_CLASS } from './labels.ts'

export type { Element, LandUse } from './gb15618.ts'

/** Point soil grade (DOMAIN §3.2 step 1); 'review' = 待复核 (e.g. pH missing), never guessed. */
export type SoilGrade = 'A' | 'B' | 'C' | 'review'
export type FarmlandClass = 'priority' | 'safe_use' | 'strict' | 'unclassified'
/** How a parcel got its class; 'override' only appears on list entries changed by hand. */
export type ClassMethod = 'samples' | 'interpolated' | 'no_data' | 'override'
export type CropResult = 'ok' | 'slight' | 'serious' | 'unknown'

export const SOIL_GRADE_LABEL: Readonly<Record<SoilGrade, string>> = { A: 'A 类', B: 'B 类', C: 'C 类', review: '待复核' }
export const CLASS_LABEL: Readonly<Record<FarmlandClass, string>> = FARMLAND_CLASS
export const METHOD_LABEL: Readonly<Record<ClassMethod, string>> = {
  samples: '样点判定', interpolated: '插值推断', no_data: '未划定（数据不足）', override: '人工调整',
}
export const CROP_RESULT_LABEL: Readonly<Record<CropResult | 'none', string>> = {
  ok: '未超标', slight: '轻微超标', serious: '严重超标', unknown: '无法判定', none: '无农产品数据',
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

/** One graded monitoring point near or inside a parcel, as the classification job passes it. */
export interface PointEvidence {
  pointId: number
  pointCode: string
  sampledOn: string
  /** Metres from the parcel; 0 inside. */
  distanceM: number
  soil: SoilAssessment | null
  crop: CropAssessment | null
}

export interface BasisSample {
  pointCode: string
  sampledOn: string
  distanceM: number
  /** Share of this sample in an inverse-distance (or mean) estimate, 0..1. */
  weight?: number
  grade: SoilGrade | null
  crop?: string
  cropResult?: CropResult
  /** Crop items above the limit, or the closest one when none is. */
  cropItems?: CropItem[]
  /** Soil lines above the screening value, or the closest one when none is. */
  exceeding: ElementLine[]
}

/** A metal's estimate from several samples (IDW or mean): ratios to the screening and intervention values. */
export interface EstimatedRatio {
  element: GradingElement
  screeningRatio: number
  interventionRatio: number
}

/** Why a parcel has its class; JSON-serialisable, stored in class_list_entry.basis. */
export interface ClassBasis {
  ruleSetVersion: string
  method: Exclude<ClassMethod, 'override'>
  methodLabel: string
  /** 'worst' | 'mean-ratio' for samples inside, 'idw' | 'nearest' for interpolation, 'none' without data. */
  aggregation: string
  aggregationLabel: string
  samples: BasisSample[]
  estimates?: EstimatedRatio[]
  cropResult: MatrixCropResult
  summary: string
}

export interface ParcelClass {
  class: FarmlandClass
  method: Exclude<ClassMethod, 'override'>
  soilGrade: SoilGrade | null
  mainPollutants: Element[]
  sampleCount: number
  basis: ClassBasis
}

export interface ParcelEvidence {
  inside: PointEvidence[]
  nearby: PointEvidence[]
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

function fmt(n: number): string {
  return String(Number(n.toPrecision(6)))
}

function fmtRatio(n: number): string {
  return n.toFixed(2)
}

function assertAmount(what: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${what} 应为不小于 0 的数：${String(value)}`)
  }
}

/**
 * Grades one soil sample under GB 15618-2018 (DOMAIN §3.2 step 1): A when every measured Cd/Hg/As/Pb/Cr is at
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
      reasons: [{ code: 'PH_MISSING', message: '缺少土壤 pH，无法确定 GB 15618-2018 的 pH 分档；不按默认 pH 判定，结果待复核' }],
    }
  }
  if (!Number.isFinite(input.ph) || input.ph < 0 || input.ph > 14) throw new RangeError(`pH 应在 0–14 之间：${input.ph}`)
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
      reasons.push({ code: 'ABOVE_INTERVENTION', message: `${name} ${fmt(line.value)} mg/kg 超过管制值 ${fmt(line.interventionValue!)}（${line.interventionBasis}）` })
    } else if (line.exceedsScreening && isGradingElement(line.element)) {
      reasons.push({ code: 'ABOVE_SCREENING', message: `${name} ${fmt(line.value)} mg/kg 超过筛选值 ${fmt(line.screeningValue)}（${line.basis}），未超过管制值 ${fmt(line.interventionValue!)}` })
    } else if (line.exceedsScreening) {
      reasons.push({ code: 'OTHER_ABOVE_SCREENING', message: `${name} ${fmt(line.value)} mg/kg 超过筛选值 ${fmt(line.screeningValue)}（${line.basis}）；${name}无管制值，不参与等级划分` })
    }
  }
  if (grading.length === 0) {
    reasons.unshift({ code: 'NO_GRADING_ELEMENTS', message: '未检测镉、汞、砷、铅、铬中的任何一项，无法划分土壤等级，结果待复核' })
    return { grade: 'review', items, reasons }
  }
  if (missing.length > 0) {
    reasons.push({ code: 'PARTIAL_ELEMENTS', message: `未检测${missing.map((e) => ELEMENT_NAME[e]).join('、')}，等级仅依据已检测的项目` })
  }
  const grade = grading.some((l) => l.exceedsIntervention) ? 'C' : grading.some((l) => l.exceedsScreening) ? 'B' : 'A'
  if (grade === 'A') {
    reasons.unshift({ code: 'WITHIN_SCREENING', message: `${grading.map((l) => ELEMENT_NAME[l.element]).join('、')}均未超过筛选值` })
  }
  return { grade, items, reasons }
}

function cropResultOfRatio(maxRatio: number, rules: ClassRuleSet): 'ok' | 'slight' | 'serious' {
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
    return { ...base, result: 'unknown', items: [], maxRatio: null, reasons: [{ code: 'UNKNOWN_CROP', message: `作物“${input.crop}”不在 ${edition} 限量表的分组中，农产品结果无法判定` }] }
  }
  const items = CROP_CONTAMINANTS.filter((c) => input.values[c] !== undefined).map((element): CropItem => {
    const value = input.values[element]!
    const limit = cropLimit(edition, group, element)
    return { element, value, limit: limit.value, ratio: value / limit.value, basis: limit.basis }
  })
  if (items.length === 0) {
    return { ...base, result: 'unknown', items, maxRatio: null, reasons: [{ code: 'NO_CROP_VALUES', message: '农产品样品没有镉、铅、砷、汞、铬的检测值，无法判定' }] }
  }
  const maxRatio = Math.max(...items.map((i) => i.ratio))
  const result = cropResultOfRatio(maxRatio, rules)
  const reasons = items.filter((i) => i.ratio > 1).map((i) => ({
    code: 'CROP_ABOVE_LIMIT',
    message: `${input.crop}${ELEMENT_NAME[i.element]} ${fmt(i.value)} mg/kg 超过限量 ${fmt(i.limit)}（${i.basis}），为限量的 ${fmtRatio(i.ratio)} 倍`,
  }))
  if (result === 'ok') reasons.push({ code: 'CROP_WITHIN_LIMIT', message: `${input.crop}各项均未超过 ${edition} 限量` })
  return { ...base, result, items, maxRatio, reasons }
}

const GRADE_ORDER: Record<'A' | 'B' | 'C', number> = { A: 0, B: 1, C: 2 }
const CROP_ORDER: Record<'ok' | 'slight' | 'serious', number> = { ok: 0, slight: 1, serious: 2 }

type Graded = PointEvidence & { soil: SoilAssessment & { grade: 'A' | 'B' | 'C' } }
type CropJudged = PointEvidence & { crop: CropAssessment & { result: 'ok' | 'slight' | 'serious'; maxRatio: number } }

function isGraded(p: PointEvidence): p is Graded {
  return p.soil !== null && p.soil.grade !== 'review'
}

function isCropJudged(p: PointEvidence): p is CropJudged {
  return p.crop !== null && p.crop.result !== 'unknown' && p.crop.maxRatio !== null
}

/** The line that makes a graded sample as bad as it is: the largest intervention ratio for C, else screening. */
function decisiveLine(soil: SoilAssessment): ElementLine | null {
  const lines = soil.items.filter((l) => isGradingElement(l.element))
  if (lines.length === 0) return null
  const key = soil.grade === 'C'
    ? (l: ElementLine) => (l.interventionValue ? l.value / l.interventionValue : 0)
    : (l: ElementLine) => l.ratio
  return lines.reduce((a, b) => (key(b) > key(a) ? b : a))
}

function worstSample(samples: Graded[]): Graded {
  return samples.reduce((a, b) => {
    const byGrade = GRADE_ORDER[b.soil.grade] - GRADE_ORDER[a.soil.grade]
    if (byGrade !== 0) return byGrade > 0 ? b : a
    const ra = decisiveLine(a.soil)?.ratio ?? 0
    const rb = decisiveLine(b.soil)?.ratio ?? 0
    return rb > ra ? b : a
  })
}

/** Ratios in a stored basis keep three significant digits (the decision used the exact ones). */
function roundRatio<T extends { ratio: number }>(line: T): T {
  return { ...line, ratio: Number(line.ratio.toPrecision(3)) }
}

/** The item with the highest ratio, as a one-element list (none when `items` is empty). */
function worstOf<T extends { ratio: number }>(items: T[]): T[] {
  return items.length ? [items.reduce((a, b) => (b.ratio > a.ratio ? b : a))] : []
}

/**
 * The soil lines a basis keeps: those above the screening value, or the closest one to it when none is, so a
 * county-wide list stays small (each entry is stored).
 */
function exceedingLines(soil: SoilAssessment | null): ElementLine[] {
  if (!soil) return []
  const above = soil.items.filter((l) => l.exceedsScreening)
  return (above.length > 0 ? above : worstOf(soil.items)).map(roundRatio)
}

function basisSample(p: PointEvidence, weight?: number): BasisSample {
  const sample: BasisSample = {
    pointCode: p.pointCode, sampledOn: p.sampledOn, distanceM: p.distanceM,
    grade: p.soil?.grade ?? null, exceeding: exceedingLines(p.soil),
  }
  if (weight !== undefined) sample.weight = weight
  if (p.crop) {
    const above = p.crop.items.filter((i) => i.ratio > 1)
    sample.crop = p.crop.crop
    sample.cropResult = p.crop.result
    sample.cropItems = (above.length > 0 ? above : worstOf(p.crop.items)).map(roundRatio)
  }
  return sample
}

/** Weighted per-metal ratios; each metal's weights are renormalised over the samples that measured it. */
function estimateRatios(samples: { soil: SoilAssessment; weight: number }[]): EstimatedRatio[] {
  const estimates: EstimatedRatio[] = []
  for (const element of GRADING_ELEMENTS) {
    const lines = samples.flatMap(({ soil, weight }) => {
      const line = soil.items.find((l) => l.element === element)
      return line ? [{ line, weight }] : []
    })
    const total = lines.reduce((s, l) => s + l.weight, 0)
    if (lines.length === 0 || total <= 0) continue
    estimates.push({
      element,
      screeningRatio: lines.reduce((s, l) => s + l.weight * l.line.ratio, 0) / total,
      interventionRatio: lines.reduce((s, l) => s + l.weight * (l.line.value / l.line.interventionValue!), 0) / total,
    })
  }
  return estimates
}

function gradeOfEstimates(estimates: EstimatedRatio[]): 'A' | 'B' | 'C' {
  if (estimates.some((e) => e.interventionRatio > 1)) return 'C'
  return estimates.some((e) => e.screeningRatio > 1) ? 'B' : 'A'
}

function pollutantsOfEstimates(estimates: EstimatedRatio[]): Element[] {
  return estimates.filter((e) => e.screeningRatio > 1).sort((a, b) => b.screeningRatio - a.screeningRatio).map((e) => e.element)
}

function pollutantsOfSamples(samples: Graded[]): Element[] {
  const worstRatio = new Map<Element, number>()
  for (const s of samples) {
    for (const l of s.soil.items) {
      if (l.exceedsScreening && isGradingElement(l.element)) worstRatio.set(l.element, Math.max(worstRatio.get(l.element) ?? 0, l.ratio))
    }
  }
  return [...worstRatio.entries()].sort((a, b) => b[1] - a[1]).map(([e]) => e)
}

function zipWeights(points: CropJudged[], weights: number[]): { p: CropJudged; weight: number }[] {
  return points.map((p, i) => ({ p, weight: weights[i] }))
}

function inverseDistanceWeights(distances: number[], power: number): number[] {
  const raw = distances.map((d) => 1 / Math.max(d, 1) ** power)
  const total = raw.reduce((s, w) => s + w, 0)
  return raw.map((w) => w / total)
}

interface CropOutcome {
  result: MatrixCropResult
  /** The crop item that decided, with the point it came from. */
  decisive: { pointCode: string; crop: string; item: CropItem } | null
  /** Weighted mean of the largest ratios when averaged. */
  meanRatio?: number
}

function decisiveCropItem(p: CropJudged): CropOutcome['decisive'] {
  const item = p.crop.items.reduce((a, b) => (b.ratio > a.ratio ? b : a))
  return { pointCode: p.pointCode, crop: p.crop.crop, item }
}

function worstCrop(points: CropJudged[]): CropOutcome {
  if (points.length === 0) return { result: 'none', decisive: null }
  const worst = points.reduce((a, b) => (b.crop.maxRatio > a.crop.maxRatio ? b : a))
  return { result: worst.crop.result, decisive: decisiveCropItem(worst) }
}

function weightedCrop(points: { p: CropJudged; weight: number }[], rules: ClassRuleSet): CropOutcome {
  if (points.length === 0) return { result: 'none', decisive: null }
  const total = points.reduce((s, x) => s + x.weight, 0)
  const meanRatio = points.reduce((s, x) => s + x.weight * x.p.crop.maxRatio, 0) / total
  const worst = points.reduce((a, b) => (b.p.crop.maxRatio > a.p.crop.maxRatio ? b : a))
  return { result: cropResultOfRatio(meanRatio, rules), decisive: decisiveCropItem(worst.p), meanRatio }
}

function cropClause(outcome: CropOutcome): string {
  if (outcome.result === 'none' || !outcome.decisive) return '无农产品协同监测数据'
  const { crop, item } = outcome.decisive
  const name = ELEMENT_NAME[item.element]
  const mean = outcome.meanRatio !== undefined ? `，各样点最大值与限量之比加权平均 ${fmtRatio(outcome.meanRatio)}` : ''
  if (item.ratio <= 1) return `农产品（${crop}）${name} ${fmt(item.value)} 未超过限量 ${fmt(item.limit)}（${item.basis}）${mean}`
  return `农产品（${crop}）${name} ${fmt(item.value)} 超过限量 ${fmt(item.limit)}（${item.basis}，${fmtRatio(item.ratio)} 倍）${mean}，${CROP_RESULT_LABEL[outcome.result]}`
}

function lineClause(line: ElementLine): string {
  const name = ELEMENT_NAME[line.element]
  const head = `${name} ${fmt(line.value)} mg/kg`
  if (line.exceedsIntervention) return `${head} 超过管制值 ${fmt(line.interventionValue!)}（${line.interventionBasis}）`
  if (line.exceedsScreening) return `${head} 超过筛选值 ${fmt(line.screeningValue)}（${line.basis}）未超过管制值 ${fmt(line.interventionValue!)}`
  return `${head} 未超过筛选值 ${fmt(line.screeningValue)}（${line.basis}）`
}

function estimateClause(estimates: EstimatedRatio[], grade: 'A' | 'B' | 'C'): string {
  if (grade === 'A') return '推断各项重金属均未超过筛选值'
  const key = grade === 'C' ? (e: EstimatedRatio) => e.interventionRatio : (e: EstimatedRatio) => e.screeningRatio
  const top = estimates.reduce((a, b) => (key(b) > key(a) ? b : a))
  return `推断${ELEMENT_NAME[top.element]}为筛选值的 ${fmtRatio(top.screeningRatio)} 倍、管制值的 ${fmtRatio(top.interventionRatio)} 倍`
}

function tail(cls: FarmlandClass, rules: ClassRuleSet): string {
  return ` → ${CLASS_LABEL[cls]}（规则 ${rules.version}）`
}

function unclassifiedAllReview(inside: PointEvidence[], rules: ClassRuleSet): ParcelClass {
  const soilSamples = inside.filter((p) => p.soil)
  const why = [...new Set(soilSamples.flatMap((p) => p.soil!.reasons.map((r) => r.message)))].slice(0, 2).join('；')
  const all = soilSamples.length > 1 ? '均' : ''
  const summary = `图斑内 ${soilSamples.length} 个样点${all}待复核（${why}），暂不划定${tail('unclassified', rules)}`
  return {
    class: 'unclassified', method: 'samples', soilGrade: 'review', mainPollutants: [], sampleCount: soilSamples.length,
    basis: {
      ruleSetVersion: rules.version, method: 'samples', methodLabel: METHOD_LABEL.samples,
      aggregation: rules.aggregation, aggregationLabel: AGGREGATION_LABEL[rules.aggregation],
      samples: inside.map((p) => basisSample(p)), cropResult: 'none', summary,
    },
  }
}

const AGGREGATION_LABEL: Record<string, string> = {
  'worst': '取最不利样点', 'mean-ratio': '各样点超标倍数平均', 'idw': '反距离加权', 'nearest': '最近样点', 'none': '无',
}

function classifyFromInside(inside: PointEvidence[], rules: ClassRuleSet): ParcelClass {
  const graded = inside.filter(isGraded)
  if (graded.length === 0) return unclassifiedAllReview(inside, rules)
  const crops = inside.filter(isCropJudged)
  const base = { ruleSetVersion: rules.version, method: 'samples' as const, methodLabel: METHOD_LABEL.samples }
  const soilCount = inside.filter((p) => p.soil).length
  const skipped = soilCount - graded.length
  const skippedNote = skipped > 0 ? `（其中 ${skipped} 个待复核未计入）` : ''
  if (rules.aggregation === 'mean-ratio') {
    const estimates = estimateRatios(graded.map((p) => ({ soil: p.soil, weight: 1 })))
    const grade = gradeOfEstimates(estimates)
    const crop = weightedCrop(crops.map((p) => ({ p, weight: 1 })), rules)
    const cls = rules.matrix[grade][crop.result]
    const summary = `图斑内 ${soilCount} 个样点${skippedNote}按超标倍数平均，${estimateClause(estimates, grade)}，土壤 ${SOIL_GRADE_LABEL[grade]}；${cropClause(crop)}${tail(cls, rules)}`
    return {
      class: cls, method: 'samples', soilGrade: grade, mainPollutants: pollutantsOfEstimates(estimates), sampleCount: graded.length,
      basis: {
        ...base, aggregation: 'mean-ratio', aggregationLabel: AGGREGATION_LABEL['mean-ratio'],
        samples: inside.map((p) => basisSample(p)), estimates, cropResult: crop.result, summary,
      },
    }
  }
  const worst = worstSample(graded)
  const grade = worst.soil.grade
  const crop = worstCrop(crops)
  const cls = rules.matrix[grade][crop.result]
  const line = decisiveLine(worst.soil)!
  const soilClause = grade === 'A'
    ? `${graded.length > 1 ? '各样点' : `样点 ${worst.pointCode} `}已检测的镉、汞、砷、铅、铬均未超过筛选值`
    : `最不利样点 ${worst.pointCode} ${lineClause(line)}`
  const summary = `图斑内 ${soilCount} 个样点${skippedNote}，${soilClause}，土壤 ${SOIL_GRADE_LABEL[grade]}；${cropClause(crop)}${tail(cls, rules)}`
  return {
    class: cls, method: 'samples', soilGrade: grade, mainPollutants: pollutantsOfSamples(graded), sampleCount: graded.length,
    basis: {
      ...base, aggregation: 'worst', aggregationLabel: AGGREGATION_LABEL.worst,
      samples: inside.map((p) => basisSample(p)), cropResult: crop.result, summary,
    },
  }
}

function noData(reachable: PointEvidence[], rules: ClassRuleSet): ParcelClass {
  const within = `${fmt(rules.interpolation.maxDistanceM)} 米内`
  const why = reachable.length > 0 ? `${within}的 ${reachable.length} 个样点${reachable.length > 1 ? '均' : ''}待复核` : `${within}也没有样点`
  return {
    class: 'unclassified', method: 'no_data', soilGrade: null, mainPollutants: [], sampleCount: 0,
    basis: {
      ruleSetVersion: rules.version, method: 'no_data', methodLabel: METHOD_LABEL.no_data,
      aggregation: 'none', aggregationLabel: AGGREGATION_LABEL.none,
      samples: reachable.map((p) => basisSample(p)), cropResult: 'none',
      summary: `图斑内无可用样点，${why} → ${METHOD_LABEL.no_data}（规则 ${rules.version}）`,
    },
  }
}

function classifyFromNearby(evidence: ParcelEvidence, rules: ClassRuleSet): ParcelClass {
  const { method, maxDistanceM, maxSamples, power } = rules.interpolation
  const byDistance = (a: PointEvidence, b: PointEvidence) => a.distanceM - b.distanceM
  const reachable = evidence.nearby.filter((p) => p.distanceM <= maxDistanceM).sort(byDistance)
  const graded = reachable.filter(isGraded)
  if (graded.length === 0) return noData(reachable.filter((p) => p.soil), rules)
  const used = graded.slice(0, method === 'nearest' ? 1 : maxSamples)
  const insideCrops = evidence.inside.filter(isCropJudged)
  const nearbyCrops = reachable.filter(isCropJudged).slice(0, method === 'nearest' ? 1 : maxSamples)
  const cropPoints = insideCrops.length > 0 ? insideCrops : nearbyCrops
  const base = { ruleSetVersion: rules.version, method: 'interpolated' as const, methodLabel: METHOD_LABEL.interpolated }
  const distances = used.map((p) => `${p.pointCode} ${fmt(Math.round(p.distanceM))} 米`).join('、')
  if (method === 'nearest') {
    const nearest = used[0]
    const grade = nearest.soil.grade
    const crop = insideCrops.length > 0 ? worstCrop(insideCrops) : worstCrop(nearbyCrops)
    const cls = rules.matrix[grade][crop.result]
    const line = decisiveLine(nearest.soil)!
    const summary = `图斑内无样点，取 ${fmt(maxDistanceM)} 米内最近样点 ${distances}：${lineClause(line)}，土壤 ${SOIL_GRADE_LABEL[grade]}；${cropClause(crop)}${tail(cls, rules)}`
    return {
      class: cls, method: 'interpolated', soilGrade: grade, mainPollutants: pollutantsOfSamples([nearest]), sampleCount: 1,
      basis: {
        ...base, aggregation: 'nearest', aggregationLabel: AGGREGATION_LABEL.nearest,
        samples: [basisSample(nearest, 1), ...cropPoints.filter((p) => p !== nearest).map((p) => basisSample(p))],
        cropResult: crop.result, summary,
      },
    }
  }
  const weights = inverseDistanceWeights(used.map((p) => p.distanceM), power)
  const estimates = estimateRatios(used.map((p, i) => ({ soil: p.soil, weight: weights[i] })))
  const grade = gradeOfEstimates(estimates)
  const crop = insideCrops.length > 0
    ? worstCrop(insideCrops)
    : weightedCrop(zipWeights(nearbyCrops, inverseDistanceWeights(nearbyCrops.map((q) => q.distanceM), power)), rules)
  const cls = rules.matrix[grade][crop.result]
  const summary = `图斑内无样点，按 ${fmt(maxDistanceM)} 米内 ${used.length} 个样点反距离加权推断（${distances}），${estimateClause(estimates, grade)}，土壤 ${SOIL_GRADE_LABEL[grade]}；${cropClause(crop)}${tail(cls, rules)}`
  const cropOnly = cropPoints.filter((p) => !used.includes(p as Graded))
  return {
    class: cls, method: 'interpolated', soilGrade: grade, mainPollutants: pollutantsOfEstimates(estimates), sampleCount: used.length,
    basis: {
      ...base, aggregation: 'idw', aggregationLabel: `${AGGREGATION_LABEL.idw}（幂 ${fmt(power)}）`,
      samples: [...used.map((p, i) => basisSample(p, weights[i])), ...cropOnly.map((p) => basisSample(p))],
      estimates, cropResult: crop.result, summary,
    },
  }
}

/**
 * The class of one parcel from the graded monitoring points inside it and near it (DOMAIN §3.2 steps 3–4).
 * Samples inside with soil data decide (worst or mean ratio, per the rule set); if they are all 待复核 the parcel
 * stays 未划定 with the reason. Without soil samples inside, samples within rules.interpolation.maxDistanceM give
 * the grade (IDW or nearest) and the class is labelled interpolated; with none in reach it is 未划定（数据不足）.
 * The parcel's soil grade and crop result (crop samples inside first) go through rules.matrix.
 */
export function classifyParcel(evidence: ParcelEvidence, rules: ClassRuleSet): ParcelClass {
  if (evidence.inside.some((p) => p.soil)) return classifyFromInside(evidence.inside, rules)
  return classifyFromNearby(evidence, rules)
}

import type { ClassRuleSet, MatrixCropResult } from './class-rules.ts'
import { ELEMENT_NAME, type GradingElement } from './gb15618.ts'
import { FARMLAND_CLASS } from './labels.ts'
import {
  CROP_RESULT_LABEL,
  fmt,
  fmtRatio,
  type CropAssessment,
  type CropItem,
  type CropResult,
  type ElementLine,
  type SoilAssessment,
  type SoilGrade,
} from './assess-sample.ts'
import type { ClassMethod, FarmlandClass, PointEvidence } from './classify-farmland.ts'

/*
 * What a list entry keeps of its class: the samples as stored in class_list_entry.basis and the sentence an
 * officer reads. The decisions themselves are in classify-farmland.ts.
 */

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
  let lines = exceedingOf.get(soil)
  if (!lines) {
    const above = soil.items.filter((l) => l.exceedsScreening)
    lines = (above.length > 0 ? above : worstOf(soil.items)).map(roundRatio)
    exceedingOf.set(soil, lines)
  }
  return lines
}

/**
 * The lines of a point's basis depend on its assessment only, and a county-wide job passes the same assessment
 * for every parcel near the point: they are worked out once per assessment (the arrays are never changed).
 */
const exceedingOf = new WeakMap<SoilAssessment, ElementLine[]>()
const cropItemsOf = new WeakMap<CropAssessment, CropItem[]>()

function basisCropItems(crop: CropAssessment): CropItem[] {
  let items = cropItemsOf.get(crop)
  if (!items) {
    const above = crop.items.filter((i) => i.ratio > 1)
    items = (above.length > 0 ? above : worstOf(crop.items)).map(roundRatio)
    cropItemsOf.set(crop, items)
  }
  return items
}

export function basisSample(p: PointEvidence, weight?: number): BasisSample {
  const sample: BasisSample = {
    pointCode: p.pointCode,
    sampledOn: p.sampledOn,
    distanceM: p.distanceM,
    grade: p.soil?.grade ?? null,
    exceeding: exceedingLines(p.soil),
  }
  if (weight !== undefined) sample.weight = weight
  if (p.crop) {
    sample.crop = p.crop.crop
    sample.cropResult = p.crop.result
    sample.cropItems = basisCropItems(p.crop)
  }
  return sample
}

export interface CropOutcome {
  result: MatrixCropResult
  /** The crop item that decided, with the point it came from. */
  decisive: { pointCode: string; crop: string; item: CropItem } | null
  /** Weighted mean of the largest ratios when averaged. */
  meanRatio?: number
}

export const AGGREGATION_LABEL: Record<string, string> = {
  worst: '取最不利样点',
  'mean-ratio': '各样点超标倍数平均',
  idw: '反距离加权',
  nearest: '最近样点',
  none: '无',
}

export function cropClause(outcome: CropOutcome): string {
  if (outcome.result === 'none' || !outcome.decisive) return '无农产品协同监测数据'
  const { crop, item } = outcome.decisive
  const name = ELEMENT_NAME[item.element]
  const mean = outcome.meanRatio !== undefined ? `，各样点最大值与限量之比加权平均 ${fmtRatio(outcome.meanRatio)}` : ''
  if (item.ratio <= 1)
    return `农产品（${crop}）${name} ${fmt(item.value)} 未超过限量 ${fmt(item.limit)}（${item.basis}）${mean}`
  return `农产品（${crop}）${name} ${fmt(item.value)} 超过限量 ${fmt(item.limit)}（${item.basis}，${fmtRatio(item.ratio)} 倍）${mean}，${CROP_RESULT_LABEL[outcome.result]}`
}

export function lineClause(line: ElementLine): string {
  const name = ELEMENT_NAME[line.element]
  const head = `${name} ${fmt(line.value)} mg/kg`
  if (line.exceedsIntervention) return `${head} 超过管制值 ${fmt(line.interventionValue!)}（${line.interventionBasis}）`
  if (line.exceedsScreening)
    return `${head} 超过筛选值 ${fmt(line.screeningValue)}（${line.basis}）未超过管制值 ${fmt(line.interventionValue!)}`
  return `${head} 未超过筛选值 ${fmt(line.screeningValue)}（${line.basis}）`
}

export function estimateClause(estimates: EstimatedRatio[], grade: 'A' | 'B' | 'C'): string {
  if (grade === 'A') return '推断各项重金属均未超过筛选值'
  const key = grade === 'C' ? (e: EstimatedRatio) => e.interventionRatio : (e: EstimatedRatio) => e.screeningRatio
  const top = estimates.reduce((a, b) => (key(b) > key(a) ? b : a))
  return `推断${ELEMENT_NAME[top.element]}为筛选值的 ${fmtRatio(top.screeningRatio)} 倍、管制值的 ${fmtRatio(top.interventionRatio)} 倍`
}

export function tail(cls: FarmlandClass, rules: ClassRuleSet): string {
  return ` → ${FARMLAND_CLASS[cls]}（规则 ${rules.version}）`
}

import type { ClassRuleSet } from './class-rules.ts'
import { GRADING_ELEMENTS, isGradingElement, type Element } from './gb15618.ts'
import { FARMLAND_CLASS } from './labels.ts'
import {
  SOIL_GRADE_LABEL,
  cropResultOfRatio,
  fmt,
  type CropAssessment,
  type ElementLine,
  type SoilAssessment,
  type SoilGrade,
} from './assess-sample.ts'
import {
  AGGREGATION_LABEL,
  basisSample,
  cropClause,
  estimateClause,
  lineClause,
  tail,
  type ClassBasis,
  type CropOutcome,
  type EstimatedRatio,
} from './classify-farmland-basis.ts'

export type FarmlandClass = 'priority' | 'safe_use' | 'strict' | 'unclassified'
/** How a parcel got its class; 'override' only appears on list entries changed by hand. */
export type ClassMethod = 'samples' | 'interpolated' | 'no_data' | 'override'

export const CLASS_LABEL: Readonly<Record<FarmlandClass, string>> = FARMLAND_CLASS
export const METHOD_LABEL: Readonly<Record<ClassMethod, string>> = {
  samples: '样点判定',
  interpolated: '插值推断',
  no_data: '未划定（数据不足）',
  override: '人工调整',
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

const GRADE_ORDER: Record<'A' | 'B' | 'C', number> = { A: 0, B: 1, C: 2 }

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
  const key =
    soil.grade === 'C'
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
  return estimates
    .filter((e) => e.screeningRatio > 1)
    .sort((a, b) => b.screeningRatio - a.screeningRatio)
    .map((e) => e.element)
}

function pollutantsOfSamples(samples: Graded[]): Element[] {
  const worstRatio = new Map<Element, number>()
  for (const s of samples) {
    for (const l of s.soil.items) {
      if (l.exceedsScreening && isGradingElement(l.element))
        worstRatio.set(l.element, Math.max(worstRatio.get(l.element) ?? 0, l.ratio))
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

function unclassifiedAllReview(inside: PointEvidence[], rules: ClassRuleSet): ParcelClass {
  const soilSamples = inside.filter((p) => p.soil)
  const why = [...new Set(soilSamples.flatMap((p) => p.soil!.reasons.map((r) => r.message)))].slice(0, 2).join('；')
  const all = soilSamples.length > 1 ? '均' : ''
  const summary = `图斑内 ${soilSamples.length} 个样点${all}待复核（${why}），暂不划定${tail('unclassified', rules)}`
  return {
    class: 'unclassified',
    method: 'samples',
    soilGrade: 'review',
    mainPollutants: [],
    sampleCount: soilSamples.length,
    basis: {
      ruleSetVersion: rules.version,
      method: 'samples',
      methodLabel: METHOD_LABEL.samples,
      aggregation: rules.aggregation,
      aggregationLabel: AGGREGATION_LABEL[rules.aggregation],
      samples: inside.map((p) => basisSample(p)),
      cropResult: 'none',
      summary,
    },
  }
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
    const crop = weightedCrop(
      crops.map((p) => ({ p, weight: 1 })),
      rules,
    )
    const cls = rules.matrix[grade][crop.result]
    const summary = `图斑内 ${soilCount} 个样点${skippedNote}按超标倍数平均，${estimateClause(estimates, grade)}，土壤 ${SOIL_GRADE_LABEL[grade]}；${cropClause(crop)}${tail(cls, rules)}`
    return {
      class: cls,
      method: 'samples',
      soilGrade: grade,
      mainPollutants: pollutantsOfEstimates(estimates),
      sampleCount: graded.length,
      basis: {
        ...base,
        aggregation: 'mean-ratio',
        aggregationLabel: AGGREGATION_LABEL['mean-ratio'],
        samples: inside.map((p) => basisSample(p)),
        estimates,
        cropResult: crop.result,
        summary,
      },
    }
  }
  const worst = worstSample(graded)
  const grade = worst.soil.grade
  const crop = worstCrop(crops)
  const cls = rules.matrix[grade][crop.result]
  const line = decisiveLine(worst.soil)!
  const soilClause =
    grade === 'A'
      ? `${graded.length > 1 ? '各样点' : `样点 ${worst.pointCode} `}已检测的镉、汞、砷、铅、铬均未超过筛选值`
      : `最不利样点 ${worst.pointCode} ${lineClause(line)}`
  const summary = `图斑内 ${soilCount} 个样点${skippedNote}，${soilClause}，土壤 ${SOIL_GRADE_LABEL[grade]}；${cropClause(crop)}${tail(cls, rules)}`
  return {
    class: cls,
    method: 'samples',
    soilGrade: grade,
    mainPollutants: pollutantsOfSamples(graded),
    sampleCount: graded.length,
    basis: {
      ...base,
      aggregation: 'worst',
      aggregationLabel: AGGREGATION_LABEL.worst,
      samples: inside.map((p) => basisSample(p)),
      cropResult: crop.result,
      summary,
    },
  }
}

function noData(reachable: PointEvidence[], rules: ClassRuleSet): ParcelClass {
  const within = `${fmt(rules.interpolation.maxDistanceM)} 米内`
  const why =
    reachable.length > 0
      ? `${within}的 ${reachable.length} 个样点${reachable.length > 1 ? '均' : ''}待复核`
      : `${within}也没有样点`
  return {
    class: 'unclassified',
    method: 'no_data',
    soilGrade: null,
    mainPollutants: [],
    sampleCount: 0,
    basis: {
      ruleSetVersion: rules.version,
      method: 'no_data',
      methodLabel: METHOD_LABEL.no_data,
      aggregation: 'none',
      aggregationLabel: AGGREGATION_LABEL.none,
      samples: reachable.map((p) => basisSample(p)),
      cropResult: 'none',
      summary: `图斑内无可用样点，${why} → ${METHOD_LABEL.no_data}（规则 ${rules.version}）`,
    },
  }
}

function classifyFromNearby(evidence: ParcelEvidence, rules: ClassRuleSet): ParcelClass {
  const { method, maxDistanceM, maxSamples, power } = rules.interpolation
  const byDistance = (a: PointEvidence, b: PointEvidence) => a.distanceM - b.distanceM
  const reachable = evidence.nearby.filter((p) => p.distanceM <= maxDistanceM).sort(byDistance)
  const graded = reachable.filter(isGraded)
  if (graded.length === 0)
    return noData(
      reachable.filter((p) => p.soil),
      rules,
    )
  const used = graded.slice(0, method === 'nearest' ? 1 : maxSamples)
  const insideCrops = evidence.inside.filter(isCropJudged)
  const nearbyCrops = reachable.filter(isCropJudged).slice(0, method === 'nearest' ? 1 : maxSamples)
  const cropPoints = insideCrops.length > 0 ? insideCrops : nearbyCrops
  const base = {
    ruleSetVersion: rules.version,
    method: 'interpolated' as const,
    methodLabel: METHOD_LABEL.interpolated,
  }
  const distances = used.map((p) => `${p.pointCode} ${fmt(Math.round(p.distanceM))} 米`).join('、')
  if (method === 'nearest') {
    const nearest = used[0]
    const grade = nearest.soil.grade
    const crop = insideCrops.length > 0 ? worstCrop(insideCrops) : worstCrop(nearbyCrops)
    const cls = rules.matrix[grade][crop.result]
    const line = decisiveLine(nearest.soil)!
    const summary = `图斑内无样点，取 ${fmt(maxDistanceM)} 米内最近样点 ${distances}：${lineClause(line)}，土壤 ${SOIL_GRADE_LABEL[grade]}；${cropClause(crop)}${tail(cls, rules)}`
    return {
      class: cls,
      method: 'interpolated',
      soilGrade: grade,
      mainPollutants: pollutantsOfSamples([nearest]),
      sampleCount: 1,
      basis: {
        ...base,
        aggregation: 'nearest',
        aggregationLabel: AGGREGATION_LABEL.nearest,
        samples: [basisSample(nearest, 1), ...cropPoints.filter((p) => p !== nearest).map((p) => basisSample(p))],
        cropResult: crop.result,
        summary,
      },
    }
  }
  const weights = inverseDistanceWeights(
    used.map((p) => p.distanceM),
    power,
  )
  const estimates = estimateRatios(used.map((p, i) => ({ soil: p.soil, weight: weights[i] })))
  const grade = gradeOfEstimates(estimates)
  const crop =
    insideCrops.length > 0
      ? worstCrop(insideCrops)
      : weightedCrop(
          zipWeights(
            nearbyCrops,
            inverseDistanceWeights(
              nearbyCrops.map((q) => q.distanceM),
              power,
            ),
          ),
          rules,
        )
  const cls = rules.matrix[grade][crop.result]
  const summary = `图斑内无样点，按 ${fmt(maxDistanceM)} 米内 ${used.length} 个样点反距离加权推断（${distances}），${estimateClause(estimates, grade)}，土壤 ${SOIL_GRADE_LABEL[grade]}；${cropClause(crop)}${tail(cls, rules)}`
  const cropOnly = cropPoints.filter((p) => !used.includes(p as Graded))
  return {
    class: cls,
    method: 'interpolated',
    soilGrade: grade,
    mainPollutants: pollutantsOfEstimates(estimates),
    sampleCount: used.length,
    basis: {
      ...base,
      aggregation: 'idw',
      aggregationLabel: `${AGGREGATION_LABEL.idw}（幂 ${fmt(power)}）`,
      samples: [...used.map((p, i) => basisSample(p, weights[i])), ...cropOnly.map((p) => basisSample(p))],
      estimates,
      cropResult: crop.result,
      summary,
    },
  }
}

/**
 * The class of one parcel from the graded monitoring points inside it and near it (docs/domain-notes.md §3.2 steps 3–4).
 * Samples inside with soil data decide (worst or mean ratio, per the rule set); if they are all 待复核 the parcel
 * stays 未划定 with the reason. Without soil samples inside, samples within rules.interpolation.maxDistanceM give
 * the grade (IDW or nearest) and the class is labelled interpolated; with none in reach it is 未划定（数据不足）.
 * The parcel's soil grade and crop result (crop samples inside first) go through rules.matrix.
 */
export function classifyParcel(evidence: ParcelEvidence, rules: ClassRuleSet): ParcelClass {
  if (evidence.inside.some((p) => p.soil)) return classifyFromInside(evidence.inside, rules)
  return classifyFromNearby(evidence, rules)
}

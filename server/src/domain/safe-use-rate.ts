/**
 * Safe-utilisation rates (docs/domain-notes.md §4): 受污染耕地安全利用率 A = (B + C + D) / E (《受污染耕地安全利用率核算方法（试行）》,
 * MARA 2020, S), 污染地块安全利用率 (formula R), and which target applies to a county in a year. Pure: no I/O.
 */

export const POLLUTION_DEGREES = ['slight', 'mild_moderate', 'severe'] as const
export type PollutionDegree = (typeof POLLUTION_DEGREES)[number]

export const POLLUTION_DEGREE_LABEL: Record<PollutionDegree, string> = {
  slight: '轻微污染',
  mild_moderate: '轻中度污染',
  severe: '重度污染',
}

export const MEASURE_BUCKETS = ['priority', 'safe_use', 'strict'] as const
export type MeasureBucket = (typeof MEASURE_BUCKETS)[number]

export const MEASURE_BUCKET_LABEL: Record<MeasureBucket, string> = {
  priority: '优先保护类措施',
  safe_use: '安全利用类措施',
  strict: '严格管控类措施',
}

/** The terms of the formula; E is the whole contaminated area, the others its safely used parts. */
export const FARMLAND_TERMS = ['B', 'C', 'D'] as const
export type FarmlandTerm = (typeof FARMLAND_TERMS)[number]

export const FARMLAND_TERM_LABEL: Record<FarmlandTerm | 'E', string> = {
  B: 'B 轻微污染耕地落实优先保护类措施面积',
  C: 'C 轻中度污染耕地落实安全利用类措施且农产品达标面积',
  D: 'D 重度污染耕地落实严格管控类措施面积',
  E: 'E 受污染耕地总面积',
}

/**
 * Which term a parcel counts in (docs/domain-notes.md §4.1: "a plot carrying both safe-use and strict measures is counted once",
 * text cut off — R 待核实, a setting):
 * - `strictest`: the term of the strictest bucket applied (严格管控 → D, 安全利用 → C, 优先保护 → B), provided it is at
 *   least as strict as the pollution degree needs;
 * - `degree`: the term of the pollution degree (轻微 → B, 轻中度 → C, 重度 → D), provided a measure at least as strict
 *   as the degree needs is applied.
 * In both, C also needs produce meeting GB 2762 (the C-area procedure's outcome).
 */
export const TERM_RULES = ['strictest', 'degree'] as const
export type TermRule = (typeof TERM_RULES)[number]

export const TERM_RULE_LABEL: Record<TermRule, string> = {
  strictest: '按所落实的最严格措施类别计入一项（本地设置）',
  degree: '按污染程度计入对应一项（本地设置）',
}

const BUCKET_RANK: Record<MeasureBucket, number> = { priority: 1, safe_use: 2, strict: 3 }
const NEEDED_BUCKET: Record<PollutionDegree, MeasureBucket> = {
  slight: 'priority',
  mild_moderate: 'safe_use',
  severe: 'strict',
}
const TERM_OF_BUCKET: Record<MeasureBucket, FarmlandTerm> = { priority: 'B', safe_use: 'C', strict: 'D' }
const TERM_OF_DEGREE: Record<PollutionDegree, FarmlandTerm> = { slight: 'B', mild_moderate: 'C', severe: 'D' }

/** What decides a parcel's term: its degree, the strictest bucket of its measures (null = none), the produce outcome. */
export interface AccountCategory {
  degree: PollutionDegree
  strictest: MeasureBucket | null
  /** true = produce meets GB 2762, false = exceeds, null = not monitored. */
  produceCompliant: boolean | null
}

export const NOT_COUNTED_REASON = {
  NO_MEASURE: 'NO_MEASURE',
  MEASURE_TOO_WEAK: 'MEASURE_TOO_WEAK',
  PRODUCE_EXCEEDS: 'PRODUCE_EXCEEDS',
  PRODUCE_MISSING: 'PRODUCE_MISSING',
} as const
export type NotCountedReason = keyof typeof NOT_COUNTED_REASON

export type TermAssignment =
  { term: FarmlandTerm; reason: string } | { term: null; code: NotCountedReason; reason: string }

/** The term a parcel of `category` counts in under `rule`, or why it is not counted as safely used. Each parcel gets one. */
export function assignTerm(category: AccountCategory, rule: TermRule): TermAssignment {
  const { degree, strictest, produceCompliant } = category
  const needed = NEEDED_BUCKET[degree]
  if (!strictest)
    return { term: null, code: 'NO_MEASURE', reason: `${POLLUTION_DEGREE_LABEL[degree]}耕地未落实任何措施` }
  if (BUCKET_RANK[strictest] < BUCKET_RANK[needed]) {
    return {
      term: null,
      code: 'MEASURE_TOO_WEAK',
      reason: `${POLLUTION_DEGREE_LABEL[degree]}耕地仅落实${MEASURE_BUCKET_LABEL[strictest]}，未落实${MEASURE_BUCKET_LABEL[needed]}`,
    }
  }
  const term = rule === 'strictest' ? TERM_OF_BUCKET[strictest] : TERM_OF_DEGREE[degree]
  if (term === 'C' && produceCompliant === false)
    return { term: null, code: 'PRODUCE_EXCEEDS', reason: '落实安全利用类措施，但农产品超过 GB 2762 限量' }
  if (term === 'C' && produceCompliant === null)
    return { term: null, code: 'PRODUCE_MISSING', reason: '落实安全利用类措施，但缺少农产品达标核算结果' }
  return { term, reason: `${POLLUTION_DEGREE_LABEL[degree]}耕地落实${MEASURE_BUCKET_LABEL[strictest]}，计入 ${term}` }
}

/** Every category there is, so a term's categories can be listed (e.g. to select its rows). */
export function allCategories(): AccountCategory[] {
  const buckets: (MeasureBucket | null)[] = [null, ...MEASURE_BUCKETS]
  return POLLUTION_DEGREES.flatMap((degree) =>
    buckets.flatMap((strictest) =>
      [true, false, null].map((produceCompliant) => ({ degree, strictest, produceCompliant })),
    ),
  )
}

/** The categories that count in `term` ('E' = all; 'none' = contaminated but not safely used). */
export function categoriesOf(term: FarmlandTerm | 'E' | 'none', rule: TermRule): AccountCategory[] {
  if (term === 'E') return allCategories()
  return allCategories().filter((c) => (assignTerm(c, rule).term ?? 'none') === term)
}

/** Summed area and count of a group of accounted parcels of one category. */
export interface CategoryTotal extends AccountCategory {
  count: number
  areaM2: number
}

export interface Figure {
  count: number
  areaM2: number
}

export interface FarmlandFigures {
  B: Figure
  C: Figure
  D: Figure
  E: Figure
  /** Contaminated but not counted as safely used, by reason. */
  notCounted: Figure & { byReason: Record<NotCountedReason, Figure> }
  /** (B + C + D) / E in percent; null when E is 0. */
  ratePct: number | null
}

const zero = (): Figure => ({ count: 0, areaM2: 0 })
const add = (f: Figure, t: Figure) => {
  f.count += t.count
  f.areaM2 += t.areaM2
}

/** A = (B + C + D) / E × 100 % over category totals; each parcel sits in one category, so it is counted once. */
export function farmlandRate(totals: readonly CategoryTotal[], rule: TermRule): FarmlandFigures {
  const out: FarmlandFigures = {
    B: zero(),
    C: zero(),
    D: zero(),
    E: zero(),
    notCounted: {
      ...zero(),
      byReason: { NO_MEASURE: zero(), MEASURE_TOO_WEAK: zero(), PRODUCE_EXCEEDS: zero(), PRODUCE_MISSING: zero() },
    },
    ratePct: null,
  }
  for (const t of totals) {
    add(out.E, t)
    const a = assignTerm(t, rule)
    if (a.term) add(out[a.term], t)
    else {
      add(out.notCounted, t)
      add(out.notCounted.byReason[a.code], t)
    }
  }
  const safe = out.B.areaM2 + out.C.areaM2 + out.D.areaM2
  out.ratePct = out.E.areaM2 > 0 ? (safe / out.E.areaM2) * 100 : null
  return out
}

/**
 * 污染地块安全利用率 (docs/domain-notes.md §4.2, R 待核实): redeveloped plots meeting the planned use's soil quality ÷ all redeveloped
 * plots, by number or by area (a setting).
 */
export const PLOT_RATE_BASES = ['count', 'area'] as const
export type PlotRateBasis = (typeof PLOT_RATE_BASES)[number]

export const PLOT_RATE_BASIS_LABEL: Record<PlotRateBasis, string> = {
  count: '按地块数量（本地设置）',
  area: '按地块面积（本地设置）',
}

export interface PlotFigures {
  total: Figure
  met: Figure
  unmet: Figure
  ratePct: number | null
}

/** The plot rate from the redevelopment totals of the plots that met the requirement and those that did not. */
export function plotRate(met: Figure, unmet: Figure, basis: PlotRateBasis): PlotFigures {
  const total = { count: met.count + unmet.count, areaM2: met.areaM2 + unmet.areaM2 }
  const num = basis === 'count' ? met.count : met.areaM2
  const den = basis === 'count' ? total.count : total.areaM2
  return { total, met, unmet, ratePct: den > 0 ? (num / den) * 100 : null }
}

export type Indicator = 'farmland' | 'plot'

export const INDICATOR_LABEL: Record<Indicator, string> = {
  farmland: '受污染耕地安全利用率',
  plot: '污染地块安全利用率',
}

export const NATIONAL = '000000'

export type JurisdictionLevel = 'national' | 'province' | 'city' | 'county'

export const JURISDICTION_LEVEL_LABEL: Record<JurisdictionLevel, string> = {
  national: '全国',
  province: '省级',
  city: '市级',
  county: '县级',
}

/** The level of a jurisdiction code: 000000 national, xx0000 province, xxxx00 city, otherwise county. */
export function jurisdictionLevel(code: string): JurisdictionLevel {
  if (code === NATIONAL) return 'national'
  if (code.endsWith('0000')) return 'province'
  if (code.endsWith('00')) return 'city'
  return 'county'
}

/** The jurisdictions whose targets may apply to a county, most specific first: county, city, province, national. */
export function jurisdictionChain(county: { adcode: string; cityCode: string }): string[] {
  return [county.adcode, county.cityCode, `${county.adcode.slice(0, 2)}0000`, NATIONAL]
}

export interface Target {
  id: number
  jurisdiction: string
  indicator: Indicator
  year: number
  targetPct: number
  comparator: 'about' | 'at_least'
  source: string
  confidence: 'V' | 'S' | 'R'
  version: number
}

export const COMPARATOR_LABEL: Record<Target['comparator'], string> = { about: '左右', at_least: '不低于' }

/**
 * Which target year a county's figure of year Y is read against (R 待核实, a setting):
 * - `next`: the first target year ≥ Y (the target being worked towards, "到 2025 年"; a 2020 figure reads the 2020 target);
 * - `due`: the last target year ≤ Y (the target already due, kept after its year).
 */
export const TARGET_YEAR_RULES = ['next', 'due'] as const
export type TargetYearRule = (typeof TARGET_YEAR_RULES)[number]

export const TARGET_YEAR_RULE_LABEL: Record<TargetYearRule, string> = {
  next: '取当年或其后最近一个目标年份的目标（本地设置）',
  due: '取当年或其前最近一个目标年份的目标（本地设置）',
}

/**
 * The target that applies to `chain` (most specific jurisdiction first) for `indicator` in `year`: the first
 * jurisdiction of the chain with a target of a fitting year wins; null when none has one.
 */
export function applicableTarget(
  targets: readonly Target[],
  chain: readonly string[],
  indicator: Indicator,
  year: number,
  rule: TargetYearRule,
): Target | null {
  for (const jurisdiction of chain) {
    const own = targets
      .filter((t) => t.jurisdiction === jurisdiction && t.indicator === indicator)
      .filter((t) => (rule === 'next' ? t.year >= year : t.year <= year))
      .sort((a, b) => (rule === 'next' ? a.year - b.year : b.year - a.year))
    if (own.length) return own[0]
  }
  return null
}

/**
 * Whether a rate meets its target. A "左右" target is read as "not below the value" (R 待核实): the plans give no
 * tolerance. The rate is compared at one decimal, as it is shown.
 */
export function meetsTarget(ratePct: number | null, target: Target | null): boolean | null {
  if (ratePct === null || target === null) return null
  return Math.round(ratePct * 10) / 10 >= target.targetPct
}

export type TargetCheck = { valid: true } | { valid: false; field: string; message: string }

/** A target's value: 0–100 with at most two decimals. */
export function checkTargetPct(value: number): TargetCheck {
  if (!Number.isFinite(value) || value < 0 || value > 100)
    return { valid: false, field: 'targetPct', message: `目标值应在 0–100（%）之间，当前为 ${value}` }
  if (Math.abs(Math.round(value * 100) - value * 100) > 1e-6)
    return { valid: false, field: 'targetPct', message: '目标值最多保留两位小数' }
  return { valid: true }
}

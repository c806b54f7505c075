import type { Database, Queryable } from '../db/database.ts'
import { blackSoilShare, isCropland, judgeBlackSoil, type BlackSoilSettings } from '../domain/black-soil.ts'
import {
  COMPARATOR_LABEL,
  FARMLAND_TERM_LABEL,
  INDICATOR_LABEL,
  JURISDICTION_LEVEL_LABEL,
  MEASURE_BUCKET_LABEL,
  NATIONAL,
  PLOT_RATE_BASIS_LABEL,
  POLLUTION_DEGREE_LABEL,
  TARGET_YEAR_RULE_LABEL,
  TERM_RULE_LABEL,
  applicableTarget,
  assignTerm,
  categoriesOf,
  farmlandRate,
  jurisdictionChain,
  jurisdictionLevel,
  meetsTarget,
  plotRate,
  type FarmlandFigures,
  type FarmlandTerm,
  type Figure,
  type Indicator,
  type PlotFigures,
  type PlotRateBasis,
  type Target,
  type TargetYearRule,
  type TermRule,
} from '../domain/safe-use-rate.ts'
import { m2ToMu } from '../domain/units.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  farmlandTotals,
  listAccountRows,
  listAccountYears,
  listBlackSoilPoints,
  listCounties,
  listJurisdictions,
  listRedevelopments,
  listTargets,
  plotTotals,
  type CountyRow,
} from '../repos/indicators.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type {
  BlackSoilAnswer,
  FarmlandIndicator,
  FarmlandRowsAnswer,
  PlotIndicator,
  PlotRowsAnswer,
} from '../../../contracts/indicators.ts'

export interface IndicatorSettings {
  farmlandTermRule: TermRule
  plotRateBasis: PlotRateBasis
  targetYearRule: TargetYearRule
  blackSoil: BlackSoilSettings
  rowsLimit: number
}

export interface IndicatorDeps {
  db: Database
  settings: IndicatorSettings
}

const round2 = (n: number) => Math.round(n * 100) / 100
const mu = (areaM2: number) => round2(m2ToMu(areaM2))
const pct = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10)
const figureOut = (f: Figure) => ({ count: f.count, areaM2: round2(f.areaM2), areaMu: mu(f.areaM2) })

/** A target as the dashboard shows it: which jurisdiction's, its level, value, wording and source. */
function describeTarget(t: Target | null, names: Map<string, string>) {
  if (!t) return null
  const level = jurisdictionLevel(t.jurisdiction)
  return {
    id: t.id,
    jurisdiction: t.jurisdiction,
    jurisdictionName: names.get(t.jurisdiction) ?? t.jurisdiction,
    level,
    levelName: JURISDICTION_LEVEL_LABEL[level],
    year: t.year,
    targetPct: t.targetPct,
    comparator: t.comparator,
    comparatorName: COMPARATOR_LABEL[t.comparator],
    source: t.source,
    confidence: t.confidence,
  }
}

/** The scope's counties, or those of one county or city code in the scope (403 naming it when none is). */
async function countiesOf(db: Queryable, ctx: AuthContext, code: string | undefined): Promise<CountyRow[]> {
  const own = await listCounties(db, scopeAdcodes(ctx))
  if (!code) return own
  if (!code.endsWith('00')) {
    const county = own.find((c) => c.adcode === code)
    if (county) return [county]
    const [other] = await listCounties(db, [code])
    if (!other) throw new AppError('NOT_FOUND', `没有行政区划代码为 ${code} 的区县`)
    assertCountyInScope(ctx, other.adcode, other.name)
  }
  const inCity = own.filter((c) => c.cityCode === code)
  if (inCity.length) return inCity
  const names = await listJurisdictions(db)
  if (!names.has(code)) throw new AppError('NOT_FOUND', `没有行政区划代码为 ${code} 的区县或地级市`)
  throw new AppError(
    'OUT_OF_SCOPE',
    `无权访问 ${names.get(code)}（${code}）的数据；您的管辖范围：${ctx.user.counties.map((c) => c.name).join('、') || '无'}`,
  )
}

/** Counties grouped by city, in code order. */
function byCity(
  counties: CountyRow[],
): { cityCode: string; city: string; province: string; cityCounties: number; counties: CountyRow[] }[] {
  const cities = new Map<string, CountyRow[]>()
  for (const c of counties) cities.set(c.cityCode, [...(cities.get(c.cityCode) ?? []), c])
  return [...cities.entries()].map(([cityCode, list]) => ({
    cityCode,
    city: list[0].city,
    province: list[0].province,
    cityCounties: list[0].cityCounties,
    counties: list,
  }))
}

function farmlandOut(f: FarmlandFigures) {
  return {
    B: figureOut(f.B),
    C: figureOut(f.C),
    D: figureOut(f.D),
    E: figureOut(f.E),
    notCounted: {
      ...figureOut(f.notCounted),
      byReason: Object.fromEntries(Object.entries(f.notCounted.byReason).map(([k, v]) => [k, figureOut(v)])),
    },
    ratePct: pct(f.ratePct),
  }
}

function plotOut(f: PlotFigures) {
  return { total: figureOut(f.total), met: figureOut(f.met), unmet: figureOut(f.unmet), ratePct: pct(f.ratePct) }
}

/** The indicator's figures for each county of the scope (or of one code) and each city, each against its target. */
async function indicatorTable<F extends { ratePct: number | null }>(
  deps: IndicatorDeps,
  counties: CountyRow[],
  indicator: Indicator,
  year: number,
  figuresOf: (adcodes: string[]) => F,
) {
  const [targets, names] = await Promise.all([listTargets(deps.db), listJurisdictions(deps.db)])
  const rule = deps.settings.targetYearRule
  const row = (chain: string[], figures: F) => {
    const target = applicableTarget(targets, chain, indicator, year, rule)
    return { ...figures, target: describeTarget(target, names), isMet: meetsTarget(figures.ratePct, target) }
  }
  return {
    counties: counties.map((c) => ({
      adcode: c.adcode,
      name: c.name,
      cityCode: c.cityCode,
      city: c.city,
      ...row(jurisdictionChain(c), figuresOf([c.adcode])),
    })),
    cities: byCity(counties).map((g) => ({
      cityCode: g.cityCode,
      name: g.city,
      countiesIncluded: g.counties.length,
      countiesInCity: g.cityCounties,
      ...row([g.cityCode, `${g.cityCode.slice(0, 2)}0000`, NATIONAL], figuresOf(g.counties.map((c) => c.adcode))),
    })),
  }
}

/** The year asked for, else the latest accounting year of the counties (else the current year). */
async function yearOf(
  db: Queryable,
  counties: CountyRow[],
  year: number | undefined,
): Promise<{ year: number; years: number[] }> {
  const years = await listAccountYears(
    db,
    counties.map((c) => c.adcode),
  )
  return { year: year ?? years[0] ?? new Date().getFullYear(), years }
}

/**
 * 受污染耕地安全利用率 per county of the scope and per city: A with B, C, D, E, the area not counted and why, and the
 * applicable target with whether it is met.
 */
export async function getFarmlandIndicator(
  deps: IndicatorDeps,
  ctx: AuthContext,
  query: { year?: number; adcode?: string },
): Promise<Omit<FarmlandIndicator, 'blackSoilCounties'>> {
  const counties = await countiesOf(deps.db, ctx, query.adcode)
  const { year, years } = await yearOf(deps.db, counties, query.year)
  const totals = await farmlandTotals(
    deps.db,
    counties.map((c) => c.adcode),
    year,
  )
  const rule = deps.settings.farmlandTermRule
  const figuresOf = (adcodes: string[]) =>
    farmlandOut(
      farmlandRate(
        totals.filter((t) => adcodes.includes(t.adcode)),
        rule,
      ),
    )
  return {
    indicator: 'farmland',
    indicatorName: INDICATOR_LABEL.farmland,
    year,
    years,
    formula: 'A = (B + C + D) / E × 100%',
    termNames: FARMLAND_TERM_LABEL,
    rule: { code: rule, name: TERM_RULE_LABEL[rule] },
    targetYearRule: { code: deps.settings.targetYearRule, name: TARGET_YEAR_RULE_LABEL[deps.settings.targetYearRule] },
    ...(await indicatorTable(deps, counties, 'farmland', year, figuresOf)),
  }
}

export type FarmlandRowsTerm = FarmlandTerm | 'E' | 'none'

/** The accounted parcels behind one figure (B, C, D, E, or none = not safely used) of a county or city; they sum to it. */
export async function getFarmlandRows(
  deps: IndicatorDeps,
  ctx: AuthContext,
  query: { adcode: string; year: number; term: FarmlandRowsTerm },
): Promise<FarmlandRowsAnswer> {
  const counties = await countiesOf(deps.db, ctx, query.adcode)
  const rule = deps.settings.farmlandTermRule
  const page = await listAccountRows(
    deps.db,
    counties.map((c) => c.adcode),
    query.year,
    categoriesOf(query.term, rule),
    deps.settings.rowsLimit,
  )
  return {
    adcode: query.adcode,
    year: query.year,
    term: query.term,
    termName: query.term === 'none' ? '未计入安全利用的受污染耕地' : FARMLAND_TERM_LABEL[query.term],
    total: { count: page.totalCount, areaM2: round2(page.totalAreaM2), areaMu: mu(page.totalAreaM2) },
    isTruncated: page.totalCount > page.rows.length,
    rows: page.rows.map((r) => {
      const a = assignTerm(r, rule)
      return {
        id: r.id,
        adcode: r.adcode,
        county: r.county,
        parcelId: r.parcelId,
        parcelCode: r.parcelCode,
        township: r.township,
        dlbm: r.dlbm,
        degree: r.degree,
        degreeName: POLLUTION_DEGREE_LABEL[r.degree],
        areaM2: round2(r.areaM2),
        areaMu: mu(r.areaM2),
        measures: r.measures.map((m) => ({ ...m, bucketName: MEASURE_BUCKET_LABEL[m.bucket] })),
        produceCompliant: r.produceCompliant,
        produceBasis: r.produceBasis,
        term: a.term,
        reason: a.reason,
        isGenerated: r.isGenerated,
      }
    }),
  }
}

/** 污染地块安全利用率 per county and city, counting the redevelopments up to the end of the year. */
export async function getPlotIndicator(
  deps: IndicatorDeps,
  ctx: AuthContext,
  query: { year?: number; adcode?: string },
): Promise<PlotIndicator> {
  const counties = await countiesOf(deps.db, ctx, query.adcode)
  const { year, years } = await yearOf(deps.db, counties, query.year)
  const totals = await plotTotals(
    deps.db,
    counties.map((c) => c.adcode),
    year,
  )
  const basis = deps.settings.plotRateBasis
  const figuresOf = (adcodes: string[]) => {
    const mine = totals.filter((t) => adcodes.includes(t.adcode))
    const sum = (meets: boolean) =>
      mine
        .filter((t) => t.meets === meets)
        .reduce((f, t) => ({ count: f.count + t.count, areaM2: f.areaM2 + t.areaM2 }), { count: 0, areaM2: 0 })
    return plotOut(plotRate(sum(true), sum(false), basis))
  }
  return {
    indicator: 'plot',
    indicatorName: INDICATOR_LABEL.plot,
    year,
    years,
    formula: '再开发利用的污染地块中符合规划用途土壤环境质量要求的地块 ÷ 再开发利用的污染地块（截至当年年底累计）',
    basis: { code: basis, name: PLOT_RATE_BASIS_LABEL[basis] },
    targetYearRule: { code: deps.settings.targetYearRule, name: TARGET_YEAR_RULE_LABEL[deps.settings.targetYearRule] },
    ...(await indicatorTable(deps, counties, 'plot', year, figuresOf)),
  }
}

export type PlotRowsTerm = 'total' | 'met' | 'unmet'

/** The redevelopment records behind one plot figure of a county or city; they sum to it. */
export async function getPlotRows(
  deps: IndicatorDeps,
  ctx: AuthContext,
  query: { adcode: string; year: number; term: PlotRowsTerm },
): Promise<PlotRowsAnswer> {
  const counties = await countiesOf(deps.db, ctx, query.adcode)
  const meets = query.term === 'total' ? null : query.term === 'met'
  const page = await listRedevelopments(
    deps.db,
    counties.map((c) => c.adcode),
    query.year,
    meets,
    deps.settings.rowsLimit,
  )
  return {
    adcode: query.adcode,
    year: query.year,
    term: query.term,
    termName: { total: '再开发利用的污染地块', met: '符合规划用途土壤环境质量要求的地块', unmet: '不符合要求的地块' }[
      query.term
    ],
    total: { count: page.totalCount, areaM2: round2(page.totalAreaM2), areaMu: mu(page.totalAreaM2) },
    isTruncated: page.totalCount > page.rows.length,
    rows: page.rows.map((r) => ({ ...r, areaM2: round2(r.areaM2), areaMu: mu(r.areaM2) })),
  }
}

/**
 * 黑土区 local indicator of a county: its cropland points' latest soil results (up to the end of `year` when given)
 * against the thresholds, per township with the points behind each share.
 */
export async function getBlackSoil(
  deps: IndicatorDeps,
  ctx: AuthContext,
  query: { adcode: string; year?: number },
): Promise<BlackSoilAnswer> {
  const s = deps.settings.blackSoil
  const [county] = await countiesOf(deps.db, ctx, query.adcode)
  if (!s.adcodes.includes(county.adcode)) {
    throw new AppError(
      'NOT_FOUND',
      `${county.name}（${county.adcode}）未设定黑土区指标；已设定的区县：${s.adcodes.join('、') || '无'}`,
    )
  }
  const points = (await listBlackSoilPoints(deps.db, county.adcode, query.year ? `${query.year}-12-31` : null)).filter(
    (p) => isCropland(p.landUse),
  )
  const judged = points.map((p) => {
    const verdict =
      p.sampledOn === null
        ? { judged: false as const, meets: null, reasons: ['无土壤监测结果，无法判定'] }
        : judgeBlackSoil(p, s)
    return { ...p, ...verdict }
  })
  const keys = [...new Set(judged.map((p) => p.townshipCode ?? ''))]
  const shareOut = (items: typeof judged) => {
    const share = blackSoilShare(items)
    return { pointCount: share.points, judged: share.judged, meeting: share.meeting, sharePct: pct(share.sharePct) }
  }
  return {
    adcode: county.adcode,
    name: county.name,
    year: query.year ?? null,
    settings: { minOrganicMatterGKg: s.minOrganicMatterGKg, minPloughDepthCm: s.minPloughDepthCm, source: s.source },
    total: shareOut(judged),
    townships: keys.map((key) => {
      const items = judged.filter((p) => (p.townshipCode ?? '') === key)
      return { code: key || null, name: items[0].township ?? '未落乡镇', ...shareOut(items), points: items }
    }),
  }
}

/** The black-soil counties of a user's scope (the dashboard shows the section only for them). */
export function blackSoilCountiesOf(settings: IndicatorSettings, ctx: AuthContext): { adcode: string; name: string }[] {
  return ctx.user.counties
    .filter((c) => settings.blackSoil.adcodes.includes(c.adcode))
    .map((c) => ({ adcode: c.adcode, name: c.name }))
}

import { z } from 'zod'
import { MEASURE_BUCKETS, POLLUTION_DEGREES } from '../server/src/domain/safe-use-rate.ts'

const year = z
  .string()
  .regex(/^\d{4}$/, '年份（year）应为 4 位数字，如 2025')
  .transform(Number)
const code = z.string().regex(/^\d{6}$/, '行政区划代码（adcode）应为 6 位数字')
export const IndicatorQuery = z.object({ year: year.optional(), adcode: code.optional() })
export const FarmlandRowsQuery = z.object({
  adcode: code,
  year,
  term: z.enum(['B', 'C', 'D', 'E', 'none'], { error: '核算项（term）应为 B、C、D、E 或 none（未计入）之一' }),
})
export const PlotRowsQuery = z.object({
  adcode: code,
  year,
  term: z.enum(['total', 'met', 'unmet'], {
    error: '统计项（term）应为 total（全部）、met（符合要求）或 unmet（不符合）之一',
  }),
})
export const BlackSoilQuery = z.object({ adcode: code, year: year.optional() })
const targetPct = z.number({ error: '目标值（targetPct）应为 0–100 之间的数字' })
const comparator = z.enum(['about', 'at_least'], {
  error: '目标表述（comparator）应为 about（左右）或 at_least（不低于）',
})
const source = z
  .string({ error: '目标依据（source）必填' })
  .trim()
  .min(2, '请写明目标依据（规划或文件名称）')
  .max(300, '目标依据最多 300 个字')
export const NewTargetBody = z.object({
  jurisdiction: z
    .string({ error: '辖区代码（jurisdiction）必填' })
    .regex(/^\d{6}$/, '辖区代码应为 6 位数字（全国为 000000）'),
  indicator: z.enum(['farmland', 'plot'], {
    error: '指标（indicator）应为 farmland（受污染耕地安全利用率）或 plot（污染地块安全利用率）',
  }),
  year: z
    .number({ error: '目标年份（year）应为数字' })
    .int('目标年份应为整数')
    .min(2000, '目标年份应在 2000–2100 之间')
    .max(2100, '目标年份应在 2000–2100 之间'),
  targetPct,
  comparator,
  source,
})
/** Versions are stored as PostgreSQL integer: a larger number is no version the editor could have read. */
const version = z
  .number({ error: '版本号（version）必填' })
  .int('版本号（version）应为整数')
  .positive('版本号（version）应为正整数')
  .max(2_147_483_647, '版本号（version）不是打开目标时读到的版本，请刷新后重试')
export const TargetEditBody = z.object({ targetPct, comparator, source, version })
export const TargetIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '目标编号应为数字')
    .transform(Number),
})

export type NewTargetBody = z.input<typeof NewTargetBody>
export type TargetEditBody = z.input<typeof TargetEditBody>

/** A count with its area. */
export const Figure = z.object({ count: z.number().int(), areaM2: z.number(), areaMu: z.number() })
export type Figure = z.infer<typeof Figure>

const Comparator = z.enum(['about', 'at_least'])
const Confidence = z.enum(['V', 'S', 'R'])
const JurisdictionLevel = z.enum(['national', 'province', 'city', 'county'])

/** The target a figure is judged against: whose, its value, wording and source. */
export const AppliedTarget = z.object({
  id: z.number().int(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  level: JurisdictionLevel,
  levelName: z.string(),
  year: z.number().int(),
  targetPct: z.number(),
  comparator: Comparator,
  comparatorName: z.string(),
  source: z.string(),
  confidence: Confidence,
})
export type AppliedTarget = z.infer<typeof AppliedTarget>

/** A rate judged against its target (null when there is no rate or no target). */
export const Judged = z.object({
  ratePct: z.number().nullable(),
  target: AppliedTarget.nullable(),
  isMet: z.boolean().nullable(),
})

export type Judged = z.infer<typeof Judged>

export const FarmlandFigures = Judged.extend({
  B: Figure,
  C: Figure,
  D: Figure,
  E: Figure,
  notCounted: Figure.extend({ byReason: z.record(z.string(), Figure) }),
})
export type FarmlandFigures = z.infer<typeof FarmlandFigures>

export const PlotFigures = Judged.extend({ total: Figure, met: Figure, unmet: Figure })
export type PlotFigures = z.infer<typeof PlotFigures>

const CountyPart = z.object({ adcode: z.string(), name: z.string(), cityCode: z.string(), city: z.string() })
const CityPart = z.object({
  cityCode: z.string(),
  name: z.string(),
  countiesIncluded: z.number().int(),
  countiesInCity: z.number().int(),
})
const RuleInfo = z.object({ code: z.string(), name: z.string() })

/** `GET /api/indicators/farmland`: 受污染耕地安全利用率 per county and city, each against its target. */
export const FarmlandIndicator = z.object({
  indicator: z.literal('farmland'),
  indicatorName: z.string(),
  year: z.number().int(),
  years: z.array(z.number().int()),
  formula: z.string(),
  termNames: z.record(z.enum(['B', 'C', 'D', 'E']), z.string()),
  rule: RuleInfo,
  targetYearRule: RuleInfo,
  counties: z.array(FarmlandFigures.extend(CountyPart.shape)),
  cities: z.array(FarmlandFigures.extend(CityPart.shape)),
  /** The black-soil counties of the user's scope (the dashboard shows that section only for them). */
  blackSoilCounties: z.array(z.object({ adcode: z.string(), name: z.string() })),
})
export type FarmlandIndicator = z.infer<typeof FarmlandIndicator>

/** `GET /api/indicators/plots`: 污染地块安全利用率 per county and city. */
export const PlotIndicator = z.object({
  indicator: z.literal('plot'),
  indicatorName: z.string(),
  year: z.number().int(),
  years: z.array(z.number().int()),
  formula: z.string(),
  basis: RuleInfo,
  targetYearRule: RuleInfo,
  counties: z.array(PlotFigures.extend(CountyPart.shape)),
  cities: z.array(PlotFigures.extend(CityPart.shape)),
})
export type PlotIndicator = z.infer<typeof PlotIndicator>

/** One accounted parcel behind a farmland figure. */
export const AccountRow = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  parcelId: z.number().int().nullable(),
  parcelCode: z.string(),
  township: z.string().nullable(),
  dlbm: z.string(),
  degree: z.enum(POLLUTION_DEGREES),
  degreeName: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  measures: z.array(z.object({ measure: z.string(), bucket: z.enum(MEASURE_BUCKETS), bucketName: z.string() })),
  produceCompliant: z.boolean().nullable(),
  produceBasis: z.string().nullable(),
  /** B, C or D; null when not counted as safely used. */
  term: z.string().nullable(),
  reason: z.string(),
  isGenerated: z.boolean(),
})
export type AccountRow = z.infer<typeof AccountRow>

/** One redevelopment record behind a plot figure. */
export const RedevelopmentRow = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  plotId: z.number().int().nullable(),
  plotCode: z.string(),
  plotName: z.string(),
  year: z.number().int(),
  plannedUse: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  meetsRequirement: z.boolean(),
  basis: z.string(),
  isGenerated: z.boolean(),
})
export type RedevelopmentRow = z.infer<typeof RedevelopmentRow>

/** The rows behind one figure: they sum to `total`; at most the rows limit of them. */
function rowsAnswer<R extends z.ZodType, T extends z.ZodType>(row: R, term: T) {
  return z.object({
    adcode: z.string(),
    year: z.number().int(),
    term,
    termName: z.string(),
    total: Figure,
    isTruncated: z.boolean(),
    rows: z.array(row),
  })
}

/** `GET /api/indicators/farmland/rows`. */
export const FarmlandRowsAnswer = rowsAnswer(AccountRow, z.enum(['B', 'C', 'D', 'E', 'none']))
export type FarmlandRowsAnswer = z.infer<typeof FarmlandRowsAnswer>

/** `GET /api/indicators/plots/rows`. */
export const PlotRowsAnswer = rowsAnswer(RedevelopmentRow, z.enum(['total', 'met', 'unmet']))
export type PlotRowsAnswer = z.infer<typeof PlotRowsAnswer>

/** A target as the administrator's list shows it (and the answer of a new or changed target). */
export const TargetRow = z.object({
  id: z.number().int(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
  level: JurisdictionLevel,
  levelName: z.string(),
  indicator: z.enum(['farmland', 'plot']),
  indicatorName: z.string(),
  year: z.number().int(),
  targetPct: z.number(),
  comparator: Comparator,
  comparatorName: z.string(),
  source: z.string(),
  confidence: Confidence,
  version: z.number().int(),
  updatedBy: z.string(),
  updatedAt: z.string(),
})
export type TargetRow = z.infer<typeof TargetRow>

/** `GET /api/indicators/targets`: every target and the jurisdictions a target may be set for. */
export const TargetsAnswer = z.object({
  targets: z.array(TargetRow),
  jurisdictions: z.array(
    z.object({ code: z.string(), name: z.string(), level: JurisdictionLevel, levelName: z.string() }),
  ),
})
export type TargetsAnswer = z.infer<typeof TargetsAnswer>

/** A cropland point of a black-soil county with its latest soil result and verdict. */
export const BlackSoilPoint = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  level: z.string(),
  pointType: z.string(),
  status: z.string(),
  landUse: z.string(),
  townshipCode: z.string().nullable(),
  township: z.string().nullable(),
  sampledOn: z.string().nullable(),
  organicMatterGKg: z.number().nullable(),
  ploughDepthCm: z.number().nullable(),
  isGenerated: z.boolean(),
  judged: z.boolean(),
  meets: z.boolean().nullable(),
  reasons: z.array(z.string()),
})
export type BlackSoilPoint = z.infer<typeof BlackSoilPoint>

export const BlackSoilShare = z.object({
  pointCount: z.number().int(),
  judged: z.number().int(),
  meeting: z.number().int(),
  sharePct: z.number().nullable(),
})
export type BlackSoilShare = z.infer<typeof BlackSoilShare>

/** `GET /api/indicators/black-soil?adcode=`. */
export const BlackSoilAnswer = z.object({
  adcode: z.string(),
  name: z.string(),
  year: z.number().int().nullable(),
  settings: z.object({ minOrganicMatterGKg: z.number(), minPloughDepthCm: z.number(), source: z.string() }),
  total: BlackSoilShare,
  townships: z.array(
    BlackSoilShare.extend({ code: z.string().nullable(), name: z.string(), points: z.array(BlackSoilPoint) }),
  ),
})
export type BlackSoilAnswer = z.infer<typeof BlackSoilAnswer>

import { z } from 'zod'
import { POINT_LEVELS, POINT_TYPES } from '../server/src/domain/coverage.ts'
import { GAP_MAX_K, GAP_SPACINGS_KM } from '../server/src/domain/gap-analysis.ts'
import { POINT_LEVEL, POINT_TYPE } from '../server/src/domain/labels.ts'
import { Bbox } from './problems.ts'

const adcode = z
  .string({ error: '区县代码（adcode）必填，应为 6 位数字' })
  .regex(/^[1-9]\d{5}$/, '区县代码（adcode）应为 6 位数字')
export const CoverageCountyQuery = z.object({ adcode })
export const CoverageListQuery = z.object({ adcode: adcode.optional() })
const spacing = z.union(
  GAP_SPACINGS_KM.map((s) => z.literal(s)) as unknown as [z.ZodLiteral<2.5>, z.ZodLiteral<5>, z.ZodLiteral<10>],
  {
    error: `网格间距（spacingKm）应为 ${GAP_SPACINGS_KM.join('、')} km 之一（HJ/T 166-2004 区域布点网格）`,
  },
)
export const GapBody = z.object({
  adcode,
  k: z
    .number({ error: `新增点位数（k）应为 1–${GAP_MAX_K} 的整数` })
    .int(`新增点位数（k）应为 1–${GAP_MAX_K} 的整数`)
    .min(1, `新增点位数（k）应为 1–${GAP_MAX_K} 的整数`)
    .max(GAP_MAX_K, `新增点位数（k）最多 ${GAP_MAX_K} 个`),
  spacingKm: spacing,
})
const levelNames = POINT_LEVELS.map((l) => `${l}（${POINT_LEVEL[l]}）`).join('、')
const typeNames = POINT_TYPES.map((t) => `${t}（${POINT_TYPE[t]}）`).join('、')
export const AcceptGapBody = z.object({
  adcode,
  lon: z
    .number({ error: '经度（lon）应为数字' })
    .min(73, '经度（lon）应在 73–136 之间')
    .max(136, '经度（lon）应在 73–136 之间'),
  lat: z
    .number({ error: '纬度（lat）应为数字' })
    .min(3, '纬度（lat）应在 3–54 之间')
    .max(54, '纬度（lat）应在 3–54 之间'),
  level: z.enum(POINT_LEVELS as [string, ...string[]], { error: `点位级别（level）应为 ${levelNames} 之一` }),
  type: z.enum(POINT_TYPES as [string, ...string[]], { error: `点位类型（type）应为 ${typeNames} 之一` }),
  basis: z.object(
    {
      spacingKm: spacing,
      rank: z
        .number({ error: '建议序号（basis.rank）应为正整数' })
        .int('建议序号（basis.rank）应为正整数')
        .min(1, '建议序号（basis.rank）应为正整数')
        .max(GAP_MAX_K, `建议序号（basis.rank）最大 ${GAP_MAX_K}`),
      gainM2: z
        .number({ error: '新增覆盖面积（basis.gainM2）应为数字' })
        .min(0, '新增覆盖面积（basis.gainM2）不能为负'),
      ranAt: z.string().max(40, '分析时间（basis.ranAt）过长').optional(),
      note: z.string().max(200, '说明（basis.note）最多 200 个字').nullable().optional(),
    },
    { error: '采纳依据（basis）必填：网格间距、建议序号和新增覆盖面积' },
  ),
})

export type GapBody = z.input<typeof GapBody>
export type AcceptGapBody = z.input<typeof AcceptGapBody>

/** Counts and areas of a county or township (active points only). */
const CoverageFigures = z.object({
  points: z.number().int(),
  byLevel: z.array(z.object({ level: z.enum(POINT_LEVELS), levelName: z.string(), points: z.number().int() })),
  byType: z.array(z.object({ type: z.enum(POINT_TYPES), typeName: z.string(), points: z.number().int() })),
  plannedPoints: z.number().int(),
  farmlandParcels: z.number().int(),
  farmlandMu: z.number(),
  farmlandMuPerPoint: z.number().nullable(),
  uncoveredParcels: z.number().int(),
  uncoveredMu: z.number(),
  /** 0–1. */
  uncoveredShare: z.number(),
})

/** One line of the verdict: what was checked, whether it holds, and why. */
export const CoverageCheck = z.object({
  code: z.string(),
  isMet: z.boolean(),
  isDeciding: z.boolean(),
  message: z.string(),
  basis: z.string(),
})
export type CoverageCheck = z.infer<typeof CoverageCheck>

/** A county of `GET /api/coverage`: its figures, the verdict and the three-level facts behind it. */
export const CountyCoverage = CoverageFigures.extend({
  adcode: z.string(),
  name: z.string(),
  cityCode: z.string(),
  city: z.string(),
  province: z.string(),
  bbox: Bbox,
  isCovered: z.boolean(),
  verdictName: z.string(),
  reasons: z.array(z.string()),
  checks: z.array(CoverageCheck),
  soilTypes: z.array(z.object({ soilType: z.string(), points: z.number().int(), activePoints: z.number().int() })),
  landUses: z.array(
    z.object({ landClass: z.string(), areaM2: z.number(), areaMu: z.number(), activePoints: z.number().int() }),
  ),
})
export type CountyCoverage = z.infer<typeof CountyCoverage>

/** The covered counties of a city or province. */
export const CoverageRollUp = z.object({
  code: z.string(),
  name: z.string(),
  counties: z.number().int(),
  covered: z.number().int(),
  coveredShare: z.number(),
})
export type CoverageRollUp = z.infer<typeof CoverageRollUp>

/** The settings the figures were computed with, labelled as local rules. */
export const CoverageSettingsInfo = z.object({
  distanceM: z.number(),
  farmlandClasses: z.array(z.string()),
  farmlandName: z.string(),
  minPointsByLevel: z.record(z.enum(POINT_LEVELS), z.number().int()),
  threeLevel: z.boolean(),
  mainShare: z.number(),
  rule: z.string(),
  isLocalRule: z.boolean(),
  note: z.string(),
})
export type CoverageSettingsInfo = z.infer<typeof CoverageSettingsInfo>

/** `GET /api/coverage`. */
export const CoverageResponse = z.object({
  settings: CoverageSettingsInfo,
  counties: z.array(CountyCoverage),
  cities: z.array(CoverageRollUp),
  provinces: z.array(CoverageRollUp),
})
export type CoverageResponse = z.infer<typeof CoverageResponse>

/** A township of `GET /api/coverage/townships` (no verdict: the rule is a county rule). */
export const TownshipCoverage = CoverageFigures.extend({ code: z.string().nullable(), name: z.string() })
export type TownshipCoverage = z.infer<typeof TownshipCoverage>

/** `GET /api/coverage/townships?adcode=`. */
export const TownshipResponse = z.object({
  adcode: z.string(),
  name: z.string(),
  settings: CoverageSettingsInfo,
  townships: z.array(TownshipCoverage),
})
export type TownshipResponse = z.infer<typeof TownshipResponse>

/** `GET /api/coverage/uncovered?adcode=`: the largest uncovered farmland parcels of a county. */
export const UncoveredFeatures = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number().int(),
      /** GeoJSON (EPSG:4490). */
      geometry: z.unknown(),
      properties: z.object({
        id: z.number().int(),
        code: z.string(),
        dlbm: z.string(),
        dlmc: z.string(),
        townshipCode: z.string().nullable(),
        areaMu: z.number(),
      }),
    }),
  ),
  total: z.number().int(),
  truncated: z.boolean(),
  message: z.string().nullable(),
})
export type UncoveredFeatures = z.infer<typeof UncoveredFeatures>

/** `GET /api/coverage/points?adcode=`: active and planned points of a county. */
export const CoveragePoints = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      id: z.number().int(),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
      properties: z.object({
        id: z.number().int(),
        code: z.string(),
        name: z.string(),
        level: z.string(),
        levelName: z.string(),
        type: z.string(),
        typeName: z.string(),
        status: z.string(),
        statusName: z.string(),
        plannedBasis: z.unknown(),
        isSample: z.boolean(),
      }),
    }),
  ),
})
export type CoveragePoints = z.infer<typeof CoveragePoints>

/** One proposed point of the gap analysis, best first. */
export const GapProposal = z.object({
  rank: z.number().int(),
  candidateId: z.number().int(),
  lon: z.number(),
  lat: z.number(),
  township: z.string().nullable(),
  parcels: z.number().int(),
  gainM2: z.number(),
  gainMu: z.number(),
  cumulativeMu: z.number(),
  cumulativeShare: z.number(),
})
export type GapProposal = z.infer<typeof GapProposal>

/** `POST /api/coverage/gaps`. */
export const GapResponse = z.object({
  adcode: z.string(),
  name: z.string(),
  k: z.number().int(),
  spacingKm: spacing,
  distanceM: z.number(),
  crs: z.string(),
  candidates: z.number().int(),
  uncoveredParcels: z.number().int(),
  uncoveredMu: z.number(),
  remainingMu: z.number(),
  shortfall: z.string().nullable(),
  /** ISO 8601. */
  ranAt: z.string(),
  proposals: z.array(GapProposal),
})
export type GapResponse = z.infer<typeof GapResponse>

/** `POST /api/coverage/gaps/accept`: the new planned point and its history row. */
export const AcceptGapResponse = z.object({
  point: z.object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    adcode: z.string(),
    level: z.string(),
    levelName: z.string(),
    type: z.string(),
    typeName: z.string(),
    status: z.string(),
    statusName: z.string(),
    townshipCode: z.string().nullable(),
    landUse: z.string().nullable(),
    lon: z.number(),
    lat: z.number(),
    plannedBasis: z.unknown(),
    version: z.number().int(),
    createdBy: z.string(),
    /** ISO 8601. */
    createdAt: z.string(),
  }),
  historyId: z.number().int(),
})
export type AcceptGapResponse = z.infer<typeof AcceptGapResponse>

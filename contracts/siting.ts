import { z } from 'zod'
import { SITING_FEATURE_TYPE_NAME, SITING_SEVERITIES, SITING_VERDICTS } from '../server/src/domain/siting.ts'
import { SITING_INDUSTRIES, SITING_INDUSTRY } from '../server/src/domain/siting-industries.ts'
import { isoDate } from './fields.ts'
import { Outline } from './geojson.ts'

/** `:id` of `/api/siting-checks/:id…`. */
export const SitingCheckIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '选址核查记录编号应为数字')
    .transform(Number),
})

const industryList = Object.values(SITING_INDUSTRY).join('、')

/** An industry of the list (`GET /api/reference/siting-industries`). */
export const SitingIndustry = z.enum(SITING_INDUSTRIES, { error: `拟建项目行业应为以下之一：${industryList}` })
export type SitingIndustry = z.infer<typeof SitingIndustry>

/**
 * `POST /api/siting-checks`: the site outline (EPSG:4490 Polygon or MultiPolygon, checked by the service as the
 * pre-check's outline; a file goes through `POST /api/precheck/parse-upload` first), the industry, the project.
 */
export const CreateSitingCheckBody = z.object({
  geometry: z.unknown().refine((g) => g !== undefined && g !== null, '拟选址边界（geometry）必填'),
  industry: SitingIndustry,
  projectName: z
    .string({ error: '建设项目名称（projectName）必填' })
    .trim()
    .min(1, '建设项目名称（projectName）必填')
    .max(100, '建设项目名称最多 100 个字'),
  reference: z
    .string({ error: '项目文号或备案编号应为文字' })
    .max(100, '项目文号或备案编号最多 100 个字')
    .nullable()
    .optional(),
})
export type CreateSitingCheckBody = z.infer<typeof CreateSitingCheckBody>

export const SitingVerdict = z.enum(SITING_VERDICTS)
export type SitingVerdict = z.infer<typeof SitingVerdict>

export const SitingSeverity = z.enum(SITING_SEVERITIES)
export type SitingSeverity = z.infer<typeof SitingSeverity>

export const SitingFeatureType = z.enum(
  Object.keys(SITING_FEATURE_TYPE_NAME) as [keyof typeof SITING_FEATURE_TYPE_NAME],
)
export type SitingFeatureType = z.infer<typeof SitingFeatureType>

const verdictNames = '“clear”（未发现限制）、“assess”（须专项论证）、“unsuited”（不宜选址）、“controlled”（严格控制）'

/** `GET /api/siting-checks?number=&from=&to=&verdict=&industry=&q=&adcode=`. */
export const SitingCheckListQuery = z
  .object({
    number: z.string().max(50, '核查编号最多 50 个字').optional(),
    from: isoDate('起始日期').optional(),
    to: isoDate('截止日期').optional(),
    verdict: z.enum(SITING_VERDICTS, { error: `核查结论应为 ${verdictNames} 之一` }).optional(),
    industry: SitingIndustry.optional(),
    /** Searches the project name and reference. */
    q: z.string().max(100, '搜索内容最多 100 个字').optional(),
    adcode: z
      .string()
      .regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
      .optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, '起始日期不能晚于截止日期')

/** One reason of a siting verdict with the feature it names (none for reasons about the project itself). */
export const SitingReason = z.object({
  code: z.string(),
  severity: SitingSeverity,
  severityName: z.string(),
  message: z.string(),
  basis: z.string(),
  featureType: SitingFeatureType.nullable(),
  featureTypeName: z.string().nullable(),
  featureId: z.number().nullable(),
  featureCode: z.string().nullable(),
  featureName: z.string().nullable(),
  /** Shortest distance between the site and the feature, m (0: the site touches or overlaps it). */
  distanceM: z.number().nullable(),
  /** Area of the site inside the feature, m² (0 when only near). */
  overlapM2: z.number().nullable(),
})
export type SitingReason = z.infer<typeof SitingReason>

/** A monitoring point near the site with its latest soil result, listed as information (no part of the verdict). */
export const SitingMonitoringPoint = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string().nullable(),
  /** 0 inside the site. */
  distanceM: z.number(),
  sampledOn: z.string().nullable(),
  /** The standard the result was judged by, in words. */
  standard: z.string(),
  /** ok 未超标, screening 超筛选值, intervention 超管制值, … (monitoring's flag levels); null without a result. */
  flag: z.string().nullable(),
  flagName: z.string(),
  /** The exceeded values, e.g. “镉 0.62 mg/kg 超过筛选值 0.3（GB 15618-2018 表1 …）”. */
  exceedances: z.array(z.string()),
})
export type SitingMonitoringPoint = z.infer<typeof SitingMonitoringPoint>

/** A row of the officer's list (`GET /api/siting-checks`). */
export const SitingCheckSummary = z.object({
  id: z.number(),
  number: z.string(),
  adcode: z.string(),
  county: z.string(),
  projectName: z.string(),
  reference: z.string().nullable(),
  industry: SitingIndustry,
  industryName: z.string(),
  /** Whether the industry was on the controlled list (SITING_CONTROLLED_INDUSTRIES) when checked. */
  isControlledIndustry: z.boolean(),
  verdict: SitingVerdict,
  verdictName: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  checkedAt: z.string(),
  checkedBy: z.string(),
  checkedByName: z.string(),
})
export type SitingCheckSummary = z.infer<typeof SitingCheckSummary>

/** A recorded siting check (`POST /api/siting-checks`, `GET /api/siting-checks/:id`). */
export const SitingCheckRecord = SitingCheckSummary.extend({
  reasons: z.array(SitingReason),
  monitoring: z.array(SitingMonitoringPoint),
  geometry: Outline,
  /** The rules and settings the check used (distances in m, the controlled industries). */
  rules: z.unknown(),
})
export type SitingCheckRecord = z.infer<typeof SitingCheckRecord>

/** `GET /api/siting-checks`: the newest checks of the user's counties, at most `limit`. */
export const SitingCheckListResponse = z.object({ items: z.array(SitingCheckSummary), limit: z.number() })
export type SitingCheckListResponse = z.infer<typeof SitingCheckListResponse>

/** `GET /api/reference/siting-industries`: the industry list, the controlled ones flagged, and the distances used. */
export const SitingReference = z.object({
  industries: z.array(z.object({ code: SitingIndustry, name: z.string(), isControlled: z.boolean() })),
  /** SITING_PRIORITY_AREA_M, SITING_WATER_SOURCE_M, SITING_BAN_ZONE_M, SITING_CONTROL_ZONE_M (local settings), m. */
  distancesM: z.object({
    priorityArea: z.number(),
    waterSource: z.number(),
    banZone: z.number(),
    controlZone: z.number(),
    monitoring: z.number(),
  }),
})
export type SitingReference = z.infer<typeof SitingReference>

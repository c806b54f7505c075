import { z } from 'zod'
import { FEATURE_TYPE_NAME, SEVERITIES } from '../server/src/domain/precheck-reasons.ts'
import { VERDICTS } from '../server/src/domain/precheck.ts'
import { isoDate } from './fields.ts'
import { Geometry, MultiPolygon, Outline } from './geojson.ts'

/** `:id` of `/api/precheck/:id…`. */
export const PrecheckIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '核查记录编号应为数字')
    .transform(Number),
})

const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()

/** `POST /api/precheck`: the outline (checked by the service) and the planned use of GB 50137-2011. */
export const CreatePrecheckBody = z.object({
  geometry: z.unknown().refine((g) => g !== undefined && g !== null, '核查地块边界（geometry）必填'),
  plannedUse: z
    .string({ error: '规划用途（plannedUse）必填，应为 GB 50137-2011 用地代码，如 R2' })
    .max(10, '规划用途代码最多 10 个字符'),
  name: optionalText('地块名称', 100),
  reference: optionalText('来源地块或图斑编号', 100),
})

const verdictNames =
  '“allowed”（可进入用地程序）、“investigate”（须开展土壤污染状况调查评估）、“refused”（不得进入用地程序）'

/** `GET /api/precheck?number=&from=&to=&verdict=&q=&adcode=`. */
export const PrecheckListQuery = z
  .object({
    number: z.string().max(50, '核查编号最多 50 个字').optional(),
    from: isoDate('起始日期').optional(),
    to: isoDate('截止日期').optional(),
    verdict: z.enum(VERDICTS, { error: `核查结论应为 ${verdictNames} 之一` }).optional(),
    q: z.string().max(100, '搜索内容最多 100 个字').optional(),
    adcode: z
      .string()
      .regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
      .optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, '起始日期不能晚于截止日期')

/** `POST /api/precheck/parse-upload`: the form fields beside the file. */
export const UploadForm = z.object({
  centralMeridian: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^\d{2,3}$/.test(v), '中央经线应为整数度数，如 111')
    .transform((v) => (v === undefined ? undefined : Number(v)))
    .refine(
      (v) => v === undefined || (v >= 75 && v <= 135 && v % 3 === 0),
      '中央经线应为 75 到 135 之间 3 的倍数（如 111、114、117）',
    ),
})

export const Verdict = z.enum(VERDICTS)
export type Verdict = z.infer<typeof Verdict>

export const Severity = z.enum(SEVERITIES)
export type Severity = z.infer<typeof Severity>

/** The kinds of feature a reason names. */
export const HitType = z.enum(Object.keys(FEATURE_TYPE_NAME) as [keyof typeof FEATURE_TYPE_NAME])
export type HitType = z.infer<typeof HitType>

/** One reason of a check's verdict, with the feature it names (none for reasons about the plot itself). */
export const PrecheckReason = z.object({
  code: z.string(),
  severity: Severity,
  severityName: z.string(),
  message: z.string(),
  basis: z.string(),
  featureType: HitType.nullable(),
  featureTypeName: z.string().nullable(),
  featureId: z.number().nullable(),
  featureCode: z.string().nullable(),
  featureName: z.string().nullable(),
  overlapM2: z.number().nullable(),
  overlapMu: z.number().nullable(),
  /** Distance of a monitoring point from the plot (0 inside), m. */
  distanceM: z.number().optional(),
})
export type PrecheckReason = z.infer<typeof PrecheckReason>

/** A row of the officer's list (`GET /api/precheck`). */
export const PrecheckSummary = z.object({
  id: z.number(),
  number: z.string(),
  adcode: z.string(),
  county: z.string(),
  name: z.string().nullable(),
  reference: z.string().nullable(),
  plannedUse: z.string(),
  plannedUseName: z.string(),
  landClass: z.enum(['第一类', '第二类']),
  landClassName: z.string(),
  verdict: Verdict,
  verdictName: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  rerunOf: z.number().nullable(),
  checkedAt: z.string(),
  checkedBy: z.string(),
  checkedByName: z.string(),
})
export type PrecheckSummary = z.infer<typeof PrecheckSummary>

/** The data and rules a check read, section by section; `features` is the version of each feature hit (type:id). */
export const PrecheckDataVersion = z.object({
  rules: z.unknown(),
  publishedPlots: z.unknown(),
  publishedControlZones: z.unknown(),
  classList: z.unknown(),
  registryLists: z.unknown(),
  enterprises: z.unknown(),
  monitoring: z.unknown(),
  features: z.record(z.string(), z.number()),
})

/** A recorded check (`POST /api/precheck`, `GET /api/precheck/:id`). */
export const PrecheckRecord = PrecheckSummary.extend({
  reasons: z.array(PrecheckReason),
  geometry: Outline,
  dataVersion: PrecheckDataVersion,
})
export type PrecheckRecord = z.infer<typeof PrecheckRecord>

/** `GET /api/precheck`: the newest checks of the user's counties, at most `limit`. */
export const PrecheckListResponse = z.object({ items: z.array(PrecheckSummary), limit: z.number() })
export type PrecheckListResponse = z.infer<typeof PrecheckListResponse>

/** `POST /api/precheck/:id/rerun`: the new check and how it differs from the earlier one. */
export const RerunResponse = z.object({
  check: PrecheckRecord,
  previous: z.object({
    id: z.number(),
    number: z.string(),
    verdict: Verdict,
    verdictName: z.string(),
    checkedAt: z.string(),
  }),
  comparison: z.object({
    isDifferent: z.boolean(),
    isVerdictChanged: z.boolean(),
    previousVerdict: Verdict,
    verdict: Verdict,
    added: z.array(PrecheckReason),
    removed: z.array(PrecheckReason),
    changed: z.array(z.object({ before: PrecheckReason, after: PrecheckReason })),
    dataChanges: z.array(z.string()),
    summary: z.string(),
  }),
})
export type RerunResponse = z.infer<typeof RerunResponse>

/** Properties of a feature of `GET /api/precheck/:id/features`. */
export const CheckFeatureProperties = z.object({
  type: HitType,
  id: z.number(),
  code: z.string().nullable(),
  name: z.string().nullable(),
  /** The strictest severity of the reasons naming the feature. */
  severity: Severity,
  style: z.string().nullable(),
  version: z.number().nullable(),
  /** The version the check read (true) or today's geometry (false: farmland, monitoring points, versions not kept). */
  isAsRead: z.boolean(),
})
export type CheckFeatureProperties = z.infer<typeof CheckFeatureProperties>

/** `GET /api/precheck/:id/features`: the features the reasons name, clipped around the plot (EPSG:4490). */
export const CheckFeatures = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({ type: z.literal('Feature'), geometry: Geometry, properties: CheckFeatureProperties })),
})
export type CheckFeatures = z.infer<typeof CheckFeatures>

/** `POST /api/precheck/parse-upload`: the uploaded outline in EPSG:4490 and how its CRS was found; nothing saved. */
export const ParsedUpload = z.object({
  geometry: MultiPolygon,
  crs: z.object({ epsg: z.number(), name: z.string(), label: z.string(), how: z.enum(['prj', 'ranges']) }),
  /** Features of the file that gave at least one polygon. */
  features: z.number(),
  warnings: z.array(z.string()),
})
export type ParsedUpload = z.infer<typeof ParsedUpload>

import { z } from 'zod'
import { CLASS_ORDER } from '../server/src/domain/class-summary.ts'
import { FarmlandClass } from './farmland.ts'
import { ReviewInfo } from './review.ts'

const adcode = z.string({ error: '区县代码应为 6 位数字' }).regex(/^\d{6}$/, '区县代码应为 6 位数字')

/** `:id` of `/api/classification/jobs/:id…` and `/api/class-lists/:id…`. */
export const ClassIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '编号应为数字')
    .transform(Number),
})

/** `:id/entries/:parcelId` of a class list. */
export const EntryParams = ClassIdParams.extend({
  parcelId: z
    .string()
    .regex(/^\d{1,15}$/, '图斑编号应为数字')
    .transform(Number),
})

/** `?adcode=` of the job, list and statistics reads (the whole scope without it). */
export const CountyQuery = z.object({ adcode: adcode.optional() })

/** `POST /api/classification/jobs`. */
export const StartJobBody = z.object({
  adcode,
  ruleSetVersion: z
    .string({ error: '规则集版本应为文字' })
    .trim()
    .min(1, '规则集版本不能为空')
    .max(100, '规则集版本过长')
    .optional(),
})

/** `GET /api/class-lists/:id/changes?offset=&limit=`. */
export const PageQuery = z.object({
  offset: z.coerce.number({ error: '起始位置应为数字' }).int('起始位置应为整数').min(0, '起始位置不能为负').default(0),
  limit: z.coerce
    .number({ error: '条数应为数字' })
    .int('条数应为整数')
    .min(1, '条数至少为 1')
    .max(1000, '每页最多 1000 条')
    .default(100),
})

/** `POST /api/class-lists/:id/entries/:parcelId/override`. */
export const OverrideBody = z.object({
  class: z.enum(CLASS_ORDER, {
    error: `类别应为：${CLASS_ORDER.join('、')}（优先保护类、安全利用类、严格管控类、未划定）`,
  }),
  reason: z.string({ error: '调整类别须填写理由' }).trim().min(1, '调整类别须填写理由').max(500, '理由最多 500 个字'),
})

const classField = z.enum(['priority', 'safe_use', 'strict'], {
  error: '类别矩阵中的类别应为 priority、safe_use 或 strict',
})
const cropColumns = z.object(
  { none: classField, ok: classField, slight: classField, serious: classField },
  { error: '类别矩阵每行应有 none、ok、slight、serious 四列' },
)
const rules = z.object(
  {
    matrix: z.object(
      { A: cropColumns, B: cropColumns, C: cropColumns },
      { error: '请给出类别矩阵（土壤 A/B/C × 农产品 none/ok/slight/serious）' },
    ),
    cropSeriousRatio: z.number({ error: '农产品严重超标倍数应为数字' }),
    aggregation: z.enum(['worst', 'mean-ratio'], { error: '多样点合并方式应为 worst 或 mean-ratio' }),
    interpolation: z.object(
      {
        method: z.enum(['idw', 'nearest'], { error: '插值方法应为 idw 或 nearest' }),
        maxDistanceM: z.number({ error: '插值最大距离应为数字（米）' }),
        maxSamples: z.number({ error: '插值样点数应为整数' }),
        power: z.number({ error: '反距离加权的幂应为数字' }),
      },
      { error: '请给出插值设置' },
    ),
    gb2762Edition: z.string({ error: '请给出 GB 2762 版本' }),
    notes: z
      .array(z.string({ error: '说明（notes）每条应为文字' }).max(500, '说明每条最多 500 个字'), {
        error: '说明（notes）应为文字数组',
      })
      .max(50, '说明最多 50 条')
      .default([]),
  },
  { error: '请给出规则内容 rules' },
)

/** `POST /api/classification/rule-sets`: a province's own rule set, stored as a new version. */
export const RuleSetBody = z.object({
  version: z
    .string({ error: '请填写规则集版本号' })
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,40}$/, '规则集版本号应为 1–40 位字母、数字或 . _ -'),
  name: z.string({ error: '请填写规则集名称' }).trim().min(1, '请填写规则集名称').max(80, '规则集名称最多 80 个字'),
  isDefault: z.boolean({ error: 'isDefault 应为 true 或 false' }).default(false),
  rules,
})

/** A rule set of `GET /api/classification/rule-sets`; `rules` holds its version and name too. */
export const RuleSet = z.object({
  version: z.string(),
  name: z.string(),
  isDefault: z.boolean(),
  rules: rules.extend({ version: z.string(), name: z.string() }),
})
export type RuleSet = z.infer<typeof RuleSet>

/** `GET /api/classification/rule-sets`. */
export const RuleSetsResponse = z.object({ ruleSets: z.array(RuleSet) })
export type RuleSetsResponse = z.infer<typeof RuleSetsResponse>

/** `POST /api/classification/rule-sets` (201). */
export const RuleSetResponse = z.object({ ruleSet: RuleSet })
export type RuleSetResponse = z.infer<typeof RuleSetResponse>

/** States of a classification job. */
export const JobStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled'])

/** A county-wide classification run. */
export const ClassificationJob = z.object({
  id: z.number(),
  adcode: z.string(),
  county: z.string(),
  listId: z.number().nullable(),
  status: JobStatus,
  statusName: z.string(),
  total: z.number(),
  done: z.number(),
  /** 0..1 */
  progress: z.number(),
  error: z.string().nullable(),
  /** 取消 was asked for; the run stops after its current batch. */
  isCancelRequested: z.boolean(),
  startedBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
})
export type ClassificationJob = z.infer<typeof ClassificationJob>

/** `GET /api/classification/jobs/:id`, `POST …/jobs` (202), `POST …/cancel`. */
export const JobResponse = z.object({ job: ClassificationJob })
export type JobResponse = z.infer<typeof JobResponse>

/** `GET /api/classification/jobs?adcode=`: latest first. */
export const JobsResponse = z.object({ jobs: z.array(ClassificationJob) })
export type JobsResponse = z.infer<typeof JobsResponse>

/** A class list (分类清单) of one county. */
export const ClassList = z.object({
  id: z.number(),
  adcode: z.string(),
  county: z.string(),
  title: z.string(),
  ruleSetVersion: z.string(),
  isComplete: z.boolean(),
  parcelCount: z.number(),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
  /** The list the published classes come from. */
  isCurrent: z.boolean(),
  jobId: z.number().nullable(),
  jobStatus: JobStatus.nullable(),
  /** Why the 优先保护类 area falls, written by the keeper on 提交审定 (null when it does not fall). */
  priorityFallExplanation: z.string().nullable(),
  review: ReviewInfo,
})
export type ClassList = z.infer<typeof ClassList>

/** `GET /api/class-lists?adcode=`. */
export const ClassListsResponse = z.object({ lists: z.array(ClassList) })
export type ClassListsResponse = z.infer<typeof ClassListsResponse>

/** Parcels and area of one class in the list, beside the published classes. */
export const ClassSummaryRow = z.object({
  class: FarmlandClass,
  className: z.string(),
  count: z.number(),
  areaMu: z.number(),
  areaHa: z.number(),
  publishedCount: z.number(),
  publishedAreaMu: z.number(),
  publishedAreaHa: z.number(),
})
export type ClassSummaryRow = z.infer<typeof ClassSummaryRow>

/** A township's rows. */
export const TownshipSummary = z.object({
  /** null for parcels outside every township (未落乡镇). */
  code: z.string().nullable(),
  name: z.string(),
  byClass: z.array(ClassSummaryRow),
})
export type TownshipSummary = z.infer<typeof TownshipSummary>

/** A warning of the summary: 优先保护类面积减少 in the county or a township. */
export const SummaryWarning = z.object({
  code: z.string(),
  message: z.string(),
  scope: z.enum(['county', 'township']),
  name: z.string(),
  fromMu: z.number(),
  toMu: z.number(),
})
export type SummaryWarning = z.infer<typeof SummaryWarning>

/** `GET /api/class-lists/:id/summary`. */
export const ClassListSummary = z.object({
  list: ClassList,
  byClass: z.array(ClassSummaryRow),
  byTownship: z.array(TownshipSummary),
  changes: z.object({
    count: z.number(),
    areaMu: z.number(),
    byTransition: z.array(
      z.object({
        from: FarmlandClass.nullable(),
        fromName: z.string(),
        to: FarmlandClass,
        toName: z.string(),
        count: z.number(),
        areaMu: z.number(),
      }),
    ),
  }),
  warnings: z.array(SummaryWarning),
})
export type ClassListSummary = z.infer<typeof ClassListSummary>

/** One parcel whose class changes against the published class. */
export const ClassChange = z.object({
  parcelId: z.number(),
  code: z.string(),
  township: z.string().nullable(),
  dlbm: z.string(),
  fromClass: FarmlandClass.nullable(),
  fromClassName: z.string(),
  toClass: FarmlandClass,
  toClassName: z.string(),
  areaMu: z.number(),
  method: z.string(),
  methodName: z.string(),
})
export type ClassChange = z.infer<typeof ClassChange>

/** `GET /api/class-lists/:id/changes?offset=&limit=`. */
export const ClassChangesResponse = z.object({ total: z.number(), items: z.array(ClassChange) })
export type ClassChangesResponse = z.infer<typeof ClassChangesResponse>

/** One element's line in the basis: value, threshold, table and row. */
export const BasisElementLine = z.object({
  element: z.string(),
  value: z.number(),
  screeningValue: z.number().nullable(),
  interventionValue: z.number().nullable(),
  exceedsScreening: z.boolean(),
  exceedsIntervention: z.boolean(),
  ratio: z.number().nullable(),
  basis: z.string(),
})

/** One sample used for a parcel's class. */
export const BasisSample = z.object({
  pointCode: z.string(),
  sampledOn: z.string(),
  distanceM: z.number(),
  weight: z.number().optional(),
  grade: z.string().nullable(),
  crop: z.string().nullable().optional(),
  cropResult: z.string().nullable().optional(),
  exceeding: z.array(BasisElementLine),
})
export type BasisSample = z.infer<typeof BasisSample>

/** Why a parcel has its class (a split or merge adds what the edit did as `edit`). */
export const ClassBasis = z.object({
  ruleSetVersion: z.string(),
  method: z.string(),
  methodLabel: z.string(),
  aggregation: z.string().optional(),
  samples: z.array(BasisSample),
  summary: z.string(),
})
export type ClassBasis = z.infer<typeof ClassBasis>

/** A parcel's entry in a class list. */
export const ClassEntry = z.object({
  parcelId: z.number(),
  code: z.string(),
  class: FarmlandClass,
  className: z.string(),
  method: z.string(),
  methodName: z.string(),
  soilGrade: z.string().nullable(),
  soilGradeName: z.string().nullable(),
  mainPollutants: z.array(z.string()),
  sampleCount: z.number(),
  basis: ClassBasis,
  computedClass: FarmlandClass.nullable(),
  computedClassName: z.string().nullable(),
  overrideReason: z.string().nullable(),
  overrideBy: z.string().nullable(),
  overrideByName: z.string().nullable(),
  publishedClass: FarmlandClass.nullable(),
  publishedClassName: z.string(),
})
export type ClassEntry = z.infer<typeof ClassEntry>

/** `GET /api/class-lists/:id/entries/:parcelId`, `POST …/override`. */
export const EntryResponse = z.object({ entry: ClassEntry })
export type EntryResponse = z.infer<typeof EntryResponse>

import { z } from 'zod'
import { SheetImportQuery, SheetImportReport } from './sheet-import.ts'
import { MEASURE_BUCKETS, POLLUTION_DEGREES } from '../server/src/domain/safe-use-rate.ts'
import { REVIEW_ACTIONS, REVIEW_STATUSES } from '../server/src/domain/review-workflow.ts'

const adcode = z.string({ error: '行政区划代码（adcode）必填' }).regex(/^\d{6}$/, '行政区划代码（adcode）应为 6 位数字')
const yearText = z
  .string({ error: '年度（year）必填' })
  .regex(/^\d{4}$/, '年度（year）应为 4 位数字，如 2025')
  .transform(Number)
  .refine((y) => y >= 2000 && y <= 2100, '年度（year）应在 2000–2100 之间')
const yearNumber = z
  .number({ error: '年度（year）应为数字' })
  .int('年度（year）应为整数')
  .min(2000, '年度（year）应在 2000–2100 之间')
  .max(2100, '年度（year）应在 2000–2100 之间')
const degree = z.enum(POLLUTION_DEGREES, {
  error: '污染程度应为 slight（轻微）、mild_moderate（轻中度）或 severe（重度）',
})
const produce = z.enum(['met', 'exceeded', 'none'], {
  error: '农产品结果应为 met（达标）、exceeded（超标）或 none（未监测）',
})
const version = z
  .number({ error: '版本号（version）必填' })
  .int('版本号（version）应为整数')
  .positive('版本号（version）应为正整数')
  .max(2_147_483_647, '版本号（version）不是打开台账时读到的版本，请刷新后重试')
const date = z
  .string({ error: '日期应为文字 YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
  .nullable()
  .optional()
const text = (name: string, max: number) =>
  z
    .string({ error: `${name}应为文字` })
    .max(max, `${name}最多 ${max} 个字`)
    .nullable()
    .optional()
const measureName = z
  .string({ error: '措施名称应为文字' })
  .trim()
  .min(1, '措施名称不能为空')
  .max(50, '措施名称最多 50 个字')

/** `GET /api/safe-use-ledger?adcode&year` with its filters. */
export const LedgerQuery = z.object({
  adcode,
  year: yearText,
  degree: degree.optional(),
  township: z
    .string()
    .regex(/^\d{9}$/, '乡镇代码（township）应为 9 位数字')
    .optional(),
  produce: produce.optional(),
  measure: z.string().max(50, '措施名称最多 50 个字').optional(),
  code: z.string().max(60, '图斑编号最多 60 个字').optional(),
})

/** `?adcode&year` of the template, export, import and class checks. */
export const LedgerYearQuery = z.object({ adcode, year: yearText })

export const LedgerImportQuery = LedgerYearQuery.extend(SheetImportQuery.shape)

/** The produce outcome as entered: `monitoring` takes it from the 农产品产地 points in or near the parcel. */
const produceEntry = z.enum(['met', 'exceeded', 'none', 'monitoring'], {
  error: '农产品是否达标应为 met（达标）、exceeded（超标）、none（未监测）或 monitoring（按监测结果）',
})

const rowFields = {
  degree: degree.nullable().optional(),
  degreeReason: text('污染程度调整理由', 500),
  measures: z.array(measureName, { error: '措施（measures）应为措施名称的列表' }).max(30, '措施最多 30 项'),
  areaMu: z
    .number({ error: '面积（亩）应为数字' })
    .positive('面积（亩）应大于 0')
    .max(1e7, '面积（亩）过大')
    .nullable()
    .optional(),
  implementer: text('实施主体', 100),
  implementedFrom: date,
  implementedTo: date,
  produce: produceEntry,
  note: text('备注', 500),
}

/** `POST /api/safe-use-ledger/rows`: a parcel added to a county's ledger of a year. */
export const NewLedgerRowBody = z.object({
  adcode: z.string({ error: '行政区划代码（adcode）必填' }).regex(/^\d{6}$/, '行政区划代码（adcode）应为 6 位数字'),
  year: yearNumber,
  parcelCode: z
    .string({ error: '图斑编号（parcelCode）必填' })
    .trim()
    .min(1, '图斑编号必填')
    .max(60, '图斑编号最多 60 个字'),
  ...rowFields,
})
export type NewLedgerRowBody = z.input<typeof NewLedgerRowBody>

/** `PATCH /api/safe-use-ledger/rows/:id` at the version read. */
export const LedgerRowEditBody = z.object({ ...rowFields, version })
export type LedgerRowEditBody = z.input<typeof LedgerRowEditBody>

export const LedgerRowParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '台账行编号应为数字')
    .transform(Number),
})

export const LedgerRowDeleteQuery = z.object({
  version: z
    .string({ error: '版本号（version）必填' })
    .regex(/^\d{1,10}$/, '版本号（version）应为正整数')
    .transform(Number),
})

/** `POST /api/safe-use-ledger/apply-measure`: one measure applied to the parcels selected on the map. */
export const ApplyMeasureBody = z.object({
  adcode: z.string({ error: '行政区划代码（adcode）必填' }).regex(/^\d{6}$/, '行政区划代码（adcode）应为 6 位数字'),
  year: yearNumber,
  parcelIds: z
    .array(z.number({ error: '图斑编号应为数字' }).int().positive(), { error: '请选择图斑（parcelIds）' })
    .min(1, '请至少选择一个图斑')
    .max(2000, '一次最多选择 2000 个图斑'),
  measure: measureName,
  implementer: text('实施主体', 100),
  implementedFrom: date,
  implementedTo: date,
})
export type ApplyMeasureBody = z.input<typeof ApplyMeasureBody>

const ReviewBlock = z.object({
  kind: z.string(),
  id: z.number().int(),
  status: z.enum(REVIEW_STATUSES),
  statusName: z.string(),
  reason: z.string().nullable(),
  version: z.number().int(),
  publishedVersion: z.number().int(),
  actions: z.array(z.object({ action: z.enum(REVIEW_ACTIONS), label: z.string(), isReasonRequired: z.boolean() })),
})

export const LedgerRow = z.object({
  id: z.number().int(),
  parcelId: z.number().int().nullable(),
  parcelCode: z.string(),
  townshipCode: z.string().nullable(),
  township: z.string().nullable(),
  dlbm: z.string(),
  degree,
  degreeName: z.string(),
  degreeReason: z.string().nullable(),
  /** The degree the parcel's published class gives (null: 优先保护类 or 未划定). */
  classDegree: degree.nullable(),
  publishedClass: z.string().nullable(),
  publishedClassName: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  measures: z.array(z.object({ name: z.string(), bucket: z.enum(MEASURE_BUCKETS), bucketName: z.string() })),
  implementer: z.string().nullable(),
  implementedFrom: z.string().nullable(),
  implementedTo: z.string().nullable(),
  produce,
  produceName: z.string(),
  produceSource: z.enum(['monitoring', 'entered']).nullable(),
  produceBasis: z.string().nullable(),
  /** The term of the 安全利用率 the row counts in, or why it is not counted. */
  term: z.enum(['B', 'C', 'D']).nullable(),
  termReason: z.string(),
  inconsistency: z.string().nullable(),
  note: z.string().nullable(),
  isGenerated: z.boolean(),
  version: z.number().int(),
  updatedBy: z.string(),
  updatedAt: z.string(),
})
export type LedgerRow = z.infer<typeof LedgerRow>

const VocabularyItem = z.object({ name: z.string(), bucket: z.enum(MEASURE_BUCKETS), bucketName: z.string() })

/** `GET /api/safe-use-ledger/measures`: the measure vocabulary (a setting). */
export const MeasuresAnswer = z.object({ measures: z.array(VocabularyItem) })
export type MeasuresAnswer = z.infer<typeof MeasuresAnswer>

export const LedgerAnswer = z.object({
  adcode: z.string(),
  county: z.string(),
  year: z.number().int(),
  review: ReviewBlock,
  isEditable: z.boolean(),
  /** Why the ledger cannot be changed now (null when it can, for this user). */
  lockedReason: z.string().nullable(),
  total: z.object({ count: z.number().int(), areaM2: z.number(), areaMu: z.number() }),
  isTruncated: z.boolean(),
  rows: z.array(LedgerRow),
  vocabulary: z.array(VocabularyItem),
  townships: z.array(z.object({ code: z.string(), name: z.string() })),
  produceNearM: z.number(),
})
export type LedgerAnswer = z.infer<typeof LedgerAnswer>

export const ApplyMeasureAnswer = z.object({
  measure: z.string(),
  bucketName: z.string(),
  /** Parcels added to the ledger with this measure. */
  created: z.array(z.string()),
  /** Parcels already in the ledger that got the measure. */
  added: z.array(z.string()),
  /** Parcels that had it already. */
  unchanged: z.array(z.string()),
})
export type ApplyMeasureAnswer = z.infer<typeof ApplyMeasureAnswer>

export const LedgerImportReport = SheetImportReport
export type LedgerImportReport = z.infer<typeof LedgerImportReport>

export const ClassChecksAnswer = z.object({
  adcode: z.string(),
  county: z.string(),
  year: z.number().int(),
  count: z.number().int(),
  isTruncated: z.boolean(),
  items: z.array(
    z.object({
      code: z.string(),
      message: z.string(),
      rowId: z.number().int().nullable(),
      parcelId: z.number().int().nullable(),
      parcelCode: z.string(),
      degreeName: z.string().nullable(),
      publishedClassName: z.string(),
      areaMu: z.number(),
      /** The officer's reason for the degree, when one was given ("or say why"). */
      reason: z.string().nullable(),
      isGenerated: z.boolean(),
    }),
  ),
})
export type ClassChecksAnswer = z.infer<typeof ClassChecksAnswer>

import { z } from 'zod'
import { SheetImportQuery, SheetImportReport } from './sheet-import.ts'
import { POINT_LEVELS, POINT_STATUSES, POINT_TYPES, SOIL_VALUE_KEYS } from '../server/src/domain/monitoring.ts'

const levelNames = '“national”（国控）、“provincial”（省控）、“city”（市控）、“county”（县控）'
const typeNames = '“basic”（基础点位）、“risk”（风险监控点位）、“background”（背景点位）、“produce”（农产品产地点位）'
const statusNames = '“active”（在用）、“planned”（规划）、“retired”（已撤销）'
const level = z.enum(POINT_LEVELS, { error: `点位级别应为 ${levelNames} 之一` })
const type = z.enum(POINT_TYPES, { error: `点位类型应为 ${typeNames} 之一` })
const status = z.enum(POINT_STATUSES, { error: `点位状态应为 ${statusNames} 之一` })
const adcode = z.string().regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
const text = (label: string, max: number) =>
  z
    .string({ error: `${label}必填` })
    .trim()
    .min(1, `${label}必填`)
    .max(max, `${label}最多 ${max} 个字`)

export const PointIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '点位编号应为数字')
    .transform(Number),
})
export const PointListQuery = z.object({
  adcode: adcode.optional(),
  level: level.optional(),
  type: type.optional(),
  status: status.optional(),
  q: z.string().max(100, '搜索内容最多 100 个字').optional(),
})
export const NewPointBody = z.object({
  adcode: adcode.optional(),
  code: text('点位编号', 40).regex(/^[0-9A-Za-z-]+$/, '点位编号只能由字母、数字和“-”组成，如 430903-JC0041'),
  name: text('点位名称', 100),
  level,
  type,
  status: z
    .enum(['active', 'planned'], { error: '新点位的状态应为“active”（在用）或“planned”（规划）' })
    .default('active'),
  lon: z
    .number({ error: '经度（lon）应为数字' })
    .min(73, '经度应在 73–136 之间（CGCS2000）')
    .max(136, '经度应在 73–136 之间（CGCS2000）'),
  lat: z
    .number({ error: '纬度（lat）应为数字' })
    .min(3, '纬度应在 3–54 之间（CGCS2000）')
    .max(54, '纬度应在 3–54 之间（CGCS2000）'),
  landUse: z
    .string()
    .trim()
    .regex(/^\d{2}[0-9H]\d[A-Z]?$/, '土地利用应为三调地类编码，如 0101、0103、0601、08H2')
    .nullable()
    .optional(),
  soilType: z.string().trim().max(50, '土壤类型最多 50 个字').nullable().optional(),
})
export const PointEditBody = z
  .object({
    version: z.number({ error: '版本号（version）必填，应为打开点位时读到的版本' }).int(),
    name: text('点位名称', 100).optional(),
    level: level.optional(),
    type: type.optional(),
    status: status.optional(),
  })
  .refine(
    (v) => v.name !== undefined || v.level !== undefined || v.type !== undefined || v.status !== undefined,
    '没有要修改的内容：可修改名称、级别、类型或状态',
  )
const amount = z
  .union([z.number(), z.string().max(30, '数值过长')], { error: '应为数字' })
  .nullable()
  .optional()
export const ResultBody = z.object({
  sampledOn: z.string({ error: '采样日期（sampledOn）必填，格式 YYYY-MM-DD' }).max(20, '采样日期格式应为 YYYY-MM-DD'),
  medium: z.string().max(10).optional(),
  crop: z.string().max(30, '作物名称最多 30 个字').nullable().optional(),
  ph: amount,
  organicMatterGKg: amount,
  ploughDepthCm: amount,
  values: z
    .partialRecord(z.enum(SOIL_VALUE_KEYS, { error: `检测项目应为 ${SOIL_VALUE_KEYS.join('、')} 之一` }), amount)
    .optional(),
})
export const ImportQuery = SheetImportQuery

export type NewPointBody = z.input<typeof NewPointBody>
export type PointEditBody = z.input<typeof PointEditBody>
export type ResultBody = z.input<typeof ResultBody>

/** One bucket of the counts by level, type or status. */
export const PointCount = z.object({ key: z.string(), name: z.string(), count: z.number().int() })
export type PointCount = z.infer<typeof PointCount>

/** What the list and the detail of a point both carry. */
const PointBase = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  code: z.string(),
  name: z.string(),
  level: z.enum(POINT_LEVELS),
  levelName: z.string(),
  type: z.enum(POINT_TYPES),
  typeName: z.string(),
  status: z.enum(POINT_STATUSES),
  statusName: z.string(),
  landUse: z.string().nullable(),
  landUseName: z.string(),
  township: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  isGenerated: z.boolean(),
  version: z.number().int(),
})

/** A point of `GET /api/monitoring/points`. */
export const PointListItem = PointBase.extend({
  results: z.number().int(),
  /** YYYY-MM-DD. */
  lastSampledOn: z.string().nullable(),
})
export type PointListItem = z.infer<typeof PointListItem>

/** `GET /api/monitoring/points`: at most the list limit, the total and the counts of the whole filter. */
export const PointList = z.object({
  items: z.array(PointListItem),
  total: z.number().int(),
  isTruncated: z.boolean(),
  counts: z.object({ level: z.array(PointCount), type: z.array(PointCount), status: z.array(PointCount) }),
})
export type PointList = z.infer<typeof PointList>

/** How far a value goes: within, above screening or intervention, above a crop limit, or not to be judged. */
export const FlagLevel = z.enum(['ok', 'screening', 'intervention', 'limit', 'no-ph', 'no-standard'])
export type FlagLevel = z.infer<typeof FlagLevel>

/** One value of a result judged against its standard. */
export const ValueFlag = z.object({
  key: z.string(),
  name: z.string(),
  valueMgKg: z.number(),
  level: FlagLevel,
  label: z.string(),
  thresholds: z.array(
    z.object({ kind: z.enum(['screening', 'intervention', 'limit']), valueMgKg: z.number(), basis: z.string() }),
  ),
  ratio: z.number().nullable(),
  message: z.string(),
})
export type ValueFlag = z.infer<typeof ValueFlag>

/** One result of a point, each value flagged. */
export const PointResult = z.object({
  id: z.number().int(),
  /** YYYY-MM-DD. */
  sampledOn: z.string(),
  medium: z.enum(['soil', 'crop']),
  mediumName: z.string(),
  crop: z.string().nullable(),
  ph: z.number().nullable(),
  organicMatterGKg: z.number().nullable(),
  ploughDepthCm: z.number().nullable(),
  flags: z.array(ValueFlag),
  worst: FlagLevel,
  worstLabel: z.string(),
  isGenerated: z.boolean(),
  importId: z.number().int().nullable(),
  enteredBy: z.string(),
})
export type PointResult = z.infer<typeof PointResult>

/** `GET /api/monitoring/points/:id` (and the answer of a new or edited point). */
export const PointDetail = PointBase.extend({
  soilType: z.string().nullable(),
  /** Where a planned point came from (the gap analysis), as it was accepted. */
  plannedBasis: z.unknown().nullable(),
  createdBy: z.string(),
  /** ISO 8601. */
  createdAt: z.string(),
  standard: z.object({ kind: z.enum(['gb15618', 'gb36600', 'none']), label: z.string() }),
  cropStandard: z.string(),
  rights: z.object({ canEdit: z.boolean(), canEnterResults: z.boolean() }),
  results: z.array(PointResult),
})
export type PointDetail = z.infer<typeof PointDetail>

/** `POST /api/monitoring/points/:id/results`: the new result and the point with all its results. */
export const NewResultResponse = z.object({ result: PointResult, point: PointDetail })
export type NewResultResponse = z.infer<typeof NewResultResponse>

/** `POST /api/monitoring/import` (also the `details` of a 422). */
export const ImportReport = SheetImportReport.extend({ importId: z.number().int().nullable() })
export type ImportReport = z.infer<typeof ImportReport>

import { z } from 'zod'
import { LAND_CLASSES } from '../server/src/domain/gb50137.ts'
import { INDUSTRY, PLOT_STATUS } from '../server/src/domain/labels.ts'
import { INDUSTRY_NOTE_MAX, PLOT_INDUSTRIES, type PlotIndustry } from '../server/src/domain/plot-industry.ts'
import { PUBLIC_LISTS, type PublicListCode } from '../server/src/domain/public-fields.ts'
import { isoDate } from './fields.ts'
import { Outline } from './geojson.ts'

const industries = PLOT_INDUSTRIES
/** A former industry of a plot (原行业类别), as a key of the industry list or `other` (其他). */
export type Industry = PlotIndustry
const statuses = Object.keys(PLOT_STATUS) as [keyof typeof PLOT_STATUS, ...(keyof typeof PLOT_STATUS)[]]
const lists = Object.keys(PUBLIC_LISTS) as [PublicListCode, ...PublicListCode[]]

const version = z.number({ error: '版本号（version）应为数字' }).int().positive('版本号（version）应为正整数')
const text = (label: string, max = 200) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()
const adcode = z.string({ error: '区县代码应为文字' }).regex(/^\d{6}$/, '区县代码应为 6 位数字')

const plotFields = {
  name: z.string({ error: '地块名称必填' }).trim().min(1, '地块名称必填').max(100, '地块名称最多 100 个字'),
  adcode: adcode.optional(),
  address: text('地址'),
  formerIndustry: z.enum(industries, {
    error: `原行业类别应为：${industries.map((k) => `${k}（${k === 'other' ? '其他' : INDUSTRY[k]}）`).join('、')}`,
  }),
  /** Required when the former industry is 其他: what it was. */
  formerIndustryNote: text('其他行业说明', INDUSTRY_NOTE_MAX),
  landUser: text('土地使用权人'),
  contact: text('联系人及电话'),
  plannedLandClass: z
    .enum(LAND_CLASSES, {
      error: '规划用地类别应为 first（第一类用地）或 second（第二类用地），不明确时留空（按第一类）',
    })
    .nullable()
    .optional(),
  geometry: z.unknown(),
}
/** `POST /api/plots`: a new plot, in state 疑似污染地块. */
export const CreatePlotBody = z.object({
  ...plotFields,
  geometry: z.unknown().refine((g) => g !== undefined && g !== null, '地块边界（geometry）必填'),
})
/** `PATCH /api/plots/:id`: the facts of a plot an officer may change; null clears a field. */
export const PatchPlotBody = z
  .object({ version, ...plotFields })
  .partial({ name: true, formerIndustry: true, geometry: true })
  .refine((b) => Object.keys(b).some((k) => k !== 'version'), '没有要修改的内容')

const document = z
  .object(
    {
      title: z.string({ error: '文件标题应为文字' }).max(200, '文件标题最多 200 个字').optional(),
      date: z.string({ error: '文件日期应为文字' }).max(20, '文件日期应为 YYYY-MM-DD').optional(),
      body: z.string({ error: '结论摘要应为文字' }).max(5000, '结论摘要最多 5000 个字').optional(),
      attachmentName: z.string({ error: '附件文件名应为文字' }).max(200, '附件文件名最多 200 个字').optional(),
      documentId: z.number({ error: '附件文件编号应为数字' }).int().positive('附件文件编号应为正整数').optional(),
    },
    { error: '文件应为对象 {title, date, body, attachmentName}' },
  )
  .nullable()
  .optional()
/** `POST /api/plots/:id/transitions`: a step of the lifecycle. */
export const TransitionBody = z.object({
  action: z.string({ error: '操作（action）必填' }).min(1, '操作（action）必填').max(40, '操作（action）无效'),
  version,
  riskLevel: z.string({ error: '风险等级应为文字' }).max(20, '风险等级无效').nullable().optional(),
  document,
  reviewDocument: document,
  reason: z.string({ error: '理由应为文字' }).max(1000, '理由最多 1000 个字').nullable().optional(),
})
/** `POST /api/plots/:id/pollutants`: a measured pollutant. */
export const PollutantBody = z.object({
  version,
  substance: z.string({ error: '污染物（substance）必填' }).min(1, '污染物（substance）必填').max(60, '污染物代码无效'),
  valueMgKg: z
    .number({ error: '检测值（mg/kg）应为数字' })
    .finite('检测值应为有限数字')
    .nonnegative('检测值不能为负数')
    .max(1_000_000, '检测值超过 1,000,000 mg/kg，请检查单位'),
  sampledOn: isoDate('采样日期', { isNotAfterToday: true }),
  depthM: z
    .number({ error: '采样深度（米）应为数字' })
    .nonnegative('采样深度不能为负数')
    .max(100, '采样深度超过 100 米，请检查')
    .nullable()
    .optional(),
  note: text('备注', 500),
})
const reasonText = z.string({ error: '理由应为文字' }).max(500, '理由最多 500 个字').nullable().optional()
/** `POST /api/plots/:id/negative-uses`: a forbidden use added by an officer. */
export const NegativeUseBody = z.object({
  version,
  useCode: z
    .string({ error: '用地代码（useCode）必填' })
    .trim()
    .min(1, '用地代码（useCode）必填')
    .max(6, '用地代码最多 6 位')
    .transform((s) => s.toUpperCase()),
  reason: reasonText,
})
/** `DELETE /api/plots/:id/negative-uses/:useCode`. */
export const RemoveNegativeUseBody = z.object({ version, reason: reasonText })
/** The body of `DELETE /api/plots/:id/pollutants/:pid`. */
export const RemovePollutantBody = z.object({ reason: reasonText })
/** `DELETE /api/plots/:id/pollutants/:pid?version=`. */
export const RemovePollutantQuery = z.object({
  version: z
    .string({ error: '缺少版本号参数 version' })
    .regex(/^\d{1,9}$/, '版本号（version）应为正整数')
    .transform(Number)
    .pipe(version),
})
/** `:id` of `/api/plots/:id…`. */
export const PlotIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '地块编号应为数字')
    .transform(Number),
})
/** `:id/pollutants/:pid`. */
export const PollutantParams = PlotIdParams.extend({
  pid: z
    .string()
    .regex(/^\d{1,15}$/, '检测结果编号应为数字')
    .transform(Number),
})
/** `:id/negative-uses/:useCode`. */
export const NegativeUseParams = PlotIdParams.extend({
  useCode: z
    .string()
    .max(6, '用地代码最多 6 位')
    .transform((s) => s.toUpperCase()),
})
/** `GET /api/plots?status=&list=&q=&adcode=`. */
export const PlotListQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => s?.split(',').filter(Boolean))
    .pipe(z.array(z.enum(statuses, { error: `状态应为：${statuses.join('、')}` })).optional()),
  list: z
    .enum(lists, { error: `名录应为：${lists.map((l) => `${l}（${PUBLIC_LISTS[l].name}）`).join('、')}` })
    .optional(),
  q: z.string().max(100, '搜索词最多 100 个字').optional(),
  adcode: adcode.optional(),
})

/** A list a plot can be on. */
export const PlotListCode = z.enum(lists)
export type PlotListCode = z.infer<typeof PlotListCode>

/** One plot of `GET /api/plots`. */
export const PlotListItem = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  adcode: z.string(),
  county: z.string(),
  status: z.string(),
  statusName: z.string(),
  list: PlotListCode,
  listName: z.string(),
  riskLevel: z.string().nullable(),
  riskLevelName: z.string().nullable(),
  reviewStatus: z.string(),
  reviewStatusName: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  updatedAt: z.string(),
})
export type PlotListItem = z.infer<typeof PlotListItem>

/** `GET /api/plots`. */
export const PlotListResponse = z.object({ items: z.array(PlotListItem) })
export type PlotListResponse = z.infer<typeof PlotListResponse>

/** A report or document handed in with a step (初步调查报告, 省级评审意见 …). */
export const PlotDocument = z.object({
  title: z.string(),
  /** YYYY-MM-DD, not in the future. */
  date: z.string(),
  /** Summary of the conclusions, at least 10 characters. */
  body: z.string(),
  /** The file name of the attachment. */
  attachmentName: z.string(),
  /** The stored file (steps recorded before files were kept have the name only). */
  documentId: z.number().optional(),
  sizeBytes: z.number().optional(),
  sha256: z.string().optional(),
})
export type PlotDocument = z.infer<typeof PlotDocument>

/** One requirement of a step: what is asked (`exceedance`: a pollutant above its screening value must be recorded). */
export const TransitionRequirement = z.object({
  field: z.enum(['document', 'reviewDocument', 'riskLevel', 'reason', 'exceedance']),
  /** The Chinese name of what is asked, e.g. 初步调查报告, 风险等级, 暂缓开发理由. */
  label: z.string(),
})
export type TransitionRequirement = z.infer<typeof TransitionRequirement>

/** One next step of a plot, from its state, for the signed-in user. */
export const PlotTransition = z.object({
  action: z.string(),
  label: z.string(),
  to: z.string(),
  toName: z.string(),
  /** The capability of those who take the step. */
  by: z.string(),
  requires: z.array(TransitionRequirement).readonly(),
  /** What becomes public with this step (shown to the officer before confirming). */
  publicEffect: z.string().nullable(),
  isAllowed: z.boolean(),
  /** Why the step cannot be taken now (wrong role, no pollutant above the screening value …). */
  refusal: z.string().optional(),
})
export type PlotTransition = z.infer<typeof PlotTransition>

/** One step in the chronology of a plot. */
export const PlotEvent = z.object({
  id: z.number(),
  action: z.string(),
  label: z.string(),
  from: z.string().nullable(),
  fromName: z.string().nullable(),
  to: z.string(),
  toName: z.string(),
  at: z.string(),
  actor: z.string(),
  actorName: z.string(),
  riskLevel: z.string().nullable(),
  document: PlotDocument.optional(),
  /** The provincial review opinion handed in with 列入名录. */
  reviewDocument: PlotDocument.optional(),
  reason: z.string().optional(),
})
export type PlotEvent = z.infer<typeof PlotEvent>

/** One measured pollutant of a plot, against GB 36600 for the plot's land class. */
export const PlotPollutant = z.object({
  id: z.number(),
  substance: z.string(),
  name: z.string(),
  cas: z.string().nullable(),
  table: z.string(),
  valueMgKg: z.number(),
  sampledOn: z.string(),
  depthM: z.number().nullable(),
  note: z.string().nullable(),
  landClass: z.enum(LAND_CLASSES),
  landClassName: z.string(),
  screening: z.number().nullable(),
  intervention: z.number().nullable(),
  exceedsScreening: z.boolean(),
  exceedsIntervention: z.boolean(),
  /** Value ÷ screening value. */
  ratio: z.number().nullable(),
  interventionRatio: z.number().nullable(),
  /** As, Co, V above screening: compared with the local background value (GB 36600 表1 注); null for other items. */
  background: z
    .object({ valueMgKg: z.number().nullable(), isWithinBackground: z.boolean().nullable(), note: z.string() })
    .nullable(),
  /** Counts as 超标 for 确认为污染地块 (above screening and not within the background value). */
  isExceedance: z.boolean(),
})
export type PlotPollutant = z.infer<typeof PlotPollutant>

/** One forbidden use of a plot (负面清单). */
export const NegativeUse = z.object({
  useCode: z.string(),
  useName: z.string(),
  basis: z.string(),
  reason: z.string().nullable(),
  /** Follows from the plot's list by law (法定); cannot be removed. */
  isDefault: z.boolean(),
})
export type NegativeUse = z.infer<typeof NegativeUse>

/** A control zone protecting the plot. */
export const PlotControlZone = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  reviewStatus: z.string(),
  reviewStatusName: z.string(),
})
export type PlotControlZone = z.infer<typeof PlotControlZone>

/** One change_history row of the plot. */
export const PlotHistoryEntry = z.object({
  id: z.number(),
  action: z.string(),
  actionName: z.string(),
  actor: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
  changedAt: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
})
export type PlotHistoryEntry = z.infer<typeof PlotHistoryEntry>

/** `GET /api/plots/:id`: the plot profile; every write of a plot answers it too. */
export const PlotProfile = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  adcode: z.string(),
  county: z.string(),
  status: z.string(),
  statusName: z.string(),
  list: z.object({ code: PlotListCode, name: z.string(), keeper: z.string() }),
  riskLevel: z.string().nullable(),
  riskLevelName: z.string().nullable(),
  formerIndustry: z.string().nullable(),
  formerIndustryName: z.string().nullable(),
  /** What the former industry was when it is 其他. */
  formerIndustryNote: z.string().nullable(),
  landUser: z.string().nullable(),
  address: z.string().nullable(),
  contact: z.string().nullable(),
  plannedLandClass: z.enum(LAND_CLASSES).nullable(),
  /** The GB 36600 class the values are taken for (第一类 when the planned use is unclear). */
  landClass: z.enum(LAND_CLASSES),
  landClassName: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  version: z.number(),
  reviewStatus: z.string(),
  reviewStatusName: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
  isSample: z.boolean(),
  geometry: Outline,
  transitions: z.array(PlotTransition),
  events: z.array(PlotEvent),
  pollutants: z.array(PlotPollutant),
  hasExceedance: z.boolean(),
  negativeList: z.array(NegativeUse),
  controlZones: z.array(PlotControlZone),
  history: z.array(PlotHistoryEntry),
})
export type PlotProfile = z.infer<typeof PlotProfile>

const LandClassValues = z.object({ first: z.number(), second: z.number() })

/** One substance of GB 36600, values in mg/kg. */
export const Gb36600Substance = z.object({
  key: z.string(),
  name: z.string(),
  cas: z.string().nullable(),
  /** inorganic, voc, svoc, other. */
  group: z.string(),
  groupName: z.string(),
  /** The table cited, e.g. GB 36600-2018 表1（基本项目）. */
  table: z.string(),
  screening: LandClassValues,
  intervention: LandClassValues,
  /** As, Co, V: compared with the local background value when above screening. */
  hasBackgroundNote: z.boolean(),
})
export type Gb36600Substance = z.infer<typeof Gb36600Substance>

/** `GET /api/reference/gb36600`: the tables, substances, the local background values (a setting) and risk levels. */
export const Gb36600Reference = z.object({
  tables: z.array(z.string()),
  unit: z.literal('mg/kg'),
  landClasses: z.array(z.object({ code: z.enum(LAND_CLASSES), name: z.string() })),
  substances: z.array(Gb36600Substance),
  backgroundMgKg: z.object({
    As: z.number().nullable().optional(),
    Co: z.number().nullable().optional(),
    V: z.number().nullable().optional(),
    note: z.string(),
  }),
  riskLevels: z.array(z.object({ code: z.string(), name: z.string() })),
})
export type Gb36600Reference = z.infer<typeof Gb36600Reference>

/** One GB 50137 land-use code. */
export const Gb50137Use = z.object({
  code: z.string(),
  name: z.string(),
  major: z.string(),
  landClass: z.enum(LAND_CLASSES),
  landClassName: z.string(),
})
export type Gb50137Use = z.infer<typeof Gb50137Use>

/** `GET /api/reference/gb50137`: the codes an officer may forbid on a plot. */
export const Gb50137Reference = z.object({
  standard: z.string(),
  codes: z.array(Gb50137Use),
  unrelatedConstruction: z.object({ code: z.string(), name: z.string() }),
})
export type Gb50137Reference = z.infer<typeof Gb50137Reference>

/** One construction-land code of the 2023 用地用海分类, with its GB 36600 class and why (`major`: its level-one code). */
export const LandUse2023Use = Gb50137Use.extend({
  basis: z.string(),
  /** The class is a local judgement (本地设置), not the standard's. */
  judgement: z.boolean(),
  /** The GB 50137-2011 code of the same use, if any. */
  gb50137: z.string().nullable(),
})
export type LandUse2023Use = z.infer<typeof LandUse2023Use>

/** `GET /api/reference/land-use-2023`: the codes a planned use or a negative list may be written in since 2023. */
export const LandUse2023Reference = z.object({ standard: z.string(), codes: z.array(LandUse2023Use) })
export type LandUse2023Reference = z.infer<typeof LandUse2023Reference>

import { z } from 'zod'
import { FarmlandClass } from './farmland.ts'
import { Geometry, MultiPolygon, Outline } from './geojson.ts'
import { LonLat } from './problems.ts'

const id = z.number({ error: '图斑编号应为数字' }).int().positive()
const version = z.number({ error: '版本号应为数字' }).int().positive()
const text = (label: string, max = 500) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}最多 ${max} 个字`)
    .nullable()
    .optional()

/** Attributes of a farmland parcel (三调 DLTB fields) an officer may set. */
export const ParcelAttributes = z.object({
  dlbm: z.string({ error: '地类编码（dlbm）必填' }).max(10, '地类编码过长'),
  townshipCode: text('乡镇代码', 20),
  qsxz: text('权属性质', 10),
  qsdwmc: text('权属单位名称'),
  zldwmc: text('坐落单位名称'),
  kcxs: z.number({ error: '扣除地类系数应为数字' }).nullable().optional(),
  gdpdjb: text('耕地坡度级别', 10),
  zzsxdm: text('种植属性代码', 10),
  bz: text('备注', 1000),
})
export type ParcelAttributes = z.infer<typeof ParcelAttributes>

/** One change of `POST /api/parcels/check` and `/changes`; the server checks the geometry itself. */
export const ParcelChange = z.discriminatedUnion(
  'op',
  [
    z.object({
      op: z.literal('create'),
      geometry: z.unknown(),
      attributes: ParcelAttributes,
      classMode: z.literal('recompute').optional(),
    }),
    z.object({
      op: z.literal('update'),
      id,
      version,
      geometry: z.unknown().optional(),
      attributes: ParcelAttributes.partial().optional(),
      classMode: z.enum(['keep', 'recompute'], { error: '类别处理方式应为 keep 或 recompute' }).optional(),
    }),
    z.object({ op: z.literal('delete'), id, version }),
  ],
  { error: '每项修改的 op 应为 create、update 或 delete' },
)
export type ParcelChange = z.infer<typeof ParcelChange>

const changes = z
  .array(ParcelChange, { error: '修改列表（changes）应为数组' })
  .min(1, '至少需要一项修改')
  .max(50, '一次最多保存 50 项修改')

/** `POST /api/parcels/check`. */
export const CheckParcelsBody = z.object({ changes })

/** `POST /api/parcels/changes`. */
export const SaveParcelsBody = z.object({
  reason: z.string({ error: '修改原因应为文字' }).max(500, '修改原因最多 500 个字').optional(),
  changes,
})

const reason = z.string({ error: '原因必填' }).trim().min(1, '原因必填').max(500, '原因最多 500 个字')
const classChoice = {
  reason,
  classMode: z.enum(['keep', 'recompute'], {
    error: '类别处理方式（classMode）应为 keep（沿用）或 recompute（重新计算）',
  }),
  classReason: z.string({ error: '沿用类别的理由应为文字' }).max(500, '沿用类别的理由最多 500 个字').optional(),
}
/** How the class of a split or merge result is set: kept from the parent(s), or recomputed from monitoring data. */
export type ClassMode = z.infer<typeof classChoice.classMode>

/** `POST /api/parcels/split/preview`; the server checks the line itself. */
export const SplitPreviewBody = z.object({ id, version, line: z.unknown() })
/** `POST /api/parcels/split`. */
export const SplitBody = SplitPreviewBody.extend(classChoice)

const mergeParcelsList = z
  .array(z.object({ id, version }), { error: '合并的图斑（parcels）应为数组' })
  .min(2, '合并至少需要 2 个图斑')
  .max(20, '一次最多合并 20 个图斑')
/** `POST /api/parcels/merge/preview`. */
export const MergePreviewBody = z.object({ parcels: mergeParcelsList })
/** `POST /api/parcels/merge`. */
export const MergeBody = MergePreviewBody.extend({ ...classChoice, attributesFrom: id.optional() })

/** `POST /api/parcels/:id/restore`. */
export const RestoreBody = z.object({
  historyId: z.number({ error: '变更记录编号（historyId）应为数字' }).int().positive(),
  version: version.optional(),
  reason,
})

/** `GET /api/parcels/deleted?adcode=`. */
export const DeletedParcelsQuery = z.object({
  adcode: z
    .string()
    .regex(/^\d{6}$/, '区县代码应为 6 位数字')
    .optional(),
})

/** `:id` of `/api/parcels/:id…`. */
export const ParcelIdParams = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, '图斑编号应为数字')
    .transform(Number),
})

/** `GET /api/parcels?bbox=西,南,东,北`. */
export const ParcelBboxQuery = z.object({
  bbox: z
    .string({ error: '缺少范围参数 bbox=西,南,东,北' })
    .transform((s) => s.split(',').map(Number))
    .pipe(z.array(z.number().finite(), { error: 'bbox 应为 4 个数字' }).length(4, 'bbox 应为 4 个数字：西,南,东,北')),
})

/** Properties of a parcel as the editing API returns it. */
export const ParcelProperties = z.object({
  id: z.number(),
  adcode: z.string(),
  code: z.string(),
  dlbm: z.string(),
  dlmc: z.string(),
  townshipCode: z.string().nullable(),
  townshipName: z.string().nullable(),
  qsxz: z.string().nullable(),
  qsdwmc: z.string().nullable(),
  zldwmc: z.string().nullable(),
  kcxs: z.number().nullable(),
  gdpdjb: z.string().nullable(),
  zzsxdm: z.string().nullable(),
  bz: z.string().nullable(),
  class: FarmlandClass,
  className: z.string(),
  classMethod: z.string().nullable(),
  classBasis: z.unknown(),
  parentCodes: z.array(z.string()).nullable(),
  version: z.number(),
  areaM2: z.number(),
  areaMu: z.number(),
  areaHa: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  updatedByName: z.string(),
})

/** A parcel of `GET /api/parcels/:id` (GeoJSON, EPSG:4490). */
export const ParcelFeature = z.object({
  type: z.literal('Feature'),
  id: z.number(),
  geometry: MultiPolygon,
  properties: ParcelProperties,
})
export type ParcelFeature = z.infer<typeof ParcelFeature>

/** `GET /api/parcels?bbox=`: parcels of a small box (at most 500). */
export const ParcelCollection = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(ParcelFeature),
  truncated: z.boolean(),
})
export type ParcelCollection = z.infer<typeof ParcelCollection>

const CodeName = z.object({ code: z.string(), name: z.string() })

/** `GET /api/parcels/codes`: the lists of the attribute form and the server's geometry limits. */
export const ParcelCodes = z.object({
  dlbm: z.array(CodeName.extend({ group: z.string() })).readonly(),
  qsxz: z.array(CodeName).readonly(),
  gdpdjb: z.array(CodeName).readonly(),
  zzsxdm: z.array(CodeName).readonly(),
  settings: z.object({
    minAreaM2: z.number(),
    minWidthM: z.number(),
    overlapToleranceM2: z.number(),
    maxVertices: z.number(),
  }),
})
export type ParcelCodes = z.infer<typeof ParcelCodes>

/** A failed check of one change: what and where. */
export const ParcelProblem = z.object({
  index: z.number(),
  code: z.string(),
  message: z.string(),
  location: LonLat.optional(),
  geometry: Geometry.optional(),
  neighbourCode: z.string().optional(),
  overlapM2: z.number().optional(),
  field: z.string().optional(),
})
export type ParcelProblem = z.infer<typeof ParcelProblem>

/** What a saved (or, in a dry run, checked) change gives. */
export const ChangeResult = z.object({
  index: z.number(),
  op: z.enum(['create', 'update', 'delete', 'restore']),
  id: z.number(),
  code: z.string(),
  version: z.number(),
  areaM2: z.number(),
  class: FarmlandClass,
})
export type ChangeResult = z.infer<typeof ChangeResult>

/** `POST /api/parcels/check`. */
export const CheckResponse = z.object({
  ok: z.boolean(),
  problems: z.array(ParcelProblem),
  results: z.array(ChangeResult),
})
export type CheckResponse = z.infer<typeof CheckResponse>

/** `POST /api/parcels/changes`. */
export const ChangesResponse = z.object({ results: z.array(ChangeResult) })
export type ChangesResponse = z.infer<typeof ChangesResponse>

/** `details` of a 409 CONFLICT answer to a parcel save. */
export const ParcelConflict = z.object({
  id: z.number(),
  code: z.string(),
  yourVersion: z.number(),
  currentVersion: z.number().nullable(),
  changedBy: z.string(),
  changedByName: z.string(),
  changedAt: z.string(),
  current: ParcelFeature.nullable(),
})
export type ParcelConflict = z.infer<typeof ParcelConflict>

const Area = { areaM2: z.number(), areaMu: z.number() }

/** `POST /api/parcels/split/preview`. */
export const SplitPreview = z.object({
  parts: z.array(z.object({ geometry: Outline, ...Area })),
  parentAreaM2: z.number(),
  totalAreaM2: z.number(),
  areaDiffRatio: z.number(),
})
export type SplitPreview = z.infer<typeof SplitPreview>

const ParcelRef = z.object({ id: z.number(), code: z.string() })

/** `POST /api/parcels/split`. */
export const SplitResponse = z.object({
  parent: ParcelRef,
  children: z.array(ChangeResult),
  areaDiffRatio: z.number(),
})
export type SplitResponse = z.infer<typeof SplitResponse>

/** `POST /api/parcels/merge/preview`. */
export const MergePreview = z.object({
  geometry: Outline,
  ...Area,
  partsAreaM2: z.number(),
  areaDiffRatio: z.number(),
  classes: z.array(FarmlandClass),
  attributesFrom: z.number(),
})
export type MergePreview = z.infer<typeof MergePreview>

/** `POST /api/parcels/merge`. */
export const MergeResponse = z.object({
  parents: z.array(ParcelRef),
  child: ChangeResult,
  areaDiffRatio: z.number(),
})
export type MergeResponse = z.infer<typeof MergeResponse>

/** A parcel kept in the history (before/after of a change): its row values, geometry included. */
export const ParcelSnapshot = z.looseObject({
  id: z.number(),
  code: z.string(),
  dlbm: z.string(),
  dlmc: z.string().optional(),
  townshipCode: z.string().nullable().optional(),
  class: FarmlandClass.optional(),
  version: z.number().optional(),
  areaM2: z.number().optional(),
  parentCodes: z.array(z.string()).nullable().optional(),
  geometry: MultiPolygon.optional(),
})
export type ParcelSnapshot = z.infer<typeof ParcelSnapshot>

/** One entry of `GET /api/parcels/:id/history`; before/after of a split or merge name the children instead. */
export const ParcelHistoryEntry = z.object({
  id: z.number(),
  action: z.string(),
  actionName: z.string(),
  actor: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
  changedAt: z.string(),
  version: z.number().nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
})
export type ParcelHistoryEntry = z.infer<typeof ParcelHistoryEntry>

/** `GET /api/parcels/:id/history`. */
export const ParcelHistoryResponse = z.object({ entries: z.array(ParcelHistoryEntry) })
export type ParcelHistoryResponse = z.infer<typeof ParcelHistoryResponse>

/** One item of `GET /api/parcels/deleted`: a parcel that no longer exists. */
export const DeletedParcel = z.object({
  id: z.number(),
  code: z.string(),
  adcode: z.string(),
  county: z.string(),
  action: z.enum(['delete', 'split', 'merge']),
  historyId: z.number(),
  deletedAt: z.string(),
  deletedBy: z.string(),
  deletedByName: z.string(),
  reason: z.string().nullable(),
})

/** `GET /api/parcels/deleted`. */
export const DeletedParcelsResponse = z.object({ items: z.array(DeletedParcel) })
export type DeletedParcelsResponse = z.infer<typeof DeletedParcelsResponse>

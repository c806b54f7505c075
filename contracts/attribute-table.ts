import { z } from 'zod'
import { CLASS_ORDER } from '../server/src/domain/class-summary.ts'
import { Bbox } from './problems.ts'

/** The layers that have an attribute table (属性表). */
export const AttributeLayer = z.enum(['parcel', 'contaminated-plot', 'monitoring-point'], {
  error: '图层应为 parcel（耕地图斑）、contaminated-plot（污染地块）或 monitoring-point（监测点位）',
})
export type AttributeLayer = z.infer<typeof AttributeLayer>

/** Rows one page of the table holds at most. */
export const ATTRIBUTE_PAGE_MAX = 500

/** Deepest row a page may start at: beyond it, narrow the filters (the export gives the whole set). */
export const ATTRIBUTE_OFFSET_MAX = 100_000

/** The columns of the parcel table, in the order shown and exported; `key` is also the sort key. */
export const PARCEL_COLUMNS = [
  { key: 'code', title: '图斑编号' },
  { key: 'county', title: '区县' },
  { key: 'township', title: '乡镇' },
  { key: 'dlbm', title: '地类编码' },
  { key: 'dlmc', title: '地类名称' },
  { key: 'class', title: '类别' },
  { key: 'areaM2', title: '面积（平方米）' },
  { key: 'areaMu', title: '面积（亩）' },
] as const

export type ParcelSortKey = (typeof PARCEL_COLUMNS)[number]['key']

const PARCEL_SORT_KEYS = PARCEL_COLUMNS.map((c) => c.key) as [ParcelSortKey, ...ParcelSortKey[]]

const ParcelSortKey = z.enum(PARCEL_SORT_KEYS, {
  error: `排序列（sort）应为 ${PARCEL_COLUMNS.map((c) => `${c.key}（${c.title}）`).join('、')} 之一`,
})

const LAND_CODE_ITEM = /^(\d{2}|\d{4}|\d{2}H\d|\d{3}|\d{4}[A-Z])$/

/** A comma-separated list in a query string, each item trimmed, empty items dropped. */
export const list = (message: string) =>
  z
    .string({ error: message })
    .max(400, message)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )

/** An area bound in 亩 (`areaMin`, `areaMax`). */
export const areaMu = (name: string, title: string) =>
  z.coerce
    .number({ error: `${title}（${name}）应为不小于 0 的数字，单位亩` })
    .finite(`${title}（${name}）应为不小于 0 的数字，单位亩`)
    .min(0, `${title}（${name}）应为不小于 0 的数字，单位亩`)
    .optional()

/** `w,s,e,n` in CGCS2000 degrees, as the map's view gives it. */
const BboxParam = z.string({ error: '当前视图范围（bbox）应为“西,南,东,北”四个经纬度' }).transform((s, ctx) => {
  const v = s.split(',').map((x) => Number(x.trim()))
  const [w, south, e, n] = v
  const isValid =
    v.length === 4 && v.every(Number.isFinite) && w >= -180 && e <= 180 && south >= -90 && n <= 90 && w < e && south < n
  if (isValid) return v as Bbox
  ctx.addIssue({ code: 'custom', message: '当前视图范围（bbox）应为“西,南,东,北”四个经纬度，且西小于东、南小于北' })
  return z.NEVER
})

/** Where every table reads: 当前视图 (with the view's box) or 全县, and which county. */
export const ScopeFields = {
  scope: z.enum(['view', 'county'], { error: '范围（scope）应为 view（当前视图）或 county（全县）' }).default('county'),
  bbox: BboxParam.optional(),
  adcode: z
    .string({ error: '区县代码（adcode）应为 6 位数字' })
    .regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
    .optional(),
}

/** The township filter of every table. */
export const TownshipParam = z
  .string({ error: '乡镇代码（township）应为 9 位数字' })
  .regex(/^\d{9}$/, '乡镇代码（township）应为 9 位数字')
  .optional()

/** The sort direction of every table. */
export const DirParam = z
  .enum(['asc', 'desc'], { error: '排序方向（dir）应为 asc（升序）或 desc（降序）' })
  .default('asc')

/** 当前视图 needs the view's box. */
export const VIEW_NEEDS_BBOX = [
  (q: { scope: string; bbox?: unknown }) => q.scope !== 'view' || q.bbox !== undefined,
  { message: '范围为当前视图（scope=view）时须给出当前视图范围（bbox）', path: ['bbox'] as PropertyKey[] },
] as const

/** The least area may not pass the greatest. */
export const AREA_RANGE_ORDERED = [
  (q: { areaMin?: number; areaMax?: number }) =>
    q.areaMin === undefined || q.areaMax === undefined || q.areaMin <= q.areaMax,
  { message: '最小面积（areaMin）不能大于最大面积（areaMax）', path: ['areaMin'] as PropertyKey[] },
] as const

/** The filters of the parcel table (the same for a page and an export). */
export const ParcelTableFilters = z
  .object({
    ...ScopeFields,
    class: list('类别（class）应为逗号分隔的类别代码')
      .pipe(
        z.array(
          z.enum(CLASS_ORDER, {
            error: `类别（class）应为 priority（优先保护类）、safe_use（安全利用类）、strict（严格管控类）或 unclassified（未划定）`,
          }),
        ),
      )
      .optional(),
    dlbm: list('地类（dlbm）应为逗号分隔的地类编码或其前两位')
      .pipe(
        z.array(
          z
            .string()
            .regex(LAND_CODE_ITEM, '地类（dlbm）应为三调地类编码（如 0101）或一级类的前两位（如 01），多个用逗号分隔'),
        ),
      )
      .optional(),
    township: TownshipParam,
    areaMin: areaMu('areaMin', '最小面积'),
    areaMax: areaMu('areaMax', '最大面积'),
    sort: ParcelSortKey.default('code'),
    dir: DirParam,
  })
  .refine(...VIEW_NEEDS_BBOX)
  .refine(...AREA_RANGE_ORDERED)
export type ParcelTableFilters = z.infer<typeof ParcelTableFilters>

/** `GET /api/attribute-table/parcel?…`: the filters, and which rows (`offset`, `limit` ≤ {@link ATTRIBUTE_PAGE_MAX}). */
export const ParcelTableQuery = z.intersection(ParcelTableFilters, pageFields())
export type ParcelTableQuery = z.infer<typeof ParcelTableQuery>

/** Which rows of a table (`offset`, `limit` ≤ {@link ATTRIBUTE_PAGE_MAX}), or the whole set as a file (`format`). */
export function pageFields() {
  return z.object({
    offset: z.coerce
      .number({ error: '起始行（offset）应为整数' })
      .int('起始行（offset）应为整数')
      .min(0, '起始行（offset）不能小于 0')
      .max(ATTRIBUTE_OFFSET_MAX, `起始行（offset）不能超过 ${ATTRIBUTE_OFFSET_MAX}，请缩小筛选范围或导出全部`)
      .default(0),
    limit: z.coerce
      .number({ error: '每页行数（limit）应为整数' })
      .int('每页行数（limit）应为整数')
      .min(1, '每页行数（limit）至少为 1')
      .max(ATTRIBUTE_PAGE_MAX, `每页行数（limit）最多 ${ATTRIBUTE_PAGE_MAX}`)
      .default(100),
    format: z.enum(['xlsx', 'csv'], { error: '导出格式（format）应为 xlsx 或 csv' }).optional(),
  })
}

/** One parcel row: its attributes as shown (area in m² and 亩), the published class and the extent to zoom to. */
export const ParcelRow = z.object({
  id: z.number().int(),
  code: z.string(),
  adcode: z.string(),
  county: z.string(),
  townshipCode: z.string().nullable(),
  township: z.string().nullable(),
  dlbm: z.string(),
  dlmc: z.string(),
  class: z.enum(CLASS_ORDER),
  className: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  bbox: Bbox,
})
export type ParcelRow = z.infer<typeof ParcelRow>

/** A page of the parcel table: the rows and how many match the filters in all. */
export const ParcelTablePage = z.object({
  layer: AttributeLayer,
  layerName: z.string(),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  rows: z.array(ParcelRow),
})
export type ParcelTablePage = z.infer<typeof ParcelTablePage>

/** A code with its Chinese name, as the filter lists offer it. */
export const CodeName = z.object({ code: z.string(), name: z.string() })

/** A county of the user's scope with its townships. */
export const CountyTownships = z.object({ adcode: z.string(), name: z.string(), townships: z.array(CodeName) })

/** `GET /api/attribute-table/parcel/options`: the values the filter lists offer, within the user's counties. */
export const ParcelTableOptions = z.object({
  counties: z.array(CountyTownships),
  classes: z.array(CodeName),
  landCodes: z.array(CodeName),
  exportMaxRows: z.number().int(),
})
export type ParcelTableOptions = z.infer<typeof ParcelTableOptions>

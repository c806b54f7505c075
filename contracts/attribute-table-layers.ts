import { z } from 'zod'
import { PLOT_STATUS, POINT_LEVEL, POINT_TYPE, RISK_LEVEL } from '../server/src/domain/labels.ts'
import { PUBLIC_LISTS } from '../server/src/domain/public-fields.ts'
import {
  AREA_RANGE_ORDERED,
  AttributeLayer,
  CodeName,
  CountyTownships,
  DirParam,
  ScopeFields,
  TownshipParam,
  VIEW_NEEDS_BBOX,
  areaMu,
  list,
  pageFields,
} from './attribute-table.ts'
import { Bbox } from './problems.ts'

/** The columns of the 污染地块 table, in the order shown and exported; `key` is also the sort key. */
export const PLOT_COLUMNS = [
  { key: 'code', title: '地块编码' },
  { key: 'name', title: '地块名称' },
  { key: 'status', title: '状态' },
  { key: 'list', title: '名录' },
  { key: 'riskLevel', title: '风险等级' },
  { key: 'industry', title: '原行业' },
  { key: 'county', title: '区县' },
  { key: 'township', title: '乡镇' },
  { key: 'areaM2', title: '面积（平方米）' },
  { key: 'areaMu', title: '面积（亩）' },
  { key: 'reviewStatus', title: '审核状态' },
] as const

/** The columns of the 监测点位 table, in the order shown and exported; `key` is also the sort key. */
export const POINT_COLUMNS = [
  { key: 'code', title: '点位编码' },
  { key: 'name', title: '点位名称' },
  { key: 'level', title: '级别' },
  { key: 'pointType', title: '点位类型' },
  { key: 'county', title: '区县' },
  { key: 'township', title: '乡镇' },
  { key: 'landUse', title: '土地利用' },
  { key: 'lastSoilSampledOn', title: '最近土壤采样日期' },
] as const

function sortParam<K extends string>(columns: readonly { key: K; title: string }[]) {
  return z
    .enum(columns.map((c) => c.key) as [K, ...K[]], {
      error: `排序列（sort）应为 ${columns.map((c) => `${c.key}（${c.title}）`).join('、')} 之一`,
    })
    .default(columns[0].key)
}

/** A comma-separated list of codes of `table`, refused in Chinese naming the parameter and the codes allowed. */
function codesOf(table: Record<string, string>, param: string, title: string) {
  const codes = Object.keys(table) as [string, ...string[]]
  const allowed = Object.entries(table)
    .map(([code, name]) => `${code}（${name}）`)
    .join('、')
  const message = `${title}（${param}）应为 ${allowed} 中的一个或多个，用逗号分隔`
  return list(message)
    .pipe(z.array(z.enum(codes, { error: message })))
    .optional()
}

const LIST_NAMES = Object.fromEntries(Object.entries(PUBLIC_LISTS).map(([code, l]) => [code, l.name]))

/** The filters of the 污染地块 table (the same for a page and an export): 状态 or 名录, 风险等级, 乡镇, 面积 in 亩. */
export const PlotTableFilters = z
  .object({
    ...ScopeFields,
    status: codesOf(PLOT_STATUS, 'status', '状态'),
    list: codesOf(LIST_NAMES, 'list', '名录'),
    risk: codesOf(RISK_LEVEL, 'risk', '风险等级'),
    township: TownshipParam,
    areaMin: areaMu('areaMin', '最小面积'),
    areaMax: areaMu('areaMax', '最大面积'),
    sort: sortParam(PLOT_COLUMNS),
    dir: DirParam,
  })
  .refine(...VIEW_NEEDS_BBOX)
  .refine(...AREA_RANGE_ORDERED)
export type PlotTableFilters = z.infer<typeof PlotTableFilters>

/** `GET /api/attribute-table/contaminated-plot?…`: the filters and which rows, or the export's format. */
export const PlotTableQuery = z.intersection(PlotTableFilters, pageFields())

/** The filters of the 监测点位 table: 级别, 点位类型, 乡镇. */
export const PointTableFilters = z
  .object({
    ...ScopeFields,
    level: codesOf(POINT_LEVEL, 'level', '级别'),
    type: codesOf(POINT_TYPE, 'type', '点位类型'),
    township: TownshipParam,
    sort: sortParam(POINT_COLUMNS),
    dir: DirParam,
  })
  .refine(...VIEW_NEEDS_BBOX)
export type PointTableFilters = z.infer<typeof PointTableFilters>

/** `GET /api/attribute-table/monitoring-point?…`: the filters and which rows, or the export's format. */
export const PointTableQuery = z.intersection(PointTableFilters, pageFields())

/** One 污染地块 row: codes with their Chinese names, the list the status puts it on, the extent to zoom to. */
export const PlotRow = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  adcode: z.string(),
  county: z.string(),
  townshipCode: z.string().nullable(),
  township: z.string().nullable(),
  status: z.string(),
  statusName: z.string(),
  list: z.string(),
  listName: z.string(),
  riskLevel: z.string().nullable(),
  riskLevelName: z.string(),
  formerIndustry: z.string().nullable(),
  /** 化工, or 其他（木材加工）; — when unknown. */
  industry: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  reviewStatus: z.string(),
  reviewStatusName: z.string(),
  bbox: Bbox,
})
export type PlotRow = z.infer<typeof PlotRow>

/** One 监测点位 row: codes with their Chinese names, the last soil sampling date, the point to zoom to. */
export const PointRow = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  adcode: z.string(),
  county: z.string(),
  townshipCode: z.string().nullable(),
  township: z.string().nullable(),
  level: z.string(),
  levelName: z.string(),
  pointType: z.string(),
  pointTypeName: z.string(),
  landUseCode: z.string().nullable(),
  /** The land code with its name (0101 水田); — when not recorded. */
  landUse: z.string(),
  /** `YYYY-MM-DD`, or null when the point has no soil result. */
  lastSoilSampledOn: z.string().nullable(),
  bbox: Bbox,
})
export type PointRow = z.infer<typeof PointRow>

const pageOf = <T extends z.ZodType>(row: T) =>
  z.object({
    layer: AttributeLayer,
    layerName: z.string(),
    total: z.number().int(),
    offset: z.number().int(),
    limit: z.number().int(),
    rows: z.array(row),
  })

export const PlotTablePage = pageOf(PlotRow)
export type PlotTablePage = z.infer<typeof PlotTablePage>
export const PointTablePage = pageOf(PointRow)
export type PointTablePage = z.infer<typeof PointTablePage>

/** `GET /api/attribute-table/contaminated-plot/options`: counties and townships of the scope, and the code lists. */
export const PlotTableOptions = z.object({
  counties: z.array(CountyTownships),
  statuses: z.array(CodeName),
  lists: z.array(CodeName),
  riskLevels: z.array(CodeName),
  exportMaxRows: z.number().int(),
})
export type PlotTableOptions = z.infer<typeof PlotTableOptions>

/** `GET /api/attribute-table/monitoring-point/options`: counties and townships of the scope, levels and types. */
export const PointTableOptions = z.object({
  counties: z.array(CountyTownships),
  levels: z.array(CodeName),
  types: z.array(CodeName),
  exportMaxRows: z.number().int(),
})
export type PointTableOptions = z.infer<typeof PointTableOptions>

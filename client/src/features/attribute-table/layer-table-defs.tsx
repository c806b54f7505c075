import type { ReactNode } from 'react'
import {
  PARCEL_COLUMNS,
  type AttributeLayer,
  type ParcelRow,
  type ParcelTableOptions,
} from '@contracts/attribute-table'
import {
  PLOT_COLUMNS,
  POINT_COLUMNS,
  type PlotRow,
  type PlotTableOptions,
  type PointRow,
  type PointTableOptions,
} from '@contracts/attribute-table-layers'
import { LAND_CODES } from '../../../../server/src/domain/parcel-attributes.ts'
import type { DataLayer } from '../../shared/data-versions'
import { formatAreaValue } from '../../shared/format'
import { ClassLabel } from '../../shared/ui/class-label'

/** What the options route of a layer's table answers: the layer's filter lists. */
export type TableOptions = ParcelTableOptions | PlotTableOptions | PointTableOptions

/**
 * A select of the filter row: its key in the query, its label, its “all” choice and its choices. A choice's value is
 * `param:value`, or the plain value when the select sets the one parameter `param`.
 */
export interface FilterSelect {
  key: string
  label: string
  all: string
  param?: string
  groups: { label?: string; choices: { value: string; label: string }[] }[]
}

/** What the table of a layer shows: its names, columns, cells and filter selects, and the data it follows. */
export interface LayerTableDef {
  name: string
  /** 个图斑, 个地块, 个点位. */
  noun: string
  /** What the rows are called in a sentence (没有可导出的图斑). */
  rowsName: string
  columns: readonly { key: string; title: string }[]
  numeric: ReadonlySet<string>
  cell: (row: Record<string, unknown>, key: string) => ReactNode
  selects: (options: TableOptions) => FilterSelect[]
  hasArea: boolean
  /** The data whose change reloads the page shown. */
  data: DataLayer
}

const choicesOf = (param: string, items: { code: string; name: string }[]) =>
  items.map((i) => ({ value: `${param}:${i.code}`, label: i.name }))

/** The area columns, in m² and 亩: right-aligned, two decimals. */
const AREAS: ReadonlySet<string> = new Set(['areaM2', 'areaMu'])

const text = (value: unknown): ReactNode =>
  value === null || value === undefined || value === '' ? '—' : String(value)

const PLOT_NAMES: Record<string, keyof PlotRow> = {
  status: 'statusName',
  list: 'listName',
  riskLevel: 'riskLevelName',
  reviewStatus: 'reviewStatusName',
}

const POINT_NAMES: Record<string, keyof PointRow> = { level: 'levelName', pointType: 'pointTypeName' }

/** The first-level class of a two-digit prefix, as the 三调 工作分类 names it (“01 耕地”). */
function groupName(prefix: string): string {
  return LAND_CODES.find((c) => c.code.startsWith(prefix))?.group ?? prefix
}

/** The 地类 choices: each first-level class present (all its codes), then each code present. */
function landChoices(codes: { code: string; name: string }[]): { value: string; label: string }[] {
  const prefixes = [...new Set(codes.map((c) => c.code.slice(0, 2)))]
  return [
    ...prefixes.map((p) => ({ value: p, label: `${groupName(p)}（全部）` })),
    ...codes.map((c) => ({ value: c.code, label: `${c.code} ${c.name}`.trim() })),
  ]
}

/** The tables of the 耕地图斑, 污染地块 and 监测点位 layers. */
export const LAYER_TABLES: Record<AttributeLayer, LayerTableDef> = {
  parcel: {
    name: '耕地图斑',
    noun: '个图斑',
    rowsName: '图斑',
    columns: PARCEL_COLUMNS,
    numeric: AREAS,
    cell: (row, key) => {
      if (key === 'class') return <ClassLabel value={(row as unknown as ParcelRow).class} />
      if (AREAS.has(key)) return formatAreaValue(row[key] as number)
      return (row[key] as ReactNode) ?? '—'
    },
    selects: (options) =>
      'classes' in options
        ? [
            {
              key: 'class',
              label: '类别',
              all: '全部类别',
              param: 'class',
              groups: [{ choices: options.classes.map((c) => ({ value: c.code, label: c.name })) }],
            },
            {
              key: 'land',
              label: '地类',
              all: '全部地类',
              param: 'dlbm',
              groups: [{ choices: landChoices(options.landCodes) }],
            },
          ]
        : [],
    hasArea: true,
    data: 'parcels',
  },
  'contaminated-plot': {
    name: '污染地块',
    noun: '个地块',
    rowsName: '污染地块',
    columns: PLOT_COLUMNS,
    numeric: AREAS,
    cell: (row, key) => {
      if (AREAS.has(key)) return formatAreaValue(row[key] as number)
      return text(row[PLOT_NAMES[key] ?? key])
    },
    selects: (options) =>
      'statuses' in options
        ? [
            {
              key: 'stage',
              label: '名录或状态',
              all: '全部名录和状态',
              groups: [
                { label: '名录', choices: choicesOf('list', options.lists) },
                { label: '状态', choices: choicesOf('status', options.statuses) },
              ],
            },
            {
              key: 'risk',
              label: '风险等级',
              all: '全部风险等级',
              groups: [{ choices: choicesOf('risk', options.riskLevels) }],
            },
          ]
        : [],
    hasArea: true,
    data: 'plots',
  },
  'monitoring-point': {
    name: '监测点位',
    noun: '个点位',
    rowsName: '监测点位',
    columns: POINT_COLUMNS,
    numeric: new Set(),
    cell: (row, key) => {
      if (key === 'lastSoilSampledOn') return text(row[key] ?? '未采样')
      return text(row[POINT_NAMES[key] ?? key])
    },
    selects: (options) =>
      'levels' in options
        ? [
            { key: 'level', label: '级别', all: '全部级别', groups: [{ choices: choicesOf('level', options.levels) }] },
            {
              key: 'type',
              label: '点位类型',
              all: '全部点位类型',
              groups: [{ choices: choicesOf('type', options.types) }],
            },
          ]
        : [],
    hasArea: false,
    data: 'points',
  },
}

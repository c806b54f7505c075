import type { ReactNode } from 'react'
import { PLOT_COLUMNS, POINT_COLUMNS, type PlotRow, type PointRow } from '@contracts/attribute-table-layers'
import { formatAreaValue } from '../../shared/format'
import type { LayerOptions } from './use-layer-table'
import type { OtherLayer } from './layer-table-query'

/** A select of the filter row: its key in the query, its label, its “all” choice and its `param:value` choices. */
export interface FilterSelect {
  key: string
  label: string
  all: string
  groups: { label?: string; choices: { value: string; label: string }[] }[]
}

/** What the table of a layer shows: its name, what a row is called, columns, cells and filter selects. */
export interface LayerTableDef {
  name: string
  /** 个地块, 个点位. */
  noun: string
  columns: readonly { key: string; title: string }[]
  numeric: ReadonlySet<string>
  cell: (row: Record<string, unknown>, key: string) => ReactNode
  selects: (options: LayerOptions) => FilterSelect[]
  hasArea: boolean
}

const choicesOf = (param: string, items: { code: string; name: string }[]) =>
  items.map((i) => ({ value: `${param}:${i.code}`, label: i.name }))

const text = (value: unknown): ReactNode =>
  value === null || value === undefined || value === '' ? '—' : String(value)

const PLOT_NAMES: Record<string, keyof PlotRow> = {
  status: 'statusName',
  list: 'listName',
  riskLevel: 'riskLevelName',
  reviewStatus: 'reviewStatusName',
}

const POINT_NAMES: Record<string, keyof PointRow> = { level: 'levelName', pointType: 'pointTypeName' }

/** The tables of the 污染地块 and 监测点位 layers. */
export const LAYER_TABLES: Record<OtherLayer, LayerTableDef> = {
  'contaminated-plot': {
    name: '污染地块',
    noun: '个地块',
    columns: PLOT_COLUMNS,
    numeric: new Set(['areaM2', 'areaMu']),
    cell: (row, key) => {
      if (key === 'areaM2' || key === 'areaMu') return formatAreaValue(row[key] as number)
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
  },
  'monitoring-point': {
    name: '监测点位',
    noun: '个点位',
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
  },
}

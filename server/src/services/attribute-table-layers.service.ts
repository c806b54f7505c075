import type { Database, Queryable } from '../db/database.ts'
import { PLOT_STATUS, POINT_LEVEL, POINT_TYPE, REVIEW_STATUS, RISK_LEVEL, labelOf } from '../domain/labels.ts'
import { landUseName } from '../domain/monitoring.ts'
import { plotIndustryName } from '../domain/plot-industry.ts'
import { PUBLIC_LISTS, listOfPlotStatus, type PublicListCode } from '../domain/public-fields.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { MU_PER_M2 } from '../domain/units.ts'
import {
  listCountyTownships,
  pagePlots,
  pagePoints,
  type PlotFilterParams,
  type PlotPageRow,
  type PointFilterParams,
  type PointPageRow,
} from '../repos/attribute-table-layers.repo.ts'
import type { AttributeExport, AttributeExportFormat } from './attribute-table-export.service.ts'
import { prepareTableExport } from './attribute-table-export.service.ts'
import { tableCounties } from './attribute-table.service.ts'
import type { AuthContext } from './auth.service.ts'
import {
  PLOT_COLUMNS,
  POINT_COLUMNS,
  type PlotRow,
  type PlotTableFilters,
  type PlotTableOptions,
  type PlotTablePage,
  type PointRow,
  type PointTableFilters,
  type PointTableOptions,
  type PointTablePage,
} from '../../../contracts/attribute-table-layers.ts'

const PLOT_LAYER_NAME = '污染地块'
const POINT_LAYER_NAME = '监测点位'

/** Every status in the order of the lists (疑似, 污染地块, 风险管控和修复, 已移出) and of the lifecycle within each. */
const STATUS_ORDER: string[] = Object.values(PUBLIC_LISTS).flatMap((l) => [...l.statuses])

const round2 = (n: number) => Math.round(n * 100) / 100
const codeNames = (table: Record<string, string>) => Object.entries(table).map(([code, name]) => ({ code, name }))

/** The statuses a plot may have under the status and list filters (both: the statuses in both). */
function statusesOf(statuses: string[] | undefined, lists: PublicListCode[] | undefined): string[] | null {
  const ofLists: string[] | null = lists?.length ? lists.flatMap((l) => [...PUBLIC_LISTS[l].statuses]) : null
  if (!statuses?.length) return ofLists
  return ofLists ? statuses.filter((s) => ofLists.includes(s)) : statuses
}

function toPlotRow(r: PlotPageRow): PlotRow {
  const list = listOfPlotStatus(r.status)
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    adcode: r.adcode,
    county: r.county,
    townshipCode: r.township_code,
    township: r.township,
    status: r.status,
    statusName: labelOf(PLOT_STATUS, r.status),
    list,
    listName: PUBLIC_LISTS[list].name,
    riskLevel: r.risk_level,
    riskLevelName: labelOf(RISK_LEVEL, r.risk_level),
    formerIndustry: r.former_industry,
    industry: plotIndustryName(r.former_industry, r.former_industry_note),
    areaM2: round2(r.area_m2),
    areaMu: round2(r.area_m2 * MU_PER_M2),
    reviewStatus: r.review_status,
    reviewStatusName: labelOf(REVIEW_STATUS, r.review_status),
    bbox: r.bbox,
  }
}

function toPointRow(r: PointPageRow): PointRow {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    adcode: r.adcode,
    county: r.county,
    townshipCode: r.township_code,
    township: r.township,
    level: r.level,
    levelName: labelOf(POINT_LEVEL, r.level),
    pointType: r.point_type,
    pointTypeName: labelOf(POINT_TYPE, r.point_type),
    landUseCode: r.land_use,
    landUse: landUseName(r.land_use),
    lastSoilSampledOn: r.last_soil_sampled_on,
    bbox: r.bbox,
  }
}

async function plotParams(db: Queryable, ctx: AuthContext, f: PlotTableFilters): Promise<PlotFilterParams> {
  return {
    adcodes: await tableCounties(db, ctx, f),
    bbox: f.scope === 'view' && f.bbox ? f.bbox : null,
    statuses: statusesOf(f.status, f.list as PublicListCode[] | undefined),
    riskLevels: f.risk?.length ? f.risk : null,
    townshipCode: f.township ?? null,
    minAreaM2: f.areaMin === undefined ? null : f.areaMin / MU_PER_M2,
    maxAreaM2: f.areaMax === undefined ? null : f.areaMax / MU_PER_M2,
    statusOrder: STATUS_ORDER,
    sort: f.sort,
    isDescending: f.dir === 'desc',
  }
}

async function pointParams(db: Queryable, ctx: AuthContext, f: PointTableFilters): Promise<PointFilterParams> {
  return {
    adcodes: await tableCounties(db, ctx, f),
    bbox: f.scope === 'view' && f.bbox ? f.bbox : null,
    levels: f.level?.length ? f.level : null,
    pointTypes: f.type?.length ? f.type : null,
    townshipCode: f.township ?? null,
    sort: f.sort,
    isDescending: f.dir === 'desc',
  }
}

/** One page of the 污染地块 table of the user's counties, filtered and sorted as asked. */
export async function pagePlotTable(
  db: Queryable,
  ctx: AuthContext,
  filters: PlotTableFilters,
  page: { offset: number; limit: number },
): Promise<PlotTablePage> {
  const { total, rows } = await pagePlots(db, await plotParams(db, ctx, filters), page.limit, page.offset)
  const layer = 'contaminated-plot'
  return { layer, layerName: PLOT_LAYER_NAME, total, ...page, rows: rows.map(toPlotRow) }
}

/** One page of the 监测点位 table of the user's counties, filtered and sorted as asked. */
export async function pagePointTable(
  db: Queryable,
  ctx: AuthContext,
  filters: PointTableFilters,
  page: { offset: number; limit: number },
): Promise<PointTablePage> {
  const { total, rows } = await pagePoints(db, await pointParams(db, ctx, filters), page.limit, page.offset)
  const layer = 'monitoring-point'
  return { layer, layerName: POINT_LAYER_NAME, total, ...page, rows: rows.map(toPointRow) }
}

/** What the filters of the 污染地块 table offer. */
export async function plotTableOptions(
  db: Queryable,
  ctx: AuthContext,
  exportMaxRows: number,
): Promise<PlotTableOptions> {
  return {
    counties: await listCountyTownships(db, scopeAdcodes(ctx)),
    statuses: STATUS_ORDER.map((code) => ({ code, name: labelOf(PLOT_STATUS, code) })),
    lists: Object.entries(PUBLIC_LISTS).map(([code, l]) => ({ code, name: l.name })),
    riskLevels: codeNames(RISK_LEVEL),
    exportMaxRows,
  }
}

/** What the filters of the 监测点位 table offer. */
export async function pointTableOptions(
  db: Queryable,
  ctx: AuthContext,
  exportMaxRows: number,
): Promise<PointTableOptions> {
  return {
    counties: await listCountyTownships(db, scopeAdcodes(ctx)),
    levels: codeNames(POINT_LEVEL),
    types: codeNames(POINT_TYPE),
    exportMaxRows,
  }
}

const plotCells = (r: PlotRow) =>
  PLOT_COLUMNS.map((c) => {
    switch (c.key) {
      case 'status':
        return r.statusName
      case 'list':
        return r.listName
      case 'riskLevel':
        return r.riskLevelName
      case 'reviewStatus':
        return r.reviewStatusName
      default:
        return r[c.key]
    }
  })

const pointCells = (r: PointRow) =>
  POINT_COLUMNS.map((c) => {
    if (c.key === 'level') return r.levelName
    if (c.key === 'pointType') return r.pointTypeName
    return r[c.key]
  })

/** The filtered 污染地块 as one XLSX or CSV file. */
export async function preparePlotExport(
  db: Database,
  ctx: AuthContext,
  filters: PlotTableFilters,
  format: AttributeExportFormat,
  maxRows: number,
): Promise<AttributeExport> {
  const params = await plotParams(db, ctx, filters)
  return prepareTableExport(
    db,
    ctx,
    {
      layerName: PLOT_LAYER_NAME,
      asciiName: 'contaminated-plot',
      noun: '地块',
      narrowBy: '乡镇、名录、状态、风险等级或面积',
      columns: PLOT_COLUMNS,
      cellsOf: plotCells,
      adcodes: params.adcodes,
      isView: filters.scope === 'view',
      readPage: async (q, limit, offset) => {
        const { total, rows } = await pagePlots(q, params, limit, offset)
        return { total, rows: rows.map(toPlotRow) }
      },
    },
    format,
    maxRows,
  )
}

/** The filtered 监测点位 as one XLSX or CSV file. */
export async function preparePointExport(
  db: Database,
  ctx: AuthContext,
  filters: PointTableFilters,
  format: AttributeExportFormat,
  maxRows: number,
): Promise<AttributeExport> {
  const params = await pointParams(db, ctx, filters)
  return prepareTableExport(
    db,
    ctx,
    {
      layerName: POINT_LAYER_NAME,
      asciiName: 'monitoring-point',
      noun: '点位',
      narrowBy: '乡镇、级别或点位类型',
      columns: POINT_COLUMNS,
      cellsOf: pointCells,
      adcodes: params.adcodes,
      isView: filters.scope === 'view',
      readPage: async (q, limit, offset) => {
        const { total, rows } = await pagePoints(q, params, limit, offset)
        return { total, rows: rows.map(toPointRow) }
      },
    },
    format,
    maxRows,
  )
}

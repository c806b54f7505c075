import {
  DLBM,
  FARMLAND_CLASS,
  PLOT_STATUS,
  POINT_LEVEL,
  POINT_TYPE,
  REVIEW_STATUS,
  RISK_LEVEL,
  labelOf,
} from '../domain/labels.ts'
import { landUseName } from '../domain/monitoring.ts'
import { LAND_CODES } from '../domain/parcel-attributes.ts'
import { plotIndustryName } from '../domain/plot-industry.ts'
import { PUBLIC_LISTS, listOfPlotStatus, type PublicListCode } from '../domain/public-fields.ts'
import { MU_PER_M2 } from '../domain/units.ts'
import {
  listCountyTownships,
  listParcelOptions,
  type PageRowPlace,
  type ParcelPageRow,
  type PlotPageRow,
  type PointPageRow,
} from '../repos/attribute-table.repo.ts'
import type { TableDef } from './attribute-table.service.ts'
import {
  PARCEL_COLUMNS,
  ParcelTableQuery,
  type ParcelRow,
  type ParcelTableFilters,
  type ParcelTableOptions,
} from '../../../contracts/attribute-table.ts'
import {
  PLOT_COLUMNS,
  POINT_COLUMNS,
  PlotTableQuery,
  PointTableQuery,
  type PlotRow,
  type PlotTableFilters,
  type PlotTableOptions,
  type PointRow,
  type PointTableFilters,
  type PointTableOptions,
} from '../../../contracts/attribute-table-layers.ts'

type Options<O> = Omit<O, 'exportMaxRows'>

const round2 = (n: number) => Math.round(n * 100) / 100
const codeNames = (table: Record<string, string>) => Object.entries(table).map(([code, name]) => ({ code, name }))

/** The least and greatest area asked for, from 亩 to m² (the statements' $11 and $12). */
const areaParams = (f: { areaMin?: number; areaMax?: number }) => [
  f.areaMin === undefined ? null : f.areaMin / MU_PER_M2,
  f.areaMax === undefined ? null : f.areaMax / MU_PER_M2,
]

/** Where a row's feature is: county and township, codes and names. */
const placeOf = (r: PageRowPlace) => ({
  adcode: r.adcode,
  county: r.county,
  townshipCode: r.township_code,
  township: r.township,
})

const LAND_CODE_NAMES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(DLBM),
  ...LAND_CODES.map((c) => [c.code, c.name] as const),
])

/** The name of a 三调 land code (GB/T 21010-2017 as TD/T 1055-2019 numbers it); '' for a code outside the lists. */
function landCodeName(code: string): string {
  const upper = code.trim().toUpperCase()
  return LAND_CODE_NAMES.get(upper) ?? LAND_CODE_NAMES.get(upper.slice(0, 4)) ?? ''
}

/** The table of the 耕地图斑: 类别, 地类 (a code or a first-level class), 乡镇, 面积 in 亩. */
export const PARCEL_TABLE: TableDef<ParcelTableFilters, ParcelPageRow, ParcelRow, Options<ParcelTableOptions>> = {
  layer: 'parcel',
  query: ParcelTableQuery,
  layerName: '耕地图斑',
  asciiName: 'parcel',
  noun: '图斑',
  narrowBy: '乡镇、地类、类别或面积',
  columns: PARCEL_COLUMNS,
  pageSql: 'attribute-table/parcel-page',
  order: {
    code: 'code',
    county: 'county',
    township: 'township',
    dlbm: 'dlbm',
    dlmc: 'dlbm',
    class: 'class_order',
    areaM2: 'area_m2',
    areaMu: 'area_m2',
  },
  filterParams: (f) => [
    f.class?.length ? f.class : null,
    f.dlbm?.length ? f.dlbm.map((c) => `${c}%`) : null,
    ...areaParams(f),
  ],
  toRow: (r) => {
    const cls = r.class as ParcelRow['class']
    return {
      id: r.id,
      code: r.code,
      ...placeOf(r),
      dlbm: r.dlbm,
      dlmc: landCodeName(r.dlbm),
      class: cls,
      className: FARMLAND_CLASS[cls] ?? r.class,
      areaM2: round2(r.area_m2),
      areaMu: round2(r.area_m2 * MU_PER_M2),
      bbox: r.bbox,
    }
  },
  cellsOf: (row) => PARCEL_COLUMNS.map((c) => (c.key === 'class' ? row.className : row[c.key])),
  options: async (db, adcodes) => {
    const counties = await listParcelOptions(db, adcodes)
    const codes = [...new Set(counties.flatMap((c) => c.land_codes))].sort()
    return {
      counties: counties.map((c) => ({ adcode: c.adcode, name: c.name, townships: c.townships })),
      classes: Object.entries(FARMLAND_CLASS).map(([code, name]) => ({ code, name })),
      landCodes: codes.map((code) => ({ code, name: landCodeName(code) })),
    }
  },
}

/** Every status in the order of the lists (疑似, 污染地块, 风险管控和修复, 已移出) and of the lifecycle within each. */
const STATUS_ORDER: string[] = Object.values(PUBLIC_LISTS).flatMap((l) => [...l.statuses])

/** The statuses a plot may have under the status and list filters (both: the statuses in both). */
function statusesOf(statuses: string[] | undefined, lists: PublicListCode[] | undefined): string[] | null {
  const ofLists: string[] | null = lists?.length ? lists.flatMap((l) => [...PUBLIC_LISTS[l].statuses]) : null
  if (!statuses?.length) return ofLists
  return ofLists ? statuses.filter((s) => ofLists.includes(s)) : statuses
}

/** The table of the 污染地块: 状态 or 名录, 风险等级, 乡镇, 面积 in 亩. */
export const PLOT_TABLE: TableDef<PlotTableFilters, PlotPageRow, PlotRow, Options<PlotTableOptions>> = {
  layer: 'contaminated-plot',
  query: PlotTableQuery,
  layerName: '污染地块',
  asciiName: 'contaminated-plot',
  noun: '地块',
  narrowBy: '乡镇、名录、状态、风险等级或面积',
  columns: PLOT_COLUMNS,
  pageSql: 'attribute-table/plot-page',
  order: {
    code: 'code',
    name: 'name',
    status: 'status_order',
    list: 'status_order',
    riskLevel: 'risk_order',
    industry: 'former_industry',
    county: 'county',
    township: 'township',
    areaM2: 'area_m2',
    areaMu: 'area_m2',
    reviewStatus: 'review_order',
  },
  filterParams: (f) => [
    statusesOf(f.status, f.list as PublicListCode[] | undefined),
    f.risk?.length ? f.risk : null,
    ...areaParams(f),
    STATUS_ORDER,
  ],
  toRow: (r) => {
    const list = listOfPlotStatus(r.status)
    return {
      id: r.id,
      code: r.code,
      name: r.name,
      ...placeOf(r),
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
  },
  cellsOf: (row) =>
    PLOT_COLUMNS.map((c) => {
      switch (c.key) {
        case 'status':
          return row.statusName
        case 'list':
          return row.listName
        case 'riskLevel':
          return row.riskLevelName
        case 'reviewStatus':
          return row.reviewStatusName
        default:
          return row[c.key]
      }
    }),
  options: async (db, adcodes) => ({
    counties: await listCountyTownships(db, adcodes),
    statuses: STATUS_ORDER.map((code) => ({ code, name: labelOf(PLOT_STATUS, code) })),
    lists: Object.entries(PUBLIC_LISTS).map(([code, l]) => ({ code, name: l.name })),
    riskLevels: codeNames(RISK_LEVEL),
  }),
}

/** The table of the 监测点位: 级别, 点位类型, 乡镇. */
export const POINT_TABLE: TableDef<PointTableFilters, PointPageRow, PointRow, Options<PointTableOptions>> = {
  layer: 'monitoring-point',
  query: PointTableQuery,
  layerName: '监测点位',
  asciiName: 'monitoring-point',
  noun: '点位',
  narrowBy: '乡镇、级别或点位类型',
  columns: POINT_COLUMNS,
  pageSql: 'attribute-table/point-page',
  order: {
    code: 'code',
    name: 'name',
    level: 'level_order',
    pointType: 'type_order',
    county: 'county',
    township: 'township',
    landUse: 'land_use',
    lastSoilSampledOn: 'last_soil_sampled_on',
  },
  filterParams: (f) => [f.level?.length ? f.level : null, f.type?.length ? f.type : null],
  toRow: (r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    ...placeOf(r),
    level: r.level,
    levelName: labelOf(POINT_LEVEL, r.level),
    pointType: r.point_type,
    pointTypeName: labelOf(POINT_TYPE, r.point_type),
    landUseCode: r.land_use,
    landUse: landUseName(r.land_use),
    lastSoilSampledOn: r.last_soil_sampled_on,
    bbox: r.bbox,
  }),
  cellsOf: (row) =>
    POINT_COLUMNS.map((c) => {
      if (c.key === 'level') return row.levelName
      if (c.key === 'pointType') return row.pointTypeName
      return row[c.key]
    }),
  options: async (db, adcodes) => ({
    counties: await listCountyTownships(db, adcodes),
    levels: codeNames(POINT_LEVEL),
    types: codeNames(POINT_TYPE),
  }),
}

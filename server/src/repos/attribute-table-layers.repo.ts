import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

type Box = [number, number, number, number]

/** The columns the 污染地块 table sorts on, each with its order over the columns of the page statement's `hit`. */
const PLOT_ORDER = {
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
} as const

/** The columns the 监测点位 table sorts on, each with its order over the columns of the page statement's `hit`. */
const POINT_ORDER = {
  code: 'code',
  name: 'name',
  level: 'level_order',
  pointType: 'type_order',
  county: 'county',
  township: 'township',
  landUse: 'land_use',
  lastSoilSampledOn: 'last_soil_sampled_on',
} as const

/** What the 污染地块 page statement filters on; every value goes in as a parameter. */
export interface PlotFilterParams {
  adcodes: string[]
  bbox: Box | null
  statuses: string[] | null
  riskLevels: string[] | null
  townshipCode: string | null
  minAreaM2: number | null
  maxAreaM2: number | null
  /** Every status, in the order sorting by status or list follows. */
  statusOrder: string[]
  sort: keyof typeof PLOT_ORDER
  isDescending: boolean
}

/** What the 监测点位 page statement filters on; every value goes in as a parameter. */
export interface PointFilterParams {
  adcodes: string[]
  bbox: Box | null
  levels: string[] | null
  pointTypes: string[] | null
  townshipCode: string | null
  sort: keyof typeof POINT_ORDER
  isDescending: boolean
}

/** One row of the 污染地块 page statement. */
export interface PlotPageRow {
  id: number
  adcode: string
  code: string
  name: string
  county: string
  township_code: string | null
  township: string | null
  status: string
  risk_level: string | null
  former_industry: string | null
  former_industry_note: string | null
  area_m2: number
  review_status: string
  bbox: Box
}

/** One row of the 监测点位 page statement. */
export interface PointPageRow {
  id: number
  adcode: string
  code: string
  name: string
  county: string
  township_code: string | null
  township: string | null
  level: string
  point_type: string
  land_use: string | null
  last_soil_sampled_on: string | null
  bbox: Box
}

export interface CountyTownshipsRow {
  adcode: string
  name: string
  townships: { code: string; name: string }[]
}

const statements = new Map<string, string>()

/** The page statement of `file` ordered by `order` (from a whitelist above; NULLs last either way), ties by code. */
function pageStatement(file: string, order: string, isDescending: boolean): string {
  const name = `${file}/${order}/${isDescending ? 'desc' : 'asc'}`
  let text = statements.get(name)
  if (text !== undefined) return text
  const orderBy = `ORDER BY ${order} ${isDescending ? 'DESC' : 'ASC'} NULLS LAST, code, adcode, id`
  text = sqlFile(file)
    .split('\n')
    .map((line) => (line.endsWith(' -- sort') ? line.replace(/ORDER BY .* -- sort$/, orderBy) : line))
    .join('\n')
  statements.set(name, text)
  return text
}

async function readPage<R>(db: Queryable, text: string, params: unknown[]): Promise<{ total: number; rows: R[] }> {
  const { rows } = await db.query<R & { id: number | null; total: number }>(text, params)
  return { total: rows[0]?.total ?? 0, rows: rows.filter((r) => r.id !== null) }
}

/** One page of the filtered 污染地块 and the count of all of them. */
export function pagePlots(db: Queryable, f: PlotFilterParams, limit: number, offset: number) {
  return readPage<PlotPageRow>(db, pageStatement('attribute-table/plot-page', PLOT_ORDER[f.sort], f.isDescending), [
    f.adcodes,
    ...(f.bbox ?? [null, null, null, null]),
    f.statuses,
    f.riskLevels,
    f.townshipCode,
    f.minAreaM2,
    f.maxAreaM2,
    limit,
    offset,
    f.statusOrder,
  ])
}

/** One page of the filtered 监测点位 and the count of all of them. */
export function pagePoints(db: Queryable, f: PointFilterParams, limit: number, offset: number) {
  return readPage<PointPageRow>(db, pageStatement('attribute-table/point-page', POINT_ORDER[f.sort], f.isDescending), [
    f.adcodes,
    ...(f.bbox ?? [null, null, null, null]),
    f.levels,
    f.pointTypes,
    f.townshipCode,
    limit,
    offset,
  ])
}

/** The counties of `adcodes` with their townships. */
export async function listCountyTownships(db: Queryable, adcodes: string[]): Promise<CountyTownshipsRow[]> {
  return (await db.query<CountyTownshipsRow>(sqlFile('attribute-table/county-townships'), [adcodes])).rows
}

import type { Queryable } from '../db/database.ts'
import { AppError } from '../domain/errors.ts'
import { DLBM, FARMLAND_CLASS } from '../domain/labels.ts'
import { LAND_CODES } from '../domain/parcel-attributes.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { MU_PER_M2 } from '../domain/units.ts'
import {
  listParcelOptions,
  pageParcels,
  type ParcelFilterParams,
  type ParcelPageRow,
} from '../repos/attribute-table.repo.ts'
import { findCounty } from '../repos/parcels.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type {
  ParcelRow,
  ParcelTableFilters,
  ParcelTableOptions,
  ParcelTablePage,
} from '../../../contracts/attribute-table.ts'

/** The title of the parcel layer, as the layer list and the info panel name it. */
export const PARCEL_LAYER_NAME = '耕地图斑'

const LAND_CODE_NAMES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(DLBM),
  ...LAND_CODES.map((c) => [c.code, c.name] as const),
])

/** The name of a 三调 land code (GB/T 21010-2017 as TD/T 1055-2019 numbers it); '' for a code outside the lists. */
function landCodeName(code: string): string {
  const upper = code.trim().toUpperCase()
  return LAND_CODE_NAMES.get(upper) ?? LAND_CODE_NAMES.get(upper.slice(0, 4)) ?? ''
}

const round2 = (n: number) => Math.round(n * 100) / 100

/** A row of the page statement as the table and the export show it. */
export function toParcelRow(r: ParcelPageRow): ParcelRow {
  const cls = r.class as ParcelRow['class']
  return {
    id: r.id,
    code: r.code,
    adcode: r.adcode,
    county: r.county,
    townshipCode: r.township_code,
    township: r.township,
    dlbm: r.dlbm,
    dlmc: landCodeName(r.dlbm),
    class: cls,
    className: FARMLAND_CLASS[cls] ?? r.class,
    areaM2: round2(r.area_m2),
    areaMu: round2(r.area_m2 * MU_PER_M2),
    bbox: r.bbox,
  }
}

/**
 * The counties the table reads: the one asked for (in the user's scope, else OUT_OF_SCOPE naming it), or every
 * county of the user's scope.
 */
async function countiesToRead(db: Queryable, ctx: AuthContext, adcode: string | undefined): Promise<string[]> {
  if (adcode === undefined) return scopeAdcodes(ctx)
  const county = await findCounty(db, adcode)
  if (!county) {
    throw new AppError('VALIDATION', `区县代码（adcode）${adcode} 不是本系统中的区县`, {
      reason: 'UNKNOWN_COUNTY',
      field: 'adcode',
    })
  }
  assertCountyInScope(ctx, county.adcode, county.name)
  return [county.adcode]
}

/** The counties a table reads for `filters` (see {@link countiesToRead}); a township outside them is refused. */
export async function tableCounties(
  db: Queryable,
  ctx: AuthContext,
  filters: { adcode?: string; township?: string },
): Promise<string[]> {
  const adcodes = await countiesToRead(db, ctx, filters.adcode)
  if (filters.township !== undefined && !adcodes.includes(filters.township.slice(0, 6))) {
    throw new AppError('VALIDATION', `乡镇代码（township）${filters.township} 不在所查区县的范围内`, {
      reason: 'TOWNSHIP_OUTSIDE',
      field: 'township',
    })
  }
  return adcodes
}

/** The statement's parameters for `filters`, within the counties the user may read. */
export async function parcelFilterParams(
  db: Queryable,
  ctx: AuthContext,
  filters: ParcelTableFilters,
): Promise<ParcelFilterParams> {
  const adcodes = await tableCounties(db, ctx, filters)
  return {
    adcodes,
    bbox: filters.scope === 'view' && filters.bbox ? filters.bbox : null,
    classes: filters.class?.length ? filters.class : null,
    landCodePatterns: filters.dlbm?.length ? filters.dlbm.map((c) => `${c}%`) : null,
    townshipCode: filters.township ?? null,
    minAreaM2: filters.areaMin === undefined ? null : filters.areaMin / MU_PER_M2,
    maxAreaM2: filters.areaMax === undefined ? null : filters.areaMax / MU_PER_M2,
    sort: filters.sort,
    isDescending: filters.dir === 'desc',
  }
}

/** One page of the parcel attribute table of the user's counties, filtered and sorted as asked. */
export async function pageParcelTable(
  db: Queryable,
  ctx: AuthContext,
  filters: ParcelTableFilters,
  page: { offset: number; limit: number },
): Promise<ParcelTablePage> {
  const params = await parcelFilterParams(db, ctx, filters)
  const { total, rows } = await pageParcels(db, params, page.limit, page.offset)
  return {
    layer: 'parcel',
    layerName: PARCEL_LAYER_NAME,
    total,
    offset: page.offset,
    limit: page.limit,
    rows: rows.map(toParcelRow),
  }
}

/** What the filter lists of the parcel table offer: the user's counties and townships, the classes, the land codes. */
export async function parcelTableOptions(
  db: Queryable,
  ctx: AuthContext,
  exportMaxRows: number,
): Promise<ParcelTableOptions> {
  const counties = await listParcelOptions(db, scopeAdcodes(ctx))
  const codes = [...new Set(counties.flatMap((c) => c.land_codes))].sort()
  return {
    counties: counties.map((c) => ({ adcode: c.adcode, name: c.name, townships: c.townships })),
    classes: Object.entries(FARMLAND_CLASS).map(([code, name]) => ({ code, name })),
    landCodes: codes.map((code) => ({ code, name: landCodeName(code) })),
    exportMaxRows,
  }
}

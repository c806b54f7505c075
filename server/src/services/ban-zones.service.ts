import type { Database, Queryable } from '../db/database.ts'
import {
  banZoneParcelProblem,
  basisLineOf,
  describeBasis,
  normalizeProducts,
  pollutantNames,
} from '../domain/ban-zone.ts'
import type { RegistrySettings } from '../domain/control-zone.ts'
import { AppError, type Problem } from '../domain/errors.ts'
import { REVIEW_STATUS, labelOf } from '../domain/labels.ts'
import type { ParcelEditSettings } from '../domain/parcel-checks.ts'
import { publicArea } from '../domain/public-fields.ts'
import { isEditableInReview, type ReviewStatus } from '../domain/review-workflow.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { ELEMENT_NAME, type Element } from '../domain/gb15618.ts'
import {
  findBanZone,
  findBanZoneParcels,
  insertBanZone,
  listBanZones,
  listPublishedBanZones,
  listStrictParcels,
  lockBanZone,
  replaceBanZoneParcels,
  setPublishedBasisSummary,
  unionOutline,
  updateBanZone,
  type BanZoneRow,
  type BanZoneValues,
} from '../repos/ban-zone.repo.ts'
import { findJurisdictionCounty } from '../repos/registry.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import type {
  BanZoneAnswer,
  BanZonesResponse,
  CreateBanZoneBody,
  PublicBanZone,
  StrictParcelsResponse,
  UpdateBanZoneBody,
} from '../../../contracts/ban-zones.ts'
import type { AuthContext } from './auth.service.ts'
import { assertAdcodeInScope, conflictError } from './control-zones.service.ts'
import { checkOutline } from './registry-geometry.ts'
import { describeReview } from './review.service.ts'

/** Tile layers that show 禁止生产区域 (the public one changes only on 发布). */
export const BAN_ZONE_LAYERS = ['ban-zone']

export interface BanZoneDeps {
  db: Database
  settings: RegistrySettings & Pick<ParcelEditSettings, 'outsideToleranceM2'>
  onChanged: (layers: string[]) => void
}

const blankToNull = (v: string | null | undefined) =>
  v === null || v === undefined || v.trim() === '' ? null : v.trim()

/** Checks the chosen parcels (严格管控类 of the zone's county) and the drawn outline; the outline and basis. */
async function buildContent(
  tx: Queryable,
  ctx: AuthContext,
  deps: BanZoneDeps,
  county: { adcode: string; name: string },
  parcelIds: number[],
  drawn: unknown,
): Promise<Pick<BanZoneValues, 'basis' | 'geometry'>> {
  const ids = [...new Set(parcelIds)]
  const parcels = await findBanZoneParcels(tx, ids)
  const problems: Problem[] = []
  for (const id of ids) {
    const parcel = parcels.find((p) => p.id === id)
    if (!parcel) {
      problems.push({ code: 'PARCEL_NOT_FOUND', field: 'parcelIds', message: `没有编号为 ${id} 的耕地图斑` })
      continue
    }
    const problem = banZoneParcelProblem(parcel, county)
    if (problem) problems.push({ ...problem, field: 'parcelIds', location: parcel.location })
  }
  if (drawn) {
    const outline = await checkOutline(tx, ctx, drawn, '禁止生产区域边界', {
      adcode: county.adcode,
      maxVertices: deps.settings.zoneMaxVertices,
      outsideToleranceM2: deps.settings.outsideToleranceM2,
    })
    if (!outline.ok) problems.push(...outline.problems)
  }
  if (problems.length) throw new AppError('GEOMETRY_CHECK', problems.map((p) => p.message).join('；'), { problems })
  const union = await unionOutline(tx, county.adcode, ids, drawn ?? null)
  const byId = new Map(parcels.map((p) => [p.id, p]))
  return { basis: ids.map((id) => basisLineOf(byId.get(id)!)), geometry: union.geometry }
}

async function countyOf(db: Queryable, ctx: AuthContext, adcode: string): Promise<{ adcode: string; name: string }> {
  await assertAdcodeInScope(db, ctx, adcode)
  const county = await findJurisdictionCounty(db, adcode)
  return { adcode, name: county.name }
}

/** 划定禁止生产区域: a draft from the county's 严格管控类 parcels, its basis read from their published class. */
export async function createBanZone(deps: BanZoneDeps, ctx: AuthContext, input: CreateBanZoneBody) {
  const id = await deps.db.transaction(async (tx) => {
    const county = await countyOf(tx, ctx, input.adcode)
    const content = await buildContent(tx, ctx, deps, county, input.parcelIds, input.geometry)
    const values: BanZoneValues = {
      name: input.name.trim(),
      products: normalizeProducts(input.products),
      ...content,
      announcementNo: blankToNull(input.announcementNo),
      announcementDate: input.announcementDate ?? null,
      announcementText: blankToNull(input.announcementText),
    }
    const zone = await insertBanZone(tx, county.adcode, values, ctx.user.username)
    await replaceBanZoneParcels(tx, county.adcode, zone.id, [...new Set(input.parcelIds)])
    await insertHistory(tx, {
      adcode: county.adcode,
      entity: 'ban_zone',
      entityId: zone.id,
      action: 'create',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after: { ...values, geometry: undefined, code: zone.code, parcelIds: input.parcelIds },
    })
    return zone.id
  })
  deps.onChanged(BAN_ZONE_LAYERS)
  return getBanZone(deps.db, ctx, id)
}

/** Changes a 草稿 or 退回 zone; absent fields keep their value, parcels and basis are read again. */
export async function updateBanZoneOf(deps: BanZoneDeps, ctx: AuthContext, id: number, input: UpdateBanZoneBody) {
  await deps.db.transaction(async (tx) => {
    const locked = await lockBanZone(tx, id)
    if (!locked) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的禁止生产区域`)
    assertCountyInScope(ctx, locked.adcode, locked.county)
    if (locked.version !== input.version)
      throw await conflictError(tx, `禁止生产区域 ${locked.code} `, 'ban_zone', id, input.version, locked.version)
    if (!isEditableInReview(locked.review_status))
      throw new AppError(
        'CONFLICT',
        `禁止生产区域 ${locked.code} 当前为“${labelOf(REVIEW_STATUS, locked.review_status)}”，不能修改；已发布的请先“重新编辑”`,
      )
    const before = (await findBanZone(tx, id))!
    const parcelIds = input.parcelIds ?? before.parcel_ids.map(Number)
    const content = await buildContent(
      tx,
      ctx,
      deps,
      { adcode: locked.adcode, name: locked.county },
      parcelIds,
      input.geometry,
    )
    const pick = <T>(v: T | undefined, old: T) => (v === undefined ? old : v)
    const values: BanZoneValues = {
      name: input.name?.trim() ?? before.name,
      products: input.products === undefined ? before.products : normalizeProducts(input.products),
      ...content,
      announcementNo: blankToNull(pick(input.announcementNo, before.announcement_no)),
      announcementDate: pick(input.announcementDate, before.announcement_date),
      announcementText: blankToNull(pick(input.announcementText, before.announcement_text)),
    }
    await updateBanZone(tx, locked.adcode, id, values)
    await replaceBanZoneParcels(tx, locked.adcode, id, [...new Set(parcelIds)])
    await insertHistory(tx, {
      adcode: locked.adcode,
      entity: 'ban_zone',
      entityId: id,
      action: 'update',
      actor: ctx.user.username,
      reason: null,
      before: { name: before.name, products: before.products, parcelIds: before.parcel_ids.map(Number) },
      after: { name: values.name, products: values.products, parcelIds },
    })
  })
  deps.onChanged(BAN_ZONE_LAYERS)
  return getBanZone(deps.db, ctx, id)
}

function describeBanZone(row: BanZoneRow, ctx: AuthContext): BanZoneAnswer {
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    adcode: row.adcode,
    county: row.county,
    products: row.products,
    parcelIds: row.parcel_ids.map(Number),
    basis: row.basis.map((l) => ({
      parcelCode: l.parcelCode,
      townshipCode: l.townshipCode,
      areaMu: publicArea(l.areaM2).areaMu,
      className: l.className,
      pollutants: pollutantNames(l),
      sampleCount: l.sampleCount,
      summary: l.summary,
    })),
    basisSummary: describeBasis(row.basis),
    announcement: { number: row.announcement_no, date: row.announcement_date, text: row.announcement_text },
    areaMu: publicArea(row.area_m2).areaMu,
    geometry: row.geometry,
    version: row.version,
    isEditable: isEditableInReview(row.review_status),
    review: describeReview('ban-zone', { ...row, review_status: row.review_status as ReviewStatus }, ctx.user.role),
  }
}

export async function getBanZone(db: Queryable, ctx: AuthContext, id: number): Promise<BanZoneAnswer> {
  const row = await findBanZone(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的禁止生产区域`)
  assertCountyInScope(ctx, row.adcode, row.county)
  return describeBanZone(row, ctx)
}

/** The zones of the user's counties (or of one of them). */
export async function listBanZonesFor(db: Database, ctx: AuthContext, adcode?: string): Promise<BanZonesResponse> {
  if (adcode) await assertAdcodeInScope(db, ctx, adcode)
  const rows = await listBanZones(db, adcode ? [adcode] : scopeAdcodes(ctx))
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      adcode: r.adcode,
      county: r.county,
      products: r.products,
      parcelCount: r.parcel_count,
      areaMu: publicArea(r.area_m2).areaMu,
      reviewStatus: r.review_status,
      reviewStatusName: labelOf(REVIEW_STATUS, r.review_status),
      version: r.version,
    })),
  }
}

const pollutant = (e: string) => ELEMENT_NAME[e as Element] ?? e

/** The county's 严格管控类 parcels to choose from, with the zones that already hold each. */
export async function listStrictParcelsFor(
  db: Database,
  ctx: AuthContext,
  adcode: string,
  limit: number,
): Promise<StrictParcelsResponse> {
  await assertAdcodeInScope(db, ctx, adcode)
  const rows = await listStrictParcels(db, adcode, limit)
  const total = rows[0]?.total_count ?? 0
  return {
    parcels: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      township: r.township,
      areaMu: publicArea(Number(r.area_m2)).areaMu,
      pollutants: (r.main_pollutants as string[]).map(pollutant),
      bbox: r.bbox,
      zoneCodes: r.zone_codes,
    })),
    total,
    isTruncated: total > rows.length,
  }
}

/** Completes the published copy inside the 发布 transaction: the basis in one sentence, for the public. */
export async function publishBanZoneBasis(tx: Queryable, adcode: string, id: number): Promise<void> {
  const row = await findBanZone(tx, id)
  if (row) await setPublishedBasisSummary(tx, adcode, id, describeBasis(row.basis))
}

/** The published zones of one county or of all: public fields only. */
export async function listPublicBanZones(db: Database, adcode: string | null): Promise<PublicBanZone[]> {
  const rows = await listPublishedBanZones(db, adcode)
  return rows.map((r) => ({
    id: Number(r.id),
    adcode: r.adcode,
    county: r.county,
    code: r.code,
    name: r.name,
    products: r.products,
    basis: r.basis_summary,
    announcement: { number: r.announcement_no, date: r.announcement_date, text: r.announcement_text },
    parcelCount: r.parcel_count,
    areaMu: publicArea(r.area_m2).areaMu,
    publishedAt: new Date(r.published_at).toISOString(),
    bbox: r.bbox,
    isSample: r.is_generated,
  }))
}

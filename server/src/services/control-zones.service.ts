import type { Database, Queryable } from '../db/database.ts'
import {
  missingForSubmit,
  signProblem,
  zoneCode,
  zonePlotProblem,
  type RegistrySettings,
} from '../domain/control-zone.ts'
import { PLOT_STATUS, REVIEW_STATUS, labelOf } from '../domain/labels.ts'
import type { ParcelEditSettings } from '../domain/parcel-checks.ts'
import { PUBLIC_LISTS, listOfPlotStatus, monitoringOf, publicArea } from '../domain/public-fields.ts'
import { isEditableInReview, type ReviewStatus } from '../domain/review-workflow.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError, problemsError } from '../domain/errors.ts'
import type { ZoneAnswer, ZonesResponse } from '../../../contracts/zones.ts'
import {
  findJurisdictionCounty,
  findLastChange,
  findZone,
  findZonePlots,
  insertChange,
  insertZone,
  listZonePlots,
  listZoneSigns,
  listZones,
  lockZone,
  measureSigns,
  nextZoneNumber,
  replaceZonePlots,
  replaceZoneSigns,
  updateZone,
  type ZoneRow,
  type ZoneValues,
} from '../repos/registry.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { formatChangedAt, isoOf } from '../domain/changed-at.ts'
import { checkOutline, type Geo, type RegistryProblem } from './registry-geometry.ts'
import { describeReview } from './review.service.ts'

/** Tile layers that show control zones (the published one changes only on 发布). */
export const ZONE_LAYERS = ['control-zone']

export interface ControlZoneDeps {
  db: Database
  settings: RegistrySettings & Pick<ParcelEditSettings, 'outsideToleranceM2'>
  onChanged: (layers: string[]) => void
}

export interface SignInput {
  label: string
  lon: number
  lat: number
}

/** The fields of a zone an officer sends; on PATCH every one is optional and absent ones keep their value. */
export interface ZoneInput {
  name?: string
  adcode?: string
  geometry?: unknown
  plotIds?: number[]
  signs?: SignInput[]
  announcementNo?: string | null
  announcementDate?: string | null
  announcementText?: string | null
  monitorSoil?: boolean
  monitorSurfaceWater?: boolean
  monitorGroundwater?: boolean
  monitorAir?: boolean
}

const blankToNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null || v.trim() === '' ? null : v.trim()

/** A county code given in a query or body: in scope, or 403 naming it (404 when there is no such county). */
export async function assertAdcodeInScope(db: Queryable, ctx: AuthContext, adcode: string): Promise<void> {
  if (ctx.user.counties.some((c) => c.adcode === adcode)) return
  const county = await findJurisdictionCounty(db, adcode)
  if (!county || county.adcode !== adcode) throw new AppError('NOT_FOUND', `没有区县代码为 ${adcode} 的区县`)
  assertCountyInScope(ctx, adcode, `${county.city}${county.name}`)
}

/** The control zones of the user's counties (or of one of them). */
export async function listZonesFor(db: Database, ctx: AuthContext, adcode?: string): Promise<ZonesResponse> {
  if (adcode) await assertAdcodeInScope(db, ctx, adcode)
  const rows = await listZones(db, adcode ? [adcode] : scopeAdcodes(ctx))
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      name: r.name,
      adcode: r.adcode,
      county: r.county,
      reviewStatus: r.review_status,
      reviewStatusName: labelOf(REVIEW_STATUS, r.review_status),
      announcementNo: r.announcement_no,
      plotCount: r.plot_count,
      signCount: r.sign_count,
      ...publicArea(r.area_m2),
      version: r.version,
      updatedAt: isoOf(r.updated_at),
      isSample: r.is_generated,
    })),
  }
}

/** The 409 of a zone or enterprise changed since the user loaded it: who changed it last, when, and both versions. */
export async function conflictError(
  db: Queryable,
  what: string,
  entity: string,
  id: number,
  yourVersion: number,
  currentVersion: number,
): Promise<AppError> {
  const last = await findLastChange(db, entity, id)
  const by = last
    ? `已被 ${last.actor_name}（${last.actor}）于 ${formatChangedAt(last.changed_at)} 修改`
    : '已被他人修改'
  return new AppError(
    'CONFLICT',
    `${what}${by}（您看到的是第 ${yourVersion} 版，当前为第 ${currentVersion} 版），请刷新后重试`,
    {
      yourVersion,
      currentVersion,
      changedBy: last?.actor ?? null,
      changedByName: last?.actor_name ?? null,
      changedAt: last?.changed_at ?? null,
    },
  )
}

/** One zone for the panel: plots, signs (with their distance), announcement, monitoring, review and what is missing. */
export async function getZone(db: Queryable, ctx: AuthContext, id: number): Promise<ZoneAnswer> {
  const row = await findZone(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的管控区域`)
  assertCountyInScope(ctx, row.adcode, row.county_name)
  return describeZone(db, ctx, row)
}

async function describeZone(db: Queryable, ctx: AuthContext, row: ZoneRow): Promise<ZoneAnswer> {
  const [plots, signs, last] = await Promise.all([
    listZonePlots(db, row.adcode, row.id),
    listZoneSigns(db, row.adcode, row.id),
    findLastChange(db, 'control_zone', row.id),
  ])
  const missing = missingForSubmit({ ...row, sign_count: signs.length, plot_count: plots.length })
  return {
    id: Number(row.id),
    code: row.code,
    name: row.name,
    adcode: row.adcode,
    county: row.county,
    geometry: row.geometry,
    ...publicArea(row.area_m2),
    version: row.version,
    reviewStatus: row.review_status,
    reviewStatusName: labelOf(REVIEW_STATUS, row.review_status),
    review: describeReview('control-zone', { ...row, review_status: row.review_status as ReviewStatus }, ctx.user.role),
    isEditable: isEditableInReview(row.review_status),
    plots: plots.map((p) => {
      const list = listOfPlotStatus(p.status)
      return {
        id: Number(p.id),
        code: p.code,
        name: p.name,
        status: p.status,
        statusName: labelOf(PLOT_STATUS, p.status),
        list,
        listName: PUBLIC_LISTS[list].name,
        reviewStatus: p.review_status,
      }
    }),
    signs: signs.map((s) => ({
      id: Number(s.id),
      label: s.label,
      lon: s.lon,
      lat: s.lat,
      distanceM: Math.round(s.distance_m * 10) / 10,
    })),
    announcement: { number: row.announcement_no, date: row.announcement_date, text: row.announcement_text },
    monitoring: {
      soil: row.monitor_soil,
      surfaceWater: row.monitor_surface_water,
      groundwater: row.monitor_groundwater,
      air: row.monitor_air,
    },
    monitoringNames: monitoringOf(row),
    missingForSubmit: missing,
    isComplete: missing.length === 0,
    updatedAt: isoOf(row.updated_at),
    updatedBy: last?.actor ?? null,
    updatedByName: last?.actor_name ?? null,
    isSample: row.is_generated,
  }
}

/** Plots and signs checked against the zone's final outline and county; problems with the field at fault. */
async function checkContents(
  tx: Queryable,
  zone: { adcode: string; countyName: string; geometry: Geo },
  plotIds: number[],
  signs: SignInput[],
  maxDistanceM: number,
): Promise<RegistryProblem[]> {
  const problems: RegistryProblem[] = []
  const unique = [...new Set(plotIds)]
  if (unique.length !== plotIds.length)
    problems.push({ code: 'DUPLICATE_PLOT', field: 'plotIds', message: '受管控地块中有重复的地块' })
  const found = unique.length ? await findZonePlots(tx, unique, zone.geometry) : []
  for (const id of unique) {
    const p = found.find((f) => Number(f.id) === id)
    if (!p) {
      problems.push({ code: 'UNKNOWN_PLOT', field: 'plotIds', message: `没有编号为 ${id} 的污染地块` })
      continue
    }
    if (p.adcode !== zone.adcode) {
      problems.push({
        code: 'PLOT_OTHER_COUNTY',
        field: 'plotIds',
        message: `地块 ${p.code}（${p.name}）位于${p.county_name}，管控区域在${zone.countyName}，只能划入本区县的地块`,
      })
      continue
    }
    const stateProblem = zonePlotProblem(p)
    if (stateProblem) problems.push({ code: 'PLOT_STATE', field: 'plotIds', message: stateProblem })
    if (!p.is_in_zone)
      problems.push({
        code: 'PLOT_OUTSIDE_ZONE',
        field: 'plotIds',
        message: `地块 ${p.code}（${p.name}）不在管控区域范围内，管控区域应覆盖其保护的地块`,
      })
  }
  const distances = await measureSigns(tx, zone.geometry, signs)
  signs.forEach((s, index) => {
    const message = signProblem({ index, label: s.label, distanceM: distances[index] }, maxDistanceM)
    if (message) problems.push({ code: 'SIGN_TOO_FAR', field: `signs.${index}`, message, location: [s.lon, s.lat] })
  })
  return problems
}

function snapshot(code: string, v: ZoneValues, plotIds: number[], signs: SignInput[], version: number) {
  return {
    code,
    name: v.name,
    version,
    announcementNo: v.announcementNo,
    announcementDate: v.announcementDate,
    announcementText: v.announcementText,
    monitoring: {
      soil: v.monitorSoil,
      surfaceWater: v.monitorSurfaceWater,
      groundwater: v.monitorGroundwater,
      air: v.monitorAir,
    },
    plotIds: [...plotIds].sort((a, b) => a - b),
    signs,
    geometry: v.geometry,
  }
}

/** 新建管控区域: checks outline, plots and signs, takes the next code of the county and writes a draft with its history. */
export async function createZone(
  deps: ControlZoneDeps,
  ctx: AuthContext,
  input: ZoneInput & { name: string; geometry: unknown },
) {
  const id = await deps.db.transaction(async (tx) => {
    const outline = await checkOutline(tx, ctx, input.geometry, '管控区域边界', {
      adcode: input.adcode ?? null,
      maxVertices: deps.settings.zoneMaxVertices,
      outsideToleranceM2: deps.settings.outsideToleranceM2,
    })
    if (!outline.ok) throw problemsError(outline.problems)
    const plotIds = input.plotIds ?? []
    const signs = input.signs ?? []
    const problems = await checkContents(
      tx,
      { adcode: outline.adcode, countyName: outline.countyName, geometry: outline.geometry },
      plotIds,
      signs,
      deps.settings.signMaxDistanceM,
    )
    if (problems.length) throw problemsError(problems)
    const values: ZoneValues = {
      name: input.name.trim(),
      geometry: outline.geometry,
      announcementNo: blankToNull(input.announcementNo) ?? null,
      announcementDate: input.announcementDate ?? null,
      announcementText: blankToNull(input.announcementText) ?? null,
      monitorSoil: input.monitorSoil ?? true,
      monitorSurfaceWater: input.monitorSurfaceWater ?? false,
      monitorGroundwater: input.monitorGroundwater ?? false,
      monitorAir: input.monitorAir ?? false,
    }
    const code = zoneCode(outline.adcode, await nextZoneNumber(tx, outline.adcode))
    const zoneId = await insertZone(tx, outline.adcode, code, values)
    await replaceZonePlots(tx, outline.adcode, zoneId, plotIds)
    await replaceZoneSigns(tx, outline.adcode, zoneId, signs)
    await insertChange(tx, {
      adcode: outline.adcode,
      entity: 'control_zone',
      entityId: zoneId,
      action: 'create',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after: snapshot(code, values, plotIds, signs, 1),
    })
    return zoneId
  })
  deps.onChanged(ZONE_LAYERS)
  return getZone(deps.db, ctx, id)
}

/** 修改管控区域 (draft or returned only): merges the change into the current zone, checks the whole, writes history. */
export async function updateZoneOf(
  deps: ControlZoneDeps,
  ctx: AuthContext,
  id: number,
  input: ZoneInput & { version: number; reason?: string },
) {
  await deps.db.transaction(async (tx) => {
    const locked = await lockZone(tx, id)
    if (!locked) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的管控区域`)
    assertCountyInScope(ctx, locked.adcode, locked.county_name)
    if (locked.version !== input.version)
      throw await conflictError(tx, `管控区域“${locked.name}”`, 'control_zone', id, input.version, locked.version)
    if (!isEditableInReview(locked.review_status)) {
      const hint = locked.review_status === 'published' ? '请先“重新编辑”' : '请等待审定，或由审定人退回后再修改'
      throw new AppError(
        'CONFLICT',
        `管控区域“${locked.name}”当前为“${labelOf(REVIEW_STATUS, locked.review_status)}”，不能修改；${hint}`,
      )
    }
    if (input.adcode !== undefined && input.adcode !== locked.adcode) {
      throw new AppError(
        'VALIDATION',
        `管控区域“${locked.name}”属于${locked.county_name}，不能改到其他区县；请在该区县新建管控区域`,
      )
    }
    const current = (await findZone(tx, id))!
    const currentPlots = (await listZonePlots(tx, locked.adcode, id)).map((p) => Number(p.id))
    const currentSigns = (await listZoneSigns(tx, locked.adcode, id)).map((s) => ({
      label: s.label,
      lon: s.lon,
      lat: s.lat,
    }))
    let geometry: Geo = current.geometry
    if (input.geometry !== undefined) {
      const outline = await checkOutline(tx, ctx, input.geometry, '管控区域边界', {
        adcode: locked.adcode,
        maxVertices: deps.settings.zoneMaxVertices,
        outsideToleranceM2: deps.settings.outsideToleranceM2,
      })
      if (!outline.ok) throw problemsError(outline.problems)
      geometry = outline.geometry
    }
    const plotIds = input.plotIds ?? currentPlots
    const signs = input.signs ?? currentSigns
    const problems = await checkContents(
      tx,
      { adcode: locked.adcode, countyName: locked.county_name, geometry },
      plotIds,
      signs,
      deps.settings.signMaxDistanceM,
    )
    if (problems.length) throw problemsError(problems)
    const before: ZoneValues = {
      name: current.name,
      geometry: current.geometry,
      announcementNo: current.announcement_no,
      announcementDate: current.announcement_date,
      announcementText: current.announcement_text,
      monitorSoil: current.monitor_soil,
      monitorSurfaceWater: current.monitor_surface_water,
      monitorGroundwater: current.monitor_groundwater,
      monitorAir: current.monitor_air,
    }
    const after: ZoneValues = {
      name: input.name?.trim() ?? before.name,
      geometry,
      announcementNo:
        blankToNull(input.announcementNo) === undefined ? before.announcementNo : blankToNull(input.announcementNo)!,
      announcementDate: input.announcementDate === undefined ? before.announcementDate : input.announcementDate,
      announcementText:
        blankToNull(input.announcementText) === undefined
          ? before.announcementText
          : blankToNull(input.announcementText)!,
      monitorSoil: input.monitorSoil ?? before.monitorSoil,
      monitorSurfaceWater: input.monitorSurfaceWater ?? before.monitorSurfaceWater,
      monitorGroundwater: input.monitorGroundwater ?? before.monitorGroundwater,
      monitorAir: input.monitorAir ?? before.monitorAir,
    }
    const version = await updateZone(tx, locked.adcode, id, after)
    await replaceZonePlots(tx, locked.adcode, id, plotIds)
    await replaceZoneSigns(tx, locked.adcode, id, signs)
    await insertChange(tx, {
      adcode: locked.adcode,
      entity: 'control_zone',
      entityId: id,
      action: 'update',
      actor: ctx.user.username,
      reason: input.reason?.trim() || null,
      before: snapshot(locked.code, before, currentPlots, currentSigns, locked.version),
      after: snapshot(locked.code, after, plotIds, signs, version),
    })
  })
  deps.onChanged(ZONE_LAYERS)
  return getZone(deps.db, ctx, id)
}

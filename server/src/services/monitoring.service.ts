import type { Database, Queryable } from '../db/database.ts'
import { DEFAULT_RULE_SET } from '../domain/class-rules.ts'
import {
  FLAG_LABEL,
  MEDIUM_NAME,
  POINT_LEVEL,
  POINT_STATUS,
  POINT_TYPE,
  flagResult,
  landUseName,
  pointRights,
  resultRefusal,
  standardOfPoint,
  worstFlag,
  type MonitoringJudgeSettings,
  type MonitoringSettings,
  type PointLevel,
  type PointStandard,
  type PointStatus,
  type PointType,
  type ValueKey,
} from '../domain/monitoring.ts'
import { checkResult, describeResultKey, resultKey, type RawResult } from '../domain/monitoring-entry.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  countPoints,
  findPoint,
  findResultKeys,
  insertPoint,
  insertResults,
  listPoints,
  listResults,
  locatePoint,
  updatePoint,
  type PointListRow,
  type PointRow,
  type ResultRow,
} from '../repos/monitoring.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type { UploadGuardSettings } from './upload-guard.ts'
import type { NewResultResponse, PointDetail, PointList } from '../../../contracts/monitoring.ts'

export interface MonitoringDeps {
  db: Database
  settings: MonitoringSettings & { uploadGuard: UploadGuardSettings }
  /** Called with the tile layers whose data changed (a point registered or edited), so their cached tiles go. */
  onChanged?: (layers: string[]) => void
}

/** The tile layer of the points (server/src/tiles/layers.ts). */
export const POINT_LAYER = 'monitoring-point'

/** The judgement settings: construction-land class from config, GB 2762 edition and ratio of the default rule set. */
export function judgeSettings(settings: MonitoringSettings): MonitoringJudgeSettings {
  return {
    constructionLandClass: settings.constructionLandClass,
    cropRules: { gb2762Edition: DEFAULT_RULE_SET.gb2762Edition, cropSeriousRatio: DEFAULT_RULE_SET.cropSeriousRatio },
  }
}

/** Today in China (UTC+8), the day the officers count in. */
export function todayInChina(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

function describeListRow(r: PointListRow) {
  return {
    id: Number(r.id),
    adcode: r.adcode,
    county: r.county,
    code: r.code,
    name: r.name,
    level: r.level,
    levelName: POINT_LEVEL[r.level],
    type: r.point_type,
    typeName: POINT_TYPE[r.point_type],
    status: r.status,
    statusName: POINT_STATUS[r.status],
    landUse: r.land_use,
    landUseName: landUseName(r.land_use),
    township: r.township,
    lon: r.lon,
    lat: r.lat,
    results: Number(r.results),
    lastSampledOn: r.last_sampled_on,
    isGenerated: r.is_generated,
    version: r.version,
  }
}

export interface PointQuery {
  adcode?: string
  level?: PointLevel
  type?: PointType
  status?: PointStatus
  q?: string
}

/** The points of the caller's counties (or one of them), filtered, with counts by level, type and status. */
export async function listPointsFor(deps: MonitoringDeps, ctx: AuthContext, query: PointQuery): Promise<PointList> {
  let adcodes = scopeAdcodes(ctx)
  if (query.adcode) {
    const county = ctx.user.counties.find((c) => c.adcode === query.adcode)
    assertCountyInScope(ctx, query.adcode, county?.name ?? query.adcode)
    adcodes = [query.adcode]
  }
  const filter = {
    adcodes,
    level: query.level ?? null,
    type: query.type ?? null,
    status: query.status ?? null,
    q: query.q?.trim() || null,
  }
  const [rows, counts] = await Promise.all([
    listPoints(deps.db, { ...filter, limit: deps.settings.listLimit }),
    countPoints(deps.db, filter),
  ])
  const byDimension = (d: 'level' | 'type' | 'status', names: Record<string, string>) =>
    Object.entries(names).map(([key, name]) => ({
      key,
      name,
      count: Number(counts.find((c) => c.dimension === d && c.key === key)?.n ?? 0),
    }))
  const total = counts.filter((c) => c.dimension === 'level').reduce((sum, c) => sum + Number(c.n), 0)
  return {
    items: rows.map(describeListRow),
    total,
    isTruncated: total > rows.length,
    counts: {
      level: byDimension('level', POINT_LEVEL),
      type: byDimension('type', POINT_TYPE),
      status: byDimension('status', POINT_STATUS),
    },
  }
}

function describeResult(r: ResultRow, standard: PointStandard, judge: MonitoringJudgeSettings) {
  const flags = flagResult({ medium: r.medium, crop: r.crop, ph: r.ph, values: r.values_mg_kg }, standard, judge)
  const worst = worstFlag(flags)
  return {
    id: Number(r.id),
    sampledOn: r.sampled_on,
    medium: r.medium,
    mediumName: MEDIUM_NAME[r.medium],
    crop: r.crop,
    ph: r.ph,
    organicMatterGKg: r.organic_matter_g_kg,
    ploughDepthCm: r.plough_depth_cm,
    flags,
    worst,
    worstLabel: FLAG_LABEL[worst],
    isGenerated: r.is_generated,
    importId: r.import_id === null ? null : Number(r.import_id),
    enteredBy: r.entered_by,
  }
}

function describePoint(ctx: AuthContext, p: PointRow, results: ResultRow[], settings: MonitoringSettings) {
  const judge = judgeSettings(settings)
  const standard = standardOfPoint(p.land_use, judge)
  return {
    id: Number(p.id),
    adcode: p.adcode,
    county: p.county,
    code: p.code,
    name: p.name,
    level: p.level,
    levelName: POINT_LEVEL[p.level],
    type: p.point_type,
    typeName: POINT_TYPE[p.point_type],
    status: p.status,
    statusName: POINT_STATUS[p.status],
    township: p.township,
    landUse: p.land_use,
    landUseName: landUseName(p.land_use),
    soilType: p.soil_type,
    lon: p.lon,
    lat: p.lat,
    isGenerated: p.is_generated,
    version: p.version,
    plannedBasis: p.planned_basis ?? null,
    createdBy: p.created_by,
    createdAt: new Date(p.created_at).toISOString(),
    standard: { kind: standard.kind, label: standard.label },
    cropStandard: `${judge.cropRules.gb2762Edition}（农产品）`,
    rights: pointRights(ctx.user.role, p.point_type),
    results: results.map((r) => describeResult(r, standard, judge)),
  }
}

async function mustFindPoint(db: Queryable, ctx: AuthContext, id: number, lock = false): Promise<PointRow> {
  const point = await findPoint(db, id, lock)
  if (!point) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的监测点位`)
  assertCountyInScope(ctx, point.adcode, point.county)
  return point
}

/** One point of the caller's counties with every result over time, each value flagged against its standard. */
export async function getPointDetail(deps: MonitoringDeps, ctx: AuthContext, id: number): Promise<PointDetail> {
  const point = await mustFindPoint(deps.db, ctx, id)
  return describePoint(ctx, point, await listResults(deps.db, point.adcode, point.id), deps.settings)
}

export interface NewPointInput {
  adcode?: string
  code: string
  name: string
  level: PointLevel
  type: PointType
  status: 'active' | 'planned'
  lon: number
  lat: number
  landUse?: string | null
  soilType?: string | null
}

/**
 * Registers a point (environment officer): the position must lie in a county of the caller's scope (and in the
 * county named, when one is); township and, unless given, the 三调 land code are taken from the position; the
 * code must be new in the county. Point and history row in one transaction.
 */
export async function createPoint(deps: MonitoringDeps, ctx: AuthContext, input: NewPointInput): Promise<PointDetail> {
  const id = await deps.db.transaction(async (tx) => {
    const [place] = await locatePoint(tx, input.lon, input.lat)
    const where = `经度 ${input.lon}、纬度 ${input.lat}`
    if (!place)
      throw new AppError(
        'GEOMETRY_CHECK',
        `点位位置（${where}）不在任何已登记的区县内，请核对坐标（CGCS2000 经纬度）`,
        { problems: [{ code: 'OUTSIDE_COUNTY', field: 'lon', message: '位置不在区县内' }] },
      )
    if (input.adcode && input.adcode !== place.adcode) {
      throw new AppError(
        'GEOMETRY_CHECK',
        `点位位置（${where}）在${place.county}（${place.adcode}）境内，不在所选区县（${input.adcode}）内`,
        { problems: [{ code: 'OUTSIDE_COUNTY', field: 'adcode', message: '位置与所选区县不符' }] },
      )
    }
    assertCountyInScope(ctx, place.adcode, place.county)
    const landUse = input.landUse?.trim() || place.parcel_dlbm
    const newId = await insertPoint(tx, {
      adcode: place.adcode,
      code: input.code.trim(),
      name: input.name.trim(),
      level: input.level,
      type: input.type,
      status: input.status,
      townshipCode: place.township_code,
      landUse: landUse ?? null,
      soilType: input.soilType?.trim() || null,
      lon: input.lon,
      lat: input.lat,
      createdBy: ctx.user.username,
    })
    if (newId === null)
      throw new AppError('CONFLICT', `${place.county}已有编号为「${input.code.trim()}」的监测点位，请换一个编号`, {
        problems: [{ code: 'DUPLICATE_CODE', field: 'code', message: '编号已存在' }],
      })
    const after = {
      code: input.code.trim(),
      name: input.name.trim(),
      level: input.level,
      type: input.type,
      status: input.status,
      landUse,
      townshipCode: place.township_code,
      lon: input.lon,
      lat: input.lat,
    }
    await insertHistory(tx, {
      adcode: place.adcode,
      entity: 'monitoring_point',
      entityId: newId,
      action: 'create',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after,
    })
    return newId
  })
  deps.onChanged?.([POINT_LAYER])
  return getPointDetail(deps, ctx, id)
}

export interface PointEdit {
  version: number
  name?: string
  level?: PointLevel
  type?: PointType
  status?: PointStatus
}

/** Edits level, type, status or name (environment officer) against the version read; 409 when someone was first. */
export async function editPoint(
  deps: MonitoringDeps,
  ctx: AuthContext,
  id: number,
  edit: PointEdit,
): Promise<PointDetail> {
  await deps.db.transaction(async (tx) => {
    const point = await mustFindPoint(tx, ctx, id, true)
    if (point.version !== edit.version) {
      throw new AppError(
        'CONFLICT',
        `点位「${point.code}」已被他人修改（现为第 ${point.version} 版，您编辑的是第 ${edit.version} 版），请刷新后再改`,
        { currentVersion: point.version },
      )
    }
    const before = { name: point.name, level: point.level, type: point.point_type, status: point.status }
    const after = {
      name: edit.name?.trim() ?? point.name,
      level: edit.level ?? point.level,
      type: edit.type ?? point.point_type,
      status: edit.status ?? point.status,
    }
    await updatePoint(tx, id, after)
    await insertHistory(tx, {
      adcode: point.adcode,
      entity: 'monitoring_point',
      entityId: id,
      action: 'update',
      actor: ctx.user.username,
      reason: null,
      before,
      after,
    })
  })
  deps.onChanged?.([POINT_LAYER])
  return getPointDetail(deps, ctx, id)
}

/** A result as the entry form sends it: numbers, or text from a field, or null. */
export interface ResultInput {
  sampledOn: string
  medium?: string
  crop?: string | null
  ph?: number | string | null
  organicMatterGKg?: number | string | null
  ploughDepthCm?: number | string | null
  values?: Partial<Record<ValueKey, number | string | null>>
}

const asText = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v))

export function rawOfInput(input: ResultInput): RawResult {
  return {
    sampledOn: input.sampledOn,
    medium: input.medium ?? '',
    crop: input.crop ?? '',
    ph: asText(input.ph),
    organicMatterGKg: asText(input.organicMatterGKg),
    ploughDepthCm: asText(input.ploughDepthCm),
    values: Object.fromEntries(Object.entries(input.values ?? {}).map(([k, v]) => [k, asText(v)])),
  }
}

/**
 * Enters one result at a point: the caller's role must be allowed on the point's type (403 naming why), the point
 * must be in service or retired (a planned point has no samples yet: 409), the values pass the checks (400 with
 * every problem), and the same point, date, medium and crop must not be there yet (409). One transaction.
 */
export async function addResult(
  deps: MonitoringDeps,
  ctx: AuthContext,
  id: number,
  input: ResultInput,
  today = todayInChina(),
): Promise<NewResultResponse> {
  const resultId = await deps.db.transaction(async (tx) => {
    const point = await mustFindPoint(tx, ctx, id, true)
    const refusal = resultRefusal(ctx.user.role, point.point_type, point.code)
    if (refusal) throw new AppError('FORBIDDEN', refusal)
    if (point.status === 'planned')
      throw new AppError('CONFLICT', `点位「${point.code}」是规划点位，尚未启用，不能录入结果；请先将状态改为在用`)
    const checked = checkResult(rawOfInput(input), deps.settings, today)
    if (!checked.ok) {
      throw new AppError('VALIDATION', checked.problems.map((p) => p.message).join('；'), {
        problems: checked.problems.map((p) => ({
          code: 'INVALID_FIELD',
          field: p.field,
          column: p.column,
          message: p.message,
        })),
      })
    }
    const keys = await findResultKeys(tx, [{ adcode: point.adcode, id: point.id }])
    const key = resultKey(point.id, checked.value)
    if (
      keys.some(
        (k) => resultKey(Number(k.point_id), { sampledOn: k.sampled_on, medium: k.medium, crop: k.crop }) === key,
      )
    ) {
      throw new AppError('CONFLICT', `${describeResultKey(point.code, checked.value)}已录入，不能重复录入`)
    }
    const [newId] = await insertResults(
      tx,
      [{ ...checked.value, adcode: point.adcode, pointId: point.id }],
      null,
      ctx.user.username,
    )
    return newId
  })
  const detail = await getPointDetail(deps, ctx, id)
  return { result: detail.results.find((r) => r.id === resultId)!, point: detail }
}

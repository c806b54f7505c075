import type { MultiPolygon, Polygon, Position } from 'geojson'
import type { Database, Queryable } from '../db/database.ts'
import { DEFAULT_RULE_SET, type ClassRuleSet } from '../domain/class-rules.ts'
import { CLASS_LABEL, classifyParcel, type FarmlandClass } from '../domain/classify-farmland.ts'
import {
  GDPDJB_CODES, LAND_CODES, QSXZ_CODES, ZZSXDM_CODES, checkAttributes, landCodeName, type ParcelAttributes,
} from '../domain/parcel-attributes.ts'
import {
  checkCounty, checkOverlaps, checkPolygonCoordinates, checkPolygonShape, checkSize, checkVertices, describeInvalidity,
  type Finding, type ParcelEditSettings, type Problem,
} from '../domain/parcel-checks.ts'
import { m2ToHectares, m2ToMu } from '../domain/units.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  fillListFromPublished, findNextDraftList, findRuleSet, insertEditList, lockDraftLists, recountLists, touchList, upsertEntries,
  type NewEntry,
} from '../repos/classification.repo.ts'
import {
  allocateCodes, deleteParcel, findParcelEvidenceByIds, findParcels, findRemoval, findTownshipByCode, findTownshipOf,
  insertParcel, listParcelsInBbox, listPointSamplesByIds, lockParcels, measureCounty, measureOverlaps, measureSize,
  measureValidity, refreshOverviewArea, updateParcel, type ParcelRow, type ParcelValues,
} from '../repos/parcels.repo.ts'
import { insertHistory, type HistoryEntry } from '../repos/review.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { gradePoint } from './classification-runner.ts'

/** Tile layers that show parcels; both are invalidated after every saved edit. */
export const PARCEL_LAYERS = ['parcel', 'parcel-overview']

/** What the parcel services need. */
export interface ParcelEditDeps {
  db: Database
  settings: ParcelEditSettings
  /** Called after a commit with the tile layers to invalidate. */
  onChanged: (layers: string[]) => void
}

export type Geo = Polygon | MultiPolygon
type Bbox = [number, number, number, number]

/** A parcel in the history (before/after of a change). */
export interface ParcelSnapshot {
  id: number
  code: string
  dlbm: string
  dlmc: string
  townshipCode: string | null
  qsxz: string | null
  qsdwmc: string | null
  zldwmc: string | null
  kcxs: number | null
  gdpdjb: string | null
  zzsxdm: string | null
  bz: string | null
  class: FarmlandClass
  classMethod: string | null
  classBasis: unknown
  /** The class list the published class came from (snapshots since lists are carried through edits). */
  classListId?: number | null
  parentCodes: string[] | null
  version: number
  areaM2: number
  geometry: MultiPolygon
}

export interface ChangeResult {
  index: number
  op: 'create' | 'update' | 'delete' | 'restore'
  id: number
  code: string
  version: number
  areaM2: number
  class: FarmlandClass
}

export type Change =
  | { op: 'create'; geometry: unknown; attributes: ParcelAttributes; classMode?: 'recompute' }
  | { op: 'update'; id: number; version: number; geometry?: unknown; attributes?: Partial<ParcelAttributes>; classMode?: 'keep' | 'recompute' }
  | { op: 'delete'; id: number; version: number }

/** A geometry that passed every check, with the county it lies in. */
export interface CheckedGeometry {
  geometry: Geo
  adcode: string
  county: string
  areaM2: number
}

export function snapshotOf(row: ParcelRow): ParcelSnapshot {
  return {
    id: Number(row.id), code: row.code, dlbm: row.dlbm, dlmc: landCodeName(row.dlbm) ?? row.dlbm, townshipCode: row.township_code,
    qsxz: row.qsxz, qsdwmc: row.qsdwmc, zldwmc: row.zldwmc, kcxs: row.kcxs, gdpdjb: row.gdpdjb, zzsxdm: row.zzsxdm, bz: row.bz,
    class: row.class, classMethod: row.class_method, classBasis: row.class_basis,
    classListId: row.class_list_id === null ? null : Number(row.class_list_id), parentCodes: row.parent_codes,
    version: row.version, areaM2: row.area_m2, geometry: row.geometry,
  }
}

/** A parcel as GeoJSON Feature for the editor. */
export function featureOf(row: ParcelRow) {
  return {
    type: 'Feature' as const,
    id: Number(row.id),
    geometry: row.geometry,
    properties: {
      id: Number(row.id), adcode: row.adcode, code: row.code, dlbm: row.dlbm, dlmc: landCodeName(row.dlbm) ?? row.dlbm,
      townshipCode: row.township_code, townshipName: row.township_name, qsxz: row.qsxz, qsdwmc: row.qsdwmc, zldwmc: row.zldwmc,
      kcxs: row.kcxs, gdpdjb: row.gdpdjb, zzsxdm: row.zzsxdm, bz: row.bz, class: row.class, className: CLASS_LABEL[row.class],
      classMethod: row.class_method, classBasis: row.class_basis, parentCodes: row.parent_codes, version: row.version,
      areaM2: row.area_m2, areaMu: m2ToMu(row.area_m2), areaHa: m2ToHectares(row.area_m2),
      updatedAt: row.updated_at, updatedBy: row.updated_by, updatedByName: row.updated_by_name ?? row.updated_by,
    },
  }
}

export function resultOf(index: number, op: ChangeResult['op'], row: ParcelRow): ChangeResult {
  return { index, op, id: Number(row.id), code: row.code, version: row.version, areaM2: row.area_m2, class: row.class }
}

/** The attributes of a stored parcel. */
export function attributesOf(row: ParcelRow): ParcelAttributes {
  return {
    dlbm: row.dlbm, townshipCode: row.township_code, qsxz: row.qsxz, qsdwmc: row.qsdwmc, zldwmc: row.zldwmc, kcxs: row.kcxs,
    gdpdjb: row.gdpdjb, zzsxdm: row.zzsxdm, bz: row.bz,
  }
}

/** Blank text is no value. */
function cleanAttributes<T extends Partial<ParcelAttributes>>(a: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(a)) if (v !== undefined) out[k] = typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v
  return out as T
}

const beijing = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })

/** "2026-11-23 14:05" (Beijing time). */
export function formatChangedAt(at: Date): string {
  return beijing.format(at)
}

const REMOVAL_WORD: Record<string, string> = { delete: '删除', split: '分割（原图斑已删除）', merge: '合并（原图斑已删除）' }

function bboxOf(g: Geo): Bbox {
  const positions: Position[] = g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2)
  const xs = positions.map((p) => p[0])
  const ys = positions.map((p) => p[1])
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

/** The 409 of a parcel that changed (or went away) since the user loaded it. */
async function conflictError(db: Queryable, id: number, yourVersion: number, row: ParcelRow | undefined): Promise<AppError> {
  if (row) {
    const who = row.updated_by_name ?? row.updated_by
    return new AppError('CONFLICT',
      `图斑 ${row.code} 已被 ${who}（${row.updated_by}）于 ${formatChangedAt(row.updated_at)} 修改（您编辑的是第 ${yourVersion} 版，当前为第 ${row.version} 版）`,
      { id, code: row.code, yourVersion, currentVersion: row.version, changedBy: row.updated_by, changedByName: who, changedAt: row.updated_at, current: featureOf(row) })
  }
  const removal = (await findRemoval(db, id))!
  const who = removal.actor_name ?? removal.actor
  const code = removal.before?.code ?? String(id)
  return new AppError('CONFLICT',
    `图斑 ${code} 已被 ${who}（${removal.actor}）于 ${formatChangedAt(removal.changed_at)} ${REMOVAL_WORD[removal.action]}（您编辑的是第 ${yourVersion} 版）`,
    { id, code, yourVersion, currentVersion: null, changedBy: removal.actor, changedByName: who, changedAt: removal.changed_at, current: null })
}

/**
 * The class of parcels from the monitoring evidence, with the default rule set, as entries of a class list; the
 * basis says it was recomputed after an edit (and from which parcels, for split and merge results).
 */
async function recomputeEntries(tx: Queryable, adcode: string, ids: number[], from: string[] | undefined): Promise<{ rules: ClassRuleSet; entries: NewEntry[] }> {
  const stored = await findRuleSet(tx, null)
  const rules: ClassRuleSet = stored ? { ...(stored.rules as ClassRuleSet), version: stored.version } : DEFAULT_RULE_SET
  const evidence = await findParcelEvidenceByIds(tx, adcode, ids, rules.interpolation.maxDistanceM, rules.interpolation.maxSamples)
  const pointIds = [...new Set(evidence.flatMap((e) => [...e.inside_ids, ...e.near_ids]))]
  const graded = new Map((await listPointSamplesByIds(tx, adcode, pointIds)).map((r) => [Number(r.id), gradePoint(r, rules)]))
  const entries = evidence.map((e): NewEntry => {
    const inside = e.inside_ids.flatMap((id) => (graded.has(id) ? [{ ...graded.get(id)!, distanceM: 0 }] : []))
    const nearby = e.near_ids.flatMap((id, i) => (graded.has(id) ? [{ ...graded.get(id)!, distanceM: e.near_distances[i] }] : []))
    const c = classifyParcel({ inside, nearby }, rules)
    return {
      parcelId: e.parcel_id, class: c.class, method: c.method, soilGrade: c.soilGrade, mainPollutants: c.mainPollutants, sampleCount: c.sampleCount,
      basis: { ...c.basis, edit: { mode: 'recompute', ruleSetVersion: rules.version, ...(from ? { from } : {}) } },
    }
  })
  return { rules, entries }
}

/**
 * One user action on parcels inside one transaction: every change is checked (shape → CRS/range → validity →
 * vertices → area/sliver → county → overlap, then attributes) and applied in order when it passes, so a later
 * change sees the earlier ones. Problems are collected; the caller decides to roll back.
 */
export class ParcelEdit {
  readonly problems: Problem[] = []
  private readonly touched = new Map<string, Bbox>()
  /** Counties whose class list entries the action added or removed. */
  private readonly listCounties = new Set<string>()

  constructor(readonly tx: Queryable, readonly ctx: AuthContext, readonly settings: ParcelEditSettings, readonly reason: string | null) {}

  add(index: number, findings: Finding[]): void {
    for (const f of findings) this.problems.push({ index, ...f })
  }

  /** Marks the area of a geometry for the overview refresh. */
  touch(adcode: string, g: Geo): void {
    const b = bboxOf(g)
    const a = this.touched.get(adcode)
    this.touched.set(adcode, a ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])] : b)
  }

  async refreshOverview(): Promise<void> {
    for (const [adcode, bbox] of this.touched) await refreshOverviewArea(this.tx, adcode, bbox)
  }

  async history(adcode: string, entityId: number, action: HistoryEntry['action'], before: unknown, after: unknown, reason = this.reason): Promise<void> {
    await insertHistory(this.tx, { adcode, entity: 'farmland_parcel', entityId, action, actor: this.ctx.user.username, reason, before, after })
  }

  /** The parcel, locked, in scope and at `version`; 404 when it never existed, 409 when changed or removed since. */
  async lockCurrent(id: number, version: number | undefined): Promise<ParcelRow> {
    const locked = await lockParcels(this.tx, [id])
    if (!locked.length) {
      const removal = await findRemoval(this.tx, id)
      if (!removal) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的耕地图斑`)
      assertCountyInScope(this.ctx, removal.adcode, removal.county)
      throw await conflictError(this.tx, id, version ?? removal.last_version ?? 0, undefined)
    }
    const [row] = await findParcels(this.tx, [id])
    assertCountyInScope(this.ctx, row.adcode, row.county)
    if (version !== undefined && version !== row.version) throw await conflictError(this.tx, id, version, row)
    return row
  }

  async read(id: number): Promise<ParcelRow> {
    return (await findParcels(this.tx, [id]))[0]
  }

  /** Every geometry check in order, stopping at the first failing stage; null (with problems added) on failure. */
  async checkGeometry(index: number, input: unknown, where: string, opts: { adcode: string | null; excludeIds: number[] }): Promise<CheckedGeometry | null> {
    const fail = (findings: Finding[]) => { this.add(index, findings); return null }
    const shape = checkPolygonShape(input, where)
    if (!shape.ok) return fail(shape.findings)
    const g = shape.geometry
    const coordinates = checkPolygonCoordinates(g, shape.crs, where)
    if (coordinates.length) return fail(coordinates)
    const invalid = describeInvalidity(await measureValidity(this.tx, g), where)
    if (invalid.length) return fail(invalid)
    const vertices = checkVertices(g, this.settings, where)
    if (vertices.length) return fail(vertices)
    const size = await measureSize(this.tx, g)
    const small = checkSize({ areaM2: size.area_m2, widthM: size.width_m, centre: [size.lon, size.lat] }, this.settings, where)
    if (small.length) return fail(small)
    const county = await measureCounty(this.tx, g, opts.adcode)
    if (county && opts.adcode === null) assertCountyInScope(this.ctx, county.adcode, county.name)
    const outside = checkCounty({
      county: county ? { adcode: county.adcode, name: county.name } : null,
      outsideM2: county?.outside_m2 ?? 0, outsideAt: county?.lon != null && county.lat != null ? [county.lon, county.lat] : null,
    }, this.settings, where)
    if (outside.length) return fail(outside)
    const overlaps = checkOverlaps((await measureOverlaps(this.tx, g, opts.excludeIds)).map((o) => ({
      neighbourCode: o.code, overlapM2: o.overlap_m2, at: [o.lon, o.lat] as [number, number], geometry: o.geometry,
    })), this.settings, where)
    if (overlaps.length) return fail(overlaps)
    return { geometry: g, adcode: county!.adcode, county: county!.name, areaM2: size.area_m2 }
  }

  /**
   * Attribute problems, and the township to store: the one given (it must be of the county), else the one of
   * the geometry when it is known and new, else `current`.
   */
  async checkAttributesOf(index: number, a: ParcelAttributes, where: string, place: { adcode: string | null; geometry: Geo | null; isTownshipGiven: boolean; current: string | null }): Promise<string | null> {
    this.add(index, checkAttributes(a, where))
    if (!place.adcode) return null
    if (place.isTownshipGiven && a.townshipCode) {
      if (await findTownshipByCode(this.tx, place.adcode, a.townshipCode)) return a.townshipCode
      this.add(index, [{ code: 'UNKNOWN_TOWNSHIP', field: 'townshipCode', message: `${where}的乡镇代码“${a.townshipCode}”不是本区县的乡镇` }])
      return null
    }
    if (place.isTownshipGiven) return null
    if (place.geometry) return (await findTownshipOf(this.tx, place.geometry, place.adcode))?.code ?? null
    return place.current
  }

  /**
   * Classes recomputed from the monitoring data go into the county's next draft list (made, complete with the
   * published entries, when there is none), never onto the published class: they reach the map, the pre-check
   * and the statistics when an approver publishes that list.
   */
  async recompute(adcode: string, ids: number[], from?: string[]): Promise<void> {
    const { rules, entries } = await recomputeEntries(this.tx, adcode, ids, from)
    this.markListsChanged(adcode)
    await lockDraftLists(this.tx, adcode)
    const listId = await findNextDraftList(this.tx, adcode) ?? await insertEditList(this.tx, adcode, rules.version, this.ctx.user.username)
    await fillListFromPublished(this.tx, adcode, listId)
    await upsertEntries(this.tx, adcode, listId, entries)
    const version = await touchList(this.tx, adcode, listId)
    await insertHistory(this.tx, {
      adcode, entity: 'class_list', entityId: listId, action: 'classify', actor: this.ctx.user.username, reason: this.reason,
      before: null, after: { edit: true, version, ruleSetVersion: rules.version, entries: entries.map((e) => ({ parcelId: e.parcelId, class: e.class, method: e.method })) },
    })
  }

  /** Marks a county whose class list entries the action adds or removes (a removed parcel takes its entries). */
  markListsChanged(adcode: string): void {
    this.listCounties.add(adcode)
  }

  /** The parcel count of the class lists of every county whose entries the action changed. */
  async recountLists(): Promise<void> {
    for (const adcode of this.listCounties) await recountLists(this.tx, adcode)
  }

  async create(index: number, change: Extract<Change, { op: 'create' }>): Promise<ChangeResult | null> {
    const where = '新图斑'
    const before = this.problems.length
    const checked = await this.checkGeometry(index, change.geometry, where, { adcode: null, excludeIds: [] })
    const attrs = cleanAttributes(change.attributes)
    const township = await this.checkAttributesOf(index, attrs, where, {
      adcode: checked?.adcode ?? null, geometry: checked?.geometry ?? null, isTownshipGiven: attrs.townshipCode != null, current: null,
    })
    if (!checked || this.problems.length > before) return null
    const [code] = await allocateCodes(this.tx, checked.adcode, 1)
    const id = await insertParcel(this.tx, {
      ...valuesOf(attrs, township), class: 'unclassified', classMethod: null, classBasis: null, classListId: null,
      adcode: checked.adcode, id: null, code, parentCodes: null, version: 1, geometry: checked.geometry, editor: this.ctx.user.username,
    })
    if (change.classMode === 'recompute') await this.recompute(checked.adcode, [id])
    const row = await this.read(id)
    await this.history(row.adcode, id, 'create', null, snapshotOf(row))
    this.touch(row.adcode, row.geometry)
    return resultOf(index, 'create', row)
  }

  async update(index: number, change: Extract<Change, { op: 'update' }>): Promise<ChangeResult | null> {
    const row = await this.lockCurrent(change.id, change.version)
    const where = `图斑 ${row.code}`
    const before = this.problems.length
    const checked = change.geometry === undefined ? null
      : await this.checkGeometry(index, change.geometry, where, { adcode: row.adcode, excludeIds: [row.id] })
    const given = cleanAttributes(change.attributes ?? {})
    const attrs: ParcelAttributes = { ...attributesOf(row), ...given }
    const township = await this.checkAttributesOf(index, attrs, where, {
      adcode: row.adcode, geometry: checked?.geometry ?? null, isTownshipGiven: 'townshipCode' in given, current: row.township_code,
    })
    if (this.problems.length > before) return null
    await updateParcel(this.tx, row.id, {
      ...valuesOf(attrs, township), class: row.class, classMethod: row.class_method, classBasis: row.class_basis, classListId: row.class_list_id,
      geometry: checked?.geometry ?? null, editor: this.ctx.user.username,
    })
    if (change.classMode === 'recompute') await this.recompute(row.adcode, [row.id])
    const after = await this.read(row.id)
    await this.history(row.adcode, row.id, 'update', snapshotOf(row), snapshotOf(after))
    this.touch(row.adcode, row.geometry)
    this.touch(row.adcode, after.geometry)
    return resultOf(index, 'update', after)
  }

  async remove(index: number, change: Extract<Change, { op: 'delete' }>): Promise<ChangeResult> {
    const row = await this.lockCurrent(change.id, change.version)
    await deleteParcel(this.tx, row.id)
    this.markListsChanged(row.adcode)
    await this.history(row.adcode, row.id, 'delete', snapshotOf(row), null)
    this.touch(row.adcode, row.geometry)
    return resultOf(index, 'delete', row)
  }
}

/** The stored values of attributes with the township decided. */
export function valuesOf(a: ParcelAttributes, townshipCode: string | null): Omit<ParcelValues, 'class' | 'classMethod' | 'classBasis' | 'classListId'> {
  return {
    dlbm: a.dlbm, townshipCode, qsxz: a.qsxz ?? null, qsdwmc: a.qsdwmc ?? null, zldwmc: a.zldwmc ?? null, kcxs: a.kcxs ?? null,
    gdpdjb: a.gdpdjb ?? null, zzsxdm: a.zzsxdm ?? null, bz: a.bz ?? null,
  }
}

/** Thrown to roll back a dry run; carries its outcome out of the transaction. */
class DryRun<T> extends Error {
  constructor(readonly outcome: { value: T; problems: Problem[] }) {
    super('dry run')
  }
}

function checkFailed(problems: Problem[]): AppError {
  const more = problems.length > 1 ? `等 ${problems.length} 处问题` : ''
  return new AppError('GEOMETRY_CHECK', `检查未通过，未保存：${problems[0].message}${more}`, { problems })
}

/**
 * Runs one user action on parcels in one transaction. With problems nothing is written (422 GEOMETRY_CHECK);
 * a dry run goes the same way and is always rolled back. After a commit the parcel tiles are invalidated.
 */
export async function runParcelEdit<T>(deps: ParcelEditDeps, ctx: AuthContext, reason: string | null, isDryRun: boolean,
  action: (edit: ParcelEdit) => Promise<T>): Promise<{ value: T; problems: Problem[] }> {
  try {
    const value = await deps.db.transaction(async (tx) => {
      const edit = new ParcelEdit(tx, ctx, deps.settings, reason)
      const value = await action(edit)
      if (isDryRun) throw new DryRun({ value, problems: edit.problems })
      if (edit.problems.length) throw checkFailed(edit.problems)
      await edit.refreshOverview()
      await edit.recountLists()
      return value
    })
    deps.onChanged(PARCEL_LAYERS)
    return { value, problems: [] }
  } catch (err) {
    if (err instanceof DryRun) return err.outcome as { value: T; problems: Problem[] }
    throw translateDatabaseError(err)
  }
}

/**
 * Database failures an officer can act on: two saves that wait on each other (PostgreSQL ends one with a
 * deadlock) are a conflict to retry, and a geometry GEOS cannot compute with is a geometry problem, not a 500.
 */
export function translateDatabaseError(err: unknown): unknown {
  const e = err as { code?: string; message?: string }
  if (e?.code === '40P01' || e?.code === '40001') {
    return new AppError('CONFLICT', '其他人员正在同时修改这些图斑，本次未保存，请稍后重新保存')
  }
  if (typeof e?.message === 'string' && /TopologyException|GEOS/.test(e.message)) {
    return new AppError('GEOMETRY_CHECK', '图形无法进行空间运算（边界过于接近或重叠），未保存：请检查节点后重试',
      { problems: [{ index: 0, code: 'TOPOLOGY', message: '图形无法进行空间运算，请检查边界是否有重复或极近的节点' }] })
  }
  return err
}

async function applyChanges(edit: ParcelEdit, changes: Change[]): Promise<ChangeResult[]> {
  // Every parcel the batch touches is locked first, in id order, so two batches never wait on each other.
  await lockParcels(edit.tx, changes.flatMap((c) => (c.op === 'create' ? [] : [c.id])))
  const results: ChangeResult[] = []
  for (const [index, change] of changes.entries()) {
    const result = change.op === 'create' ? await edit.create(index, change)
      : change.op === 'update' ? await edit.update(index, change)
      : await edit.remove(index, change)
    if (result) results.push(result)
  }
  return results
}

/** `POST /api/parcels/check`: the save path as a dry run. */
export async function checkParcelChanges(deps: ParcelEditDeps, ctx: AuthContext, changes: Change[]) {
  const { value, problems } = await runParcelEdit(deps, ctx, null, true, (edit) => applyChanges(edit, changes))
  return { ok: problems.length === 0, problems, results: value }
}

/** `POST /api/parcels/changes`: every change in one transaction, or none. */
export async function saveParcelChanges(deps: ParcelEditDeps, ctx: AuthContext, reason: string | null, changes: Change[]) {
  const { value } = await runParcelEdit(deps, ctx, reason, false, (edit) => applyChanges(edit, changes))
  return { results: value }
}

/** The lists of the attribute form and the limits the client shows. */
export function parcelCodes(settings: ParcelEditSettings) {
  return {
    dlbm: LAND_CODES, qsxz: QSXZ_CODES, gdpdjb: GDPDJB_CODES, zzsxdm: ZZSXDM_CODES,
    settings: { minAreaM2: settings.minAreaM2, minWidthM: settings.minWidthM, overlapToleranceM2: settings.overlapToleranceM2, maxVertices: settings.maxVertices },
  }
}

/** Largest box side of `GET /api/parcels?bbox=`, degrees. */
export const MAX_BBOX_DEG = 0.05
/** Most parcels one box answer holds. */
export const MAX_BBOX_PARCELS = 500

export async function listParcelsForEdit(db: Database, ctx: AuthContext, bbox: Bbox) {
  const [w, s, e, n] = bbox
  if (!(w < e && s < n)) throw new AppError('BAD_REQUEST', '范围无效：应为 西,南,东,北（经纬度），且西 < 东、南 < 北')
  if (e - w > MAX_BBOX_DEG || n - s > MAX_BBOX_DEG) throw new AppError('BAD_REQUEST', '范围过大，请放大地图后再编辑')
  const rows = await listParcelsInBbox(db, scopeAdcodes(ctx), bbox, MAX_BBOX_PARCELS + 1)
  return { type: 'FeatureCollection' as const, features: rows.slice(0, MAX_BBOX_PARCELS).map(featureOf), truncated: rows.length > MAX_BBOX_PARCELS }
}

export async function getParcelForEdit(db: Database, ctx: AuthContext, id: number) {
  const [row] = await findParcels(db, [id])
  if (row) {
    assertCountyInScope(ctx, row.adcode, row.county)
    return featureOf(row)
  }
  const removal = await findRemoval(db, id)
  if (!removal) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的耕地图斑`)
  assertCountyInScope(ctx, removal.adcode, removal.county)
  throw new AppError('NOT_FOUND', `没有编号为 ${id} 的耕地图斑（图斑 ${removal.before?.code ?? id} 已于 ${formatChangedAt(removal.changed_at)} ${REMOVAL_WORD[removal.action]}，可在变更历史中恢复）`,
    { deleted: true, lastHistoryId: Number(removal.id) })
}

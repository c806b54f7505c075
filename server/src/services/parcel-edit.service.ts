import type { Database } from '../db/database.ts'
import {
  GDPDJB_CODES,
  LAND_CODES,
  QSXZ_CODES,
  ZZSXDM_CODES,
  type ParcelAttributes,
} from '../domain/parcel-attributes.ts'
import type { ParcelEditSettings } from '../domain/parcel-checks.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  allocateCodes,
  deleteParcel,
  findParcels,
  findRemoval,
  insertParcel,
  listParcelsInBbox,
  lockParcels,
  updateParcel,
} from '../repos/parcels.repo.ts'
import type { AuthContext } from './auth.service.ts'
import type {
  ChangesResponse,
  CheckResponse,
  ParcelCodes,
  ParcelCollection,
  ParcelFeature,
} from '../../../contracts/editing.ts'
import { removedError } from './parcel-conflict.ts'
import { runParcelEdit, type ParcelEdit, type ParcelEditDeps } from './parcel-edit-transaction.ts'
import {
  attributesOf,
  cleanAttributes,
  featureOf,
  resultOf,
  snapshotOf,
  valuesOf,
  type Change,
  type ChangeResult,
} from './parcel-rows.ts'

type Bbox = [number, number, number, number]

async function createParcel(
  edit: ParcelEdit,
  index: number,
  change: Extract<Change, { op: 'create' }>,
): Promise<ChangeResult | null> {
  const where = '新图斑'
  const before = edit.problems.length
  const checked = await edit.checkGeometry(index, change.geometry, where, { adcode: null, excludeIds: [] })
  const attrs = cleanAttributes(change.attributes)
  const township = await edit.checkAttributesOf(index, attrs, where, {
    adcode: checked?.adcode ?? null,
    geometry: checked?.geometry ?? null,
    isTownshipGiven: attrs.townshipCode != null,
    current: null,
  })
  if (!checked || edit.problems.length > before) return null
  const [code] = await allocateCodes(edit.tx, checked.adcode, 1)
  const id = await insertParcel(edit.tx, {
    ...valuesOf(attrs, township),
    class: 'unclassified',
    classMethod: null,
    classBasis: null,
    classListId: null,
    adcode: checked.adcode,
    id: null,
    code,
    parentCodes: null,
    version: 1,
    geometry: checked.geometry,
    editor: edit.ctx.user.username,
  })
  if (change.classMode === 'recompute') await edit.recompute(checked.adcode, [id])
  const row = await edit.read(id)
  await edit.history(row.adcode, id, 'create', null, snapshotOf(row))
  edit.touch(row.adcode, row.geometry)
  return resultOf(index, 'create', row)
}

async function updateParcelOf(
  edit: ParcelEdit,
  index: number,
  change: Extract<Change, { op: 'update' }>,
): Promise<ChangeResult | null> {
  const row = await edit.lockCurrent(change.id, change.version)
  const where = `图斑 ${row.code}`
  const before = edit.problems.length
  const checked =
    change.geometry === undefined
      ? null
      : await edit.checkGeometry(index, change.geometry, where, { adcode: row.adcode, excludeIds: [row.id] })
  const given = cleanAttributes(change.attributes ?? {})
  const attrs: ParcelAttributes = { ...attributesOf(row), ...given }
  const township = await edit.checkAttributesOf(index, attrs, where, {
    adcode: row.adcode,
    geometry: checked?.geometry ?? null,
    isTownshipGiven: 'townshipCode' in given,
    current: row.township_code,
  })
  if (edit.problems.length > before) return null
  await updateParcel(edit.tx, row.id, {
    ...valuesOf(attrs, township),
    class: row.class,
    classMethod: row.class_method,
    classBasis: row.class_basis,
    classListId: row.class_list_id,
    geometry: checked?.geometry ?? null,
    editor: edit.ctx.user.username,
  })
  if (change.classMode === 'recompute') await edit.recompute(row.adcode, [row.id])
  const after = await edit.read(row.id)
  await edit.history(row.adcode, row.id, 'update', snapshotOf(row), snapshotOf(after))
  edit.touch(row.adcode, row.geometry)
  edit.touch(row.adcode, after.geometry)
  return resultOf(index, 'update', after)
}

async function removeParcel(
  edit: ParcelEdit,
  index: number,
  change: Extract<Change, { op: 'delete' }>,
): Promise<ChangeResult> {
  const row = await edit.lockCurrent(change.id, change.version)
  await deleteParcel(edit.tx, row.id)
  edit.markListsChanged(row.adcode)
  await edit.history(row.adcode, row.id, 'delete', snapshotOf(row), null)
  edit.touch(row.adcode, row.geometry)
  return resultOf(index, 'delete', row)
}

async function applyChanges(edit: ParcelEdit, changes: Change[]): Promise<ChangeResult[]> {
  // Every parcel the batch touches is locked first, in id order, so two batches never wait on each other.
  await lockParcels(
    edit.tx,
    changes.flatMap((c) => (c.op === 'create' ? [] : [c.id])),
  )
  const results: ChangeResult[] = []
  for (const [index, change] of changes.entries()) {
    const result =
      change.op === 'create'
        ? await createParcel(edit, index, change)
        : change.op === 'update'
          ? await updateParcelOf(edit, index, change)
          : await removeParcel(edit, index, change)
    if (result) results.push(result)
  }
  return results
}

/** `POST /api/parcels/check`: the save path as a dry run. */
export async function checkParcelChanges(
  deps: ParcelEditDeps,
  ctx: AuthContext,
  changes: Change[],
): Promise<CheckResponse> {
  const { value, problems } = await runParcelEdit(deps, ctx, null, true, (edit) => applyChanges(edit, changes))
  return { ok: problems.length === 0, problems, results: value }
}

/** `POST /api/parcels/changes`: every change in one transaction, or none. */
export async function saveParcelChanges(
  deps: ParcelEditDeps,
  ctx: AuthContext,
  reason: string | null,
  changes: Change[],
): Promise<ChangesResponse> {
  const { value } = await runParcelEdit(deps, ctx, reason, false, (edit) => applyChanges(edit, changes))
  return { results: value }
}

/** The lists of the attribute form and the limits the client shows. */
export function parcelCodes(settings: ParcelEditSettings): ParcelCodes {
  return {
    dlbm: LAND_CODES,
    qsxz: QSXZ_CODES,
    gdpdjb: GDPDJB_CODES,
    zzsxdm: ZZSXDM_CODES,
    settings: {
      minAreaM2: settings.minAreaM2,
      minWidthM: settings.minWidthM,
      overlapToleranceM2: settings.overlapToleranceM2,
      maxVertices: settings.maxVertices,
    },
  }
}

/** Largest box side of `GET /api/parcels?bbox=`, degrees. */
export const MAX_BBOX_DEG = 0.05
/** Most parcels one box answer holds. */
export const MAX_BBOX_PARCELS = 500

export async function listParcelsForEdit(db: Database, ctx: AuthContext, bbox: Bbox): Promise<ParcelCollection> {
  const [w, s, e, n] = bbox
  if (!(w < e && s < n)) throw new AppError('BAD_REQUEST', '范围无效：应为 西,南,东,北（经纬度），且西 < 东、南 < 北')
  if (e - w > MAX_BBOX_DEG || n - s > MAX_BBOX_DEG) throw new AppError('BAD_REQUEST', '范围过大，请放大地图后再编辑')
  const rows = await listParcelsInBbox(db, scopeAdcodes(ctx), bbox, MAX_BBOX_PARCELS + 1)
  return {
    type: 'FeatureCollection',
    features: rows.slice(0, MAX_BBOX_PARCELS).map(featureOf),
    truncated: rows.length > MAX_BBOX_PARCELS,
  }
}

export async function getParcelForEdit(db: Database, ctx: AuthContext, id: number): Promise<ParcelFeature> {
  const [row] = await findParcels(db, [id])
  if (row) {
    assertCountyInScope(ctx, row.adcode, row.county)
    return featureOf(row)
  }
  const removal = await findRemoval(db, id)
  if (!removal) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的耕地图斑`)
  assertCountyInScope(ctx, removal.adcode, removal.county)
  throw removedError(id, removal)
}

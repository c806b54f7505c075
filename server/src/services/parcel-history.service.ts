import type { Database } from '../db/database.ts'
import type { ParcelAttributes } from '../domain/parcel-attributes.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  findCounty,
  findHistoryCounty,
  findParcelIdByCode,
  findHistoryEntry,
  findParcels,
  findRemoval,
  insertParcel,
  listDeletedParcels,
  listParcelHistory,
  lockParcels,
  updateParcel,
  type ParcelRow,
} from '../repos/parcels.repo.ts'
import { restoreEntry } from '../repos/classification.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { isoOf } from '../domain/changed-at.ts'
import type { DeletedParcelsResponse, ParcelHistoryEntry } from '../../../contracts/editing.ts'
import { runParcelEdit, type ParcelEdit, type ParcelEditDeps } from './parcel-edit-transaction.ts'
import { resultOf, snapshotOf, valuesOf, type ChangeResult, type ParcelSnapshot } from './parcel-rows.ts'

/** What each history action of a parcel is called. */
export const PARCEL_ACTION_LABEL: Readonly<Record<string, string>> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  split: '分割',
  merge: '合并',
  import: '导入',
  classify: '分类',
  override: '人工调整类别',
}

/** Most parcels `GET /api/parcels/deleted` lists. */
export const DELETED_LIST_LIMIT = 50

const isSnapshot = (v: unknown): v is ParcelSnapshot =>
  typeof v === 'object' && v !== null && 'geometry' in v && 'code' in v && 'dlbm' in v

/** `GET /api/parcels/:id/history`: every change, newest first; works for parcels that no longer exist. */
export async function getParcelHistory(db: Database, ctx: AuthContext, id: number): Promise<ParcelHistoryEntry[]> {
  const [row] = await findParcels(db, [id])
  const owner = row ? { adcode: row.adcode, county: row.county } : await findHistoryCounty(db, id)
  if (!owner) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的耕地图斑`)
  assertCountyInScope(ctx, owner.adcode, owner.county)
  return (await listParcelHistory(db, id)).map((h) => ({
    id: Number(h.id),
    action: h.action,
    actionName: PARCEL_ACTION_LABEL[h.action] ?? h.action,
    actor: h.actor,
    actorName: h.actor_name ?? h.actor,
    reason: h.reason,
    changedAt: isoOf(h.changed_at),
    version: h.after?.version ?? h.before?.version ?? null,
    before: h.before,
    after: h.after,
  }))
}

function attributesOfSnapshot(s: ParcelSnapshot): ParcelAttributes {
  return {
    dlbm: s.dlbm,
    townshipCode: s.townshipCode,
    qsxz: s.qsxz,
    qsdwmc: s.qsdwmc,
    zldwmc: s.zldwmc,
    kcxs: s.kcxs,
    gdpdjb: s.gdpdjb,
    zzsxdm: s.zzsxdm,
    bz: s.bz,
  }
}

/**
 * A restore brings back geometry and attributes, never an older class: a parcel that still exists keeps its
 * published class; a removed one comes back 未划定 and regains its published class only with its entry in the
 * list that class came from, so the published statistics and the published list keep agreeing.
 */
function publishedClassOf(current: ParcelRow | undefined) {
  if (!current) return { class: 'unclassified' as const, classMethod: null, classBasis: null, classListId: null }
  return {
    class: current.class,
    classMethod: current.class_method,
    classBasis: current.class_basis,
    classListId: current.class_list_id,
  }
}

async function restoreInto(
  edit: ParcelEdit,
  id: number,
  historyId: number,
  version: number | undefined,
): Promise<ChangeResult | null> {
  const entry = await findHistoryEntry(edit.tx, id, historyId)
  if (!entry) throw new AppError('NOT_FOUND', `图斑 ${id} 没有编号为 ${historyId} 的变更记录`)
  const target = isSnapshot(entry.after) ? entry.after : entry.before
  if (!isSnapshot(target)) throw new AppError('VALIDATION', `变更记录 ${historyId} 没有可恢复的图斑版本`)
  const exists = (await lockParcels(edit.tx, [id])).length > 0
  if (exists && version === undefined)
    throw new AppError('VALIDATION', '图斑仍存在，恢复时须提供它的当前版本号（version）')
  const current = exists ? await edit.lockCurrent(id, version) : undefined
  if (!current) {
    const removal = await findRemoval(edit.tx, id)
    if (!removal) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的耕地图斑`)
    assertCountyInScope(edit.ctx, removal.adcode, removal.county)
  }
  const adcode = current?.adcode ?? entry.adcode
  const where = `恢复的图斑 ${target.code}`
  const before = edit.problems.length
  const checked = await edit.checkGeometry(0, target.geometry, where, { adcode, excludeIds: [id], isRestore: true })
  const attrs = attributesOfSnapshot(target)
  const township = await edit.checkAttributesOf(0, attrs, where, {
    adcode,
    geometry: null,
    isTownshipGiven: true,
    current: null,
  })
  if (!checked || edit.problems.length > before) return null
  if (current) {
    await updateParcel(edit.tx, id, {
      ...valuesOf(attrs, township),
      ...publishedClassOf(current),
      geometry: checked.geometry,
      editor: edit.ctx.user.username,
    })
  } else {
    const holder = await findParcelIdByCode(edit.tx, adcode, target.code)
    if (holder !== undefined)
      throw new AppError('CONFLICT', `编号 ${target.code} 已被图斑 ${holder} 使用，不能按原编号恢复`)
    const lastVersion = (await findRemoval(edit.tx, id))?.last_version ?? target.version
    await insertParcel(edit.tx, {
      ...valuesOf(attrs, township),
      ...publishedClassOf(undefined),
      adcode,
      id,
      code: target.code,
      parentCodes: target.parentCodes ?? null,
      version: lastVersion + 1,
      geometry: checked.geometry,
      editor: edit.ctx.user.username,
    })
    if (target.classListId && target.class !== 'unclassified' && target.classMethod) {
      await restoreEntry(edit.tx, adcode, target.classListId, id, {
        class: target.class,
        method: target.classMethod,
        basis: target.classBasis,
      })
      edit.markListsChanged(adcode)
    }
  }
  const [after] = await findParcels(edit.tx, [id])
  await edit.history(adcode, id, 'restore', current ? snapshotOf(current) : null, snapshotOf(after))
  if (current) edit.touch(adcode, current.geometry)
  edit.touch(adcode, after.geometry)
  return resultOf(0, 'restore', after)
}

/**
 * `POST /api/parcels/:id/restore`: the version kept in a history entry becomes the parcel's new version, after
 * every check of an update; a parcel that no longer exists comes back with its id and code.
 */
export async function restoreParcel(
  deps: ParcelEditDeps,
  ctx: AuthContext,
  id: number,
  input: { historyId: number; version?: number; reason: string },
): Promise<ChangeResult> {
  const { value } = await runParcelEdit(deps, ctx, input.reason, false, (edit) =>
    restoreInto(edit, id, input.historyId, input.version),
  )
  return value!
}

/** `GET /api/parcels/deleted`: the most recently removed parcels of the scope (or one county) not restored since. */
export async function listDeletedParcelsFor(
  db: Database,
  ctx: AuthContext,
  adcode: string | undefined,
): Promise<DeletedParcelsResponse> {
  let adcodes = scopeAdcodes(ctx)
  if (adcode) {
    const county = await findCounty(db, adcode)
    if (!county) throw new AppError('NOT_FOUND', `没有代码为 ${adcode} 的区县`)
    assertCountyInScope(ctx, county.adcode, county.name)
    adcodes = [adcode]
  }
  const rows = await listDeletedParcels(db, adcodes, DELETED_LIST_LIMIT)
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      code: r.code,
      adcode: r.adcode,
      county: r.county,
      action: r.action,
      historyId: Number(r.history_id),
      deletedAt: isoOf(r.deleted_at),
      deletedBy: r.deleted_by,
      deletedByName: r.deleted_by_name ?? r.deleted_by,
      reason: r.reason,
    })),
  }
}

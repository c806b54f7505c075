import type { Queryable } from '../db/database.ts'
import { formatChangedAt, isoOf } from '../domain/changed-at.ts'
import { AppError } from '../domain/errors.ts'
import { findRemoval, type ParcelRow, type RemovalRow } from '../repos/parcels.repo.ts'
import { featureOf } from './parcel-rows.ts'
import type { ParcelConflict } from '../../../contracts/editing.ts'

const REMOVAL_WORD: Record<string, string> = {
  delete: '删除',
  split: '分割（原图斑已删除）',
  merge: '合并（原图斑已删除）',
}

/** The 409 of a parcel that changed (or went away) since the user loaded it, with what it is now. */
export async function conflictError(
  db: Queryable,
  id: number,
  yourVersion: number,
  row: ParcelRow | undefined,
): Promise<AppError> {
  if (row) {
    const who = row.updated_by_name ?? row.updated_by
    return new AppError(
      'CONFLICT',
      `图斑 ${row.code} 已被 ${who}（${row.updated_by}）于 ${formatChangedAt(row.updated_at)} 修改（您编辑的是第 ${yourVersion} 版，当前为第 ${row.version} 版）`,
      {
        id,
        code: row.code,
        yourVersion,
        currentVersion: row.version,
        changedBy: row.updated_by,
        changedByName: who,
        changedAt: isoOf(row.updated_at),
        current: featureOf(row),
      } satisfies ParcelConflict,
    )
  }
  const removal = (await findRemoval(db, id))!
  const who = removal.actor_name ?? removal.actor
  const code = removal.before?.code ?? String(id)
  return new AppError(
    'CONFLICT',
    `图斑 ${code} 已被 ${who}（${removal.actor}）于 ${formatChangedAt(removal.changed_at)} ${REMOVAL_WORD[removal.action]}（您编辑的是第 ${yourVersion} 版）`,
    {
      id,
      code,
      yourVersion,
      currentVersion: null,
      changedBy: removal.actor,
      changedByName: who,
      changedAt: isoOf(removal.changed_at),
      current: null,
    } satisfies ParcelConflict,
  )
}

/** The 404 of a parcel that was removed, saying when and how, and where to restore it. */
export function removedError(id: number, removal: RemovalRow): AppError {
  return new AppError(
    'NOT_FOUND',
    `没有编号为 ${id} 的耕地图斑（图斑 ${removal.before?.code ?? id} 已于 ${formatChangedAt(removal.changed_at)} ${REMOVAL_WORD[removal.action]}，可在变更历史中恢复）`,
    { deleted: true, lastHistoryId: Number(removal.id) },
  )
}

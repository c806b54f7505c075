import { AppError } from '../domain/errors.ts'
import { allocateCodes, applyContext, refreshOverview, setStatus } from '../repos/land-import.repo.ts'
import {
  addParcels,
  applyChanged,
  clearImportedContext,
  countKinds,
  countStale,
  linkKept,
  lockCountyUpdates,
  retireParcels,
  setUpdateStatus,
  type UpdateResult,
} from '../repos/land-update.repo.ts'
import { BatchedApplyRunner } from './batched-apply-runner.ts'

/** An annual update to apply: the import whose plan it is, its county, who started it. */
export interface UpdateJob {
  importId: number
  adcode: string
  fileName: string
  actor: string
  /** Lines of the plan (the progress total, with the context features). */
  lastNo: number
  added: number
  /** Highest feature number of the import (the context batches run over it). */
  lastSeq: number
}

/** Tile layers an update changes. */
export const UPDATE_LAYERS = ['parcel', 'parcel-overview', 'land-context']

const FAILED =
  '年度变更应用出错，已全部撤销，耕地图斑没有任何改动。请稍后重新应用，仍失败请联系管理员（详细原因见服务器日志）'

/**
 * Applies annual updates in this process, one transaction each, as the land import runner does: the plan's lines
 * in batches (changed parcels get a new version, unchanged ones are linked to the import, added ones are inserted,
 * gone ones retired), then the context features; the progress kept here, a cancel seen between two batches.
 * Cancel, a failure or a crash rolls the whole transaction back.
 */
export class LandUpdateRunner extends BatchedApplyRunner<UpdateJob> {
  protected totalOf(job: UpdateJob): number {
    return job.lastNo + job.lastSeq
  }

  protected async run(job: UpdateJob, onApplied: (layers: string[]) => void): Promise<void> {
    try {
      const result = await this.apply(job)
      await setUpdateStatus(this.db, job.importId, { status: 'applied', result, done: job.lastNo + job.lastSeq })
      await setStatus(this.db, job.importId, { status: 'applied', farmlandAdded: result.added, done: 0 })
      onApplied(UPDATE_LAYERS)
    } catch (err) {
      const { status, message } = this.failure(job, err, {
        what: '年度变更',
        undone: '已全部撤销，耕地图斑没有任何改动',
        failed: FAILED,
      })
      await setUpdateStatus(this.db, job.importId, { status, message, done: 0 }).catch((e) =>
        this.options.log?.(`年度变更 ${job.importId} 无法标记结果`, e),
      )
    }
  }

  private apply(job: UpdateJob): Promise<UpdateResult> {
    const { batchSize } = this.options
    const reason = `年度变更调查（第 ${job.importId} 次导入，文件“${job.fileName}”）`
    return this.db.transaction(async (tx) => {
      await lockCountyUpdates(tx, job.adcode)
      const stale = await countStale(tx, job.importId)
      if (stale > 0)
        throw new AppError(
          'CONFLICT',
          `有 ${stale} 个耕地图斑在生成变更预览之后又被修改、删除或新增（可能另一次年度变更已经应用），请重新生成变更预览后再应用`,
        )
      const counts = await countKinds(tx, job.importId)
      const baseNo = job.added > 0 ? (await allocateCodes(tx, job.adcode, job.added)) - 1 : 0
      for (let from = 1; from <= job.lastNo; from += batchSize) {
        const range = {
          importId: job.importId,
          from,
          to: Math.min(from + batchSize - 1, job.lastNo),
          actor: job.actor,
          reason,
        }
        await applyChanged(tx, range)
        await linkKept(tx, range)
        await addParcels(tx, { ...range, adcode: job.adcode, baseNo })
        await retireParcels(tx, range)
        await this.afterBatch(job, range.to)
      }
      await clearImportedContext(tx, job.adcode)
      for (let from = 1; from <= job.lastSeq; from += batchSize) {
        const to = Math.min(from + batchSize - 1, job.lastSeq)
        await applyContext(tx, { importId: job.importId, adcode: job.adcode, from, to })
        await this.afterBatch(job, job.lastNo + to)
      }
      await refreshOverview(tx, job.adcode)
      return {
        unchanged: counts.unchanged,
        changed: counts.changed,
        added: counts.added,
        retired: counts.retired,
        kept: counts.kept,
      }
    })
  }
}

import { AppError } from '../domain/errors.ts'
import { describeReplaced } from '../domain/land-import-yjjbnt.ts'
import {
  allocateCodes,
  applyBasicFarmland,
  applyContext,
  clearBasicFarmland,
  applyFarmland,
  countCountyParcels,
  refreshOverview,
  setStatus,
} from '../repos/land-import.repo.ts'
import { BatchedApplyRunner } from './batched-apply-runner.ts'

/** An apply to run: the import, its county and counts, who started it and in which mode. */
export interface ApplyJob {
  importId: number
  /** 地类图斑 (parcels and context) or 永久基本农田图斑 (replacing the county's 永久基本农田). */
  kind: 'dltb' | 'yjjbnt'
  adcode: string
  fileName: string
  mode: 'valid' | 'all'
  actor: string
  /** Valid features of the import (the progress total). */
  total: number
  farmland: number
  /** Highest feature number of the import (the context batches run over it). */
  lastSeq: number
}

/** Tile layers an apply changes. */
export const IMPORT_LAYERS = ['parcel', 'parcel-overview', 'land-context']

/** Tile layers a 永久基本农田 apply changes. */
const BASIC_FARMLAND_LAYERS = ['basic-farmland']

const FAILED = '导入出错，已全部撤销，没有写入任何图斑。请稍后重新应用，仍失败请联系管理员（详细原因见服务器日志）'

/**
 * Applies checked land imports in this process, one transaction each: the farmland parcels and then the context
 * features are inserted in batches, the progress kept here for the status answers, and a cancel is seen between
 * two batches. Cancel, a failure or a crash rolls the whole transaction back: nothing of the import is written.
 */
export class LandImportRunner extends BatchedApplyRunner<ApplyJob> {
  protected totalOf(job: ApplyJob): number {
    return job.total
  }

  protected async run(job: ApplyJob, onApplied: (layers: string[]) => void): Promise<void> {
    try {
      const added = job.kind === 'yjjbnt' ? await this.applyBasicFarmland(job) : await this.apply(job)
      await setStatus(this.db, job.importId, {
        status: 'applied',
        message: added.message ?? null,
        farmlandAdded: added.farmland,
        contextAdded: added.context,
        done: added.farmland + added.context,
      })
      onApplied(job.kind === 'yjjbnt' ? BASIC_FARMLAND_LAYERS : IMPORT_LAYERS)
    } catch (err) {
      const { status, message } = this.failure(job, err, {
        what: '三调图斑导入',
        undone: '已全部撤销，没有写入任何图斑',
        failed: FAILED,
      })
      await setStatus(this.db, job.importId, { status, message, done: 0 }).catch((e) =>
        this.options.log?.(`三调图斑导入 ${job.importId} 无法标记结果`, e),
      )
    }
  }

  /**
   * A 永久基本农田 layer replaces the county's earlier one: the imported and the sample patches are removed and the
   * valid features inserted, in the same transaction.
   */
  private applyBasicFarmland(job: ApplyJob): Promise<{ farmland: number; context: number; message: string }> {
    const { batchSize } = this.options
    return this.db.transaction(async (tx) => {
      const removed = await clearBasicFarmland(tx, job.adcode)
      let added = 0
      for (let from = 1; from <= job.lastSeq; from += batchSize) {
        const to = Math.min(from + batchSize - 1, job.lastSeq)
        added += await applyBasicFarmland(tx, { importId: job.importId, adcode: job.adcode, from, to })
        await this.afterBatch(job, added)
      }
      return { farmland: added, context: 0, message: describeReplaced(added, removed) }
    })
  }

  private apply(job: ApplyJob): Promise<{ farmland: number; context: number; message?: string }> {
    const { batchSize } = this.options
    const reason = `三调图斑导入（第 ${job.importId} 次导入，文件“${job.fileName}”）`
    return this.db.transaction(async (tx) => {
      if ((await countCountyParcels(tx, job.adcode)) > 0)
        throw new AppError('CONFLICT', '该区县在导入期间已有了耕地图斑，首次导入不能进行')
      let farmland = 0
      let context = 0
      if (job.farmland > 0) {
        const baseNo = (await allocateCodes(tx, job.adcode, job.farmland)) - 1
        for (let from = 1; from <= job.lastSeq && farmland < job.farmland; from += batchSize) {
          const to = Math.min(from + batchSize - 1, job.lastSeq)
          // the range's parcels take the codes after those of the parcels applied before it
          farmland += await applyFarmland(tx, {
            importId: job.importId,
            adcode: job.adcode,
            baseNo: baseNo + farmland,
            from,
            to,
            actor: job.actor,
            reason,
          })
          await this.afterBatch(job, farmland)
        }
      }
      for (let from = 1; from <= job.lastSeq; from += batchSize) {
        const to = Math.min(from + batchSize - 1, job.lastSeq)
        context += await applyContext(tx, { importId: job.importId, adcode: job.adcode, from, to })
        await this.afterBatch(job, farmland + context)
      }
      await refreshOverview(tx, job.adcode)
      return { farmland, context }
    })
  }
}

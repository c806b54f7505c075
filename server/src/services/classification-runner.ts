import type { Database } from '../db/database.ts'
import type { ClassRuleSet } from '../domain/class-rules.ts'
import { assessCropSample, assessSoilSample, landUseOfDlbm } from '../domain/assess-sample.ts'
import { classifyParcel, type PointEvidence } from '../domain/classify-farmland.ts'
import { AppError } from '../domain/errors.ts'
import {
  completeList,
  findParcelEvidence,
  finishJob,
  listPointSamples,
  markJobRunning,
  readJobState,
  recordProgress,
  type ParcelEvidenceRow,
  type PointSampleRow,
} from '../repos/classification.repo.ts'
import { copyEntries, insertEntries, type NewEntry } from '../repos/classification-entries.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'

/** Element keys as stored in monitoring_result.values_mg_kg → the element symbols of the domain. */
const ELEMENT_OF_KEY: Record<string, 'Cd' | 'Hg' | 'As' | 'Pb' | 'Cr' | 'Cu' | 'Ni' | 'Zn'> = {
  cd: 'Cd',
  hg: 'Hg',
  as: 'As',
  pb: 'Pb',
  cr: 'Cr',
  cu: 'Cu',
  ni: 'Ni',
  zn: 'Zn',
}
const CROP_ELEMENTS = new Set(['Cd', 'Pb', 'As', 'Hg', 'Cr'])

export interface JobToRun {
  id: number
  adcode: string
  listId: number
  startedBy: string
  rules: ClassRuleSet
}

export interface RunnerOptions {
  /** Parcels per batch: one read, one classification in JavaScript and one write transaction each. */
  batchSize?: number
  log?: (msg: string, err?: unknown) => void
  /** Called after each batch is written, with the job id and the parcels done so far (tests observe progress). */
  onBatch?: (jobId: number, done: number) => Promise<void> | void
}

export const DEFAULT_BATCH_SIZE = 2000

const USER_FAILURE =
  '分类任务出错，已停止；清单不完整，不能提交，已发布的分类未受影响。请稍后重新运行，仍失败请联系管理员（详细原因见服务器日志）'

function elementValues(values: Record<string, number> | null, only?: Set<string>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const [key, value] of Object.entries(values ?? {})) {
    const element = ELEMENT_OF_KEY[key.toLowerCase()]
    if (element && (!only || only.has(element)) && typeof value === 'number') out[element] = value
  }
  return out
}

/** Grades a monitoring point once per job: its latest soil sample (land use at the point) and latest crop sample. */
export function gradePoint(row: PointSampleRow, rules: ClassRuleSet): Omit<PointEvidence, 'distanceM'> {
  const soil =
    row.soil_on === null
      ? null
      : assessSoilSample({
          landUse: landUseOfDlbm(row.land_use ?? ''),
          rotation: false,
          ph: row.ph,
          values: elementValues(row.soil_values),
        })
  const crop =
    row.crop_on === null
      ? null
      : assessCropSample({ crop: row.crop ?? '', values: elementValues(row.crop_values, CROP_ELEMENTS) }, rules)
  const sampledOn = [row.soil_on, row.crop_on]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1)!
  return { pointId: Number(row.id), pointCode: row.code, sampledOn, soil, crop }
}

/** The class list entry of a parcel from its evidence (the graded points inside it and near it). */
export function classifyEvidence(
  e: ParcelEvidenceRow,
  graded: ReadonlyMap<number, Omit<PointEvidence, 'distanceM'>>,
  rules: ClassRuleSet,
): NewEntry {
  const inside = e.inside_ids.flatMap((id) => (graded.has(id) ? [{ ...graded.get(id)!, distanceM: 0 }] : []))
  const nearby = e.near_ids.flatMap((id, i) =>
    graded.has(id) ? [{ ...graded.get(id)!, distanceM: e.near_distances[i] }] : [],
  )
  const c = classifyParcel({ inside, nearby }, rules)
  return {
    parcelId: e.parcel_id,
    class: c.class,
    method: c.method,
    soilGrade: c.soilGrade,
    mainPollutants: c.mainPollutants,
    sampleCount: c.sampleCount,
    basis: c.basis,
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

/**
 * Runs classification jobs in this process, in batches of parcels: each batch is read, classified and
 * written (entries + progress in one short transaction), then the event loop gets a turn, so the single
 * connection of the embedded engine keeps answering other requests. A cancel is seen between two batches.
 * The published classes (farmland_parcel.class) are never written here.
 */
export class ClassificationRunner {
  private readonly active = new Map<number, Promise<void>>()
  private readonly batchSize: number
  private readonly log: (msg: string, err?: unknown) => void
  private readonly onBatch: RunnerOptions['onBatch']

  constructor(
    private readonly db: Database,
    options: RunnerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE
    this.log = options.log ?? (() => {})
    this.onBatch = options.onBatch
  }

  isActive(jobId: number): boolean {
    return this.active.has(jobId)
  }

  /** Starts the job in the background; the promise of its run is kept until it ends. */
  start(job: JobToRun): void {
    const run = nextTurn()
      .then(() => this.run(job))
      .finally(() => this.active.delete(job.id))
    this.active.set(job.id, run)
  }

  /** Resolves when every job started here has ended (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.active.size) await Promise.allSettled([...this.active.values()])
  }

  private async run(job: JobToRun): Promise<void> {
    try {
      const outcome = await this.classify(job)
      if (outcome === 'cancelled')
        await finishJob(this.db, job.adcode, job.id, 'cancelled', '已取消；清单不完整，不能提交，已发布的分类未受影响')
    } catch (err) {
      this.log(`分类任务 ${job.id}（${job.adcode}）失败`, err)
      const message =
        err instanceof AppError ? `${err.message}；清单不完整，不能提交，已发布的分类未受影响` : USER_FAILURE
      await finishJob(this.db, job.adcode, job.id, 'failed', message).catch((e) =>
        this.log(`分类任务 ${job.id} 无法标记为失败`, e),
      )
    }
  }

  private async classify(job: JobToRun): Promise<'done' | 'cancelled'> {
    if (!(await markJobRunning(this.db, job.adcode, job.id))) return 'cancelled'
    const { maxDistanceM, maxSamples } = job.rules.interpolation
    const graded = new Map<number, Omit<PointEvidence, 'distanceM'>>()
    for (const row of await listPointSamples(this.db, job.adcode))
      graded.set(Number(row.id), gradePoint(row, job.rules))
    const evidenceAfter = (afterId: number) =>
      findParcelEvidence(this.db, job.adcode, afterId, this.batchSize, maxDistanceM, maxSamples)
    const write = this.db.mode === 'server' ? copyEntries : insertEntries
    const writeBatch = async (entries: NewEntry[]) => {
      const progress = await this.db.transaction(async (tx) => {
        await write(tx, job.adcode, job.listId, entries)
        return recordProgress(tx, job.adcode, job.id, entries.length)
      })
      await this.onBatch?.(job.id, progress.done)
    }
    // Three stages overlap, each on its own connection on a server: the next batch's evidence is read and the
    // previous batch is written (entries + progress, one transaction) while this one is classified in
    // JavaScript. Writes stay one at a time and in order; the job's state is read after each write, so a
    // cancel stops it before the next write.
    let next = evidenceAfter(0)
    let writing = Promise.resolve()
    try {
      for (;;) {
        const batch = await next
        if (batch.length) {
          next = evidenceAfter(batch[batch.length - 1].parcel_id)
          // a failure below must not leave the read ahead unobserved
          next.catch(() => {})
        }
        const entries = batch.map((b) => classifyEvidence(b, graded, job.rules))
        await writing
        const state = await readJobState(this.db, job.adcode, job.id)
        if (!state || state.is_cancel_requested || state.status !== 'running') {
          await next.catch(() => {})
          return 'cancelled'
        }
        if (!batch.length) break
        writing = writeBatch(entries)
        writing.catch(() => {})
        await nextTurn()
      }
    } catch (err) {
      await Promise.allSettled([next, writing])
      throw err
    }
    return this.db.transaction(async (tx) => {
      const state = await readJobState(tx, job.adcode, job.id)
      if (!state || state.is_cancel_requested || state.status !== 'running') return 'cancelled' as const
      const list = await completeList(tx, job.adcode, job.listId)
      await finishJob(tx, job.adcode, job.id, 'done', null)
      await insertHistory(tx, {
        adcode: job.adcode,
        entity: 'class_list',
        entityId: job.listId,
        action: 'classify',
        actor: job.startedBy,
        reason: null,
        before: null,
        after: {
          jobId: job.id,
          ruleSetVersion: job.rules.version,
          parcelCount: list.parcel_count,
          byClass: list.by_class,
        },
      })
      return 'done' as const
    })
  }
}

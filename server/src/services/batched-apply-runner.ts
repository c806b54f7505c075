import type { Database } from '../db/database.ts'
import { AppError } from '../domain/errors.ts'

export interface BatchedApplyOptions {
  /** Items per batch inside the apply's one transaction. */
  batchSize: number
  log?: (msg: string, err?: unknown) => void
  /** Called after each batch with the import and the items done so far (tests cancel or fail here). */
  onBatch?: (importId: number, done: number) => Promise<void> | void
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

class Cancelled extends Error {}

/**
 * What an import's applies have in common: each runs in this process in the background, one transaction in
 * batches; the progress is kept here for the status answers, and a cancel is seen between two batches (it throws,
 * so the transaction rolls back). A subclass says what the total is and runs the apply.
 */
export abstract class BatchedApplyRunner<Job extends { importId: number; adcode: string }> {
  private readonly active = new Map<number, Promise<void>>()
  private readonly progress = new Map<number, { done: number; total: number }>()
  private readonly cancelled = new Set<number>()

  constructor(
    protected readonly db: Database,
    protected readonly options: BatchedApplyOptions,
  ) {}

  isActive(importId: number): boolean {
    return this.active.has(importId)
  }

  /** The items done so far of a running apply. */
  progressOf(importId: number): { done: number; total: number } | undefined {
    return this.progress.get(importId)
  }

  /** Asks a running apply to stop at its next batch; false when none runs here. */
  cancel(importId: number): boolean {
    if (!this.active.has(importId)) return false
    this.cancelled.add(importId)
    return true
  }

  /** Starts the apply in the background; `onApplied` gets the tile layers to invalidate after the commit. */
  start(job: Job, onApplied: (layers: string[]) => void): void {
    this.progress.set(job.importId, { done: 0, total: this.totalOf(job) })
    const run = nextTurn()
      .then(() => this.run(job, onApplied))
      .finally(() => {
        this.active.delete(job.importId)
        this.progress.delete(job.importId)
        this.cancelled.delete(job.importId)
      })
    this.active.set(job.importId, run)
  }

  /** Resolves when every apply started here has ended (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.active.size) await Promise.allSettled([...this.active.values()])
  }

  protected abstract totalOf(job: Job): number

  protected abstract run(job: Job, onApplied: (layers: string[]) => void): Promise<void>

  /** Records the progress after a batch, then stops the apply if it was cancelled meanwhile. */
  protected async afterBatch(job: Job, done: number): Promise<void> {
    this.progress.set(job.importId, { done, total: this.totalOf(job) })
    await this.options.onBatch?.(job.importId, done)
    if (this.cancelled.has(job.importId)) throw new Cancelled()
    await nextTurn()
  }

  /**
   * The status and the officer's message of an apply that threw: cancelled, refused (the refusal's words) or failed
   * (a general message; the cause goes to the log under `what`). `undone` says that nothing was written.
   */
  protected failure(
    job: Job,
    err: unknown,
    words: { what: string; undone: string; failed: string },
  ): { status: 'cancelled' | 'failed'; message: string } {
    if (err instanceof Cancelled) return { status: 'cancelled', message: `已取消，${words.undone}` }
    this.options.log?.(`${words.what} ${job.importId}（${job.adcode}）失败`, err)
    return { status: 'failed', message: err instanceof AppError ? `${err.message}；${words.undone}` : words.failed }
  }
}

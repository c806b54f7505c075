import type { Logger } from 'pino'

/** Tile cache hits and misses since the start, as the tile service counts them. */
interface CacheCounts {
  readonly cacheCounts: { hits: number; misses: number }
}

/** How often the tile summary line is written while tiles are asked. */
const SUMMARY_EVERY_MS = 60_000

/**
 * Tile requests as one summary line a minute (a map view asks dozens of tiles a second; a line each would drown the
 * lines a person reads): how many, by status and by layer, cache hits, and the slowest answer. Nothing is written
 * in a minute with no tile request.
 */
export class TileRequestLog {
  private count = 0
  private byStatus: Record<number, number> = {}
  private byLayer: Record<string, number> = {}
  private slowestMs = 0
  private cacheAtStart = { hits: 0, misses: 0 }
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly logger: Logger,
    private readonly cache: CacheCounts,
    private readonly everyMs = SUMMARY_EVERY_MS,
  ) {}

  record(layer: string, status: number, ms: number): void {
    if (this.count === 0) this.cacheAtStart = { ...this.cache.cacheCounts }
    this.count++
    this.byStatus[status] = (this.byStatus[status] ?? 0) + 1
    this.byLayer[layer] = (this.byLayer[layer] ?? 0) + 1
    if (ms > this.slowestMs) this.slowestMs = ms
    this.timer ??= setTimeout(() => this.flush(), this.everyMs).unref()
  }

  /** Writes the summary of the requests recorded since the last one (if any) and starts a new one. */
  flush(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (this.count === 0) return
    const hits = this.cache.cacheCounts.hits - this.cacheAtStart.hits
    const misses = this.cache.cacheCounts.misses - this.cacheAtStart.misses
    const slowestMs = Math.round(this.slowestMs * 10) / 10
    this.logger.info(
      { tiles: { requests: this.count, byStatus: this.byStatus, byLayer: this.byLayer, hits, misses, slowestMs } },
      `瓦片请求 ${this.count} 次（缓存命中 ${hits}，生成 ${misses}；最慢 ${slowestMs} ms）`,
    )
    this.count = 0
    this.byStatus = {}
    this.byLayer = {}
    this.slowestMs = 0
  }
}

import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import path from 'node:path'
import autocannon from 'autocannon'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { findTileLayer } from '../../server/src/tiles/layers.ts'
import { TileService } from '../../server/src/tiles/tile-service.ts'

export interface BenchServer {
  url: string
  tiles: TileService
  /** Builds the tile of a `/tiles/{layer}/{z}/{x}/{y}.pbf` path directly, to tell why requests failed. */
  probe(tilePath: string): Promise<string>
  close(): Promise<void>
}

/** The real app, in this process, on a random loopback port, with the tile cache on or off. */
export async function startServer(db: Database, cacheEntries: number): Promise<BenchServer> {
  const base = loadConfig({ databaseUrl: undefined })
  const config = { ...base, tiles: { ...base.tiles, cacheEntries } }
  const tiles = new TileService(db, config.tiles)
  const app = createApp({ db, config, tiles })
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
    s.on('error', reject)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    tiles,
    async probe(tilePath) {
      const m = /^\/tiles\/([\w-]+)\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(tilePath)
      const layer = m && findTileLayer(m[1])
      if (!m || !layer) return `not a tile path: ${tilePath}`
      try {
        const tile = await withTimeout(tiles.renderTile(layer, Number(m[2]), Number(m[3]), Number(m[4])), 10_000)
        return tile === undefined ? 'no answer within 10 s' : `ok (${tile.length} B)`
      } catch (err) {
        return (err as Error).message
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}

export interface HttpResult {
  rps: number
  requests: number
  seconds: number
  status2xx: number
  status204: number
  statusCodes: Record<string, number>
  non2xx: number
  errors: number
  timeouts: number
  latencyP50Ms: number
  latencyP99Ms: number
}

/**
 * autocannon over a list of paths for a fixed time, from a worker thread so the load generator does not share
 * the server's event loop. Each connection cycles through the list from its own offset. Browsers' header
 * `Accept-Encoding: gzip` is sent, so the server answers with the tile it gzipped.
 */
export async function runAutocannon(o: { url: string; paths: string[]; connections: number; seconds: number }): Promise<HttpResult> {
  const tracker = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    workers: 1,
    timeout: 30,
    headers: { 'accept-encoding': 'gzip' },
    requests: o.paths.map((p) => ({ method: 'GET', path: p })),
    setupClient: path.join(import.meta.dirname, 'rotate-client.cjs'),
  })
  const result = await withTimeout(tracker, (o.seconds + 30) * 1000, () => tracker.stop?.())
  if (result === undefined) throw new Error(`autocannon 在 ${o.seconds + 30} 秒内未结束 / autocannon did not finish within ${o.seconds + 30} s`)
  const seconds = result.duration
  const requests = result.requests.total
  return {
    rps: seconds > 0 ? requests / seconds : 0,
    requests,
    seconds,
    status2xx: result['2xx'],
    status204: result.statusCodeStats?.['204']?.count ?? 0,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  }
}

/** Requests every path once, for warming the cache; returns the status codes seen (0: no answer in 10 s). */
export async function fetchAll(url: string, paths: string[]): Promise<Record<number, number>> {
  const seen: Record<number, number> = {}
  let failures = 0
  for (const p of paths.slice(0, 1000)) {
    let status = 0
    try {
      const res = await fetch(url + p, { headers: { 'accept-encoding': 'gzip' }, signal: AbortSignal.timeout(10_000) })
      await res.arrayBuffer()
      status = res.status
    } catch {
      failures++
    }
    seen[status] = (seen[status] ?? 0) + 1
    if (failures >= 3) break
  }
  return seen
}

/** The promise's value, or undefined after `ms` (then `onTimeout` runs); the timer never outlives the race. */
export async function withTimeout<T>(promise: PromiseLike<T>, ms: number, onTimeout?: () => void): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      onTimeout?.()
      resolve(undefined)
    }, ms)
  })
  try {
    return await Promise.race([Promise.resolve(promise), timeout])
  } finally {
    clearTimeout(timer)
  }
}

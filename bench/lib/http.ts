import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import path from 'node:path'
import autocannon from 'autocannon'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { findTileLayer } from '../../server/src/tiles/layers.ts'
import { TileService } from '../../server/src/tiles/tile-service.ts'
import { setPassword } from '../../server/src/repos/auth.repo.ts'
import { findUserIdByName, insertUser, replaceScopes } from '../../server/src/repos/users.repo.ts'
import { hashPassword } from '../../server/src/services/password.ts'

export interface BenchServer {
  url: string
  tiles: TileService
  /** Session cookie of the bench account, whose scope is every county of the bench data (internal tiles need it). */
  cookie: string
  scope: string[]
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
  const url = `http://127.0.0.1:${port}`
  const scope = (await db.query<{ adcode: string }>('SELECT adcode::text FROM county ORDER BY adcode')).rows.map(
    (r) => r.adcode,
  )
  const cookie = await signInBenchUser(db, url)
  return {
    url,
    tiles,
    cookie,
    scope,
    async probe(tilePath) {
      const m = /^\/tiles\/([\w-]+)\/(\d+)\/(\d+)\/(\d+)\.pbf$/.exec(tilePath)
      const layer = m && findTileLayer(m[1])
      if (!m || !layer) return `not a tile path: ${tilePath}`
      try {
        const tile = await withTimeout(tiles.renderTile(layer, Number(m[2]), Number(m[3]), Number(m[4]), scope), 10_000)
        return tile === undefined ? 'no answer within 10 s' : `ok (${tile.length} B)`
      } catch (err) {
        return (err as Error).message
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const BENCH_PASSWORD = 'bench-2026-tiles'

/** A generated bench account: its name, display name and role. */
export interface BenchAccount {
  username: string
  displayName: string
  role: 'farmland' | 'land'
}

const TILE_ACCOUNT: BenchAccount = { username: 'bench', displayName: '基准测试账户', role: 'farmland' }

/**
 * Creates (again) a bench account — by default the farmland officer `bench` — whose scope is every province of
 * the bench data, and signs it in through the real login route; returns the session cookie.
 */
export async function signInBenchUser(
  db: Database,
  url: string,
  account: BenchAccount = TILE_ACCOUNT,
): Promise<string> {
  const provinces = (
    await db.query<{ code: string }>("SELECT DISTINCT left(adcode, 2) || '0000' AS code FROM county")
  ).rows.map((r) => r.code)
  const hash = await hashPassword(BENCH_PASSWORD)
  await db.transaction(async (tx) => {
    const existing = await findUserIdByName(tx, account.username)
    const id =
      existing ??
      (await insertUser(tx, {
        username: account.username,
        displayName: account.displayName,
        department: '',
        role: account.role,
        passwordHash: hash,
        mustChangePassword: false,
        isGenerated: true,
      }))
    if (existing) await setPassword(tx, id, hash, false)
    await replaceScopes(tx, id, provinces)
  })
  const session = await fetch(`${url}/api/session`)
  const anon = session.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const { csrfToken } = (await session.json()) as { csrfToken: string }
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken, cookie: anon },
    body: JSON.stringify({ username: account.username, password: BENCH_PASSWORD }),
  })
  if (!res.ok) throw new Error(`基准账户登录失败 / bench login failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .find((c) => c.startsWith('soil_session='))
  if (!cookie) throw new Error('登录未返回会话 Cookie / no session cookie')
  return cookie
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
export async function runAutocannon(o: {
  url: string
  paths: string[]
  connections: number
  seconds: number
  cookie: string
}): Promise<HttpResult> {
  const tracker = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    workers: 1,
    timeout: 30,
    headers: { 'accept-encoding': 'gzip', cookie: o.cookie },
    requests: o.paths.map((p) => ({ method: 'GET', path: p })),
    setupClient: path.join(import.meta.dirname, 'rotate-client.cjs'),
  })
  const result = await withTimeout(tracker, (o.seconds + 30) * 1000, () => tracker.stop?.())
  if (result === undefined)
    throw new Error(`autocannon 在 ${o.seconds + 30} 秒内未结束 / autocannon did not finish within ${o.seconds + 30} s`)
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
export async function fetchAll(url: string, paths: string[], cookie: string): Promise<Record<number, number>> {
  const seen: Record<number, number> = {}
  let failures = 0
  for (const p of paths.slice(0, 1000)) {
    let status = 0
    try {
      const res = await fetch(url + p, {
        headers: { 'accept-encoding': 'gzip', cookie },
        signal: AbortSignal.timeout(10_000),
      })
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
export async function withTimeout<T>(
  promise: PromiseLike<T>,
  ms: number,
  onTimeout?: () => void,
): Promise<T | undefined> {
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

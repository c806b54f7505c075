import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { withTimeout } from './http.ts'
import { wrkBin } from './measure.ts'
import { runWrk, type WrkRequest } from './wrk.ts'

/** The pre-check bench's load runs: the HTTP load in a worker thread, pgbench's per-transaction logs, the figures of a run. */

interface LoadResult {
  /** Latency percentiles (ms) and rate of the answers that succeeded. */
  figures: RunFigures
  statusCodes: Record<string, number>
  errors: number
  firstFailure: string | null
  seconds: number
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]
}

export interface RunFigures {
  p50: number
  p95: number
  p99: number
  perSecond: number
  count: number
}

export const figures = (latencies: number[], seconds: number): RunFigures => {
  const sorted = [...latencies].sort((a, b) => a - b)
  return {
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    perSecond: sorted.length / seconds,
    count: sorted.length,
  }
}

interface LoadOptions {
  url: string
  cookie: string
  csrfToken: string
  bodies: string[]
  connections: number
  seconds: number
  /** GET: `bodies` are paths to fetch (no CSRF token needed). */
  method?: 'GET' | 'POST'
}

/**
 * `connections` closed loops POSTing the bodies (or GETting the paths) for `seconds`: by wrk when it is installed
 * (latencies to the microsecond from its histogram), else in a worker thread (precheck-load.mjs).
 */
export function runLoad(o: LoadOptions): Promise<LoadResult> {
  return wrkBin ? runLoadByWrk(wrkBin, o) : runLoadInWorker(o)
}

async function runLoadByWrk(bin: string, o: LoadOptions): Promise<LoadResult> {
  const requests = o.bodies.map((body): WrkRequest =>
    o.method === 'GET'
      ? { method: 'GET', path: body, headers: { Cookie: o.cookie, 'Accept-Encoding': 'gzip' } }
      : {
          method: 'POST',
          path: '/api/precheck',
          headers: { Cookie: o.cookie, 'X-CSRF-Token': o.csrfToken, 'Content-Type': 'application/json' },
          body,
        },
  )
  const r = await runWrk({ bin, url: o.url, requests, connections: o.connections, seconds: o.seconds })
  const errors = r.non2xx + r.errors + r.timeouts
  let firstFailure: string | null = null
  if (errors) {
    // wrk counts failures without keeping them: the first request once more tells what went wrong
    const first = requests[0]!
    const res = await fetch(o.url + first.path, { method: first.method, headers: first.headers, body: first.body })
    firstFailure = `${res.status}: ${(await res.text()).slice(0, 300)} (wrk: ${JSON.stringify(r.statusCodes)}, errors ${r.errors}, timeouts ${r.timeouts})`
  }
  const ok = r.requests - r.non2xx
  return {
    figures: { p50: r.latencyP50Ms, p95: r.latencyP95Ms, p99: r.latencyP99Ms, perSecond: ok / r.seconds, count: ok },
    statusCodes: r.statusCodes,
    errors,
    firstFailure,
    seconds: r.seconds,
  }
}

async function runLoadInWorker(o: LoadOptions): Promise<LoadResult> {
  const worker = new Worker(path.join(import.meta.dirname, 'precheck-load.mjs'), {
    workerData: {
      url: o.url,
      method: o.method ?? 'POST',
      path: '/api/precheck',
      cookie: o.cookie,
      csrfToken: o.csrfToken,
      bodies: o.bodies,
      connections: o.connections,
      seconds: o.seconds,
    },
  })
  type WorkerResult = Omit<LoadResult, 'figures'> & { latencies: number[] }
  const done = new Promise<WorkerResult>((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
    worker.once('exit', (code) => reject(new Error(`核查负载线程退出 / load worker exited (${code})`)))
  })
  const result = await withTimeout(done, (o.seconds + 60) * 1000)
  await worker.terminate()
  if (!result)
    throw new Error(
      `核查负载线程在 ${o.seconds + 60} 秒内未结束 / load worker did not finish within ${o.seconds + 60} s`,
    )
  const { latencies, ...rest } = result
  return { ...rest, figures: figures(latencies, result.seconds) }
}

/** Latencies (ms) of every transaction in pgbench's per-transaction logs (`-l`), then removes the logs. */
export function readPgbenchLogs(dir: string, prefix: string): number[] {
  const out: number[] = []
  for (const f of fs.readdirSync(dir).filter((n) => n.startsWith(`${prefix}.`))) {
    const file = path.join(dir, f)
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const cols = line.trim().split(/\s+/)
      // client_id transaction_no time(µs) script_no time_epoch time_us
      if (cols.length >= 6) out.push(Number(cols[2]) / 1000)
    }
    fs.rmSync(file)
  }
  return out
}

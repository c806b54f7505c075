import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { runAutocannon, withTimeout, type HttpResult } from './http.ts'
import { figures, type RunFigures } from './precheck-runs.ts'
import { findWrk, runWrk, type WrkRequest } from './wrk.ts'

/**
 * The HTTP load generator: wrk when it is installed (a C client like pgbench, the anchor of the HTTP ratios), else
 * a Node client in a worker thread of the bench's process (`BENCH_LOAD=autocannon` chooses it): autocannon for
 * throughput, precheck-load.mjs for latencies.
 */
const wrkBin = findWrk()
export const loadGenerator = wrkBin ? 'wrk' : 'autocannon'

/** GETs of `paths` with a browser's `Accept-Encoding: gzip` and the bench account's session; the counts and rate. */
interface ThroughputLoad {
  kind: 'throughput'
  url: string
  paths: string[]
  connections: number
  seconds: number
  cookie: string
}

/** `connections` closed loops POSTing the pre-check bodies (or GETting the paths); the latency of every answer. */
interface LatencyLoad {
  kind: 'latency'
  url: string
  cookie: string
  csrfToken: string
  bodies: string[]
  connections: number
  seconds: number
  /** GET: `bodies` are paths to fetch (no CSRF token needed). */
  method?: 'GET' | 'POST'
}

interface LatencyResult {
  /** Latency percentiles (ms) and rate of the answers that succeeded. */
  figures: RunFigures
  statusCodes: Record<string, number>
  errors: number
  firstFailure: string | null
  seconds: number
}

/**
 * Runs a load for `seconds` by wrk when it is installed (latencies to the microsecond from its histogram), else
 * throughput by autocannon and latencies in a worker thread (precheck-load.mjs).
 */
export function runLoad(o: ThroughputLoad): Promise<HttpResult>
export function runLoad(o: LatencyLoad): Promise<LatencyResult>
export function runLoad(o: ThroughputLoad | LatencyLoad): Promise<HttpResult | LatencyResult> {
  if (o.kind === 'throughput') {
    const { url, paths, connections, seconds, cookie } = o
    if (!wrkBin) return runAutocannon({ url, paths, connections, seconds, cookie })
    const headers = { 'Accept-Encoding': 'gzip', Cookie: cookie }
    return runWrk({
      url,
      connections,
      seconds,
      bin: wrkBin,
      requests: paths.map((p) => ({ method: 'GET', path: p, headers })),
    })
  }
  return wrkBin ? latencyByWrk(wrkBin, o) : latencyInWorker(o)
}

async function latencyByWrk(bin: string, o: LatencyLoad): Promise<LatencyResult> {
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

async function latencyInWorker(o: LatencyLoad): Promise<LatencyResult> {
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
  type WorkerResult = Omit<LatencyResult, 'figures'> & { latencies: number[] }
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

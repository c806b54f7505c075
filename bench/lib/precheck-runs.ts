import fs from 'node:fs'
import path from 'node:path'
import { Worker } from 'node:worker_threads'
import { withTimeout } from './http.ts'

/** The pre-check bench's load runs: the HTTP load in a worker thread, pgbench's per-transaction logs, the figures of a run. */

interface LoadResult {
  latencies: number[]
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

/** `connections` closed loops POSTing the bodies for `seconds`, in a worker thread (precheck-load.mjs). */
export async function runLoad(o: {
  url: string
  cookie: string
  csrfToken: string
  bodies: string[]
  connections: number
  seconds: number
  /** GET: `bodies` are paths to fetch (no CSRF token needed). */
  method?: 'GET' | 'POST'
}): Promise<LoadResult> {
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
  const done = new Promise<LoadResult>((resolve, reject) => {
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
  return result
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

import fs from 'node:fs'
import path from 'node:path'

/** The figures of a pre-check bench's run: latency percentiles and rate, and pgbench's per-transaction logs. */

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

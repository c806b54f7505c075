import type { BenchServer } from './http.ts'
import { runLoad } from './load.ts'
import { runPgbench } from './pgbench.ts'
import { median, type Series } from './report.ts'

/** One step of a workload: runs once for `seconds`, returns the value recorded and the raw figures. */
export interface Step {
  key: string
  label: string
  unit: string
  concurrency: number
  /** `valid: false` when the run's figure cannot be trusted (it is kept but left out of the median). */
  run: (seconds: number, phase: string) => Promise<{ value: number; valid: boolean; detail: unknown }>
}

export interface MeasureContext {
  log: (msg: string) => void
  seconds: number
  repeats: number
  /** Anything odd but not fatal. */
  warnings: string[]
  /** Runs whose figure cannot be trusted (failed requests); they make the bench exit 1. */
  invalid: string[]
}

/** The load generator against one of the in-process servers; failed requests make the run invalid, with the cause. */
export function httpStep(
  ctx: MeasureContext,
  key: string,
  label: string,
  server: () => Pick<BenchServer, 'url' | 'cookie' | 'probe'>,
  paths: string[],
  connections: number,
): Step {
  return {
    key,
    label,
    unit: 'req/s',
    concurrency: connections,
    run: async (seconds, phase) => {
      const s = server()
      const r = await runLoad({ kind: 'throughput', url: s.url, paths, connections, seconds, cookie: s.cookie })
      const valid = !(r.non2xx || r.errors || r.timeouts || r.requests === 0)
      if (!valid) {
        const cause = await s.probe(paths[0])
        ctx.invalid.push(
          `${label} [${phase}]: ${r.requests} requests, status ${JSON.stringify(r.statusCodes)}, errors ${r.errors}, ` +
            `timeouts ${r.timeouts}; building ${paths[0]} directly: ${cause}`,
        )
      }
      if (r.status204 > r.requests * 0.05)
        ctx.warnings.push(`${label} [${phase}]: ${r.status204} of ${r.requests} tiles empty (204)`)
      return { value: r.rps, valid, detail: r }
    },
  }
}

/** pgbench with one script (the tile statement over the tile list). */
export function pgbenchStep(
  key: string,
  label: string,
  o: { bin: string; url: string; script: string; clients: number },
): Step {
  return {
    key,
    label,
    unit: 'tiles/s',
    concurrency: o.clients,
    run: async (seconds) => {
      const r = await runPgbench({ bin: o.bin, url: o.url, scripts: [o.script], clients: o.clients, seconds })
      return { value: r.tps, valid: true, detail: r }
    },
  }
}

/** A warm-up of every step (up to 3 s, not recorded), then `repeats` rounds of all the steps in turn. */
export async function measure(ctx: MeasureContext, title: string, steps: Step[]): Promise<Series[]> {
  const warm = Math.min(3, ctx.seconds)
  ctx.log(`${title}: 预热 / warm-up ${warm} s × ${steps.length}`)
  for (const s of steps) await s.run(warm, 'warm-up')
  const series: Series[] = steps.map((s) => ({
    key: s.key,
    label: s.label,
    unit: s.unit,
    runs: [],
    invalidRuns: [],
    median: NaN,
    details: [],
  }))
  for (let round = 1; round <= ctx.repeats; round++) {
    for (const [i, s] of steps.entries()) {
      const { value, valid, detail } = await s.run(ctx.seconds, `run ${round}`)
      series[i].runs.push(value)
      if (!valid) series[i].invalidRuns.push(round)
      series[i].details.push(detail)
      ctx.log(
        `${title}: 第 ${round}/${ctx.repeats} 轮 / run ${s.label} = ${value.toFixed(1)} ${s.unit}${valid ? '' : '（无效 / invalid）'}`,
      )
    }
  }
  for (const s of series) s.median = median(s.runs.filter((_, i) => !s.invalidRuns.includes(i + 1)))
  return series
}

import type { Database } from '../../server/src/db/database.ts'
import { signInBenchUser, type BenchServer } from './http.ts'
import type { MeasureContext, Step } from './measure.ts'
import { measure } from './measure.ts'
import { LAND_ACCOUNT, ensurePublishedClassLists, pickPrecheckPlots } from './precheck.ts'
import { runLoad } from './load.ts'
import { ratio, type Series, type WorkloadReport } from './report.ts'

const byKey = (series: Series[], key: string) => series.find((s) => s.key === key)!

/** The bar for a county on the embedded engine: z16 tile p95 ≤ 100 ms, pre-check p95 ≤ 200 ms. */
const TILE_P95_MS = 100
const PRECHECK_P95_MS = 200

/** A latency step at c=1: one closed loop in a worker thread, each request timed; the value is the run's p95. */
function latencyStep(
  ctx: MeasureContext,
  key: string,
  label: string,
  o: { server: BenchServer; cookie: string; csrfToken: string; items: string[]; method: 'GET' | 'POST' },
): Step {
  return {
    key,
    label,
    unit: 'ms',
    concurrency: 1,
    run: async (seconds, phase) => {
      const r = await runLoad({
        kind: 'latency',
        url: o.server.url,
        cookie: o.cookie,
        csrfToken: o.csrfToken,
        bodies: o.items,
        connections: 1,
        seconds,
        method: o.method,
      })
      const f = r.figures
      const valid = r.errors === 0 && f.count > 0
      if (!valid)
        ctx.invalid.push(
          `${label} [${phase}]: status ${JSON.stringify(r.statusCodes)}; first failure ${r.firstFailure}`,
        )
      return { value: f.p95, valid, detail: { ...f, statusCodes: r.statusCodes } }
    },
  }
}

/**
 * Is a county usable on the embedded engine? p95 latency of the z16 parcel tiles (cache off) and of the pre-check
 * (POST /api/precheck as the land bench account), one request at a time, on the embedded app; the same outlines
 * the server's pre-check workload uses are drawn here from the embedded data.
 */
export async function measureEmbeddedUsable(
  embDb: Database,
  ctx: MeasureContext,
  o: {
    server: BenchServer
    tilePaths: string[]
    count: number
    seed: number
    seconds: number
  },
): Promise<WorkloadReport> {
  await ensurePublishedClassLists(embDb, ctx.log)
  const plots = await pickPrecheckPlots(embDb, o.count, o.seed)
  const bodies = plots.map((p) =>
    JSON.stringify({ geometry: JSON.parse(p.geojson), plannedUse: p.plannedUse, name: `基准测试地块 ${p.i + 1}` }),
  )
  const landCookie = await signInBenchUser(embDb, o.server.url, LAND_ACCOUNT)
  const session = await fetch(`${o.server.url}/api/session`, { headers: { cookie: landCookie } })
  const { csrfToken } = (await session.json()) as { csrfToken: string }
  const title = 'county on the embedded engine'
  const series = await measure(ctx, title, [
    latencyStep(ctx, 'tile', 'z16 parcel tile p95 (cache off)', {
      server: o.server,
      cookie: o.server.cookie,
      csrfToken: '',
      items: o.tilePaths,
      method: 'GET',
    }),
    latencyStep(ctx, 'precheck', 'POST /api/precheck p95', {
      server: o.server,
      cookie: landCookie,
      csrfToken,
      items: bodies,
      method: 'POST',
    }),
  ])
  await embDb.query(`DELETE FROM precheck WHERE checked_by = $1`, [LAND_ACCOUNT.username]).catch(() => {})
  return {
    id: 'embedded-usable',
    title,
    seconds: o.seconds,
    concurrency: { tile: 1, precheck: 1 },
    series,
    ratios: [
      ratio('z16 tile p95 (ms), usable ≤ 100 ms', byKey(series, 'tile'), null, TILE_P95_MS, true),
      ratio('pre-check p95 (ms), usable ≤ 200 ms', byKey(series, 'precheck'), null, PRECHECK_P95_MS, true),
    ],
    notes: [
      `one request at a time (c=1) in a worker thread, each timed with performance.now(); tiles: the embedded z16 list (${o.tilePaths.length} tiles, cache off); pre-check: ${plots.length} outlines drawn from the embedded data as the server workload draws them.`,
    ],
  }
}

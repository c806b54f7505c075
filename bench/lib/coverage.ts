import type { AppConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { farmlandClasses } from '../../server/src/domain/coverage.ts'
import type { AuthContext } from '../../server/src/services/auth.service.ts'
import { getCoverage } from '../../server/src/services/coverage.service.ts'
import { clearCoverageCache } from '../../server/src/services/coverage-cache.ts'
import type { Log } from './data.ts'
import { median, type Series } from './report.ts'

/**
 * The anchor of docs/perf-targets.md: ONE LATERAL nearest-point query over the farmland of the counties — for each parcel the
 * nearest active point by KNN on the indexed geom_3857, its distance scaled to metres by cos(latitude), and the
 * parcels and area farther than the coverage distance. $1 counties, $2 distance (m), $3 farmland classes.
 */
export const LATERAL_ANCHOR_SQL = `
SELECT count(*) FILTER (WHERE n.d > $2)::int AS uncovered_parcels,
       coalesce(sum(p.area_m2) FILTER (WHERE n.d > $2), 0) AS uncovered_m2,
       count(*)::int AS parcels
FROM farmland_parcel p
CROSS JOIN LATERAL (
  SELECT ST_Distance(m.geom_3857, p.geom_3857) * cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)) AS d
  FROM monitoring_point m
  WHERE m.status = 'active'
  ORDER BY m.geom_3857 <-> p.geom_3857
  LIMIT 1
) n
WHERE p.adcode = ANY($1::text[]) AND left(p.dlbm, 2) = ANY($3::text[])`

export interface CoverageWorkloadResult {
  series: Series[]
  notes: string[]
  counties: number
  parcels: number
}

const benchContext = (counties: { adcode: string; name: string }[]): AuthContext => ({
  tokenHash: 'bench',
  csrfToken: 'bench',
  user: {
    id: 0,
    username: 'bench',
    displayName: '基准测试',
    department: '',
    role: 'environment',
    roleName: '生态环境管理员',
    mustChangePassword: false,
    scopes: counties.map((c) => c.adcode),
    counties,
  } as unknown as AuthContext['user'],
})

/**
 * Coverage of a city (every county of the bench database's largest city): the service the API answers
 * GET /api/coverage with (township facts with the uncovered farmland, the three-level facts, verdicts and roll-ups)
 * against the LATERAL anchor, interleaved, `repeats` times after one un-recorded warm-up of each. → seconds.
 */
export async function measureCoverage(
  db: Database,
  config: AppConfig,
  repeats: number,
  log: Log,
): Promise<CoverageWorkloadResult> {
  const {
    rows: [city],
  } = await db.query<{ city_code: string; city: string }>(`
    SELECT c.city_code::text, c.city FROM county c JOIN farmland_parcel p ON p.adcode = c.adcode
    GROUP BY c.city_code, c.city ORDER BY count(*) DESC LIMIT 1`)
  const { rows: counties } = await db.query<{ adcode: string; name: string }>(
    'SELECT adcode::text, name FROM county WHERE city_code = $1 ORDER BY adcode',
    [city.city_code],
  )
  const adcodes = counties.map((c) => c.adcode)
  const settings = config.coverage
  const classes = farmlandClasses(settings)
  const ctx = benchContext(counties)
  const {
    rows: [points],
  } = await db.query<{ active: number; all: number }>(
    `SELECT count(*) FILTER (WHERE status = 'active')::int AS active, count(*)::int AS all FROM monitoring_point WHERE adcode = ANY($1::text[])`,
    [adcodes],
  )

  let lastService:
    { uncoveredParcels: number; uncoveredMu: number; farmlandParcels: number; covered: number } | undefined
  let lastAnchor: { uncovered_parcels: number; uncovered_m2: number; parcels: number } | undefined
  const runService = async ({ isCached = false } = {}) => {
    if (!isCached) clearCoverageCache(db)
    const t = performance.now()
    const r = await getCoverage(db, ctx, settings)
    const seconds = (performance.now() - t) / 1000
    lastService = {
      uncoveredParcels: r.counties.reduce((s, c) => s + c.uncoveredParcels, 0),
      uncoveredMu: r.counties.reduce((s, c) => s + c.uncoveredMu, 0),
      farmlandParcels: r.counties.reduce((s, c) => s + c.farmlandParcels, 0),
      covered: r.counties.filter((c) => c.isCovered).length,
    }
    return seconds
  }
  const runAnchor = async () => {
    const t = performance.now()
    const {
      rows: [r],
    } = await db.query(LATERAL_ANCHOR_SQL, [adcodes, settings.distanceM, classes])
    lastAnchor = r
    return (performance.now() - t) / 1000
  }

  log(`监测覆盖 / coverage: ${city.city}（${adcodes.length} 个区县 / counties），预热 / warm-up`)
  const warm = { service: await runService(), anchor: await runAnchor() }
  log(`监测覆盖 / coverage warm-up: service ${warm.service.toFixed(2)} s, LATERAL ${warm.anchor.toFixed(2)} s`)
  const seconds = { service: [] as number[], anchor: [] as number[], cached: [] as number[] }
  for (let round = 1; round <= repeats; round++) {
    seconds.service.push(await runService())
    seconds.cached.push(await runService({ isCached: true }))
    seconds.anchor.push(await runAnchor())
    log(
      `监测覆盖 / coverage: 第 ${round}/${repeats} 轮 / run: service ${seconds.service.at(-1)!.toFixed(2)} s (cached ${(seconds.cached.at(-1)! * 1000).toFixed(1)} ms), LATERAL ${seconds.anchor.at(-1)!.toFixed(2)} s`,
    )
  }
  const toSeries = (key: string, label: string, s: number[]): Series => ({
    key,
    label,
    unit: 's',
    runs: s,
    invalidRuns: [],
    median: median(s),
    details: [],
  })
  const parcels = lastAnchor!.parcels
  const agree = lastService!.uncoveredParcels === lastAnchor!.uncovered_parcels
  return {
    counties: adcodes.length,
    parcels,
    series: [
      toSeries('service', 'coverage service (GET /api/coverage path)', seconds.service),
      toSeries('lateral', 'one LATERAL nearest-point query', seconds.anchor),
      toSeries('cached', 'coverage service, repeated read served from the cache (data unchanged)', seconds.cached),
    ],
    notes: [
      `${city.city} (${city.city_code}): ${adcodes.length} counties, ${parcels} farmland parcels (三调 classes ${classes.join(', ')}), ` +
        `${points.active} active of ${points.all} monitoring points; coverage distance ${settings.distanceM} m. ` +
        `Median seconds: service ${median(seconds.service).toFixed(2)}, LATERAL ${median(seconds.anchor).toFixed(2)} (PERF target: service ≤ 2× the LATERAL query's time).`,
      `service: getCoverage of coverage.service.ts for a user scoped to the city's counties — county-facts.sql (per township: active points by level ` +
        `and type, planned points, farmland, and farmland with no active point within the distance by NOT EXISTS … ST_DWithin on geom_3857 with the radius ` +
        `scaled by 1/cos(latitude)), three-level-facts.sql, verdicts and roll-ups in TypeScript. Last run: ${JSON.stringify(lastService)}.`,
      `anchor: one statement, nearest active point per parcel by CROSS JOIN LATERAL … ORDER BY m.geom_3857 <-> p.geom_3857 LIMIT 1, distance × cos(latitude), ` +
        `counted against the distance. Last run: ${JSON.stringify(lastAnchor)}; uncovered parcels ${agree ? 'agree with' : 'DIFFER from'} the service's.`,
    ],
  }
}

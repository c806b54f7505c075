import type { Database } from '../../server/src/db/database.ts'
import { startFloorServers } from './floor.ts'
import { fetchAll, type BenchServer } from './http.ts'
import { httpStep, measure, pgbenchStep, type MeasureContext } from './measure.ts'
import { writeScript } from './pgbench.ts'
import { ratio, type Series, type WorkloadReport } from './report.ts'
import { describeTiles, planSummary, tilePath, type PlanSummary, type TileList } from './tiles.ts'

/** What the tile workloads share: the bench database, both servers, pgbench and the two SQL texts of a tile. */
export interface TileWorkloadOptions {
  db: Database
  ctx: MeasureContext
  seconds: number
  /** The server with the tile cache off (the DB path) and on (the cache hit). */
  off: BenchServer
  on: BenchServer
  pgbench: string
  benchUrl: string
  scriptDir: string
  /** TileService.sqlFor('parcel') of the server, and Martin's SQL for the same layer. */
  projectSql: string
  martinSql: string
  /** Clean-ups the run does at its end (the floor servers of the cache hit). */
  cleanup: (name: string, run: () => Promise<void> | void) => void
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
const byKey = (series: Series[], key: string) => series.find((s) => s.key === key)!
const planText = (p: PlanSummary, tiles: number) =>
  `custom plans use ${p.custom.indexes.join(', ') || 'no index'} (parallel on ${p.custom.parallelTiles}/${tiles} tiles), ` +
  `generic plan ${p.generic.nodes.join(' > ')}${p.generic.parallel ? ' (parallel)' : ''}`

/** DB path of one zoom's list at concurrency `c`: server, pgbench, Martin, server, … interleaved. */
export async function measureDbPath(
  o: TileWorkloadOptions,
  list: TileList,
  c: number,
  target: number,
): Promise<WorkloadReport> {
  const { db, ctx, off, projectSql, martinSql: martin } = o
  const title = `parcel z${list.z} DB path`
  const paths = list.tiles.map((t) => tilePath('parcel', t))
  const tiles = {
    count: list.tiles.length,
    parcelDraws: list.draws,
    project: {
      ...(await describeTiles(db, projectSql, list.tiles, off.scope)),
      plan: await planSummary(db, projectSql, list.tiles, off.scope),
    },
    martin: { ...(await describeTiles(db, martin, list.tiles)), plan: await planSummary(db, martin, list.tiles) },
  }
  ctx.log(`${title}: ${list.tiles.length} 个瓦片，平均 / tiles, avg ${kb(tiles.project.avgBytes)}`)
  const pgb = { bin: o.pgbench, url: o.benchUrl, clients: c }
  const steps = [
    httpStep(ctx, 'server', 'server (cache off)', () => off, paths, c),
    pgbenchStep('pgbench', 'pgbench project SQL', {
      ...pgb,
      script: writeScript(o.scriptDir, 'project', projectSql, list.tiles, off.scope),
    }),
    pgbenchStep('martin', 'pgbench Martin SQL', {
      ...pgb,
      script: writeScript(o.scriptDir, 'martin', martin, list.tiles),
    }),
  ]
  const series = await measure(ctx, title, steps)
  return {
    id: `parcel-z${list.z}-db`,
    title,
    seconds: o.seconds,
    tiles,
    concurrency: Object.fromEntries(steps.map((s) => [s.key, s.concurrency])),
    series,
    ratios: [
      ratio('server req/s ÷ pgbench tiles/s', byKey(series, 'server'), byKey(series, 'pgbench'), target),
      ratio('project SQL ÷ Martin SQL (tiles/s)', byKey(series, 'pgbench'), byKey(series, 'martin'), 1.2),
    ],
    notes: [
      `tiles: ${list.tiles.length} distinct z${list.z} tiles holding parcels (from ${list.draws} seeded parcel draws); uncompressed MVT ` +
        `${kb(tiles.project.avgBytes)} avg / ${kb(tiles.project.maxBytes)} max with the project SQL, ${kb(tiles.martin.avgBytes)} avg with Martin's; ` +
        `empty ${tiles.project.empty} / ${tiles.martin.empty}.`,
      "pgbench: -n -M prepared, one script: a random tile of the list (pgbench CASE expression), then TileService.sqlFor('parcel') on one line, the scope ($4) as an array literal of every county; the server is called with the session of a bench account of the same scope.",
      `project SQL plans: ${planText(tiles.project.plan, list.tiles.length)}.`,
      `Martin SQL plans: ${planText(tiles.martin.plan, list.tiles.length)}.`,
    ],
  }
}

/** Cache hit: the z16 list, requested once, then c=8 against the floors of Node http and an Express route. */
export async function measureCacheHit(o: TileWorkloadOptions, z16: TileList): Promise<WorkloadReport> {
  const { ctx, on } = o
  const title = 'parcel tile cache hit'
  const paths = z16.tiles.map((t) => tilePath('parcel', t))
  const statuses = await fetchAll(on.url, paths, on.cookie)
  ctx.log(`${title}: 缓存已预热 / cache warmed ${JSON.stringify(statuses)}`)
  const floor = await startFloorServers()
  o.cleanup('floor servers', async () => void (await Promise.all([floor.node.close(), floor.expressEnd.close()])))
  const series = await measure(ctx, title, [
    httpStep(ctx, 'cache', 'server (cache on)', () => on, paths, 8),
    httpStep(ctx, 'node', 'floor: Node http alone, 5 KB', () => floor.node, paths, 8),
    httpStep(ctx, 'express', 'floor: Express route res.end, 5 KB', () => floor.expressEnd, paths, 8),
  ])
  return {
    id: 'parcel-cache-hit',
    title,
    seconds: o.seconds,
    concurrency: { cache: 8, node: 8, express: 8 },
    series,
    ratios: [
      ratio('cache-hit req/s', series[0], null, 10_000),
      ratio('cache hit ÷ Node http alone', series[0], byKey(series, 'node'), null),
      ratio('cache hit ÷ Express route res.end', series[0], byKey(series, 'express'), null),
    ],
    notes: [
      `${paths.length} URLs (the z16 list), each requested once before measuring: ${JSON.stringify(statuses)}.`,
      'floor, same load (c=8, the same URLs and headers): a 5 KB body from Node http alone (writeHead + end) and from an Express 5 app with one route on the tile address ending with res.end.',
    ],
  }
}

import fs from 'node:fs'
import path from 'node:path'
import type { Database } from '../../server/src/db/database.ts'
import { sqlFile } from '../../server/src/db/sql-files.ts'
import { FEATURE_LABELS } from '../../server/src/services/ogc.service.ts'
import type { BenchServer } from './http.ts'
import { httpStep, measure, type MeasureContext, type Step } from './measure.ts'
import { runPgbench, toPgbenchSql } from './pgbench.ts'
import { median, ratio, type Series, type WorkloadReport } from './report.ts'
import { mulberry32 } from './tiles.ts'

/** The page statement the OGC service runs for `farmland-parcels` (server/src/repos/ogc.repo.ts, pageInternalFeatures). */
export const ITEMS_STATEMENT = 'ogc/farmland-parcels-items'

/** Features per page, as a client asks for them (`limit=1000`). */
export const PAGE_SIZE = 1000

/** EPSG code of the output CRS of a request without `crs` (CRS84 is written in the stored EPSG:4490 coordinates). */
const DEFAULT_SRID = 4490

/** The start of a page: the last feature of the previous page, and how many features come before the page. */
export interface OgcCursor {
  adcode: string
  id: number
  /** Features before the page: the OFFSET an OFFSET-paged server would read past for the same page. */
  offset: number
}

/** `/ogc/collections/farmland-parcels/items?limit=…&cursor=<adcode>.<id>`, the link a client follows to this page. */
export function itemsPath(c: OgcCursor, limit = PAGE_SIZE): string {
  return `/ogc/collections/farmland-parcels/items?limit=${limit}&cursor=${c.adcode}.${c.id}`
}

/**
 * `count` page starts drawn at random (seeded) over every parcel of `scope` in keyset order (adcode, id), each
 * leaving at least one full page after it; so pages lie all over the county, deep ones as often as shallow ones.
 */
async function pickCursors(
  db: Database,
  scope: readonly string[],
  count: number,
  seed: number,
): Promise<{ cursors: OgcCursor[]; parcels: number }> {
  const { rows: total } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM farmland_parcel WHERE adcode = ANY ($1::bpchar[])',
    [scope],
  )
  const parcels = total[0].n
  if (parcels <= PAGE_SIZE) throw new Error(`地块太少（${parcels}），无法翻页 / too few parcels (${parcels}) to page`)
  const random = mulberry32(seed + 1000)
  const ranks = new Set<number>()
  for (let tries = 0; ranks.size < count && tries < count * 20; tries++)
    ranks.add(Math.floor(random() * (parcels - PAGE_SIZE)))
  const { rows } = await db.query<{ adcode: string; id: string; rank: number }>(
    `SELECT adcode, id::text, rank FROM (
       SELECT adcode::text, id, (row_number() OVER (ORDER BY adcode, id) - 1)::int AS rank
       FROM farmland_parcel WHERE adcode = ANY ($1::bpchar[])) r
     WHERE rank = ANY ($2::int[]) ORDER BY rank`,
    [scope, [...ranks]],
  )
  // the cursor is the last feature of the previous page: the page starts right after it
  return { cursors: rows.map((r) => ({ adcode: r.adcode, id: Number(r.id), offset: r.rank + 1 })), parcels }
}

/** pgbench lines picking a random cursor of the list: `:adcode`, `:id` and `:offset` (pgbench CASE expressions). */
function pickLines(cursors: readonly OgcCursor[]): string[] {
  if (!cursors.length) throw new Error('游标列表为空 / empty cursor list')
  for (const c of cursors)
    if (!/^[1-9]\d{5}$/.test(c.adcode) || !Number.isSafeInteger(c.id) || !Number.isSafeInteger(c.offset))
      throw new Error(`游标无效 / invalid cursor ${JSON.stringify(c)}`)
  const pick = (f: (c: OgcCursor) => string | number) =>
    `CASE ${cursors.map((c, i) => `WHEN :i = ${i} THEN ${f(c)}`).join(' ')} ELSE -1 END`
  return [
    `\\set i random(0, ${cursors.length - 1})`,
    `\\set adcode ${pick((c) => c.adcode)}`,
    `\\set id ${pick((c) => c.id)}`,
    `\\set offset ${pick((c) => c.offset)}`,
  ]
}

/**
 * The pgbench script of the service's own page statement over a cursor list: a random cursor, then the statement
 * on one line with the parameters pageInternalFeatures gives for `?limit=<rows - 1>&cursor=<adcode>.<id>` and no other
 * parameter: $1 $2 the cursor, $3 one row more than the page (to know whether a next page exists), $4–$7 and $9
 * NULL (no box, no single feature), $8 false (east first, CRS84), $10 the reader's counties, $11 the output EPSG,
 * $12 the labels of codes the service passes. $1 $2 $3 $8 $11 stay parameters (pgbench variables), as in the server;
 * the NULLs, the county array and the labels are literals.
 */
export function itemsPgbenchScript(
  sql: string,
  cursors: readonly OgcCursor[],
  o: { rows: number; scope: readonly string[]; srid?: number },
): string {
  const scope = `ARRAY[${o.scope.map((a) => `'${a.replace(/\D/g, '')}'`).join(',')}]`
  const line = toPgbenchSql(sql, [], {
    1: ':adcode',
    2: ':id',
    3: ':rows',
    4: 'NULL',
    5: 'NULL',
    6: 'NULL',
    7: 'NULL',
    8: ':north',
    9: 'NULL',
    10: scope,
    11: ':srid',
    12: `'${FEATURE_LABELS.replaceAll("'", "''")}'`,
  })
  return [
    ...pickLines(cursors),
    `\\set rows ${o.rows}`,
    '\\set north false',
    `\\set srid ${o.srid ?? DEFAULT_SRID}`,
    `${line};`,
    '',
  ].join('\n')
}

/**
 * The statement pg_featureserv (CrunchyData/pg_featureserv, internal/data/db_sql.go, `sqlFeatures`) builds for
 * `/collections/public.farmland_parcel/items?limit=<limit>&offset=<offset>&sortby=id&crs=4490&precision=7` over
 * the parcel table: `ST_AsGeoJSON` of the stored geometry (no transform: the output CRS is the stored one), the
 * properties as plain columns (string-typed ones cast to text, as it does), `ORDER BY "id" LIMIT n OFFSET m`.
 * It has no row-level scope, so no county condition; the properties are the table columns our page also reads.
 */
export function featureservSql(limit: number, offsetParam = '$1'): string {
  const props = [
    '"id"',
    '"adcode"::text',
    '"township_code"::text',
    '"code"::text',
    '"dlbm"::text',
    '"area_m2"',
    '"class"::text',
    '"class_method"::text',
    '"class_list_id"',
    '"updated_at"::text',
    '"is_generated"',
  ]
  return `SELECT ST_AsGeoJSON( "geom" ,7 ) AS _geojson , ${props.join(',')} FROM "public"."farmland_parcel"    ORDER BY "id"  LIMIT ${limit} OFFSET ${offsetParam}`
}

/** The pgbench script of the pg_featureserv-shaped statement over the same pages (OFFSET = features before it). */
export function featureservPgbenchScript(cursors: readonly OgcCursor[], limit = PAGE_SIZE): string {
  return [...pickLines(cursors), `${toPgbenchSql(featureservSql(limit), [], { 1: ':offset' })};`, ''].join('\n')
}

/** Milliseconds of one page at each depth, for the keyset statement and the OFFSET one (median of `runs`). */
interface DepthRow {
  depth: string
  offset: number
  keysetMs: number
  offsetMs: number
}

async function timed(db: Database, sql: string, values: unknown[], runs: number): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    await db.query(sql, values)
    times.push(performance.now() - t)
  }
  return median(times)
}

/** One page read alone (c=1) at the first page, 10 %, 50 %, 90 % and the last page, keyset against OFFSET. */
async function depthProfile(db: Database, scope: readonly string[], parcels: number): Promise<DepthRow[]> {
  const sql = sqlFile(ITEMS_STATEMENT)
  const rows: DepthRow[] = []
  const depths: [string, number][] = [
    ['first page', 0],
    ['10 %', Math.floor(parcels * 0.1)],
    ['50 %', Math.floor(parcels * 0.5)],
    ['90 %', Math.floor(parcels * 0.9)],
    ['last page', parcels - PAGE_SIZE],
  ]
  for (const [depth, offset] of depths) {
    const { rows: at } = await db.query<{ adcode: string; id: string }>(
      `SELECT adcode::text, id::text FROM farmland_parcel WHERE adcode = ANY ($1::bpchar[])
       ORDER BY adcode, id OFFSET $2 LIMIT 1`,
      [scope, Math.max(0, offset - 1)],
    )
    const after = offset === 0 ? { adcode: '', id: 0 } : { adcode: at[0].adcode, id: Number(at[0].id) }
    const keysetMs = await timed(
      db,
      sql,
      [after.adcode, after.id, PAGE_SIZE + 1, null, null, null, null, false, null, scope, DEFAULT_SRID, FEATURE_LABELS],
      5,
    )
    const offsetMs = await timed(db, featureservSql(PAGE_SIZE), [offset], 5)
    rows.push({ depth, offset, keysetMs, offsetMs })
  }
  return rows
}

const byKey = (series: Series[], key: string) => series.find((s) => s.key === key)!

/**
 * OGC API – Features items pages of 1,000 parcels at c=4: the real server (`GET …/items?limit=1000&cursor=…` as the
 * signed-in bench account, whose counties are all the bench data) against its own page statement through pgbench
 * at the same concurrency over the same cursors, and against pg_featureserv's statement shape (OFFSET paging);
 * interleaved. Then one page alone at several depths, keyset against OFFSET.
 */
export async function measureOgc(
  db: Database,
  ctx: MeasureContext,
  o: {
    server: BenchServer
    pgbench: string
    benchUrl: string
    scriptDir: string
    count: number
    seed: number
    connections: number
  },
): Promise<WorkloadReport> {
  const title = 'OGC API – Features items pages'
  const scope = o.server.scope
  const { cursors, parcels } = await pickCursors(db, scope, o.count, o.seed)
  const paths = cursors.map((c) => itemsPath(c))
  // one page through HTTP first: it must answer 200 with a full page
  const probe = await fetch(o.server.url + paths[0], { headers: { cookie: o.server.cookie } })
  const probeBody = (await probe.json()) as { features?: unknown[]; numberReturned?: number }
  if (probe.status !== 200 || probeBody.features?.length !== PAGE_SIZE)
    throw new Error(
      `OGC 数据页读取失败 / the OGC items page failed: ${probe.status} ${JSON.stringify(probeBody).slice(0, 500)}`,
    )
  const bytes = await Promise.all(
    paths.slice(0, 8).map(async (p) => {
      const r = await fetch(o.server.url + p, { headers: { cookie: o.server.cookie } })
      return (await r.arrayBuffer()).byteLength
    }),
  )
  const avgKb = bytes.reduce((a, b) => a + b, 0) / bytes.length / 1024
  fs.mkdirSync(o.scriptDir, { recursive: true })
  const projectScript = path.join(o.scriptDir, 'ogc-items.sql')
  fs.writeFileSync(projectScript, itemsPgbenchScript(sqlFile(ITEMS_STATEMENT), cursors, { rows: PAGE_SIZE + 1, scope }))
  const featureservScript = path.join(o.scriptDir, 'ogc-featureserv.sql')
  fs.writeFileSync(featureservScript, featureservPgbenchScript(cursors))
  ctx.log(`${title}: ${cursors.length} 个游标 / cursors over ${parcels} parcels, page ≈ ${avgKb.toFixed(0)} KB`)

  const c = o.connections
  // the server runs the statement unnamed (node-postgres without a name): pgbench -M extended does the same
  const pgbench = (key: string, label: string, script: string): Step => ({
    key,
    label,
    unit: 'pages/s',
    concurrency: c,
    run: async (seconds) => {
      const r = await runPgbench({
        bin: o.pgbench,
        url: o.benchUrl,
        scripts: [script],
        clients: c,
        seconds,
        extraArgs: ['-M', 'extended'],
      })
      return { value: r.tps, valid: true, detail: r }
    },
  })
  const steps: Step[] = [
    { ...httpStep(ctx, 'server', 'server items pages', () => o.server, paths, c), unit: 'pages/s' },
    pgbench('pgbench', 'pgbench page statement', projectScript),
    pgbench('featureserv', 'pgbench pg_featureserv-shaped SQL (OFFSET)', featureservScript),
  ]
  const series = await measure(ctx, title, steps)
  const depth = await depthProfile(db, scope, parcels)
  ctx.log(
    `${title}: depth ${JSON.stringify(depth.map((d) => [d.depth, d.keysetMs.toFixed(1), d.offsetMs.toFixed(1)]))}`,
  )
  const offsets = cursors.map((x) => x.offset)
  return {
    id: 'ogc-items',
    title,
    seconds: ctx.seconds,
    concurrency: Object.fromEntries(steps.map((s) => [s.key, s.concurrency])),
    tiles: { cursors: cursors.length, parcels, pageSize: PAGE_SIZE, avgPageKB: Number(avgKb.toFixed(1)), depth },
    series,
    ratios: [
      ratio('server pages/s ÷ pgbench pages/s', byKey(series, 'server'), byKey(series, 'pgbench'), 0.8),
      ratio(
        'server ÷ pg_featureserv-shaped SQL (pages/s)',
        byKey(series, 'server'),
        byKey(series, 'featureserv'),
        null,
      ),
      ratio('page statement ÷ pg_featureserv-shaped SQL', byKey(series, 'pgbench'), byKey(series, 'featureserv'), null),
    ],
    notes: [
      `pages: ${cursors.length} cursors drawn at random (seed ${o.seed}) over the ${parcels} parcels in keyset order, ` +
        `features before the page ${Math.min(...offsets)}–${Math.max(...offsets)} (median ${median(offsets)}); ` +
        `each page ${PAGE_SIZE} features, GeoJSON ≈ ${avgKb.toFixed(0)} KB uncompressed (the server sends it uncompressed).`,
      'server: GET /ogc/collections/farmland-parcels/items?limit=1000&cursor=<adcode>.<id> with the session of the bench account ' +
        '(its counties: every county of the bench data), each connection cycling through the list from its own offset.',
      `pgbench page statement: -n -M extended (the server runs it unnamed, planned with its values each time), one script: a random cursor ` +
        `(pgbench CASE), then sql/queries/${ITEMS_STATEMENT}.sql on one line, $1 $2 the cursor, $3 = ${PAGE_SIZE + 1}, ` +
        '$4–$7 and $9 NULL, $8 false, $10 the counties as an array literal, $11 4490, $12 the labels: the rows the server reads for the same page.',
      'pg_featureserv shape: its sqlFeatures statement for ?limit=1000&offset=<features before the page>&sortby=id&crs=4490&precision=7 ' +
        '(ST_AsGeoJSON of the stored geometry, plain columns, ORDER BY "id" LIMIT 1000 OFFSET n, no county scope, no joins), same pages.',
    ],
    tables: [
      {
        title: 'One page of 1,000 alone (c=1, median of 5 runs): keyset statement against the OFFSET one, by depth',
        head: ['depth', 'features before the page', 'keyset page statement (ms)', 'pg_featureserv shape, OFFSET (ms)'],
        rows: depth.map((d) => [d.depth, String(d.offset), d.keysetMs.toFixed(1), d.offsetMs.toFixed(1)]),
      },
    ],
  }
}

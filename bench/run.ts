/**
 * `npm run bench`: vector-tile throughput of the real server (and the pre-check latency, classification, embedded
 * engine) against anchors measured in the same run
 * (docs/perf-targets.md). Every figure is the median of interleaved repeats; ratios are reported, never asserted.
 * See bench/README.md.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { loadConfig } from '../server/src/config.ts'
import { openDatabase, type Database } from '../server/src/db/database.ts'
import { findTileLayer } from '../server/src/tiles/layers.ts'
import { measureClassification } from './lib/classify.ts'
import { measureCoverage } from './lib/coverage.ts'
import { measureLandImport, type LandImportBenchOptions } from './lib/land-import.ts'
import { measureOgc } from './lib/ogc.ts'
import { ensurePublishedClassLists, measurePrecheck } from './lib/precheck.ts'
import { measureEmbeddedUsable } from './lib/embedded-usable.ts'
import { dataScale, ensureBenchDatabase, prepareData, type Log } from './lib/data.ts'
import { findPgbench, readOptions, withDatabase } from './lib/env.ts'
import { fetchAll, startServer, withTimeout } from './lib/http.ts'
import { loadGenerator } from './lib/load.ts'
import { httpStep, measure, type MeasureContext } from './lib/measure.ts'
import { martinSql, pgbenchMajor } from './lib/pgbench.ts'
import { ratio, toConsole, writeReport, type BenchReport, type Series, type WorkloadReport } from './lib/report.ts'
import { hardware, postgresInfo } from './lib/system.ts'
import { pickTiles, tilePath, type TileList } from './lib/tiles.ts'
import { measureCacheHit, measureDbPath, type TileWorkloadOptions } from './lib/tiles-workloads.ts'

const started = performance.now()
const log: Log = (msg) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}`)
const options = (() => {
  try {
    return readOptions()
  } catch (err) {
    console.error((err as Error).message)
    return process.exit(1)
  }
})()
const pgbenchBin = findPgbench()
if (!pgbenchBin) {
  console.error(
    '找不到 pgbench（PATH 或 /usr/lib/postgresql/*/bin），请安装 PostgreSQL 客户端工具 / pgbench not found on PATH or in /usr/lib/postgresql/*/bin; install the PostgreSQL client tools',
  )
  process.exit(1)
}
const pgbenchVersion = execFileSync(pgbenchBin, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim()
if (!(pgbenchMajor(pgbenchVersion) >= 11)) {
  console.error(
    `需要 pgbench 11 或更高版本（脚本用到 CASE 表达式），当前：${pgbenchVersion} / pgbench ≥ 11 needed (CASE expressions), found: ${pgbenchVersion}`,
  )
  process.exit(1)
}

const ctx: MeasureContext = { log, seconds: options.seconds, repeats: options.repeats, warnings: [], invalid: [] }
const cleanups: { name: string; run: () => Promise<void> | void }[] = []
const scriptDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-bench-scripts-'))
cleanups.push({ name: 'scripts', run: () => fs.rmSync(scriptDir, { recursive: true, force: true }) })

const byKey = (series: Series[], key: string) => series.find((s) => s.key === key)!

/** Opens the bench's own database, migrated and seeded; recreates it once if its migrations no longer apply. */
async function openBenchDatabase(url: string, poolSize: number) {
  let db: Database | undefined
  const attempt = async (recreate: boolean) => {
    await ensureBenchDatabase(options.serverUrl, options.benchDbName, recreate, log)
    db = await openDatabase({ databaseUrl: url, dataDir: scriptDir, maxConnections: poolSize, log })
    return prepareData(db, { scale: options.scale }, { reseed: recreate, log, keepData: options.keepData })
  }
  try {
    return { prepared: await attempt(options.reseed), db: db! }
  } catch (err) {
    if (options.reseed) throw err
    log(
      `准备基准库失败（${(err as Error).message.split('\n')[0]}），重建后重试 / preparing the bench database failed, recreating it`,
    )
    await db?.close()
    return { prepared: await attempt(true), db: db! }
  }
}

const onlyPrecheck = options.only === 'precheck'
const onlyCoverage = options.only === 'coverage'
const onlyOgc = options.only === 'ogc'
/** BENCH_ONLY=tiles: the z16 and z13 DB paths and the cache hit; BENCH_ONLY=classify: the county classification. */
const onlyTiles = options.only === 'tiles'
const onlyClassify = options.only === 'classify'
/** A BENCH_ONLY run measures its one workload: tiles, cache, classification and the embedded engine are left out. */
const onlyOne = options.only !== null

const landImportOptions = (): LandImportBenchOptions => ({
  serverUrl: options.serverUrl,
  dbPrefix: `${options.benchDbName}_import`,
  features: options.landImportFeatures,
  embeddedFeatures: options.landImportEmbeddedFeatures,
  repeats: options.repeats,
  log,
})

/** BENCH_ONLY=land-import: the DLTB import alone, in its own databases (no seeded bench data needed). */
async function landImportOnly(): Promise<number> {
  const li = await measureLandImport(landImportOptions())
  ctx.warnings.push('BENCH_ONLY=land-import：只测地类图斑导入 / only the DLTB import is measured', ...li.warnings)
  const report: BenchReport = {
    date: new Date().toISOString(),
    durationSeconds: (performance.now() - started) / 1000,
    hardware: hardware(),
    node: process.version,
    pgbench: pgbenchVersion,
    postgres: li.postgres,
    data: { landImportFeatures: options.landImportFeatures, embeddedFeatures: options.landImportEmbeddedFeatures },
    options: { repeats: options.repeats, only: options.only },
    workloads: li.workloads,
    warnings: ctx.warnings,
    invalidRuns: ctx.invalid,
  }
  console.log(toConsole(report))
  const files = writeReport(path.join(os.tmpdir(), 'soil-bench-partial'), report)
  log(`已写入 / written: ${files.join(', ')}`)
  for (const w of ctx.warnings) console.warn(`警告 / warning: ${w}`)
  return 0
}

async function main(): Promise<number> {
  if (options.only === 'land-import') return landImportOnly()
  // 1. The bench's own database on the given server, seeded once per scale and generator.
  const benchUrl = withDatabase(options.serverUrl, options.benchDbName)
  const poolSize = 10
  const { db, prepared } = await openBenchDatabase(benchUrl, poolSize)
  cleanups.push({ name: 'bench database pool', run: () => db.close() })
  const pg = await postgresInfo(db)
  const scale = await dataScale(db)

  if (prepared.keptGenerator)
    ctx.warnings.push(
      `BENCH_KEEP_DATA=1：数据由生成器 ${prepared.keptGenerator} 生成，与当前生成器不同 / data seeded by generator ${prepared.keptGenerator}, not the current one`,
    )
  const precheckOn = onlyOne ? onlyPrecheck : options.precheck
  const generatedClassLists = precheckOn ? await ensurePublishedClassLists(db, log) : []

  // 2. The tile lists (the same for the server and pgbench), the servers and the SQL texts.
  const config = loadConfig({ databaseUrl: undefined })
  const noTiles = (z: number): TileList => ({ z, tiles: [], extent: [0, 0, 0, 0], draws: 0 })
  const z16 = onlyOne && !onlyTiles ? noTiles(16) : await pickTiles(db, 16, options.tileCount, options.seed)
  const z13 = onlyOne && !onlyTiles ? noTiles(13) : await pickTiles(db, 13, options.tileCount, options.seed)
  const off = await startServer(db, 0)
  cleanups.push({ name: 'server (cache off)', run: () => off.close() })
  const on = await startServer(db, 20_000)
  cleanups.push({ name: 'server (cache on)', run: () => on.close() })
  const projectSql = off.tiles.sqlFor('parcel')
  const martin = martinSql(findTileLayer('parcel')!, config.tiles.extent, config.tiles.bufferPx)

  const workloads: WorkloadReport[] = []

  // 3. DB path at z16 (c=4) and z13 (c=2): server, pgbench, Martin, server, … interleaved.
  const tileWorkloads: TileWorkloadOptions = {
    db,
    ctx,
    seconds: options.seconds,
    off,
    on,
    pgbench: pgbenchBin!,
    benchUrl,
    scriptDir,
    projectSql,
    martinSql: martin,
    cleanup: (name, run) => void cleanups.push({ name, run }),
  }
  const dbPath = async (list: TileList, c: number, target: number) => {
    const w = await measureDbPath(tileWorkloads, list, c, target)
    workloads.push(w)
    return w
  }
  if (onlyCoverage) {
    log('BENCH_ONLY=coverage：只测监测覆盖 / only the monitoring coverage is measured')
    ctx.warnings.push(
      'BENCH_ONLY=coverage：瓦片、缓存、用地准入核查、分类与内嵌引擎未测 / tiles, cache, pre-check, classification and the embedded engine not measured',
    )
  }
  if (onlyOgc) {
    log('BENCH_ONLY=ogc：只测 OGC API – Features 数据页 / only the OGC API – Features items pages are measured')
    ctx.warnings.push(
      'BENCH_ONLY=ogc：瓦片、缓存、用地准入核查、分类、监测覆盖与内嵌引擎未测 / tiles, cache, pre-check, classification, coverage and the embedded engine not measured',
    )
  }
  if (onlyPrecheck) {
    log('BENCH_ONLY=precheck：只测用地准入核查 / only the pre-check is measured')
    ctx.warnings.push(
      'BENCH_ONLY=precheck：瓦片、缓存、分类与内嵌引擎未测 / tiles, cache, classification and the embedded engine not measured',
    )
  }
  if (onlyTiles || onlyClassify) {
    log(
      `BENCH_ONLY=${options.only}：只测${onlyTiles ? '瓦片与缓存 / only the tiles and the cache hit' : '县域分类 / only the county classification'} are measured`,
    )
    ctx.warnings.push(`BENCH_ONLY=${options.only}：其余工作负载未测 / the other workloads not measured`)
  }
  const w16 = onlyOne && !onlyTiles ? undefined : await dbPath(z16, 4, 0.8)
  if (!onlyOne || onlyTiles) await dbPath(z13, 2, 0.9)

  // 4. Cache hit: the z16 list, requested once, then c=8.
  if (!onlyOne || onlyTiles) workloads.push(await measureCacheHit(tileWorkloads, z16))

  // 5. 用地准入核查: POST /api/precheck at c=4 against its overlay SQL through pgbench, interleaved.
  if (onlyOne && !onlyPrecheck) {
    // another BENCH_ONLY workload: not measured (said in the warnings)
  } else if (!precheckOn) {
    log('跳过用地准入核查 / pre-check skipped (BENCH_PRECHECK=0)')
    ctx.warnings.push('用地准入核查未测 / pre-check not measured (BENCH_PRECHECK=0)')
  } else {
    const p = await measurePrecheck(db, ctx, {
      server: off,
      config,
      pgbench: pgbenchBin!,
      benchUrl,
      scriptDir,
      count: options.precheckPlots,
      seed: options.seed,
      connections: 4,
    })
    if (generatedClassLists.length)
      p.notes.push(
        `published class lists generated now for ${generatedClassLists.join(', ')} (marked: created_by 'bench (generated)').`,
      )
    workloads.push({
      id: 'precheck',
      title: 'plot pre-check',
      seconds: options.seconds,
      concurrency: p.concurrency,
      tiles: { outlines: p.plots },
      series: p.series,
      ratios: p.ratios,
      notes: p.notes,
    })
  }

  // 6. County-wide classification of 430903: the job path against the set-based SQL, interleaved.
  if (onlyOne && !onlyClassify) {
    // BENCH_ONLY=precheck: not measured (said in the warnings)
  } else if (!options.classify) {
    log('跳过分类 / classification skipped (BENCH_CLASSIFY=0)')
    ctx.warnings.push('县域分类未测 / county-wide classification not measured (BENCH_CLASSIFY=0)')
  } else {
    const title = 'county-wide classification'
    const c = await measureClassification(db, '430903', options.repeats, log)
    workloads.push({
      id: 'classification-county',
      title,
      seconds: 0,
      concurrency: { job: 1, sql: 1 },
      series: c.series,
      ratios: [ratio('job parcels/s ÷ set-based SQL parcels/s', byKey(c.series, 'job'), byKey(c.series, 'sql'), 0.5)],
      notes: c.notes,
    })
  }

  // 6b. Monitoring coverage of a city: the coverage service against one LATERAL nearest-point query, interleaved.
  if (onlyOne && !onlyCoverage) {
    // another BENCH_ONLY workload: not measured (said in the warnings)
  } else if (!options.coverage) {
    log('跳过监测覆盖 / coverage skipped (BENCH_COVERAGE=0)')
    ctx.warnings.push('监测覆盖未测 / monitoring coverage not measured (BENCH_COVERAGE=0)')
  } else {
    const c = await measureCoverage(db, config, options.repeats, log)
    workloads.push({
      id: 'coverage-city',
      title: 'monitoring coverage of a city',
      seconds: 0,
      concurrency: { service: 1, lateral: 1, cached: 1 },
      series: c.series,
      ratios: [
        ratio('service time ÷ LATERAL query time', byKey(c.series, 'service'), byKey(c.series, 'lateral'), 2, true),
      ],
      notes: c.notes,
    })
  }

  // 6c. OGC API – Features items pages of 1,000 parcels at c=4 against the page statement through pgbench, interleaved.
  if (onlyOne && !onlyOgc) {
    // another BENCH_ONLY workload: not measured (said in the warnings)
  } else if (!options.ogc) {
    log('跳过 OGC 数据页 / OGC items pages skipped (BENCH_OGC=0)')
    ctx.warnings.push('OGC API – Features 数据页未测 / OGC items pages not measured (BENCH_OGC=0)')
  } else {
    workloads.push(
      await measureOgc(db, ctx, {
        server: off,
        pgbench: pgbenchBin!,
        benchUrl,
        scriptDir,
        count: options.ogcPages,
        seed: options.seed,
        connections: 4,
      }),
    )
  }

  // 6d. 三调 DLTB import: ours (dry run + apply) against ogr2ogr -f PostgreSQL on the same file, interleaved.
  if (onlyOne) {
    // another BENCH_ONLY workload: not measured
  } else if (!options.landImport) {
    log('跳过地类图斑导入 / DLTB import skipped (BENCH_LAND_IMPORT=0)')
    ctx.warnings.push('地类图斑导入未测 / DLTB import not measured (BENCH_LAND_IMPORT=0)')
  } else {
    const li = await measureLandImport(landImportOptions())
    workloads.push(...li.workloads)
    ctx.warnings.push(...li.warnings)
  }

  // 7. Embedded engine: the z16 list at c=1, interleaved with the PostgreSQL-server app at c=1.
  let embeddedInfo: Record<string, unknown> = {
    skipped: true,
    reason: onlyOne ? `BENCH_ONLY=${options.only}` : 'BENCH_EMBEDDED=0',
  }
  if (onlyOne) {
    // BENCH_ONLY=precheck: not measured (said in the warnings)
  } else if (!options.embedded) {
    log('跳过内嵌引擎 / embedded engine skipped (BENCH_EMBEDDED=0)')
    ctx.warnings.push('内嵌引擎未测 / embedded engine not measured (BENCH_EMBEDDED=0)')
  } else {
    const dataDir = path.join(os.tmpdir(), `soil-bench-embedded-${options.embeddedScale}`)
    if (options.reseed) fs.rmSync(dataDir, { recursive: true, force: true })
    const embDb = await openDatabase({ dataDir, log })
    cleanups.push({ name: 'embedded database', run: () => embDb.close() })
    const seed =
      options.embeddedScale === 'county'
        ? { scale: 'county' as const }
        : { scale: 'sample' as const, adcodes: ['430903'], parcelsPerCounty: 20_000 }
    const emb = await prepareData(embDb, seed, { reseed: options.reseed, log })
    const embServer = await startServer(embDb, 0)
    cleanups.push({ name: 'embedded server', run: () => embServer.close() })
    const title = 'parcel z16 embedded engine'
    // The list is drawn from the embedded data (only 430903), the same way; at the county scale it is the z16 list.
    const embList = await pickTiles(embDb, 16, options.tileCount, options.seed)
    const sameList = JSON.stringify(embList.tiles) === JSON.stringify(z16.tiles)
    const paths = embList.tiles.map((t) => tilePath('parcel', t))
    const statuses = await fetchAll(embServer.url, paths, embServer.cookie)
    embeddedInfo = {
      scale: options.embeddedScale,
      parcels: emb.parcels,
      dataDir,
      seededNow: emb.seeded,
      ...(emb.seedSeconds === undefined ? {} : { seedSeconds: Math.round(emb.seedSeconds) }),
      statuses,
    }
    log(`${title}: ${JSON.stringify(statuses)}`)
    const series = await measure(ctx, title, [
      httpStep(ctx, 'server1', 'server (cache off)', () => off, paths, 1),
      httpStep(ctx, 'embedded', 'embedded PGlite (cache off)', () => embServer, paths, 1),
    ])
    workloads.push({
      id: 'parcel-z16-embedded',
      title,
      seconds: options.seconds,
      concurrency: { server1: 1, embedded: 1 },
      series,
      ratios: [
        ratio('embedded ÷ server, both c=1', byKey(series, 'embedded'), byKey(series, 'server1'), null),
        ratio('embedded c=1 ÷ server c=4 (z16 DB path)', byKey(series, 'embedded'), byKey(w16!.series, 'server'), null),
      ],
      notes: [
        `embedded data: scale ${options.embeddedScale}, ${emb.parcels} parcels (${dataDir}); PGlite + PostGIS, JavaScript MVT encoder, one connection.`,
        `tiles: ${embList.tiles.length} z16 tiles drawn from the embedded data, ${sameList ? 'identical to' : 'not the same as'} the z16 DB-path list; ` +
          `first pass over them: ${JSON.stringify(statuses)}.`,
      ],
    })
    // is a county usable on it? p95 of a z16 tile and of a pre-check, one request at a time
    workloads.push(
      await measureEmbeddedUsable(embDb, ctx, {
        server: embServer,
        tilePaths: paths,
        count: options.precheckPlots,
        seed: options.seed,
        seconds: options.seconds,
      }),
    )
  }

  const report: BenchReport = {
    date: new Date().toISOString(),
    durationSeconds: (performance.now() - started) / 1000,
    hardware: hardware(),
    node: process.version,
    pgbench: pgbenchVersion,
    postgres: pg,
    data: {
      scale: options.scale,
      database: options.benchDbName,
      ...scale,
      seededNow: prepared.seeded,
      ...(prepared.seedSeconds === undefined ? {} : { seedSeconds: Math.round(prepared.seedSeconds) }),
      embedded: embeddedInfo,
      ...(prepared.keptGenerator ? { keptGenerator: prepared.keptGenerator } : {}),
    },
    options: {
      seconds: options.seconds,
      repeats: options.repeats,
      tilesPerZoom: options.tileCount,
      seed: options.seed,
      serverPoolSize: poolSize,
      loadGenerator,
      precheckPlots: options.precheckPlots,
      ogcPages: options.ogcPages,
      ...(options.only ? { only: options.only } : {}),
    },
    workloads,
    warnings: ctx.warnings,
    invalidRuns: ctx.invalid,
  }
  console.log(toConsole(report))
  // a partial run (BENCH_ONLY) never replaces the results of a full one
  const files = writeReport(
    onlyOne ? path.join(os.tmpdir(), 'soil-bench-partial') : path.join(import.meta.dirname, 'results'),
    report,
  )
  log(`已写入 / written: ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}`)
  for (const w of ctx.warnings) console.warn(`警告 / warning: ${w}`)
  for (const w of ctx.invalid) console.warn(`无效 / invalid run: ${w}`)
  return ctx.invalid.length ? 1 : 0
}

let code = 1
try {
  code = await main()
} catch (err) {
  console.error(`基准测试失败 / benchmark failed: ${(err as Error).stack ?? err}`)
}
// Each clean-up gets 10 s; whatever hangs is named, and the process exits anyway.
for (const c of cleanups.reverse()) {
  const outcome = await withTimeout(
    Promise.resolve()
      .then(c.run)
      .then(
        () => 'ok',
        (e: Error) => `error: ${e.message}`,
      ),
    10_000,
  )
  if (outcome !== 'ok')
    console.warn(`清理 ${c.name}：${outcome ?? 'timeout'} / clean-up of ${c.name}: ${outcome ?? 'timeout'}`)
}
process.exit(code)

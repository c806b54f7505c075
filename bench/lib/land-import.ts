import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { paths } from '../../server/src/config.ts'
import { openDatabase } from '../../server/src/db/database.ts'
import { migrate } from '../../server/src/db/migrate.ts'
import type { Log } from './data.ts'
import { withDatabase } from './env.ts'
import { dltbExtent, writeDltbZip } from './dltb-shapefile.ts'
import { median, ratio, type Series, type WorkloadReport } from './report.ts'
import { postgresInfo, type PostgresInfo } from './system.ts'

export interface LandImportBenchOptions {
  serverUrl: string
  /** Prefix of the workload's own databases (`<prefix>_tpl`, `<prefix>_ogr`, `<prefix>_ours`), dropped at the end. */
  dbPrefix: string
  features: number
  /** Features of the embedded-engine county; 0 leaves it out. */
  embeddedFeatures: number
  repeats: number
  log: Log
}

interface ChildResult {
  engine: string
  dryRunSeconds: number
  applySeconds: number
  totals: Record<string, unknown>
  status: string
  loaded: { farmland: number; context: number }
  maxRssMiB: number
  /** Client-side time per statement (sql/queries/land-import file name, or the short SQL text such as BEGIN). */
  phases: Record<string, { calls: number; seconds: number }>
}

/** The statements that took longest, as one line; the rest of the dry run is reading the file and JS. */
function describePhases(res: ChildResult): string {
  const entries = Object.entries(res.phases).sort((a, b) => b[1].seconds - a[1].seconds)
  const inStatements = entries.reduce((sum, [, p]) => sum + p.seconds, 0)
  const shown = entries
    .filter(([, p]) => p.seconds >= 0.05)
    .map(([name, p]) => `${name} ${p.seconds.toFixed(2)} s${p.calls > 1 ? ` (${p.calls}×)` : ''}`)
  const outside = res.dryRunSeconds + res.applySeconds - inStatements
  return `statements: ${shown.join(', ')}; outside statements (reading, JS): ${outside.toFixed(1)} s`
}

const ADCODE = '429999'
const CHILD = path.join(import.meta.dirname, 'land-import-child.ts')
const TSX = path.join(paths.root, 'node_modules', '.bin', 'tsx')

/** `ogr2ogr` on PATH with its version, or undefined. */
function findOgr2ogr(): { bin: string; version: string } | undefined {
  try {
    return {
      bin: 'ogr2ogr',
      version: execFileSync('ogr2ogr', ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim(),
    }
  } catch {
    return undefined
  }
}

async function admin(serverUrl: string, sql: string[]) {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    for (const s of sql) await client.query(s)
  } finally {
    await client.end()
  }
}

/** A fresh database copied from the migrated template. */
const freshDatabase = (serverUrl: string, name: string, template: string) =>
  admin(serverUrl, [`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`, `CREATE DATABASE ${name} TEMPLATE ${template}`])

function run(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-20_000)))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }))
  })
}

/** libpq connection string of a postgres:// URL for GDAL's `PG:` datasource. */
function pgDatasource(url: string): string {
  const u = new URL(url)
  const parts = [
    `host=${u.hostname || '127.0.0.1'}`,
    `port=${u.port || '5432'}`,
    `dbname=${u.pathname.slice(1)}`,
    `user=${decodeURIComponent(u.username || 'postgres')}`,
  ]
  if (u.password) parts.push(`password=${decodeURIComponent(u.password)}`)
  return `PG:${parts.join(' ')}`
}

/** ogr2ogr -f PostgreSQL of the zip into `url`: COPY (GDAL's default for a new table), GiST index, EPSG:4490. */
async function runOgr2ogr(bin: string, zipPath: string, url: string): Promise<{ seconds: number; rows: number }> {
  const args = [
    '-f',
    'PostgreSQL',
    pgDatasource(url),
    `/vsizip/${zipPath}/三调成果/DLTB.shp`,
    '-nln',
    'ogr_dltb',
    '-nlt',
    'PROMOTE_TO_MULTI',
    '-t_srs',
    'EPSG:4490',
    '-lco',
    'GEOMETRY_NAME=geom',
    '-lco',
    'SPATIAL_INDEX=GIST',
    '--config',
    'SHAPE_ENCODING',
    'CP936',
    '--config',
    'PG_USE_COPY',
    'YES',
  ]
  const t0 = performance.now()
  const r = await run(bin, args, process.env)
  const seconds = (performance.now() - t0) / 1000
  if (r.code !== 0) throw new Error(`ogr2ogr failed (${r.code}): ${r.stderr.slice(-2000)}`)
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM ogr_dltb')
    return { seconds, rows: rows[0].n }
  } finally {
    await client.end()
  }
}

/** Our import (dry run + apply) in a child process; `url` undefined = the embedded engine in a fresh directory. */
async function runOurs(zipPath: string, features: number, url: string | undefined, zipBytes: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-bench-import-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LI_ZIP: zipPath,
    LI_ADCODE: ADCODE,
    LI_EXTENT: JSON.stringify(dltbExtent(features)),
    LI_DATA_DIR: dataDir,
    // the upload limits raised for the bench only, to fit the generated file
    LAND_IMPORT_MAX_BYTES: String(Math.max(500 * 1024 * 1024, zipBytes + 1)),
    LAND_IMPORT_MAX_UNPACKED_BYTES: String(Math.max(2048 * 1024 * 1024, features * 400)),
  }
  if (url) env.DATABASE_URL = url
  else delete env.DATABASE_URL
  try {
    const r = await run(TSX, [CHILD], env)
    const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '))
    if (r.code !== 0 || !line) throw new Error(`our import failed (${r.code}): ${r.stderr.slice(-2000)}`)
    return JSON.parse(line.slice('RESULT '.length)) as ChildResult
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const series = (key: string, label: string, unit: string, runs: number[], details: unknown[] = []): Series => ({
  key,
  label,
  unit,
  runs,
  invalidRuns: [],
  median: median(runs),
  details,
})

/**
 * The DLTB import workload: a generated zipped Shapefile of `features` 地类图斑 loaded by `ogr2ogr -f PostgreSQL`
 * (the anchor) and by our import (dry run + apply), interleaved, each into a fresh database copied from a migrated
 * template on the same server; then, once, our import of an `embeddedFeatures` county on the embedded engine.
 */
export async function measureLandImport(
  o: LandImportBenchOptions,
): Promise<{ workloads: WorkloadReport[]; warnings: string[]; postgres: PostgresInfo }> {
  const warnings: string[] = []
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'soil-bench-dltb-'))
  const tpl = `${o.dbPrefix}_tpl`
  const dbOgr = `${o.dbPrefix}_ogr`
  const dbOurs = `${o.dbPrefix}_ours`
  const workloads: WorkloadReport[] = []
  let postgres: PostgresInfo | undefined
  try {
    let t0 = performance.now()
    const zipPath = path.join(workDir, 'DLTB.zip')
    const { bytes } = await writeDltbZip(zipPath, o.features, ADCODE)
    o.log(
      `地类图斑导入：生成 ${o.features} 个图斑 / DLTB import: ${o.features} features written (${(bytes / 2 ** 20).toFixed(1)} MiB zip) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )
    await admin(o.serverUrl, [`DROP DATABASE IF EXISTS ${tpl} WITH (FORCE)`, `CREATE DATABASE ${tpl}`])
    const tplDb = await openDatabase({
      databaseUrl: withDatabase(o.serverUrl, tpl),
      dataDir: workDir,
      maxConnections: 1,
    })
    try {
      await migrate(tplDb, paths.migrations)
      postgres = await postgresInfo(tplDb)
    } finally {
      await tplDb.close()
    }

    const ogr = findOgr2ogr()
    if (!ogr)
      warnings.push(
        '找不到 ogr2ogr，地类图斑导入的比值未测（apt-get install -y gdal-bin）/ ogr2ogr not found: the DLTB import ratio is not measured (apt-get install -y gdal-bin)',
      )
    const ogrRuns: number[] = []
    const ogrDetails: unknown[] = []
    const ours: ChildResult[] = []
    for (let r = 1; r <= o.repeats; r++) {
      if (ogr) {
        await freshDatabase(o.serverUrl, dbOgr, tpl)
        const g = await runOgr2ogr(ogr.bin, zipPath, withDatabase(o.serverUrl, dbOgr))
        if (g.rows !== o.features) throw new Error(`ogr2ogr loaded ${g.rows} of ${o.features} features`)
        ogrRuns.push(o.features / g.seconds)
        ogrDetails.push(g)
        o.log(`  ogr2ogr #${r}: ${g.seconds.toFixed(1)} s, ${(o.features / g.seconds).toFixed(0)} rows/s`)
        await admin(o.serverUrl, [`DROP DATABASE IF EXISTS ${dbOgr} WITH (FORCE)`])
      }
      await freshDatabase(o.serverUrl, dbOurs, tpl)
      const res = await runOurs(zipPath, o.features, withDatabase(o.serverUrl, dbOurs), bytes)
      const loaded = res.loaded.farmland + res.loaded.context
      if (res.status !== 'applied' || loaded !== o.features)
        throw new Error(`our import ended ${res.status} with ${loaded} of ${o.features} features loaded`)
      ours.push(res)
      const s = res.dryRunSeconds + res.applySeconds
      o.log(
        `  ours #${r}: dry run ${res.dryRunSeconds.toFixed(1)} s + apply ${res.applySeconds.toFixed(1)} s, ${(o.features / s).toFixed(0)} rows/s, peak RSS ${res.maxRssMiB.toFixed(0)} MiB`,
      )
      o.log(`    ${describePhases(res)}`)
      await admin(o.serverUrl, [`DROP DATABASE IF EXISTS ${dbOurs} WITH (FORCE)`])
    }
    const oursSeries = series(
      'ours',
      'our import (dry run + apply) rows/s',
      'rows/s',
      ours.map((r) => o.features / (r.dryRunSeconds + r.applySeconds)),
      ours,
    )
    const ogrSeries = series('ogr2ogr', 'ogr2ogr -f PostgreSQL rows/s', 'rows/s', ogrRuns, ogrDetails)
    const farmland = ours[0].loaded.farmland
    workloads.push({
      id: 'land-import',
      title: `DLTB import of ${o.features} features`,
      seconds: 0,
      concurrency: { ours: 1, ...(ogr ? { ogr2ogr: 1 } : {}) },
      series: [
        oursSeries,
        ...(ogr ? [ogrSeries] : []),
        series(
          'dryRun',
          'our dry run (read, stage, checks, report)',
          's',
          ours.map((r) => r.dryRunSeconds),
        ),
        series(
          'apply',
          'our apply (valid features, one transaction)',
          's',
          ours.map((r) => r.applySeconds),
        ),
        series(
          'rss',
          'peak RSS of our import process',
          'MiB',
          ours.map((r) => r.maxRssMiB),
        ),
      ],
      ratios: ogr ? [ratio('ours rows/s ÷ ogr2ogr rows/s', oursSeries, ogrSeries, 0.5)] : [],
      notes: [
        `file: a zipped Shapefile of ${o.features} squares of 50 m every 60 m in EPSG:4525 (zone-prefixed GK), DBF in GBK with no .cpg, ` +
          `${(bytes / 2 ** 20).toFixed(1)} MiB; land codes 0101/0102/0103/0201K/0301/1104A/1006/0702 in turn: ${farmland} farmland parcels, ` +
          `${o.features - farmland} context features; every feature valid. Written by bench/lib/dltb-shapefile.ts, streamed.`,
        `ours: LandImportService.createImport (read with gdal3.js, stage by COPY into a scratch table then INSERT … SELECT, set-wise checks, report) then apply('valid') until the job ends, ` +
          `in a child process (bench/lib/land-import-child.ts) whose peak RSS is reported; its time excludes the process start and migrations.`,
        ogr
          ? `anchor: ${ogr.version}: ogr2ogr -f PostgreSQL /vsizip/…/DLTB.shp -nlt PROMOTE_TO_MULTI -t_srs EPSG:4490 -lco SPATIAL_INDEX=GIST ` +
            `--config SHAPE_ENCODING CP936 --config PG_USE_COPY YES (COPY, reprojected by PROJ on the client, GiST index built after the load).`
          : 'anchor: ogr2ogr not installed (apt-get install -y gdal-bin); ratio not measured.',
        `each run loads into a fresh database copied from a migrated template (CREATE DATABASE … TEMPLATE), dropped afterwards; ${o.repeats} interleaved repeats.`,
        `time per phase of our run 1, from the client's side (sql/queries/land-import file names): ${describePhases(ours[0])}.`,
      ],
    })

    if (o.embeddedFeatures > 0) {
      let embZip = zipPath
      let embBytes = bytes
      if (o.embeddedFeatures !== o.features) {
        embZip = path.join(workDir, 'DLTB-county.zip')
        embBytes = (await writeDltbZip(embZip, o.embeddedFeatures, ADCODE)).bytes
      }
      t0 = performance.now()
      const res = await runOurs(embZip, o.embeddedFeatures, undefined, embBytes)
      const loaded = res.loaded.farmland + res.loaded.context
      if (res.status !== 'applied' || loaded !== o.embeddedFeatures)
        throw new Error(`embedded import ended ${res.status} with ${loaded} of ${o.embeddedFeatures} features loaded`)
      const total = res.dryRunSeconds + res.applySeconds
      o.log(
        `  embedded: ${o.embeddedFeatures} features, dry run ${res.dryRunSeconds.toFixed(1)} s + apply ${res.applySeconds.toFixed(1)} s, peak RSS ${res.maxRssMiB.toFixed(0)} MiB`,
      )
      o.log(`    ${describePhases(res)}`)
      workloads.push({
        id: 'land-import-embedded',
        title: `DLTB import of a ${o.embeddedFeatures}-feature county on the embedded engine`,
        seconds: 0,
        concurrency: { embedded: 1 },
        series: [
          series('total', 'dry run + apply', 's', [total], [res]),
          series('dryRun', 'dry run', 's', [res.dryRunSeconds]),
          series('apply', 'apply', 's', [res.applySeconds]),
          series('rows', 'rows/s', 'rows/s', [o.embeddedFeatures / total]),
          series('rss', 'peak RSS of the import process', 'MiB', [res.maxRssMiB]),
        ],
        ratios: [],
        notes: [
          `the same generator, ${o.embeddedFeatures} features; PGlite + PostGIS in a fresh directory (batched unnest inserts), one run; ` +
            `process start, PGlite start and migrations not counted.`,
        ],
      })
    }
  } finally {
    await admin(
      o.serverUrl,
      [tpl, dbOgr, dbOurs].map((d) => `DROP DATABASE IF EXISTS ${d} WITH (FORCE)`),
    ).catch((err: Error) => o.log(`清理失败 / clean-up failed: ${err.message}`))
    fs.rmSync(workDir, { recursive: true, force: true })
  }
  return { workloads, warnings, postgres: postgres! }
}

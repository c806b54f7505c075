import fs from 'node:fs'
import path from 'node:path'

/** Everything the bench reads from the environment, checked and bounded. */
export interface BenchOptions {
  /** URL given by the user (its server is used; its database is never written). */
  serverUrl: string
  /** The bench's own database on that server. */
  benchDbName: string
  scale: 'county' | 'city'
  reseed: boolean
  seconds: number
  repeats: number
  /** Distinct tiles per zoom in the list shared by the server and pgbench. */
  tileCount: number
  seed: number
  embedded: boolean
  embeddedScale: 'county' | 'sample'
  /** County-wide classification (job path against the set-based SQL); BENCH_CLASSIFY=0 skips it. */
  classify: boolean
  /** 用地准入核查 end to end against its overlay SQL; BENCH_PRECHECK=0 skips it. */
  precheck: boolean
  /** Outlines in the pre-check's list. */
  precheckPlots: number
  /** Monitoring coverage of a city against one LATERAL nearest-point query; BENCH_COVERAGE=0 skips it. */
  coverage: boolean
  /** BENCH_KEEP_DATA=1: use the seeded data of the same scale even when the generator changed since (said in the report). */
  keepData: boolean
  /** OGC API – Features items pages against the page statement through pgbench; BENCH_OGC=0 skips it. */
  ogc: boolean
  /** Page starts (cursors) in the OGC items list. */
  ogcPages: number
  /** The DLTB import against ogr2ogr; BENCH_LAND_IMPORT=0 skips it. */
  landImport: boolean
  /** Features of the generated DLTB file (city scale by default). */
  landImportFeatures: number
  /** Features of the embedded-engine county import; 0 skips it. */
  landImportEmbeddedFeatures: number
  /** BENCH_ONLY=precheck, coverage, land-import or ogc runs that workload alone (while working on it). */
  only: 'precheck' | 'coverage' | 'land-import' | 'ogc' | 'tiles' | 'classify' | null
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', ''])

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `环境变量 ${name} 应为 ${min}–${max} 的整数 / ${name} must be an integer in ${min}–${max}, got "${raw}"`,
    )
  }
  return value
}

function oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(
      `环境变量 ${name} 应为 ${allowed.join(' | ')} / ${name} must be one of ${allowed.join(' | ')}, got "${raw}"`,
    )
  }
  return raw as T
}

/** Reads the options, or prints why the bench cannot run and exits 1. */
export function readOptions(): BenchOptions {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL
  if (!serverUrl) {
    console.error(
      [
        '基准测试需要一台装有 PostGIS 的 PostgreSQL 服务器：请设置 BENCH_DATABASE_URL（或 DATABASE_URL）。',
        'The benchmark needs a PostgreSQL server with PostGIS: set BENCH_DATABASE_URL (or DATABASE_URL).',
        '例 / e.g.: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5433/soil npm run bench',
        '（基准测试在该服务器上自建数据库 soil_bench，不会改动 URL 所指的数据库 / the bench creates its own database soil_bench and never touches the one in the URL）',
      ].join('\n'),
    )
    process.exit(1)
  }
  let parsed: URL
  try {
    parsed = new URL(serverUrl)
  } catch {
    console.error(`数据库 URL 无法解析 / cannot parse the database URL (postgres://user@127.0.0.1:5432/db expected)`)
    process.exit(1)
  }
  const host = parsed.hostname
  if (!LOOPBACK.has(host)) {
    console.error(
      `基准测试只连接本机（127.0.0.1），收到主机 “${host}” / the bench only talks to 127.0.0.1, got host "${host}"`,
    )
    process.exit(1)
  }
  const benchDbName = process.env.BENCH_DB_NAME || 'soil_bench'
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(benchDbName))
    throw new Error(`BENCH_DB_NAME 不合规 / invalid BENCH_DB_NAME: ${benchDbName}`)
  if (benchDbName === parsed.pathname.slice(1)) {
    console.error(
      `BENCH_DB_NAME（${benchDbName}）与 URL 中的数据库相同，基准测试会清空它，已拒绝 / refusing: BENCH_DB_NAME equals the URL's database, which the bench would wipe`,
    )
    process.exit(1)
  }
  return {
    serverUrl,
    benchDbName,
    scale: oneOf('BENCH_SCALE', 'county', ['county', 'city'] as const),
    reseed: process.env.BENCH_RESEED === '1',
    seconds: intEnv('BENCH_SECONDS', 10, 1, 300),
    repeats: intEnv('BENCH_REPEATS', 3, 1, 9),
    tileCount: intEnv('BENCH_TILES', 64, 4, 100),
    seed: intEnv('BENCH_SEED', 20240601, 0, 2 ** 31 - 1),
    embedded: process.env.BENCH_EMBEDDED !== '0',
    embeddedScale: oneOf('BENCH_EMBEDDED_SCALE', 'county', ['county', 'sample'] as const),
    classify: process.env.BENCH_CLASSIFY !== '0',
    precheck: process.env.BENCH_PRECHECK !== '0',
    precheckPlots: intEnv('BENCH_PRECHECK_PLOTS', 64, 8, 1000),
    coverage: process.env.BENCH_COVERAGE !== '0',
    keepData: process.env.BENCH_KEEP_DATA === '1',
    ogc: process.env.BENCH_OGC !== '0',
    ogcPages: intEnv('BENCH_OGC_PAGES', 64, 4, 200),
    landImport: process.env.BENCH_LAND_IMPORT !== '0',
    landImportFeatures: intEnv('BENCH_IMPORT_FEATURES', 1_000_000, 100, 5_000_000),
    landImportEmbeddedFeatures: intEnv('BENCH_IMPORT_EMBEDDED_FEATURES', 100_000, 0, 1_000_000),
    only: process.env.BENCH_ONLY
      ? oneOf('BENCH_ONLY', 'precheck', ['precheck', 'coverage', 'land-import', 'ogc', 'tiles', 'classify'] as const)
      : null,
  }
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url)
  u.pathname = `/${database}`
  return u.toString()
}

/** `pgbench` on PATH, else the newest /usr/lib/postgresql/<n>/bin/pgbench; undefined when absent. */
export function findPgbench(): string | undefined {
  const executable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.X_OK)
      return fs.statSync(file).isFile()
    } catch {
      return false
    }
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).slice(0, 100)) {
    const file = path.join(dir, 'pgbench')
    if (executable(file)) return file
  }
  const root = '/usr/lib/postgresql'
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)) : []
  versions.sort((a, b) => Number(b) - Number(a))
  for (const v of versions) {
    const file = path.join(root, v, 'bin', 'pgbench')
    if (executable(file)) return file
  }
  return undefined
}

import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { paths } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { migrate } from '../../server/src/db/migrate.ts'
import { clearData, loadSampleData, type SeedOptions } from '../../server/src/services/sample-data.service.ts'

export type Log = (msg: string) => void

/** What a seeded bench database holds; kept in `bench_marker` so repeat runs skip the reseed. */
export interface DataMarker {
  scale: string
  parcels: number
  generator: string
}

/** Hash of everything that decides the generated rows: a changed generator means a reseed. */
export function generatorHash(): string {
  const hash = crypto.createHash('sha256')
  const dirs = [path.join(paths.sampleData, 'generator'), path.join(paths.queries, 'sample-data')]
  const files = dirs.flatMap((d) =>
    fs
      .readdirSync(d)
      .sort()
      .map((f) => path.join(d, f)),
  )
  files.push(path.join(paths.root, 'server', 'src', 'services', 'sample-data.service.ts'))
  for (const file of files) hash.update(path.relative(paths.root, file)).update(fs.readFileSync(file))
  return hash.digest('hex').slice(0, 16)
}

/** Creates the bench database on the server when missing; with `recreate`, drops it first. */
export async function ensureBenchDatabase(serverUrl: string, name: string, recreate: boolean, log: Log): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (rows.length && recreate) {
      log(`删除并重建基准库 ${name} / dropping and recreating ${name}`)
      const { rows: v } = await client.query<{ n: number }>("SELECT current_setting('server_version_num')::int AS n")
      await client.query(`DROP DATABASE ${name}${v[0].n >= 130000 ? ' WITH (FORCE)' : ''}`)
    }
    if (!rows.length || recreate) {
      log(`创建基准库 ${name} / creating database ${name}`)
      await client.query(`CREATE DATABASE ${name}`)
    }
  } finally {
    await client.end()
  }
}

async function readMarker(db: Database): Promise<DataMarker | undefined> {
  await db.query(`CREATE TABLE IF NOT EXISTS bench_marker (
    id int PRIMARY KEY CHECK (id = 1), scale text NOT NULL, parcels bigint NOT NULL, generator text NOT NULL,
    seeded_at timestamptz NOT NULL DEFAULT now(), seed_seconds double precision)`)
  const { rows } = await db.query('SELECT scale, parcels, generator FROM bench_marker WHERE id = 1')
  return rows[0]
}

/**
 * Migrates and, unless the database already holds this scale from this generator (marker and actual parcel
 * count agree), clears and seeds it, then ANALYZE. Returns the parcel count and whether it seeded.
 */
export async function prepareData(
  db: Database,
  seed: SeedOptions,
  options: { reseed: boolean; log: Log; keepData?: boolean },
): Promise<{ parcels: number; seeded: boolean; seedSeconds?: number; keptGenerator?: string }> {
  await migrate(db, paths.migrations)
  const label =
    seed.scale === 'sample' ? `sample:${seed.parcelsPerCounty ?? ''}:${(seed.adcodes ?? []).join(',')}` : seed.scale
  const generator = generatorHash()
  const marker = await readMarker(db)
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM farmland_parcel')
  const actual = rows[0].n
  if (
    !options.reseed &&
    marker &&
    marker.scale === label &&
    marker.generator === generator &&
    Number(marker.parcels) === actual &&
    actual > 0
  ) {
    options.log(
      `数据已就绪（${label}，耕地图斑 ${actual} 个），跳过生成 / data ready (${label}, ${actual} parcels), seeding skipped`,
    )
    return { parcels: actual, seeded: false }
  }
  if (
    options.keepData &&
    !options.reseed &&
    marker &&
    marker.scale === label &&
    Number(marker.parcels) === actual &&
    actual > 0
  ) {
    options.log(
      `BENCH_KEEP_DATA=1：沿用生成器 ${marker.generator} 的数据（当前生成器 ${generator}） / keeping data of generator ${marker.generator} (now ${generator})`,
    )
    return { parcels: actual, seeded: false, keptGenerator: marker.generator }
  }
  if (marker)
    options.log(
      `数据标记不符（${marker.scale}/${marker.generator}，现有 ${actual} 个），重新生成 / marker differs, reseeding`,
    )
  options.log(`正在生成 ${label} 数据… / seeding ${label}…`)
  const started = performance.now()
  await db.query('DELETE FROM bench_marker')
  await clearData(db)
  const loaded = await loadSampleData(db, { ...seed, log: options.log })
  options.log('ANALYZE…')
  await db.query('ANALYZE')
  const seedSeconds = (performance.now() - started) / 1000
  await db.query('INSERT INTO bench_marker (id, scale, parcels, generator, seed_seconds) VALUES (1, $1, $2, $3, $4)', [
    label,
    loaded.parcels,
    generator,
    seedSeconds,
  ])
  options.log(
    `生成完成：耕地图斑 ${loaded.parcels} 个，用时 ${seedSeconds.toFixed(0)} 秒 / seeded ${loaded.parcels} parcels in ${seedSeconds.toFixed(0)} s`,
  )
  return { parcels: loaded.parcels, seeded: true, seedSeconds }
}

/** Row counts of the layers, for the report's data scale. */
export async function dataScale(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.query(`SELECT
    (SELECT count(*) FROM county)::int AS counties,
    (SELECT count(*) FROM farmland_parcel)::int AS parcels,
    (SELECT count(*) FROM monitoring_point)::int AS monitoring_points,
    (SELECT count(*) FROM contaminated_plot)::int AS plots,
    (SELECT count(*) FROM control_zone)::int AS control_zones`)
  return rows[0]
}

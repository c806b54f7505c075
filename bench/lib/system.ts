import os from 'node:os'
import type { Database } from '../../server/src/db/database.ts'

export interface Hardware {
  cpuModel: string
  cpuCount: number
  totalMemoryGiB: number
  os: string
  arch: string
  loadAverage: number[]
}

export function hardware(): Hardware {
  const cpus = os.cpus()
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCount: cpus.length,
    totalMemoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    arch: os.arch(),
    loadAverage: os.loadavg().map((v) => Math.round(v * 100) / 100),
  }
}

const SETTINGS = [
  'shared_buffers',
  'work_mem',
  'max_connections',
  'jit',
  'effective_cache_size',
  'max_parallel_workers_per_gather',
  'random_page_cost',
  'synchronous_commit',
] as const

export interface PostgresInfo {
  version: string
  postgis: string
  settings: Record<string, string>
}

export async function postgresInfo(db: Database): Promise<PostgresInfo> {
  const { rows: v } = await db.query<{ version: string; postgis: string }>(
    'SELECT version() AS version, postgis_full_version() AS postgis',
  )
  const { rows } = await db.query<{ name: string; setting: string; unit: string | null }>(
    'SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY($1)',
    [SETTINGS],
  )
  const settings = Object.fromEntries(SETTINGS.map((name) => [name, rows.find((r) => r.name === name)?.setting ?? '?']))
  return { version: v[0].version, postgis: v[0].postgis, settings }
}

import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { TileLayer } from '../../server/src/tiles/layers.ts'
import type { Tile } from './tiles.ts'

/**
 * One-line form of a tile statement for a pgbench script: `--` comments dropped and whitespace collapsed
 * outside string literals, `$1 $2 $3` replaced by the pgbench variables `:z :x :y` and `$4` (the county codes
 * of an internal layer's scope) by an array literal, or each `$n` by `params[n]` when given. Nothing else changes.
 */
export function toPgbenchSql(sql: string, scope: readonly string[] = [], params?: Record<string, string>): string {
  let out = ''
  let i = 0
  while (i < sql.length) {
    const c = sql[i]
    if (c === "'") {
      const end = sql.indexOf("'", i + 1)
      if (end < 0) throw new Error('SQL 中有未闭合的字符串 / unterminated string literal')
      out += sql.slice(i, end + 1)
      i = end + 1
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i)
      i = end < 0 ? sql.length : end
    } else if (/\s/.test(c)) {
      if (out && !out.endsWith(' ')) out += ' '
      i++
    } else {
      out += c
      i++
    }
  }
  const names: Record<string, string> = params ?? {
    1: ':z',
    2: ':x',
    3: ':y',
    4: `ARRAY[${scope.map((a) => `'${a.replace(/\D/g, '')}'`).join(',')}]`,
  }
  const line = out.trim().replace(/\$(\d+)(?!\d)/g, (m, n: string) => {
    if (!names[n]) throw new Error(`瓦片 SQL 含意外参数 ${m} / unexpected parameter ${m}`)
    return names[n]
  })
  if (line.includes('\n') || line.includes(';'))
    throw new Error('瓦片 SQL 不能转成一行 / tile SQL is not a single statement')
  return line
}

/**
 * Martin's table-source SQL for the same layer (martin/src/pg/query_tables.rs, `table_to_query`): the stored
 * EPSG:4490 `geom` transformed to 3857 for every tile, rows chosen by `geom && ST_Transform(envelope, 4490)`.
 * The search envelope carries the same 64 px margin as the project's SQL, so both return the same rows, and
 * the attributes are the project's expressions, so the two differ only in how geometry is found and transformed.
 */
export function martinSql(layer: TileLayer, extent: number, bufferPx: number): string {
  const props = Object.entries(layer.attributes)
    .map(([name, expr]) => `, ${expr} AS "${name}"`)
    .join('')
  const id = layer.id ? `, ${layer.id} AS id` : ''
  return `SELECT ST_AsMVT(tile, '${layer.name}', ${extent}, 'geom'${layer.id ? ", 'id'" : ''}) FROM (
  SELECT ST_AsMVTGeom(ST_Transform(ST_CurveToLine(geom::geometry), 3857), ST_TileEnvelope($1::integer, $2::integer, $3::integer), ${extent}, ${bufferPx}, true) AS geom
    ${id}${props}
  FROM ${layer.table}
  WHERE geom && ST_Transform(ST_TileEnvelope($1::integer, $2::integer, $3::integer, margin => (${bufferPx}.0 / ${extent})), 4490)
) AS tile`
}

/**
 * The pgbench script for a tile list: a random index, the tile's z/x/y looked up with a pgbench `CASE`
 * expression (evaluated in pgbench, no extra query), then the statement. One script means one prepared
 * statement per connection, run with many tiles, as the server does; so PostgreSQL's plan cache (five custom
 * plans, then the generic plan when it is not dearer) behaves the same for both. Needs pgbench ≥ 11.
 */
export function writeScript(
  dir: string,
  name: string,
  sql: string,
  tiles: Tile[],
  scope: readonly string[] = [],
): string {
  if (!tiles.length) throw new Error('瓦片列表为空 / empty tile list')
  fs.mkdirSync(dir, { recursive: true })
  const pick = (v: 'z' | 'x' | 'y') =>
    `CASE ${tiles.map((t, i) => `WHEN :i = ${i} THEN ${t[v]}`).join(' ')} ELSE -1 END`
  const file = path.join(dir, `${name}-z${tiles[0].z}.sql`)
  fs.writeFileSync(
    file,
    [
      `\\set i random(0, ${tiles.length - 1})`,
      `\\set z ${pick('z')}`,
      `\\set x ${pick('x')}`,
      `\\set y ${pick('y')}`,
      `${toPgbenchSql(sql, scope)};`,
      '',
    ].join('\n'),
  )
  return file
}

/** Major version of a pgbench binary (`pgbench (PostgreSQL) 15.18 …` → 15). */
export function pgbenchMajor(versionText: string): number {
  return Number(/\)\s*(\d+)/.exec(versionText)?.[1] ?? NaN)
}

export interface PgbenchResult {
  tps: number
  transactions: number
  failed: number
  latencyMs: number | null
  seconds: number
}

/** `pgbench -n -M prepared -c C -j C -T S [extra args] -f script`; throws when pgbench fails, runs past its time, or reports failures. */
export async function runPgbench(o: {
  bin: string
  url: string
  scripts: string[]
  clients: number
  seconds: number
  extraArgs?: string[]
}): Promise<PgbenchResult> {
  const args = [
    '-n',
    '-M',
    'prepared',
    '-c',
    String(o.clients),
    '-j',
    String(o.clients),
    '-T',
    String(o.seconds),
    ...(o.extraArgs ?? []),
  ]
  for (const f of o.scripts) args.push('-f', f)
  args.push(o.url)
  const started = performance.now()
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(o.bin, args, { stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      child.stdout.on('data', (d) => {
        out += d
      })
      child.stderr.on('data', (d) => {
        if (err.length < 20000) err += d
      })
      const timer = setTimeout(() => child.kill('SIGKILL'), (o.seconds + 60) * 1000)
      child.on('error', (e) => {
        clearTimeout(timer)
        reject(e)
      })
      child.on('close', (c) => {
        clearTimeout(timer)
        resolve({ code: c, stdout: out, stderr: err })
      })
    },
  )
  const seconds = (performance.now() - started) / 1000
  const tps = /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(stdout)
  if (code !== 0 || !tps) {
    throw new Error(
      `pgbench 失败（退出码 ${code}）/ pgbench failed (exit ${code}):\n${stderr.slice(0, 2000)}\n${stdout.slice(0, 2000)}`,
    )
  }
  const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? NaN)
  const failed = Number(/number of failed transactions: (\d+)/.exec(stdout)?.[1] ?? 0)
  const latency = /latency average = ([\d.]+) ms/.exec(stdout)
  if (failed > 0) throw new Error(`pgbench 有 ${failed} 个失败事务 / pgbench reported ${failed} failed transactions`)
  return { tps: Number(tps[1]), transactions, failed, latencyMs: latency ? Number(latency[1]) : null, seconds }
}

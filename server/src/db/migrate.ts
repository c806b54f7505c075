import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { Database } from './database.ts'

export interface MigrationFile {
  id: number
  name: string
  sql: string
  sha256: string
}

/** Key of the advisory lock that serialises migration runs across app instances on one server. */
const MIGRATION_LOCK_KEY = 4_490_3857

const FILE_PATTERN = /^(\d{3})_[a-z0-9_]+\.sql$/

export function readMigrations(dir: string): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
  return files.map((name, index) => {
    const match = FILE_PATTERN.exec(name)
    if (!match) throw new Error(`迁移文件名不合规：${name}（应为 001_name.sql 形式）`)
    const id = Number(match[1])
    if (id !== index + 1) throw new Error(`迁移编号不连续：${name} 应为第 ${index + 1} 号`)
    const sql = fs.readFileSync(path.join(dir, name), 'utf8')
    return { id, name, sql, sha256: crypto.createHash('sha256').update(sql).digest('hex') }
  })
}

/**
 * Applies pending migrations in order, one transaction per file, under an advisory lock.
 * An applied file whose content changed stops the start-up: applied migrations are immutable.
 */
export async function migrate(db: Database, dir: string): Promise<string[]> {
  const migrations = readMigrations(dir)
  const client = await db.pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY])
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      id integer PRIMARY KEY, name text NOT NULL, sha256 text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
    const { rows } = await client.query<{ id: number; name: string; sha256: string }>(
      'SELECT id, name, sha256 FROM schema_migration',
    )
    const unknown = rows.filter((r) => !migrations.some((m) => m.id === r.id))
    if (unknown.length) throw new Error(`数据库中有本程序不认识的迁移：${unknown.map((r) => r.name).join('、')}`)
    const applied = new Map(rows.map((r) => [r.id, r]))
    const done: string[] = []
    for (const m of migrations) {
      const previous = applied.get(m.id)
      if (previous) {
        if (previous.sha256 !== m.sha256) {
          throw new Error(
            `已执行的迁移 ${m.name} 内容被修改（记录的哈希 ${previous.sha256.slice(0, 12)}…）；迁移一经执行不可修改，请新增迁移文件`,
          )
        }
        continue
      }
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query('INSERT INTO schema_migration (id, name, sha256) VALUES ($1, $2, $3)', [
          m.id,
          m.name,
          m.sha256,
        ])
        await client.query('COMMIT')
      } catch (err) {
        await client.query('ROLLBACK')
        throw new Error(`迁移 ${m.name} 执行失败：${(err as Error).message}`, { cause: err })
      }
      done.push(m.name)
    }
    return done
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {})
    client.release()
  }
}

import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase } from '../support/connect.ts'

/**
 * The schema keeps the move to Citus (distributed by county code) possible: every table is placed in docs/scaling.md,
 * and the keys of the tables distributed by `adcode` include it, as Citus requires.
 */

type Kind = 'distributed' | 'distributed-by' | 'reference' | 'local'

/** Keys that cannot stay as they are on Citus, each with the step docs/scaling.md names for the move. */
const KEPT_UNTIL_THE_MOVE: Record<string, string> = {
  public_report_tracking_hash_key: 'a tracking code is unique nationwide: at the move, a reference table of the codes',
}

/** The table of docs/scaling.md: table name → kind. */
function placedTables(): Map<string, Kind> {
  const doc = fs.readFileSync(new URL('../../docs/scaling.md', import.meta.url), 'utf8')
  const rows = doc
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells.length >= 6 && /^[a-z_]+$/.test(cells[1]) && cells[1] !== 'table')
  return new Map(rows.map((cells) => [cells[1], cells[2] as Kind]))
}

let db: Database
let placed: Map<string, Kind>

beforeAll(() => {
  db = connectTestDatabase()
  placed = placedTables()
})
afterAll(() => db.close())

/** Base tables of the app's schema (PostGIS's own left out). */
async function schemaTables(): Promise<string[]> {
  const { rows } = await db.query(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> 'spatial_ref_sys' ORDER BY 1`)
  return rows.map((r) => r.name)
}

describe('the tables as they would be distributed (docs/scaling.md)', () => {
  it('when the schema is read, then every table is placed in docs/scaling.md and every placed table exists', async () => {
    const tables = await schemaTables()
    expect(placed.size).toBeGreaterThan(40)
    expect(tables.filter((t) => !placed.has(t))).toEqual([])
    expect([...placed.keys()].filter((t) => !tables.includes(t))).toEqual([])
    for (const kind of placed.values()) expect(['distributed', 'distributed-by', 'reference', 'local']).toContain(kind)
  })

  it('when a table is distributed by adcode, then its primary key and every unique key include adcode', async () => {
    const { rows } = await db.query(`
      SELECT c.relname AS table, i.indexrelid::regclass::text AS key,
             array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = ANY(i.indkey)) AS columns
      FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND (i.indisprimary OR i.indisunique)`)
    const wrong = rows
      .filter((r) => placed.get(r.table) === 'distributed' && !r.columns.includes('adcode'))
      .filter((r) => !Object.hasOwn(KEPT_UNTIL_THE_MOVE, r.key))
      .map((r) => `${r.table}: ${r.key} (${r.columns.join(', ')})`)
    expect(wrong).toEqual([])
    const distributed = [...placed].filter(([, k]) => k === 'distributed').map(([t]) => t)
    const keyed = new Set(rows.filter((r) => r.key.endsWith('_pkey')).map((r) => r.table))
    expect(distributed.filter((t) => !keyed.has(t))).toEqual([])
  })

  it('when a foreign key joins two distributed tables, then it includes adcode; a reference table names no distributed one', async () => {
    const { rows } = await db.query(`
      SELECT k.conname AS name, k.conrelid::regclass::text AS from_table, k.confrelid::regclass::text AS to_table,
             array(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)) AS columns
      FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`)
    expect(rows.length).toBeGreaterThan(40)
    const wrong = rows
      .filter((r) => {
        const [from, to] = [placed.get(r.from_table), placed.get(r.to_table)]
        if (from === 'distributed' && to === 'distributed') return !r.columns.includes('adcode')
        if (from === 'reference') return to !== 'reference'
        return false
      })
      .map((r) => `${r.from_table} → ${r.to_table} (${r.columns.join(', ')}): ${r.name}`)
    expect(wrong).toEqual([])
  })
})

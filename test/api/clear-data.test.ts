import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { sqlFile } from '../../server/src/db/sql-files.ts'
import { connectTestDatabase } from '../support/connect.ts'

/**
 * `npm run seed` replaces the data whole with clear-data.sql's TRUNCATE, which PostgreSQL refuses when a table
 * that refers to a county is left out of it. Checked against the schema, so a new table cannot be forgotten.
 */
let db: Database

beforeAll(() => {
  db = connectTestDatabase()
})
afterAll(() => db.close())

describe('clear-data.sql', () => {
  it('when a table refers to a county or a township, then the TRUNCATE of the sample data names it', async () => {
    const { rows } = await db.query<{ name: string }>(
      `WITH RECURSIVE referring(name) AS (
         SELECT 'county'::text
         UNION
         SELECT c.conrelid::regclass::text FROM pg_constraint c JOIN referring r ON c.confrelid::regclass::text = r.name
         WHERE c.contype = 'f'
       )
       SELECT name FROM referring ORDER BY name`,
    )
    const truncated = new Set(
      sqlFile('sample-data/clear-data')
        .replace(/--[^\n]*/g, '')
        .replace(/^\s*TRUNCATE/, '')
        .split(/[\s,]+/)
        .filter(Boolean),
    )
    expect(rows.length).toBeGreaterThan(10)
    expect(rows.map((r) => r.name).filter((name) => !truncated.has(name))).toEqual([])
  })
})

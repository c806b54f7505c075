import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase } from '../support/connect.ts'

let db: Database
const poolErrors: string[] = []

beforeAll(async () => {
  db = connectTestDatabase()
  db.pool.on('error', (e) => poolErrors.push(e.message))
  await db.query(`CREATE OR REPLACE FUNCTION zz_db_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN IF NEW.entity_id = -77 THEN RAISE EXCEPTION '测试：故意失败'; END IF; RETURN NEW; END $$`)
  await db.query(
    `CREATE TRIGGER zz_db_test_fail BEFORE INSERT ON change_history FOR EACH ROW EXECUTE FUNCTION zz_db_test_fail()`,
  )
})

afterAll(async () => {
  await db.query('DROP TRIGGER IF EXISTS zz_db_test_fail ON change_history')
  await db.query('DROP FUNCTION IF EXISTS zz_db_test_fail()')
  await db.close()
})

describe('Database.transaction', () => {
  it('when a parameterised statement fails inside a transaction, then it rolls back and every later answer belongs to its own query', async () => {
    const marker = `zz-db-${Date.now()}`
    for (let round = 0; round < 5; round++) {
      await expect(
        db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO change_history (adcode, entity, entity_id, action, actor) VALUES ('430903', $1, 1, 'update', 't')`,
            [marker],
          )
          await tx.query(
            `INSERT INTO change_history (adcode, entity, entity_id, action, actor) VALUES ('430903', $1, $2, 'update', 't')`,
            [marker, -77],
          )
        }),
      ).rejects.toThrow('故意失败')
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
      expect((await db.query('SELECT $1::int AS two', [2])).rows).toEqual([{ two: 2 }])
      expect(await db.transaction(async (tx) => (await tx.query('SELECT 3 AS three')).rows)).toEqual([{ three: 3 }])
    }
    expect((await db.query('SELECT count(*)::int AS n FROM change_history WHERE entity = $1', [marker])).rows).toEqual([
      { n: 0 },
    ])
    expect(poolErrors).toEqual([])
  })
})

describe('Database.prepared', () => {
  const text = `SELECT $1::int AS v, (SELECT count(*)::int FROM pg_prepared_statements WHERE name = 'zz-db-test/probe') AS named`

  it('when a statement is prepared, then a server names it and the embedded engine, one backend behind every connection, keeps it unnamed', async () => {
    const {
      rows: [first],
    } = await db.prepared<{ v: number; named: number }>('zz-db-test/probe', text, [1])
    expect(first).toEqual({ v: 1, named: db.mode === 'server' ? 1 : 0 })
  })

  it('when the connection that prepared a statement is replaced, then the same statement runs again on the new one', async () => {
    for (let round = 0; round < 3; round++) {
      const {
        rows: [r],
      } = await db.prepared<{ v: number }>('zz-db-test/probe', text, [round])
      expect(r.v).toBe(round)
      const client = await db.pool.connect()
      client.release(true)
    }
  })
})

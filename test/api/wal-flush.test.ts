import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { awaitWalFlush } from '../../server/src/db/wal-flush.ts'
import { connectTestDatabase } from '../support/connect.ts'

/**
 * The numbered records (pre-check, siting check) commit without waiting for the disk and wait for it afterwards:
 * after awaitWalFlush every earlier commit is flushed, even one made with synchronous_commit off.
 */
let db: Database

beforeAll(() => {
  db = connectTestDatabase()
})
afterAll(() => db.close())

describe('awaitWalFlush', () => {
  it('when a commit did not wait for the disk, then after awaitWalFlush the WAL is flushed past it', async () => {
    const committedAt = await db.transaction(async (tx) => {
      await tx.query("SELECT set_config('synchronous_commit', 'off', true)")
      await tx.query('CREATE TABLE IF NOT EXISTS wal_flush_probe_logged (n int)')
      await tx.query('INSERT INTO wal_flush_probe_logged SELECT generate_series(1, 1000)')
      return (await tx.query<{ lsn: string }>('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows[0]!.lsn
    })
    try {
      await awaitWalFlush(db)
      const { rows } = await db.query<{ isFlushed: boolean }>(
        'SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn AS "isFlushed"',
        [committedAt],
      )
      expect(rows[0]!.isFlushed).toBe(true)
    } finally {
      await db.query('DROP TABLE IF EXISTS wal_flush_probe_logged')
    }
  })
})

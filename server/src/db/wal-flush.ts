import type { Queryable } from './database.ts'

/**
 * Returns once every commit made before the call is on disk. A record statement that holds a county's counter row
 * (the numbered pre-checks and siting checks) commits with `synchronous_commit` off, so the row is unlocked when the
 * statement ends and not after its WAL flush, which every other check of the county queued behind (three checks
 * waiting ~3 ms each for the disk before the fourth could take its number). The caller answers with the number only
 * after this: a transactional WAL message makes a commit that waits for the disk, and PostgreSQL flushes its WAL in
 * order, so the record's commit before it is on disk too; concurrent waits share one flush. A crash before the flush
 * loses the record and its number together (the officer had no answer yet), so numbers stay without gaps.
 */
export async function awaitWalFlush(db: Queryable): Promise<void> {
  await db.query("SELECT pg_logical_emit_message(true, 'soil-one-map', 'record flushed')")
}

import crypto from 'node:crypto'
import pg from 'pg'
import { startEmbeddedPostgis, type EmbeddedPostgis } from './embedded.ts'
import { IDLE_CONNECTION_MS, createReadRouter, type ReadRouter } from './read-routing.ts'

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))

export type DatabaseMode = 'embedded' | 'server'

/** Anything that runs a query: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = any>(
    text: string | pg.QueryConfig,
    values?: unknown[],
  ): Promise<pg.QueryResult<R>>
}

/** The single entry point to PostgreSQL for the whole server. */
export interface Database extends Queryable {
  mode: DatabaseMode
  pool: pg.Pool
  /**
   * Runs a statement prepared once per connection under `name` on a PostgreSQL server. The embedded engine gets it
   * unnamed: PGlite is one backend behind every socket connection, so a named statement outlives the connection
   * that prepared it and a new connection preparing it again would fail.
   */
  prepared<R extends pg.QueryResultRow = any>(name: string, text: string, values: unknown[]): Promise<pg.QueryResult<R>>
  /** Runs `fn` in one transaction; rolls back on any error so nothing is partly written. */
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>
  /**
   * The database for reads that a hot standby may answer (tiles, public pages, the data sharing service): the
   * database itself unless `DATABASE_READ_URL` names a standby (see read-routing.ts).
   */
  reads: Database
  /** Present when reads are routed to a standby. */
  readRouter?: ReadRouter
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  databaseUrl?: string
  dataDir: string
  log?: (msg: string) => void
  /** Pool size on a server; the embedded engine always gets one connection. */
  maxConnections?: number
  /** A hot standby of the server for reads (`DATABASE_READ_URL`); only with `databaseUrl`. */
  readUrl?: string
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgis | undefined
  let url = options.databaseUrl
  if (options.readUrl && !url)
    throw new Error('只读库（DATABASE_READ_URL）须与主库（DATABASE_URL）同时设置；内嵌数据库不能配只读库')
  if (!url) {
    embedded = await startEmbeddedPostgis(options.dataDir, options.log)
    url = embedded.url
  }
  const mode: DatabaseMode = embedded ? 'embedded' : 'server'
  const pool = new pg.Pool({
    connectionString: url,
    max: embedded ? 1 : (options.maxConnections ?? 10),
    idleTimeoutMillis: embedded ? 0 : IDLE_CONNECTION_MS,
  })
  pool.on('error', (err) => options.log?.(`数据库连接错误：${err.message}`))
  const db = wrapPool(pool, mode, async () => {
    await router?.close()
    await pool.end()
    await embedded?.stop()
  })
  const router = options.readUrl
    ? createReadRouter(db, options.readUrl, { maxConnections: options.maxConnections, log: options.log })
    : undefined
  return router ? Object.assign(db, { reads: router.reads, readRouter: router }) : db
}

/** Quiet time after the last ReadyForQuery before the embedded engine's connection counts as settled. */
const SETTLE_QUIET_MS = 100

/** Resolves once no ReadyForQuery has arrived on the connection for `ms`. */
function awaitQuiet(client: pg.PoolClient, ms: number): Promise<void> {
  const connection = (client as unknown as { connection: import('node:events').EventEmitter }).connection
  return new Promise((resolve) => {
    const finish = () => {
      connection.off('readyForQuery', onReady)
      resolve()
    }
    let timer = setTimeout(finish, ms)
    const onReady = () => {
      clearTimeout(timer)
      timer = setTimeout(finish, ms)
    }
    connection.on('readyForQuery', onReady)
  })
}

/**
 * Rolls back after a failed statement inside a transaction; true when the connection is fit to go back to
 * the pool. pglite-socket answers a failed extended-protocol statement with one ReadyForQuery too many
 * (electric-sql/pglite#958), sometimes after `pg` has already reported the error. A ROLLBACK sent before that
 * stray message would be taken as finished by it, and every later answer on the connection would belong to
 * the statement before. So on the embedded engine: wait until the connection is quiet, roll back, and check
 * with a probe that the next answer is the probe's own; otherwise the connection is destroyed.
 */
async function rollbackAfterError(client: pg.PoolClient, mode: DatabaseMode, err: unknown): Promise<boolean> {
  const isEmbeddedDbError = mode === 'embedded' && err instanceof Error && 'severity' in err
  if (isEmbeddedDbError) await awaitQuiet(client, SETTLE_QUIET_MS)
  await client.query('ROLLBACK').catch(() => {})
  if (!isEmbeddedDbError) return client.getTransactionStatus() === 'I'
  const probe = crypto.randomInt(1, 2 ** 31 - 1)
  const answer = await client.query<{ probe: number }>(`SELECT ${probe}::int AS probe`).catch(() => undefined)
  return answer?.rows[0]?.probe === probe && client.getTransactionStatus() === 'I'
}

export function wrapPool(pool: pg.Pool, mode: DatabaseMode, close: () => Promise<void>): Database {
  const db: Database = {
    mode,
    pool,
    query: (text, values) => pool.query(text as any, values) as any,
    prepared: (name, text, values) => pool.query(mode === 'server' ? { name, text, values } : { text, values }) as any,
    async transaction(fn) {
      const client = await pool.connect()
      let isBroken = false
      try {
        await client.query('BEGIN')
        const result = await fn(client)
        await client.query('COMMIT')
        return result
      } catch (err) {
        isBroken = !(await rollbackAfterError(client, mode, err))
        throw err
      } finally {
        client.release(isBroken)
      }
    },
    reads: undefined as unknown as Database,
    close,
  }
  db.reads = db
  return db
}

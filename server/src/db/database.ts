import pg from 'pg'
import { startEmbeddedPostgis, type EmbeddedPostgis } from './embedded.ts'

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v))

export type DatabaseMode = 'embedded' | 'server'

/** Anything that runs a query: the pool, or a client inside a transaction. */
export interface Queryable {
  query<R extends pg.QueryResultRow = any>(text: string | pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult<R>>
}

/** The single entry point to PostgreSQL for the whole server. */
export interface Database extends Queryable {
  mode: DatabaseMode
  pool: pg.Pool
  /** Runs `fn` in one transaction; rolls back on any error so nothing is partly written. */
  transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T>
  close(): Promise<void>
}

export interface OpenDatabaseOptions {
  databaseUrl?: string
  dataDir: string
  log?: (msg: string) => void
  /** Pool size on a server; the embedded engine always gets one connection. */
  maxConnections?: number
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgis | undefined
  let url = options.databaseUrl
  if (!url) {
    embedded = await startEmbeddedPostgis(options.dataDir, options.log)
    url = embedded.url
  }
  const mode: DatabaseMode = embedded ? 'embedded' : 'server'
  const pool = new pg.Pool({ connectionString: url, max: embedded ? 1 : (options.maxConnections ?? 10), idleTimeoutMillis: embedded ? 0 : 10_000 })
  pool.on('error', (err) => options.log?.(`数据库连接错误：${err.message}`))
  return wrapPool(pool, mode, async () => {
    await pool.end()
    await embedded?.stop()
  })
}

export function wrapPool(pool: pg.Pool, mode: DatabaseMode, close: () => Promise<void>): Database {
  return {
    mode,
    pool,
    query: (text, values) => pool.query(text as any, values) as any,
    async transaction(fn) {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const result = await fn(client)
        await client.query('COMMIT')
        return result
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {})
        throw err
      } finally {
        client.release()
      }
    },
    close,
  }
}

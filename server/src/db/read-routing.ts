import { AsyncLocalStorage } from 'node:async_hooks'
import pg from 'pg'
import type { Database, Queryable } from './database.ts'

/**
 * Reads on a hot standby (PostgreSQL streaming replication), with read-your-writes.
 *
 * A read statement goes to the standby only when the standby has replayed every write this server has made: each
 * write request (and each job that tells the tile cache its data changed) records the primary's WAL position
 * (`pg_current_wal_lsn()`) once it is done, and a poller reads the standby's `pg_last_wal_replay_lsn()` every
 * {@link ReadRoutingOptions.pollMs}. While a write is under way, while the standby is behind the last recorded
 * position, or while it does not answer, reads go to the primary. A request whose browser wrote through another
 * server process in the last seconds carries a cookie ({@link PRIMARY_COOKIE}) and reads from the primary too.
 * Only statements that begin with SELECT or WITH (and write nothing) are candidates; transactions always run on the
 * primary; a statement the standby refuses as a write (SQLSTATE 25006) or cannot run for a lost connection is run
 * again on the primary.
 */
export interface ReadRouter {
  /** A view of the database for reads that may run on the standby: same mode; transactions on the primary. */
  readonly reads: Database
  /** A write starts: reads go to the primary until {@link endWrite} has recorded where the primary's WAL stands. */
  beginWrite(): void
  endWrite(): Promise<void>
  /** Runs `fn` with its reads on the primary (a browser that has just written through another process). */
  withPrimaryReads<T>(fn: () => T): T
  /** Statements answered by each side since the start (for the tests and the console). */
  readonly served: { primary: number; replica: number }
  close(): Promise<void>
}

export interface ReadRoutingOptions {
  /** How often the standby's replay position is read, ms. */
  pollMs?: number
  maxConnections?: number
  log?: (msg: string) => void
}

/** Cookie set on the answer to a write: for its lifetime, that browser's reads go to the primary. */
export const PRIMARY_COOKIE = 'soil_primary_reads'

/** `16/B374D848` → a comparable number. */
export function parseLsn(text: string | null | undefined): bigint | undefined {
  const m = text ? /^([0-9A-F]+)\/([0-9A-F]+)$/i.exec(text) : null
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : undefined
}

/** A statement that only reads: begins with SELECT, or with WITH and names no writing command. */
export function isReadOnlyStatement(text: string): boolean {
  const head = text.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)+/, '')
  if (/^select\b/i.test(head)) return !/\b(for\s+(update|share|no\s+key\s+update|key\s+share)|into\s+\w)/i.test(head)
  if (/^with\b/i.test(head)) return !/\b(insert\s+into|update\s+\S+\s+set|delete\s+from|merge\s+into)\b/i.test(head)
  return false
}

/**
 * How long a server connection may stay idle in the pool before it is closed (pg's default is 10 s). A connection's
 * first run of a large prepared statement plans it (~100 ms for the pre-check's overlay on the 2-core machine, seen
 * with `log_min_duration_statement`), so closing connections after 10 s of quiet made the first checks after every
 * pause pay that again: p99 ~200 ms instead of ~30 ms at c=4 in the bench rounds that followed a pause. Ten idle
 * backends are a few MB each.
 */
export const IDLE_CONNECTION_MS = 10 * 60_000

const SQLSTATE_READ_ONLY = '25006'

/** A failure of the standby itself (no SQLSTATE, connection or shutdown class), not of the statement. */
function isStandbyFailure(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code
  if (typeof code !== 'string') return true
  return code === SQLSTATE_READ_ONLY || /^(08|57|53)/.test(code) || /^E[A-Z]+$/.test(code)
}

export function createReadRouter(primary: Database, readUrl: string, options: ReadRoutingOptions = {}): ReadRouter {
  const replica = new pg.Pool({
    connectionString: readUrl,
    max: options.maxConnections ?? 10,
    idleTimeoutMillis: IDLE_CONNECTION_MS,
  })
  replica.on('error', (err) => options.log?.(`只读库连接错误：${err.message}`))
  const primaryReads = new AsyncLocalStorage<true>()
  const served = { primary: 0, replica: 0 }
  let writesUnderWay = 0
  let lastWriteLsn = 0n
  let replayedLsn: bigint | undefined
  let isReachable = false

  async function poll(): Promise<void> {
    try {
      const { rows } = await replica.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn')
      replayedLsn = parseLsn(rows[0]?.lsn)
      if (!isReachable) options.log?.('只读库（热备）已连接，地图瓦片、公开页面与数据共享服务的查询由它承担')
      isReachable = replayedLsn !== undefined
    } catch (err) {
      if (isReachable) options.log?.(`只读库无法访问，查询暂由主库承担：${(err as Error).message}`)
      isReachable = false
    }
  }
  let polling = poll()
  const timer = setInterval(() => {
    polling = poll()
  }, options.pollMs ?? 100)
  timer.unref()

  const isReplicaCurrent = () =>
    isReachable && writesUnderWay === 0 && !primaryReads.getStore() && (replayedLsn ?? -1n) >= lastWriteLsn

  async function run<R extends pg.QueryResultRow>(
    onPrimary: () => Promise<pg.QueryResult<R>>,
    onReplica: () => Promise<pg.QueryResult<R>>,
    text: string,
  ): Promise<pg.QueryResult<R>> {
    if (!isReadOnlyStatement(text) || !isReplicaCurrent()) {
      served.primary++
      return onPrimary()
    }
    try {
      const result = await onReplica()
      served.replica++
      return result
    } catch (err) {
      if (!isStandbyFailure(err)) throw err
      if ((err as { code?: string }).code !== SQLSTATE_READ_ONLY) isReachable = false
      served.primary++
      return onPrimary()
    }
  }

  const reads: Database = {
    ...primary,
    query: ((text: string | pg.QueryConfig, values?: unknown[]) => {
      const sql = typeof text === 'string' ? text : text.text
      return run(
        () => primary.query(text, values),
        () => replica.query(text as any, values) as Promise<any>,
        sql,
      )
    }) as Queryable['query'],
    prepared: (name, text, values) =>
      run(
        () => primary.prepared(name, text, values),
        () => replica.query({ name, text, values }),
        text,
      ),
  }
  reads.reads = reads

  return {
    reads,
    served,
    beginWrite() {
      writesUnderWay++
    },
    async endWrite() {
      try {
        const { rows } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
        const lsn = parseLsn(rows[0]?.lsn)
        if (lsn !== undefined && lsn > lastWriteLsn) lastWriteLsn = lsn
      } catch {
        // the primary did not answer: the next write records the position; until the standby passes the last
        // known one nothing is stale that this server wrote before
      } finally {
        writesUnderWay--
      }
    },
    withPrimaryReads: (fn) => primaryReads.run(true, fn),
    async close() {
      clearInterval(timer)
      await polling
      await replica.end()
    },
  }
}

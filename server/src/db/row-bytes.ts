import type { Socket } from 'node:net'
import pg from 'pg'
import type { Queryable } from './database.ts'

/**
 * A row as PostgreSQL sent it: each column's text as UTF-8 bytes, or in binary format its binary value (a bytea's
 * bytes themselves), null for NULL; never decoded to a string.
 */
export type RowBytes = (Buffer | null)[]

/** Message types of the PostgreSQL protocol this reader takes from the socket itself. */
const PARSE_COMPLETE = 0x31
const BIND_COMPLETE = 0x32
const ROW_DESCRIPTION = 0x54
const DATA_ROW = 0x44
/** Messages PostgreSQL may send at any time: each is passed to `pg` whole, and the rows go on. */
const NOTICE = 0x4e
const PARAMETER_STATUS = 0x53
const NOTIFICATION = 0x41
const isAsync = (type: number) => type === NOTICE || type === PARAMETER_STATUS || type === NOTIFICATION
/** Type byte and length of a message. */
const HEADER = 5

/** The part of a `pg` connection a submitted statement sees. */
interface Connection {
  stream: Socket
}
type DataListener = (chunk: Buffer) => void

/** The fields of the DataRow message in `message` (its body, after type and length). */
function fieldsOf(message: Buffer): RowBytes {
  const count = message.readUInt16BE(0)
  const fields: RowBytes = new Array(count)
  let at = 2
  for (let i = 0; i < count; i++) {
    const length = message.readInt32BE(at)
    at += 4
    if (length < 0) fields[i] = null
    else {
      fields[i] = message.subarray(at, at + length)
      at += length
    }
  }
  return fields
}

/**
 * A statement whose rows come as bytes: node-postgres would decode every text value of the answer to a JavaScript
 * string (~1 MB of UTF-8 a page of 1,000 GeoJSON Features, into UTF-16) that the server then encodes back to UTF-8 to
 * send it; these rows are slices of the bytes PostgreSQL sent. `pg` sends the statement (Parse, Bind, Describe,
 * Execute, Sync with its own parameter encoding); while the answer comes, this reads the connection's socket itself,
 * as pg-copy-streams does for COPY, and keeps each DataRow's fields. A notice (or another message PostgreSQL may
 * send at any time) is passed to `pg` whole. At the first message that is not one of the statement's own
 * (CommandComplete, an error …) it gives the socket back to `pg`, which reads the rest and reports to this object as
 * to any query. With `binary`, PostgreSQL sends the values in binary format (a bytea as its bytes, not as hex text);
 * with `name`, the statement is prepared once per connection, as `pg` does for a named query.
 */
class RowBytesQuery implements pg.Submittable {
  /** Set by `pg` (a pool's query, or the client's callback); called once per run. */
  callback?: (err: Error | null, rows?: RowBytes[]) => void
  rows: RowBytes[] = []
  /** Settles when the statement has run on a client that gives no callback (a transaction's client). */
  readonly done: Promise<RowBytes[]>
  private settle!: { resolve: (rows: RowBytes[]) => void; reject: (err: Error) => void }
  private stream?: Socket
  private pgListener?: DataListener
  /** Bytes of an unfinished message, and how many the message needs. */
  private pending: Buffer[] = []
  private pendingBytes = 0
  private needed = 0
  private error?: Error
  private readonly onData: DataListener = (chunk) => this.read(chunk)

  constructor(
    readonly text: string,
    private readonly values: unknown[],
    private readonly options: RowBytesOptions = {},
  ) {
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }))
    this.done.catch(() => {})
  }

  submit(connection: pg.Connection): Error | undefined {
    this.rows = []
    this.error = undefined
    this.pending = []
    this.pendingBytes = 0
    const stream = (connection as unknown as Connection).stream
    const listeners = stream.listeners('data') as DataListener[]
    if (listeners.length === 1) {
      this.stream = stream
      this.pgListener = listeners[0]
      stream.removeListener('data', this.pgListener)
      stream.on('data', this.onData)
    }
    const { name, binary } = this.options
    // `binary` (result values in binary format) is an option of pg's Query its types leave out
    const config: pg.QueryConfig & { binary?: boolean } = { text: this.text, values: this.values, name, binary }
    const statement = new pg.Query(config)
    // a value pg cannot encode: pg reports it to the statement it built, and ends the exchange with a Sync
    statement.on('error', (err: Error) => (this.error ??= err))
    const failure: unknown = statement.submit(connection)
    if (!(failure instanceof Error)) return undefined
    // nothing was sent: pg reports the failure to this statement
    this.giveBack()
    return failure
  }

  private read(chunk: Buffer): void {
    if (this.pendingBytes > 0) {
      const missing = this.needed - this.pendingBytes
      if (chunk.length < missing) {
        this.pending.push(chunk)
        this.pendingBytes += chunk.length
        return
      }
      // the unfinished message completed from the head of the chunk: only its own bytes are copied (a message whose
      // type was checked when it began), or the whole chunk when the message's length was cut
      const cut = this.needed > HEADER ? missing : chunk.length
      const head = Buffer.concat([...this.pending, chunk.subarray(0, cut)])
      this.pending = []
      this.pendingBytes = 0
      this.parse(head)
      chunk = chunk.subarray(cut)
    }
    this.parse(chunk)
  }

  /** Keeps the rows of the whole messages in `chunk` and the start of an unfinished one; gives the socket back at any other message. */
  private parse(chunk: Buffer): void {
    let at = 0
    while (at < chunk.length) {
      const type = chunk[at]
      const isOwn = type === DATA_ROW || type === PARSE_COMPLETE || type === BIND_COMPLETE || type === ROW_DESCRIPTION
      if (!isOwn && !isAsync(type)) {
        this.giveBack(chunk.subarray(at))
        return
      }
      if (at + HEADER > chunk.length) break
      const end = at + 1 + chunk.readUInt32BE(at + 1)
      if (end > chunk.length) break
      if (type === DATA_ROW) this.rows.push(fieldsOf(chunk.subarray(at + HEADER, end)))
      else if (isAsync(type)) this.pgListener?.(chunk.subarray(at, end))
      at = end
    }
    if (at === chunk.length) return
    const rest = chunk.subarray(at)
    this.pending = [rest]
    this.pendingBytes = rest.length
    this.needed = rest.length >= HEADER ? 1 + rest.readUInt32BE(1) : HEADER
  }

  /** Hands the socket, and the bytes from `rest` on, back to `pg`. */
  private giveBack(rest?: Buffer): void {
    if (!this.stream || !this.pgListener) return
    const listener = this.pgListener
    this.stream.removeListener('data', this.onData)
    this.stream.on('data', listener)
    this.stream = undefined
    this.pgListener = undefined
    if (rest?.length) listener(rest)
  }

  handleRowDescription(): void {}

  /**
   * A row `pg` read (when the socket could not be taken: another listener on it): its texts encoded again. `pg` reads
   * binary values as UTF-8 text, which loses bytes, so a binary statement fails instead.
   */
  handleDataRow(message: { fields: (string | null)[] }): void {
    if (this.options.binary) this.error ??= new Error('a binary row was read by pg, not by the row reader')
    else this.rows.push(message.fields.map((field) => (field === null ? null : Buffer.from(field))))
  }

  handleCommandComplete(): void {}

  handleEmptyQuery(): void {}

  handleError(err: Error): void {
    this.giveBack()
    this.finish(err)
  }

  handleReadyForQuery(): void {
    this.finish(this.error ?? null)
  }

  private finish(err: Error | null): void {
    const callback = this.callback
    // a pool that runs the statement again (a standby that failed) gives its own callback
    this.callback = undefined
    if (err) this.settle.reject(err)
    else this.settle.resolve(this.rows)
    callback?.(err, err ? undefined : this.rows)
  }
}

/** How a statement of {@link queryRowBytes} is sent. */
export interface RowBytesOptions {
  /** Prepared once per connection under this name (a PostgreSQL server; the statement's text never changes). */
  name?: string
  /** Values in binary format: a bytea comes as its bytes. */
  binary?: boolean
}

/**
 * Runs `text` with `values` on `db` (the pool, a read view of it, or a transaction's client) and answers its rows as
 * bytes ({@link RowBytesQuery}): for a large answer the server passes on as it is.
 */
export async function queryRowBytes(
  db: Queryable,
  text: string,
  values: unknown[],
  options?: RowBytesOptions,
): Promise<RowBytes[]> {
  const statement = new RowBytesQuery(text, values, options)
  const answer: unknown = await db.query(statement as unknown as pg.QueryConfig)
  return answer === statement ? statement.done : (answer as RowBytes[])
}

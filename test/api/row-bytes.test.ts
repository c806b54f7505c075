import type { QueryArrayConfig, QueryConfig } from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { queryRowBytes, type RowBytes } from '../../server/src/db/row-bytes.ts'
import { connectTestDatabase } from '../support/connect.ts'

/**
 * Rows read as the bytes PostgreSQL sent (the OGC items pages): the same values node-postgres decodes, byte for byte,
 * whatever the socket's chunks cut, and the connection fit for the next statement after every kind of answer.
 */
let db: Database

/** The texts of `rows` as node-postgres would give them. */
const texts = (rows: RowBytes[]) => rows.map((row) => row.map((field) => (field === null ? null : field.toString())))

/** The rows of a plain node-postgres query, every value as text. */
async function plainRows(text: string, values: unknown[]) {
  const config = { text, values, rowMode: 'array' } satisfies QueryArrayConfig
  const { rows } = await db.query<(string | null)[]>(config as QueryConfig)
  return rows.map((row) => row.map((v) => (v === null ? null : String(v))))
}

beforeAll(() => {
  db = connectTestDatabase()
})
afterAll(() => db.close())

describe('queryRowBytes', () => {
  it('when rows hold Chinese text, NULLs and values larger than a socket read, then each value is the text node-postgres gives', async () => {
    const sql = `SELECT i::text, CASE WHEN i % 3 = 0 THEN NULL ELSE '赫山区·梨树县 ' || repeat('耕地x', i * 40) END,
                        CASE WHEN i = $2 THEN repeat('优先保护类', 70000) END
                 FROM generate_series(1, $1::int) i`
    const rows = await queryRowBytes(db, sql, [1500, 700])
    expect(rows).toHaveLength(1500)
    expect(rows[699]![2]!.length).toBe(70000 * '优先保护类'.length * 3)
    expect(texts(rows)).toEqual(await plainRows(sql, [1500, 700]))
  })

  it('when the parameters are arrays, booleans, numbers and NULL, then they reach PostgreSQL as node-postgres sends them', async () => {
    const sql = `SELECT array_length($1::bpchar[], 1)::text, $1::bpchar[]::text, $2::boolean::text, ($3::float8 * 2)::text,
                        ($4::int IS NULL)::text, $5::jsonb ->> 'k'`
    const values = [['430903', '220322'], false, 1.25, null, JSON.stringify({ k: '类别"标签' })]
    expect(texts(await queryRowBytes(db, sql, values))).toEqual([
      ['2', '{430903,220322}', 'false', '2.5', 'true', '类别"标签'],
    ])
  })

  it('when a statement finds no row, then the answer is empty and the next statement runs', async () => {
    expect(await queryRowBytes(db, 'SELECT 1 WHERE $1::boolean', [false])).toEqual([])
    expect(texts(await queryRowBytes(db, 'SELECT $1::text', ['后一句']))).toEqual([['后一句']])
  })

  it('when the statement fails after some rows, then the error is PostgreSQL’s and the connection serves the next statement', async () => {
    const failing = queryRowBytes(db, 'SELECT 1 / (3 - i) FROM generate_series(1, 5) i', [])
    await expect(failing).rejects.toMatchObject({ code: '22012' })
    await expect(queryRowBytes(db, 'SELECT nope FROM', [])).rejects.toMatchObject({ code: '42601' })
    expect(texts(await queryRowBytes(db, 'SELECT $1::text', ['之后']))).toEqual([['之后']])
  })

  it('when PostgreSQL sends notices between the rows, then every row still comes, in order', async () => {
    await db.query(`CREATE OR REPLACE FUNCTION row_bytes_test_notice(i int) RETURNS text LANGUAGE plpgsql AS $$
      BEGIN IF i % 100 = 0 THEN RAISE NOTICE '第 % 行', i; END IF; RETURN repeat('图斑', i); END $$`)
    try {
      const sql = 'SELECT i::text, row_bytes_test_notice(i) FROM generate_series(1, 450) i'
      const rows = await queryRowBytes(db, sql, [])
      expect(texts(rows)).toEqual(await plainRows(sql, []))
    } finally {
      await db.query('DROP FUNCTION row_bytes_test_notice(int)')
    }
  })

  it('when values come in binary format around notices, then each bytea is its bytes, and a named statement runs again', async () => {
    await db.query(`CREATE OR REPLACE FUNCTION row_bytes_test_bytes(i int) RETURNS bytea LANGUAGE plpgsql AS $$
      BEGIN IF i % 50 = 0 THEN RAISE NOTICE '第 % 个', i; END IF;
      RETURN decode(repeat(md5(i::text), i), 'hex') || '\\x00ff0a'::bytea; END $$`)
    try {
      const sql = 'SELECT row_bytes_test_bytes(i), i FROM generate_series(1, $1::int) i'
      const { rows: plain } = await db.query<{ row_bytes_test_bytes: Buffer }>(sql, [300])
      const expected = plain.map((r) => r.row_bytes_test_bytes.toString('hex'))
      for (const name of [undefined, 'row_bytes_test_binary', 'row_bytes_test_binary']) {
        const rows = await queryRowBytes(db, sql, [300], { name, binary: true })
        expect(rows.map((r) => r[0]!.toString('hex'))).toEqual(expected)
        // an int4 in binary format: four bytes, big-endian
        expect(rows.map((r) => r[1]!.readInt32BE(0))).toEqual(plain.map((_, i) => i + 1))
      }
    } finally {
      await db.query('DROP FUNCTION row_bytes_test_bytes(int)')
    }
  })

  it('when run on a transaction’s client, then its rows come and the transaction goes on', async () => {
    const rows = await db.transaction(async (client) => {
      const first = await queryRowBytes(client, 'SELECT $1::text, txid_current()::text', ['事务内'])
      const again = await client.query<{ x: string }>('SELECT txid_current()::text AS x')
      return [...texts(first), [again.rows[0]!.x]]
    })
    expect(rows[0]![0]).toBe('事务内')
    expect(rows[0]![1]).toBe(rows[1]![0])
  })
})

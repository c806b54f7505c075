import { describe, expect, it } from 'vitest'
import { isReadOnlyStatement, parseLsn } from '../../server/src/db/read-routing.ts'

describe('which statements a hot standby may answer', () => {
  it.each([
    ['SELECT 1', true],
    ['  -- a comment\n  select * from county', true],
    ['/* tile */ WITH t AS (SELECT 1) SELECT * FROM t', true],
    ['SELECT id FROM plot WHERE id = 1 FOR UPDATE', false],
    ['SELECT * INTO copy FROM plot', false],
    ['WITH moved AS (DELETE FROM plot RETURNING *) SELECT * FROM moved', false],
    ['WITH n AS (INSERT INTO plot (id) VALUES (1) RETURNING id) SELECT * FROM n', false],
    ["WITH x AS (UPDATE plot SET name = 'a' RETURNING id) SELECT 1", false],
    ['INSERT INTO plot (id) VALUES (1)', false],
    ['UPDATE plot SET name = 1', false],
    ['BEGIN', false],
  ])('%s → %s', (sql, expected) => {
    expect(isReadOnlyStatement(sql)).toBe(expected)
  })
})

describe('WAL positions', () => {
  it('orders positions across the 4 GB boundary', () => {
    expect(parseLsn('0/FFFFFFFF')! < parseLsn('1/0')!).toBe(true)
    expect(parseLsn('16/B374D848')).toBe((0x16n << 32n) + 0xb374d848n)
    expect(parseLsn(null)).toBeUndefined()
    expect(parseLsn('garbage')).toBeUndefined()
  })
})

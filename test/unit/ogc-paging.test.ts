import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { backwardStatement } from '../../server/src/repos/ogc.repo.ts'

const DIR = path.join(import.meta.dirname, '../../sql/queries/ogc')
const ITEMS = fs.readdirSync(DIR).filter((f) => f.endsWith('-items.sql'))

describe('a page statement read backwards (prev links)', () => {
  it('finds the items statements', () => {
    expect(ITEMS.length).toBeGreaterThanOrEqual(12)
  })

  for (const file of ITEMS)
    it(`${file}: only the keyset comparison turns to < and the closing ORDER BY to descending`, () => {
      const sql = fs.readFileSync(path.join(DIR, file), 'utf8')
      const back = backwardStatement(sql)
      const before = sql.split('\n')
      const after = back.split('\n')
      expect(after.length).toBe(before.length)
      const changed = before.flatMap((line, i) => (line === after[i] ? [] : [[line, after[i]]]))
      expect(changed).toHaveLength(2)
      const [[keyset, keysetBack], [order, orderBack]] = changed
      expect(keysetBack).toBe(keyset.replace(' > ', ' < '))
      expect(keyset).toMatch(/\$1/)
      expect(order).toMatch(/^ORDER BY /)
      expect(orderBack).toMatch(/^ORDER BY .+ DESC$/)
      expect(orderBack.split(',').length).toBe(order.split(',').length)
      expect(orderBack.split(',').every((k) => k.trim().endsWith(' DESC'))).toBe(true)
    })

  it('refuses a statement without one keyset comparison', () => {
    expect(() => backwardStatement('SELECT 1\nORDER BY id')).toThrow()
    expect(() =>
      backwardStatement('SELECT 1\nWHERE a.id > $1::bigint\n  AND (a.x, a.id) > ($1::bpchar, $2::bigint)\nORDER BY id'),
    ).toThrow()
  })
})

import { describe, expect, it } from 'vitest'
import { formatArea, m2ToHectares, m2ToMu } from '../../server/src/domain/units.ts'

describe('area units', () => {
  it('when converting, then 1 亩 is 10000/15 m² and 1 hectare is 15 亩', () => {
    expect(m2ToMu(10_000 / 15)).toBeCloseTo(1, 12)
    expect(m2ToMu(10_000)).toBeCloseTo(15, 12)
    expect(m2ToHectares(10_000)).toBe(1)
  })

  it('when formatting, then both 亩 and hectares are shown', () => {
    expect(formatArea(4000)).toBe('6.00 亩（0.40 公顷）')
  })
})

import { describe, expect, it } from 'vitest'
import { PROVINCE_OF_CODE, mapUnits, normaliseUnitCode, type RawUnit } from '../../server/src/domain/admin-units.ts'

const unit = (index: number, code: string, name = `单位${index}`, isPolygon = true): RawUnit => ({
  layer: 'XZQ',
  index,
  code,
  name,
  isPolygon,
})

describe('normaliseUnitCode', () => {
  it.each([
    ['430921', { ok: true, code: '430921', level: 'county', cut: 'none' }],
    [' 430921100 ', { ok: true, code: '430921100', level: 'township', cut: 'none' }],
    ['430921100000', { ok: true, code: '430921100', level: 'township', cut: 'township' }],
    ['430921100201', { ok: true, code: '430921100', level: 'township', cut: 'village' }],
  ])('when the code is "%s", then it is kept as %o', (raw, expected) => {
    expect(normaliseUnitCode(raw)).toEqual(expected)
  })

  it.each([
    ['430900', '地级市或省'],
    ['43092', '有 5 位'],
    ['4309211000', '有 10 位'],
    ['43O921', '含数字以外的字符'],
    ['', '为空'],
  ])('when the code is "%s", then it is refused because it %s', (raw, why) => {
    const result = normaliseUnitCode(raw)
    expect(result.ok).toBe(false)
    expect(!result.ok && result.why).toContain(why)
  })
})

describe('mapUnits', () => {
  it('when the GB/T 2260 table is read, then it has the 34 provincial units', () => {
    expect(Object.keys(PROVINCE_OF_CODE)).toHaveLength(34)
  })

  it('when a file holds one county and a township of another county, then that township is an error of its feature', () => {
    const set = mapUnits([unit(1, '430921'), unit(2, '430921100'), unit(3, '430999100')], undefined)
    expect(set.adcode).toBe('430921')
    expect(set.units.map((u) => u.unitCode)).toEqual(['430921', '430921100'])
    expect(set.problems).toEqual([
      expect.objectContaining({ code: 'TOWNSHIP_WRONG_COUNTY', index: 3, severity: 'error' }),
    ])
  })

  it('when a township file spans two counties, then none is chosen until the administrator chooses, and then the other is left out with a note', () => {
    const raw = [unit(1, '430921100'), unit(2, '430922100')]
    expect(mapUnits(raw, undefined)).toMatchObject({ adcode: null, countiesFound: ['430921', '430922'] })
    const chosen = mapUnits(raw, '430922')
    expect(chosen.units.map((u) => u.unitCode)).toEqual(['430922100'])
    expect(chosen.problems).toEqual([expect.objectContaining({ code: 'OTHER_COUNTY', severity: 'note' })])
  })

  it('when codes are 12 digits, a name is missing, a province is unknown or a feature is not a polygon, then each is said', () => {
    const set = mapUnits(
      [
        unit(1, '430921100000'),
        unit(2, '430921101203'),
        unit(3, '430921102', ''),
        unit(4, '990921'),
        unit(5, '430921103', '镇', false),
      ],
      undefined,
    )
    expect(set.problems.map((p) => p.code).sort()).toEqual([
      'CODE_CUT',
      'MISSING_NAME',
      'NOT_POLYGON',
      'UNKNOWN_PROVINCE',
      'VILLAGE_MERGED',
    ])
  })
})

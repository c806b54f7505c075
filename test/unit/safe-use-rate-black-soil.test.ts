import { describe, expect, it } from 'vitest'
import { blackSoilShare, isCropland, judgeBlackSoil } from '../../server/src/domain/black-soil.ts'

const s = { minOrganicMatterGKg: 20, minPloughDepthCm: 20 }

describe('黑土区 indicator', () => {
  it.each([
    [20, 20, true],
    [19.9, 25, false],
    [30, 19.9, false],
    [45, 32, true],
  ])('when organic matter is %s g/kg and the plough layer %s cm, then meets = %s', (om, depth, meets) => {
    expect(judgeBlackSoil({ organicMatterGKg: om, ploughDepthCm: depth }, s)).toMatchObject({ judged: true, meets })
  })

  it('when the plough layer or organic matter is missing, then the point is not judged and says which is missing', () => {
    expect(judgeBlackSoil({ organicMatterGKg: 25, ploughDepthCm: null }, s)).toEqual({
      judged: false,
      meets: null,
      reasons: ['缺少耕层厚度，无法判定'],
    })
    expect(judgeBlackSoil({ organicMatterGKg: null, ploughDepthCm: 22 }, s).reasons).toEqual([
      '缺少有机质含量，无法判定',
    ])
  })

  it('when a point is judged, then its reasons give the value in g/kg and %', () => {
    expect(judgeBlackSoil({ organicMatterGKg: 18, ploughDepthCm: 22 }, s).reasons).toEqual([
      '有机质 18 g/kg（1.8%）< 20 g/kg（2.0%）',
      '耕层厚度 22 cm ≥ 20 cm',
    ])
  })

  it('when the share is taken, then unjudged points count in points but not in the denominator', () => {
    const share = blackSoilShare([
      judgeBlackSoil({ organicMatterGKg: 25, ploughDepthCm: 25 }, s),
      judgeBlackSoil({ organicMatterGKg: 15, ploughDepthCm: 25 }, s),
      judgeBlackSoil({ organicMatterGKg: 25, ploughDepthCm: null }, s),
    ])
    expect(share).toEqual({ points: 3, judged: 2, meeting: 1, sharePct: 50 })
    expect(blackSoilShare([]).sharePct).toBeNull()
  })

  it('when a land code is read, then 01xx is cropland and 02xx or none is not', () => {
    expect(isCropland('0103')).toBe(true)
    expect(isCropland('0201')).toBe(false)
    expect(isCropland(null)).toBe(false)
  })
})

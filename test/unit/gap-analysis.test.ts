import { describe, expect, it } from 'vitest'
import {
  chooseGapPoints,
  gaussKrugerSrid,
  plannedPointCode,
  type GapCandidate,
} from '../../server/src/domain/gap-analysis.ts'

/**
 * A hand-made county: five uncovered parcels (m²) and four grid nodes with the parcels each would cover.
 * Greedy: C first (10 + 6 = 16), then D (6 + 3 + 2 = 11 of what is left); A and B add nothing after that.
 */
const AREAS = [10, 6, 6, 3, 2]
const node = (id: number, covers: number[]): GapCandidate => ({ id, lon: 112 + id / 100, lat: 28.5, covers })
const A = node(1, [0, 3])
const B = node(2, [1, 2])
const C = node(3, [0, 1])
const D = node(4, [2, 3, 4])

describe('chooseGapPoints: greedy maximum coverage', () => {
  it('when k = 3 on the hand-made county, then C then D are chosen with gains 16 and 11 and nothing is left', () => {
    const r = chooseGapPoints([A, B, C, D], AREAS, 3)
    expect(r.proposals.map((p) => [p.candidateId, p.gainM2, p.cumulativeM2, p.parcels])).toEqual([
      [3, 16, 16, 2],
      [4, 11, 27, 3],
    ])
    expect(r.proposals[1].cumulativeShare).toBe(1)
    expect(r.uncoveredM2).toBe(27)
    expect(r.remainingM2).toBe(0)
    expect(r.shortfall).toBe('只有 2 个网格节点还能覆盖新的耕地，其余节点没有增益')
  })

  it('when k = 1, then only the node with the largest gain is proposed, and its share of the uncovered area is given', () => {
    const r = chooseGapPoints([A, B, C, D], AREAS, 1)
    expect(r.proposals).toHaveLength(1)
    expect(r.proposals[0]).toMatchObject({ rank: 1, candidateId: 3, gainM2: 16, lon: 112.03, lat: 28.5 })
    expect(r.proposals[0].cumulativeShare).toBeCloseTo(16 / 27, 12)
    expect(r.proposals[0].gainMu).toBeCloseTo(16 * 0.0015, 12)
    expect(r.shortfall).toBeNull()
  })

  it('when a gain is counted, then a parcel covered by an earlier choice is not counted again', () => {
    const r = chooseGapPoints([C, A], AREAS, 2)
    expect(r.proposals.map((p) => p.gainM2)).toEqual([16, 3])
  })

  it('when two nodes tie, then the lower id is taken so the answer is repeatable', () => {
    const r = chooseGapPoints([node(9, [1]), node(5, [2])], AREAS, 1)
    expect(r.proposals[0].candidateId).toBe(5)
  })

  it('when nothing is uncovered or no node reaches uncovered farmland, then no proposal and the reason', () => {
    expect(chooseGapPoints([A], [], 3).shortfall).toBe('该区县没有未覆盖的耕地，无需新增点位')
    const far = chooseGapPoints([node(1, [])], AREAS, 3)
    expect(far.proposals).toEqual([])
    expect(far.shortfall).toBe('网格节点都不在未覆盖耕地的覆盖距离内，请改用更小的网格间距')
  })
})

describe('gaussKrugerSrid: CGCS2000 3° GK zone without prefix (EPSG 4534–4554)', () => {
  it.each([
    [112.35, 4546], // 赫山区: CM 111°E
    [124.3, 4550], // 梨树县: CM 123°E
    [73.5, 4534],
    [75, 4534],
    [134.9, 4554],
    [136, 4554],
  ])('when the longitude is %f, then the zone is EPSG:%i', (lon, srid) => {
    expect(gaussKrugerSrid(lon)).toBe(srid)
  })
})

describe('plannedPointCode', () => {
  it('when the county sequence is 7, then the code is <adcode>-GH0007', () => {
    expect(plannedPointCode('430903', 7)).toBe('430903-GH0007')
    expect(plannedPointCode('220322', 12345)).toBe('220322-GH12345')
  })
})

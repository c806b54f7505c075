import { describe, expect, it } from 'vitest'
import { DEFAULT_COVERAGE_SETTINGS, judgeCoverage, type CoverageFacts } from '../../server/src/domain/coverage.ts'
import { toPublicCounty, type CountyCoverageRow } from '../../server/src/domain/public-fields.ts'

const row: CountyCoverageRow = {
  adcode: '430903',
  name: '赫山区',
  city: '益阳市',
  province: '湖南省',
  bbox: [112.2, 28.3, 112.6, 28.7],
  points: 0,
  national_points: 0,
  provincial_points: 0,
  city_points: 0,
  county_points: 0,
  farmland_m2: 6_666_667,
}
const facts = (national: number): CoverageFacts => ({
  activeByLevel: { national, provincial: 0, city: 0, county: 0 },
  activeByType: { basic: national, risk: 0, background: 0, produce: 0 },
  plannedPoints: 0,
  farmlandM2: 6_666_667,
  uncoveredM2: 0,
  farmlandParcels: 10,
  uncoveredParcels: 0,
})

describe('toPublicCounty', () => {
  it('when a soil type typed at a point fails the three-level reading, then its line never reaches the public reasons', () => {
    const verdict = judgeCoverage(
      facts(1),
      [{ soilType: '录入员自填的土类', points: 5, activePoints: 0 }],
      [{ landClass: '01', areaM2: 6_666_667, activePoints: 0 }],
      DEFAULT_COVERAGE_SETTINGS,
    )
    expect(verdict.reasons.some((r) => r.includes('录入员自填的土类'))).toBe(true)
    const county = toPublicCounty(row, verdict)
    expect(JSON.stringify(county)).not.toContain('录入员自填的土类')
    expect(county.coverage.reasons).toEqual(['主要土地利用类型“耕地”（占图斑面积 100%）没有在用点位'])
  })

  it('when too few national points are active, then the public reason names the level and the counts', () => {
    const county = toPublicCounty(row, judgeCoverage(facts(0), [], [], DEFAULT_COVERAGE_SETTINGS))
    expect(county.coverage).toMatchObject({
      isCovered: false,
      verdictName: '未覆盖',
      reasons: ['国控点位 0 个，少于要求的 1 个'],
    })
  })

  it('when every deciding line holds, then the county is covered with no reason', () => {
    const county = toPublicCounty(
      row,
      judgeCoverage(facts(2), [], [{ landClass: '01', areaM2: 6_666_667, activePoints: 2 }], DEFAULT_COVERAGE_SETTINGS),
    )
    expect(county.coverage).toMatchObject({ isCovered: true, verdictName: '已覆盖', reasons: [] })
  })
})

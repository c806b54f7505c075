import { describe, expect, it } from 'vitest'
import {
  DEFAULT_COVERAGE_SETTINGS,
  describeRule,
  farmlandClasses,
  judgeCoverage,
  muPerPoint,
  rollUpCoverage,
  sumFacts,
  type CoverageFacts,
  type CoverageSettings,
} from '../../server/src/domain/coverage.ts'

function facts(
  byLevel: Partial<CoverageFacts['activeByLevel']> = {},
  rest: Partial<CoverageFacts> = {},
): CoverageFacts {
  return {
    activeByLevel: { national: 0, provincial: 0, city: 0, county: 0, ...byLevel },
    activeByType: { basic: 0, risk: 0, background: 0, produce: 0 },
    plannedPoints: 0,
    farmlandM2: 0,
    uncoveredM2: 0,
    farmlandParcels: 0,
    uncoveredParcels: 0,
    ...rest,
  }
}
const onlyRule: CoverageSettings = { ...DEFAULT_COVERAGE_SETTINGS, threeLevel: false }

describe('judgeCoverage: the minimum points per level', () => {
  it.each([
    [0, false],
    [1, true],
    [3, true],
  ])('when a county has %i active 国控 points and the rule asks for 1, then covered is %s', (national, covered) => {
    const v = judgeCoverage(facts({ national }), [], [], onlyRule)
    expect(v.isCovered).toBe(covered)
    expect(v.verdictName).toBe(covered ? '已覆盖' : '未覆盖')
    expect(v.reasons).toEqual(covered ? [] : ['国控点位 0 个，少于要求的 1 个'])
  })

  it('when many 省控 and 县控 points stand but no 国控 one, then the county is not covered by the default rule', () => {
    expect(judgeCoverage(facts({ provincial: 9, county: 30 }), [], [], onlyRule).isCovered).toBe(false)
  })

  it('when the rule asks for 2 国控 and 3 省控, then each level short of its minimum is a reason of its own', () => {
    const settings = { ...onlyRule, minPointsByLevel: { national: 2, provincial: 3, city: 0, county: 0 } }
    const v = judgeCoverage(facts({ national: 1, provincial: 3 }), [], [], settings)
    expect(v.reasons).toEqual(['国控点位 1 个，少于要求的 2 个'])
    expect(v.checks.map((c) => c.isMet)).toEqual([false, true])
    expect(judgeCoverage(facts({ national: 2, provincial: 2 }), [], [], settings).reasons).toEqual([
      '省控点位 2 个，少于要求的 3 个',
    ])
  })

  it('when no level has a minimum, then any county is covered and the rule says so', () => {
    const settings = { ...onlyRule, minPointsByLevel: { national: 0, provincial: 0, city: 0, county: 0 } }
    expect(judgeCoverage(facts(), [], [], settings).isCovered).toBe(true)
    expect(describeRule(settings)).toContain('不要求点位数量')
  })
})

describe('judgeCoverage: the three-level reading', () => {
  const settings = DEFAULT_COVERAGE_SETTINGS

  it('when the rule is worded for the public, then it names land uses and no soil type (the public verdict reads none)', () => {
    expect(describeRule(settings)).toContain('主要土壤类型')
    expect(describeRule(settings, true)).not.toContain('土壤类型')
    expect(describeRule(settings, true)).toContain('每个主要土地利用类型（占比 ≥ 10')
  })

  it('when a main soil type (share ≥ 10 %) has only retired or planned points, then the county is not covered, naming the type and its share', () => {
    const v = judgeCoverage(
      facts({ national: 1 }),
      [
        { soilType: '水稻土', points: 18, activePoints: 18 },
        { soilType: '红壤', points: 2, activePoints: 0 },
      ],
      [],
      settings,
    )
    expect(v.isCovered).toBe(false)
    expect(v.reasons).toEqual(['主要土壤类型“红壤”（占记录点位 10%）没有在用点位'])
  })

  it('when a soil type is below the main share, then it is not checked', () => {
    const v = judgeCoverage(
      facts({ national: 1 }),
      [
        { soilType: '水稻土', points: 19, activePoints: 19 },
        { soilType: '紫色土', points: 1, activePoints: 0 },
      ],
      [],
      settings,
    )
    expect(v.isCovered).toBe(true)
    expect(v.checks.filter((c) => c.code === 'MAIN_SOIL_TYPE')).toHaveLength(1)
  })

  it('when 种植园用地 holds 10 % of the parcel area and no active point stands on it, then the county is not covered; at 9.9 % it is', () => {
    const at = (orchardM2: number) =>
      judgeCoverage(
        facts({ national: 1 }),
        [],
        [
          { landClass: '01', areaM2: 1000 - orchardM2, activePoints: 5 },
          { landClass: '02', areaM2: orchardM2, activePoints: 0 },
        ],
        settings,
      )
    expect(at(100).reasons).toEqual(['主要土地利用类型“种植园用地”（占图斑面积 10%）没有在用点位'])
    expect(at(99).isCovered).toBe(true)
  })

  it('when no soil type is recorded and no parcel exists, then the reading says it cannot judge and does not decide the verdict', () => {
    const v = judgeCoverage(facts({ national: 1 }), [], [], settings)
    expect(v.isCovered).toBe(true)
    expect(v.checks.map((c) => [c.code, c.isDeciding])).toEqual([
      ['MIN_POINTS', true],
      ['NO_SOIL_TYPE_DATA', false],
      ['NO_LAND_USE_DATA', false],
    ])
  })

  it('when the setting turns the reading off, then soil types and land uses are not checked', () => {
    const v = judgeCoverage(facts({ national: 1 }), [{ soilType: '红壤', points: 5, activePoints: 0 }], [], onlyRule)
    expect(v.isCovered).toBe(true)
    expect(v.checks.map((c) => c.code)).toEqual(['MIN_POINTS'])
  })

  it('when both the rule and the reading fail, then every failing line is a reason, the rule first', () => {
    const v = judgeCoverage(
      facts(),
      [{ soilType: '红壤', points: 5, activePoints: 0 }],
      [{ landClass: '01', areaM2: 10, activePoints: 0 }],
      settings,
    )
    expect(v.reasons).toHaveLength(3)
    expect(v.reasons[0]).toContain('国控点位')
  })
})

describe('coverage figures', () => {
  it('when orchards are included, then farmland is 01 and 02; by default 01 only', () => {
    expect(farmlandClasses(DEFAULT_COVERAGE_SETTINGS)).toEqual(['01'])
    expect(farmlandClasses({ includeOrchards: true })).toEqual(['01', '02'])
  })

  it('when 亩 per point is asked, then it is farmland 亩 ÷ active points rounded, and null without a point', () => {
    expect(muPerPoint(10_000 / 0.0015, 3)).toBe(3333)
    expect(muPerPoint(1000, 0)).toBeNull()
  })

  it('when township facts are summed, then every count and area adds up', () => {
    const s = sumFacts([
      facts({ national: 1 }, { farmlandM2: 10, uncoveredM2: 2, plannedPoints: 1 }),
      facts({ county: 2 }, { farmlandM2: 5, uncoveredParcels: 3 }),
    ])
    expect(s.activeByLevel).toEqual({ national: 1, provincial: 0, city: 0, county: 2 })
    expect([s.farmlandM2, s.uncoveredM2, s.plannedPoints, s.uncoveredParcels]).toEqual([15, 2, 1, 3])
  })

  it('when counties roll up to cities, then each city has its count of covered counties and the share', () => {
    const r = rollUpCoverage(
      [
        { city: '430900', isCovered: true },
        { city: '430900', isCovered: false },
        { city: '430100', isCovered: true },
      ],
      (c) => ({ code: c.city, name: c.city }),
    )
    expect(r).toEqual([
      { code: '430100', name: '430100', counties: 1, covered: 1, coveredShare: 1 },
      { code: '430900', name: '430900', counties: 2, covered: 1, coveredShare: 0.5 },
    ])
  })
})

import { describe, expect, it } from 'vitest'
import {
  allCategories,
  applicableTarget,
  assignTerm,
  categoriesOf,
  checkTargetPct,
  farmlandRate,
  jurisdictionChain,
  jurisdictionLevel,
  meetsTarget,
  plotRate,
  type AccountCategory,
  type CategoryTotal,
  type Target,
} from '../../server/src/domain/safe-use-rate.ts'

const cat = (
  degree: AccountCategory['degree'],
  strictest: AccountCategory['strictest'],
  produceCompliant: boolean | null = null,
): AccountCategory => ({ degree, strictest, produceCompliant })

describe('assignTerm: which term a contaminated parcel counts in', () => {
  it.each([
    // degree, strictest, produce, term under 'strictest', term under 'degree'
    ['slight', 'priority', null, 'B', 'B'],
    ['slight', 'safe_use', true, 'C', 'B'],
    ['slight', 'strict', null, 'D', 'B'],
    ['mild_moderate', 'safe_use', true, 'C', 'C'],
    ['mild_moderate', 'strict', null, 'D', null],
    ['mild_moderate', 'strict', true, 'D', 'C'],
    ['severe', 'strict', null, 'D', 'D'],
    ['severe', 'strict', false, 'D', 'D'],
  ] as const)(
    'when %s with %s measures (produce %s), then strictest → %s, degree → %s',
    (degree, strictest, produce, byStrictest, byDegree) => {
      expect(assignTerm(cat(degree, strictest, produce), 'strictest').term).toBe(byStrictest)
      expect(assignTerm(cat(degree, strictest, produce), 'degree').term).toBe(byDegree)
    },
  )

  it('when no measure is applied, then the parcel is not counted, whatever its degree', () => {
    for (const degree of ['slight', 'mild_moderate', 'severe'] as const) {
      const a = assignTerm(cat(degree, null, true), 'strictest')
      expect(a).toMatchObject({ term: null, code: 'NO_MEASURE' })
    }
  })

  it('when the strictest measure is weaker than the degree needs, then it is not counted and the reason names both buckets', () => {
    const a = assignTerm(cat('severe', 'safe_use', true), 'strictest')
    expect(a).toMatchObject({ term: null, code: 'MEASURE_TOO_WEAK' })
    expect(a.reason).toContain('安全利用类措施')
    expect(a.reason).toContain('严格管控类措施')
    expect(assignTerm(cat('mild_moderate', 'priority', true), 'degree')).toMatchObject({
      term: null,
      code: 'MEASURE_TOO_WEAK',
    })
  })

  it("when a C parcel's produce exceeds GB 2762 or was not monitored, then it is not counted in C", () => {
    expect(assignTerm(cat('mild_moderate', 'safe_use', false), 'strictest')).toMatchObject({
      term: null,
      code: 'PRODUCE_EXCEEDS',
    })
    expect(assignTerm(cat('mild_moderate', 'safe_use', null), 'strictest')).toMatchObject({
      term: null,
      code: 'PRODUCE_MISSING',
    })
  })
})

describe('categoriesOf: the categories behind a term', () => {
  it('when the terms B, C, D and none are listed, then they split every category exactly once (a parcel counts once)', () => {
    for (const rule of ['strictest', 'degree'] as const) {
      const parts = (['B', 'C', 'D', 'none'] as const).flatMap((t) => categoriesOf(t, rule))
      expect(parts).toHaveLength(allCategories().length)
      expect(new Set(parts.map((c) => JSON.stringify(c))).size).toBe(allCategories().length)
      expect(categoriesOf('E', rule)).toHaveLength(allCategories().length)
    }
  })
})

describe('farmlandRate: A = (B + C + D) / E', () => {
  const totals: CategoryTotal[] = [
    { ...cat('slight', 'priority'), count: 2, areaM2: 1000 },
    { ...cat('mild_moderate', 'safe_use', true), count: 3, areaM2: 2000 },
    { ...cat('mild_moderate', 'safe_use', false), count: 1, areaM2: 500 },
    // a parcel with both safe-use and strict measures: its strictest bucket is strict, it is counted once
    { ...cat('mild_moderate', 'strict', true), count: 1, areaM2: 700 },
    { ...cat('severe', 'strict'), count: 1, areaM2: 800 },
    { ...cat('severe', null), count: 1, areaM2: 1000 },
  ]

  it('when figures are summed by the strictest rule, then B, C, D, E and A follow the formula', () => {
    const f = farmlandRate(totals, 'strictest')
    expect(f.B).toEqual({ count: 2, areaM2: 1000 })
    expect(f.C).toEqual({ count: 3, areaM2: 2000 })
    expect(f.D).toEqual({ count: 2, areaM2: 1500 })
    expect(f.E).toEqual({ count: 9, areaM2: 6000 })
    expect(f.notCounted).toMatchObject({ count: 2, areaM2: 1500 })
    expect(f.notCounted.byReason.PRODUCE_EXCEEDS).toEqual({ count: 1, areaM2: 500 })
    expect(f.notCounted.byReason.NO_MEASURE).toEqual({ count: 1, areaM2: 1000 })
    expect(f.ratePct).toBeCloseTo((4500 / 6000) * 100, 10)
  })

  it('when summed by the degree rule, then the parcel with strict and safe-use measures moves to C, still once', () => {
    const f = farmlandRate(totals, 'degree')
    expect(f.C).toEqual({ count: 4, areaM2: 2700 })
    expect(f.D).toEqual({ count: 1, areaM2: 800 })
    expect(f.B.areaM2 + f.C.areaM2 + f.D.areaM2 + f.notCounted.areaM2).toBe(f.E.areaM2)
  })

  it('when there is no contaminated cropland, then the rate is null, not 0 or 100', () => {
    expect(farmlandRate([], 'strictest').ratePct).toBeNull()
  })
})

describe('plotRate', () => {
  it('when counted by number or by area, then each gives its own share', () => {
    const met = { count: 9, areaM2: 50_000 }
    const unmet = { count: 1, areaM2: 50_000 }
    expect(plotRate(met, unmet, 'count').ratePct).toBe(90)
    expect(plotRate(met, unmet, 'area').ratePct).toBe(50)
    expect(plotRate(met, unmet, 'count').total).toEqual({ count: 10, areaM2: 100_000 })
    expect(plotRate({ count: 0, areaM2: 0 }, { count: 0, areaM2: 0 }, 'count').ratePct).toBeNull()
  })
})

describe('applicable target', () => {
  let id = 0
  const t = (
    jurisdiction: string,
    year: number,
    targetPct: number,
    indicator: Target['indicator'] = 'farmland',
  ): Target => ({
    id: ++id,
    jurisdiction,
    indicator,
    year,
    targetPct,
    comparator: 'at_least',
    source: 's',
    confidence: 'S',
    version: 1,
  })
  const targets = [
    t('000000', 2020, 90),
    t('000000', 2025, 93),
    t('000000', 2030, 95),
    t('430900', 2020, 91),
    t('511700', 2020, 94),
    t('000000', 2020, 90, 'plot'),
  ]
  const heshan = jurisdictionChain({ adcode: '430903', cityCode: '430900' })

  it('when the chain of 赫山区 is built, then it runs county → city → province → nation', () => {
    expect(heshan).toEqual(['430903', '430900', '430000', '000000'])
    expect(heshan.map(jurisdictionLevel)).toEqual(['county', 'city', 'province', 'national'])
  })

  it("when 赫山区 is read for 2020, then 益阳市's 91 % applies, not the national 90 %", () => {
    expect(applicableTarget(targets, heshan, 'farmland', 2020, 'next')).toMatchObject({
      jurisdiction: '430900',
      targetPct: 91,
    })
  })

  it('when 赫山区 is read for 2023 with the next-target rule, then the national 2025 target applies (益阳市 has none after 2020)', () => {
    expect(applicableTarget(targets, heshan, 'farmland', 2023, 'next')).toMatchObject({
      jurisdiction: '000000',
      year: 2025,
    })
  })

  it("when 赫山区 is read for 2023 with the due-target rule, then 益阳市's 2020 target still applies", () => {
    expect(applicableTarget(targets, heshan, 'farmland', 2023, 'due')).toMatchObject({
      jurisdiction: '430900',
      year: 2020,
    })
  })

  it("when a county has its own target, then it wins over the city's", () => {
    expect(applicableTarget([...targets, t('430903', 2020, 97)], heshan, 'farmland', 2020, 'next')).toMatchObject({
      jurisdiction: '430903',
      targetPct: 97,
    })
  })

  it('when no jurisdiction has a target for the year, then there is none', () => {
    expect(applicableTarget(targets, heshan, 'farmland', 2031, 'next')).toBeNull()
    expect(applicableTarget(targets, heshan, 'plot', 2019, 'due')).toBeNull()
  })

  it('when a rate is compared, then it meets at the target value (one decimal as shown) and not below', () => {
    const target = t('000000', 2020, 90)
    expect(meetsTarget(90, target)).toBe(true)
    expect(meetsTarget(89.96, target)).toBe(true)
    expect(meetsTarget(89.94, target)).toBe(false)
    expect(meetsTarget(null, target)).toBeNull()
    expect(meetsTarget(95, null)).toBeNull()
  })

  it('when a target value is checked, then 0–100 with two decimals passes and anything else is refused with a message', () => {
    expect(checkTargetPct(0)).toEqual({ valid: true })
    expect(checkTargetPct(100)).toEqual({ valid: true })
    expect(checkTargetPct(91.15)).toEqual({ valid: true })
    expect(checkTargetPct(100.01)).toMatchObject({ valid: false, field: 'targetPct' })
    expect(checkTargetPct(-1)).toMatchObject({ valid: false })
    expect(checkTargetPct(90.123)).toMatchObject({ valid: false, message: '目标值最多保留两位小数' })
  })
})

import { describe, expect, it } from 'vitest'
import {
  GB36600_SUBSTANCES,
  GB36600_TABLE1,
  GB36600_TABLE2,
  assessPollutant,
  findSubstance,
} from '../../server/src/domain/gb36600.ts'
import {
  GB50137_CODES,
  LAND_CLASS_NAME,
  gb50137Reference,
  landClassOfUse,
  majorClassOf,
} from '../../server/src/domain/gb50137.ts'

/** Rows of GB 36600-2018 re-typed from GB 36600-2018 表1/表2 as transcribed (S1 | S2 | C1 | C2, mg/kg), independently of the table in the code. */
const SPOT: [key: string, name: string, cas: string | null, s1: number, s2: number, c1: number, c2: number][] = [
  ['As', '砷 As', '7440-38-2', 20, 60, 120, 140],
  ['Cd', '镉 Cd', '7440-43-9', 20, 65, 47, 172],
  ['Cr6', '铬(六价) Cr(VI)', '18540-29-9', 3.0, 5.7, 30, 78],
  ['Pb', '铅 Pb', '7439-92-1', 400, 800, 800, 2500],
  ['Hg', '汞 Hg', '7439-97-6', 8, 38, 33, 82],
  ['Ni', '镍 Ni', '7440-02-0', 150, 900, 600, 2000],
  ['dichloroethane_12', '1,2-二氯乙烷', '107-06-2', 0.52, 5, 6, 21],
  ['trichloroethane_111', '1,1,1-三氯乙烷', '71-55-6', 701, 840, 840, 840],
  ['trichloropropane_123', '1,2,3-三氯丙烷', '96-18-4', 0.05, 0.5, 0.5, 5],
  ['vinyl_chloride', '氯乙烯', '75-01-4', 0.12, 0.43, 1.2, 4.3],
  ['mp_xylene', '间二甲苯+对二甲苯', '108-38-3, 106-42-3', 163, 570, 500, 570],
  ['chlorophenol_2', '2-氯酚', '95-57-8', 250, 2256, 500, 4500],
  ['benzo_a_pyrene', '苯并[a]芘', '50-32-8', 0.55, 1.5, 5.5, 15],
  ['chrysene', '䓛', '218-01-9', 490, 1293, 4900, 12900],
  ['naphthalene', '萘', '91-20-3', 25, 70, 255, 700],
  ['Sb', '锑 Sb', null, 20, 180, 40, 360],
  ['Co', '钴 Co', null, 20, 70, 190, 350],
  ['V', '钒 V', null, 165, 752, 330, 1500],
  ['methylmercury', '甲基汞', null, 5.0, 45, 10, 120],
  ['pp_ddd', "p,p'-滴滴滴", null, 2.5, 7.1, 25, 71],
  ['mirex', '灭蚁灵', null, 0.03, 0.09, 0.3, 0.9],
  ['pcb126', 'PCB 126', null, 4e-5, 1e-4, 4e-4, 1e-3],
  ['dioxins_teq', '二噁英类(总毒性当量)', null, 1e-5, 4e-5, 1e-4, 4e-4],
  ['tph_c10_c40', '石油烃 (C10–C40)', null, 826, 4500, 5000, 9000],
]

describe('GB 36600 tables', () => {
  it('when the tables are counted, then table 1 has the 45 basic items and table 2 the 40 other items, each key once', () => {
    expect(GB36600_SUBSTANCES.filter((s) => s.table === GB36600_TABLE1)).toHaveLength(45)
    expect(GB36600_SUBSTANCES.filter((s) => s.table === GB36600_TABLE2)).toHaveLength(40)
    expect(new Set(GB36600_SUBSTANCES.map((s) => s.key)).size).toBe(85)
    expect(new Set(GB36600_SUBSTANCES.map((s) => s.name)).size).toBe(85)
  })

  it('when table 1 is grouped, then 7 inorganic items, 27 VOCs and 11 SVOCs, each with a CAS number', () => {
    const t1 = GB36600_SUBSTANCES.filter((s) => s.table === GB36600_TABLE1)
    expect(t1.filter((s) => s.group === 'inorganic')).toHaveLength(7)
    expect(t1.filter((s) => s.group === 'voc')).toHaveLength(27)
    expect(t1.filter((s) => s.group === 'svoc')).toHaveLength(11)
    for (const s of t1) expect(s.cas, s.name).toMatch(/^\d{2,7}-\d{2}-\d(, \d{2,7}-\d{2}-\d)?$/)
  })

  it.each(SPOT)('when %s is looked up, then it has the values of the standard', (key, name, cas, s1, s2, c1, c2) => {
    expect(findSubstance(key)).toEqual(
      expect.objectContaining({
        key,
        name,
        cas,
        screening: { first: s1, second: s2 },
        intervention: { first: c1, second: c2 },
      }),
    )
  })

  it('when every item is read, then values are positive and second-class values are never below first-class ones', () => {
    for (const s of GB36600_SUBSTANCES) {
      for (const v of [s.screening.first, s.screening.second, s.intervention.first, s.intervention.second])
        expect(v, s.name).toBeGreaterThan(0)
      expect(s.screening.second, s.name).toBeGreaterThanOrEqual(s.screening.first)
      expect(s.intervention.second, s.name).toBeGreaterThanOrEqual(s.intervention.first)
    }
  })
})

const boundaries = GB36600_SUBSTANCES.flatMap((s) =>
  (['first', 'second'] as const).map((landClass) => ({ key: s.key, name: s.name, landClass, s })),
)

describe('assessPollutant', () => {
  it.each(boundaries)(
    'when $name is measured at and just above the values for $landClass land, then ≤ is no exceedance and > is',
    ({ key, landClass, s }) => {
      const screening = s.screening[landClass]
      const intervention = s.intervention[landClass]
      expect(assessPollutant(key, screening, landClass)).toMatchObject({
        exceedsScreening: false,
        screening,
        intervention,
        ratio: 1,
      })
      const above = assessPollutant(key, screening * 1.001, landClass)
      expect(above.exceedsScreening).toBe(true)
      expect(assessPollutant(key, intervention, landClass).exceedsIntervention).toBe(false)
      expect(assessPollutant(key, intervention * 1.001, landClass)).toMatchObject({
        exceedsIntervention: true,
        exceedsScreening: true,
      })
    },
  )

  it('when lead is 520 mg/kg, then it exceeds screening on first-class land (ratio 1.3) but not on second-class land', () => {
    expect(assessPollutant('Pb', 520, 'first')).toMatchObject({
      exceedsScreening: true,
      exceedsIntervention: false,
      ratio: 1.3,
      interventionRatio: 0.65,
      isExceedance: true,
      landClassName: '第一类用地',
    })
    expect(assessPollutant('Pb', 520, 'second')).toMatchObject({
      exceedsScreening: false,
      ratio: 0.65,
      isExceedance: false,
      landClassName: '第二类用地',
    })
  })

  it('when cadmium is 50 mg/kg on first-class land, then it is above intervention (47) though its class-1 intervention value is below the class-2 screening value', () => {
    expect(assessPollutant('Cd', 50, 'first')).toMatchObject({ exceedsScreening: true, exceedsIntervention: true })
    expect(assessPollutant('Cd', 50, 'second')).toMatchObject({ exceedsScreening: false, exceedsIntervention: false })
  })

  it('when dioxins are 2×10⁻⁵ mg/kg, then the tiny values are compared exactly', () => {
    expect(assessPollutant('dioxins_teq', 2e-5, 'first')).toMatchObject({ exceedsScreening: true, ratio: 2 })
    expect(assessPollutant('dioxins_teq', 2e-5, 'second')).toMatchObject({ exceedsScreening: false, ratio: 0.5 })
  })

  it.each(['As', 'Co', 'V'])(
    'when %s is above screening without a background value, then it counts, with a note that the background is not set',
    (key) => {
      const s = findSubstance(key)!
      const a = assessPollutant(key, s.screening.first + 1, 'first')
      expect(a.background).toMatchObject({ valueMgKg: null, isWithinBackground: null })
      expect(a.background?.note).toMatch(/背景值未设置，待核实/)
      expect(a.isExceedance).toBe(true)
    },
  )

  it('when arsenic is above screening but at the background value, then it is not an exceedance; above the background it is', () => {
    expect(assessPollutant('As', 30, 'first', { As: 30 })).toMatchObject({
      exceedsScreening: true,
      isExceedance: false,
      background: { valueMgKg: 30, isWithinBackground: true },
    })
    expect(assessPollutant('As', 30.5, 'first', { As: 30 })).toMatchObject({
      isExceedance: true,
      background: { isWithinBackground: false },
    })
  })

  it('when arsenic is below screening, or lead is above it, then there is no background note', () => {
    expect(assessPollutant('As', 10, 'first', { As: 30 }).background).toBeNull()
    expect(assessPollutant('Pb', 500, 'first', { As: 30 }).background).toBeNull()
  })

  it('when misused with an unknown substance or a negative value, then it throws', () => {
    expect(() => assessPollutant('gold', 1, 'first')).toThrow()
    expect(() => assessPollutant('Pb', -1, 'first')).toThrow()
    expect(() => assessPollutant('Pb', Number.NaN, 'first')).toThrow()
  })
})

describe('GB 50137 land classes', () => {
  it.each([
    ['R', 'first'],
    ['R2', 'first'],
    ['A33', 'first'],
    ['A5', 'first'],
    ['A6', 'first'],
    ['G1', 'first'],
    ['A1', 'second'],
    ['A2', 'second'],
    ['A4', 'second'],
    ['M', 'second'],
    ['M3', 'second'],
    ['W', 'second'],
    ['B', 'second'],
    ['B1', 'second'],
    ['S', 'second'],
    ['U', 'second'],
    ['G2', 'second'],
    ['G3', 'second'],
    ['A', 'first'],
    ['A3', 'first'],
    ['G', 'first'],
    ['', 'first'],
    [null, 'first'],
    ['H', 'first'],
    ['r', 'first'],
    ['m1', 'second'],
  ])('when the planned use is %s, then the land class is %s', (code, landClass) => {
    expect(landClassOfUse(code)).toBe(landClass)
  })

  it('when the reference list is built, then every code has its name, major class and land class, in the order of the standard', () => {
    const ref = gb50137Reference()
    expect(ref).toHaveLength(Object.keys(GB50137_CODES).length)
    expect(ref[0]).toEqual({
      code: 'R',
      name: '居住用地',
      major: 'R',
      landClass: 'first',
      landClassName: LAND_CLASS_NAME.first,
    })
    expect([...new Set(ref.map((r) => r.major))]).toEqual(['R', 'A', 'B', 'M', 'W', 'S', 'U', 'G'])
    expect(majorClassOf('A33')).toBe('A')
    expect(majorClassOf('*')).toBeNull()
  })
})

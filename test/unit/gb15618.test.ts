import { describe, expect, it } from 'vitest'
import { assessSoilSample } from '../../server/src/domain/assess-sample.ts'
import {
  GRADING_ELEMENTS,
  TABLE2,
  TABLE3,
  interventionValue,
  otherItemScreeningValue,
  phBandOf,
  screeningValue,
  type Element,
  type LandUse,
} from '../../server/src/domain/gb15618.ts'

/*
 * An independently typed copy of GB 15618-2018 表1 and 表3 as the open-source transcriptions give them, so a wrong
 * number in the module fails here. Columns: pH≤5.5 | 5.5<pH≤6.5 | 6.5<pH≤7.5 | pH>7.5.
 */
type Four = [number, number, number, number]
const T1: Record<Element, Record<string, Four>> = {
  Cd: { 水田: [0.3, 0.4, 0.6, 0.8], 其他: [0.3, 0.3, 0.3, 0.6] },
  Hg: { 水田: [0.5, 0.5, 0.6, 1.0], 其他: [1.3, 1.8, 2.4, 3.4] },
  As: { 水田: [30, 30, 25, 20], 其他: [40, 40, 30, 25] },
  Pb: { 水田: [80, 100, 140, 240], 其他: [70, 90, 120, 170] },
  Cr: { 水田: [250, 250, 300, 350], 其他: [150, 150, 200, 250] },
  Cu: { 果园: [150, 150, 200, 200], 其他: [50, 50, 100, 100] },
  Ni: { 全部: [60, 70, 100, 190] },
  Zn: { 全部: [200, 200, 250, 300] },
}
const T3: Record<'Cd' | 'Hg' | 'As' | 'Pb' | 'Cr', Four> = {
  Cd: [1.5, 2.0, 3.0, 4.0],
  Hg: [2.0, 2.5, 4.0, 6.0],
  As: [200, 150, 120, 100],
  Pb: [400, 500, 700, 1000],
  Cr: [800, 850, 1000, 1300],
}

/** Which 表1 column each land use reads, written out rather than derived. */
const COLUMN: Record<Element, Record<LandUse, string>> = {
  Cd: { 水田: '水田', 水浇地: '其他', 旱地: '其他', 果园: '其他', 其他: '其他' },
  Hg: { 水田: '水田', 水浇地: '其他', 旱地: '其他', 果园: '其他', 其他: '其他' },
  As: { 水田: '水田', 水浇地: '其他', 旱地: '其他', 果园: '其他', 其他: '其他' },
  Pb: { 水田: '水田', 水浇地: '其他', 旱地: '其他', 果园: '其他', 其他: '其他' },
  Cr: { 水田: '水田', 水浇地: '其他', 旱地: '其他', 果园: '其他', 其他: '其他' },
  Cu: { 水田: '其他', 水浇地: '其他', 旱地: '其他', 果园: '果园', 其他: '其他' },
  Ni: { 水田: '全部', 水浇地: '全部', 旱地: '全部', 果园: '全部', 其他: '全部' },
  Zn: { 水田: '全部', 水浇地: '全部', 旱地: '全部', 果园: '全部', 其他: '全部' },
}

/** pH values in each band: both edges (5.5 belongs to the lower band, 5.51 to the next) and a middle value. */
const PH_IN_BAND: [number[], number[], number[], number[]] = [
  [0, 4.5, 5.5],
  [5.51, 6.0, 6.5],
  [6.51, 7.0, 7.5],
  [7.51, 8.5, 14],
]
const BAND_NAME = ['pH≤5.5', '5.5<pH≤6.5', '6.5<pH≤7.5', 'pH>7.5']
const ELEMENTS: Element[] = ['Cd', 'Hg', 'As', 'Pb', 'Cr', 'Cu', 'Ni', 'Zn']
const LAND_USES: LandUse[] = ['水田', '水浇地', '旱地', '果园', '其他']
const FIVE = ['Cd', 'Hg', 'As', 'Pb', 'Cr']
/** The smallest step a laboratory reports above a threshold. */
const STEP = 0.001

function expectedScreening(element: Element, landUse: LandUse, rotation: boolean, band: number): number {
  if (rotation && FIVE.includes(element)) return Math.min(T1[element]['水田'][band], T1[element]['其他'][band])
  return T1[element][COLUMN[element][landUse]][band]
}

const screeningCases = ELEMENTS.flatMap((element) =>
  LAND_USES.flatMap((landUse) =>
    [false, true].flatMap((rotation) =>
      [0, 1, 2, 3].map((band) => ({
        element,
        landUse,
        rotation,
        band,
        bandName: BAND_NAME[band],
        threshold: expectedScreening(element, landUse, rotation, band),
      })),
    ),
  ),
)

describe('GB 15618-2018 表1 screening values at every boundary', () => {
  it.each(screeningCases)(
    'when $element on $landUse (rotation $rotation) at $bandName equals $threshold, then it does not exceed; a step above, it does',
    ({ element, landUse, rotation, band, threshold }) => {
      for (const ph of PH_IN_BAND[band]) {
        const at = assessSoilSample({ landUse, rotation, ph, values: { [element]: threshold } }).items[0]
        expect(at.screeningValue, `pH ${ph}`).toBe(threshold)
        expect(at.exceedsScreening, `pH ${ph}`).toBe(false)
        expect(at.ratio, `pH ${ph}`).toBeCloseTo(1, 12)
        const above = assessSoilSample({ landUse, rotation, ph, values: { [element]: threshold + STEP } }).items[0]
        expect(above.exceedsScreening, `pH ${ph}`).toBe(true)
        expect(above.basis, `pH ${ph}`).toContain(`GB 15618-2018 表1`)
        expect(above.basis, `pH ${ph}`).toContain(BAND_NAME[band])
      }
    },
  )
})

describe('GB 15618-2018 表1 grade effect', () => {
  it.each(FIVE.flatMap((element) => LAND_USES.map((landUse) => ({ element, landUse }))))(
    'when $element on $landUse is at screening, then grade A; a step above, then grade B',
    ({ element, landUse }) => {
      const threshold = expectedScreening(element as Element, landUse, false, 1)
      expect(assessSoilSample({ landUse, rotation: false, ph: 6, values: { [element]: threshold } }).grade).toBe('A')
      expect(assessSoilSample({ landUse, rotation: false, ph: 6, values: { [element]: threshold + STEP } }).grade).toBe(
        'B',
      )
    },
  )

  it.each(['Cu', 'Ni', 'Zn'] as Element[])(
    'when %s is far above screening and the five metals are clean, then the grade stays A',
    (element) => {
      const result = assessSoilSample({ landUse: '旱地', rotation: false, ph: 6, values: { Cd: 0.1, [element]: 5000 } })
      expect(result.grade).toBe('A')
      expect(result.items.find((l) => l.element === element)).toMatchObject({
        exceedsScreening: true,
        interventionValue: null,
        exceedsIntervention: false,
      })
      expect(result.reasons.map((r) => r.code)).toContain('OTHER_ABOVE_SCREENING')
    },
  )
})

describe('水旱轮作 uses the stricter value', () => {
  it.each(FIVE.flatMap((element) => [0, 1, 2, 3].map((band) => ({ element, band, bandName: BAND_NAME[band] }))))(
    'when $element is rotated at $bandName, then the screening value is the smaller of 水田 and 其他, said so in the basis',
    ({ element, band }) => {
      const ph = PH_IN_BAND[band][1]
      const paddy = T1[element as Element]['水田'][band]
      const other = T1[element as Element]['其他'][band]
      for (const landUse of ['水田', '旱地'] as LandUse[]) {
        const t = screeningValue(element as Element, landUse, true, ph)
        expect(t.value).toBe(Math.min(paddy, other))
        expect(t.basis).toContain('水旱轮作')
        expect(t.basis).toContain('较严')
      }
    },
  )

  it('when Cd on paddy at pH 6.0 is rotated, then 0.35 exceeds (其他 0.3) although it is within 水田 0.4', () => {
    expect(assessSoilSample({ landUse: '水田', rotation: false, ph: 6, values: { Cd: 0.35 } }).grade).toBe('A')
    expect(assessSoilSample({ landUse: '水田', rotation: true, ph: 6, values: { Cd: 0.35 } }).grade).toBe('B')
  })

  it('when Hg on dry land at pH 7.0 is rotated, then the paddy value 0.6 applies instead of 2.4', () => {
    expect(screeningValue('Hg', '旱地', false, 7).value).toBe(2.4)
    expect(screeningValue('Hg', '旱地', true, 7).value).toBe(0.6)
  })

  it.each(['Cu', 'Ni', 'Zn'] as Element[])(
    'when %s is rotated, then its value is unchanged (no 水田 split)',
    (element) => {
      for (const landUse of LAND_USES)
        expect(screeningValue(element, landUse, true, 6).value).toBe(screeningValue(element, landUse, false, 6).value)
    },
  )
})

describe('Cu 果园 vs 其他, Ni and Zn on all land', () => {
  it('when Cu is on an orchard, then the 果园 row applies; on paddy it is 其他', () => {
    expect(screeningValue('Cu', '果园', false, 5).value).toBe(150)
    expect(screeningValue('Cu', '果园', false, 7).value).toBe(200)
    expect(screeningValue('Cu', '水田', false, 5).value).toBe(50)
    expect(screeningValue('Cu', '水田', false, 8).value).toBe(100)
    expect(screeningValue('Cu', '果园', false, 5).basis).toBe('GB 15618-2018 表1 铜 果园 pH≤5.5')
    expect(screeningValue('Cu', '水田', false, 5).basis).toBe('GB 15618-2018 表1 铜 其他 pH≤5.5')
  })

  it('when Ni or Zn is looked up on any land, then the value is the same and the basis names no land type', () => {
    for (const landUse of LAND_USES) {
      expect(screeningValue('Ni', landUse, false, 6).value).toBe(70)
      expect(screeningValue('Zn', landUse, false, 8).value).toBe(300)
    }
    expect(screeningValue('Ni', '水田', false, 6).basis).toBe('GB 15618-2018 表1 镍 5.5<pH≤6.5')
  })
})

const interventionCases = FIVE.flatMap((element) =>
  [0, 1, 2, 3].map((band) => ({
    element,
    band,
    bandName: BAND_NAME[band],
    threshold: T3[element as keyof typeof T3][band],
  })),
)

describe('GB 15618-2018 表3 intervention values at every boundary', () => {
  it.each(interventionCases)(
    'when $element at $bandName equals $threshold, then it is not above intervention (grade B); a step above, grade C',
    ({ element, band, threshold }) => {
      for (const ph of PH_IN_BAND[band]) {
        for (const landUse of ['水田', '旱地'] as LandUse[]) {
          const at = assessSoilSample({ landUse, rotation: false, ph, values: { [element]: threshold } })
          expect(at.items[0].interventionValue, `pH ${ph} ${landUse}`).toBe(threshold)
          expect(at.items[0].exceedsIntervention, `pH ${ph} ${landUse}`).toBe(false)
          expect(at.grade, `pH ${ph} ${landUse}`).toBe('B')
          const above = assessSoilSample({ landUse, rotation: false, ph, values: { [element]: threshold + STEP } })
          expect(above.items[0].exceedsIntervention, `pH ${ph} ${landUse}`).toBe(true)
          expect(above.grade, `pH ${ph} ${landUse}`).toBe('C')
          expect(above.items[0].interventionBasis).toBe(
            `GB 15618-2018 表3 ${{ Cd: '镉', Hg: '汞', As: '砷', Pb: '铅', Cr: '铬' }[element]} ${BAND_NAME[band]}`,
          )
        }
      }
    },
  )

  it('when the intervention table is listed, then exactly Cd, Hg, As, Pb and Cr have one', () => {
    expect(Object.keys(TABLE3).sort()).toEqual([...FIVE].sort())
    expect([...GRADING_ELEMENTS].sort()).toEqual([...FIVE].sort())
  })

  it.each(['Cu', 'Ni', 'Zn'] as Element[])(
    'when %s is asked for an intervention value, then there is none',
    (element) => {
      for (const ph of [5, 6, 7, 8]) expect(interventionValue(element, ph)).toBeNull()
    },
  )
})

describe('pH bands are closed on the right', () => {
  it.each([
    [0, 'pH≤5.5'],
    [5.5, 'pH≤5.5'],
    [5.51, '5.5<pH≤6.5'],
    [6.5, '5.5<pH≤6.5'],
    [6.51, '6.5<pH≤7.5'],
    [7.5, '6.5<pH≤7.5'],
    [7.51, 'pH>7.5'],
    [14, 'pH>7.5'],
  ])('when pH is %d, then the band is %s', (ph, band) => {
    expect(phBandOf(ph)).toBe(band)
  })

  it.each([-0.1, 14.1, Number.NaN, Number.POSITIVE_INFINITY])(
    'when pH is %d, then looking up a band is refused as misuse',
    (ph) => {
      expect(() => phBandOf(ph)).toThrow(RangeError)
    },
  )
})

describe('GB 15618-2018 表2 other items', () => {
  it.each([
    ['HCH', '六六六总量', 0.1],
    ['DDT', '滴滴涕总量', 0.1],
    ['BaP', '苯并[a]芘', 0.55],
  ] as const)('when %s is looked up, then its screening value is %s %d', (item, name, value) => {
    const t = otherItemScreeningValue(item)
    expect(t.value).toBe(value)
    expect(t.basis).toBe(`GB 15618-2018 表2 ${name}`)
  })

  it('when the other items are listed, then there are exactly three', () => {
    expect(TABLE2.map((r) => r.item).sort()).toEqual(['BaP', 'DDT', 'HCH'])
  })
})

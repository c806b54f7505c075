/** The eight elements of GB 15618-2018 表1 (mg/kg dry soil, total content). */
export const SOIL_ELEMENTS = ['Cd', 'Hg', 'As', 'Pb', 'Cr', 'Cu', 'Ni', 'Zn'] as const
export type Element = (typeof SOIL_ELEMENTS)[number]

/** The five metals that have an intervention value (表3) and so decide the soil grade. */
export const GRADING_ELEMENTS = ['Cd', 'Hg', 'As', 'Pb', 'Cr'] as const
export type GradingElement = (typeof GRADING_ELEMENTS)[number]

export const ELEMENT_NAME: Record<Element, string> = {
  Cd: '镉',
  Hg: '汞',
  As: '砷',
  Pb: '铅',
  Cr: '铬',
  Cu: '铜',
  Ni: '镍',
  Zn: '锌',
}

/** Land use at a sample point as far as GB 15618 cares; 水浇地 and 旱地 are "其他" in every row. */
export const LAND_USES = ['水田', '水浇地', '旱地', '果园', '其他'] as const
export type LandUse = (typeof LAND_USES)[number]

/** The four pH bands of GB 15618-2018, closed on the right: pH≤5.5 | 5.5<pH≤6.5 | 6.5<pH≤7.5 | pH>7.5. */
export const PH_BANDS = ['pH≤5.5', '5.5<pH≤6.5', '6.5<pH≤7.5', 'pH>7.5'] as const
export type PhBand = (typeof PH_BANDS)[number]

/** Band index 0..3 of a pH; misuse (not a number, outside 0–14) throws, callers validate first. */
export function phBandIndex(ph: number): 0 | 1 | 2 | 3 {
  if (!Number.isFinite(ph) || ph < 0 || ph > 14) throw new RangeError(`pH 应在 0–14 之间：${ph}`)
  if (ph <= 5.5) return 0
  if (ph <= 6.5) return 1
  if (ph <= 7.5) return 2
  return 3
}

export function phBandOf(ph: number): PhBand {
  return PH_BANDS[phBandIndex(ph)]
}

/** Values per pH band, in the order of PH_BANDS. */
export type BandValues = readonly [number, number, number, number]

/** Land-type column of 表1: 水田/其他 for Cd, Hg, As, Pb, Cr; 果园/其他 for Cu; 全部 for Ni and Zn. */
export type Table1LandType = '水田' | '果园' | '其他' | '全部'

export interface Table1Row {
  element: Element
  landType: Table1LandType
  values: BandValues
}

/**
 * GB 15618-2018 表1 农用地土壤污染风险筛选值（基本项目）, mg/kg, columns pH≤5.5 | 5.5<pH≤6.5 | 6.5<pH≤7.5 | pH>7.5.
 * 其他 for Cd/Hg/As/Pb/Cr means every land that is not 水田; for Cu every land that is not 果园.
 * As transcribed by independent open-source sources, which agree (V; docs/domain-notes.md §1).
 */
export const TABLE1: readonly Table1Row[] = [
  /** GB 15618-2018 表1, 镉, 水田: 0.3 | 0.4 | 0.6 | 0.8 */
  { element: 'Cd', landType: '水田', values: [0.3, 0.4, 0.6, 0.8] },
  /** GB 15618-2018 表1, 镉, 其他: 0.3 | 0.3 | 0.3 | 0.6 */
  { element: 'Cd', landType: '其他', values: [0.3, 0.3, 0.3, 0.6] },
  /** GB 15618-2018 表1, 汞, 水田: 0.5 | 0.5 | 0.6 | 1.0 */
  { element: 'Hg', landType: '水田', values: [0.5, 0.5, 0.6, 1.0] },
  /** GB 15618-2018 表1, 汞, 其他: 1.3 | 1.8 | 2.4 | 3.4 */
  { element: 'Hg', landType: '其他', values: [1.3, 1.8, 2.4, 3.4] },
  /** GB 15618-2018 表1, 砷, 水田: 30 | 30 | 25 | 20 */
  { element: 'As', landType: '水田', values: [30, 30, 25, 20] },
  /** GB 15618-2018 表1, 砷, 其他: 40 | 40 | 30 | 25 */
  { element: 'As', landType: '其他', values: [40, 40, 30, 25] },
  /** GB 15618-2018 表1, 铅, 水田: 80 | 100 | 140 | 240 */
  { element: 'Pb', landType: '水田', values: [80, 100, 140, 240] },
  /** GB 15618-2018 表1, 铅, 其他: 70 | 90 | 120 | 170 */
  { element: 'Pb', landType: '其他', values: [70, 90, 120, 170] },
  /** GB 15618-2018 表1, 铬, 水田: 250 | 250 | 300 | 350 */
  { element: 'Cr', landType: '水田', values: [250, 250, 300, 350] },
  /** GB 15618-2018 表1, 铬, 其他: 150 | 150 | 200 | 250 */
  { element: 'Cr', landType: '其他', values: [150, 150, 200, 250] },
  /** GB 15618-2018 表1, 铜, 果园: 150 | 150 | 200 | 200 */
  { element: 'Cu', landType: '果园', values: [150, 150, 200, 200] },
  /** GB 15618-2018 表1, 铜, 其他: 50 | 50 | 100 | 100 */
  { element: 'Cu', landType: '其他', values: [50, 50, 100, 100] },
  /** GB 15618-2018 表1, 镍 (all land): 60 | 70 | 100 | 190 */
  { element: 'Ni', landType: '全部', values: [60, 70, 100, 190] },
  /** GB 15618-2018 表1, 锌 (all land): 200 | 200 | 250 | 300 */
  { element: 'Zn', landType: '全部', values: [200, 200, 250, 300] },
]

export interface Table2Row {
  item: 'HCH' | 'DDT' | 'BaP'
  name: string
  /** mg/kg, no pH or land split, no intervention value. */
  value: number
}

/**
 * GB 15618-2018 表2 农用地土壤污染风险筛选值（其他项目，选测）, mg/kg (S+R; isomer sums R).
 */
export const TABLE2: readonly Table2Row[] = [
  /** GB 15618-2018 表2, 六六六总量 (α-, β-, γ-, δ-六六六之和): 0.10 */
  { item: 'HCH', name: '六六六总量', value: 0.1 },
  /** GB 15618-2018 表2, 滴滴涕总量 (p,p'-DDE, p,p'-DDD, o,p'-DDT, p,p'-DDT 之和): 0.10 */
  { item: 'DDT', name: '滴滴涕总量', value: 0.1 },
  /** GB 15618-2018 表2, 苯并[a]芘: 0.55 */
  { item: 'BaP', name: '苯并[a]芘', value: 0.55 },
]

/**
 * GB 15618-2018 表3 农用地土壤污染风险管制值, mg/kg, no land-type split; only these five metals have one
 * (V). Cu, Ni, Zn and 表2 items have none.
 */
export const TABLE3: Readonly<Record<GradingElement, BandValues>> = {
  /** GB 15618-2018 表3, 镉: 1.5 | 2.0 | 3.0 | 4.0 */
  Cd: [1.5, 2.0, 3.0, 4.0],
  /** GB 15618-2018 表3, 汞: 2.0 | 2.5 | 4.0 | 6.0 */
  Hg: [2.0, 2.5, 4.0, 6.0],
  /** GB 15618-2018 表3, 砷: 200 | 150 | 120 | 100 */
  As: [200, 150, 120, 100],
  /** GB 15618-2018 表3, 铅: 400 | 500 | 700 | 1000 */
  Pb: [400, 500, 700, 1000],
  /** GB 15618-2018 表3, 铬: 800 | 850 | 1000 | 1300 */
  Cr: [800, 850, 1000, 1300],
}

/** A threshold and where it comes from, e.g. `GB 15618-2018 表1 镉 水田 5.5<pH≤6.5`. */
export interface Threshold {
  value: number
  basis: string
}

export function isGradingElement(element: Element): element is GradingElement {
  return (GRADING_ELEMENTS as readonly string[]).includes(element)
}

function table1Row(element: Element, landType: Table1LandType): Table1Row {
  const row = TABLE1.find((r) => r.element === element && r.landType === landType)
  if (!row) throw new Error(`GB 15618-2018 表1 没有 ${element} ${landType} 这一行`)
  return row
}

/** The 表1 land-type column that applies to an element on a land use (without rotation). */
export function table1LandType(element: Element, landUse: LandUse): Table1LandType {
  if (element === 'Ni' || element === 'Zn') return '全部'
  if (element === 'Cu') return landUse === '果园' ? '果园' : '其他'
  return landUse === '水田' ? '水田' : '其他'
}

/**
 * The risk screening value (表1) of an element for a land use and pH.
 * 水旱轮作 (rotation): for Cd/Hg/As/Pb/Cr the stricter (smaller) of 水田 and 其他 in the same pH band — the 表1
 * footnote as recalled (docs/domain-notes.md §1, R), said so in the basis; Cu, Ni, Zn are not split by 水田 and so unchanged.
 */
export function screeningValue(element: Element, landUse: LandUse, rotation: boolean, ph: number): Threshold {
  const band = phBandIndex(ph)
  const bandLabel = PH_BANDS[band]
  const name = ELEMENT_NAME[element]
  if (rotation && isGradingElement(element)) {
    const paddy = table1Row(element, '水田').values[band]
    const other = table1Row(element, '其他').values[band]
    const value = Math.min(paddy, other)
    const chosen = value === paddy && value === other ? '两者相同' : value === paddy ? '取水田值' : '取其他值'
    return {
      value,
      basis: `GB 15618-2018 表1 ${name} 水旱轮作（水田 ${paddy}、其他 ${other} 中较严者，${chosen}）${bandLabel}`,
    }
  }
  const landType = table1LandType(element, landUse)
  const value = table1Row(element, landType).values[band]
  const column = landType === '全部' ? '' : ` ${landType}`
  return { value, basis: `GB 15618-2018 表1 ${name}${column} ${bandLabel}` }
}

/** The risk intervention value (表3) of an element at a pH, or null for Cu, Ni, Zn (no intervention value). */
export function interventionValue(element: Element, ph: number): Threshold | null {
  const band = phBandIndex(ph)
  if (!isGradingElement(element)) return null
  return { value: TABLE3[element][band], basis: `GB 15618-2018 表3 ${ELEMENT_NAME[element]} ${PH_BANDS[band]}` }
}

/** The 表2 screening value of an other item (六六六总量, 滴滴涕总量, 苯并[a]芘). */
export function otherItemScreeningValue(item: Table2Row['item']): Threshold {
  const row = TABLE2.find((r) => r.item === item)
  if (!row) throw new Error(`GB 15618-2018 表2 没有 ${item}`)
  return { value: row.value, basis: `GB 15618-2018 表2 ${row.name}` }
}

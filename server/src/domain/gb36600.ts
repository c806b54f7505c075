import { LAND_CLASS_NAME, type LandClass } from './gb50137.ts'

/**
 * GB 36600-2018《土壤环境质量 建设用地土壤污染风险管控标准（试行）》: screening values (风险筛选值) and
 * intervention values (风险管制值) of both tables, for 第一类 and 第二类用地, and the assessment of one measured
 * value against them (5.3.2–5.3.5 and the As/Co/V background note of the tables).
 */

export type SubstanceGroup = 'inorganic' | 'voc' | 'svoc' | 'other'
export const SUBSTANCE_GROUP_NAME: Record<SubstanceGroup, string> = {
  inorganic: '重金属和无机物',
  voc: '挥发性有机物',
  svoc: '半挥发性有机物',
  other: '其他项目',
}

/** GB 36600-2018 表1 建设用地土壤污染风险筛选值和管制值（基本项目）, mg/kg. */
export const GB36600_TABLE1 = 'GB 36600-2018 表1（基本项目）'
/** GB 36600-2018 表2 建设用地土壤污染风险筛选值和管制值（其他项目）, mg/kg. */
export const GB36600_TABLE2 = 'GB 36600-2018 表2（其他项目）'

/** Every item of both tables: [key, name, CAS (null where the transcription gives none), group, table, S1, S2, C1, C2]. */
const ROWS: readonly (readonly [
  string,
  string,
  string | null,
  SubstanceGroup,
  1 | 2,
  number,
  number,
  number,
  number,
])[] = [
  ['As', '砷 As', '7440-38-2', 'inorganic', 1, 20, 60, 120, 140], // 表1 第1项
  ['Cd', '镉 Cd', '7440-43-9', 'inorganic', 1, 20, 65, 47, 172], // 表1 第2项
  ['Cr6', '铬(六价) Cr(VI)', '18540-29-9', 'inorganic', 1, 3.0, 5.7, 30, 78], // 表1 第3项
  ['Cu', '铜 Cu', '7440-50-8', 'inorganic', 1, 2000, 18000, 8000, 36000], // 表1 第4项
  ['Pb', '铅 Pb', '7439-92-1', 'inorganic', 1, 400, 800, 800, 2500], // 表1 第5项
  ['Hg', '汞 Hg', '7439-97-6', 'inorganic', 1, 8, 38, 33, 82], // 表1 第6项
  ['Ni', '镍 Ni', '7440-02-0', 'inorganic', 1, 150, 900, 600, 2000], // 表1 第7项
  ['carbon_tetrachloride', '四氯化碳', '56-23-5', 'voc', 1, 0.9, 2.8, 9, 36], // 表1 第8项
  ['chloroform', '氯仿', '67-66-3', 'voc', 1, 0.3, 0.9, 5, 10], // 表1 第9项
  ['chloromethane', '氯甲烷', '74-87-3', 'voc', 1, 12, 37, 21, 120], // 表1 第10项
  ['dichloroethane_11', '1,1-二氯乙烷', '75-34-3', 'voc', 1, 3, 9, 20, 100], // 表1 第11项
  ['dichloroethane_12', '1,2-二氯乙烷', '107-06-2', 'voc', 1, 0.52, 5, 6, 21], // 表1 第12项
  ['dichloroethylene_11', '1,1-二氯乙烯', '75-35-4', 'voc', 1, 12, 66, 40, 200], // 表1 第13项
  ['cis_dichloroethylene_12', '顺-1,2-二氯乙烯', '156-59-2', 'voc', 1, 66, 596, 200, 2000], // 表1 第14项
  ['trans_dichloroethylene_12', '反-1,2-二氯乙烯', '156-60-5', 'voc', 1, 10, 54, 31, 163], // 表1 第15项
  ['dichloromethane', '二氯甲烷', '75-09-2', 'voc', 1, 94, 616, 300, 2000], // 表1 第16项
  ['dichloropropane_12', '1,2-二氯丙烷', '78-87-5', 'voc', 1, 1, 5, 5, 47], // 表1 第17项
  ['tetrachloroethane_1112', '1,1,1,2-四氯乙烷', '630-20-6', 'voc', 1, 2.6, 10, 26, 100], // 表1 第18项
  ['tetrachloroethane_1122', '1,1,2,2-四氯乙烷', '79-34-5', 'voc', 1, 1.6, 6.8, 14, 50], // 表1 第19项
  ['tetrachloroethylene', '四氯乙烯', '127-18-4', 'voc', 1, 11, 53, 34, 183], // 表1 第20项
  ['trichloroethane_111', '1,1,1-三氯乙烷', '71-55-6', 'voc', 1, 701, 840, 840, 840], // 表1 第21项
  ['trichloroethane_112', '1,1,2-三氯乙烷', '79-00-5', 'voc', 1, 0.6, 2.8, 5, 15], // 表1 第22项
  ['trichloroethylene', '三氯乙烯', '79-01-6', 'voc', 1, 0.7, 2.8, 7, 20], // 表1 第23项
  ['trichloropropane_123', '1,2,3-三氯丙烷', '96-18-4', 'voc', 1, 0.05, 0.5, 0.5, 5], // 表1 第24项
  ['vinyl_chloride', '氯乙烯', '75-01-4', 'voc', 1, 0.12, 0.43, 1.2, 4.3], // 表1 第25项
  ['benzene', '苯', '71-43-2', 'voc', 1, 1, 4, 10, 40], // 表1 第26项
  ['chlorobenzene', '氯苯', '108-90-7', 'voc', 1, 68, 270, 200, 1000], // 表1 第27项
  ['dichlorobenzene_12', '1,2-二氯苯', '95-50-1', 'voc', 1, 560, 560, 560, 560], // 表1 第28项
  ['dichlorobenzene_14', '1,4-二氯苯', '106-46-7', 'voc', 1, 5.6, 20, 56, 200], // 表1 第29项
  ['ethylbenzene', '乙苯', '100-41-4', 'voc', 1, 7.2, 28, 72, 280], // 表1 第30项
  ['styrene', '苯乙烯', '100-42-5', 'voc', 1, 1290, 1290, 1290, 1290], // 表1 第31项
  ['toluene', '甲苯', '108-88-3', 'voc', 1, 1200, 1200, 1200, 1200], // 表1 第32项
  ['mp_xylene', '间二甲苯+对二甲苯', '108-38-3, 106-42-3', 'voc', 1, 163, 570, 500, 570], // 表1 第33项
  ['o_xylene', '邻二甲苯', '95-47-6', 'voc', 1, 222, 640, 640, 640], // 表1 第34项
  ['nitrobenzene', '硝基苯', '98-95-3', 'svoc', 1, 34, 76, 190, 760], // 表1 第35项
  ['aniline', '苯胺', '62-53-3', 'svoc', 1, 92, 260, 211, 663], // 表1 第36项
  ['chlorophenol_2', '2-氯酚', '95-57-8', 'svoc', 1, 250, 2256, 500, 4500], // 表1 第37项
  ['benz_a_anthracene', '苯并[a]蒽', '56-55-3', 'svoc', 1, 5.5, 15, 55, 151], // 表1 第38项
  ['benzo_a_pyrene', '苯并[a]芘', '50-32-8', 'svoc', 1, 0.55, 1.5, 5.5, 15], // 表1 第39项
  ['benzo_b_fluoranthene', '苯并[b]荧蒽', '205-99-2', 'svoc', 1, 5.5, 15, 55, 151], // 表1 第40项
  ['benzo_k_fluoranthene', '苯并[k]荧蒽', '207-08-9', 'svoc', 1, 55, 151, 550, 1500], // 表1 第41项
  ['chrysene', '䓛', '218-01-9', 'svoc', 1, 490, 1293, 4900, 12900], // 表1 第42项
  ['dibenz_ah_anthracene', '二苯并[a,h]蒽', '53-70-3', 'svoc', 1, 0.55, 1.5, 5.5, 15], // 表1 第43项
  ['indeno_123cd_pyrene', '茚并[1,2,3-cd]芘', '193-39-5', 'svoc', 1, 5.5, 15, 55, 151], // 表1 第44项
  ['naphthalene', '萘', '91-20-3', 'svoc', 1, 25, 70, 255, 700], // 表1 第45项
  ['Sb', '锑 Sb', null, 'other', 2, 20, 180, 40, 360],
  ['Be', '铍 Be', null, 'other', 2, 15, 29, 98, 290],
  ['Co', '钴 Co', null, 'other', 2, 20, 70, 190, 350],
  ['methylmercury', '甲基汞', null, 'other', 2, 5.0, 45, 10, 120],
  ['V', '钒 V', null, 'other', 2, 165, 752, 330, 1500],
  ['cyanide', '氰化物', null, 'other', 2, 22, 135, 44, 270],
  ['bromodichloromethane', '一溴二氯甲烷', null, 'other', 2, 0.29, 1.2, 2.9, 12],
  ['bromoform', '溴仿', null, 'other', 2, 32, 103, 320, 1030],
  ['dibromochloromethane', '二溴氯甲烷', null, 'other', 2, 9.3, 33, 93, 330],
  ['dibromoethane_12', '1,2-二溴乙烷', null, 'other', 2, 0.07, 0.24, 0.7, 2.4],
  ['hexachlorocyclopentadiene', '六氯环戊二烯', null, 'other', 2, 1.1, 5.2, 2.3, 10],
  ['dinitrotoluene_24', '2,4-二硝基甲苯', null, 'other', 2, 1.8, 5.2, 18, 52],
  ['dichlorophenol_24', '2,4-二氯酚', null, 'other', 2, 117, 843, 234, 1690],
  ['trichlorophenol_246', '2,4,6-三氯酚', null, 'other', 2, 39, 137, 78, 560],
  ['dinitrophenol_24', '2,4-二硝基酚', null, 'other', 2, 78, 562, 156, 1130],
  ['pentachlorophenol', '五氯酚', null, 'other', 2, 1.1, 2.7, 12, 27],
  ['dehp', '邻苯二甲酸二(2-乙基己基)酯 DEHP', null, 'other', 2, 42, 121, 420, 1210],
  ['butyl_benzyl_phthalate', '邻苯二甲酸丁基苄酯', null, 'other', 2, 312, 900, 3120, 9000],
  ['di_n_octyl_phthalate', '邻苯二甲酸二正辛酯', null, 'other', 2, 390, 2812, 800, 5700],
  ['dichlorobenzidine_33', "3,3'-二氯联苯胺", null, 'other', 2, 1.3, 3.6, 13, 36],
  ['atrazine', '阿特拉津', null, 'other', 2, 2.6, 7.4, 26, 74],
  ['chlordane', '氯丹', null, 'other', 2, 2.0, 6.2, 20, 62],
  ['pp_ddd', "p,p'-滴滴滴", null, 'other', 2, 2.5, 7.1, 25, 71],
  ['pp_dde', "p,p'-滴滴伊", null, 'other', 2, 2.0, 7.0, 20, 70],
  ['ddt', '滴滴涕', null, 'other', 2, 2.0, 6.7, 21, 67],
  ['dichlorvos', '敌敌畏', null, 'other', 2, 1.8, 5.0, 18, 50],
  ['dimethoate', '乐果', null, 'other', 2, 86, 619, 170, 1240],
  ['endosulfan', '硫丹', null, 'other', 2, 234, 1687, 470, 3400],
  ['heptachlor', '七氯', null, 'other', 2, 0.13, 0.37, 1.3, 3.7],
  ['alpha_hch', 'α-六六六', null, 'other', 2, 0.09, 0.3, 0.9, 3],
  ['beta_hch', 'β-六六六', null, 'other', 2, 0.32, 0.92, 3.2, 9.2],
  ['gamma_hch', 'γ-六六六', null, 'other', 2, 0.62, 1.9, 6.2, 19],
  ['hexachlorobenzene', '六氯苯', null, 'other', 2, 0.33, 1, 3.3, 10],
  ['mirex', '灭蚁灵', null, 'other', 2, 0.03, 0.09, 0.3, 0.9],
  ['pcbs_total', '多氯联苯(总量)', null, 'other', 2, 0.14, 0.38, 1.4, 3.8],
  ['pcb126', 'PCB 126', null, 'other', 2, 4e-5, 1e-4, 4e-4, 1e-3],
  ['pcb169', 'PCB 169', null, 'other', 2, 1e-4, 4e-4, 1e-3, 4e-3],
  ['dioxins_teq', '二噁英类(总毒性当量)', null, 'other', 2, 1e-5, 4e-5, 1e-4, 4e-4],
  ['pbbs_total', '多溴联苯(总量)', null, 'other', 2, 0.02, 0.06, 0.2, 0.6],
  ['tph_c10_c40', '石油烃 (C10–C40)', null, 'other', 2, 826, 4500, 5000, 9000],
]
export interface Gb36600Substance {
  key: string
  name: string
  cas: string | null
  group: SubstanceGroup
  /** The table citation ('GB 36600-2018 表1（基本项目）'). */
  table: string
  /** mg/kg: screening and intervention values, 第一类 and 第二类用地. */
  screening: Record<LandClass, number>
  intervention: Record<LandClass, number>
}

export const GB36600_SUBSTANCES: readonly Gb36600Substance[] = ROWS.map(
  ([key, name, cas, group, table, s1, s2, c1, c2]) => ({
    key,
    name,
    cas,
    group,
    table: table === 1 ? GB36600_TABLE1 : GB36600_TABLE2,
    screening: { first: s1, second: s2 },
    intervention: { first: c1, second: c2 },
  }),
)

const BY_KEY = new Map(GB36600_SUBSTANCES.map((s) => [s.key, s]))

export function findSubstance(key: string): Gb36600Substance | undefined {
  return BY_KEY.get(key)
}

/**
 * Items for which the tables note: above the screening value but not above the local soil background value →
 * not managed as a contaminated plot (GB 36600-2018 表1/表2 注; 附录A gives As backgrounds by soil type, **R**).
 */
export const BACKGROUND_ITEMS = ['As', 'Co', 'V'] as const
export type BackgroundItem = (typeof BACKGROUND_ITEMS)[number]

/** Local soil background values, mg/kg (a setting, **R** 待核实; null = not set). */
export type BackgroundSettings = Partial<Record<BackgroundItem, number | null>>

export interface PollutantAssessment {
  substance: string
  name: string
  cas: string | null
  table: string
  landClass: LandClass
  landClassName: string
  valueMgKg: number
  screening: number
  intervention: number
  /** value > screening value (5.3.3; ≤ screening: risk generally negligible, 5.3.2). */
  exceedsScreening: boolean
  /** value > intervention value (5.3.5). */
  exceedsIntervention: boolean
  /** value / screening value, three significant digits. */
  ratio: number
  /** value / intervention value, three significant digits. */
  interventionRatio: number
  /** As, Co, V above screening: to be compared with the local background value (null for other items). */
  background: null | {
    valueMgKg: number | null
    /** true: not above the background value, so not managed as contaminated; null: no background value set. */
    isWithinBackground: boolean | null
    note: string
  }
  /** Counts for 超标 (preliminary_confirm): above screening and not within the background value. */
  isExceedance: boolean
}

const sig3 = (v: number) => Number(v.toPrecision(3))

/**
 * One measured value against GB 36600 for the plot's land class. Throws on misuse (unknown substance, a value
 * that is not a finite non-negative number): callers validate input first.
 */
export function assessPollutant(
  substance: string,
  valueMgKg: number,
  landClass: LandClass,
  backgrounds: BackgroundSettings = {},
): PollutantAssessment {
  const s = BY_KEY.get(substance)
  if (!s) throw new Error(`unknown GB 36600 substance ${substance}`)
  if (!Number.isFinite(valueMgKg) || valueMgKg < 0) throw new Error(`invalid value ${valueMgKg}`)
  const screening = s.screening[landClass]
  const intervention = s.intervention[landClass]
  const exceedsScreening = valueMgKg > screening
  let background: PollutantAssessment['background'] = null
  if ((BACKGROUND_ITEMS as readonly string[]).includes(substance) && exceedsScreening) {
    const bg = backgrounds[substance as BackgroundItem] ?? null
    const isWithin = bg === null ? null : valueMgKg <= bg
    background = {
      valueMgKg: bg,
      isWithinBackground: isWithin,
      note:
        bg === null
          ? `${s.name}超过筛选值：须与当地土壤环境背景值比较，不超过背景值的不纳入污染地块管理（背景值未设置，待核实）`
          : isWithin
            ? `${s.name}超过筛选值，但不超过当地土壤环境背景值 ${bg} mg/kg（设置值，待核实），不纳入污染地块管理`
            : `${s.name}超过筛选值，也超过当地土壤环境背景值 ${bg} mg/kg（设置值，待核实）`,
    }
  }
  return {
    substance: s.key,
    name: s.name,
    cas: s.cas,
    table: s.table,
    landClass,
    landClassName: LAND_CLASS_NAME[landClass],
    valueMgKg,
    screening,
    intervention,
    exceedsScreening,
    exceedsIntervention: valueMgKg > intervention,
    ratio: sig3(valueMgKg / screening),
    interventionRatio: sig3(valueMgKg / intervention),
    background,
    isExceedance: exceedsScreening && background?.isWithinBackground !== true,
  }
}

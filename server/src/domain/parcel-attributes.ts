/** A code and its name in one of the 三调 code lists. */
export interface CodeName {
  code: string
  name: string
}

/** A 三调 land code with its first-level class, e.g. `{code: '0101', name: '水田', group: '01 耕地'}`. */
export interface LandCode extends CodeName {
  group: string
}

/** 三调 工作分类 first/second-level land codes (docs/domain-notes.md §6.2, **V**), by first-level class. */
const LAND_CODE_GROUPS: readonly [string, readonly [string, string][]][] = [
  [
    '00 湿地',
    [
      ['0303', '红树林地'],
      ['0304', '森林沼泽'],
      ['0306', '灌丛沼泽'],
      ['0402', '沼泽草地'],
      ['0603', '盐田'],
      ['1105', '沿海滩涂'],
      ['1106', '内陆滩涂'],
      ['1108', '沼泽地'],
    ],
  ],
  [
    '01 耕地',
    [
      ['0101', '水田'],
      ['0102', '水浇地'],
      ['0103', '旱地'],
    ],
  ],
  [
    '02 种植园用地',
    [
      ['0201', '果园'],
      ['0202', '茶园'],
      ['0203', '橡胶园'],
      ['0204', '其他园地'],
    ],
  ],
  [
    '03 林地',
    [
      ['0301', '乔木林地'],
      ['0302', '竹林地'],
      ['0305', '灌木林地'],
      ['0307', '其他林地'],
    ],
  ],
  [
    '04 草地',
    [
      ['0401', '天然牧草地'],
      ['0403', '人工牧草地'],
      ['0404', '其他草地'],
    ],
  ],
  [
    '05 商业服务业用地',
    [
      ['05H1', '商业服务业设施用地'],
      ['0508', '物流仓储用地'],
    ],
  ],
  [
    '06 工矿用地',
    [
      ['0601', '工业用地'],
      ['0602', '采矿用地'],
    ],
  ],
  [
    '07 住宅用地',
    [
      ['0701', '城镇住宅用地'],
      ['0702', '农村宅基地'],
    ],
  ],
  [
    '08 公共管理与公共服务用地',
    [
      ['08H1', '机关团体新闻出版用地'],
      ['08H2', '科教文卫用地'],
      ['0809', '公用设施用地'],
      ['0810', '公园与绿地'],
    ],
  ],
  ['09 特殊用地', [['09', '特殊用地']]],
  [
    '10 交通运输用地',
    [
      ['1001', '铁路'],
      ['1002', '轨道交通'],
      ['1003', '公路'],
      ['1004', '城镇村道路'],
      ['1005', '交通服务场站'],
      ['1006', '农村道路'],
      ['1007', '机场'],
      ['1008', '港口码头'],
      ['1009', '管道运输'],
    ],
  ],
  [
    '11 水域及水利设施用地',
    [
      ['1101', '河流水面'],
      ['1102', '湖泊水面'],
      ['1103', '水库水面'],
      ['1104', '坑塘水面'],
      ['1107', '沟渠'],
      ['1109', '水工建筑用地'],
      ['1110', '冰川及永久积雪'],
    ],
  ],
  [
    '12 其他土地',
    [
      ['1201', '空闲地'],
      ['1202', '设施农用地'],
      ['1203', '田坎'],
      ['1204', '盐碱地'],
      ['1205', '沙地'],
      ['1206', '裸土地'],
      ['1207', '裸岩石砾地'],
    ],
  ],
]

/** Every 三调 land code of docs/domain-notes.md §6.2 with its name and class, in table order. */
export const LAND_CODES: readonly LandCode[] = LAND_CODE_GROUPS.flatMap(([group, codes]) =>
  codes.map(([code, name]) => ({ code, name, group })),
)

const LAND_CODE_NAME = new Map(LAND_CODES.map((c) => [c.code, c.name]))

/** QSXZ 权属性质 (docs/domain-notes.md §6.1): 10/30/31 **S**, 20/32/33/34/40 **R**. */
export const QSXZ_CODES: readonly CodeName[] = [
  { code: '10', name: '国有土地所有权' },
  { code: '20', name: '国有土地使用权' },
  { code: '30', name: '集体土地所有权' },
  { code: '31', name: '村民小组' },
  { code: '32', name: '村集体经济组织' },
  { code: '33', name: '乡集体经济组织' },
  { code: '34', name: '其他农民集体经济组织' },
  { code: '40', name: '集体土地使用权' },
]

/** GDPDJB 耕地坡度级别 1–5 (docs/domain-notes.md §6.1). */
export const GDPDJB_CODES: readonly CodeName[] = [
  { code: '1', name: '≤2°' },
  { code: '2', name: '2°–6°' },
  { code: '3', name: '6°–15°' },
  { code: '4', name: '15°–25°' },
  { code: '5', name: '>25°' },
]

/** ZZSXDM 种植属性代码 (docs/domain-notes.md §6.1, **R**). */
export const ZZSXDM_CODES: readonly CodeName[] = [
  { code: 'LS', name: '粮食' },
  { code: 'FLS', name: '非粮' },
  { code: 'LYFL', name: '粮与非粮轮作' },
  { code: 'XG', name: '休耕' },
  { code: 'LLJZ', name: '林粮间作' },
  { code: 'WG', name: '未耕种' },
]

/** Field lengths of the 三调 DLTB layer (docs/domain-notes.md §6.1). */
export const FIELD_MAX_CHARS = { qsdwmc: 60, zldwmc: 60, bz: 254 } as const

/** The editable attributes of a parcel (三调 DLTB names in lower case). */
export interface ParcelAttributes {
  dlbm: string
  townshipCode?: string | null
  qsxz?: string | null
  qsdwmc?: string | null
  zldwmc?: string | null
  kcxs?: number | null
  gdpdjb?: string | null
  zzsxdm?: string | null
  bz?: string | null
}

/** A field that fails its rule, with the message an officer reads. */
export interface AttributeProblem {
  code: 'UNKNOWN_CODE' | 'INVALID_ATTRIBUTE'
  field: keyof ParcelAttributes
  message: string
}

/** The name of a 三调 land code, or undefined when it is none. */
export function landCodeName(code: string): string | undefined {
  return LAND_CODE_NAME.get(code)
}

function isCodeOf(list: readonly CodeName[], value: string): boolean {
  return list.some((c) => c.code === value)
}

function listCodes(list: readonly CodeName[]): string {
  return list.map((c) => `${c.code} ${c.name}`).join('、')
}

/**
 * Checks the attributes of a parcel against the 三调 code lists and field rules; `where` names the parcel in the
 * messages (e.g. "新图斑" or "图斑 430903-0000123"). The township is checked against the database elsewhere.
 */
export function checkAttributes(a: ParcelAttributes, where: string): AttributeProblem[] {
  const problems: AttributeProblem[] = []
  if (!a.dlbm?.trim()) {
    problems.push({
      code: 'UNKNOWN_CODE',
      field: 'dlbm',
      message: `${where}的地类编码必填，应为三调工作分类的编码（如 0101 水田、0102 水浇地、0103 旱地）`,
    })
  } else if (!landCodeName(a.dlbm)) {
    problems.push({
      code: 'UNKNOWN_CODE',
      field: 'dlbm',
      message: `${where}的地类编码“${a.dlbm}”不是三调工作分类的编码（如 0101 水田、0102 水浇地、0103 旱地）`,
    })
  }
  if (a.qsxz != null && !isCodeOf(QSXZ_CODES, a.qsxz)) {
    problems.push({
      code: 'INVALID_ATTRIBUTE',
      field: 'qsxz',
      message: `${where}的权属性质“${a.qsxz}”无效，应为：${listCodes(QSXZ_CODES)}`,
    })
  }
  if (a.gdpdjb != null && !isCodeOf(GDPDJB_CODES, a.gdpdjb)) {
    problems.push({
      code: 'INVALID_ATTRIBUTE',
      field: 'gdpdjb',
      message: `${where}的耕地坡度级别“${a.gdpdjb}”无效，应为 1–5（${listCodes(GDPDJB_CODES)}）`,
    })
  }
  if (a.zzsxdm != null && !isCodeOf(ZZSXDM_CODES, a.zzsxdm)) {
    problems.push({
      code: 'INVALID_ATTRIBUTE',
      field: 'zzsxdm',
      message: `${where}的种植属性代码“${a.zzsxdm}”无效，应为：${listCodes(ZZSXDM_CODES)}`,
    })
  }
  if (
    a.kcxs != null &&
    !(Number.isFinite(a.kcxs) && a.kcxs >= 0 && a.kcxs < 1 && Math.abs(Math.round(a.kcxs * 1e4) - a.kcxs * 1e4) < 1e-6)
  ) {
    problems.push({
      code: 'INVALID_ATTRIBUTE',
      field: 'kcxs',
      message: `${where}的扣除地类系数 ${a.kcxs} 无效，应不小于 0 且小于 1，最多 4 位小数`,
    })
  }
  const labels = { qsdwmc: '权属单位名称', zldwmc: '坐落单位名称', bz: '备注' } as const
  for (const field of Object.keys(FIELD_MAX_CHARS) as (keyof typeof FIELD_MAX_CHARS)[]) {
    const value = a[field]
    if (value != null && [...value].length > FIELD_MAX_CHARS[field]) {
      problems.push({
        code: 'INVALID_ATTRIBUTE',
        field,
        message: `${where}的${labels[field]}过长（${[...value].length} 个字），最多 ${FIELD_MAX_CHARS[field]} 个字`,
      })
    }
  }
  return problems
}

/**
 * The classes the context base map draws the 三调 地类图斑 in: the first-level classes of GB/T 21010-2017 as the
 * 三调 工作分类 (TD/T 1055-2019 附录) numbers them, with the 湿地 codes of that classification drawn as wetland and
 * the built-up classes folded into three. Muted colours, because the layer lies under everything else.
 */
export const LAND_CLASSES = [
  { key: 'cropland', name: '耕地', color: '#e9dcae', prefixes: ['01'] },
  { key: 'plantation', name: '种植园用地', color: '#dde3b0', prefixes: ['02'] },
  { key: 'woodland', name: '林地', color: '#b7d3a5', prefixes: ['03'] },
  { key: 'grassland', name: '草地', color: '#d5e4bd', prefixes: ['04'] },
  { key: 'wetland', name: '湿地', color: '#b9dcd2', prefixes: [] },
  { key: 'water', name: '水域及水利设施用地', color: '#a8cbe8', prefixes: ['11'] },
  { key: 'transport', name: '交通运输用地', color: '#c4c4c4', prefixes: ['10'] },
  { key: 'residential', name: '住宅用地', color: '#e5c6b5', prefixes: ['07', '20'] },
  { key: 'industrial', name: '商业服务业、工矿用地', color: '#d9c3d4', prefixes: ['05', '06'] },
  { key: 'public', name: '公共管理与公共服务、特殊用地', color: '#e3d2c2', prefixes: ['08', '09'] },
  { key: 'other', name: '其他土地', color: '#e6e1d6', prefixes: ['12'] },
] as const

export type LandClassKey = (typeof LAND_CLASSES)[number]['key']

/** The class of a code none of the rules names (a malformed or foreign code): drawn as 其他土地. */
export const FALLBACK_LAND_CLASS: LandClassKey = 'other'

/**
 * 湿地 of the 三调 工作分类: these second-level codes sit in the 林地, 草地, 工矿 and 水域 numbering but form the
 * 00 湿地 class (0303 红树林地, 0304 森林沼泽, 0306 灌丛沼泽, 0402 沼泽草地, 0603 盐田, 1105 沿海滩涂, 1106 内陆滩涂,
 * 1108 沼泽地).
 */
export const WETLAND_CODES = ['0303', '0304', '0306', '0402', '0603', '1105', '1106', '1108'] as const

/**
 * The class a 地类编码 is drawn in. Codes are read as in the file: a letter suffix (1104A 养殖坑塘, 0201K 可调整果园)
 * or a letter inside (05H1, 08H1) keeps the class of its digits; three-digit 城镇村 codes (201–205) are built-up.
 */
export function landClassOf(dlbm: string): LandClassKey {
  const code = dlbm.trim().toUpperCase()
  if ((WETLAND_CODES as readonly string[]).includes(code.slice(0, 4))) return 'wetland'
  const prefix = code.slice(0, 2)
  return LAND_CLASSES.find((c) => (c.prefixes as readonly string[]).includes(prefix))?.key ?? FALLBACK_LAND_CLASS
}

/**
 * The same rule as {@link landClassOf} as an SQL expression over the text column `column` (a constant name, never
 * user input), for the tile SQL: the class travels in the tile, so the style only matches on it.
 */
export function landClassSql(column: string): string {
  const code = `upper(btrim(${column}))`
  const wetland = WETLAND_CODES.map((c) => `'${c}'`).join(', ')
  const branches = LAND_CLASSES.filter((c) => c.prefixes.length > 0).map(
    (c) => `WHEN left(${code}, 2) IN (${c.prefixes.map((p) => `'${p}'`).join(', ')}) THEN '${c.key}'`,
  )
  return `CASE WHEN left(${code}, 4) IN (${wetland}) THEN 'wetland' ${branches.join(' ')} ELSE '${FALLBACK_LAND_CLASS}' END`
}

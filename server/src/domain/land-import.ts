/**
 * 三调 地类图斑 (DLTB) import: the attribute mapping, which land codes become farmland parcels, and what each
 * problem the checks find means for the officer. Fields: TD/T 1055-2019 (第三次全国国土调查技术规程) and the 三调
 * database standard, see docs/domain-notes.md §6; land codes: 三调工作分类 (GB/T 21010-2017 based). Pure: no I/O.
 */

/** The parcel attributes an import fills, in the order of the 地类图斑 table. */
export const DLTB_ATTRIBUTES = [
  'bsm',
  'tbbh',
  'dlbm',
  'dlmc',
  'qsxz',
  'qsdwdm',
  'qsdwmc',
  'zldwdm',
  'zldwmc',
  'tbmj',
  'kcxs',
  'gdlx',
  'gdpdjb',
  'zzsxdm',
  'zzsxmc',
  'sjnf',
  'bz',
] as const

export type DltbAttribute = (typeof DLTB_ATTRIBUTES)[number]

/** Attribute → column of the file (null: the file has none). */
export type FieldMap = Record<DltbAttribute, string | null>

/** The officer's names of the attributes (字段名称 of the 地类图斑 table). */
export const DLTB_ATTRIBUTE_LABELS: Readonly<Record<DltbAttribute, string>> = {
  bsm: '标识码',
  tbbh: '图斑编号',
  dlbm: '地类编码',
  dlmc: '地类名称',
  qsxz: '权属性质',
  qsdwdm: '权属单位代码',
  qsdwmc: '权属单位名称',
  zldwdm: '坐落单位代码',
  zldwmc: '坐落单位名称',
  tbmj: '图斑面积',
  kcxs: '扣除地类系数',
  gdlx: '耕地类型',
  gdpdjb: '耕地坡度级别',
  zzsxdm: '种植属性代码',
  zzsxmc: '种植属性名称',
  sjnf: '数据年份',
  bz: '备注',
}

/** Column names other vintages of the layer use for an attribute (the 标准 name first). */
const COLUMN_ALIASES: Partial<Record<DltbAttribute, string[]>> = {
  kcxs: ['KCXS', 'TKXS'],
  gdpdjb: ['GDPDJB', 'PDJB'],
}

/** The default mapping: each attribute to the file's column of the same name (case ignored), or a known alias. */
export function defaultFieldMap(columns: readonly string[]): FieldMap {
  const byUpper = new Map(columns.map((c) => [c.toUpperCase(), c]))
  const map = {} as FieldMap
  for (const a of DLTB_ATTRIBUTES) {
    const names = COLUMN_ALIASES[a] ?? [a.toUpperCase()]
    map[a] = names.map((n) => byUpper.get(n)).find((c) => c !== undefined) ?? null
  }
  return map
}

/** The officer's mapping over the defaults; a column the file does not have is an error naming it. */
export function mergeFieldMap(
  columns: readonly string[],
  given: Partial<Record<string, string | null>> | undefined,
): { map: FieldMap; problems: { field: string; message: string }[] } {
  const map = defaultFieldMap(columns)
  const problems: { field: string; message: string }[] = []
  for (const [key, column] of Object.entries(given ?? {})) {
    if (!(DLTB_ATTRIBUTES as readonly string[]).includes(key)) {
      problems.push({ field: key, message: `“${key}”不是可对应的图斑属性` })
      continue
    }
    if (column !== null && column !== undefined && !columns.includes(column)) {
      problems.push({
        field: key,
        message: `${DLTB_ATTRIBUTE_LABELS[key as DltbAttribute]}对应的字段“${column}”在文件中不存在`,
      })
      continue
    }
    map[key as DltbAttribute] = column ?? null
  }
  if (!map.dlbm) problems.push({ field: 'dlbm', message: '没有对应“地类编码”的字段，无法区分耕地和其他地类' })
  return { map, problems }
}

/**
 * A land code as written in 三调 data: 2 digits (09 特殊用地), 4 characters (0101, 05H1, 08H2), with an optional
 * letter suffix (0201K 可调整地类, 1104A 养殖坑塘, 1107A 干渠, 0810A 广场).
 */
const LAND_CODE = /^(\d{2})(\d{2}|H\d)?([A-Z])?$/

export function isLandCode(dlbm: string): boolean {
  return LAND_CODE.test(dlbm)
}

/**
 * Whether a land code becomes a farmland parcel under the setting `farmlandCodes` (first-level codes such as 01
 * or 02, or second-level ones such as 0101): the code, its code without the suffix, or its first level is listed.
 */
export function isFarmlandCode(dlbm: string, farmlandCodes: readonly string[]): boolean {
  const m = LAND_CODE.exec(dlbm)
  if (!m) return false
  const plain = `${m[1]}${m[2] ?? ''}`
  return farmlandCodes.includes(dlbm) || farmlandCodes.includes(plain) || farmlandCodes.includes(m[1])
}

/** A setting of land codes: each 2 digits, or 4 characters with an optional suffix letter. */
export function checkFarmlandCodes(codes: readonly string[]): string | null {
  if (!codes.length) return '至少要有一个作为耕地图斑导入的地类编码（如 0101、0102、0103）'
  const bad = codes.filter((c) => !isLandCode(c))
  return bad.length ? `地类编码“${bad.join('、')}”格式不对，应为 01、0101 或 0201K 这样的编码` : null
}

/** 权属性质 codes a farmland parcel accepts (docs/domain-notes.md §6.1). */
export const QSXZ_CODES = ['10', '20', '30', '31', '32', '33', '34', '40']
/** 种植属性代码 codes a farmland parcel accepts. */
export const ZZSXDM_CODES = ['LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG']

/** Settings of the DLTB checks (config.landImport); every tolerance R 待核实, a choice of this system. */
export interface LandImportChecks {
  /** Land codes taken as farmland parcels; the rest go to the context layer. */
  farmlandCodes: string[]
  /** Repair invalid outlines with ST_MakeValid when the result is a polygon of the same area. */
  repairInvalid: boolean
  /** The repaired area may differ from the original by this fraction at most. */
  repairAreaTolerance: number
  /** Overlap between two imported parcels above this area is refused, m². */
  overlapToleranceM2: number
  /** Area outside the county above this is refused, m². */
  outsideToleranceM2: number
  /** Geodetic area differing from TBMJ by more than this fraction is reported (warning). */
  areaMismatchRatio: number
}

/** The officer's words for the settings, shown with the report. */
export const CHECK_SETTING_LABELS: Readonly<Record<keyof LandImportChecks, string>> = {
  farmlandCodes: '作为耕地图斑导入的地类编码',
  repairInvalid: '自动修复几何错误（修复后面积基本不变时）',
  repairAreaTolerance: '修复前后面积允许相差的比例',
  overlapToleranceM2: '图斑之间允许的重叠面积（平方米）',
  outsideToleranceM2: '允许超出区县边界的面积（平方米）',
  areaMismatchRatio: '计算面积与图斑面积（TBMJ）相差超过此比例时提示',
}

/** A problem the checks stored for a feature (codes and measures from SQL). */
export interface StoredProblem {
  code: string
  severity: 'error' | 'warning'
  reason?: string
  otherBsm?: string
  otherSeq?: number
  areaM2?: number
  tbmj?: number
  ratio?: number
  value?: string
  field?: string
  location?: [number, number]
}

/** What each problem code is called in the report's counts. */
export const PROBLEM_TITLES: Readonly<Record<string, string>> = {
  MISSING_GEOMETRY: '没有几何图形',
  NOT_POLYGON: '不是面状图形',
  INVALID_GEOMETRY: '几何图形无效',
  REPAIRED: '几何图形已自动修复',
  OUTSIDE_COUNTY: '超出区县范围',
  OVERLAP: '与其他图斑重叠',
  DUPLICATE_BSM: '标识码重复',
  WRONG_COUNTY_CODE: '坐落单位代码不属于本区县',
  MISSING_DLBM: '地类编码缺失或有误',
  KCXS_OUT_OF_RANGE: '扣除地类系数超出范围',
  GDPDJB_OUT_OF_RANGE: '耕地坡度级别超出范围',
  BAD_ATTRIBUTE: '属性值不符合要求',
  AREA_MISMATCH: '面积与图斑面积不符',
  NO_TOWNSHIP: '无法确定所在乡镇',
}

const m2 = (v: number | undefined) => (v === undefined ? '' : `${Math.round(v * 100) / 100} 平方米`)

/** The officer's sentence for one problem of one feature. */
export function describeProblem(p: StoredProblem): string {
  switch (p.code) {
    case 'MISSING_GEOMETRY':
      return '图斑没有几何图形（空图形）'
    case 'NOT_POLYGON':
      return `图斑的图形是${p.value ?? '非面'}，不是面`
    case 'INVALID_GEOMETRY':
      return `图斑边界无效：${p.reason ?? '自相交或环不闭合'}${p.areaM2 !== undefined ? `（修复后面积变化 ${m2(p.areaM2)}，未自动修复）` : ''}`
    case 'REPAIRED':
      return `图斑边界无效（${p.reason ?? '自相交'}），已自动修复，修复前后面积相差 ${m2(p.areaM2)}`
    case 'OUTSIDE_COUNTY':
      return `图斑有 ${m2(p.areaM2)}在本区县边界之外`
    case 'OVERLAP':
      return `与图斑 ${p.otherBsm ?? `第 ${p.otherSeq} 个要素`} 重叠 ${m2(p.areaM2)}`
    case 'DUPLICATE_BSM':
      return `标识码 ${p.value} 在文件中出现了多次`
    case 'WRONG_COUNTY_CODE':
      return `坐落单位代码 ${p.value} 不属于本区县（应以本区县代码开头）`
    case 'MISSING_DLBM':
      return p.value ? `地类编码“${p.value}”不是三调地类编码` : '地类编码为空'
    case 'KCXS_OUT_OF_RANGE':
      return `扣除地类系数 ${p.value} 不在 0 到 1 之间（0 ≤ KCXS < 1）`
    case 'GDPDJB_OUT_OF_RANGE':
      return `耕地坡度级别 ${p.value} 不是 1–5 级`
    case 'BAD_ATTRIBUTE':
      return `${DLTB_ATTRIBUTE_LABELS[p.field as DltbAttribute] ?? p.field}“${p.value}”不符合要求`
    case 'AREA_MISMATCH':
      return `计算面积 ${m2(p.areaM2)} 与图斑面积 TBMJ ${m2(p.tbmj)} 相差 ${((p.ratio ?? 0) * 100).toFixed(2)}%`
    case 'NO_TOWNSHIP':
      return '坐落单位代码对不上本区县的乡镇，图斑也不在任何乡镇范围内，导入后所在乡镇为空'
    default:
      return p.code
  }
}

/** The mapped attributes of a feature as cleaned text (numbers of code fields without decimals), absent when empty. */
export function mappedValues(
  properties: Record<string, unknown>,
  map: FieldMap,
): Partial<Record<DltbAttribute, string>> {
  const out: Partial<Record<DltbAttribute, string>> = {}
  for (const a of DLTB_ATTRIBUTES) {
    const column = map[a]
    if (!column) continue
    const raw = properties[column]
    if (raw === null || raw === undefined) continue
    const text = a === 'dlbm' ? String(raw).trim().toUpperCase() : String(raw).trim()
    if (text !== '') out[a] = text
  }
  return out
}

const isNumber = (v: string) => /^-?\d+(\.\d+)?$/.test(v)

/**
 * The longest value each attribute may hold: 标识码 is 18 characters (TD/T 1055-2019); the others are caps well above
 * the field widths of a 三调 database (a choice of this system), so only a broken file reaches them.
 */
export const ATTRIBUTE_MAX_LENGTH: Readonly<Record<DltbAttribute, number>> = {
  bsm: 18,
  tbbh: 30,
  dlbm: 30,
  dlmc: 60,
  qsxz: 30,
  qsdwdm: 30,
  qsdwmc: 255,
  zldwdm: 30,
  zldwmc: 255,
  tbmj: 30,
  kcxs: 30,
  gdlx: 30,
  gdpdjb: 30,
  zzsxdm: 30,
  zzsxmc: 60,
  sjnf: 30,
  bz: 254,
}

const SHOWN_CHARS = 40

/** A value as a report shows it: a control character shows as �, and long text is cut with its length. */
export function shownValue(value: string): string {
  const visible = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '�')
  return visible.length > SHOWN_CHARS ? `${visible.slice(0, SHOWN_CHARS)}…（共 ${visible.length} 个字符）` : visible
}

/**
 * The values as the staging table keeps them: an over-long value (a broken file) is cut to its field's cap, so the
 * staged rows and the report stay small; the feature is refused for it by {@link checkFeatureAttributes}.
 */
export function stagedValues(v: Partial<Record<DltbAttribute, string>>): Partial<Record<DltbAttribute, string>> {
  const out: Partial<Record<DltbAttribute, string>> = {}
  for (const [key, value] of Object.entries(v) as [DltbAttribute, string][])
    out[key] = value.length > ATTRIBUTE_MAX_LENGTH[key] ? value.slice(0, ATTRIBUTE_MAX_LENGTH[key]) : value
  return out
}

/**
 * The attribute checks of one feature and where it goes: a farmland parcel when its land code is one of
 * `farmlandCodes`, else the context layer; codes of the wrong county, out-of-range 扣除地类系数 (0 ≤ KCXS < 1) and
 * 耕地坡度级别 (1–5), and values a farmland parcel cannot hold are errors.
 */
export function checkFeatureAttributes(
  v: Partial<Record<DltbAttribute, string>>,
  context: { adcode: string; farmlandCodes: readonly string[] },
): { target: 'farmland' | 'context' | null; problems: StoredProblem[] } {
  const problems: StoredProblem[] = []
  const error = (code: string, extra: Partial<StoredProblem> = {}) =>
    problems.push({ code, severity: 'error', ...extra })
  let target: 'farmland' | 'context' | null = null
  const flagged = new Set<DltbAttribute>()
  const bad = (field: DltbAttribute) => {
    if (flagged.has(field)) return
    flagged.add(field)
    error('BAD_ATTRIBUTE', { field, value: shownValue(v[field] ?? '') })
  }
  for (const field of Object.keys(v) as DltbAttribute[]) if (v[field]!.length > ATTRIBUTE_MAX_LENGTH[field]) bad(field)
  if (!v.dlbm || !isLandCode(v.dlbm)) error('MISSING_DLBM', v.dlbm ? { value: shownValue(v.dlbm) } : {})
  else target = isFarmlandCode(v.dlbm, context.farmlandCodes) ? 'farmland' : 'context'
  if (v.zldwdm && !v.zldwdm.startsWith(context.adcode)) error('WRONG_COUNTY_CODE', { value: shownValue(v.zldwdm) })
  if (v.kcxs !== undefined && !(isNumber(v.kcxs) && Number(v.kcxs) >= 0 && Number(v.kcxs) < 1))
    error('KCXS_OUT_OF_RANGE', { value: shownValue(v.kcxs) })
  if (v.gdpdjb !== undefined && !['1', '2', '3', '4', '5'].includes(v.gdpdjb))
    error('GDPDJB_OUT_OF_RANGE', { value: shownValue(v.gdpdjb) })
  if (v.tbmj !== undefined && !(isNumber(v.tbmj) && Number(v.tbmj) >= 0)) bad('tbmj')
  if (target !== 'farmland') return { target, problems }
  if (v.qsxz !== undefined && !QSXZ_CODES.includes(v.qsxz)) bad('qsxz')
  if (v.zzsxdm !== undefined && !ZZSXDM_CODES.includes(v.zzsxdm)) bad('zzsxdm')
  if (v.sjnf !== undefined && !/^\d{4}$/.test(v.sjnf)) bad('sjnf')
  for (const f of ['qsdwmc', 'zldwmc'] as const) if ((v[f]?.length ?? 0) > 60) bad(f)
  if (v.dlbm!.length > 5) bad('dlbm')
  return { target, problems }
}

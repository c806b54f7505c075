import { DLBM, FARMLAND_CLASS, REVIEW_STATUS, labelOf } from './labels.ts'
import { m2ToHectares, m2ToMu } from './units.ts'

/** A class list (分类清单) as the exports describe it: one county's list, its rule version and review state. */
export interface ExportListHeader {
  id: number
  adcode: string
  county: string
  cityCode: string
  city: string
  province: string
  title: string
  ruleSetVersion: string
  reviewStatus: string
  isComplete: boolean
  parcelCount: number
  /** True when any parcel of the list is generated sample data (farmland_parcel.is_generated). */
  hasGeneratedData: boolean
  createdBy: string
  createdAt: Date
  publishedAt: Date | null
}

/** One parcel's entry in the list, joined with the parcel and its township. */
export interface ExportEntryRow {
  townshipCode: string | null
  township: string | null
  parcelCode: string
  dlbm: string
  areaM2: number
  class: string
  method: string
  soilGrade: string | null
  mainPollutants: string[]
  sampleCount: number
  basisSummary: string | null
  computedClass: string | null
  overrideReason: string | null
  isGenerated: boolean
}

export type ExportValue = string | number | null

/** One column of every export format: the 三调-style short name (Shapefile, GeoJSON, GeoPackage) and the Chinese title (CSV, XLSX). */
export interface ExportField {
  /** ≤ 10 ASCII characters, the dBASE limit of a Shapefile. */
  name: string
  title: string
  type: 'text' | 'integer' | 'real'
  /** dBASE width: bytes of UTF-8 for text, digits for numbers. */
  width: number
  /** Decimal places of a real. */
  precision?: number
  /** Column width in the XLSX sheet, in characters. */
  sheetWidth: number
  description: string
  value: (row: ExportEntryRow, list: ExportListHeader) => ExportValue
}

/** How a class was decided (class_list_entry.method). */
export const CLASS_METHOD = {
  samples: '样点判定',
  interpolated: '邻近样点推断',
  no_data: '数据不足',
  override: '人工调整',
} as const

/** GB 15618-2018 soil grade of the deciding samples (class_list_entry.soil_grade). */
export const SOIL_GRADE = { A: 'A', B: 'B', C: 'C', review: '待复核' } as const

/** Chinese names of the GB 15618-2018 elements. */
export const ELEMENT_NAME = { Cd: '镉', Hg: '汞', As: '砷', Pb: '铅', Cr: '铬', Cu: '铜', Ni: '镍', Zn: '锌' } as const

export const GENERATED_DATA_SOURCE = '程序生成的示例数据（非调查成果）'
export const IMPORTED_DATA_SOURCE = '导入数据'

/** The note every export carries when any of its parcels is generated sample data. */
export const GENERATED_DATA_NOTE =
  '本清单含程序生成的示例数据（图斑边界、样点及监测值均为演示用，非调查成果），不得作为管理依据。'

export const CRS_NAME = 'CGCS2000 地理坐标系（EPSG:4490），经纬度，单位：度'

const round = (value: number, digits: number) => Number(value.toFixed(digits))

function pollutantNames(codes: string[]): string {
  return codes.map((c) => labelOf(ELEMENT_NAME, c)).join('、')
}

/** The fields of every export, in column order. */
export const CLASS_LIST_EXPORT_FIELDS: readonly ExportField[] = [
  {
    name: 'SDM',
    title: '省级行政区代码',
    type: 'text',
    width: 6,
    sheetWidth: 10,
    description: '省级行政区划代码（GB/T 2260）',
    value: (_r, l) => `${l.adcode.slice(0, 2)}0000`,
  },
  {
    name: 'SMC',
    title: '省级行政区名称',
    type: 'text',
    width: 60,
    sheetWidth: 12,
    description: '省级行政区名称',
    value: (_r, l) => l.province,
  },
  {
    name: 'SHIDM',
    title: '地级行政区代码',
    type: 'text',
    width: 6,
    sheetWidth: 10,
    description: '地级行政区划代码',
    value: (_r, l) => l.cityCode,
  },
  {
    name: 'SHIMC',
    title: '地级行政区名称',
    type: 'text',
    width: 60,
    sheetWidth: 12,
    description: '地级行政区名称',
    value: (_r, l) => l.city,
  },
  {
    name: 'XZQDM',
    title: '县级行政区代码',
    type: 'text',
    width: 6,
    sheetWidth: 10,
    description: '县级行政区划代码',
    value: (_r, l) => l.adcode,
  },
  {
    name: 'XZQMC',
    title: '县级行政区名称',
    type: 'text',
    width: 60,
    sheetWidth: 12,
    description: '县级行政区名称',
    value: (_r, l) => l.county,
  },
  {
    name: 'XZDM',
    title: '乡镇代码',
    type: 'text',
    width: 9,
    sheetWidth: 12,
    description: '乡级行政区代码（9 位）',
    value: (r) => r.townshipCode,
  },
  {
    name: 'XZMC',
    title: '乡镇名称',
    type: 'text',
    width: 60,
    sheetWidth: 14,
    description: '乡级行政区名称',
    value: (r) => r.township,
  },
  {
    name: 'TBBH',
    title: '图斑编号',
    type: 'text',
    width: 40,
    sheetWidth: 20,
    description: '耕地图斑编号（县内唯一）',
    value: (r) => r.parcelCode,
  },
  {
    name: 'DLBM',
    title: '地类编码',
    type: 'text',
    width: 5,
    sheetWidth: 9,
    description: '第三次全国国土调查工作分类地类编码',
    value: (r) => r.dlbm,
  },
  {
    name: 'DLMC',
    title: '地类名称',
    type: 'text',
    width: 30,
    sheetWidth: 10,
    description: '地类名称',
    value: (r) => labelOf(DLBM, r.dlbm),
  },
  {
    name: 'MJ_MU',
    title: '面积（亩）',
    type: 'real',
    width: 14,
    precision: 2,
    sheetWidth: 11,
    description: '图斑椭球面积，单位亩（1 亩 = 10000/15 平方米），保留 2 位小数',
    value: (r) => round(m2ToMu(r.areaM2), 2),
  },
  {
    name: 'MJ_HA',
    title: '面积（公顷）',
    type: 'real',
    width: 14,
    precision: 4,
    sheetWidth: 12,
    description: '图斑椭球面积，单位公顷，保留 4 位小数',
    value: (r) => round(m2ToHectares(r.areaM2), 4),
  },
  {
    name: 'LB',
    title: '类别代码',
    type: 'text',
    width: 12,
    sheetWidth: 12,
    description: '类别代码：priority 优先保护类，safe_use 安全利用类，strict 严格管控类，unclassified 未划定',
    value: (r) => r.class,
  },
  {
    name: 'LBMC',
    title: '类别',
    type: 'text',
    width: 15,
    sheetWidth: 12,
    description: '耕地土壤环境质量类别',
    value: (r) => labelOf(FARMLAND_CLASS, r.class),
  },
  {
    name: 'HDFF',
    title: '划定方法',
    type: 'text',
    width: 30,
    sheetWidth: 13,
    description: '样点判定 / 邻近样点推断 / 数据不足 / 人工调整',
    value: (r) => labelOf(CLASS_METHOD, r.method),
  },
  {
    name: 'TRDJ',
    title: '土壤等级',
    type: 'text',
    width: 12,
    sheetWidth: 9,
    description: 'GB 15618-2018 土壤环境质量等级：A 不超筛选值，B 超筛选值不超管制值，C 超管制值；待复核',
    value: (r) => (r.soilGrade === null ? null : labelOf(SOIL_GRADE, r.soilGrade)),
  },
  {
    name: 'ZYWRW',
    title: '主要污染物',
    type: 'text',
    width: 60,
    sheetWidth: 14,
    description: '超过筛选值的主要污染物',
    value: (r) => pollutantNames(r.mainPollutants),
  },
  {
    name: 'YDS',
    title: '样点数',
    type: 'integer',
    width: 6,
    sheetWidth: 8,
    description: '参与判定的样点数',
    value: (r) => r.sampleCount,
  },
  {
    name: 'YJ',
    title: '划分依据',
    type: 'text',
    width: 254,
    sheetWidth: 60,
    description:
      '划分依据摘要（样点、污染物、实测值、标准值、标准条款）；Shapefile 中超过 254 字节时截断，全文见其他格式',
    value: (r) => r.basisSummary,
  },
  {
    name: 'JSLBMC',
    title: '计算类别',
    type: 'text',
    width: 15,
    sheetWidth: 10,
    description: '人工调整前按规则计算的类别（仅人工调整的图斑）',
    value: (r) => (r.computedClass === null ? null : labelOf(FARMLAND_CLASS, r.computedClass)),
  },
  {
    name: 'TZYY',
    title: '调整原因',
    type: 'text',
    width: 254,
    sheetWidth: 24,
    description: '人工调整的原因',
    value: (r) => r.overrideReason,
  },
  {
    name: 'GZBB',
    title: '规则版本',
    type: 'text',
    width: 40,
    sheetWidth: 16,
    description: '划分规则集版本',
    value: (_r, l) => l.ruleSetVersion,
  },
  {
    name: 'QDBH',
    title: '清单编号',
    type: 'integer',
    width: 10,
    sheetWidth: 9,
    description: '分类清单编号',
    value: (_r, l) => l.id,
  },
  {
    name: 'QDZT',
    title: '清单状态',
    type: 'text',
    width: 15,
    sheetWidth: 9,
    description: '分类清单审核状态：草稿 / 已提交 / 已审定 / 退回 / 已发布',
    value: (_r, l) => labelOf(REVIEW_STATUS, l.reviewStatus),
  },
  {
    name: 'SJLY',
    title: '数据来源',
    type: 'text',
    width: 60,
    sheetWidth: 22,
    description: `图斑数据来源；“${GENERATED_DATA_SOURCE}”不得作为管理依据`,
    value: (r) => (r.isGenerated ? GENERATED_DATA_SOURCE : IMPORTED_DATA_SOURCE),
  },
]

/** Bytes of `text` in UTF-8. */
export function utf8Length(text: string): number {
  let bytes = 0
  for (const ch of text) {
    const cp = ch.codePointAt(0)!
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4
  }
  return bytes
}

/** `text` cut to at most `maxBytes` bytes of UTF-8 on a character boundary, ending in “…” when cut. */
export function fitUtf8Bytes(text: string, maxBytes: number): string {
  if (utf8Length(text) <= maxBytes) return text
  const ellipsisBytes = 3
  let bytes = 0
  let out = ''
  for (const ch of text) {
    const size = utf8Length(ch)
    if (bytes + size > maxBytes - ellipsisBytes) break
    bytes += size
    out += ch
  }
  return `${out}…`
}

/**
 * One entry as an export record keyed by the short field names. With `isDbf` every text is cut to its dBASE
 * width (a Shapefile cannot hold more), so no UTF-8 character is split.
 */
export function toExportRecord(
  row: ExportEntryRow,
  list: ExportListHeader,
  options: { isDbf?: boolean } = {},
): Record<string, ExportValue> {
  const record: Record<string, ExportValue> = {}
  for (const field of CLASS_LIST_EXPORT_FIELDS) {
    const value = field.value(row, list)
    record[field.name] =
      options.isDbf && field.type === 'text' && typeof value === 'string' ? fitUtf8Bytes(value, field.width) : value
  }
  return record
}

function formatTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000)
  return `${shifted.toISOString().slice(0, 19).replace('T', ' ')}（北京时间）`
}

/** The list's metadata as label/value lines: the XLSX 说明 sheet and the GeoJSON metadata carry the same. */
export function describeExportList(list: ExportListHeader, exportedAt: Date): { label: string; value: string }[] {
  return [
    { label: '清单编号', value: String(list.id) },
    { label: '清单名称', value: list.title },
    { label: '行政区', value: `${list.province} ${list.city} ${list.county}（${list.adcode}）` },
    { label: '划分规则版本', value: list.ruleSetVersion },
    { label: '审核状态', value: labelOf(REVIEW_STATUS, list.reviewStatus) },
    { label: '图斑数', value: String(list.parcelCount) },
    { label: '创建人', value: list.createdBy },
    { label: '创建时间', value: formatTime(list.createdAt) },
    { label: '发布时间', value: list.publishedAt ? formatTime(list.publishedAt) : '未发布' },
    { label: '导出时间', value: formatTime(exportedAt) },
    { label: '坐标系', value: CRS_NAME },
    { label: '数据说明', value: list.hasGeneratedData ? GENERATED_DATA_NOTE : '图斑数据均为导入数据。' },
  ]
}

export const EXPORT_FORMATS = {
  csv: { contentType: 'text/csv; charset=utf-8', label: 'CSV' },
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
  geojson: { contentType: 'application/geo+json', label: 'GeoJSON' },
  'shp.zip': { contentType: 'application/zip', label: 'Shapefile' },
  gpkg: { contentType: 'application/geopackage+sqlite3', label: 'GeoPackage' },
} as const

export type ExportFormat = keyof typeof EXPORT_FORMATS

/** The ASCII base name of the files inside an export (a zip's members, the layer names). */
export function exportBaseName(list: Pick<ExportListHeader, 'adcode' | 'id'>): string {
  return `class_list_${list.adcode}_${list.id}`
}

/** The download name: “分类清单_赫山区_清单12.csv”, with an ASCII fallback for old clients. */
export function exportFileName(
  list: Pick<ExportListHeader, 'adcode' | 'id' | 'county'>,
  format: ExportFormat,
): { utf8: string; ascii: string } {
  return { utf8: `分类清单_${list.county}_清单${list.id}.${format}`, ascii: `${exportBaseName(list)}.${format}` }
}

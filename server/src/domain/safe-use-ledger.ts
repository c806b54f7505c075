import { MEASURE_BUCKET_LABEL, MEASURE_BUCKETS, type MeasureBucket, type PollutionDegree } from './safe-use-rate.ts'

/**
 * 受污染耕地安全利用台账: the pollution degree a parcel's published class gives, the measure vocabulary, the ledger's
 * spreadsheet columns, the check of one row, and whether a row agrees with the published class. Pure: no I/O.
 * Degrees and buckets follow 《受污染耕地安全利用率核算方法（试行）》 and 《农用地土壤环境质量类别划分技术指南（试行）》
 * (docs/domain-notes.md §4).
 */

/** The degree as the ledger writes it. */
export const DEGREE_NAME: Record<PollutionDegree, string> = {
  slight: '轻微',
  mild_moderate: '轻中度',
  severe: '重度',
}

/** The published class as the officer reads it. */
export const CLASS_NAME: Record<string, string> = {
  priority: '优先保护类',
  safe_use: '安全利用类',
  strict: '严格管控类',
  unclassified: '未划定',
}

/** The bucket as the ledger writes it (优先保护类 / 安全利用类 / 严格管控类). */
export const BUCKET_NAME: Record<MeasureBucket, string> = {
  priority: '优先保护类',
  safe_use: '安全利用类',
  strict: '严格管控类',
}

/** The produce outcome against GB 2762: true 达标, false 超标, null 未监测. */
export function produceName(compliant: boolean | null): string {
  return compliant === null ? '未监测' : compliant ? '达标' : '超标'
}

export interface Measure {
  name: string
  bucket: MeasureBucket
}

/**
 * The measures officers choose from, with their bucket (a setting, SAFE_USE_MEASURES). The names of the sample
 * generator are in it, so generated rows read as the vocabulary.
 */
export const DEFAULT_MEASURES: readonly Measure[] = [
  ...['秸秆还田', '增施有机肥', '土壤环境质量监测'].map((name) => ({ name, bucket: 'priority' as const })),
  ...[
    '低积累品种替代',
    '水分调控',
    '水分调节',
    '施用石灰调节酸性',
    '施用石灰调节酸度',
    '叶面阻控',
    '深翻耕',
    '优化施肥',
    '钝化剂',
  ].map((name) => ({ name, bucket: 'safe_use' as const })),
  ...['种植结构调整', '划定特定农产品禁止生产区域', '退耕还林还草', '休耕'].map((name) => ({
    name,
    bucket: 'strict' as const,
  })),
]

/** Reads the vocabulary setting: `名称:类别` pairs separated by `;`, 类别 优先保护类 / 安全利用类 / 严格管控类. */
export function parseMeasureSetting(text: string): Measure[] {
  const byName = Object.fromEntries(MEASURE_BUCKETS.map((b) => [BUCKET_NAME[b], b])) as Record<string, MeasureBucket>
  const measures: Measure[] = []
  for (const part of text.split(/[;；\n]/)) {
    if (!part.trim()) continue
    const [name, bucketName] = part.split(/[:：]/).map((s) => s.trim())
    const bucket = byName[bucketName ?? '']
    if (!name || !bucket) throw new Error(`SAFE_USE_MEASURES：「${part.trim()}」应写作“措施名称:措施类别”`)
    if (measures.some((m) => m.name === name)) throw new Error(`SAFE_USE_MEASURES：措施「${name}」重复`)
    measures.push({ name, bucket })
  }
  if (!measures.length) throw new Error('SAFE_USE_MEASURES：至少须有一项措施')
  return measures
}

/**
 * The degree a parcel's published class gives: 严格管控类 → 重度; 安全利用类 → 轻微 when its basis found the produce
 * meeting GB 2762 or not monitored (soil above the screening value only), 轻中度 when the produce exceeded; no
 * degree for 优先保护类 and 未划定 (not contaminated by the published list).
 */
export function defaultDegree(publishedClass: string, cropResult: string | null): PollutionDegree | null {
  if (publishedClass === 'strict') return 'severe'
  if (publishedClass !== 'safe_use') return null
  return cropResult === 'slight' || cropResult === 'serious' ? 'mild_moderate' : 'slight'
}

/** The degrees a published class agrees with. */
const AGREEING: Record<string, readonly PollutionDegree[]> = {
  safe_use: ['slight', 'mild_moderate'],
  strict: ['severe'],
  priority: [],
  unclassified: [],
}

export const INCONSISTENCY = {
  PUBLISHED_PRIORITY: 'PUBLISHED_PRIORITY',
  NOT_PUBLISHED: 'NOT_PUBLISHED',
  DEGREE_DISAGREES: 'DEGREE_DISAGREES',
  PARCEL_GONE: 'PARCEL_GONE',
  MISSING_FROM_LEDGER: 'MISSING_FROM_LEDGER',
} as const
export type InconsistencyCode = keyof typeof INCONSISTENCY

/** Why a ledger row disagrees with the published class of its parcel, or null when they agree. */
export function ledgerInconsistency(row: {
  degree: PollutionDegree
  publishedClass: string | null
}): { code: InconsistencyCode; message: string } | null {
  const degree = `${DEGREE_NAME[row.degree]}污染`
  if (row.publishedClass === null)
    return { code: 'PARCEL_GONE', message: `台账按${degree}计入，但图斑已不在耕地图斑中，无法对照公布的类别` }
  if ((AGREEING[row.publishedClass] ?? []).includes(row.degree)) return null
  if (row.publishedClass === 'priority')
    return { code: 'PUBLISHED_PRIORITY', message: `台账按${degree}计入，但已公布为优先保护类（未受污染）` }
  if (row.publishedClass === 'unclassified')
    return { code: 'NOT_PUBLISHED', message: `台账按${degree}计入，但图斑尚未公布类别` }
  return {
    code: 'DEGREE_DISAGREES',
    message: `台账按${degree}计入，但已公布为${CLASS_NAME[row.publishedClass]}（应为${AGREEING[row.publishedClass]
      .map((d) => DEGREE_NAME[d])
      .join('或')}）`,
  }
}

/** A parcel published as contaminated that the year's ledger does not list. */
export function missingFromLedger(publishedClass: string): { code: InconsistencyCode; message: string } {
  return {
    code: 'MISSING_FROM_LEDGER',
    message: `已公布为${CLASS_NAME[publishedClass]}，但本年度台账中没有该图斑`,
  }
}

/** Whether a degree differs from the one the published class gives, so a reason is needed. */
export function needsDegreeReason(degree: PollutionDegree, fromClass: PollutionDegree | null): boolean {
  return fromClass !== degree
}

export type LedgerField =
  | 'county'
  | 'township'
  | 'parcelCode'
  | 'areaMu'
  | 'degree'
  | 'degreeReason'
  | 'measures'
  | 'buckets'
  | 'implementer'
  | 'implementedFrom'
  | 'implementedTo'
  | 'produce'
  | 'note'

export interface LedgerColumn {
  field: LedgerField
  title: string
  isRequired: boolean
  /** What may be written, for the 说明 sheet. */
  allowed: string
  example: string
}

/** The columns of the template, the import and the export, in order (the table the province collects). */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { field: 'county', title: '县（市、区）', isRequired: false, allowed: '可留空；填写时须为本台账的区县', example: '' },
  { field: 'township', title: '乡镇', isRequired: false, allowed: '导入时不读取，按图斑所在乡镇', example: '' },
  {
    field: 'parcelCode',
    title: '图斑编号',
    isRequired: true,
    allowed: '本区县已登记的耕地图斑编号；每个图斑每年一行',
    example: '430903-000001',
  },
  {
    field: 'areaMu',
    title: '面积（亩）',
    isRequired: false,
    allowed: '大于 0、不超过图斑面积的数；留空按图斑面积',
    example: '',
  },
  {
    field: 'degree',
    title: '污染程度',
    isRequired: false,
    allowed: '轻微、轻中度 或 重度；留空按公布的类别（安全利用类→轻微/轻中度，严格管控类→重度）',
    example: '',
  },
  {
    field: 'degreeReason',
    title: '污染程度调整理由',
    isRequired: false,
    allowed: '污染程度与公布的类别不一致时必填',
    example: '',
  },
  {
    field: 'measures',
    title: '措施',
    isRequired: false,
    allowed: '措施名称，多项用“、”分隔；须为措施目录中的名称',
    example: '低积累品种替代、水分调控',
  },
  {
    field: 'buckets',
    title: '措施类别',
    isRequired: false,
    allowed: '导入时不读取，按措施目录',
    example: '',
  },
  { field: 'implementer', title: '实施主体', isRequired: false, allowed: '不超过 100 字', example: '某某乡农技站' },
  {
    field: 'implementedFrom',
    title: '实施开始日期',
    isRequired: false,
    allowed: 'YYYY-MM-DD；实施期须与核算年度有交集',
    example: '',
  },
  {
    field: 'implementedTo',
    title: '实施结束日期',
    isRequired: false,
    allowed: 'YYYY-MM-DD，不早于开始日期',
    example: '',
  },
  {
    field: 'produce',
    title: '农产品是否达标',
    isRequired: false,
    allowed: '达标、超标 或 未监测（GB 2762）；留空按图斑内及附近农产品产地监测点位的结果',
    example: '',
  },
  { field: 'note', title: '备注', isRequired: false, allowed: '写“示例”的行不导入；不超过 500 字', example: '示例' },
]

export const EXAMPLE_MARK = '示例'

/** 面积（亩）, 面积(亩), ' 面积 ' → 面积. */
function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .replace(/\s+/g, '')
    .trim()
}

export type LedgerHeader = { ok: true; index: Map<LedgerField, number> } | { ok: false; message: string }

/** Finds the ledger's columns in a header row: the required ones must be there, unknown ones are named. */
export function readLedgerHeader(cells: readonly string[]): LedgerHeader {
  const byTitle = new Map(LEDGER_COLUMNS.map((c) => [headerKey(c.title), c]))
  const index = new Map<LedgerField, number>()
  const unknown: string[] = []
  cells.forEach((cell, i) => {
    const key = headerKey(cell)
    if (!key) return
    const column = byTitle.get(key)
    if (!column) unknown.push(cell.trim())
    else if (!index.has(column.field)) index.set(column.field, i)
  })
  const missing = LEDGER_COLUMNS.filter((c) => c.isRequired && !index.has(c.field)).map((c) => `「${c.title}」`)
  if (missing.length) return { ok: false, message: `第 1 行（表头）缺少必填列${missing.join('、')}，请使用台账模板` }
  if (unknown.length)
    return {
      ok: false,
      message: `第 1 行（表头）有模板中没有的列${unknown.map((u) => `「${u}」`).join('、')}，请使用台账模板`,
    }
  return { ok: true, index }
}

/** One checked ledger row as the file gives it; parcel facts are checked by the service. */
export interface LedgerRowInput {
  county: string
  parcelCode: string
  areaMu: number | null
  degree: PollutionDegree | null
  degreeReason: string | null
  measures: Measure[]
  implementer: string | null
  implementedFrom: string | null
  implementedTo: string | null
  /** undefined = take it from monitoring; null = 未监测 entered. */
  produce: boolean | null | undefined
  note: string | null
}

export interface CellProblem {
  column: string
  message: string
}

const titleOf = (field: LedgerField) => LEDGER_COLUMNS.find((c) => c.field === field)!.title

/** 2024-05-03, 2024/5/3, 2024.5.3 → 2024-05-03; null when not a real date. */
export function readDate(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim())
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

const DEGREE_OF_NAME: Record<string, PollutionDegree> = {
  轻微: 'slight',
  轻微污染: 'slight',
  轻中度: 'mild_moderate',
  轻中度污染: 'mild_moderate',
  重度: 'severe',
  重度污染: 'severe',
}

const PRODUCE_OF_NAME: Record<string, boolean | null> = { 达标: true, 是: true, 超标: false, 否: false, 未监测: null }

/** Looks up measure names (、，, ; separated) in the vocabulary: the measures, or the unknown names. */
export function readMeasures(
  text: string,
  vocabulary: readonly Measure[],
): { measures: Measure[]; unknown: string[]; repeated: string[] } {
  const names = text
    .split(/[、，,;；]/)
    .map((s) => s.trim())
    .filter(Boolean)
  const measures: Measure[] = []
  const unknown: string[] = []
  const repeated: string[] = []
  for (const name of names) {
    const m = vocabulary.find((v) => v.name === name)
    if (!m) unknown.push(name)
    else if (measures.includes(m)) repeated.push(name)
    else measures.push(m)
  }
  return { measures, unknown, repeated }
}

/** The vocabulary as the 说明 sheet and the client list it. */
export function describeVocabulary(vocabulary: readonly Measure[]): string {
  return MEASURE_BUCKETS.map(
    (b) =>
      `${MEASURE_BUCKET_LABEL[b]}：${
        vocabulary
          .filter((m) => m.bucket === b)
          .map((m) => m.name)
          .join('、') || '（无）'
      }`,
  ).join('；')
}

/** Checks one sheet row's values (not the parcel): the row, or the problems with their column. */
export function checkLedgerCells(
  get: (field: LedgerField) => string,
  vocabulary: readonly Measure[],
  year: number,
): { ok: true; value: LedgerRowInput } | { ok: false; problems: CellProblem[] } {
  const problems: CellProblem[] = []
  const fail = (field: LedgerField, message: string) =>
    problems.push({ column: titleOf(field), message: `「${titleOf(field)}」${message}` })
  const parcelCode = get('parcelCode').trim()
  if (!parcelCode) fail('parcelCode', '必填')
  let areaMu: number | null = null
  const areaText = get('areaMu').trim()
  if (areaText) {
    const n = Number(areaText.replace(/,/g, ''))
    if (!Number.isFinite(n) || n <= 0) fail('areaMu', `应为大于 0 的数（亩），不是「${areaText}」`)
    else areaMu = n
  }
  const degreeText = get('degree').trim()
  const degree = degreeText ? DEGREE_OF_NAME[degreeText] : null
  if (degree === undefined) fail('degree', `应为 轻微、轻中度 或 重度，不是「${degreeText}」`)
  const read = readMeasures(get('measures'), vocabulary)
  if (read.unknown.length)
    fail(
      'measures',
      `：措施目录中没有${read.unknown.map((u) => `「${u}」`).join('、')}（${describeVocabulary(vocabulary)}）`,
    )
  if (read.repeated.length) fail('measures', `：${read.repeated.map((u) => `「${u}」`).join('、')}重复填写`)
  const dates: Record<'implementedFrom' | 'implementedTo', string | null> = {
    implementedFrom: null,
    implementedTo: null,
  }
  for (const field of ['implementedFrom', 'implementedTo'] as const) {
    const text = get(field).trim()
    if (!text) continue
    const date = readDate(text)
    if (!date) fail(field, `应为日期 YYYY-MM-DD，不是「${text}」`)
    else dates[field] = date
  }
  if (dates.implementedFrom && dates.implementedTo && dates.implementedTo < dates.implementedFrom)
    fail('implementedTo', `${dates.implementedTo} 早于实施开始日期 ${dates.implementedFrom}`)
  if (dates.implementedFrom && dates.implementedFrom > `${year}-12-31`)
    fail('implementedFrom', `${dates.implementedFrom} 晚于 ${year} 年底，不属于 ${year} 年度台账`)
  if (dates.implementedTo && dates.implementedTo < `${year}-01-01`)
    fail('implementedTo', `${dates.implementedTo} 早于 ${year} 年初，不属于 ${year} 年度台账`)
  const produceText = get('produce').trim()
  const produce = produceText ? PRODUCE_OF_NAME[produceText] : undefined
  if (produceText && produce === undefined) fail('produce', `应为 达标、超标 或 未监测，不是「${produceText}」`)
  const text = (field: LedgerField, max: number) => {
    const value = get(field).trim()
    if (value.length > max) fail(field, `超过 ${max} 字`)
    return value || null
  }
  const implementer = text('implementer', 100)
  const degreeReason = text('degreeReason', 500)
  const note = text('note', 500)
  if (problems.length) return { ok: false, problems }
  return {
    ok: true,
    value: {
      county: get('county').trim(),
      parcelCode,
      areaMu,
      degree: degree ?? null,
      degreeReason,
      measures: read.measures,
      implementer,
      implementedFrom: dates.implementedFrom,
      implementedTo: dates.implementedTo,
      produce,
      note,
    },
  }
}

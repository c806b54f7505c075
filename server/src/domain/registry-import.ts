import type { Polygon } from 'geojson'
import { acceptedCrsOf } from './crs-detect.ts'
import { GB36600_SUBSTANCES, type Gb36600Substance } from './gb36600.ts'
import type { LandClass } from './gb50137.ts'
import { ENTERPRISE_STATUS, INDUSTRY, POINT_LEVEL, POINT_TYPE } from './labels.ts'
import type { PointLevel, PointType } from './monitoring.ts'
import { EXAMPLE_MARK, headerKey, type SheetRow } from './monitoring-import.ts'
import { KIND_COLUMNS, KIND_NAME, names, type RegistryKind } from './registry-import-kinds.ts'

/**
 * The bulk registry imports (重点监管单位, 疑似污染地块/污染地块, 监测点位, a laboratory's results of a plot): the
 * columns of each template, the reading of a header and of the rows, and the checks of one row that need no
 * database. Pure: the service reads the file and asks the database the set-wise questions.
 */

/** A cell of the row report: the file's row number (null for a feature of the outline file), the column, why. */
export interface RowProblem {
  row: number | null
  column: string
  message: string
}

export interface KindRow {
  row: number
  cells: Record<string, string>
}

export type KindHeader = { ok: true; index: Map<string, number> } | { ok: false; message: string }

/** Finds the template's columns of `kind` in a header row; unknown headers are named, required ones must be there. */
export function readKindHeader(kind: RegistryKind, cells: readonly string[]): KindHeader {
  const columns = KIND_COLUMNS[kind]
  const byTitle = new Map(columns.map((c) => [headerKey(c.title).toLowerCase(), c]))
  const index = new Map<string, number>()
  const unknown: string[] = []
  cells.forEach((cell, i) => {
    const key = headerKey(cell).toLowerCase()
    if (!key) return
    const column = byTitle.get(key)
    if (!column) unknown.push(cell.trim())
    else if (!index.has(column.field)) index.set(column.field, i)
  })
  const missing = columns.filter((c) => c.isRequired && !index.has(c.field)).map((c) => `「${c.title}」`)
  if (missing.length)
    return { ok: false, message: `第 1 行（表头）缺少必填列${missing.join('、')}，请使用${KIND_NAME[kind]}导入模板` }
  if (unknown.length)
    return {
      ok: false,
      message: `第 1 行（表头）有${KIND_NAME[kind]}模板中没有的列：${unknown.map((u) => `「${u}」`).join('、')}，请使用导入模板的列名`,
    }
  return { ok: true, index }
}

/** The data rows as cells by field; blank rows and rows marked 示例 in 备注 are left out. */
export function readKindRows(index: Map<string, number>, rows: readonly SheetRow[]): KindRow[] {
  const out: KindRow[] = []
  for (const r of rows) {
    if (r.cells.every((c) => c.trim() === '')) continue
    const cells: Record<string, string> = {}
    for (const [field, i] of index) cells[field] = (r.cells[i] ?? '').trim()
    if ((cells.note ?? '').startsWith(EXAMPLE_MARK)) continue
    out.push({ row: r.row, cells })
  }
  return out
}

/** The column title of a field of a kind. */
export function columnTitle(kind: RegistryKind, field: string): string {
  return KIND_COLUMNS[kind].find((c) => c.field === field)?.title ?? field
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** Why a 统一社会信用代码 is wrong (GB 32100-2015: 18 characters of its set, the 18th the check character), or null. */
export function creditCodeProblem(code: string): string | null {
  if (code.length !== 18) return `应为 18 位，「${code}」有 ${code.length} 位`
  const bad = [...code].find((ch) => !CREDIT_CHARS.includes(ch))
  if (bad !== undefined) return `含有不允许的字符「${bad}」（只能是数字或大写字母，不含 I、O、S、V、Z）`
  const sum = CREDIT_WEIGHTS.reduce((s, w, i) => s + CREDIT_CHARS.indexOf(code[i]) * w, 0)
  const check = CREDIT_CHARS[(31 - (sum % 31)) % 31]
  if (code[17] !== check)
    return `校验码不符（按 GB 32100-2015 第 18 位应为「${check}」，填写的是「${code[17]}」），请核对`
  return null
}

const byLabel = <K extends string>(table: Record<K, string>, text: string): K | undefined =>
  (Object.keys(table) as K[]).find((k) => table[k] === text || k === text)

/** A row's cell problems, each with its column. */
export interface CellProblem {
  column: string
  message: string
}

type Checked<T> = { ok: true; value: T } | { ok: false; problems: CellProblem[] }

function collector(kind: RegistryKind) {
  const problems: CellProblem[] = []
  const fail = (field: string, message: string) => {
    const column = columnTitle(kind, field)
    problems.push({ column, message: `「${column}」${message}` })
  }
  return { problems, fail }
}

function numberOf(text: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null
  const n = Number(text)
  return Number.isFinite(n) ? n : null
}

function checkText(
  fail: (field: string, message: string) => void,
  cells: Record<string, string>,
  field: string,
  max: number,
  isRequired: boolean,
): string | null {
  const v = cells[field] ?? ''
  if (!v) {
    if (isRequired) fail(field, '必填')
    return null
  }
  if (v.length > max) fail(field, `不能超过 ${max} 字（现有 ${v.length} 字）`)
  return v
}

/** Longitude/latitude cells: both or neither; within China's range. */
function checkLonLat(
  fail: (field: string, message: string) => void,
  cells: Record<string, string>,
): { lon: number; lat: number } | null | 'bad' {
  const lonText = cells.lon ?? ''
  const latText = cells.lat ?? ''
  if (!lonText && !latText) return null
  const lon = numberOf(lonText)
  const lat = numberOf(latText)
  if (lon === null) fail('lon', lonText ? `「${lonText}」不是数字` : '与纬度须同时填写')
  else if (lon < 73 || lon > 136) fail('lon', `${lon} 不在中国的经度范围（73°–136°）内，请填写 CGCS2000 十进制度`)
  if (lat === null) fail('lat', latText ? `「${latText}」不是数字` : '与经度须同时填写')
  else if (lat < 3 || lat > 54) fail('lat', `${lat} 不在中国的纬度范围（3°–54°）内，请填写 CGCS2000 十进制度`)
  if (lon === null || lat === null || lon < 73 || lon > 136 || lat < 3 || lat > 54) return 'bad'
  return { lon, lat }
}

export interface EnterpriseRow {
  name: string
  creditCode: string
  industry: keyof typeof INDUSTRY | 'other'
  industryOther: string | null
  status: keyof typeof ENTERPRISE_STATUS
  position: { lon: number; lat: number } | null
}

export function checkEnterpriseRow(cells: Record<string, string>): Checked<EnterpriseRow> {
  const { problems, fail } = collector('enterprises')
  const name = checkText(fail, cells, 'name', 100, true)
  const creditCode = (cells.creditCode ?? '').toUpperCase()
  if (!creditCode) fail('creditCode', '必填')
  else {
    const why = creditCodeProblem(creditCode)
    if (why) fail('creditCode', why)
  }
  const industryText = cells.industry ?? ''
  const industry = industryText === '其他' ? 'other' : byLabel(INDUSTRY, industryText)
  if (!industryText) fail('industry', '必填')
  else if (!industry)
    fail('industry', `「${industryText}」不在行业列表中，应为：${names(INDUSTRY)}，或“其他”并填写行业说明`)
  const industryOther = checkText(fail, cells, 'industryOther', 100, industry === 'other')
  if (industry && industry !== 'other' && industryOther) fail('industryOther', '只在行业为“其他”时填写')
  const statusText = cells.status ?? ''
  const status = byLabel(ENTERPRISE_STATUS, statusText)
  if (!statusText) fail('status', '必填')
  else if (!status) fail('status', `「${statusText}」应为：${names(ENTERPRISE_STATUS)}`)
  const position = checkLonLat(fail, cells)
  if (problems.length || !name || !industry || !status || position === 'bad') return { ok: false, problems }
  return {
    ok: true,
    value: { name, creditCode, industry, industryOther: industry === 'other' ? industryOther : null, status, position },
  }
}

const PLOT_LIST = { suspected: '疑似污染地块', contaminated: '污染地块' } as const
const LAND_CLASS_TEXT: Record<string, LandClass> = {
  第一类用地: 'first',
  第二类用地: 'second',
  第一类: 'first',
  第二类: 'second',
}
export const PLOT_CODE_PATTERN = /^(\d{6})-DK(\d{1,9})$/

export interface PlotRow {
  code: string
  adcode: string
  name: string
  status: keyof typeof PLOT_LIST
  formerIndustry: keyof typeof INDUSTRY
  address: string | null
  landUser: string | null
  contact: string | null
  plannedLandClass: LandClass | null
}

export function checkPlotRow(cells: Record<string, string>): Checked<PlotRow> {
  const { problems, fail } = collector('plots')
  const code = (cells.code ?? '').toUpperCase()
  const codeMatch = PLOT_CODE_PATTERN.exec(code)
  if (!code) fail('code', '必填')
  else if (!codeMatch) fail('code', `「${code}」应为“区县代码-DK编号”，如 430903-DK0101`)
  const name = checkText(fail, cells, 'name', 100, true)
  const statusText = cells.status ?? ''
  const status = byLabel(PLOT_LIST, statusText)
  if (!statusText) fail('status', '必填')
  else if (!status) fail('status', `「${statusText}」应为：疑似污染地块 或 污染地块`)
  const industryText = cells.formerIndustry ?? ''
  const formerIndustry = byLabel(INDUSTRY, industryText)
  if (!industryText) fail('formerIndustry', '必填')
  else if (!formerIndustry) fail('formerIndustry', `「${industryText}」不在行业列表中，应为：${names(INDUSTRY)}`)
  const address = checkText(fail, cells, 'address', 200, false)
  const landUser = checkText(fail, cells, 'landUser', 100, false)
  const contact = checkText(fail, cells, 'contact', 100, false)
  const classText = cells.plannedLandClass ?? ''
  const plannedLandClass = classText ? (LAND_CLASS_TEXT[classText] ?? null) : null
  if (classText && !plannedLandClass) fail('plannedLandClass', `「${classText}」应为：第一类用地 或 第二类用地`)
  if (problems.length || !codeMatch || !name || !status || !formerIndustry) return { ok: false, problems }
  return {
    ok: true,
    value: { code, adcode: codeMatch[1], name, status, formerIndustry, address, landUser, contact, plannedLandClass },
  }
}

/** The EPSG code of CGCS2000 Gauss-Krüger coordinates from a zone number or an EPSG code and the easting. */
export function gaussKrugerEpsgOf(zoneText: string, eastingM: number): { epsg: number } | { problem: string } {
  const text = zoneText
    .trim()
    .toUpperCase()
    .replace(/^EPSG[:：]?\s*/, '')
  const n = /^\d+$/.test(text) ? Number(text) : NaN
  if (!Number.isFinite(n)) return { problem: `「${zoneText}」应为带号（3 度带 25–45、6 度带 13–23）或 EPSG 代码` }
  const isPrefixed = eastingM >= 1_000_000
  if (n >= 4491 && n <= 4554) {
    const crs = acceptedCrsOf(n)!
    const codeIsPrefixed = (n >= 4491 && n <= 4501) || (n >= 4513 && n <= 4533)
    if (codeIsPrefixed !== isPrefixed)
      return {
        problem: `EPSG:${n}（${crs.label}）的东坐标${codeIsPrefixed ? '应带' : '不带'}带号，Y坐标 ${eastingM} ${isPrefixed ? '带' : '不带'}带号，请核对`,
      }
    return { epsg: n }
  }
  const zone = isPrefixed ? Math.floor(eastingM / 1_000_000) : n
  if (isPrefixed && zone !== n) return { problem: `带号 ${n} 与 Y坐标 ${eastingM} 的带号 ${zone} 不一致` }
  if (n >= 25 && n <= 45) return { epsg: isPrefixed ? 4513 + n - 25 : 4534 + n - 25 }
  if (n >= 13 && n <= 23) return { epsg: isPrefixed ? 4491 + n - 13 : 4502 + n - 13 }
  return {
    problem: `「${zoneText}」不是 CGCS2000 高斯-克吕格的带号（3 度带 25–45、6 度带 13–23）或 EPSG 代码（4491–4554）`,
  }
}

export type PointPosition = { lon: number; lat: number } | { x: number; y: number; epsg: number }

export interface PointRow {
  code: string
  name: string
  level: PointLevel
  type: PointType
  status: 'active' | 'planned'
  position: PointPosition
}

export function checkPointRow(cells: Record<string, string>): Checked<PointRow> {
  const { problems, fail } = collector('points')
  const code = checkText(fail, cells, 'code', 40, true)
  if (code && !/^[0-9A-Za-z-]+$/.test(code)) fail('code', `「${code}」只能由字母、数字和“-”组成，如 430903-JC0041`)
  const name = checkText(fail, cells, 'name', 100, true)
  const levelText = cells.level ?? ''
  const level = byLabel(POINT_LEVEL, levelText)
  if (!levelText) fail('level', '必填')
  else if (!level) fail('level', `「${levelText}」应为：${names(POINT_LEVEL)}`)
  const typeText = cells.type ?? ''
  const type = byLabel(POINT_TYPE, typeText)
  if (!typeText) fail('type', '必填')
  else if (!type) fail('type', `「${typeText}」应为：${names(POINT_TYPE)}`)
  const statusText = cells.status ?? ''
  const status = !statusText || statusText === '在用' ? 'active' : statusText === '规划' ? 'planned' : null
  if (!status) fail('status', `「${statusText}」应为：在用 或 规划`)
  let position: PointPosition | null = null
  const lonLat = checkLonLat(fail, cells)
  const hasGk = Boolean(cells.x || cells.y || cells.zone)
  if (lonLat && hasGk) fail('x', '经纬度与高斯-克吕格坐标只能填一种')
  else if (lonLat && lonLat !== 'bad') position = lonLat
  else if (!lonLat && !hasGk) fail('lon', '经纬度或 X/Y 坐标须填写一种')
  else if (!lonLat) {
    const x = numberOf(cells.x ?? '')
    const y = numberOf(cells.y ?? '')
    if (x === null) fail('x', cells.x ? `「${cells.x}」不是数字` : '与 Y坐标、带号须同时填写')
    else if (x < 300_000 || x > 6_000_000) fail('x', `${x} 不是中国境内的高斯-克吕格北坐标（米）`)
    if (y === null) fail('y', cells.y ? `「${cells.y}」不是数字` : '与 X坐标、带号须同时填写')
    if (!cells.zone) fail('zone', '填写 X/Y 坐标时必填')
    else if (y !== null) {
      const crs = gaussKrugerEpsgOf(cells.zone, y)
      if ('problem' in crs) fail('zone', crs.problem)
      else if (x !== null) position = { x, y, epsg: crs.epsg }
    }
  }
  if (problems.length || !code || !name || !level || !type || !status || !position) return { ok: false, problems }
  return { ok: true, value: { code, name, level, type, status, position } }
}

/** Factor to mg/kg of each accepted unit (dry weight); GB 36600-2018 gives every value in mg/kg. */
const UNIT_TO_MG_KG: Record<string, number> = {
  'mg/kg': 1,
  ppm: 1,
  'μg/kg': 0.001,
  'µg/kg': 0.001,
  'ug/kg': 0.001,
  'g/kg': 1000,
}

/** A value in mg/kg from a value and its unit, or why the unit is refused. */
export function toMgKg(value: number, unitText: string): { mgKg: number } | { problem: string } {
  const unit = unitText.trim().toLowerCase().replace(/\s+/g, '').replace('㎏', 'kg').replace('毫克/千克', 'mg/kg')
  const factor = UNIT_TO_MG_KG[unit] ?? UNIT_TO_MG_KG[unit.replace('微克/千克', 'μg/kg').replace('克/千克', 'g/kg')]
  if (factor === undefined)
    return { problem: `「${unitText}」不能换算为 mg/kg，只接受 mg/kg、μg/kg、g/kg、ppm（干重）` }
  return { mgKg: Number((value * factor).toPrecision(12)) }
}

const normalName = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .replace(/[［]/g, '[')
    .replace(/[］]/g, ']')
    .replace(/[–—－]/g, '-')
    .toLowerCase()

const SUBSTANCE_BY_TEXT = new Map<string, Gb36600Substance>()
for (const s of GB36600_SUBSTANCES) {
  SUBSTANCE_BY_TEXT.set(normalName(s.name), s)
  SUBSTANCE_BY_TEXT.set(normalName(s.key), s)
  if (s.cas) SUBSTANCE_BY_TEXT.set(s.cas, s)
  const chinese = s.name.split(/\s+/)[0]
  if (chinese !== s.name) SUBSTANCE_BY_TEXT.set(normalName(chinese), s)
}

/** A substance of GB 36600-2018 表1/表2 by its Chinese name (with or without the symbol), key or CAS number. */
export function substanceOf(text: string): Gb36600Substance | undefined {
  return SUBSTANCE_BY_TEXT.get(text.trim()) ?? SUBSTANCE_BY_TEXT.get(normalName(text))
}

export interface ResultRow {
  plotCode: string
  sampleId: string
  sampledOn: string
  depthM: number | null
  substance: Gb36600Substance
  valueMgKg: number
}

function dateOf(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text)
  if (!m) return null
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
  const d = new Date(`${iso}T00:00:00Z`)
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso
}

export function checkResultRow(cells: Record<string, string>, today: string): Checked<ResultRow> {
  const { problems, fail } = collector('plot-results')
  const plotCode = (cells.plotCode ?? '').toUpperCase()
  if (!plotCode) fail('plotCode', '必填')
  const sampleId = checkText(fail, cells, 'sampleId', 40, true)
  const dateText = cells.sampledOn ?? ''
  const sampledOn = dateOf(dateText)
  if (!dateText) fail('sampledOn', '必填')
  else if (!sampledOn) fail('sampledOn', `「${dateText}」不是有效日期，应为 YYYY-MM-DD`)
  else if (sampledOn > today) fail('sampledOn', `${sampledOn} 晚于今天（${today}），不能使用未来日期`)
  const depthText = cells.depthM ?? ''
  const depthM = depthText ? numberOf(depthText) : null
  if (depthText && (depthM === null || depthM < 0 || depthM > 100))
    fail('depthM', `「${depthText}」应为 0–100 的数（米）`)
  const substanceText = cells.substance ?? ''
  const substance = substanceText ? substanceOf(substanceText) : undefined
  if (!substanceText) fail('substance', '必填')
  else if (!substance) fail('substance', `「${substanceText}」不是 GB 36600-2018 表1、表2 中的污染物名称或 CAS 号`)
  const valueText = cells.value ?? ''
  const value = numberOf(valueText)
  if (!valueText) fail('value', '必填')
  else if (value === null || value < 0) fail('value', `「${valueText}」应为不小于 0 的数`)
  const unitText = cells.unit ?? ''
  let valueMgKg: number | null = null
  if (!unitText) fail('unit', '必填')
  else {
    const converted = toMgKg(value ?? 0, unitText)
    if ('problem' in converted) fail('unit', converted.problem)
    else valueMgKg = converted.mgKg
  }
  if (problems.length || !sampleId || !sampledOn || !substance || value === null || valueMgKg === null)
    return { ok: false, problems }
  return { ok: true, value: { plotCode, sampleId, sampledOn, depthM, substance, valueMgKg } }
}

/** How a stored result carries its sample id in the note of the plot's pollutant. */
export const sampleNote = (sampleId: string) => `样品编号 ${sampleId}`

/** The side of the provisional site drawn around an enterprise given by a point, m (a choice of this system). */
export const PROVISIONAL_SITE_SIDE_M = 50

/** A square of `sideM` centred on a point (longitude/latitude degrees; metres per degree on the sphere, 6 371 km). */
export function squareAround(lon: number, lat: number, sideM = PROVISIONAL_SITE_SIDE_M): Polygon {
  const mPerDegLat = (Math.PI * 6_371_000) / 180
  const dLat = sideM / 2 / mPerDegLat
  const dLon = sideM / 2 / (mPerDegLat * Math.cos((lat * Math.PI) / 180))
  const r = (n: number) => Number(n.toFixed(9))
  return {
    type: 'Polygon',
    coordinates: [
      [
        [r(lon - dLon), r(lat - dLat)],
        [r(lon + dLon), r(lat - dLat)],
        [r(lon + dLon), r(lat + dLat)],
        [r(lon - dLon), r(lat + dLat)],
        [r(lon - dLon), r(lat - dLat)],
      ],
    ],
  }
}

/** The attribute of an outline feature that carries the join key of a kind (first match, case-insensitive). */
export const OUTLINE_KEY_FIELDS: Record<'enterprises' | 'plots', readonly string[]> = {
  enterprises: ['统一社会信用代码', 'TYSHXYDM', 'XYDM', 'CREDITCODE', 'CREDIT_CODE'],
  plots: ['地块编号', 'DKBH', 'CODE', 'PLOTCODE', 'PLOT_CODE'],
}

export function outlineKeyOf(kind: 'enterprises' | 'plots', properties: Record<string, unknown>): string | null {
  const wanted = OUTLINE_KEY_FIELDS[kind]
  for (const [k, v] of Object.entries(properties)) {
    if (!wanted.includes(k.trim().toUpperCase()) && !wanted.includes(k.trim())) continue
    if (v === null || v === undefined) return null
    const text = String(v).trim().toUpperCase()
    return text || null
  }
  return null
}

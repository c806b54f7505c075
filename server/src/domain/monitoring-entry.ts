import { CROP_VALUE_KEYS, SOIL_VALUE_KEYS, VALUE_NAME, type Medium, type ValueKey } from './monitoring.ts'

/**
 * One monitoring result as an officer types or imports it: every field checked and read (dates, media, crops, pH
 * and the measured values), with the problems named by the template's column; and the identity of a result.
 * Pure rules: no I/O.
 */

/** Limits of an entered result; sanity caps, not standard values (config `monitoring`, R 待核实). */
export interface ResultLimits {
  /** Largest soil content accepted, mg/kg (a guard against µg/kg typed as mg/kg). */
  maxSoilMgKg: number
  /** Largest crop content accepted, mg/kg fresh weight. */
  maxCropMgKg: number
  /** Earliest sampling date accepted (YYYY-MM-DD). */
  earliestSampledOn: string
}

/** A result as typed or imported: every field still text (blank = not given). */
export interface RawResult {
  sampledOn: string
  medium: string
  crop: string
  ph: string
  organicMatterGKg: string
  ploughDepthCm: string
  values: Partial<Record<ValueKey, string>>
}

export interface CheckedResult {
  sampledOn: string
  medium: Medium
  crop: string | null
  ph: number | null
  organicMatterGKg: number | null
  ploughDepthCm: number | null
  values: Partial<Record<ValueKey, number>>
}

/** A problem of one field; `column` is the field's Chinese name as in the template. */
export interface FieldProblem {
  field: keyof RawResult | ValueKey
  column: string
  message: string
}

export const FIELD_COLUMN: Record<Exclude<keyof RawResult, 'values'>, string> = {
  sampledOn: '采样日期',
  medium: '介质',
  crop: '作物',
  ph: 'pH',
  organicMatterGKg: '有机质',
  ploughDepthCm: '耕层厚度',
}

const MEDIUM_OF_TEXT: Record<string, Medium> = {
  土壤: 'soil',
  soil: 'soil',
  农产品: 'crop',
  作物: 'crop',
  crop: 'crop',
}

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** Excel's day numbers (1900 system) of 1950-01-01 and 2100-01-01: a whole number between them in a date cell is a date. */
const EXCEL_SERIAL_RANGE = [18264, 73051] as const

/**
 * `2024/5/3`, `2024.05.03`, `2024年5月3日` and `2024-5-3` → `2024-05-03`; an Excel day number (a date cell kept as a
 * number, e.g. 45052) → its date; anything else unchanged.
 */
export function normaliseDate(text: string): string {
  const t = text.trim()
  if (/^\d{5}$/.test(t) && Number(t) >= EXCEL_SERIAL_RANGE[0] && Number(t) <= EXCEL_SERIAL_RANGE[1]) {
    return new Date(Date.UTC(1899, 11, 30) + Number(t) * 86_400_000).toISOString().slice(0, 10)
  }
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t)
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : t
}

function numberIn(
  column: string,
  text: string,
  min: number,
  max: number,
  unit: string,
  problems: FieldProblem[],
  field: FieldProblem['field'],
): number | null {
  const t = text.trim()
  if (t === '') return null
  const v = Number(t)
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(t) || !Number.isFinite(v)) {
    problems.push({ field, column, message: `「${column}」：数值「${t}」不是数字` })
    return null
  }
  if (v < min || v > max) {
    problems.push({
      field,
      column,
      message: `「${column}」：数值 ${t} 超出合理范围（${min}–${max}${unit}），请核对数值和单位`,
    })
    return null
  }
  return v
}

/** Longest crop name of a result (as the entry form allows). */
export const MAX_CROP_CHARS = 30

/**
 * Checks one entered or imported result: date (real, not in the future, not before the earliest date), medium
 * (土壤/农产品), crop (required for 农产品, at most 30 characters), pH 0–14, organic matter 0–1000 g/kg, plough
 * layer 0–200 cm, each value a number ≥ 0 below the sanity cap, at least one value; soil-only fields on a crop result are refused. Every
 * problem is returned (not only the first), each naming its column.
 */
export function checkResult(
  raw: RawResult,
  limits: ResultLimits,
  today: string,
): { ok: true; value: CheckedResult } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = []
  const date = normaliseDate(raw.sampledOn)
  if (date === '')
    problems.push({ field: 'sampledOn', column: '采样日期', message: '「采样日期」必填，格式 YYYY-MM-DD' })
  else if (!isRealDate(date))
    problems.push({
      field: 'sampledOn',
      column: '采样日期',
      message: `「采样日期」：「${raw.sampledOn.trim()}」不是有效日期，格式 YYYY-MM-DD`,
    })
  else if (date > today)
    problems.push({
      field: 'sampledOn',
      column: '采样日期',
      message: `「采样日期」：${date} 晚于今天（${today}），不能录入未来的采样`,
    })
  else if (date < limits.earliestSampledOn)
    problems.push({
      field: 'sampledOn',
      column: '采样日期',
      message: `「采样日期」：${date} 早于 ${limits.earliestSampledOn}，请核对年份`,
    })
  const mediumText = raw.medium.trim()
  const medium = mediumText === '' ? 'soil' : MEDIUM_OF_TEXT[mediumText]
  if (!medium)
    problems.push({ field: 'medium', column: '介质', message: `「介质」：「${mediumText}」应为“土壤”或“农产品”` })
  const crop = raw.crop.trim() || null
  if (medium === 'crop' && !crop)
    problems.push({ field: 'crop', column: '作物', message: '「作物」：农产品结果须填写作物名称，如 稻谷、小麦、玉米' })
  const cropChars = crop ? Array.from(crop).length : 0
  if (cropChars > MAX_CROP_CHARS) {
    problems.push({
      field: 'crop',
      column: '作物',
      message: `「作物」最多 ${MAX_CROP_CHARS} 个字（填了 ${cropChars} 个字），请只填作物名称，如 稻谷`,
    })
  } else if (medium === 'soil' && crop) {
    problems.push({
      field: 'crop',
      column: '作物',
      message: `「作物」：土壤结果不填作物（填了「${crop}」），农产品结果请把介质填为“农产品”`,
    })
  }
  const ph = numberIn('pH', raw.ph, 0, 14, '', problems, 'ph')
  const organicMatterGKg = numberIn('有机质', raw.organicMatterGKg, 0, 1000, ' g/kg', problems, 'organicMatterGKg')
  const ploughDepthCm = numberIn('耕层厚度', raw.ploughDepthCm, 0, 200, ' cm', problems, 'ploughDepthCm')
  if (medium === 'crop') {
    for (const [field, v] of [
      ['ph', ph],
      ['organicMatterGKg', organicMatterGKg],
      ['ploughDepthCm', ploughDepthCm],
    ] as const) {
      if (v !== null)
        problems.push({
          field,
          column: FIELD_COLUMN[field],
          message: `「${FIELD_COLUMN[field]}」：是土壤指标，农产品结果不填`,
        })
    }
  }
  const keys: readonly ValueKey[] = medium === 'crop' ? CROP_VALUE_KEYS : SOIL_VALUE_KEYS
  const cap = medium === 'crop' ? limits.maxCropMgKg : limits.maxSoilMgKg
  const values: Partial<Record<ValueKey, number>> = {}
  for (const [key, text] of Object.entries(raw.values) as [ValueKey, string | undefined][]) {
    if (text === undefined || text.trim() === '') continue
    if (!keys.includes(key)) {
      problems.push({
        field: key,
        column: VALUE_NAME[key],
        message: `「${VALUE_NAME[key]}」：农产品结果只检测镉、铅、砷、汞、铬，不填${VALUE_NAME[key]}`,
      })
      continue
    }
    const v = numberIn(VALUE_NAME[key], text, 0, cap, ' mg/kg', problems, key)
    if (v !== null) values[key] = v
  }
  const hasAnyValue = Object.values(raw.values).some((t) => t !== undefined && t.trim() !== '')
  if (!hasAnyValue && ph === null && organicMatterGKg === null && ploughDepthCm === null) {
    problems.push({
      field: 'values',
      column: '检测值',
      message: '没有任何检测值：请至少填写一项含量或 pH、有机质、耕层厚度',
    })
  }
  if (problems.length) return { ok: false, problems }
  return { ok: true, value: { sampledOn: date, medium: medium!, crop, ph, organicMatterGKg, ploughDepthCm, values } }
}

/** The identity of a result: the same point, date, medium and crop is the same sampling (refused twice). */
export function resultKey(pointId: number, r: Pick<CheckedResult, 'sampledOn' | 'medium' | 'crop'>): string {
  return `${pointId}|${r.sampledOn}|${r.medium}|${r.crop ?? ''}`
}

export function describeResultKey(code: string, r: Pick<CheckedResult, 'sampledOn' | 'medium' | 'crop'>): string {
  return `点位「${code}」${r.sampledOn} 的${r.medium === 'crop' ? `农产品（${r.crop}）` : '土壤'}结果`
}

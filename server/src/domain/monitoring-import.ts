import { VALUE_NAME, type ValueKey } from './monitoring.ts'
import { FIELD_COLUMN, type RawResult } from './monitoring-entry.ts'

/**
 * The results file of a monitoring import (CSV or XLSX): its columns as the template names them, the 说明 of each,
 * a CSV reader, and the turning of one sheet row into a result to check. Pure: the service reads the bytes.
 */

export type ImportField = Exclude<keyof RawResult, 'values'> | 'pointCode' | 'note' | ValueKey

export interface ImportColumn {
  field: ImportField
  /** Header as written in the template; a header may also carry its unit in brackets, e.g. 镉（mg/kg）. */
  title: string
  isRequired: boolean
  unit: string
  /** What may be written, for the 说明 sheet. */
  allowed: string
  example: string
}

const metal = (field: ValueKey, example: string, isCrop: boolean): ImportColumn => ({
  field,
  title: VALUE_NAME[field],
  isRequired: false,
  unit: 'mg/kg',
  allowed: `不小于 0 的数；土壤为干重${isCrop ? '，农产品为鲜重' : '（农产品不检测此项，须留空）'}；未检测留空`,
  example,
})

/** The template's columns in order. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    field: 'pointCode',
    title: '点位编号',
    isRequired: true,
    unit: '—',
    allowed: '系统中已登记、在您管辖范围内的监测点位编号',
    example: '430903-JC0001',
  },
  {
    field: 'sampledOn',
    title: FIELD_COLUMN.sampledOn,
    isRequired: true,
    unit: '—',
    allowed: 'YYYY-MM-DD（也可写 2024/5/3），不晚于今天',
    example: '2024-05-03',
  },
  {
    field: 'medium',
    title: FIELD_COLUMN.medium,
    isRequired: false,
    unit: '—',
    allowed: '土壤 或 农产品；留空按土壤',
    example: '土壤',
  },
  {
    field: 'crop',
    title: FIELD_COLUMN.crop,
    isRequired: false,
    unit: '—',
    allowed: '农产品结果必填（稻谷、小麦、玉米、叶菜 等），土壤结果留空',
    example: '',
  },
  {
    field: 'ph',
    title: FIELD_COLUMN.ph,
    isRequired: false,
    unit: '无量纲',
    allowed: '0–14；土壤结果应填写，缺少 pH 时农用地点位无法按 GB 15618 判定',
    example: '5.8',
  },
  {
    field: 'organicMatterGKg',
    title: FIELD_COLUMN.organicMatterGKg,
    isRequired: false,
    unit: 'g/kg',
    allowed: '0–1000（20 g/kg = 2%）',
    example: '28.5',
  },
  {
    field: 'ploughDepthCm',
    title: FIELD_COLUMN.ploughDepthCm,
    isRequired: false,
    unit: 'cm',
    allowed: '0–200',
    example: '22',
  },
  metal('cd', '0.31', true),
  metal('hg', '0.12', true),
  metal('as', '11.2', true),
  metal('pb', '35', true),
  metal('cr', '80', true),
  metal('cu', '30', false),
  metal('ni', '28', false),
  metal('zn', '95', false),
  metal('hch', '', false),
  metal('ddt', '', false),
  metal('bap', '', false),
  {
    field: 'note',
    title: '备注',
    isRequired: false,
    unit: '—',
    allowed: '写“示例”的行不导入；其他内容不保存',
    example: '示例',
  },
]

/** The rule the reader applies to an example row. */
export const EXAMPLE_MARK = '示例'

/** 镉（mg/kg）, 镉(mg/kg), ' 镉 ' → 镉; pH stays pH. */
export function headerKey(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .replace(/\s+/g, '')
    .trim()
}

export interface SheetRow {
  /** The row number as the officer sees it in the file (the header is row 1). */
  row: number
  cells: string[]
}

export interface ReadRow {
  row: number
  pointCode: string
  raw: RawResult
}

export type HeaderResult = { ok: true; index: Map<ImportField, number> } | { ok: false; message: string }

/** Finds the template's columns in a header row; unknown headers are named, required ones must be there. */
export function readHeader(cells: readonly string[]): HeaderResult {
  const byTitle = new Map(IMPORT_COLUMNS.map((c) => [headerKey(c.title).toLowerCase(), c]))
  const index = new Map<ImportField, number>()
  const unknown: string[] = []
  cells.forEach((cell, i) => {
    const key = headerKey(cell).toLowerCase()
    if (!key) return
    const column = byTitle.get(key)
    if (!column) unknown.push(cell.trim())
    else if (!index.has(column.field)) index.set(column.field, i)
  })
  const missing = IMPORT_COLUMNS.filter((c) => c.isRequired && !index.has(c.field)).map((c) => `「${c.title}」`)
  if (missing.length) return { ok: false, message: `第 1 行（表头）缺少必填列${missing.join('、')}，请使用导入模板` }
  if (unknown.length)
    return {
      ok: false,
      message: `第 1 行（表头）有模板中没有的列：${unknown.map((u) => `「${u}」`).join('、')}，请使用导入模板的列名`,
    }
  return { ok: true, index }
}

/** Turns the data rows into results to check; blank rows and rows marked 示例 in 备注 are left out. */
export function readRows(index: Map<ImportField, number>, rows: readonly SheetRow[]): ReadRow[] {
  const cell = (r: SheetRow, field: ImportField) => {
    const i = index.get(field)
    return i === undefined ? '' : (r.cells[i] ?? '').trim()
  }
  const out: ReadRow[] = []
  for (const r of rows) {
    if (r.cells.every((c) => c.trim() === '')) continue
    if (cell(r, 'note').startsWith(EXAMPLE_MARK)) continue
    const values: Partial<Record<ValueKey, string>> = {}
    for (const c of IMPORT_COLUMNS) if (c.field in VALUE_NAME) values[c.field as ValueKey] = cell(r, c.field)
    out.push({
      row: r.row,
      pointCode: cell(r, 'pointCode'),
      raw: {
        sampledOn: cell(r, 'sampledOn'),
        medium: cell(r, 'medium'),
        crop: cell(r, 'crop'),
        ph: cell(r, 'ph'),
        organicMatterGKg: cell(r, 'organicMatterGKg'),
        ploughDepthCm: cell(r, 'ploughDepthCm'),
        values,
      },
    })
  }
  return out
}

/**
 * Reads CSV text (RFC 4180: commas, double-quoted fields with "" inside, CRLF or LF); a leading BOM is dropped.
 * Returns every line as cells, numbered from 1.
 */
export function parseCsv(text: string): SheetRow[] {
  const s = text.replace(/^\uFEFF/, '')
  const rows: SheetRow[] = []
  let cells: string[] = []
  let cell = ''
  let isQuoted = false
  let line = 1
  const endRow = () => {
    cells.push(cell)
    rows.push({ row: line, cells })
    cells = []
    cell = ''
    line++
  }
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]
    if (isQuoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') isQuoted = false
      else cell += ch
      continue
    }
    if (ch === '"' && cell === '') isQuoted = true
    else if (ch === ',') {
      cells.push(cell)
      cell = ''
    } else if (ch === '\r' && s[i + 1] === '\n') {
      endRow()
      i++
    } else if (ch === '\n' || ch === '\r') endRow()
    else cell += ch
  }
  if (cell !== '' || cells.length) endRow()
  return rows
}

/** One row problem of the report. */
export interface RowError {
  row: number
  column: string
  message: string
}

/** `POST /api/monitoring/import` (also the `details` of a 422). */
export interface ImportReport {
  fileName: string
  mode: 'all' | 'valid-only'
  isDryRun: boolean
  rows: number
  imported: number
  failed: number
  errors: RowError[]
  importId: number | null
}

/** `第 5 行「镉」：数值「abc」不是数字` from a field problem of row 5. */
export function rowMessage(row: number, message: string): string {
  return `第 ${row} 行${message}`
}

/** The column headers with their units, as the template writes them. */
export function templateHeader(c: ImportColumn): string {
  return c.unit === '—' || c.unit === '无量纲' ? c.title : `${c.title}（${c.unit}）`
}

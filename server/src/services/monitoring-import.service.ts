import { Readable } from 'node:stream'
import ExcelJS from 'exceljs'
import {
  EXAMPLE_MARK,
  IMPORT_COLUMNS,
  parseCsv,
  readHeader,
  readRows,
  rowMessage,
  templateHeader,
  type ImportReport,
  type ReadRow,
  type RowError,
  type SheetRow,
} from '../domain/monitoring-import.ts'
import { csvLine } from '../domain/csv.ts'
import { resultRefusal } from '../domain/monitoring.ts'
import { checkResult, describeResultKey, resultKey, type CheckedResult } from '../domain/monitoring-entry.ts'
import { controlCharacterAt } from '../domain/control-characters.ts'
import { AppError } from '../domain/errors.ts'
import { refuseFailedImport, sheetImportReport } from '../domain/sheet-import.ts'
import {
  findPointsByCode,
  findResultKeys,
  insertImport,
  insertResults,
  type CodedPoint,
  type NewResult,
} from '../repos/monitoring.repo.ts'
import type { AuthContext } from './auth.service.ts'
import {
  openArchive,
  runHeavyUpload,
  type Archive,
  type ArchiveWording,
  type UploadGuardSettings,
} from './upload-guard.ts'
import { todayInChina, type MonitoringDeps } from './monitoring.service.ts'

export const TEMPLATE_FORMATS = ['xlsx', 'csv'] as const
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number]
const SHEET_NAME = '监测结果'

function exampleRow(): string[] {
  return IMPORT_COLUMNS.map((c) => c.example)
}

/** The import template: the columns with units, one example row marked 示例; XLSX adds a 说明 sheet for every column. */
export async function buildTemplate(
  format: TemplateFormat,
): Promise<{ contentType: string; fileName: { utf8: string; ascii: string }; body: Buffer | string }> {
  const name = { utf8: `监测结果导入模板.${format}`, ascii: `monitoring-import-template.${format}` }
  if (format === 'csv') {
    const lines = [IMPORT_COLUMNS.map(templateHeader), exampleRow()].map(csvLine)
    return { contentType: 'text/csv; charset=utf-8', fileName: name, body: `\uFEFF${lines.join('')}` }
  }
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '土壤环境一张图'
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = IMPORT_COLUMNS.map((c) => ({
    header: templateHeader(c),
    key: c.field,
    width: Math.max(10, templateHeader(c).length * 2 + 2),
    style: { numFmt: '@' },
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0E0' } }
  const example = sheet.addRow(exampleRow())
  example.font = { italic: true, color: { argb: 'FF888888' } }
  const notes = workbook.addWorksheet('说明')
  notes.columns = [{ width: 16 }, { width: 8 }, { width: 12 }, { width: 70 }]
  notes.addRow(['土壤监测结果导入说明']).font = { bold: true, size: 14 }
  notes.addRow(['每行一次采样：同一点位、同一采样日期、同一介质（及作物）只能有一行；已录入的不能重复导入。'])
  notes.addRow([`第 2 行是示例，备注列写“${EXAMPLE_MARK}”的行不导入，可删除或保留。`])
  notes.addRow([
    '导入方式：“全部有效才导入”时任何一行有错都不导入；“仅导入有效行”时只导入无错的行，有错的行列在报告中。',
  ])
  notes.addRow(['文件：Excel（.xlsx，第一张表）或 CSV（UTF-8 编码，带或不带 BOM）。'])
  notes.addRow([])
  notes.addRow(['列名', '必填', '单位', '可填写的值']).font = { bold: true }
  for (const c of IMPORT_COLUMNS) notes.addRow([c.title, c.isRequired ? '是' : '否', c.unit, c.allowed])
  notes.getColumn(4).alignment = { wrapText: true, vertical: 'top' }
  return {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: name,
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('text' in value) return String(value.text)
    if ('error' in value) return String(value.error)
    return ''
  }
  return String(value)
}

const NOT_EXCEL = '文件无法作为 Excel（.xlsx）读取，请用导入模板另存后再上传'
const XLSX_WORDING: ArchiveWording = {
  label: '表格',
  malformed: NOT_EXCEL,
  hint: '请删去多余的行和表，或分成几个文件导入',
}

/** The parts of exceljs's streaming WorkbookReader fed here with entries this server inflates itself (exceljs 4.4). */
interface WorkbookParts {
  _parseRels(entry: Readable): Promise<void>
  _parseWorkbook(entry: Readable): Promise<void>
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>
  _parseStyles(entry: Readable): Promise<void>
  _parseWorksheet(entry: Readable, sheetNo: string): Generator<{ value: AsyncIterable<ExcelJS.Row> }>
  sharedStrings?: unknown[]
  workbookRels?: { Id: string; Target: string }[]
  model?: { sheets?: { id: number; name: string; rId: string }[] }
}

const tooManyRows = (maxRows: number) =>
  new AppError('PAYLOAD_TOO_LARGE', `表格超过 ${maxRows} 行数据，一次最多导入 ${maxRows} 行，请分成几个文件`)

/**
 * The rows of the import sheet (监测结果, else the first that is not 说明), read as a stream: only the parts needed
 * are inflated, each stopped at its declared size, and reading stops at the first row beyond the limit (the
 * example row allowed). The sheet's own <dimension> is not trusted: formatted empty rows widen it.
 */
async function readXlsxRows(
  archive: Archive,
  maxRows: number,
  sheetName = SHEET_NAME,
  width = IMPORT_COLUMNS.length,
): Promise<SheetRow[]> {
  const entry = (path: string) => archive.files.find((f) => f.name === path)
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookParts
  const rels = entry('xl/_rels/workbook.xml.rels')
  const book = entry('xl/workbook.xml')
  if (!rels || !book) throw new AppError('VALIDATION', NOT_EXCEL)
  await reader._parseRels(archive.stream(rels))
  await reader._parseWorkbook(archive.stream(book))
  const strings = entry('xl/sharedStrings.xml')
  if (strings) for await (const _ of reader._parseSharedStrings(archive.stream(strings)));
  reader.sharedStrings ??= []
  const styles = entry('xl/styles.xml')
  if (styles) await reader._parseStyles(archive.stream(styles))
  const sheets = reader.model?.sheets ?? []
  const chosen =
    sheets.find((s) => s.name === sheetName) ?? sheets.find((s) => s.name !== '说明' && s.name !== '填写说明')
  if (!chosen) throw new AppError('VALIDATION', 'Excel 文件中没有数据表，请使用导入模板')
  const target = reader.workbookRels?.find((r) => r.Id === chosen.rId)?.Target ?? ''
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`
  const sheetEntry = entry(path)
  if (!sheetEntry) throw new AppError('VALIDATION', NOT_EXCEL)
  const [{ value: worksheet }] = [
    ...reader._parseWorksheet(archive.stream(sheetEntry), /sheet(\d+)\.xml$/.exec(path)?.[1] ?? String(chosen.id)),
  ]
  const rows: SheetRow[] = []
  let previous = 0
  for await (const row of worksheet) {
    const number = Number.isFinite(row.number) ? row.number : previous + 1
    previous = number
    if (!row.hasValues) continue
    if (rows.length > maxRows + 1) throw tooManyRows(maxRows)
    const cellCount = Math.max(row.cellCount, width)
    rows.push({ row: number, cells: Array.from({ length: cellCount }, (_, i) => cellText(row.getCell(i + 1).value)) })
  }
  return rows
}

async function readXlsx(archive: Archive, maxRows: number, sheetName?: string, width?: number): Promise<SheetRow[]> {
  try {
    return await readXlsxRows(archive, maxRows, sheetName, width)
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError('VALIDATION', NOT_EXCEL)
  }
}

function readCsv(bytes: Buffer): SheetRow[] {
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new AppError(
      'VALIDATION',
      'CSV 文件不是 UTF-8 编码（Excel 默认存为 GBK）：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再上传',
    )
  }
  return parseCsv(text)
}

/** A cell holding a control character (NUL cannot be stored) refuses the file, naming row and column. */
function refuseControlCharactersInCells(sheet: SheetRow[], titles: string[]): void {
  for (const r of sheet) {
    const column = r.cells.findIndex((cell) => controlCharacterAt(cell) !== null)
    if (column < 0) continue
    const title =
      r === sheet[0] ? `第 ${column + 1} 列` : `「${(titles[column] ?? '').trim() || `第 ${column + 1} 列`}」`
    const message = `第 ${r.row} 行${title}含有不可见的控制字符（位置 ${controlCharacterAt(r.cells[column])}），请删除后重试`
    throw new AppError('VALIDATION', message, { reason: 'CONTROL_CHARACTER', field: String(column) })
  }
}

const isZip = (b: Buffer) => b.length > 3 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04

/**
 * The rows of the file, header checked; 400 naming what is wrong with the file as a whole, 413 for a sheet that
 * unpacks beyond the limit or holds too many rows (checked before and while reading), 429 while another upload is read.
 */
export async function readImportFile(
  fileName: string,
  bytes: Buffer,
  settings: { importMaxRows: number; uploadGuard: UploadGuardSettings },
): Promise<ReadRow[]> {
  const maxRows = settings.importMaxRows
  const [header, ...data] = await readSheetFile(fileName, bytes, settings)
  const head = readHeader(header.cells)
  if (!head.ok) throw new AppError('VALIDATION', head.message)
  const rows = readRows(head.index, data)
  if (!rows.length) throw new AppError('VALIDATION', '文件中没有数据行（示例行不计），请填写后上传')
  if (rows.length > maxRows)
    throw new AppError('PAYLOAD_TOO_LARGE', `文件有 ${rows.length} 行数据，一次最多导入 ${maxRows} 行，请分成几个文件`)
  return rows
}

/**
 * The rows of an import spreadsheet (.xlsx: the sheet named `sheet.name`, else the first that is not a 说明 sheet;
 * or .csv), as {@link readImportFile} reads them: guarded against zip bombs and huge sheets, one heavy upload at a
 * time, a cell with a control character refused; the first row is the header.
 */
export async function readSheetFile(
  fileName: string,
  bytes: Buffer,
  settings: { importMaxRows: number; uploadGuard: UploadGuardSettings },
  sheet: { name: string; width: number } = { name: SHEET_NAME, width: IMPORT_COLUMNS.length },
): Promise<SheetRow[]> {
  const lower = fileName.toLowerCase()
  if (!lower.endsWith('.csv') && !lower.endsWith('.xlsx'))
    throw new AppError('VALIDATION', `文件「${fileName}」不是 .xlsx 或 .csv，请使用导入模板`)
  const archive =
    lower.endsWith('.xlsx') || isZip(bytes) ? openArchive(bytes, XLSX_WORDING, settings.uploadGuard) : null
  const rows = await runHeavyUpload(settings.uploadGuard, async () =>
    archive ? readXlsx(archive, settings.importMaxRows, sheet.name, sheet.width) : readCsv(bytes),
  )
  if (!rows[0]) throw new AppError('VALIDATION', '文件是空的，请使用导入模板填写后上传')
  refuseControlCharactersInCells(rows, rows[0].cells)
  return rows
}

interface Planned {
  row: number
  point: CodedPoint
  result: CheckedResult
}

const isInScope = (point: CodedPoint, ctx: AuthContext) => ctx.user.counties.some((c) => c.adcode === point.adcode)

/**
 * Finds the point of a code for the caller: in scope, or why not. A point of a county outside the caller's scope is
 * answered as an unknown code, so an import never tells which codes exist elsewhere or where.
 */
function pointOfCode(code: string, found: CodedPoint[], ctx: AuthContext): { point: CodedPoint } | { message: string } {
  if (!code) return { message: '「点位编号」必填' }
  const inScope = found.filter((p) => p.code === code && isInScope(p, ctx))
  if (inScope.length === 1) return { point: inScope[0] }
  if (inScope.length > 1)
    return { message: `「点位编号」：「${code}」在${inScope.map((p) => p.county).join('、')}都有，无法确定是哪个点位` }
  return { message: `「点位编号」：没有编号为「${code}」的监测点位` }
}

/**
 * Checks every row (values, point known and in scope, role allowed on the point, point not planned, not a duplicate
 * in the file or of a stored result) and, unless a dry run, writes in one transaction: with mode `all` nothing when
 * any row fails (422 with the report), with `valid-only` the good rows (422 when none is good); the import is
 * recorded in monitoring_import with its row errors.
 */
export async function importResults(
  deps: MonitoringDeps,
  ctx: AuthContext,
  input: {
    fileName: string
    bytes: Buffer
    mode: 'all' | 'valid-only'
    isDryRun: boolean
  },
  today = todayInChina(),
): Promise<ImportReport> {
  const rows = await readImportFile(input.fileName, input.bytes, deps.settings)
  return deps.db.transaction(async (tx) => {
    const codes = [...new Set(rows.map((r) => r.pointCode).filter(Boolean))]
    const found = codes.length ? (await findPointsByCode(tx, codes)).filter((p) => isInScope(p, ctx)) : []
    const stored = new Set(
      (
        await findResultKeys(
          tx,
          found.map((p) => ({ adcode: p.adcode, id: Number(p.id) })),
        )
      ).map((k) => resultKey(Number(k.point_id), { sampledOn: k.sampled_on, medium: k.medium, crop: k.crop })),
    )
    const errors: RowError[] = []
    const planned: Planned[] = []
    const seen = new Map<string, number>()
    for (const r of rows) {
      const before = errors.length
      const fail = (column: string, message: string) =>
        errors.push({ row: r.row, column, message: rowMessage(r.row, message) })
      const located = pointOfCode(r.pointCode, found, ctx)
      if ('message' in located) fail('点位编号', located.message)
      const checked = checkResult(r.raw, deps.settings, today)
      if (!checked.ok) for (const p of checked.problems) fail(p.column, p.message)
      if (errors.length > before || !('point' in located) || !checked.ok) continue
      const point = located.point
      const refusal = resultRefusal(ctx.user.role, point.point_type, point.code)
      if (refusal) {
        fail('点位编号', `「点位编号」：${refusal}`)
        continue
      }
      if (point.status === 'planned') {
        fail('点位编号', `「点位编号」：点位「${point.code}」是规划点位，尚未启用，不能导入结果`)
        continue
      }
      const key = resultKey(Number(point.id), checked.value)
      const what = describeResultKey(point.code, checked.value)
      if (stored.has(key)) {
        fail('采样日期', `「采样日期」：${what}已录入，不能重复导入`)
        continue
      }
      if (seen.has(key)) {
        fail('采样日期', `「采样日期」：${what}与第 ${seen.get(key)} 行重复`)
        continue
      }
      seen.set(key, r.row)
      planned.push({ row: r.row, point, result: checked.value })
    }
    const report: ImportReport = { ...sheetImportReport(input, rows.length, planned.length, errors), importId: null }
    if (input.isDryRun) return report
    refuseFailedImport(report, planned.length, '结果')
    const importId = await insertImport(tx, {
      fileName: input.fileName,
      mode: input.mode,
      rows: rows.length,
      imported: planned.length,
      failed: report.failed,
      errors,
      importedBy: ctx.user.username,
    })
    const toWrite: NewResult[] = planned.map((p) => ({
      ...p.result,
      adcode: p.point.adcode,
      pointId: Number(p.point.id),
    }))
    await insertResults(tx, toWrite, importId, ctx.user.username)
    return { ...report, importId }
  })
}

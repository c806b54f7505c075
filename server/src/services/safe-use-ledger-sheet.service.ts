import ExcelJS from 'exceljs'
import { controlCharacterAt } from '../domain/control-characters.ts'
import { AppError } from '../domain/errors.ts'
import { refuseFailedImport, sheetImportReport } from '../domain/sheet-import.ts'
import {
  BUCKET_NAME,
  EXAMPLE_MARK,
  LEDGER_COLUMNS,
  checkLedgerCells,
  describeVocabulary,
  readLedgerHeader,
  type LedgerField,
  type Measure,
} from '../domain/safe-use-ledger.ts'
import { insertHistory } from '../repos/review.repo.ts'
import {
  ensureLedger,
  findParcelsByCode,
  insertLedgerRow,
  listRowKeys,
  setMeasures,
  type LedgerParcel,
  type RowValues,
} from '../repos/safe-use-ledger.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { getLedger, type SafeUseLedgerDeps, type SafeUseLedgerSettings } from './safe-use-ledger.service.ts'
import {
  assertEditable,
  countyOf,
  ledgerTitle,
  prepareRow,
  produceFromMonitoring,
  type ProduceEntry,
} from './safe-use-ledger-rows.ts'
import { openArchive, runHeavyUpload } from './upload-guard.ts'
import type { LedgerImportReport, LedgerRow } from '../../../contracts/safe-use-ledger.ts'

const SHEET_NAME = '安全利用台账'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The cells of one ledger row as the template, the import and the export write them. */
function exportCells(r: LedgerRow, county: string): Record<LedgerField, string | number> {
  return {
    county,
    township: r.township ?? '',
    parcelCode: r.parcelCode,
    areaMu: r.areaMu,
    degree: r.degreeName,
    degreeReason: r.degreeReason ?? '',
    measures: r.measures.map((m) => m.name).join('、'),
    buckets: [...new Set(r.measures.map((m) => m.bucketName))].join('、'),
    implementer: r.implementer ?? '',
    implementedFrom: r.implementedFrom ?? '',
    implementedTo: r.implementedTo ?? '',
    produce: r.produceName,
    note: r.note ?? '',
  }
}

function ledgerSheet(workbook: ExcelJS.Workbook): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = LEDGER_COLUMNS.map((c) => ({
    header: c.title,
    key: c.field,
    width: Math.max(10, c.title.length * 2 + 4),
    style: { numFmt: c.field === 'areaMu' ? '0.00' : '@' },
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0E0' } }
  return sheet
}

async function xlsxFile(workbook: ExcelJS.Workbook, utf8: string, ascii: string) {
  workbook.creator = '土壤环境一张图'
  return {
    contentType: XLSX_TYPE,
    fileName: { utf8, ascii },
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  }
}

/** The import template of a county's ledger: the columns, one example row, a 说明 sheet and the measure list. */
export async function buildLedgerTemplate(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  query: { adcode: string; year: number },
) {
  const county = await countyOf(deps.db, ctx, query.adcode)
  const workbook = new ExcelJS.Workbook()
  const sheet = ledgerSheet(workbook)
  const example = sheet.addRow(LEDGER_COLUMNS.map((c) => (c.field === 'county' ? county.name : c.example)))
  example.font = { italic: true, color: { argb: 'FF888888' } }
  const notes = workbook.addWorksheet('说明')
  notes.columns = [{ width: 18 }, { width: 8 }, { width: 80 }]
  notes.addRow([`${county.name} ${query.year} 年受污染耕地安全利用台账导入说明`]).font = { bold: true, size: 14 }
  notes.addRow(['每个图斑每年一行；已在台账中的图斑不能重复导入，请在台账中编辑。'])
  notes.addRow([`第 2 行是示例，备注列写“${EXAMPLE_MARK}”的行不导入，可删除或保留。`])
  notes.addRow([
    '导入方式：“全部有效才导入”时任何一行有错都不导入；“仅导入有效行”时只导入无错的行，有错的行列在报告中。',
  ])
  notes.addRow([
    `农产品是否达标留空时，按图斑内及 ${deps.settings.produceNearM} 米内农产品产地点位当年的监测结果（GB 2762）判定。`,
  ])
  notes.addRow([])
  notes.addRow(['列名', '必填', '可填写的值']).font = { bold: true }
  for (const c of LEDGER_COLUMNS) notes.addRow([c.title, c.isRequired ? '是' : '否', c.allowed])
  notes.addRow([])
  notes.addRow(['措施目录', '', describeVocabulary(deps.settings.measures)])
  notes.getColumn(3).alignment = { wrapText: true, vertical: 'top' }
  const list = workbook.addWorksheet('措施目录')
  list.columns = [
    { header: '措施', key: 'name', width: 28 },
    { header: '措施类别', key: 'bucket', width: 16 },
  ]
  for (const m of deps.settings.measures) list.addRow({ name: m.name, bucket: BUCKET_NAME[m.bucket] })
  return xlsxFile(
    workbook,
    `安全利用台账导入模板-${county.name}-${query.year}.xlsx`,
    `safe-use-ledger-template-${county.adcode}-${query.year}.xlsx`,
  )
}

/** The year's ledger as the province collects it (XLSX). */
export async function exportLedger(deps: SafeUseLedgerDeps, ctx: AuthContext, query: { adcode: string; year: number }) {
  const answer = await getLedger(deps, ctx, query)
  const workbook = new ExcelJS.Workbook()
  const sheet = ledgerSheet(workbook)
  for (const r of answer.rows) sheet.addRow(exportCells(r, answer.county))
  return xlsxFile(
    workbook,
    `受污染耕地安全利用台账-${answer.county}-${query.year}.xlsx`,
    `safe-use-ledger-${answer.adcode}-${query.year}.xlsx`,
  )
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue)
    if ('richText' in value) return value.richText.map((t) => t.text).join('')
    if ('text' in value) return String(value.text)
    return ''
  }
  return String(value)
}

const NOT_EXCEL = '文件无法作为 Excel（.xlsx）读取，请用台账导入模板填写后上传'

/** The sheet's rows (row number and cell texts), the file as a whole checked; 400/413 naming what is wrong. */
async function readLedgerFile(
  fileName: string,
  bytes: Buffer,
  settings: SafeUseLedgerSettings,
): Promise<{ row: number; cells: string[] }[]> {
  if (!fileName.toLowerCase().endsWith('.xlsx'))
    throw new AppError('VALIDATION', `文件「${fileName}」不是 .xlsx，请使用台账导入模板`, { reason: 'WRONG_FILE_TYPE' })
  openArchive(
    bytes,
    { label: '表格', malformed: NOT_EXCEL, hint: '请删去多余的行和表，或分成几个文件导入' },
    settings.uploadGuard,
  )
  const workbook = new ExcelJS.Workbook()
  await runHeavyUpload(settings.uploadGuard, async () => {
    try {
      await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer)
    } catch {
      throw new AppError('VALIDATION', NOT_EXCEL, { reason: 'MALFORMED_FILE' })
    }
  })
  const sheet =
    workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets.find((s) => !['说明', '措施目录'].includes(s.name))
  if (!sheet) throw new AppError('VALIDATION', 'Excel 文件中没有台账表，请使用台账导入模板')
  const rows: { row: number; cells: string[] }[] = []
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const width = Math.max(row.cellCount, LEDGER_COLUMNS.length)
    const cells = Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value).trim())
    if (cells.some(Boolean)) rows.push({ row: number, cells })
  })
  if (rows.length > settings.importMaxRows + 2)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件有 ${rows.length - 1} 行数据，一次最多导入 ${settings.importMaxRows} 行，请分成几个文件`,
    )
  for (const r of rows) {
    const column = r.cells.findIndex((c) => controlCharacterAt(c) !== null)
    if (column >= 0)
      throw new AppError('VALIDATION', `第 ${r.row} 行第 ${column + 1} 列含有不可见的控制字符，请删除后重试`, {
        reason: 'CONTROL_CHARACTER',
      })
  }
  return rows
}

const FIELD_COLUMN: Record<string, LedgerField> = {
  degree: 'degree',
  degreeReason: 'degreeReason',
  measures: 'measures',
  areaMu: 'areaMu',
  implementedFrom: 'implementedFrom',
  implementedTo: 'implementedTo',
}
const columnTitle = (field: LedgerField) => LEDGER_COLUMNS.find((c) => c.field === field)!.title

/**
 * Imports rows into a county's ledger of a year from the template: every row checked (values, the parcel in this
 * county, measures in the vocabulary, dates, area, not a duplicate in the file or of a row already kept), then,
 * unless a dry run, written in one transaction: mode `all` writes nothing when any row fails (422 with the report),
 * `valid-only` the good rows (422 when none is good).
 */
export async function importLedger(
  deps: SafeUseLedgerDeps,
  ctx: AuthContext,
  input: {
    adcode: string
    year: number
    fileName: string
    bytes: Buffer
    mode: 'all' | 'valid-only'
    isDryRun: boolean
  },
): Promise<LedgerImportReport> {
  const county = await countyOf(deps.db, ctx, input.adcode)
  const sheet = await readLedgerFile(input.fileName, input.bytes, deps.settings)
  const [header, ...data] = sheet
  if (!header) throw new AppError('VALIDATION', '文件是空的，请使用台账导入模板填写后上传')
  const head = readLedgerHeader(header.cells)
  if (!head.ok) throw new AppError('VALIDATION', head.message, { reason: 'WRONG_COLUMNS' })
  const get = (cells: string[]) => (field: LedgerField) => {
    const i = head.index.get(field)
    return i === undefined ? '' : (cells[i] ?? '')
  }
  const rows = data.filter((r) => get(r.cells)('note') !== EXAMPLE_MARK)
  if (!rows.length) throw new AppError('VALIDATION', '文件中没有数据行（示例行不计），请填写后上传')
  return deps.db.transaction(async (tx) => {
    const ledger = await ensureLedger(tx, county.adcode, input.year, true)
    assertEditable(ledger, ctx)
    const codes = [...new Set(rows.map((r) => get(r.cells)('parcelCode')).filter(Boolean))]
    const found = await findParcelsByCode(tx, codes)
    const kept = await listRowKeys(tx, county.adcode, input.year)
    const errors: LedgerImportReport['errors'] = []
    const checked: { row: number; parcel: LedgerParcel; value: ReturnType<typeof checkLedgerCells> & { ok: true } }[] =
      []
    const seen = new Map<string, number>()
    for (const r of rows) {
      const cells = get(r.cells)
      const fail = (column: string, message: string) =>
        errors.push({ row: r.row, column, message: `第 ${r.row} 行${message}` })
      const value = checkLedgerCells(cells, deps.settings.measures, input.year)
      if (!value.ok) {
        for (const p of value.problems) fail(p.column, p.message)
        continue
      }
      const v = value.value
      if (v.county && v.county !== county.name) {
        fail(columnTitle('county'), `「${columnTitle('county')}」是「${v.county}」，不是本台账的区县（${county.name}）`)
        continue
      }
      const parcel = found.find((p) => p.code === v.parcelCode && p.adcode === county.adcode)
      if (!parcel) {
        const other = found.find((p) => p.code === v.parcelCode && ctx.user.counties.some((c) => c.adcode === p.adcode))
        fail(
          columnTitle('parcelCode'),
          other
            ? `「图斑编号」：图斑「${v.parcelCode}」属于${other.county}，不是${ledgerTitle(ledger)}的图斑`
            : `「图斑编号」：${county.name}没有编号为「${v.parcelCode}」的耕地图斑`,
        )
        continue
      }
      if (kept.has(parcel.code)) {
        fail(
          columnTitle('parcelCode'),
          `「图斑编号」：图斑「${parcel.code}」已在${ledgerTitle(ledger)}中，不能重复导入；请在台账中编辑`,
        )
        continue
      }
      if (seen.has(parcel.code)) {
        fail(columnTitle('parcelCode'), `「图斑编号」：图斑「${parcel.code}」与第 ${seen.get(parcel.code)} 行重复`)
        continue
      }
      seen.set(parcel.code, r.row)
      checked.push({ row: r.row, parcel, value })
    }
    const monitored = await produceFromMonitoring(
      tx,
      county.adcode,
      checked.filter((c) => c.value.value.produce === undefined).map((c) => c.parcel.id),
      input.year,
      deps.settings.produceNearM,
    )
    const planned: { parcel: LedgerParcel; values: RowValues; measures: Measure[] }[] = []
    for (const c of checked) {
      const v = c.value.value
      const produce: ProduceEntry =
        v.produce === undefined ? 'monitoring' : v.produce === null ? 'none' : v.produce ? 'met' : 'exceeded'
      const prepared = prepareRow(
        c.parcel,
        { ...v, measures: v.measures.map((m) => m.name), produce },
        input.year,
        deps.settings.measures,
        monitored.get(c.parcel.id),
      )
      if (!prepared.ok) {
        for (const p of prepared.problems) {
          const title = columnTitle(FIELD_COLUMN[p.field ?? ''] ?? 'parcelCode')
          errors.push({ row: c.row, column: title, message: `第 ${c.row} 行「${title}」：${p.message}` })
        }
        continue
      }
      planned.push({ parcel: c.parcel, values: prepared.values, measures: prepared.measures })
    }
    errors.sort((a, b) => a.row - b.row)
    const report: LedgerImportReport = sheetImportReport(input, rows.length, planned.length, errors)
    if (input.isDryRun) return report
    refuseFailedImport(report, planned.length, '行')
    const lists: { id: number; measures: Measure[] }[] = []
    for (const p of planned) {
      const id = await insertLedgerRow(tx, county.adcode, input.year, p.parcel, p.values, ctx.user.username)
      if (id !== null) lists.push({ id, measures: p.measures })
    }
    await setMeasures(tx, county.adcode, lists)
    await insertHistory(tx, {
      adcode: county.adcode,
      entity: 'safe_use_ledger',
      entityId: ledger.id,
      action: 'import',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after: { fileName: input.fileName, mode: input.mode, imported: lists.length, failed: report.failed },
    })
    return { ...report, imported: lists.length }
  })
}

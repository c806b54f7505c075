import ExcelJS from 'exceljs'
import type { Database, Queryable } from '../db/database.ts'
import { formatChangedAt, isoOf } from '../domain/changed-at.ts'
import { controlCharacterAt } from '../domain/control-characters.ts'
import { AppError } from '../domain/errors.ts'
import { refuseFailedImport, sheetImportReport } from '../domain/sheet-import.ts'
import { GB50137_CODES, isGb50137Code } from '../domain/gb50137.ts'
import {
  COLUMN,
  EXAMPLE_MARK,
  TEMPLATE_COLUMNS,
  basisOf,
  checkRedevelopment,
  readDate,
  readYesNo,
  redevelopmentRefusal,
  type CheckedRedevelopment,
  type RedevelopmentColumn,
} from '../domain/redevelopment.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { findDocument } from '../repos/documents.repo.ts'
import {
  findRedevelopment,
  findRedevelopmentPlots,
  insertRedevelopments,
  listRedevelopments,
  lockRedevelopment,
  updateRedevelopment,
  type NewRedevelopment,
  type RedevelopmentPlotRow,
  type RedevelopmentRow,
} from '../repos/redevelopment.repo.ts'
import type {
  RedevelopmentBody,
  RedevelopmentImportReport,
  RedevelopmentRecord,
  RedevelopmentResponse,
} from '../../../contracts/redevelopment.ts'
import type { AuthContext } from './auth.service.ts'
import { todayInChina } from './monitoring.service.ts'
import { openArchive, runHeavyUpload, type UploadGuardSettings } from './upload-guard.ts'

export interface RedevelopmentDeps {
  db: Database
  settings: { importMaxBytes: number; importMaxRows: number; uploadGuard: UploadGuardSettings }
}

const SHEET_NAME = '再开发利用'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function describe(r: RedevelopmentRow): RedevelopmentRecord {
  return {
    plotCode: r.plot_code,
    plotName: r.plot_name,
    plannedUse: r.planned_use,
    plannedUseName: isGb50137Code(r.planned_use) ? GB50137_CODES[r.planned_use] : r.planned_use,
    usedOn: r.used_on,
    year: Number(r.year),
    areaM2: Number(r.area_m2),
    targetsMet: r.meets_requirement,
    approvalRef: r.approval_ref,
    note: r.note,
    basis: r.basis,
    document:
      r.document_id === null
        ? null
        : {
            id: Number(r.document_id),
            title: r.document_title ?? '',
            fileName: r.document_file_name ?? '',
            url: `/api/documents/${r.document_id}/file`,
          },
    version: r.version,
    isSample: r.is_generated,
    updatedBy: r.updated_by,
    updatedByName: r.updated_by_name ?? r.updated_by,
    updatedAt: isoOf(r.updated_at),
  }
}

async function plotInScope(db: Queryable, ctx: AuthContext, plotId: number): Promise<RedevelopmentPlotRow> {
  const [plot] = await findRedevelopmentPlots(db, [plotId], null)
  if (!plot) throw new AppError('NOT_FOUND', `没有编号为 ${plotId} 的污染地块`)
  assertCountyInScope(ctx, plot.adcode, plot.county)
  return plot
}

/** The redevelopment record of a plot (or none), and why the plot can have none. */
export async function getRedevelopment(
  deps: RedevelopmentDeps,
  ctx: AuthContext,
  plotId: number,
): Promise<RedevelopmentResponse> {
  const plot = await plotInScope(deps.db, ctx, plotId)
  const row = await findRedevelopment(deps.db, plot.adcode, plot.code)
  return { record: row ? describe(row) : null, refusal: redevelopmentRefusal(plot.status, plot.was_confirmed) }
}

const toNew = (plot: RedevelopmentPlotRow, v: CheckedRedevelopment, documentId: number | null): NewRedevelopment => ({
  adcode: plot.adcode,
  plotId: Number(plot.id),
  plotCode: plot.code,
  plotName: plot.name,
  usedOn: v.usedOn,
  plannedUse: v.plannedUse,
  areaM2: Number(plot.area_m2),
  targetsMet: v.targetsMet,
  basis: basisOf(v),
  approvalRef: v.approvalRef,
  documentId,
  note: v.note,
})

/**
 * Enters or changes a plot's redevelopment record at the version the officer saw (null: there was none): the plot in
 * scope and once on a list, the values checked, the approval document one of the plot's own.
 */
export async function saveRedevelopment(
  deps: RedevelopmentDeps,
  ctx: AuthContext,
  plotId: number,
  body: RedevelopmentBody,
  today = todayInChina(),
): Promise<RedevelopmentResponse> {
  const checked = checkRedevelopment(body, today)
  if (!checked.ok)
    throw new AppError('VALIDATION', checked.problems.map((p) => p.message).join('；'), {
      problems: checked.problems.map((p) => ({ code: 'INVALID_FIELD', field: p.field, message: p.message })),
    })
  await deps.db.transaction(async (tx) => {
    const plot = await plotInScope(tx, ctx, plotId)
    const refusal = redevelopmentRefusal(plot.status, plot.was_confirmed)
    if (refusal) throw new AppError('CONFLICT', `地块 ${plot.code}：${refusal}`, { reason: 'NEVER_LISTED' })
    const documentId = body.documentId ?? null
    if (documentId !== null) {
      const doc = await findDocument(tx, documentId)
      if (!doc || doc.owner_kind !== 'plot' || Number(doc.owner_id) !== Number(plot.id))
        throw new AppError('VALIDATION', `批准文件（文件编号 ${documentId}）不是地块 ${plot.code} 上传的文件`, {
          reason: 'UNKNOWN_DOCUMENT',
          field: 'documentId',
        })
    }
    const current = await lockRedevelopment(tx, plot.adcode, plot.code)
    const record = toNew(plot, checked.value, documentId)
    if (!current) {
      if (body.version !== null)
        throw new AppError('CONFLICT', `地块 ${plot.code} 的再开发利用记录已被删除或不存在，请刷新后重试`, {
          yourVersion: body.version,
          currentVersion: null,
        })
      await insertRedevelopments(tx, [record], ctx.user.username)
      return
    }
    if (body.version !== current.version)
      throw new AppError(
        'CONFLICT',
        `地块 ${plot.code} 的再开发利用记录已被 ${current.updated_by} 于 ${formatChangedAt(new Date(current.updated_at))} 修改（您看到的是${body.version === null ? '没有记录时' : `第 ${body.version} 版`}，当前为第 ${current.version} 版），请刷新后重试`,
        { yourVersion: body.version, currentVersion: current.version },
      )
    await updateRedevelopment(tx, record, ctx.user.username)
  })
  return getRedevelopment(deps, ctx, plotId)
}

const header = (field: RedevelopmentColumn) => COLUMN[field]

/** The import template: the columns and an example row marked 示例, and a 说明 sheet. */
export async function buildRedevelopmentTemplate(
  rows: string[][] = [TEMPLATE_COLUMNS.map((c) => c.example)],
  isExample = true,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '土壤环境一张图'
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: header(c.field),
    key: c.field,
    width: Math.max(12, header(c.field).length * 2 + 4),
    style: { numFmt: '@' },
  }))
  sheet.getRow(1).font = { bold: true }
  for (const r of rows) {
    const added = sheet.addRow(r)
    if (isExample) added.font = { italic: true, color: { argb: 'FF888888' } }
  }
  const notes = workbook.addWorksheet('说明')
  notes.columns = [{ width: 18 }, { width: 8 }, { width: 80 }]
  notes.addRow(['污染地块再开发利用记录导入说明']).font = { bold: true, size: 14 }
  notes.addRow(['每行一个地块：曾列入污染地块名录的地块开发利用时的规划用途、日期和是否达到风险管控或修复目标。'])
  notes.addRow([`“说明”列写“${EXAMPLE_MARK}”的行不导入。已有记录的地块请在地块档案中修改。`])
  notes.addRow(['导入方式：“全部有效才导入”时任何一行有错都不导入；“仅导入有效行”时只导入无错的行。'])
  notes.addRow([])
  notes.addRow(['列名', '必填', '可填写的值']).font = { bold: true }
  for (const c of TEMPLATE_COLUMNS) notes.addRow([header(c.field), c.isRequired ? '是' : '否', c.allowed])
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** The records of the caller's counties (or one of them) in the template's columns: an export reads back in. */
export async function exportRedevelopments(
  deps: RedevelopmentDeps,
  ctx: AuthContext,
  adcode: string | undefined,
): Promise<{ body: Buffer; contentType: string; fileName: { utf8: string; ascii: string } }> {
  const adcodes = scopeAdcodes(ctx)
  if (adcode && !adcodes.includes(adcode))
    throw new AppError(
      'OUT_OF_SCOPE',
      `无权导出区县 ${adcode} 的再开发利用记录；您的管辖范围：${ctx.user.counties.map((c) => c.name).join('、')}`,
    )
  const rows = await listRedevelopments(deps.db, adcode ? [adcode] : adcodes)
  const body = await buildRedevelopmentTemplate(
    rows.map((r) => [
      r.plot_code,
      r.plot_name,
      r.planned_use,
      r.used_on ?? `${r.year}-01-01`,
      r.meets_requirement ? '是' : '否',
      r.approval_ref ?? '',
      r.note ?? '',
    ]),
    false,
  )
  return {
    body,
    contentType: XLSX_TYPE,
    fileName: { utf8: `污染地块再开发利用记录${adcode ? `-${adcode}` : ''}.xlsx`, ascii: 'plot-redevelopment.xlsx' },
  }
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
  return String(value).trim()
}

const NOT_EXCEL = '文件无法作为 Excel（.xlsx）读取，请用再开发利用导入模板填写后上传'

interface SheetRow {
  row: number
  cells: Partial<Record<RedevelopmentColumn, string>>
}

/** The rows of the template's sheet, the header checked; 400 naming what is wrong with the file as a whole. */
async function readSheet(deps: RedevelopmentDeps, fileName: string, bytes: Buffer): Promise<SheetRow[]> {
  if (!fileName.toLowerCase().endsWith('.xlsx'))
    throw new AppError('VALIDATION', `文件“${fileName}”不是 .xlsx，请使用再开发利用导入模板`)
  openArchive(
    bytes,
    { label: '表格', malformed: NOT_EXCEL, hint: '请删去多余的行和表，或分成几个文件导入' },
    deps.settings.uploadGuard,
  )
  const workbook = new ExcelJS.Workbook()
  await runHeavyUpload(deps.settings.uploadGuard, async () => {
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer)
    } catch {
      throw new AppError('VALIDATION', NOT_EXCEL)
    }
  })
  const sheet = workbook.getWorksheet(SHEET_NAME) ?? workbook.worksheets.find((w) => w.name !== '说明')
  if (!sheet) throw new AppError('VALIDATION', 'Excel 文件中没有数据表，请使用再开发利用导入模板')
  const head = Array.from(sheet.getRow(1).values as ExcelJS.CellValue[], (v) => cellText(v))
  const index = new Map<RedevelopmentColumn, number>()
  const missing: string[] = []
  for (const c of TEMPLATE_COLUMNS) {
    const at = head.findIndex((h) => h.replace(/\s+/g, '') === header(c.field))
    if (at >= 0) index.set(c.field, at)
    else if (c.isRequired) missing.push(`“${header(c.field)}”`)
  }
  if (missing.length)
    throw new AppError('VALIDATION', `表头缺少${missing.join('、')}列，请使用再开发利用导入模板（第 1 行为列名）`, {
      reason: 'MISSING_COLUMNS',
    })
  const rows: SheetRow[] = []
  sheet.eachRow((row, number) => {
    if (number === 1) return
    const values = row.values as ExcelJS.CellValue[]
    const cells: SheetRow['cells'] = {}
    for (const [field, at] of index) cells[field] = cellText(values[at])
    if (!Object.values(cells).some(Boolean) || cells.note === EXAMPLE_MARK) return
    for (const [field, value] of Object.entries(cells)) {
      if (value && controlCharacterAt(value) !== null)
        throw new AppError(
          'VALIDATION',
          `第 ${number} 行「${header(field as RedevelopmentColumn)}」含有不可见的控制字符，请删除后重试`,
          {
            reason: 'CONTROL_CHARACTER',
          },
        )
    }
    rows.push({ row: number, cells })
  })
  if (!rows.length) throw new AppError('VALIDATION', '文件中没有数据行（示例行不计），请填写后上传')
  if (rows.length > deps.settings.importMaxRows)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件有 ${rows.length} 行数据，一次最多导入 ${deps.settings.importMaxRows} 行，请分成几个文件`,
    )
  return rows
}

/**
 * Checks every row (values, plot known, in scope and once on a list, no record yet, no duplicate in the file) and,
 * unless a dry run, writes in one transaction: `all` writes nothing when a row fails (422 with the report),
 * `valid-only` the good rows (422 when none is good).
 */
export async function importRedevelopments(
  deps: RedevelopmentDeps,
  ctx: AuthContext,
  input: { fileName: string; bytes: Buffer; mode: 'all' | 'valid-only'; isDryRun: boolean },
  today = todayInChina(),
): Promise<RedevelopmentImportReport> {
  const rows = await readSheet(deps, input.fileName, input.bytes)
  return deps.db.transaction(async (tx) => {
    const codes = [...new Set(rows.map((r) => r.cells.plotCode ?? '').filter(Boolean))]
    const inScope = new Set(scopeAdcodes(ctx))
    const plots = (await findRedevelopmentPlots(tx, null, codes)).filter((p) => inScope.has(p.adcode))
    const errors: RedevelopmentImportReport['errors'] = []
    const planned: NewRedevelopment[] = []
    const seen = new Map<string, number>()
    for (const r of rows) {
      const fail = (column: string, message: string) =>
        errors.push({ row: r.row, column, message: `第 ${r.row} 行：${message}` })
      const before = errors.length
      const code = r.cells.plotCode ?? ''
      const matches = plots.filter((p) => p.code === code)
      if (!code) fail(COLUMN.plotCode, `「${COLUMN.plotCode}」必填`)
      else if (matches.length === 0) fail(COLUMN.plotCode, `「${COLUMN.plotCode}」：没有编号为「${code}」的污染地块`)
      else if (matches.length > 1)
        fail(
          COLUMN.plotCode,
          `「${COLUMN.plotCode}」：「${code}」在${matches.map((p) => p.county).join('、')}都有，无法确定是哪个地块`,
        )
      const targetsMet = readYesNo(r.cells.targetsMet ?? '')
      if (targetsMet === undefined)
        fail(COLUMN.targetsMet, `「${COLUMN.targetsMet}」应填“是”或“否”，不是「${r.cells.targetsMet}」`)
      const checked = checkRedevelopment(
        {
          plannedUse: r.cells.plannedUse ?? '',
          usedOn: readDate(r.cells.usedOn ?? ''),
          targetsMet: targetsMet === undefined ? false : targetsMet,
          approvalRef: r.cells.approvalRef,
          note: r.cells.note,
        },
        today,
      )
      if (!checked.ok) for (const p of checked.problems) fail(p.column, `「${p.column}」：${p.message}`)
      if (errors.length > before || matches.length !== 1 || !checked.ok) continue
      const plot = matches[0]
      const refusal = redevelopmentRefusal(plot.status, plot.was_confirmed)
      if (refusal) {
        fail(COLUMN.plotCode, `「${COLUMN.plotCode}」：地块「${code}」${refusal}`)
        continue
      }
      if (await findRedevelopment(tx, plot.adcode, plot.code)) {
        fail(COLUMN.plotCode, `「${COLUMN.plotCode}」：地块「${code}」已有再开发利用记录，请在地块档案中修改`)
        continue
      }
      if (seen.has(code)) {
        fail(COLUMN.plotCode, `「${COLUMN.plotCode}」：地块「${code}」与第 ${seen.get(code)} 行重复`)
        continue
      }
      seen.set(code, r.row)
      planned.push(toNew(plot, checked.value, null))
    }
    const report: RedevelopmentImportReport = sheetImportReport(input, rows.length, planned.length, errors)
    if (input.isDryRun) return report
    refuseFailedImport(report, planned.length, '记录')
    await insertRedevelopments(tx, planned, ctx.user.username)
    return report
  })
}

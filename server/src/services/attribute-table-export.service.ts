import type { Writable } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Database, Queryable } from '../db/database.ts'
import { csvLine, type CsvValue } from '../domain/csv.ts'
import { AppError } from '../domain/errors.ts'
import { readTable, tableParams, type TableDef, type TableFilters } from './attribute-table.service.ts'
import type { AuthContext } from './auth.service.ts'

/** Rows read from the database at a time while a file is written. */
const EXPORT_BATCH_ROWS = 2000

const FORMATS = {
  xlsx: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  csv: { contentType: 'text/csv; charset=utf-8' },
} as const

export type AttributeExportFormat = keyof typeof FORMATS

/** An export ready to stream: the file's name and type, how many rows, and the writer. */
export interface AttributeExport {
  contentType: string
  fileName: { utf8: string; ascii: string }
  rows: number
  /** Writes the whole file to `out` and ends it. */
  writeTo(out: Writable): Promise<void>
}

const NUMERIC_COLUMNS: ReadonlySet<string> = new Set(['areaM2', 'areaMu'])

/** Sheet widths of the columns holding long words (a list's name holds 17 characters). */
const WIDE_COLUMNS: Readonly<Record<string, number>> = { code: 22, name: 22, list: 34, industry: 20, landUse: 18 }

const stamp = (d: Date) => d.toISOString().slice(0, 10).replaceAll('-', '')

/**
 * The rows of a layer's table under `filters` as one file, all rows in the table's order: counted first, refused
 * above `maxRows` with the count, then read in batches inside one read-only snapshot and written as they come (CSV:
 * UTF-8 with a BOM for Excel; XLSX: Chinese headers, areas as numbers).
 */
export async function prepareTableExport<F extends TableFilters, Raw, Row, O>(
  db: Database,
  ctx: AuthContext,
  def: TableDef<F, Raw, Row, O>,
  filters: F,
  format: AttributeExportFormat,
  maxRows: number,
  exportedAt = new Date(),
): Promise<AttributeExport> {
  const params = await tableParams(db, ctx, def, filters)
  const readPage = (q: Queryable, limit: number, offset: number) => readTable(q, def, params, limit, offset)
  const { total } = await readPage(db, 1, 0)
  if (total > maxRows) {
    throw new AppError(
      'VALIDATION',
      `筛选出 ${total} 个${def.noun}，超过一次导出的上限 ${maxRows} 个：请按${def.narrowBy}缩小范围后再导出`,
      { reason: 'EXPORT_TOO_LARGE', field: 'format' },
    )
  }
  const { adcodes } = params
  const isView = filters.scope === 'view'
  const where = adcodes.length === 1 ? `-${adcodes[0]}` : ''
  const countyName = ctx.user.counties.find((c) => adcodes.length === 1 && c.adcode === adcodes[0])?.name
  const fileName = {
    utf8: `${def.layerName}属性表${countyName ? `_${countyName}` : ''}${isView ? '_当前视图' : ''}_${stamp(exportedAt)}.${format}`,
    ascii: `${def.asciiName}-attributes${where}${isView ? '-view' : ''}-${stamp(exportedAt)}.${format}`,
  }
  const readBatches: ReadBatches = async (onRows) => {
    await db.transaction(async (tx) => {
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY')
      for (let offset = 0; offset < total; offset += EXPORT_BATCH_ROWS) {
        const { rows } = await readPage(tx, EXPORT_BATCH_ROWS, offset)
        if (rows.length === 0) break
        await onRows(rows.map(def.cellsOf))
      }
    })
  }
  const sheet = { name: `${def.layerName}属性表`, columns: def.columns }
  return {
    contentType: FORMATS[format].contentType,
    fileName,
    rows: total,
    writeTo: (out) =>
      format === 'csv' ? writeCsv(out, sheet, readBatches) : writeXlsx(out, sheet, readBatches, exportedAt),
  }
}

interface Sheet {
  name: string
  columns: readonly { key: string; title: string }[]
}

type ReadBatches = (onRows: (rows: CsvValue[][]) => Promise<void>) => Promise<void>

/** Writes `text`, waiting for the receiver when its buffer is full; fails when the receiver has gone. */
function write(out: Writable, text: string): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error('下载已中断'))
  if (out.write(text)) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      out.off('drain', onDrain)
      out.off('close', onClose)
      out.off('error', settle)
      if (err) reject(err)
      else resolve()
    }
    const onDrain = () => settle()
    const onClose = () => settle(new Error('下载已中断'))
    out.once('drain', onDrain)
    out.once('close', onClose)
    out.once('error', settle)
  })
}

async function writeCsv(out: Writable, sheet: Sheet, readBatches: ReadBatches): Promise<void> {
  await write(out, `\uFEFF${csvLine(sheet.columns.map((c) => c.title))}`)
  await readBatches(async (rows) => {
    await write(out, rows.map((r) => csvLine(r)).join(''))
  })
  await new Promise<void>((resolve) => out.end(resolve))
}

async function writeXlsx(out: Writable, table: Sheet, readBatches: ReadBatches, exportedAt: Date): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true })
  workbook.creator = '土壤环境一张图'
  workbook.created = exportedAt
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = table.columns.map((c) => ({
    header: c.title,
    key: c.key,
    width: NUMERIC_COLUMNS.has(c.key) ? 16 : (WIDE_COLUMNS[c.key] ?? 14),
    style: NUMERIC_COLUMNS.has(c.key) ? { numFmt: '0.00' } : {},
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).commit()
  await readBatches(async (rows) => {
    for (const r of rows) sheet.addRow(r).commit()
  })
  sheet.commit()
  await workbook.commit()
}

import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Database } from '../db/database.ts'
import {
  CLASS_LIST_EXPORT_FIELDS,
  EXPORT_FORMATS,
  describeExportList,
  exportBaseName,
  exportFileName,
  toExportRecord,
  type ExportField,
  type ExportFormat,
  type ExportListHeader,
} from '../domain/class-list-export.ts'
import { csvLine } from '../domain/csv.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import { findClassListHeader, listClassListEntries, type ExportEntryWithGeometry } from '../repos/export.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { convertGeoJson } from './gdal.ts'

/** A file ready to send. */
export interface ExportFile {
  contentType: string
  fileName: { utf8: string; ascii: string }
  body: Buffer | string
}

const CGCS2000_EPSG = 4490
const GEO_FORMATS: ReadonlySet<ExportFormat> = new Set(['geojson', 'shp.zip', 'gpkg'])

/** The class list in `format`, for a staff member whose scope covers its county. */
export async function exportClassList(
  db: Database,
  ctx: AuthContext,
  listId: number,
  format: ExportFormat,
  exportedAt = new Date(),
): Promise<ExportFile> {
  const list = await findClassListHeader(db, listId)
  if (!list) throw new AppError('NOT_FOUND', `没有编号为 ${listId} 的分类清单，可能已被删除`)
  assertCountyInScope(ctx, list.adcode, list.county)
  if (!list.isComplete) {
    throw new AppError(
      'CONFLICT',
      `分类清单 ${listId}（${list.county}）尚未完成划分（任务仍在运行、已失败或已取消），不能导出`,
    )
  }
  const entries = await listClassListEntries(db, list.adcode, list.id, GEO_FORMATS.has(format))
  const body = await BUILDERS[format](list, entries, exportedAt)
  return { contentType: EXPORT_FORMATS[format].contentType, fileName: exportFileName(list, format), body }
}

type Builder = (
  list: ExportListHeader,
  entries: ExportEntryWithGeometry[],
  exportedAt: Date,
) => Promise<Buffer | string>

const BUILDERS: Record<ExportFormat, Builder> = {
  csv: async (list, entries) => buildCsv(list, entries),
  xlsx: buildXlsx,
  geojson: async (list, entries, exportedAt) => buildGeoJson(list, entries, exportedAt),
  'shp.zip': buildShapefileZip,
  gpkg: buildGeoPackage,
}

/** UTF-8 with a BOM, so Excel opens the Chinese headers and values correctly. */
function buildCsv(list: ExportListHeader, entries: ExportEntryWithGeometry[]): string {
  const lines = ['\uFEFF', csvLine(CLASS_LIST_EXPORT_FIELDS.map((f) => f.title))]
  for (const e of entries) lines.push(csvLine(Object.values(toExportRecord(e, list))))
  return lines.join('')
}

function numberFormat(field: ExportField): string | undefined {
  if (field.type === 'integer') return '0'
  if (field.type === 'real') return `0.${'0'.repeat(field.precision ?? 2)}`
  return undefined
}

async function buildXlsx(
  list: ExportListHeader,
  entries: ExportEntryWithGeometry[],
  exportedAt: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '土壤环境一张图'
  workbook.created = exportedAt
  const sheet = workbook.addWorksheet('分类清单', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = CLASS_LIST_EXPORT_FIELDS.map((f) => ({
    header: f.title,
    key: f.name,
    width: f.sheetWidth,
    style: numberFormat(f) ? { numFmt: numberFormat(f) } : {},
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0E0' } }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CLASS_LIST_EXPORT_FIELDS.length } }
  for (const e of entries) sheet.addRow(toExportRecord(e, list))
  sheet.getColumn('YJ').alignment = { wrapText: true, vertical: 'top' }

  const notes = workbook.addWorksheet('说明')
  notes.columns = [{ width: 30 }, { width: 18 }, { width: 80 }]
  notes.addRow(['分类清单导出说明']).font = { bold: true, size: 14 }
  for (const line of describeExportList(list, exportedAt)) {
    const row = notes.addRow([line.label, line.value])
    row.getCell(1).font = { bold: true }
  }
  notes.addRow([])
  notes.addRow(['字段名（Shapefile / GeoJSON / GeoPackage）', '中文名称（CSV / Excel）', '说明']).font = { bold: true }
  for (const f of CLASS_LIST_EXPORT_FIELDS) notes.addRow([f.name, f.title, f.description])
  notes.getColumn(3).alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * A FeatureCollection in CGCS2000 lon/lat. PostGIS encodes each geometry; the properties come from the shared
 * field list. The legacy `crs` member names EPSG:4490 for GDAL and QGIS (RFC 7946 readers ignore it).
 */
function buildGeoJson(
  list: ExportListHeader,
  entries: ExportEntryWithGeometry[],
  exportedAt: Date,
  options: { isDbf?: boolean } = {},
): string {
  const head = {
    type: 'FeatureCollection',
    name: exportBaseName(list),
    crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${CGCS2000_EPSG}` } },
    metadata: Object.fromEntries(describeExportList(list, exportedAt).map((l) => [l.label, l.value])),
    fields: Object.fromEntries(CLASS_LIST_EXPORT_FIELDS.map((f) => [f.name, f.title])),
  }
  const features = entries.map(
    (e) =>
      `{"type":"Feature","properties":${JSON.stringify(toExportRecord(e, list, options))},"geometry":${e.geometry ?? 'null'}}`,
  )
  return `${JSON.stringify(head).slice(0, -1)},"features":[\n${features.join(',\n')}\n]}\n`
}

/** OGR SQL that gives each Shapefile column its type and dBASE width (GDAL would make every text 80 bytes wide). */
function dbfColumnsSql(layerName: string): string {
  const columns = CLASS_LIST_EXPORT_FIELDS.map((f) => {
    const type =
      f.type === 'text'
        ? `character(${f.width})`
        : f.type === 'integer'
          ? `integer(${f.width})`
          : `numeric(${f.width},${f.precision ?? 2})`
    return `CAST(${f.name} AS ${type}) AS ${f.name}`
  })
  return `SELECT ${columns.join(', ')} FROM ${layerName}`
}

function readmeText(list: ExportListHeader, exportedAt: Date): string {
  const lines = ['分类清单 Shapefile 说明', '']
  for (const l of describeExportList(list, exportedAt)) lines.push(`${l.label}：${l.value}`)
  lines.push('', '字符编码：UTF-8（见 .cpg）', '字段对照（字段名 — 中文名称 — 说明）：')
  for (const f of CLASS_LIST_EXPORT_FIELDS) lines.push(`${f.name} — ${f.title} — ${f.description}`)
  return `\uFEFF${lines.join('\r\n')}\r\n`
}

async function buildShapefileZip(
  list: ExportListHeader,
  entries: ExportEntryWithGeometry[],
  exportedAt: Date,
): Promise<Buffer> {
  const layerName = exportBaseName(list)
  const files = await convertGeoJson(buildGeoJson(list, entries, exportedAt, { isDbf: true }), {
    driver: 'ESRI Shapefile',
    layerName,
    epsg: CGCS2000_EPSG,
    layerCreationOptions: ['ENCODING=UTF-8'],
    sql: dbfColumnsSql(layerName),
  })
  const zip = new JSZip()
  for (const f of files) zip.file(f.name, f.bytes, { date: exportedAt })
  zip.file(`${layerName}_readme.txt`, readmeText(list, exportedAt), { date: exportedAt })
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

async function buildGeoPackage(
  list: ExportListHeader,
  entries: ExportEntryWithGeometry[],
  exportedAt: Date,
): Promise<Buffer> {
  const layerName = exportBaseName(list)
  const lines = describeExportList(list, exportedAt)
  const description = lines.map((l) => `${l.label}：${l.value}`).join('；')
  const [file] = await convertGeoJson(buildGeoJson(list, entries, exportedAt), {
    driver: 'GPKG',
    layerName,
    epsg: CGCS2000_EPSG,
    layerCreationOptions: [`IDENTIFIER=分类清单_${list.county}_清单${list.id}`, `DESCRIPTION=${description}`],
  })
  return Buffer.from(file.bytes)
}

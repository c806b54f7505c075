import ExcelJS from 'exceljs'
import type { Database } from '../db/database.ts'
import { AppError, type Problem } from '../domain/errors.ts'
import type { OutlineSettings } from '../domain/outline-checks.ts'
import { outlineKeyOf, readKindHeader, readKindRows, type RowProblem } from '../domain/registry-import.ts'
import { KIND_COLUMNS, KIND_NAME, KIND_SHEET, type RegistryKind } from '../domain/registry-import-kinds.ts'
import { EXAMPLE_MARK } from '../domain/monitoring-import.ts'
import { insertRegistryImport, transformOutlines } from '../repos/registry-import.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { describeLayerFile, readLayerFeatures } from './layer-file.ts'
import { readSheetFile } from './monitoring-import.service.ts'
import type { UploadGuardSettings } from './upload-guard.ts'
import type { KindHandler, OutlineFeature } from './registry-import-handler.ts'
import { enterprises, plots } from './registry-import-sites.ts'
import { plotResults, points } from './registry-import-points.ts'

export interface RegistryImportSettings {
  importMaxRows: number
  uploadGuard: UploadGuardSettings
  /** Outline checks of an enterprise site (as a drawn one: vertices and county). */
  siteOutline: { maxVertices: number; outsideToleranceM2: number }
  /** Outline checks of a plot (as a drawn one: area, sliver, vertices, county). */
  plotOutline: OutlineSettings
}

export interface RegistryImportDeps {
  db: Database
  settings: RegistryImportSettings
  onChanged: (layers: string[]) => void
}

export interface RegistryImportReport {
  kind: RegistryKind
  fileName: string
  outlineFile: string | null
  mode: 'all' | 'valid-only'
  isDryRun: boolean
  rows: number
  imported: number
  failed: number
  errors: RowProblem[]
  importId: number | null
}

/** The template of a kind: its data sheet (header, one example row marked 示例) and a 填写说明 sheet. */
export async function buildKindTemplate(
  kind: RegistryKind,
): Promise<{ fileName: { utf8: string; ascii: string }; body: Buffer }> {
  const columns = KIND_COLUMNS[kind]
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '土壤环境一张图'
  const sheet = workbook.addWorksheet(KIND_SHEET[kind], { views: [{ state: 'frozen', ySplit: 1 }] })
  const header = (c: (typeof columns)[number]) => (c.unit === '—' ? c.title : `${c.title}（${c.unit}）`)
  sheet.columns = columns.map((c) => ({
    header: header(c),
    key: c.field,
    width: Math.max(12, header(c).length * 2 + 2),
    style: { numFmt: '@' },
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0E0' } }
  sheet.addRow(columns.map((c) => c.example)).font = { italic: true, color: { argb: 'FF888888' } }
  const notes = workbook.addWorksheet('填写说明')
  notes.columns = [{ width: 18 }, { width: 8 }, { width: 8 }, { width: 80 }]
  notes.addRow([`${KIND_NAME[kind]}导入说明`]).font = { bold: true, size: 14 }
  for (const line of KIND_NOTES[kind]) notes.addRow([line])
  notes.addRow([`第 2 行是示例，备注列写“${EXAMPLE_MARK}”的行不导入，可删除或保留。`])
  notes.addRow([
    '导入方式：先“检查”（不写入），看行报告；“全部有效才导入”时任何一行有错都不导入；“仅导入有效行”时只导入无错的行。',
  ])
  notes.addRow([])
  notes.addRow(['列名', '必填', '单位', '可填写的值']).font = { bold: true }
  for (const c of columns) notes.addRow([c.title, c.isRequired ? '是' : '否', c.unit, c.allowed])
  notes.getColumn(4).alignment = { wrapText: true, vertical: 'top' }
  return {
    fileName: { utf8: `${KIND_NAME[kind].replace('/', '、')}导入模板.xlsx`, ascii: `registry-import-${kind}.xlsx` },
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  }
}

const KIND_NOTES: Record<RegistryKind, string[]> = {
  enterprises: [
    '每行一个重点监管单位；统一社会信用代码在同一区县内不能重复，已登记的不能再导入。',
    '场地位置：可随附场地边界文件（Shapefile 压缩包或 GeoPackage，用“统一社会信用代码”或 TYSHXYDM 字段对应各行）；没有边界时填写经纬度，以该点为中心生成 50 米见方的临时边界，请导入后在地图上修改。',
    '状态为“关闭”或“搬迁”的单位，导入后按规定生成疑似污染地块建议。',
  ],
  plots: [
    '每行一个地块；边界放在另一个文件中（Shapefile 压缩包或 GeoPackage），以“地块编号”（或 DKBH）字段与表格各行对应，每个地块一个要素。',
    '边界按与地图上绘制相同的规则检查（闭合、自相交、节点数、最小面积、狭长、是否在该区县内）；坐标系按文件说明或坐标范围判断。',
    '表格中有而边界文件中没有的地块、边界文件中有而表格中没有的要素，都列在报告中。',
    '导入的地块为草稿，须提交审定、发布后才进入公开名录。',
  ],
  points: [
    '每行一个监测点位；点位编号在同一区县内不能重复。',
    '坐标：CGCS2000 经纬度，或 CGCS2000 高斯-克吕格 X（北）/Y（东）坐标加带号或 EPSG 代码（系统换算为经纬度）；点位须在您管辖的区县内。',
  ],
  'plot-results': [
    '实验室检测结果：每行一个样品的一个污染物；污染物按 GB 36600-2018 表1、表2 的名称或 CAS 号填写。',
    '单位换算为 mg/kg 保存：μg/kg ÷ 1000，g/kg × 1000，ppm = mg/kg；其他单位（如 mg/L、%）不接受。',
    '同一地块、样品编号、采样日期、深度、污染物只能有一行；已录入的不能重复导入。正在审定中的地块不能导入。',
  ],
}

async function readOutlineFile(
  deps: RegistryImportDeps,
  kind: 'enterprises' | 'plots',
  file: { fileName: string; bytes: Buffer },
): Promise<OutlineFeature[]> {
  const options = { guard: deps.settings.uploadGuard }
  const info = await describeLayerFile(file, options)
  if (!info.crs.ok)
    throw new AppError('VALIDATION', `边界文件「${file.fileName}」的坐标系无法使用：${info.crs.message}`, {
      reason: info.crs.code,
    })
  const epsg = info.crs.crs.epsg
  const features: OutlineFeature[] = []
  const limit = deps.settings.importMaxRows
  for await (const batch of readLayerFeatures(file, options, 500)) {
    if (features.length + batch.length > limit)
      throw new AppError('PAYLOAD_TOO_LARGE', `边界文件超过 ${limit} 个要素，一次最多导入 ${limit} 个，请分成几个文件`)
    const texts = batch.map((f) => f.geometry)
    const drawn = await transformOutlines(
      deps.db,
      texts.filter((t): t is string => t !== null),
      epsg,
    )
    let k = 0
    for (const f of batch) {
      const text = f.geometry === null ? null : drawn[k++]
      features.push({ index: f.index, key: outlineKeyOf(kind, f.properties), geometry: text ? JSON.parse(text) : null })
    }
  }
  return features
}

const HANDLERS: { [K in RegistryKind]: KindHandler<never> } = {
  enterprises,
  plots,
  points,
  'plot-results': plotResults,
} as unknown as { [K in RegistryKind]: KindHandler<never> }

const rowProblems = (report: RegistryImportReport): Problem[] =>
  report.errors.map((e) => ({
    code: 'INVALID_ROW',
    ...(e.row === null ? {} : { index: e.row }),
    field: e.column,
    message: e.message,
  }))

/**
 * One bulk import of a registry kind: reads the sheet (and the outline file of enterprises and plots), checks every
 * row set-wise (values, codes known and in the caller's counties, duplicates in the file and against the database,
 * outlines as drawn ones), and, unless a dry run, writes in one transaction: with mode `all` nothing when any row
 * or outline fails (422 with the report), with `valid-only` the good rows (422 when none is good).
 */
export async function importRegistry(
  deps: RegistryImportDeps,
  ctx: AuthContext,
  kind: RegistryKind,
  input: {
    fileName: string
    bytes: Buffer
    outlines: { fileName: string; bytes: Buffer } | null
    mode: 'all' | 'valid-only'
    isDryRun: boolean
  },
): Promise<RegistryImportReport> {
  if (input.outlines && kind !== 'plots' && kind !== 'enterprises')
    throw new AppError('VALIDATION', `${KIND_NAME[kind]}导入不需要边界文件，请只上传表格`)
  const sheet = await readSheetFile(input.fileName, input.bytes, deps.settings, {
    name: KIND_SHEET[kind],
    width: KIND_COLUMNS[kind].length,
  })
  const [header, ...data] = sheet
  const head = readKindHeader(kind, header.cells)
  if (!head.ok) throw new AppError('VALIDATION', head.message)
  const rows = readKindRows(head.index, data)
  if (!rows.length) throw new AppError('VALIDATION', '文件中没有数据行（示例行不计），请填写后上传')
  const max = deps.settings.importMaxRows
  if (rows.length > max)
    throw new AppError('PAYLOAD_TOO_LARGE', `文件有 ${rows.length} 行数据，一次最多导入 ${max} 行，请分成几个文件`)
  const outlines =
    input.outlines && (kind === 'plots' || kind === 'enterprises')
      ? await readOutlineFile(deps, kind, input.outlines)
      : null
  const handler = HANDLERS[kind] as KindHandler<unknown>
  const report = await deps.db
    .transaction(async (tx) => {
      const { planned, errors } = await handler.check(tx, ctx, rows, outlines, deps.settings)
      errors.sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity))
      const failedRows = new Set(errors.map((e) => e.row ?? `f${e.message}`)).size
      const report: RegistryImportReport = {
        kind,
        fileName: input.fileName,
        outlineFile: input.outlines?.fileName ?? null,
        mode: input.mode,
        isDryRun: input.isDryRun,
        rows: rows.length,
        imported: input.mode === 'all' && errors.length > 0 ? 0 : planned.length,
        failed: failedRows,
        errors,
        importId: null,
      }
      if (input.isDryRun) return report
      if (input.mode === 'all' && errors.length > 0)
        throw new AppError(
          'IMPORT_REJECTED',
          `${failedRows} 处有错，按“全部有效才导入”未导入任何${KIND_NAME[kind]}；请改正后重新导入，或选择“仅导入有效行”`,
          { ...report, problems: rowProblems(report) },
        )
      if (planned.length === 0)
        throw new AppError('IMPORT_REJECTED', `没有可导入的有效行，未导入任何${KIND_NAME[kind]}`, {
          ...report,
          problems: rowProblems(report),
        })
      const importId = await insertRegistryImport(tx, {
        kind,
        fileName: input.fileName,
        outlineFile: report.outlineFile,
        mode: input.mode,
        rows: rows.length,
        imported: planned.length,
        failed: failedRows,
        errors,
        importedBy: ctx.user.username,
      })
      await handler.write(
        tx,
        ctx,
        planned.map((p) => p.value),
        `批量导入（${input.fileName}）`,
      )
      return { ...report, importId }
    })
    .catch((err: unknown) => {
      // the set-wise checks saw no clash, but another import or entry committed the same code meanwhile
      if ((err as { code?: string })?.code === '23505')
        throw new AppError(
          'CONFLICT',
          `导入期间有人同时录入或导入了相同编号的${KIND_NAME[kind]}，本次未导入任何内容；请重新检查后再导入`,
          { reason: 'CONCURRENT_IMPORT' },
        )
      throw err
    })
  if (!input.isDryRun) deps.onChanged(handler.layers)
  return report
}

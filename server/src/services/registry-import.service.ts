import ExcelJS from 'exceljs'
import type { Database, Queryable } from '../db/database.ts'
import { AppError, type Problem } from '../domain/errors.ts'
import type { OutlineSettings } from '../domain/outline-checks.ts'
import {
  checkEnterpriseRow,
  checkPlotRow,
  checkPointRow,
  checkResultRow,
  outlineKeyOf,
  readKindHeader,
  readKindRows,
  sampleNote,
  squareAround,
  type EnterpriseRow,
  type KindRow,
  type PlotRow,
  type PointRow,
  type ResultRow,
  type RowProblem,
} from '../domain/registry-import.ts'
import { KIND_COLUMNS, KIND_NAME, KIND_SHEET, type RegistryKind } from '../domain/registry-import-kinds.ts'
import { EXAMPLE_MARK } from '../domain/monitoring-import.ts'
import { landUseName } from '../domain/monitoring.ts'
import { insertChange } from '../repos/registry.repo.ts'
import { findPointsByCode, insertPoint } from '../repos/monitoring.repo.ts'
import { insertPlotEvent, insertPollutant, reopenPlot, touchPlot } from '../repos/plots.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import {
  findEnterprisesByCreditCode,
  findPlotsByCode,
  findPollutantKeys,
  insertImportedEnterprise,
  insertImportedPlot,
  insertRegistryImport,
  locatePositions,
  transformOutlines,
  type CodedPlot,
} from '../repos/registry-import.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { ENTERPRISE_LAYERS, proposeOnStatusChange } from './enterprises.service.ts'
import { describeLayerFile, readLayerFeatures } from './layer-file.ts'
import { readSheetFile } from './monitoring-import.service.ts'
import { POINT_LAYER } from './monitoring.service.ts'
import { checkOutlines, type OutlineResult } from './outline-check.service.ts'
import { PLOT_LAYERS } from './plots.service.ts'
import { todayInBeijing } from './plot-writes.ts'
import type { UploadGuardSettings } from './upload-guard.ts'

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

/** The features of an outline file: the join key and the outline in CGCS2000, or why a feature cannot be used. */
interface OutlineFeature {
  index: number
  key: string | null
  geometry: unknown
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

interface Checked<P> {
  planned: { row: number; value: P }[]
  errors: RowProblem[]
}

interface KindHandler<P> {
  layers: string[]
  check(
    tx: Queryable,
    ctx: AuthContext,
    rows: KindRow[],
    outlines: OutlineFeature[] | null,
    settings: RegistryImportSettings,
  ): Promise<Checked<P>>
  write(tx: Queryable, ctx: AuthContext, planned: P[], source: string): Promise<void>
}

const isInScope = (ctx: AuthContext, adcode: string) => ctx.user.counties.some((c) => c.adcode === adcode)
const own = (ctx: AuthContext) => ctx.user.counties.map((c) => c.name).join('、') || '无'
const rowError = (row: number, column: string, message: string): RowProblem => ({
  row,
  column,
  message: `第 ${row} 行${message}`,
})

/** The outline features by join key; a key on two features, a feature without a key or a row, reported. */
function joinOutlines(
  kind: 'enterprises' | 'plots',
  outlines: OutlineFeature[],
  keys: Set<string>,
  errors: RowProblem[],
): Map<string, OutlineFeature> {
  const keyName = kind === 'plots' ? '地块编号' : '统一社会信用代码'
  const byKey = new Map<string, OutlineFeature>()
  for (const f of outlines) {
    const where = `边界文件第 ${f.index + 1} 个要素`
    if (!f.key) {
      errors.push({ row: null, column: '边界文件', message: `${where}没有“${keyName}”，无法与表格对应` })
      continue
    }
    if (byKey.has(f.key)) {
      errors.push({
        row: null,
        column: '边界文件',
        message: `${where}的${keyName}「${f.key}」与另一个要素重复，每个只能有一个边界`,
      })
      continue
    }
    byKey.set(f.key, f)
    if (!keys.has(f.key))
      errors.push({ row: null, column: '边界文件', message: `${where}（${keyName}「${f.key}」）在表格中没有对应的行` })
  }
  return byKey
}

/** Problems of a checked outline as row problems (the column is 边界). */
const outlineProblems = (row: number, result: OutlineResult & { ok: false }) =>
  result.problems.map((p) => rowError(row, '边界', `「边界」：${p.message}`))

const enterprises: KindHandler<EnterpriseRow & { adcode: string; geometry: unknown }> = {
  layers: ENTERPRISE_LAYERS,
  async check(tx, ctx, rows, outlines, settings) {
    const errors: RowProblem[] = []
    const candidates: { row: number; value: EnterpriseRow; geometry: unknown }[] = []
    const checked = rows.map((r) => ({ r, c: checkEnterpriseRow(r.cells) }))
    const byKey = outlines
      ? joinOutlines(
          'enterprises',
          outlines,
          new Set(rows.map((r) => (r.cells.creditCode ?? '').toUpperCase()).filter(Boolean)),
          errors,
        )
      : new Map<string, OutlineFeature>()
    const seen = new Map<string, number>()
    for (const { r, c } of checked) {
      if (!c.ok) {
        errors.push(...c.problems.map((p) => rowError(r.row, p.column, p.message)))
        continue
      }
      const earlier = seen.get(c.value.creditCode)
      if (earlier !== undefined) {
        errors.push(
          rowError(r.row, '统一社会信用代码', `「统一社会信用代码」：${c.value.creditCode} 与第 ${earlier} 行重复`),
        )
        continue
      }
      seen.set(c.value.creditCode, r.row)
      const feature = byKey.get(c.value.creditCode)
      if (feature && c.value.position) {
        errors.push(rowError(r.row, '经度', '「经度」：已有场地边界文件中的边界，经纬度应留空'))
        continue
      }
      if (!feature && !c.value.position) {
        errors.push(rowError(r.row, '经度', '「经度」：没有场地边界时须填写经纬度'))
        continue
      }
      const geometry = feature ? feature.geometry : squareAround(c.value.position!.lon, c.value.position!.lat)
      if (feature && !geometry) {
        errors.push(rowError(r.row, '边界', `「边界」：边界文件第 ${feature.index + 1} 个要素没有几何图形`))
        continue
      }
      candidates.push({ row: r.row, value: c.value, geometry })
    }
    const stored = await findEnterprisesByCreditCode(
      tx,
      candidates.map((c) => c.value.creditCode),
    )
    const results = await checkOutlines(
      tx,
      candidates.map((c) => ({ geometry: c.geometry, where: '企业场地边界' })),
      {
        settings: { ...settings.siteOutline, minAreaM2: 0, minWidthM: 0, overlapToleranceM2: 0 },
        stages: { size: false, county: true, overlaps: false },
      },
    )
    const planned: Checked<EnterpriseRow & { adcode: string; geometry: unknown }>['planned'] = []
    candidates.forEach((c, i) => {
      const result = results[i]
      if (!result.ok) return errors.push(...outlineProblems(c.row, result))
      const { adcode, name } = result.county
      if (!isInScope(ctx, adcode))
        return errors.push(
          rowError(c.row, '经度', `「经度」：场地位于${name}（${adcode}），不在您的管辖范围（${own(ctx)}）内`),
        )
      const other = stored.find((s) => s.adcode === adcode && s.credit_code === c.value.creditCode)
      if (other)
        return errors.push(
          rowError(
            c.row,
            '统一社会信用代码',
            `「统一社会信用代码」：${c.value.creditCode} 在${name}已登记为“${other.name}”（编号 ${other.id}），不能重复登记`,
          ),
        )
      planned.push({ row: c.row, value: { ...c.value, adcode, geometry: result.geometry } })
    })
    return { planned, errors }
  },
  async write(tx, ctx, planned) {
    for (const e of planned) {
      const id = await insertImportedEnterprise(tx, e)
      await insertChange(tx, {
        adcode: e.adcode,
        entity: 'supervised_enterprise',
        entityId: id,
        action: 'create',
        actor: ctx.user.username,
        reason: '批量导入',
        before: null,
        after: {
          creditCode: e.creditCode,
          name: e.name,
          industry: e.industry,
          industryOther: e.industryOther,
          status: e.status,
          version: 1,
          geometry: e.geometry,
        },
      })
      await proposeOnStatusChange(tx, ctx, e.adcode, id, 'operating', e.status, e.name)
    }
  },
}

const plots: KindHandler<PlotRow & { geometry: unknown }> = {
  layers: PLOT_LAYERS,
  async check(tx, ctx, rows, outlines, settings) {
    const errors: RowProblem[] = []
    const checked = rows.map((r) => ({ r, c: checkPlotRow(r.cells) }))
    const byKey = joinOutlines(
      'plots',
      outlines ?? [],
      new Set(rows.map((r) => (r.cells.code ?? '').toUpperCase()).filter(Boolean)),
      errors,
    )
    const stored = await findPlotsByCode(
      tx,
      checked.flatMap(({ c }) => (c.ok ? [c.value.code] : [])),
    )
    const seen = new Map<string, number>()
    const candidates: { row: number; value: PlotRow; geometry: unknown }[] = []
    for (const { r, c } of checked) {
      if (!c.ok) {
        errors.push(...c.problems.map((p) => rowError(r.row, p.column, p.message)))
        continue
      }
      const { code, adcode } = c.value
      const earlier = seen.get(code)
      if (earlier !== undefined) {
        errors.push(rowError(r.row, '地块编号', `「地块编号」：${code} 与第 ${earlier} 行重复`))
        continue
      }
      seen.set(code, r.row)
      if (!isInScope(ctx, adcode)) {
        errors.push(
          rowError(r.row, '地块编号', `「地块编号」：${code} 的区县代码 ${adcode} 不在您的管辖范围（${own(ctx)}）内`),
        )
        continue
      }
      const other = stored.find((s) => s.code === code && s.adcode === adcode)
      if (other) {
        errors.push(rowError(r.row, '地块编号', `「地块编号」：${code} 已登记为“${other.name}”，不能重复导入`))
        continue
      }
      const feature = byKey.get(code)
      if (!outlines) {
        errors.push(rowError(r.row, '边界', '「边界」：未上传地块边界文件（Shapefile 压缩包或 GeoPackage），无法导入'))
        continue
      }
      if (!feature) {
        errors.push(rowError(r.row, '边界', `「边界」：边界文件中没有地块编号为 ${code} 的要素`))
        continue
      }
      if (!feature.geometry) {
        errors.push(rowError(r.row, '边界', `「边界」：边界文件第 ${feature.index + 1} 个要素没有几何图形`))
        continue
      }
      candidates.push({ row: r.row, value: c.value, geometry: feature.geometry })
    }
    const results = await checkOutlines(
      tx,
      candidates.map((c) => ({ geometry: c.geometry, where: `地块 ${c.value.code} 的边界`, adcode: c.value.adcode })),
      { settings: settings.plotOutline, stages: { size: true, county: true, overlaps: false } },
    )
    const planned: Checked<PlotRow & { geometry: unknown }>['planned'] = []
    candidates.forEach((c, i) => {
      const result = results[i]
      if (!result.ok) return errors.push(...outlineProblems(c.row, result))
      planned.push({ row: c.row, value: { ...c.value, geometry: result.geometry } })
    })
    return { planned, errors }
  },
  async write(tx, ctx, planned, source) {
    for (const p of planned) {
      const id = await insertImportedPlot(tx, p, ctx.user.username)
      await insertPlotEvent(tx, {
        adcode: p.adcode,
        plotId: id,
        action: 'registry_import',
        from: null,
        to: p.status,
        riskLevel: null,
        document: null,
        reviewDocument: null,
        reason: source,
        actor: ctx.user.username,
      })
      await insertHistory(tx, {
        adcode: p.adcode,
        entity: 'contaminated_plot',
        entityId: id,
        action: 'create',
        actor: ctx.user.username,
        reason: source,
        before: null,
        after: {
          code: p.code,
          name: p.name,
          status: p.status,
          formerIndustry: p.formerIndustry,
          landUser: p.landUser,
          address: p.address,
          contact: p.contact,
          plannedLandClass: p.plannedLandClass,
          version: 1,
          geometry: p.geometry,
        },
      })
    }
  },
}

interface PlannedPoint extends PointRow {
  adcode: string
  lon: number
  lat: number
  townshipCode: string | null
  landUse: string | null
}

const points: KindHandler<PlannedPoint> = {
  layers: [POINT_LAYER],
  async check(tx, ctx, rows) {
    const errors: RowProblem[] = []
    const candidates: { row: number; value: PointRow }[] = []
    for (const r of rows) {
      const c = checkPointRow(r.cells)
      if (c.ok) candidates.push({ row: r.row, value: c.value })
      else errors.push(...c.problems.map((p) => rowError(r.row, p.column, p.message)))
    }
    const located = await locatePositions(
      tx,
      candidates.map((c) => c.value.position),
    )
    const stored = await findPointsByCode(tx, [...new Set(candidates.map((c) => c.value.code))])
    const seen = new Map<string, number>()
    const planned: Checked<PlannedPoint>['planned'] = []
    candidates.forEach((c, i) => {
      const at = located[i]
      const column = 'lon' in c.value.position ? '经度' : 'X坐标'
      const where =
        'lon' in c.value.position
          ? `经度 ${c.value.position.lon}、纬度 ${c.value.position.lat}`
          : `X ${c.value.position.x}、Y ${c.value.position.y}（EPSG:${c.value.position.epsg}，换算为经度 ${at.lon.toFixed(6)}、纬度 ${at.lat.toFixed(6)}）`
      if (!at.adcode || !at.county)
        return errors.push(rowError(c.row, column, `「${column}」：位置（${where}）不在任何已登记的区县内，请核对坐标`))
      if (!isInScope(ctx, at.adcode))
        return errors.push(
          rowError(c.row, column, `「${column}」：位置（${where}）在${at.county}，不在您的管辖范围（${own(ctx)}）内`),
        )
      const prefix = /^(\d{6})-/.exec(c.value.code)?.[1]
      if (prefix && prefix !== at.adcode)
        return errors.push(
          rowError(
            c.row,
            '点位编号',
            `「点位编号」：${c.value.code} 以其他区县的代码 ${prefix} 开头，而点位位于${at.county}（${at.adcode}）`,
          ),
        )
      const key = `${at.adcode}|${c.value.code}`
      if (seen.has(key))
        return errors.push(rowError(c.row, '点位编号', `「点位编号」：${c.value.code} 与第 ${seen.get(key)} 行重复`))
      seen.set(key, c.row)
      if (stored.some((s) => s.adcode === at.adcode && s.code === c.value.code))
        return errors.push(
          rowError(c.row, '点位编号', `「点位编号」：${at.county}已有编号为 ${c.value.code} 的监测点位，不能重复导入`),
        )
      planned.push({
        row: c.row,
        value: {
          ...c.value,
          adcode: at.adcode,
          lon: at.lon,
          lat: at.lat,
          townshipCode: at.township_code,
          landUse: at.parcel_dlbm,
        },
      })
    })
    return { planned, errors }
  },
  async write(tx, ctx, planned) {
    for (const p of planned) {
      const id = await insertPoint(tx, {
        adcode: p.adcode,
        code: p.code,
        name: p.name,
        level: p.level,
        type: p.type,
        status: p.status,
        townshipCode: p.townshipCode,
        landUse: p.landUse,
        soilType: null,
        lon: p.lon,
        lat: p.lat,
        createdBy: ctx.user.username,
      })
      if (id === null) throw new AppError('CONFLICT', `监测点位 ${p.code} 刚被他人登记，请重新检查后导入`)
      await insertHistory(tx, {
        adcode: p.adcode,
        entity: 'monitoring_point',
        entityId: id,
        action: 'create',
        actor: ctx.user.username,
        reason: '批量导入',
        before: null,
        after: {
          code: p.code,
          name: p.name,
          level: p.level,
          type: p.type,
          status: p.status,
          landUse: p.landUse,
          landUseName: landUseName(p.landUse),
          townshipCode: p.townshipCode,
          lon: p.lon,
          lat: p.lat,
        },
      })
    }
  },
}

interface PlannedResult extends ResultRow {
  plot: CodedPlot
}

const resultKey = (plotId: number, substance: string, sampledOn: string, depthM: number | null, note: string | null) =>
  [plotId, substance, sampledOn, depthM === null ? '' : String(Number(depthM)), note ?? ''].join('|')

const plotResults: KindHandler<PlannedResult> = {
  layers: PLOT_LAYERS,
  async check(tx, ctx, rows) {
    const errors: RowProblem[] = []
    const today = todayInBeijing()
    const checked = rows.map((r) => ({ r, c: checkResultRow(r.cells, today) }))
    const plotsFound = (
      await findPlotsByCode(tx, [...new Set(checked.flatMap(({ c }) => (c.ok ? [c.value.plotCode] : [])))])
    ).filter((p) => isInScope(ctx, p.adcode))
    const stored = new Set(
      (await findPollutantKeys(tx, plotsFound)).map((k) =>
        resultKey(Number(k.plot_id), k.substance, k.sampled_on, k.depth_m, k.note),
      ),
    )
    const seen = new Map<string, number>()
    const planned: Checked<PlannedResult>['planned'] = []
    for (const { r, c } of checked) {
      if (!c.ok) {
        errors.push(...c.problems.map((p) => rowError(r.row, p.column, p.message)))
        continue
      }
      const v = c.value
      const matches = plotsFound.filter((p) => p.code === v.plotCode)
      if (matches.length !== 1) {
        errors.push(rowError(r.row, '地块编号', `「地块编号」：您管辖的区县中没有编号为 ${v.plotCode} 的地块`))
        continue
      }
      const plot = matches[0]
      if (plot.review_status === 'submitted' || plot.review_status === 'approved') {
        errors.push(
          rowError(r.row, '地块编号', `「地块编号」：地块 ${plot.code}“${plot.name}”正在审定中，不能导入检测结果`),
        )
        continue
      }
      const key = resultKey(Number(plot.id), v.substance.key, v.sampledOn, v.depthM, sampleNote(v.sampleId))
      const what = `地块 ${plot.code} 样品 ${v.sampleId}（${v.sampledOn}${v.depthM === null ? '' : `，${v.depthM} 米`}）的${v.substance.name}`
      if (stored.has(key)) {
        errors.push(rowError(r.row, '污染物', `「污染物」：${what}已录入，不能重复导入`))
        continue
      }
      if (seen.has(key)) {
        errors.push(rowError(r.row, '污染物', `「污染物」：${what}与第 ${seen.get(key)} 行重复`))
        continue
      }
      seen.set(key, r.row)
      planned.push({ row: r.row, value: { ...v, plot } })
    }
    return { planned, errors }
  },
  async write(tx, ctx, planned) {
    const reopened = new Set<number>()
    for (const p of planned) {
      const plotId = Number(p.plot.id)
      const values = {
        substance: p.substance.key,
        valueMgKg: p.valueMgKg,
        sampledOn: p.sampledOn,
        depthM: p.depthM,
        note: sampleNote(p.sampleId),
      }
      const id = await insertPollutant(tx, p.plot.adcode, plotId, values, ctx.user.username)
      let reviewStatus = reopened.has(plotId) ? 'draft' : p.plot.review_status
      if (reviewStatus === 'published') {
        await reopenPlot(tx, plotId)
        reviewStatus = 'draft'
      }
      reopened.add(plotId)
      const before = await touchPlot(tx, plotId, ctx.user.username)
      await insertHistory(tx, {
        adcode: p.plot.adcode,
        entity: 'contaminated_plot',
        entityId: plotId,
        action: 'pollutant',
        actor: ctx.user.username,
        reason: '批量导入',
        before: { version: before - 1 },
        after: { version: before, reviewStatus, added: { id, ...values, name: p.substance.name } },
      })
    }
  },
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

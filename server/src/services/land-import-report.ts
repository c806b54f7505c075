import ExcelJS from 'exceljs'
import type { Queryable } from '../db/database.ts'
import { acceptedCrsOf } from '../domain/crs-detect.ts'
import {
  CHECK_SETTING_LABELS,
  describeProblem,
  PROBLEM_TITLES,
  type LandImportChecks,
  type StoredProblem,
} from '../domain/land-import.ts'
import { m2ToMu } from '../domain/units.ts'
import {
  countBasicFarmland,
  countCountyParcels,
  listProblemFeatures,
  reportCounts,
  type LandImportRow,
} from '../repos/land-import.repo.ts'

/** An apply's progress: features done of the total. */
interface Progress {
  done: number
  total: number
}

export const STATUS_LABEL: Readonly<Record<LandImportRow['status'], string>> = {
  staging: '正在读取和检查',
  checked: '已检查，待应用',
  applying: '正在应用',
  applied: '已应用',
  cancelled: '已取消',
  failed: '失败',
}

/** The checks' settings with their labels, as the answers list them. */
export function settingsAnswer(s: LandImportChecks) {
  return (Object.keys(CHECK_SETTING_LABELS) as (keyof LandImportChecks)[]).map((key) => ({
    key,
    label: CHECK_SETTING_LABELS[key],
    value: s[key],
  }))
}

/** The state of an import: its status, the apply's mode and progress (`live` while it runs) and what it added. */
export function statusAnswer(row: LandImportRow, live: Progress | undefined) {
  return {
    id: Number(row.id),
    status: row.status,
    statusLabel: STATUS_LABEL[row.status],
    applyMode: row.apply_mode,
    progress: live ?? { done: row.progress_done, total: row.progress_total },
    farmlandAdded: row.farmland_added,
    contextAdded: row.context_added,
    message: row.message,
  }
}

type ReportAnswer = Awaited<ReturnType<typeof reportAnswer>>

/**
 * The import report of `row`: what was read, how, the counts by land code, township and problem, and a page of the
 * features with problems. `live` is the running apply's progress, if any.
 */
export async function reportAnswer(
  db: Queryable,
  row: LandImportRow,
  live: Progress | undefined,
  page: { limit: number; offset: number },
) {
  const importId = Number(row.id)
  const counts = await reportCounts(db, row)
  const features = await listProblemFeatures(db, importId, false, page.limit, page.offset)
  const isBasicFarmland = row.kind === 'yjjbnt'
  const existingParcels = isBasicFarmland ? 0 : await countCountyParcels(db, row.adcode)
  const replaces = isBasicFarmland ? await replacesAnswer(db, row) : null
  const blockers: string[] = []
  if (existingParcels > 0 && row.status !== 'applied')
    blockers.push(
      `${row.county_name}已有 ${existingParcels} 个耕地图斑，首次导入只能用于还没有图斑的区县；已有图斑的区县请用年度变更调查更新`,
    )
  return {
    import: {
      id: Number(row.id),
      adcode: row.adcode,
      countyName: row.county_name,
      kind: row.kind,
      fileName: row.file_name,
      format: row.file_format,
      layerName: row.layer_name,
      crs: {
        epsg: row.crs_epsg,
        detectedEpsg: row.detected_epsg,
        reason: row.crs_reason,
        isOverride: row.is_crs_override,
        label: acceptedCrsOf(row.crs_epsg)?.label ?? `EPSG:${row.crs_epsg}`,
      },
      encoding: row.encoding ? { encoding: row.encoding, reason: row.encoding_reason } : null,
      fieldMap: row.field_map,
      farmlandCodes: row.farmland_codes,
      settings: settingsAnswer(row.settings),
      createdBy: row.created_by,
      createdAt: row.created_at.toISOString(),
    },
    status: statusAnswer(row, live),
    totals: {
      features: row.feature_count,
      refused: row.refused_count,
      warned: row.warning_count,
      farmlandValid: counts.farmland_valid,
      contextValid: counts.context_valid,
    },
    byLandCode: counts.by_code.map((c) => ({
      dlbm: c.dlbm,
      dlmc: c.dlmc,
      isFarmland: c.is_farmland === true,
      features: c.features,
      refused: c.refused,
      areaM2: round2(c.area_m2),
      areaMu: round2(m2ToMu(c.area_m2)),
      tbmjM2: round2(c.tbmj_m2),
    })),
    byTownship: counts.by_township.map((t) => ({
      code: t.code,
      name: t.name ?? (t.code ? t.code : '未确定乡镇'),
      features: t.features,
      farmland: t.farmland,
      refused: t.refused,
      areaMu: round2(m2ToMu(t.area_m2)),
    })),
    byProblem: counts.by_problem.map((p) => ({
      code: p.code,
      title: PROBLEM_TITLES[p.code] ?? p.code,
      severity: p.severity,
      features: p.features,
    })),
    problems: features.map((f) => ({
      seq: f.seq,
      bsm: f.bsm,
      dlbm: f.dlbm,
      isRefused: f.is_refused,
      point: f.point,
      problems: f.problems.map((p) => ({
        code: p.code,
        severity: p.severity,
        title: PROBLEM_TITLES[p.code] ?? p.code,
        message: describeProblem(p),
        location: p.location ?? f.point ?? undefined,
      })),
    })),
    problemsListed: features.length,
    replaces,
    blockers,
    canApplyAll: blockers.length === 0 && row.refused_count === 0 && row.feature_count > 0,
    canApplyValid: blockers.length === 0 && row.feature_count - row.refused_count > 0,
  }
}

/** What applying a 永久基本农田 layer replaces: the county's earlier imported patches and its sample ones. */
async function replacesAnswer(db: Queryable, row: LandImportRow) {
  if (row.status === 'applied') return null
  const existing = await countBasicFarmland(db, row.adcode)
  const parts: string[] = []
  if (existing.imported) parts.push(`此前导入的 ${existing.imported} 个永久基本农田图斑`)
  if (existing.generated) parts.push(`示例数据生成的 ${existing.generated} 个永久基本农田图斑`)
  return {
    imported: existing.imported,
    generated: existing.generated,
    message: parts.length
      ? `应用后将替换${row.county_name}${parts.join('和')}（同一事务内删除后导入）`
      : `${row.county_name}目前没有永久基本农田图斑，应用后直接导入`,
  }
}

/**
 * The report as an XLSX workbook: 概况, counts by land code, township and problem, and every problem feature (read
 * from the database page by page).
 */
export async function reportWorkbook(
  db: Queryable,
  report: ReportAnswer,
): Promise<{ fileName: { utf8: string; ascii: string }; bytes: Buffer }> {
  const importId = report.import.id
  const wb = new ExcelJS.Workbook()
  const info = wb.addWorksheet('概况')
  info.columns = [{ width: 24 }, { width: 70 }]
  const i = report.import
  info.addRows([
    ['区县', `${i.countyName}（${i.adcode}）`],
    ['文件', i.fileName],
    ['图层', i.layerName],
    ['坐标系', `${i.crs.label}（EPSG:${i.crs.epsg}）；${i.crs.reason}`],
    ['属性编码', i.encoding ? `${i.encoding.encoding}；${i.encoding.reason}` : '（文件自带 UTF-8）'],
    ['作为耕地图斑的地类编码', i.farmlandCodes.join('、')],
    ['要素总数', report.totals.features],
    ['未通过检查', report.totals.refused],
    ['有提示', report.totals.warned],
    ...(report.replaces
      ? [
          ['可导入永久基本农田图斑', report.totals.farmlandValid],
          ['应用后替换', report.replaces.message],
        ]
      : [
          ['可导入耕地图斑', report.totals.farmlandValid],
          ['可导入其他地类图斑', report.totals.contextValid],
        ]),
    ['状态', report.status.statusLabel],
    ...i.settings.map((s) => [s.label, Array.isArray(s.value) ? s.value.join('、') : String(s.value)]),
  ])
  const codes = wb.addWorksheet('按地类')
  codes.addRow(['地类编码', '地类名称', '导入为', '图斑数', '未通过', '面积（亩）', '图斑面积TBMJ（平方米）'])
  for (const c of report.byLandCode)
    codes.addRow([
      c.dlbm ?? '（空）',
      c.dlmc ?? '',
      c.isFarmland ? '耕地图斑' : '其他地类',
      c.features,
      c.refused,
      c.areaMu,
      c.tbmjM2,
    ])
  const towns = wb.addWorksheet('按乡镇')
  towns.addRow(['乡镇代码', '乡镇', '图斑数', '可导入耕地图斑', '未通过', '面积（亩）'])
  for (const t of report.byTownship) towns.addRow([t.code ?? '', t.name, t.features, t.farmland, t.refused, t.areaMu])
  const probs = wb.addWorksheet('按问题')
  probs.addRow(['问题', '级别', '图斑数'])
  for (const p of report.byProblem) probs.addRow([p.title, p.severity === 'error' ? '不通过' : '提示', p.features])
  const list = wb.addWorksheet('问题图斑')
  list.addRow(['序号', '标识码', '地类编码', '是否通过', '问题', '说明', '经度', '纬度'])
  list.columns = [
    { width: 8 },
    { width: 22 },
    { width: 10 },
    { width: 10 },
    { width: 22 },
    { width: 70 },
    { width: 14 },
    { width: 14 },
  ]
  const pageSize = 5000
  for (let offset = 0; ; offset += pageSize) {
    const rows = await listProblemFeatures(db, importId, false, pageSize, offset)
    for (const f of rows)
      for (const p of f.problems as StoredProblem[]) {
        const at = p.location ?? f.point
        list.addRow([
          f.seq,
          f.bsm ?? '',
          f.dlbm ?? '',
          f.is_refused ? '不通过' : '通过（有提示）',
          PROBLEM_TITLES[p.code] ?? p.code,
          describeProblem(p),
          at?.[0] ?? '',
          at?.[1] ?? '',
        ])
      }
    if (rows.length < pageSize) break
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer())
  return {
    fileName: { utf8: `三调图斑导入报告-${i.countyName}-${i.id}.xlsx`, ascii: `land-import-report-${i.id}.xlsx` },
    bytes,
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100

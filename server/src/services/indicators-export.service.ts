import ExcelJS from 'exceljs'
import { csvLine } from '../domain/csv.ts'
import { FARMLAND_TERM_LABEL } from '../domain/safe-use-rate.ts'
import type { AuthContext } from './auth.service.ts'
import { getFarmlandIndicator, getPlotIndicator, type IndicatorDeps } from './indicators.service.ts'

export const INDICATOR_EXPORT_FORMATS = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const
export type IndicatorExportFormat = keyof typeof INDICATOR_EXPORT_FORMATS

type Cell = string | number | null

/** The columns of the exported table, in order. */
export const INDICATOR_EXPORT_COLUMNS = [
  '层级',
  '行政区划代码',
  '名称',
  '核算年份',
  `${FARMLAND_TERM_LABEL.B}（亩）`,
  `${FARMLAND_TERM_LABEL.C}（亩）`,
  `${FARMLAND_TERM_LABEL.D}（亩）`,
  `${FARMLAND_TERM_LABEL.E}（亩）`,
  '未计入安全利用面积（亩）',
  '受污染耕地安全利用率 A（%）',
  '受污染耕地目标（%）',
  '受污染耕地目标依据',
  '受污染耕地是否达标',
  '再开发利用污染地块（个）',
  '其中符合要求（个）',
  '再开发利用面积（亩）',
  '其中符合要求面积（亩）',
  '污染地块安全利用率（%）',
  '污染地块目标（%）',
  '污染地块目标依据',
  '污染地块是否达标',
] as const

const metText = (v: boolean | null) => (v === null ? '无目标或无数据' : v ? '达标' : '未达标')
type Target = {
  targetPct: number
  comparatorName: string
  jurisdictionName: string
  year: number
  source: string
} | null
const targetText = (t: Target) =>
  t ? `${t.jurisdictionName} ${t.year} 年目标（${t.comparatorName} ${t.targetPct}%）：${t.source}` : '无适用目标'

/** The dashboard's table (counties, then cities) as rows of cells in {@link INDICATOR_EXPORT_COLUMNS} order. */
export async function indicatorTableRows(
  deps: IndicatorDeps,
  ctx: AuthContext,
  year: number | undefined,
): Promise<{ year: number; rows: Cell[][] }> {
  const farmland = await getFarmlandIndicator(deps, ctx, { year })
  const plots = await getPlotIndicator(deps, ctx, { year: farmland.year })
  const line = (
    level: string,
    code: string,
    name: string,
    f: (typeof farmland.counties)[number] | (typeof farmland.cities)[number],
    p: (typeof plots.counties)[number] | (typeof plots.cities)[number] | undefined,
  ): Cell[] => [
    level,
    code,
    name,
    farmland.year,
    f.B.areaMu,
    f.C.areaMu,
    f.D.areaMu,
    f.E.areaMu,
    f.notCounted.areaMu,
    f.ratePct,
    f.target?.targetPct ?? null,
    targetText(f.target),
    metText(f.isMet),
    p?.total.count ?? 0,
    p?.met.count ?? 0,
    p?.total.areaMu ?? 0,
    p?.met.areaMu ?? 0,
    p?.ratePct ?? null,
    p?.target?.targetPct ?? null,
    targetText(p?.target ?? null),
    metText(p?.isMet ?? null),
  ]
  return {
    year: farmland.year,
    rows: [
      ...farmland.counties.map((c) =>
        line(
          '区县',
          c.adcode,
          c.name,
          c,
          plots.counties.find((p) => p.adcode === c.adcode),
        ),
      ),
      ...farmland.cities.map((c) =>
        line(
          c.countiesIncluded < c.countiesInCity
            ? `地级市（管辖范围内 ${c.countiesIncluded}/${c.countiesInCity} 个区县）`
            : '地级市',
          c.cityCode,
          c.name,
          c,
          plots.cities.find((p) => p.cityCode === c.cityCode),
        ),
      ),
    ],
  }
}

/** The table as a UTF-8 CSV with a BOM (Excel reads the Chinese headers) or an XLSX with a 说明 sheet. */
export async function exportIndicatorTable(
  deps: IndicatorDeps,
  ctx: AuthContext,
  year: number | undefined,
  format: IndicatorExportFormat,
  exportedAt = new Date(),
) {
  const table = await indicatorTableRows(deps, ctx, year)
  const name = { utf8: `安全利用率_${table.year}.${format}`, ascii: `safe-use-rates_${table.year}.${format}` }
  const body = format === 'csv' ? buildCsv(table.rows) : await buildXlsx(table.rows, table.year, deps, exportedAt)
  return { contentType: INDICATOR_EXPORT_FORMATS[format], fileName: name, body }
}

function buildCsv(rows: Cell[][]): string {
  return ['\uFEFF', csvLine([...INDICATOR_EXPORT_COLUMNS]), ...rows.map((r) => csvLine(r))].join('')
}

async function buildXlsx(rows: Cell[][], year: number, deps: IndicatorDeps, exportedAt: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = '土壤环境一张图'
  workbook.created = exportedAt
  const sheet = workbook.addWorksheet('安全利用率', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = INDICATOR_EXPORT_COLUMNS.map((header, i) => ({
    header,
    width: i === 11 || i === 19 ? 50 : i < 4 ? 14 : 16,
  }))
  sheet.getRow(1).font = { bold: true }
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'top' }
  for (const r of rows) sheet.addRow(r)
  const notes = workbook.addWorksheet('说明')
  notes.columns = [{ width: 24 }, { width: 100 }]
  for (const [label, value] of [
    ['核算年份', String(year)],
    ['受污染耕地安全利用率', 'A = (B + C + D) / E × 100%（《受污染耕地安全利用率核算方法（试行）》）'],
    [
      '一块耕地只计入一项',
      deps.settings.farmlandTermRule === 'strictest'
        ? '按所落实的最严格措施类别计入（本地设置）'
        : '按污染程度计入对应一项（本地设置）',
    ],
    [
      '污染地块安全利用率',
      `截至当年年底累计再开发利用的污染地块中符合规划用途土壤环境质量要求的比例，${deps.settings.plotRateBasis === 'count' ? '按地块数量' : '按地块面积'}计（本地设置）`,
    ],
    [
      '适用目标',
      '区县 → 地级市 → 省 → 全国，取最具体辖区的目标；“左右”按不低于该值判定（本地设置，非国家标准，可由管理员调整）',
    ],
    ['面积', '亩 = 平方米 × 0.0015（椭球面积）'],
    ['示例数据', '样例数据为生成数据，并非真实核算结果'],
  ])
    notes.addRow([label, value]).getCell(1).font = { bold: true }
  notes.getColumn(2).alignment = { wrapText: true, vertical: 'top' }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

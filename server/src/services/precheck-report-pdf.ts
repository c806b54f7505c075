import fs from 'node:fs'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import type { PrecheckReason } from '../domain/precheck-reasons.ts'
import type { DataVersion } from '../domain/precheck-rerun.ts'
import { PUBLIC_LISTS } from '../domain/public-fields.ts'
import type { ReportFeature } from '../repos/precheck-report.repo.ts'
import { drawMap } from './precheck-report-map.ts'
import {
  BODY_BOTTOM,
  CONTENT_WIDTH,
  INK,
  MUTED,
  PAGE,
  RULE,
  SEVERITY_COLOR,
  VERDICT_COLOR,
  beijingDate,
  beijingTime,
  dateOnly,
  fmtNumber,
  type Check,
  type Doc,
} from './precheck-report-style.ts'

const require = createRequire(import.meta.url)
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const
let fontBytes: Record<keyof typeof FONT_FILES, Buffer> | undefined
/** Noto Sans SC regular and bold, read once; every PDF of the app embeds them (map prints too). */
export const fonts = () =>
  (fontBytes ??= {
    regular: fs.readFileSync(require.resolve(FONT_FILES.regular)),
    bold: fs.readFileSync(require.resolve(FONT_FILES.bold)),
  })

/**
 * 用地准入核查意见书 as a PDF (pdfkit): title, number, date, plot facts, verdict, a vector map of the plot and the
 * features its reasons name (scale bar, north arrow, legend), the reasons table, the data version and a signature
 * block. Text is set in Noto Sans SC (SIL OFL 1.1, from the npm package @expo-google-fonts/noto-sans-sc), embedded
 * as a subset, so the PDF needs no font on the reader's or the server's machine.
 * Pure apart from reading the font files once.
 */
export function renderPrecheckReport(check: Check, features: ReportFeature[]): Promise<Buffer> {
  const { doc, done } = openReport({ title: `用地准入核查意见书 ${check.number}`, check })
  let y = drawHeading(doc, '用地准入核查意见书', check)
  y = drawFactGrid(doc, factsOf(check), y + 10)
  y = drawVerdictBox(
    doc,
    { verdictName: check.verdictName, color: VERDICT_COLOR[check.verdict], summary: verdictSummary(check) },
    y + 10,
  )
  y = drawMap(doc, check, features, y + 12)
  y = drawReasonTable(
    doc,
    check.reasons.map((r, i) => ({ cells: reasonCells(r, i), color: SEVERITY_COLOR[r.severity] })),
    y + 14,
  )
  y = drawDataVersion(doc, check.dataVersion, y + 14)
  drawSignatures(doc, check.checkedByName, y + 14, PRECHECK_DISCLAIMER)
  drawFooters(doc, check)
  doc.end()
  return done
}

const PRECHECK_DISCLAIMER =
  '本意见书由土壤环境一张图系统依据已发布数据生成，可凭核查编号在系统中查询、重新核查。核查结论不代替土壤污染状况调查评估和耕地保护等其他审查。'

/** An A4 report document with the embedded fonts, and the bytes it will have when ended. */
export function openReport(o: { title: string; check: { verdictName: string; checkedByName: string } }): {
  doc: Doc
  done: Promise<Buffer>
} {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    info: { Title: o.title, Subject: o.check.verdictName, Author: o.check.checkedByName, Creator: '土壤环境一张图' },
  })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('regular', fonts().regular)
  doc.registerFont('bold', fonts().bold)
  doc.font('regular').fillColor(INK)
  return { doc, done }
}

/** Title, number and date of a check's report, over a rule. */
export function drawHeading(doc: Doc, title: string, check: { number: string; checkedAt: string }): number {
  const x = PAGE.margin
  doc
    .font('bold')
    .fontSize(22)
    .fillColor(INK)
    .text(title, x, PAGE.margin, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 2 })
  doc
    .font('regular')
    .fontSize(12)
    .text(check.number, x, doc.y + 4, { width: CONTENT_WIDTH, align: 'center' })
  doc
    .fontSize(9.5)
    .fillColor(MUTED)
    .text(`核查日期：${beijingDate.format(new Date(check.checkedAt))}`, x, doc.y + 6, {
      width: CONTENT_WIDTH,
      align: 'right',
    })
  const y = doc.y + 4
  doc
    .moveTo(x, y)
    .lineTo(x + CONTENT_WIDTH, y)
    .lineWidth(1.2)
    .strokeColor(INK)
    .stroke()
  return y
}

function factsOf(check: Check): [string, string][] {
  return [
    ['地块名称', check.name ?? '（未命名）'],
    ['所在区县', check.county],
    ['核查面积', `${fmtNumber(check.areaM2, 0)} 平方米（${check.areaMu.toFixed(2)} 亩）`],
    ['来源编号', check.reference ?? '—'],
    ['规划用途', `${check.plannedUseName}（${check.plannedUse}）`],
    ['用地类别', `${check.landClassName}（GB 36600-2018）`],
    ['核查人', `${check.checkedByName}（${check.checkedBy}）`],
    ['核查时间', beijingTime.format(new Date(check.checkedAt))],
  ]
}

/** Facts as a four-column grid of label and value. */
export function drawFactGrid(doc: Doc, facts: [string, string][], top: number): number {
  const labelW = 62
  const valueW = CONTENT_WIDTH / 2 - labelW
  let y = top
  doc.fontSize(9.5)
  for (let i = 0; i < facts.length; i += 2) {
    const pair = facts.slice(i, i + 2)
    const h = Math.max(...pair.map(([, v]) => doc.font('regular').heightOfString(v, { width: valueW - 8 }))) + 8
    pair.forEach(([label, value], j) => {
      const x = PAGE.margin + j * (labelW + valueW)
      doc.rect(x, y, labelW, h).fillAndStroke('#f5f5f5', RULE)
      doc
        .rect(x + labelW, y, valueW, h)
        .lineWidth(0.5)
        .stroke(RULE)
      doc
        .font('bold')
        .fillColor(INK)
        .text(label, x + 4, y + 4, { width: labelW - 8 })
      doc
        .font('regular')
        .fillColor(INK)
        .text(value, x + labelW + 4, y + 4, { width: valueW - 8 })
    })
    y += h
  }
  return y
}

/** How many reasons of each severity, strongest first: 理由 5 条（禁止 1 条，提示 4 条），以最严格的理由定结论. */
export function verdictSummary(check: { reasons: { severity: string; severityName: string }[] }): string {
  const names = [...new Set(check.reasons.map((r) => r.severityName))]
  const counts = names.map((n) => `${n} ${check.reasons.filter((r) => r.severityName === n).length} 条`)
  return `理由 ${check.reasons.length} 条${counts.length ? `（${counts.join('，')}）` : ''}，以最严格的理由定结论`
}

/** The verdict in its colour, with a line under it. */
export function drawVerdictBox(
  doc: Doc,
  verdict: { verdictName: string; color: string; summary: string },
  top: number,
): number {
  const { color } = verdict
  const h = 64
  doc.save().rect(PAGE.margin, top, CONTENT_WIDTH, h).fillOpacity(0.08).fill(color).restore()
  doc.rect(PAGE.margin, top, CONTENT_WIDTH, h).lineWidth(1.5).stroke(color)
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(INK)
    .text('核查结论', PAGE.margin + 12, top + 7)
  doc
    .font('bold')
    .fontSize(18)
    .fillColor(color)
    .text(verdict.verdictName, PAGE.margin + 12, top + 19, { width: CONTENT_WIDTH - 24 })
  doc
    .font('regular')
    .fontSize(9)
    .fillColor(MUTED)
    .text(verdict.summary, PAGE.margin + 12, top + 46, { width: CONTENT_WIDTH - 24 })
  return top + h
}

const COLUMNS = [
  { title: '序号', width: 24 },
  { title: '类别', width: 50 },
  { title: '涉及要素', width: 92 },
  { title: '重叠面积\n或距离', width: 62 },
  { title: '理由', width: 172 },
  { title: '依据', width: CONTENT_WIDTH - 24 - 50 - 92 - 62 - 172 },
] as const

function reasonCells(r: PrecheckReason, i: number): string[] {
  const feature = r.featureTypeName
    ? [r.featureTypeName, r.featureCode, r.featureName !== r.featureCode ? r.featureName : null]
        .filter(Boolean)
        .join('\n')
    : '—'
  const extent =
    r.overlapM2 !== null
      ? `${fmtNumber(r.overlapM2)} 平方米\n（${(r.overlapMu ?? 0).toFixed(2)} 亩）`
      : r.distanceM !== undefined
        ? r.distanceM <= 0
          ? '位于地块内'
          : `距地块 ${fmtNumber(r.distanceM)} 米`
        : '—'
  return [String(i + 1), r.severityName, feature, extent, r.message, r.basis]
}

function drawTableHeader(doc: Doc, y: number): number {
  let x = PAGE.margin
  doc.font('bold').fontSize(8.5)
  const h = Math.max(...COLUMNS.map((c) => doc.heightOfString(c.title, { width: c.width - 6 }))) + 8
  for (const c of COLUMNS) {
    doc.rect(x, y, c.width, h).fillAndStroke('#eceff1', RULE)
    doc.fillColor(INK).text(c.title, x + 3, y + 4, { width: c.width - 6, align: 'center' })
    x += c.width
  }
  return y + h
}

/**
 * The reasons table (序号, 类别, 涉及要素, 重叠面积或距离, 理由, 依据; the 类别 cell in `color`); long Chinese text wraps
 * inside its cell, and a row that does not fit starts a new page under a repeated header.
 */
export function drawReasonTable(doc: Doc, table: { cells: string[]; color: string }[], top: number): number {
  const rowHeight = (cells: string[]) => {
    doc.font('regular').fontSize(8.5)
    return Math.max(...cells.map((t, j) => doc.heightOfString(t, { width: COLUMNS[j].width - 6, lineGap: 1 }))) + 8
  }
  const rows = table.map((row) => ({ ...row, h: rowHeight(row.cells) }))
  let y = top
  if (y + 50 + (rows[0]?.h ?? 0) > BODY_BOTTOM) {
    doc.addPage()
    y = PAGE.margin
  }
  doc.font('bold').fontSize(11).fillColor(INK).text('核查理由', PAGE.margin, y)
  y = drawTableHeader(doc, doc.y + 4)
  for (const { color, cells, h } of rows) {
    if (y + h > BODY_BOTTOM) {
      doc.addPage()
      y = drawTableHeader(doc, PAGE.margin)
    }
    let x = PAGE.margin
    cells.forEach((t, j) => {
      doc.rect(x, y, COLUMNS[j].width, h).lineWidth(0.5).stroke(RULE)
      const isSeverity = j === 1
      doc
        .font(isSeverity ? 'bold' : 'regular')
        .fontSize(8.5)
        .fillColor(isSeverity ? color : INK)
        .text(t, x + 3, y + 4, {
          width: COLUMNS[j].width - 6,
          lineGap: 1,
          align: j === 0 || j === 1 ? 'center' : 'left',
        })
      x += COLUMNS[j].width
    })
    y += h
  }
  return y
}

/** The versions of data and rules the check read, in words (records written before a field existed show “—”). */
function dataVersionLines(v: Partial<DataVersion> | null | undefined): string[] {
  const counted = (what: string, c: { count: number; lastPublishedAt: string | null } | undefined) =>
    c ? `${what} ${c.count} 个（最近发布 ${dateOnly(c.lastPublishedAt)}）` : `${what} —`
  const lists = v?.registryLists?.length
    ? v.registryLists
        .map(
          (l) =>
            `${PUBLIC_LISTS[l.list as keyof typeof PUBLIC_LISTS]?.name ?? l.list}（${l.jurisdiction}）第 ${l.version} 版`,
        )
        .join('；')
    : '无已发布的名单版本'
  const settings = v?.rules?.settings
  return [
    `核查规则：${v?.rules?.version ?? '—'}${settings ? `（监测点位半径 ${settings.monitoringRadiusM} 米，忽略 ${settings.minOverlapM2} 平方米以下的重叠）` : ''}`,
    `${counted('已发布污染地块', v?.publishedPlots)}；${counted('已发布管控区域', v?.publishedControlZones)}`,
    `耕地分类清单：${v?.classList ? `第 ${v.classList.id} 号清单第 ${v.classList.publishedVersion} 版（发布于 ${dateOnly(v.classList.publishedAt)}）` : '无已发布的分类清单'}`,
    `名单（名录）：${lists}`,
    `土壤污染重点监管单位：${v?.enterprises ? `${v.enterprises.count} 家（最近更新 ${dateOnly(v.enterprises.lastUpdatedAt)}）` : '—'}；土壤监测结果：${v?.monitoring ? `${v.monitoring.results} 条（最近采样 ${v.monitoring.lastSampledOn ?? '—'}）` : '—'}`,
    `涉及要素版本：${v?.features ? `${Object.keys(v.features).length} 个要素，按核查时的版本记录，可重新核查比对` : '—'}`,
  ]
}

function drawDataVersion(doc: Doc, version: DataVersion, top: number): number {
  const lines = dataVersionLines(version)
  doc.font('regular').fontSize(8.5)
  const h = 20 + lines.reduce((s, l) => s + doc.heightOfString(l, { width: CONTENT_WIDTH, lineGap: 1 }) + 1, 0)
  let y = top
  if (y + h > BODY_BOTTOM) {
    doc.addPage()
    y = PAGE.margin
  }
  doc.font('bold').fontSize(11).fillColor(INK).text('数据版本', PAGE.margin, y)
  doc.font('regular').fontSize(8.5).fillColor(MUTED)
  y = doc.y + 2
  for (const l of lines) {
    doc.text(l, PAGE.margin, y, { width: CONTENT_WIDTH, lineGap: 1 })
    y = doc.y + 1
  }
  return y
}

/** The signature and seal block, with the disclaimer beside the seal. */
export function drawSignatures(doc: Doc, checkedByName: string, top: number, disclaimer: string): void {
  const h = 120
  let y = top
  if (y + h > BODY_BOTTOM) {
    doc.addPage()
    y = PAGE.margin
  }
  doc
    .moveTo(PAGE.margin, y)
    .lineTo(PAGE.margin + CONTENT_WIDTH, y)
    .lineWidth(0.8)
    .stroke(INK)
  y += 12
  const line = (label: string, value: string, x: number, yy: number, width: number) => {
    doc.font('regular').fontSize(10).fillColor(INK).text(label, x, yy, { lineBreak: false })
    const lx = x + doc.widthOfString(label) + 4
    doc
      .moveTo(lx, yy + 14)
      .lineTo(x + width, yy + 14)
      .lineWidth(0.6)
      .stroke(INK)
    if (value)
      doc
        .fontSize(9)
        .fillColor(MUTED)
        .text(value, lx + 4, yy + 1, { lineBreak: false })
  }
  const colW = 170
  line('核查人（签字）：', checkedByName, PAGE.margin, y, colW)
  line('日期：', '', PAGE.margin + colW + 16, y, 130)
  line('审核人（签字）：', '', PAGE.margin, y + 34, colW)
  line('日期：', '', PAGE.margin + colW + 16, y + 34, 130)
  const sealX = PAGE.margin + CONTENT_WIDTH - 130
  doc
    .save()
    .dash(3, { space: 3 })
    .rect(sealX, y - 4, 130, 80)
    .lineWidth(0.8)
    .stroke(RULE)
    .undash()
    .restore()
  doc
    .font('regular')
    .fontSize(10)
    .fillColor(MUTED)
    .text('（盖章）', sealX, y + 30, { width: 130, align: 'center' })
  doc
    .fontSize(8)
    .fillColor(MUTED)
    .text(disclaimer, PAGE.margin, y + 66, { width: CONTENT_WIDTH - 150 })
}

/** 编号 第 n 页 共 N 页 under every page. */
export function drawFooters(doc: Doc, check: { number: string }): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(`${check.number}　第 ${i + 1} 页 共 ${range.count} 页`, PAGE.margin, PAGE.height - PAGE.margin + 8, {
        width: CONTENT_WIDTH,
        align: 'center',
        lineBreak: false,
      })
    doc.page.margins.bottom = bottom
  }
}

import fs from 'node:fs'
import { createRequire } from 'node:module'
import type { Geometry, MultiPolygon, Position } from 'geojson'
import PDFDocument from 'pdfkit'
import type { Queryable } from '../db/database.ts'
import { contentDisposition } from '../domain/class-list-export.ts'
import { FARMLAND_CLASS, POINT_LEVEL, labelOf } from '../domain/labels.ts'
import { FEATURE_TYPE_NAME, type DataVersion, type FeatureType, type PrecheckReason, type Severity, type Verdict } from '../domain/precheck.ts'
import { PUBLIC_LISTS } from '../domain/public-fields.ts'
import { findReportFeatures, type LonLatBox, type ReportFeature } from '../repos/precheck-report.repo.ts'
import { CLASS_COLORS, ENTERPRISE_CLOSED_COLOR, ENTERPRISE_COLOR, LEVEL_COLORS, PLOT_STATUS_GROUPS, ZONE_COLOR } from '../tiles/style.ts'
import type { AuthContext } from './auth.service.ts'
import { describePrecheck, getPrecheck } from './precheck.service.ts'

/**
 * 用地准入核查意见书 as a PDF (pdfkit): title, number, date, plot facts, verdict, a vector map of the plot and the
 * features its reasons name (scale bar, north arrow, legend), the reasons table, the data version and a signature
 * block. Text is set in Noto Sans SC (SIL OFL 1.1, from the npm package @expo-google-fonts/noto-sans-sc), embedded
 * as a subset, so the PDF needs no font on the reader's or the server's machine.
 */

type Check = ReturnType<typeof describePrecheck>
type Doc = PDFKit.PDFDocument

const require = createRequire(import.meta.url)
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const
let fontBytes: Record<keyof typeof FONT_FILES, Buffer> | undefined
const fonts = () => (fontBytes ??= { regular: fs.readFileSync(require.resolve(FONT_FILES.regular)), bold: fs.readFileSync(require.resolve(FONT_FILES.bold)) })

/** A4 portrait in PDF points, margins 48 pt (17 mm). */
const PAGE = { width: 595.28, height: 841.89, margin: 48 }
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin
/** Lowest y of body text; the footer sits below it. */
const BODY_BOTTOM = PAGE.height - PAGE.margin - 14
const INK = '#212121'
const MUTED = '#616161'
const RULE = '#9e9e9e'

export const VERDICT_COLOR: Record<Verdict, string> = { allowed: '#2e7d32', investigate: '#e65100', refused: '#c62828' }
const SEVERITY_COLOR: Record<Severity, string> = { refuse: '#c62828', investigate: '#e65100', note: '#1565c0', clear: '#2e7d32' }
/** The checked plot as the pre-check page draws it. */
const PLOT_FILL = '#1e88e5'
const PLOT_LINE = '#0d47a1'

const beijingDate = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' })
const beijingTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false })
const dateOnly = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—')
const fmtNumber = (n: number, digits = 1) => n.toLocaleString('zh-CN', { maximumFractionDigits: digits })

/**
 * The report of a recorded check the caller may read (404 unknown, 403 out of scope, as GET /api/precheck/:id).
 * The map shows each named feature as it is today (clipped to the map), which the report says under the map.
 */
export async function buildPrecheckReport(db: Queryable, ctx: AuthContext, id: number): Promise<{ pdf: Buffer; contentDisposition: string }> {
  const check = await getPrecheck(db, ctx, id)
  const wanted = uniqueFeatures(check.reasons)
  const radiusM = check.dataVersion?.rules?.settings?.monitoringRadiusM ?? 500
  const features = await findReportFeatures(db, wanted, expandBox(boxOf(check.geometry), radiusM * 1.5))
  const pdf = await renderPrecheckReport(check, features)
  const digits = check.number.match(/\d+/g)?.join('-') ?? String(check.id)
  return { pdf, contentDisposition: contentDisposition({ utf8: `用地准入核查意见书-${check.number}.pdf`, ascii: `precheck-${digits}.pdf` }).replace(/^attachment/, 'inline') }
}

function uniqueFeatures(reasons: PrecheckReason[]): { type: FeatureType; id: number }[] {
  const seen = new Map<string, { type: FeatureType; id: number }>()
  for (const r of reasons) {
    if (r.featureType && r.featureId !== null) seen.set(`${r.featureType}:${r.featureId}`, { type: r.featureType, id: r.featureId })
  }
  return [...seen.values()]
}

/** Renders the report; pure apart from reading the font files once. */
export function renderPrecheckReport(check: Check, features: ReportFeature[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4', margin: PAGE.margin, bufferPages: true,
    info: { Title: `用地准入核查意见书 ${check.number}`, Subject: check.verdictName, Author: check.checkedByName, Creator: '土壤环境一张图' },
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

  let y = drawHeading(doc, check)
  y = drawFacts(doc, check, y + 10)
  y = drawVerdict(doc, check, y + 10)
  y = drawMap(doc, check, features, y + 12)
  y = drawReasons(doc, check.reasons, y + 14)
  y = drawDataVersion(doc, check.dataVersion, y + 14)
  drawSignatures(doc, check, y + 14)
  drawFooters(doc, check)
  doc.end()
  return done
}

function drawHeading(doc: Doc, check: Check): number {
  const x = PAGE.margin
  doc.font('bold').fontSize(22).fillColor(INK).text('用地准入核查意见书', x, PAGE.margin, { width: CONTENT_WIDTH, align: 'center', characterSpacing: 2 })
  doc.font('regular').fontSize(12).text(check.number, x, doc.y + 4, { width: CONTENT_WIDTH, align: 'center' })
  doc.fontSize(9.5).fillColor(MUTED).text(`核查日期：${beijingDate.format(new Date(check.checkedAt))}`, x, doc.y + 6, { width: CONTENT_WIDTH, align: 'right' })
  const y = doc.y + 4
  doc.moveTo(x, y).lineTo(x + CONTENT_WIDTH, y).lineWidth(1.2).strokeColor(INK).stroke()
  return y
}

/** The plot facts as a four-column grid of label and value. */
function drawFacts(doc: Doc, check: Check, top: number): number {
  const facts: [string, string][] = [
    ['地块名称', check.name ?? '（未命名）'],
    ['所在区县', check.county],
    ['核查面积', `${fmtNumber(check.areaM2, 0)} 平方米（${check.areaMu.toFixed(2)} 亩）`],
    ['来源编号', check.reference ?? '—'],
    ['规划用途', `${check.plannedUseName}（${check.plannedUse}）`],
    ['用地类别', `${check.landClassName}（GB 36600-2018）`],
    ['核查人', `${check.checkedByName}（${check.checkedBy}）`],
    ['核查时间', beijingTime.format(new Date(check.checkedAt))],
  ]
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
      doc.rect(x + labelW, y, valueW, h).lineWidth(0.5).stroke(RULE)
      doc.font('bold').fillColor(INK).text(label, x + 4, y + 4, { width: labelW - 8 })
      doc.font('regular').fillColor(INK).text(value, x + labelW + 4, y + 4, { width: valueW - 8 })
    })
    y += h
  }
  return y
}

function drawVerdict(doc: Doc, check: Check, top: number): number {
  const color = VERDICT_COLOR[check.verdict]
  const counts = (['refuse', 'investigate', 'note', 'clear'] as Severity[])
    .map((s) => [s, check.reasons.filter((r) => r.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${check.reasons.find((r) => r.severity === s)!.severityName} ${n} 条`)
  const h = 64
  doc.save().rect(PAGE.margin, top, CONTENT_WIDTH, h).fillOpacity(0.08).fill(color).restore()
  doc.rect(PAGE.margin, top, CONTENT_WIDTH, h).lineWidth(1.5).stroke(color)
  doc.font('regular').fontSize(10).fillColor(INK).text('核查结论', PAGE.margin + 12, top + 7)
  doc.font('bold').fontSize(18).fillColor(color).text(check.verdictName, PAGE.margin + 12, top + 19, { width: CONTENT_WIDTH - 24 })
  doc.font('regular').fontSize(9).fillColor(MUTED)
    .text(`理由 ${check.reasons.length} 条${counts.length ? `（${counts.join('，')}）` : ''}，以最严格的理由定结论`, PAGE.margin + 12, top + 46, { width: CONTENT_WIDTH - 24 })
  return top + h
}

interface Projection { x: (lon: number) => number; y: (lat: number) => number; ptPerM: number }

/** Metres per degree of longitude and latitude at a latitude (CGCS2000 ≈ GRS80; within centimetres per km). */
function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const p = (latDeg * Math.PI) / 180
  return {
    lon: 111412.84 * Math.cos(p) - 93.5 * Math.cos(3 * p) + 0.118 * Math.cos(5 * p),
    lat: 111132.92 - 559.82 * Math.cos(2 * p) + 1.175 * Math.cos(4 * p) - 0.0023 * Math.cos(6 * p),
  }
}

function positionsOf(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point': return [g.coordinates]
    case 'MultiPoint': case 'LineString': return g.coordinates
    case 'MultiLineString': case 'Polygon': return g.coordinates.flat()
    case 'MultiPolygon': return g.coordinates.flat(2)
    case 'GeometryCollection': return g.geometries.flatMap(positionsOf)
  }
}

function boxOf(g: Geometry): LonLatBox {
  const ps = positionsOf(g)
  return {
    xmin: Math.min(...ps.map((p) => p[0])), ymin: Math.min(...ps.map((p) => p[1])),
    xmax: Math.max(...ps.map((p) => p[0])), ymax: Math.max(...ps.map((p) => p[1])),
  }
}

function expandBox(b: LonLatBox, metres: number): LonLatBox {
  const m = metresPerDegree((b.ymin + b.ymax) / 2)
  return { xmin: b.xmin - metres / m.lon, ymin: b.ymin - metres / m.lat, xmax: b.xmax + metres / m.lon, ymax: b.ymax + metres / m.lat }
}

/**
 * A local equirectangular projection centred on the view, north up, that fits the plot and the monitoring points
 * named (with a margin of a quarter of the extent, at least 100 m) into the frame.
 */
function fitProjection(plot: MultiPolygon, points: Position[], frame: { x: number; y: number; w: number; h: number }): Projection {
  const b = boxOf({ type: 'GeometryCollection', geometries: [plot, { type: 'MultiPoint', coordinates: points }] })
  const cx = (b.xmin + b.xmax) / 2
  const cy = (b.ymin + b.ymax) / 2
  const m = metresPerDegree(cy)
  const wM = (b.xmax - b.xmin) * m.lon
  const hM = (b.ymax - b.ymin) * m.lat
  const pad = Math.max(100, 0.25 * Math.max(wM, hM))
  const ptPerM = Math.min(frame.w / (wM + 2 * pad), frame.h / (hM + 2 * pad))
  return {
    x: (lon) => frame.x + frame.w / 2 + (lon - cx) * m.lon * ptPerM,
    y: (lat) => frame.y + frame.h / 2 - (lat - cy) * m.lat * ptPerM,
    ptPerM,
  }
}

interface LegendEntry { label: string; kind: 'fill' | 'hatch' | 'circle' | 'plot'; color: string }

function styleOf(f: ReportFeature, reasons: PrecheckReason[]): LegendEntry {
  switch (f.type) {
    case 'plot': {
      const group = PLOT_STATUS_GROUPS.find((g) => (g.statuses as readonly string[]).includes(f.style ?? ''))
      return { label: group?.label ?? PUBLIC_LISTS.suspected.name, kind: 'fill', color: group?.color ?? PUBLIC_LISTS.suspected.color }
    }
    case 'control-zone': return { label: '管控区域', kind: 'hatch', color: ZONE_COLOR }
    case 'enterprise': return f.style === 'operating'
      ? { label: '重点监管单位用地（在产）', kind: 'fill', color: ENTERPRISE_COLOR }
      : { label: '重点监管单位用地（关闭或搬迁）', kind: 'fill', color: ENTERPRISE_CLOSED_COLOR }
    case 'farmland': {
      const code = reasons.find((r) => r.featureType === 'farmland' && r.featureId === f.id)?.code
      const cls = code === 'STRICT_FARMLAND' ? 'strict' : code === 'SAFE_USE_FARMLAND' ? 'safe_use' : code === 'PRIORITY_FARMLAND' ? 'priority' : 'unclassified'
      return { label: `${FARMLAND_CLASS[cls]}耕地`, kind: 'fill', color: CLASS_COLORS[cls] }
    }
    case 'monitoring-point': {
      const level = (f.style ?? 'county') as keyof typeof LEVEL_COLORS
      return { label: `${labelOf(POINT_LEVEL, level)}土壤监测点位`, kind: 'circle', color: LEVEL_COLORS[level] ?? LEVEL_COLORS.county }
    }
  }
}

function tracePolygons(doc: Doc, g: Geometry, p: Projection): void {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []
  for (const polygon of polygons) {
    for (const ring of polygon) {
      ring.forEach(([lon, lat], i) => (i === 0 ? doc.moveTo(p.x(lon), p.y(lat)) : doc.lineTo(p.x(lon), p.y(lat))))
      doc.closePath()
    }
  }
  if (g.type === 'GeometryCollection') g.geometries.forEach((part) => tracePolygons(doc, part, p))
}

function drawFeature(doc: Doc, f: ReportFeature, style: LegendEntry, p: Projection, frame: { x: number; y: number; w: number; h: number }): void {
  if (f.geometry.type === 'Point') {
    const [lon, lat] = f.geometry.coordinates
    doc.circle(p.x(lon), p.y(lat), 4.5).lineWidth(1.2).fillAndStroke(style.color, '#000000')
    return
  }
  if (style.kind === 'hatch') {
    doc.save()
    tracePolygons(doc, f.geometry, p)
    doc.clip('even-odd')
    doc.lineWidth(0.8).strokeColor(style.color).strokeOpacity(0.8)
    for (let d = -frame.h; d < frame.w; d += 7) doc.moveTo(frame.x + d, frame.y + frame.h).lineTo(frame.x + d + frame.h, frame.y)
    doc.stroke()
    doc.restore()
  } else {
    doc.save()
    tracePolygons(doc, f.geometry, p)
    doc.fillOpacity(0.55).fill(style.color, 'even-odd')
    doc.restore()
  }
  doc.save()
  tracePolygons(doc, f.geometry, p)
  doc.lineWidth(1.2).strokeColor(style.color).stroke()
  doc.restore()
}

function drawMap(doc: Doc, check: Check, features: ReportFeature[], top: number): number {
  const frame = { x: PAGE.margin, y: top + 16, w: CONTENT_WIDTH, h: 290 }
  doc.font('bold').fontSize(11).fillColor(INK).text('地块位置及涉及要素示意图', PAGE.margin, top)
  const points = features.flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : []))
  const p = fitProjection(check.geometry, points, frame)
  const styled = features.map((f) => ({ f, style: styleOf(f, check.reasons) }))

  doc.save()
  doc.rect(frame.x, frame.y, frame.w, frame.h).fill('#f4f1ea')
  doc.rect(frame.x, frame.y, frame.w, frame.h).clip()
  for (const { f, style } of styled.filter((s) => s.f.geometry.type !== 'Point')) drawFeature(doc, f, style, p, frame)
  doc.save()
  tracePolygons(doc, check.geometry, p)
  doc.fillOpacity(0.2).fill(PLOT_FILL, 'even-odd')
  doc.restore()
  tracePolygons(doc, check.geometry, p)
  doc.lineWidth(2.2).strokeColor(PLOT_LINE).stroke()
  for (const { f, style } of styled.filter((s) => s.f.geometry.type === 'Point')) drawFeature(doc, f, style, p, frame)
  for (const { f, style } of styled) drawReasonTag(doc, f, style, check.reasons, p, frame)
  doc.restore()
  doc.rect(frame.x, frame.y, frame.w, frame.h).lineWidth(0.8).stroke(INK)

  drawNorthArrow(doc, frame.x + frame.w - 26, frame.y + 12)
  drawScaleBar(doc, p.ptPerM, frame.x + 12, frame.y + frame.h - 26, frame.w / 4)

  const legend: LegendEntry[] = [{ label: '核查地块', kind: 'plot', color: PLOT_FILL }]
  for (const { style } of styled) if (!legend.some((l) => l.label === style.label)) legend.push(style)
  let y = drawLegend(doc, legend, frame.y + frame.h + 6)
  doc.font('regular').fontSize(8).fillColor(MUTED)
    .text('注：图中圆圈数字为核查理由序号；要素为出具本意见书时系统中的已发布数据（监测点位、重点监管单位为内部数据），仅示意位置关系；坐标系 CGCS2000（EPSG:4490）。', PAGE.margin, y + 2, { width: CONTENT_WIDTH })
  y = doc.y
  return y
}

/** The number of the first reason naming the feature (its row in the reasons table), by the point or at the middle of the part in view. */
function drawReasonTag(doc: Doc, f: ReportFeature, style: LegendEntry, reasons: PrecheckReason[], p: Projection, frame: { x: number; y: number; w: number; h: number }): void {
  const index = reasons.findIndex((r) => r.featureType === f.type && r.featureId === f.id)
  if (index < 0) return
  let cx: number
  let cy: number
  if (f.geometry.type === 'Point') {
    cx = p.x(f.geometry.coordinates[0]) + 9
    cy = p.y(f.geometry.coordinates[1]) - 9
  } else {
    const b = boxOf(f.geometry)
    const clampX = (v: number) => Math.min(Math.max(v, frame.x + 10), frame.x + frame.w - 10)
    const clampY = (v: number) => Math.min(Math.max(v, frame.y + 10), frame.y + frame.h - 10)
    cx = (clampX(p.x(b.xmin)) + clampX(p.x(b.xmax))) / 2
    cy = (clampY(p.y(b.ymax)) + clampY(p.y(b.ymin))) / 2
  }
  doc.circle(cx, cy, 7).lineWidth(1).fillAndStroke('#ffffff', style.color)
  doc.font('bold').fontSize(7.5).fillColor(INK).text(String(index + 1), cx - 7, cy - 5.5, { width: 14, align: 'center', lineBreak: false })
}

function drawNorthArrow(doc: Doc, cx: number, top: number): void {
  doc.save()
  doc.polygon([cx, top + 8], [cx - 7, top + 30], [cx, top + 25]).fill(INK)
  doc.polygon([cx, top + 8], [cx + 7, top + 30], [cx, top + 25]).lineWidth(0.8).fillAndStroke('#ffffff', INK)
  doc.restore()
  doc.font('bold').fontSize(9).fillColor(INK).text('北', cx - 10, top - 4, { width: 20, align: 'center' })
}

/** A two-segment scale bar of a round length (1, 2 or 5 × 10ⁿ m) no longer than `maxPt`, and the scale 1:N. */
function drawScaleBar(doc: Doc, ptPerM: number, x: number, y: number, maxPt: number): void {
  const maxM = maxPt / ptPerM
  const pow = 10 ** Math.floor(Math.log10(maxM))
  const lengthM = [5, 2, 1].map((k) => k * pow).find((v) => v <= maxM) ?? pow
  const w = lengthM * ptPerM
  const label = (m: number) => (m >= 1000 ? `${fmtNumber(m / 1000, 2)} 千米` : `${fmtNumber(m, 0)} 米`)
  const denominator = Math.round(1 / (ptPerM * (0.0254 / 72)))
  const rounded = Number(denominator.toPrecision(2))
  doc.save()
  doc.rect(x - 4, y - 12, w + 70, 24).fillOpacity(0.85).fill('#ffffff')
  doc.restore()
  doc.rect(x, y, w / 2, 4).fillAndStroke(INK, INK)
  doc.rect(x + w / 2, y, w / 2, 4).lineWidth(0.6).fillAndStroke('#ffffff', INK)
  doc.font('regular').fontSize(7.5).fillColor(INK)
  doc.text('0', x - 3, y - 11, { lineBreak: false })
  doc.text(label(lengthM), x + w - 30, y - 11, { width: 60, align: 'center', lineBreak: false })
  doc.text(`约 1:${rounded.toLocaleString('en-US')}`, x + w + 8, y - 2, { lineBreak: false })
}

function drawLegend(doc: Doc, entries: LegendEntry[], top: number): number {
  doc.font('regular').fontSize(8.5)
  let x = PAGE.margin
  let y = top
  for (const e of entries) {
    const w = 18 + doc.widthOfString(e.label) + 14
    if (x + w > PAGE.margin + CONTENT_WIDTH) { x = PAGE.margin; y += 14 }
    if (e.kind === 'circle') doc.circle(x + 6, y + 6, 4).lineWidth(1).fillAndStroke(e.color, '#000000')
    else if (e.kind === 'plot') doc.rect(x, y + 1, 14, 10).lineWidth(1.8).fillAndStroke('#bbdefb', PLOT_LINE)
    else if (e.kind === 'hatch') {
      doc.save().rect(x, y + 1, 14, 10).clip()
      for (let d = -10; d < 14; d += 4) doc.moveTo(x + d, y + 11).lineTo(x + d + 10, y + 1)
      doc.lineWidth(0.8).stroke(e.color).restore()
      doc.rect(x, y + 1, 14, 10).lineWidth(1).stroke(e.color)
    } else {
      doc.save().rect(x, y + 1, 14, 10).fillOpacity(0.55).fill(e.color).restore()
      doc.rect(x, y + 1, 14, 10).lineWidth(1).stroke(e.color)
    }
    doc.fillColor(INK).text(e.label, x + 18, y + 0.5, { lineBreak: false })
    x += w
  }
  return y + 14
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
  const feature = r.featureTypeName ? [r.featureTypeName, r.featureCode, r.featureName !== r.featureCode ? r.featureName : null].filter(Boolean).join('\n') : '—'
  const extent = r.overlapM2 !== null
    ? `${fmtNumber(r.overlapM2)} 平方米\n（${(r.overlapMu ?? 0).toFixed(2)} 亩）`
    : r.distanceM !== undefined ? (r.distanceM <= 0 ? '位于地块内' : `距地块 ${fmtNumber(r.distanceM)} 米`) : '—'
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

/** The reasons table; long Chinese text wraps inside its cell, and a row that does not fit starts a new page under a repeated header. */
function drawReasons(doc: Doc, reasons: PrecheckReason[], top: number): number {
  const rowHeight = (cells: string[]) => {
    doc.font('regular').fontSize(8.5)
    return Math.max(...cells.map((t, j) => doc.heightOfString(t, { width: COLUMNS[j].width - 6, lineGap: 1 }))) + 8
  }
  const rows = reasons.map((r, i) => ({ r, cells: reasonCells(r, i) })).map((row) => ({ ...row, h: rowHeight(row.cells) }))
  let y = top
  if (y + 50 + (rows[0]?.h ?? 0) > BODY_BOTTOM) { doc.addPage(); y = PAGE.margin }
  doc.font('bold').fontSize(11).fillColor(INK).text('核查理由', PAGE.margin, y)
  y = drawTableHeader(doc, doc.y + 4)
  for (const { r, cells, h } of rows) {
    if (y + h > BODY_BOTTOM) { doc.addPage(); y = drawTableHeader(doc, PAGE.margin) }
    let x = PAGE.margin
    cells.forEach((t, j) => {
      doc.rect(x, y, COLUMNS[j].width, h).lineWidth(0.5).stroke(RULE)
      const isSeverity = j === 1
      doc.font(isSeverity ? 'bold' : 'regular').fontSize(8.5).fillColor(isSeverity ? SEVERITY_COLOR[r.severity] : INK)
        .text(t, x + 3, y + 4, { width: COLUMNS[j].width - 6, lineGap: 1, align: j === 0 || j === 1 ? 'center' : 'left' })
      x += COLUMNS[j].width
    })
    y += h
  }
  return y
}

/** The versions of data and rules the check read, in words (records written before a field existed show “—”). */
export function dataVersionLines(v: Partial<DataVersion> | null | undefined): string[] {
  const counted = (what: string, c: { count: number; lastPublishedAt: string | null } | undefined) =>
    c ? `${what} ${c.count} 个（最近发布 ${dateOnly(c.lastPublishedAt)}）` : `${what} —`
  const lists = v?.registryLists?.length
    ? v.registryLists.map((l) => `${PUBLIC_LISTS[l.list as keyof typeof PUBLIC_LISTS]?.name ?? l.list}（${l.jurisdiction}）第 ${l.version} 版`).join('；')
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
  if (y + h > BODY_BOTTOM) { doc.addPage(); y = PAGE.margin }
  doc.font('bold').fontSize(11).fillColor(INK).text('数据版本', PAGE.margin, y)
  doc.font('regular').fontSize(8.5).fillColor(MUTED)
  y = doc.y + 2
  for (const l of lines) {
    doc.text(l, PAGE.margin, y, { width: CONTENT_WIDTH, lineGap: 1 })
    y = doc.y + 1
  }
  return y
}

function drawSignatures(doc: Doc, check: Check, top: number): void {
  const h = 120
  let y = top
  if (y + h > BODY_BOTTOM) { doc.addPage(); y = PAGE.margin }
  doc.moveTo(PAGE.margin, y).lineTo(PAGE.margin + CONTENT_WIDTH, y).lineWidth(0.8).stroke(INK)
  y += 12
  const line = (label: string, value: string, x: number, yy: number, width: number) => {
    doc.font('regular').fontSize(10).fillColor(INK).text(label, x, yy, { lineBreak: false })
    const lx = x + doc.widthOfString(label) + 4
    doc.moveTo(lx, yy + 14).lineTo(x + width, yy + 14).lineWidth(0.6).stroke(INK)
    if (value) doc.fontSize(9).fillColor(MUTED).text(value, lx + 4, yy + 1, { lineBreak: false })
  }
  const colW = 170
  line('核查人（签字）：', check.checkedByName, PAGE.margin, y, colW)
  line('日期：', '', PAGE.margin + colW + 16, y, 130)
  line('审核人（签字）：', '', PAGE.margin, y + 34, colW)
  line('日期：', '', PAGE.margin + colW + 16, y + 34, 130)
  const sealX = PAGE.margin + CONTENT_WIDTH - 130
  doc.save().dash(3, { space: 3 }).rect(sealX, y - 4, 130, 80).lineWidth(0.8).stroke(RULE).undash().restore()
  doc.font('regular').fontSize(10).fillColor(MUTED).text('（盖章）', sealX, y + 30, { width: 130, align: 'center' })
  doc.fontSize(8).fillColor(MUTED).text('本意见书由土壤环境一张图系统依据已发布数据生成，可凭核查编号在系统中查询、重新核查。核查结论不代替土壤污染状况调查评估和耕地保护等其他审查。',
    PAGE.margin, y + 66, { width: CONTENT_WIDTH - 150 })
}

function drawFooters(doc: Doc, check: Check): void {
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    const bottom = doc.page.margins.bottom
    doc.page.margins.bottom = 0
    doc.font('regular').fontSize(8).fillColor(MUTED)
      .text(`${check.number}　第 ${i + 1} 页 共 ${range.count} 页`, PAGE.margin, PAGE.height - PAGE.margin + 8, { width: CONTENT_WIDTH, align: 'center', lineBreak: false })
    doc.page.margins.bottom = bottom
  }
}

import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson'
import { FARMLAND_CLASS, POINT_LEVEL, labelOf } from '../domain/labels.ts'
import { PUBLIC_LISTS } from '../domain/public-fields.ts'
import { ZONE_LEVEL, type ZoneLevel } from '../domain/water-source.ts'
import type { LonLatBox, ReportFeature } from '../repos/precheck-report.repo.ts'
import {
  BAN_ZONE_COLOR,
  BASIC_FARMLAND_COLOR,
  CLASS_COLORS,
  ENTERPRISE_CLOSED_COLOR,
  ENTERPRISE_COLOR,
  LEVEL_COLORS,
  PLOT_STATUS_GROUPS,
  PRIORITY_AREA_COLOR,
  WATER_SOURCE_COLORS,
  ZONE_COLOR,
} from '../tiles/layer-groups.ts'
import { CONTENT_WIDTH, INK, MUTED, PAGE, PLOT_FILL, PLOT_LINE, fmtNumber, type Doc } from './precheck-report-style.ts'

/** The map of the 用地准入核查意见书: the plot and the features its reasons name, north arrow, scale bar and legend. */

/** A feature on a report map: the pre-check's kinds, and the siting check's 优先保护类耕地集中区域 and ban zones. */
export type MapFeature = Omit<ReportFeature, 'type'> & { type: ReportFeature['type'] | 'priority-area' | 'ban-zone' }
/** What the map needs of a check: the outline, and the reasons naming features (their numbers tag the map). */
export interface MapCheck {
  geometry: Polygon | MultiPolygon
  reasons: readonly { code: string; featureType: string | null; featureId: number | null }[]
}
/** Title, the checked outline's legend label and the note under the map (the pre-check's by default). */
export interface MapWording {
  title: string
  outlineLabel: string
  note: string
  /** More positions the map must show (by default the outline and the points). */
  fitTo?: Position[]
}
const PRECHECK_MAP_WORDING: MapWording = {
  title: '地块位置及涉及要素示意图',
  outlineLabel: '核查地块',
  note: '注：图中圆圈数字为核查理由序号；污染地块、管控区域和重点监管单位用地为核查时读取的版本（此后变更或撤销不影响本图），耕地图斑和监测点位为出具本意见书时的现状（监测点位、重点监管单位为内部数据）；仅示意位置关系；坐标系 CGCS2000（EPSG:4490）。',
}

interface Projection {
  x: (lon: number) => number
  y: (lat: number) => number
  ptPerM: number
}

/** Metres per degree of longitude and latitude at a latitude (CGCS2000 ≈ GRS80; within centimetres per km). */
function metresPerDegree(latDeg: number): { lon: number; lat: number } {
  const p = (latDeg * Math.PI) / 180
  return {
    lon: 111412.84 * Math.cos(p) - 93.5 * Math.cos(3 * p) + 0.118 * Math.cos(5 * p),
    lat: 111132.92 - 559.82 * Math.cos(2 * p) + 1.175 * Math.cos(4 * p) - 0.0023 * Math.cos(6 * p),
  }
}

export function positionsOf(g: Geometry): Position[] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates]
    case 'MultiPoint':
    case 'LineString':
      return g.coordinates
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat()
    case 'MultiPolygon':
      return g.coordinates.flat(2)
    case 'GeometryCollection':
      return g.geometries.flatMap(positionsOf)
  }
}

export function boxOf(g: Geometry): LonLatBox {
  const ps = positionsOf(g)
  return {
    xmin: Math.min(...ps.map((p) => p[0])),
    ymin: Math.min(...ps.map((p) => p[1])),
    xmax: Math.max(...ps.map((p) => p[0])),
    ymax: Math.max(...ps.map((p) => p[1])),
  }
}

export function expandBox(b: LonLatBox, metres: number): LonLatBox {
  const m = metresPerDegree((b.ymin + b.ymax) / 2)
  return {
    xmin: b.xmin - metres / m.lon,
    ymin: b.ymin - metres / m.lat,
    xmax: b.xmax + metres / m.lon,
    ymax: b.ymax + metres / m.lat,
  }
}

/**
 * A local equirectangular projection centred on the view, north up, that fits the plot and the monitoring points
 * named (with a margin of a quarter of the extent, at least 100 m) into the frame.
 */
function fitProjection(
  plot: Polygon | MultiPolygon,
  points: Position[],
  frame: { x: number; y: number; w: number; h: number },
): Projection {
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

interface LegendEntry {
  label: string
  kind: 'fill' | 'hatch' | 'circle' | 'plot'
  color: string
}

function styleOf(f: MapFeature, reasons: MapCheck['reasons']): LegendEntry {
  switch (f.type) {
    case 'priority-area':
      return { label: '优先保护类耕地集中区域', kind: 'hatch', color: PRIORITY_AREA_COLOR }
    case 'ban-zone':
      return { label: '特定农产品禁止生产区域', kind: 'hatch', color: BAN_ZONE_COLOR }
    case 'plot': {
      const group = PLOT_STATUS_GROUPS.find((g) => (g.statuses as readonly string[]).includes(f.style ?? ''))
      return {
        label: group?.label ?? PUBLIC_LISTS.suspected.name,
        kind: 'fill',
        color: group?.color ?? PUBLIC_LISTS.suspected.color,
      }
    }
    case 'control-zone':
      return { label: '管控区域', kind: 'hatch', color: ZONE_COLOR }
    case 'basic-farmland':
      return { label: '永久基本农田', kind: 'hatch', color: BASIC_FARMLAND_COLOR }
    case 'water-source': {
      const level = (f.style ?? 'quasi') as ZoneLevel
      return { label: `饮用水水源${ZONE_LEVEL[level]}`, kind: 'fill', color: WATER_SOURCE_COLORS[level] }
    }
    case 'enterprise':
      return f.style === 'operating'
        ? { label: '重点监管单位用地（在产）', kind: 'fill', color: ENTERPRISE_COLOR }
        : { label: '重点监管单位用地（关闭或搬迁）', kind: 'fill', color: ENTERPRISE_CLOSED_COLOR }
    case 'farmland': {
      const code = reasons.find((r) => r.featureType === 'farmland' && r.featureId === f.id)?.code
      const cls =
        code === 'STRICT_FARMLAND'
          ? 'strict'
          : code === 'SAFE_USE_FARMLAND'
            ? 'safe_use'
            : code === 'PRIORITY_FARMLAND'
              ? 'priority'
              : 'unclassified'
      return { label: `${FARMLAND_CLASS[cls]}耕地`, kind: 'fill', color: CLASS_COLORS[cls] }
    }
    case 'monitoring-point': {
      const level = (f.style ?? 'county') as keyof typeof LEVEL_COLORS
      return {
        label: `${labelOf(POINT_LEVEL, level)}土壤监测点位`,
        kind: 'circle',
        color: LEVEL_COLORS[level] ?? LEVEL_COLORS.county,
      }
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

function drawFeature(
  doc: Doc,
  f: MapFeature,
  style: LegendEntry,
  p: Projection,
  frame: { x: number; y: number; w: number; h: number },
): void {
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
    for (let d = -frame.h; d < frame.w; d += 7)
      doc.moveTo(frame.x + d, frame.y + frame.h).lineTo(frame.x + d + frame.h, frame.y)
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

export function drawMap(
  doc: Doc,
  check: MapCheck,
  features: MapFeature[],
  top: number,
  wording: MapWording = PRECHECK_MAP_WORDING,
): number {
  const frame = { x: PAGE.margin, y: top + 16, w: CONTENT_WIDTH, h: 290 }
  doc.font('bold').fontSize(11).fillColor(INK).text(wording.title, PAGE.margin, top)
  const points = features.flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : []))
  const p = fitProjection(check.geometry, [...points, ...(wording.fitTo ?? [])], frame)
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

  const legend: LegendEntry[] = [{ label: wording.outlineLabel, kind: 'plot', color: PLOT_FILL }]
  for (const { style } of styled) if (!legend.some((l) => l.label === style.label)) legend.push(style)
  let y = drawLegend(doc, legend, frame.y + frame.h + 6)
  doc
    .font('regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text(wording.note, PAGE.margin, y + 2, { width: CONTENT_WIDTH })
  y = doc.y
  return y
}

/** The number of the first reason naming the feature (its row in the reasons table), by the point or at the middle of the part in view. */
function drawReasonTag(
  doc: Doc,
  f: MapFeature,
  style: LegendEntry,
  reasons: MapCheck['reasons'],
  p: Projection,
  frame: { x: number; y: number; w: number; h: number },
): void {
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
  doc
    .font('bold')
    .fontSize(7.5)
    .fillColor(INK)
    .text(String(index + 1), cx - 7, cy - 5.5, { width: 14, align: 'center', lineBreak: false })
}

function drawNorthArrow(doc: Doc, cx: number, top: number): void {
  doc.save()
  doc.polygon([cx, top + 8], [cx - 7, top + 30], [cx, top + 25]).fill(INK)
  doc
    .polygon([cx, top + 8], [cx + 7, top + 30], [cx, top + 25])
    .lineWidth(0.8)
    .fillAndStroke('#ffffff', INK)
  doc.restore()
  doc
    .font('bold')
    .fontSize(9)
    .fillColor(INK)
    .text('北', cx - 10, top - 4, { width: 20, align: 'center' })
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
  doc
    .rect(x - 4, y - 12, w + 70, 24)
    .fillOpacity(0.85)
    .fill('#ffffff')
  doc.restore()
  doc.rect(x, y, w / 2, 4).fillAndStroke(INK, INK)
  doc
    .rect(x + w / 2, y, w / 2, 4)
    .lineWidth(0.6)
    .fillAndStroke('#ffffff', INK)
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
    if (x + w > PAGE.margin + CONTENT_WIDTH) {
      x = PAGE.margin
      y += 14
    }
    if (e.kind === 'circle')
      doc
        .circle(x + 6, y + 6, 4)
        .lineWidth(1)
        .fillAndStroke(e.color, '#000000')
    else if (e.kind === 'plot')
      doc
        .rect(x, y + 1, 14, 10)
        .lineWidth(1.8)
        .fillAndStroke('#bbdefb', PLOT_LINE)
    else if (e.kind === 'hatch') {
      doc
        .save()
        .rect(x, y + 1, 14, 10)
        .clip()
      for (let d = -10; d < 14; d += 4) doc.moveTo(x + d, y + 11).lineTo(x + d + 10, y + 1)
      doc.lineWidth(0.8).stroke(e.color).restore()
      doc
        .rect(x, y + 1, 14, 10)
        .lineWidth(1)
        .stroke(e.color)
    } else {
      doc
        .save()
        .rect(x, y + 1, 14, 10)
        .fillOpacity(0.55)
        .fill(e.color)
        .restore()
      doc
        .rect(x, y + 1, 14, 10)
        .lineWidth(1)
        .stroke(e.color)
    }
    doc.fillColor(INK).text(e.label, x + 18, y + 0.5, { lineBreak: false })
    x += w
  }
  return y + 14
}

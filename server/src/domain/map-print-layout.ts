/**
 * The sheet of a printed map (专题图): title, map frame, north arrow, legend, scale bar and numeric scale, the
 * coordinate system, the mapping unit and date. One layout in millimetres from the top-left corner of the paper,
 * drawn the same by the server's PDF and the browser's PNG. Pure: no I/O.
 */

/** ISO 216 paper in millimetres, portrait. */
export const PAPER_MM = { A4: { width: 210, height: 297 }, A3: { width: 297, height: 420 } } as const
export type Paper = keyof typeof PAPER_MM
export const PAPERS = Object.keys(PAPER_MM) as Paper[]
export const ORIENTATIONS = ['portrait', 'landscape'] as const
export type Orientation = (typeof ORIENTATIONS)[number]
export const ORIENTATION_NAME: Record<Orientation, string> = { portrait: '纵向', landscape: '横向' }

/** Resolution of the exported PNG and of the map picture in the PDF. */
export const PRINT_DPI = 150

/** The ellipsoid of the 2000 国家大地坐标系 (CGCS2000): semi-major axis in metres and flattening. */
const CGCS2000_A = 6378137
const CGCS2000_F = 1 / 298.257222101
const E2 = CGCS2000_F * (2 - CGCS2000_F)

export const CRS_NOTE = '坐标系：2000 国家大地坐标系（CGCS2000）'
/** An honest note in place of a map review number: the sheet is a working map, not a published one. */
export const USE_NOTE = '本图仅供内部工作参考，不作为权属及界线依据'

/** A legend entry as the layer panel shows it. */
export interface PrintLegendEntry {
  label: string
  color: string
  kind: 'fill' | 'line' | 'circle' | 'hatch'
}

export interface RectMm {
  x: number
  y: number
  width: number
  height: number
}

/** A line of text: `y` is the top of the line, `fontMm` the em size. */
export interface SheetText {
  text: string
  x: number
  y: number
  width: number
  fontMm: number
  align: 'left' | 'center' | 'right'
  isBold?: boolean
  isMuted?: boolean
}

/**
 * A shape of the sheet: a rectangle, a circle, a closed polygon or an open line; `fill` and `stroke` are colours,
 * `lineMm` the stroke width, `opacity` that of the fill.
 */
export type SheetShape =
  | ({ type: 'rect' } & RectMm & Paint)
  | ({ type: 'circle'; cx: number; cy: number; r: number } & Paint)
  | ({ type: 'polygon' | 'line'; points: [number, number][] } & Paint)

interface Paint {
  fill?: string
  stroke?: string
  lineMm?: number
  opacity?: number
}

/** Everything drawn on a sheet, in millimetres, in drawing order after the map picture. */
export interface SheetLayout {
  width: number
  height: number
  /** Where the map picture goes. */
  frame: RectMm
  scaleDenominator: number
  scaleBarM: number
  shapes: SheetShape[]
  texts: SheetText[]
}

/** What the officer chose and the map shows. */
export interface SheetInput {
  paper: Paper
  orientation: Orientation
  title: string
  unit: string
  /** 制图日期 as printed, e.g. 2026年12月7日. */
  date: string
  legend: readonly PrintLegendEntry[]
  /** The extent of the map frame in degrees [west, south, east, north]. */
  bbox: readonly [number, number, number, number]
}

/** Paper size in millimetres for the orientation. */
export function paperSize(paper: Paper, orientation: Orientation): { width: number; height: number } {
  const { width, height } = PAPER_MM[paper]
  return orientation === 'portrait' ? { width, height } : { width: height, height: width }
}

/** Pixels of a length in millimetres at `dpi`. */
export const mmToPx = (mm: number, dpi = PRINT_DPI) => Math.round((mm / 25.4) * dpi)
/** PDF points of a length in millimetres. */
export const mmToPt = (mm: number) => (mm / 25.4) * 72

/** Metres along the parallel per degree of longitude at `latDeg`, on the CGCS2000 ellipsoid (N(φ)·cos φ·π/180). */
export function parallelMetresPerDegree(latDeg: number): number {
  const phi = (latDeg * Math.PI) / 180
  const n = CGCS2000_A / Math.sqrt(1 - E2 * Math.sin(phi) ** 2)
  return ((n * Math.cos(phi)) / 180) * Math.PI
}

/** The latitude of the middle of an extent on a Web Mercator map (the centre of the picture, not the mean). */
export function mercatorMidLatitude(south: number, north: number): number {
  const y = (lat: number) => Math.asinh(Math.tan((lat * Math.PI) / 180))
  return (Math.atan(Math.sinh((y(south) + y(north)) / 2)) * 180) / Math.PI
}

/** Ground width across the middle of an extent, in metres on the ellipsoid. */
export function groundWidthM([west, south, east, north]: readonly [number, number, number, number]): number {
  return (east - west) * parallelMetresPerDegree(mercatorMidLatitude(south, north))
}

/** The scale 1:N of a frame `frameWidthMm` wide showing `groundM` metres across, N to three significant digits. */
export function scaleDenominator(groundM: number, frameWidthMm: number): number {
  return Number((groundM / (frameWidthMm / 1000)).toPrecision(3))
}

/** The longest round length (1, 2 or 5 × 10ⁿ metres) that is at most `maxMm` long at 1:`denominator`. */
export function roundBarLengthM(denominator: number, maxMm: number): number {
  const maxM = (maxMm / 1000) * denominator
  const pow = 10 ** Math.floor(Math.log10(maxM))
  return [5, 2, 1].map((k) => k * pow).find((v) => v <= maxM * (1 + 1e-9)) ?? pow
}

/** A length as a scale bar labels it: 米 below one kilometre, 千米 from it. */
export function lengthLabel(m: number): string {
  return m >= 1000 ? `${Number((m / 1000).toPrecision(6))} 千米` : `${Number(m.toPrecision(6))} 米`
}

/** 1:N with thousands separators, as printed under the scale bar. */
export const scaleLabel = (denominator: number) => `比例尺 1:${denominator.toLocaleString('en-US')}`

/** Width of a text in ems: a Chinese character or full-width sign is one em, any other character about half. */
export function textEms(text: string): number {
  let ems = 0
  for (const ch of text) ems += /[\u2E80-\uFFEF]/.test(ch) ? 1 : 0.56
  return ems
}

/** The largest font size from `baseMm` down to `minMm` at which `text` fits in `widthMm`. */
export function fitFontMm(text: string, widthMm: number, baseMm: number, minMm: number): number {
  return Math.max(minMm, Math.min(baseMm, widthMm / Math.max(textEms(text), 1)))
}

/** `text` cut with an ellipsis to fit `widthMm` at `fontMm`. */
export function clipText(text: string, widthMm: number, fontMm: number): string {
  if (textEms(text) * fontMm <= widthMm) return text
  const chars = [...text]
  while (chars.length > 1 && (textEms(chars.join('')) + 1) * fontMm > widthMm) chars.pop()
  return `${chars.join('')}…`
}

const INK = '#212121'
const MUTED_LINE = '#757575'

/** The symbol of a legend entry in its box, as the layer panel draws it. */
export function symbolShapes(kind: PrintLegendEntry['kind'], color: string, box: RectMm, k: number): SheetShape[] {
  const { x, y, width: w, height: h } = box
  if (kind === 'fill')
    return [
      { type: 'rect', x, y, width: w, height: h, fill: color, opacity: 0.85, stroke: MUTED_LINE, lineMm: 0.15 * k },
    ]
  if (kind === 'line') {
    const t = 0.9 * k
    return [
      { type: 'rect', x, y: y + (h - t) / 2, width: w, height: t, fill: color, stroke: MUTED_LINE, lineMm: 0.1 * k },
    ]
  }
  if (kind === 'circle') {
    const r = Math.min(w, h) / 2 - 0.2 * k
    return [
      { type: 'circle', cx: x + w / 2, cy: y + h / 2, r, fill: color, stroke: '#ffffff', lineMm: 0.35 * k },
      { type: 'circle', cx: x + w / 2, cy: y + h / 2, r: r + 0.25 * k, stroke: MUTED_LINE, lineMm: 0.12 * k },
    ]
  }
  const hatch: SheetShape[] = []
  const step = 1.3 * k
  for (let c = step; c < w + h; c += step) {
    const x0 = Math.max(0, c - h)
    const x1 = Math.min(w, c)
    hatch.push({
      type: 'line',
      points: [
        [x + x0, y + h - (c - x0)],
        [x + x1, y + h - (c - x1)],
      ],
      stroke: color,
      lineMm: 0.3 * k,
    })
  }
  return [...hatch, { type: 'rect', x, y, width: w, height: h, stroke: color, lineMm: 0.4 * k }]
}

/** A north arrow in `box`: a split arrowhead (left half dark) under the character 北. */
function northArrowShapes(box: RectMm, k: number): { shapes: SheetShape[]; text: SheetText } {
  const cx = box.x + box.width / 2
  const tip = box.y + 4.6 * k
  const base = box.y + box.height - 1.2 * k
  const notch = base - 2.6 * k
  const half = box.width / 2 - 1.6 * k
  return {
    shapes: [
      { type: 'rect', ...box, fill: '#ffffff', opacity: 0.85 },
      {
        type: 'polygon',
        points: [
          [cx, tip],
          [cx - half, base],
          [cx, notch],
        ],
        fill: INK,
        stroke: INK,
        lineMm: 0.2 * k,
      },
      {
        type: 'polygon',
        points: [
          [cx, tip],
          [cx + half, base],
          [cx, notch],
        ],
        fill: '#ffffff',
        stroke: INK,
        lineMm: 0.2 * k,
      },
    ],
    text: {
      text: '北',
      x: box.x,
      y: box.y + 0.6 * k,
      width: box.width,
      fontMm: 3.2 * k,
      align: 'center',
      isBold: true,
    },
  }
}

/** Legend rows by column (down, then across); entries that do not fit are counted in a last line. */
function layoutLegend(entries: readonly PrintLegendEntry[], area: RectMm, k: number) {
  const texts: SheetText[] = [
    { text: '图例', x: area.x, y: area.y, width: area.width, fontMm: 3.4 * k, align: 'left', isBold: true },
  ]
  const shapes: SheetShape[] = []
  const top = area.y + 5.6 * k
  const longest = Math.max(4, ...entries.map((e) => textEms(e.label)))
  const sizes = [
    [2.8 * k, 4.6 * k],
    [2.4 * k, 3.9 * k],
  ]
  for (const [n, [fontMm, rowMm]] of sizes.entries()) {
    const swatchW = 6 * k
    const colW = Math.min(area.width, swatchW + 1.6 * k + longest * fontMm + 4 * k)
    const columns = Math.max(1, Math.floor(area.width / colW))
    const rows = Math.max(1, Math.floor((area.y + area.height - top) / rowMm))
    const capacity = columns * rows
    if (entries.length > capacity && n < sizes.length - 1) continue
    const shown = entries.length > capacity ? entries.slice(0, capacity - 1) : entries
    const at = (i: number) => ({ x: area.x + Math.floor(i / rows) * colW, y: top + (i % rows) * rowMm })
    shown.forEach((e, i) => {
      const { x, y } = at(i)
      const box = { x, y: y + 0.16 * rowMm, width: swatchW, height: 0.6 * rowMm }
      shapes.push(...symbolShapes(e.kind, e.color, box, k))
      const width = colW - swatchW - 3.1 * k
      texts.push({ text: clipText(e.label, width, fontMm), x: x + swatchW + 1.6 * k, y, width, fontMm, align: 'left' })
    })
    if (shown.length < entries.length) {
      const { x, y } = at(shown.length)
      const text = `另有 ${entries.length - shown.length} 项未列出`
      texts.push({ text, x, y, width: colW, fontMm, align: 'left', isMuted: true })
    }
    break
  }
  return { texts, shapes }
}

/** Today's date as a sheet prints it (2026年12月7日) from YYYY-MM-DD. */
export function printedDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/**
 * The layout of a sheet: margins 10 mm (×√2 on A3), the title centred on top, the map frame over the full width,
 * a north arrow in the frame's top-right corner, and below the frame the legend on the left and on the right the
 * scale bar, the numeric scale computed on the ellipsoid at the centre of the frame, the coordinate system, the
 * mapping unit, the date and the note of use.
 */
export function layoutSheet(input: SheetInput): SheetLayout {
  const { width, height } = paperSize(input.paper, input.orientation)
  const k = Math.min(width, height) / PAPER_MM.A4.width
  const margin = 10 * k
  const titleH = 13 * k
  const footerH = 40 * k
  const inner = width - 2 * margin
  const frame = { x: margin, y: margin + titleH, width: inner, height: height - 2 * margin - titleH - footerH }
  const titleFont = fitFontMm(input.title, inner, 6.5 * k, 3 * k)
  const texts: SheetText[] = [
    {
      text: clipText(input.title, inner, titleFont),
      x: margin,
      y: margin + (titleH - titleFont) / 2 - 1.2 * k,
      width: inner,
      fontMm: titleFont,
      align: 'center',
      isBold: true,
    },
  ]
  const shapes: SheetShape[] = [{ type: 'rect', ...frame, stroke: INK, lineMm: 0.35 * k }]
  const arrow = northArrowShapes(
    { x: frame.x + frame.width - 14 * k, y: frame.y + 3 * k, width: 11 * k, height: 16 * k },
    k,
  )
  shapes.push(...arrow.shapes)
  texts.push(arrow.text)

  const footTop = frame.y + frame.height + 3 * k
  const blockW = 78 * k
  const blockX = width - margin - blockW
  const denominator = scaleDenominator(groundWidthM(input.bbox), frame.width)
  const barM = roundBarLengthM(denominator, 50 * k)
  const barW = (barM / denominator) * 1000
  const bar = { y: footTop + 4 * k, height: 1.6 * k, lineMm: 0.2 * k, stroke: INK }
  shapes.push(
    { type: 'rect', x: blockX, width: barW / 2, fill: INK, ...bar },
    { type: 'rect', x: blockX + barW / 2, width: barW / 2, fill: '#ffffff', ...bar },
  )
  const small = 2.6 * k
  texts.push(
    { text: '0', x: blockX - 2 * k, y: footTop, width: 4 * k, fontMm: small, align: 'center' },
    { text: lengthLabel(barM), x: blockX + barW - 15 * k, y: footTop, width: 30 * k, fontMm: small, align: 'center' },
    {
      text: scaleLabel(denominator),
      x: blockX,
      y: footTop + 7.6 * k,
      width: blockW,
      fontMm: 3.2 * k,
      align: 'left',
      isBold: true,
    },
  )
  const notes = [CRS_NOTE, `制图单位：${input.unit}`, `制图日期：${printedDate(input.date)}`]
  notes.forEach((text, i) => {
    const fontMm = fitFontMm(text, blockW, 2.8 * k, 2 * k)
    const y = footTop + (13 + 4.6 * i) * k
    texts.push({ text: clipText(text, blockW, fontMm), x: blockX, y, width: blockW, fontMm, align: 'left' })
  })
  const noteFont = fitFontMm(USE_NOTE, blockW, 2.5 * k, 2 * k)
  texts.push({
    text: USE_NOTE,
    x: blockX,
    y: footTop + 27.5 * k,
    width: blockW,
    fontMm: noteFont,
    align: 'left',
    isMuted: true,
  })

  const legendArea = { x: margin, y: footTop, width: blockX - 6 * k - margin, height: height - margin - footTop }
  const legend = layoutLegend(input.legend, legendArea, k)
  return {
    width,
    height,
    frame,
    scaleDenominator: denominator,
    scaleBarM: barM,
    shapes: [...shapes, ...legend.shapes],
    texts: [...texts, ...legend.texts],
  }
}

/** The download name of a sheet: its title and paper, e.g. 赫山区 耕地土壤环境质量类别图（A4 横向）.pdf. */
export function printFileName(
  sheet: { title: string; paper: Paper; orientation: Orientation; date: string },
  ext: 'pdf' | 'png',
): { utf8: string; ascii: string } {
  const safe = sheet.title.replace(/[\\/:*?"<>|\s]+/g, ' ').trim()
  return {
    utf8: `${safe}（${sheet.paper} ${ORIENTATION_NAME[sheet.orientation]}）.${ext}`,
    ascii: `map-${sheet.paper}-${sheet.orientation}-${sheet.date}.${ext}`,
  }
}

import { describe, expect, it } from 'vitest'
import {
  CRS_NOTE,
  fitFontMm,
  groundWidthM,
  layoutSheet,
  lengthLabel,
  mercatorMidLatitude,
  mmToPx,
  paperSize,
  parallelMetresPerDegree,
  roundBarLengthM,
  scaleDenominator,
  textEms,
  type PrintLegendEntry,
  type SheetInput,
} from '../../server/src/domain/map-print-layout.ts'

const LEGEND: PrintLegendEntry[] = [
  { label: '区县界线', color: '#37474f', kind: 'line' },
  { label: '优先保护类', color: '#4caf50', kind: 'fill' },
  { label: '国控', color: '#b71c1c', kind: 'circle' },
  { label: '管控区域', color: '#e8590c', kind: 'hatch' },
]

const input = (over: Partial<SheetInput> = {}): SheetInput => ({
  paper: 'A4',
  orientation: 'landscape',
  title: '赫山区 耕地土壤环境质量类别图',
  unit: '益阳市生态环境局赫山分局',
  date: '2026-12-07',
  legend: LEGEND,
  bbox: [112.3, 28.45, 112.5, 28.55],
  ...over,
})

describe('the ground on the CGCS2000 ellipsoid', () => {
  it.each([
    // one degree of longitude along the parallel: 0 and 60° from the GRS 80 tables, 28.5° and 45° as 1000 times the
    // geodesic of 0.001° along the parallel on the CGCS2000 ellipsoid (geographiclib)
    [0, 111_319.49],
    [28.5, 97_904.11],
    [45, 78_846.8],
    [60, 55_799.98],
  ])('when the latitude is %s°, then a degree of longitude is %s m', (lat, metres) => {
    expect(parallelMetresPerDegree(lat)).toBeCloseTo(metres, 0)
  })

  it('when an extent spans 10° to 40° N, then its picture is centred on the Mercator middle (25.95°), not the mean (25°)', () => {
    expect(mercatorMidLatitude(10, 40)).toBeCloseTo(25.95, 2)
    expect(mercatorMidLatitude(-20, 20)).toBeCloseTo(0, 9)
  })

  it('when a view is 0.2° wide at 28.5° N, then it is 19.6 km across', () => {
    expect(groundWidthM([112.3, 28.45, 112.5, 28.55])).toBeCloseTo(0.2 * parallelMetresPerDegree(28.5), -1)
  })
})

describe('the numeric scale and the scale bar', () => {
  it.each([
    [19_592, 277, 70_700],
    [5_000, 200, 25_000],
    [1_234.5, 190, 6_500],
    [2_000_000, 400, 5_000_000],
  ])('when %s m fill a frame %s mm wide, then the scale is 1:%s (three significant digits)', (ground, mm, n) => {
    expect(scaleDenominator(ground, mm)).toBe(n)
  })

  it.each([
    [70_700, 50, 2_000],
    [25_000, 50, 1_000],
    [10_000, 50, 500],
    [6_500, 50, 200],
    [1_000, 50, 50],
    [100_000, 50, 5_000],
    [5_000_000, 70.7, 200_000],
  ])('when the scale is 1:%s and the bar may be %s mm, then it is %s m long', (n, maxMm, m) => {
    const length = roundBarLengthM(n, maxMm)
    expect(length).toBe(m)
    expect((length / n) * 1000).toBeLessThanOrEqual(maxMm)
  })

  it('when the bar may be exactly as long as a round length, then that length is taken', () => {
    expect(roundBarLengthM(20_000, 50)).toBe(1_000)
  })

  it.each([
    [500, '500 米'],
    [1000, '1 千米'],
    [2000, '2 千米'],
    [50, '50 米'],
  ])('when the bar is %s m, then it reads %s', (m, label) => {
    expect(lengthLabel(m)).toBe(label)
  })
})

describe('the layout of a sheet', () => {
  it.each([
    ['A4', 'portrait', 210, 297],
    ['A4', 'landscape', 297, 210],
    ['A3', 'portrait', 297, 420],
    ['A3', 'landscape', 420, 297],
  ] as const)('when the paper is %s %s, then it is %s × %s mm', (paper, orientation, w, h) => {
    expect(paperSize(paper, orientation)).toEqual({ width: w, height: h })
    const layout = layoutSheet(input({ paper, orientation }))
    expect([layout.width, layout.height]).toEqual([w, h])
  })

  it('when A4 sheets are exported at 150 dpi, then they are 1240 × 1754 pixels (A3: 1754 × 2480)', () => {
    expect([mmToPx(210), mmToPx(297)]).toEqual([1240, 1754])
    expect([mmToPx(297), mmToPx(420)]).toEqual([1754, 2480])
  })

  it.each([
    ['A4', 'portrait'],
    ['A4', 'landscape'],
    ['A3', 'portrait'],
    ['A3', 'landscape'],
  ] as const)(
    'when the sheet is %s %s, then the frame, every text and every shape lie on the paper inside the margins',
    (paper, orientation) => {
      const layout = layoutSheet(input({ paper, orientation }))
      const margin = 9.9
      const { frame } = layout
      expect(frame.x).toBeGreaterThanOrEqual(margin)
      expect(frame.x + frame.width).toBeLessThanOrEqual(layout.width - margin)
      expect(frame.height).toBeGreaterThan(layout.height / 2)
      for (const t of layout.texts) {
        expect(t.x, t.text).toBeGreaterThanOrEqual(margin - 2)
        expect(t.x + t.width, t.text).toBeLessThanOrEqual(layout.width - margin + 0.01)
        expect(t.y + t.fontMm * 1.4, t.text).toBeLessThanOrEqual(layout.height - margin * 0.6)
        expect(textEms(t.text) * t.fontMm, t.text).toBeLessThanOrEqual(t.width + 0.01)
      }
      const texts = layout.texts.map((t) => t.text)
      expect(texts).toEqual(
        expect.arrayContaining([
          '赫山区 耕地土壤环境质量类别图',
          '北',
          '图例',
          ...LEGEND.map((e) => e.label),
          CRS_NOTE,
          '制图单位：益阳市生态环境局赫山分局',
          '制图日期：2026年12月7日',
        ]),
      )
      expect(texts.some((t) => t.startsWith('比例尺 1:'))).toBe(true)
    },
  )

  it('when the frame is wider, then the same view is printed at a larger scale (smaller N) and the bar stays round', () => {
    const portrait = layoutSheet(input({ orientation: 'portrait' }))
    const landscape = layoutSheet(input({ orientation: 'landscape' }))
    expect(landscape.frame.width).toBeGreaterThan(portrait.frame.width)
    expect(landscape.scaleDenominator).toBeLessThan(portrait.scaleDenominator)
    expect(landscape.scaleDenominator).toBe(scaleDenominator(groundWidthM(input().bbox), 277))
    for (const l of [portrait, landscape]) expect(String(l.scaleBarM)).toMatch(/^[125]0*$/)
  })

  it('when the scale bar is drawn, then its two halves together are the round length at the printed scale', () => {
    const layout = layoutSheet(input())
    const halves = layout.shapes.filter(
      (s) => s.type === 'rect' && s.stroke === '#212121' && s.height < 2 && s.width < 60,
    ) as { width: number }[]
    expect(halves).toHaveLength(2)
    const barMm = halves[0].width + halves[1].width
    expect(barMm).toBeCloseTo((layout.scaleBarM / layout.scaleDenominator) * 1000, 6)
  })

  it('when there are more legend entries than room, then the font shrinks and the rest is counted in a last line', () => {
    const many = Array.from({ length: 70 }, (_, i) => ({
      label: `图例项目第${i + 1}号`,
      color: '#4caf50',
      kind: 'fill' as const,
    }))
    const layout = layoutSheet(input({ orientation: 'portrait', legend: many }))
    const more = layout.texts.find((t) => t.text.startsWith('另有 '))
    expect(more?.text).toMatch(/^另有 \d+ 项未列出$/)
    const listed = layout.texts.filter((t) => t.text.startsWith('图例项目')).length
    expect(listed + Number(/\d+/.exec(more!.text)![0])).toBe(70)
    expect(layout.texts.find((t) => t.text === '图例项目第1号')!.fontMm).toBeLessThan(2.8)
  })

  it('when the legend fits, then every entry is listed at the full size with its symbol', () => {
    const layout = layoutSheet(input())
    expect(layout.texts.some((t) => t.text.startsWith('另有'))).toBe(false)
    expect(layout.texts.find((t) => t.text === '优先保护类')!.fontMm).toBeCloseTo(2.8, 6)
    expect(layout.shapes.filter((s) => s.type === 'circle' && s.fill === '#b71c1c')).toHaveLength(1)
  })

  it('when a title is long, then its font shrinks to fit the width', () => {
    const long = '赫山区'.repeat(13)
    expect(fitFontMm(long, 190, 6.5, 3)).toBeCloseTo(190 / 39, 6)
    const layout = layoutSheet(input({ orientation: 'portrait', title: long }))
    expect(layout.texts[0].text).toBe(long)
    expect(layout.texts[0].fontMm).toBeLessThan(6.5)
  })
})

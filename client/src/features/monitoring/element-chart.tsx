import type { PointResult } from '@contracts/monitoring'
import { flagTone } from './monitoring-types'

const W = 300
const H = 118
const LEFT = 36
const RIGHT = 14
const TOP = 10
const BOTTOM = 20

/** One sample of an element: its date, value, flag and the thresholds that sample was judged against. */
interface Sample {
  date: string
  value: number
  level: PointResult['flags'][number]['level']
  label: string
  screening: number | null
  intervention: number | null
  thresholdName: string
}

/** One chart: an element of soil results, or a contaminant of one crop. */
export interface ElementSeries {
  id: string
  title: string
  samples: Sample[]
}

/** The series to chart, soil elements first (in the flags' order), then each crop's contaminants. */
export function seriesOf(results: PointResult[]): ElementSeries[] {
  const byId = new Map<string, ElementSeries>()
  for (const r of results) {
    for (const f of r.flags) {
      const id = r.medium === 'soil' ? `soil:${f.key}` : `crop:${r.crop}:${f.key}`
      const title = r.medium === 'soil' ? `土壤${f.name}` : `${r.crop}${f.name}`
      const series = byId.get(id) ?? { id, title, samples: [] }
      const first = f.thresholds[0]
      series.samples.push({
        date: r.sampledOn,
        value: f.valueMgKg,
        level: f.level,
        label: f.label,
        screening: first?.valueMgKg ?? null,
        intervention: f.thresholds.find((t) => t.kind === 'intervention')?.valueMgKg ?? null,
        thresholdName: first?.kind === 'limit' ? '限量' : '筛选值',
      })
      byId.set(id, series)
    }
  }
  return [...byId.values()]
}

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000
const fmt = (v: number) => String(Number(v.toPrecision(3)))

/** A line through the thresholds of the samples (a short level line when there is one sample). */
function thresholdPath(points: { x: number; y: number }[]): string {
  if (points.length === 1) return `M${points[0].x - 18},${points[0].y}H${points[0].x + 18}`
  return points.map((p, i) => `${i ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join('')
}

/**
 * An element's values over time (dots coloured by flag: orange above screening, red above intervention or the
 * crop limit, grey when not judged) with the screening value (or crop limit) of each sample as a dashed line and
 * the intervention value as a red dashed line when it lies inside the chart.
 */
export function ElementChart({ series }: { series: ElementSeries }) {
  const samples = [...series.samples].sort((a, b) => a.date.localeCompare(b.date))
  const days = samples.map((s) => dayOf(s.date))
  let [d0, d1] = [Math.min(...days), Math.max(...days)]
  if (d1 - d0 < 60) {
    d0 -= 180
    d1 += 180
  }
  const screenings = samples.flatMap((s) => (s.screening === null ? [] : [s.screening]))
  const yMax = Math.max(...samples.map((s) => s.value), ...screenings, 1e-9) * 1.2
  const x = (day: number) => LEFT + ((day - d0) / (d1 - d0)) * (W - LEFT - RIGHT)
  const y = (v: number) => TOP + (1 - v / yMax) * (H - TOP - BOTTOM)
  const screeningPts = samples.flatMap((s, i) => (s.screening === null ? [] : [{ x: x(days[i]), y: y(s.screening) }]))
  const interventionPts = samples.flatMap((s, i) =>
    s.intervention !== null && s.intervention <= yMax ? [{ x: x(days[i]), y: y(s.intervention) }] : [],
  )
  const hiddenIntervention = samples.find((s) => s.intervention !== null && s.intervention > yMax)?.intervention
  const years = [...new Set(samples.map((s) => s.date.slice(0, 4)))]
  return (
    <figure className="element-chart" data-testid="element-chart" data-series={series.id}>
      <figcaption className="element-chart__title">
        {series.title}（mg/kg）
        {hiddenIntervention !== undefined && hiddenIntervention !== null && (
          <span className="element-chart__note">管制值 {fmt(hiddenIntervention)} 远高于图中数值，未画出</span>
        )}
      </figcaption>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={`${series.title}历次监测值与${samples[0]?.thresholdName ?? '筛选值'}`}
      >
        <line x1={LEFT} y1={H - BOTTOM} x2={W - RIGHT} y2={H - BOTTOM} className="element-chart__axis" />
        <line x1={LEFT} y1={TOP} x2={LEFT} y2={H - BOTTOM} className="element-chart__axis" />
        {[0, yMax / 2, yMax / 1.2].map((v) => (
          <text
            key={v}
            x={LEFT - 4}
            y={y(v)}
            textAnchor="end"
            dominantBaseline="central"
            className="element-chart__tick"
          >
            {fmt(v)}
          </text>
        ))}
        {years.map((year) => (
          <text
            key={year}
            x={Math.min(W - RIGHT - 12, Math.max(LEFT + 12, x(dayOf(`${year}-07-01`))))}
            y={H - 5}
            textAnchor="middle"
            className="element-chart__tick"
          >
            {year}
          </text>
        ))}
        {screeningPts.length > 0 && (
          <path d={thresholdPath(screeningPts)} className="element-chart__screening" data-testid="chart-screening" />
        )}
        {interventionPts.length > 0 && (
          <path d={thresholdPath(interventionPts)} className="element-chart__intervention" />
        )}
        {samples.length > 1 && (
          <path
            d={thresholdPath(samples.map((s, i) => ({ x: x(days[i]), y: y(s.value) })))}
            className="element-chart__line"
          />
        )}
        {samples.map((s, i) => (
          <circle
            key={`${s.date}-${i}`}
            cx={x(days[i])}
            cy={y(s.value)}
            r={4}
            className={`element-chart__dot element-chart__dot--${flagTone(s.level)}`}
            data-testid="chart-dot"
            data-level={s.level}
          >
            <title>{`${s.date}：${fmt(s.value)} mg/kg，${s.label}${s.screening !== null ? `（${s.thresholdName} ${fmt(s.screening)}）` : ''}`}</title>
          </circle>
        ))}
      </svg>
    </figure>
  )
}

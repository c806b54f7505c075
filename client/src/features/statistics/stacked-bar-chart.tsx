import { FARMLAND_CLASSES, classColor, className } from '../../shared/farmland-class'
import { formatAreaValue, formatShare } from '../../shared/format'
import type { StatisticsRow } from './statistics-types'

const LABEL_W = 120
const BAR_W = 560
const VALUE_W = 120
const ROW_H = 26
const BAR_H = 16
const TOP = 8

/** Area of one class in a row (0 when the class is absent). */
function areaOf(row: StatisticsRow, cls: string): number {
  return row.byClass.find((c) => c.class === cls)?.areaMu ?? 0
}

/** Props of {@link StackedBarChart}. */
export interface StackedBarChartProps {
  title: string
  rows: StatisticsRow[]
  testId?: string
}

/**
 * Published farmland area (亩) of each county or township as a horizontal bar stacked by class, in the map
 * legend's colours; every bar is scaled to the largest total, and each segment's title gives 亩 and share.
 */
export function StackedBarChart({ title, rows, testId }: StackedBarChartProps) {
  const max = Math.max(1, ...rows.map((r) => r.totalMu))
  const height = TOP * 2 + rows.length * ROW_H
  const width = LABEL_W + BAR_W + VALUE_W
  return (
    <figure className="stacked-chart" data-testid={testId}>
      <figcaption className="stacked-chart__title">{title}</figcaption>
      <ul className="stacked-chart__legend">
        {FARMLAND_CLASSES.map((c) => (
          <li key={c}>
            <span className="stacked-chart__key" style={{ background: classColor(c) }} aria-hidden="true" />
            {className(c)}
          </li>
        ))}
      </ul>
      <svg
        className="stacked-chart__svg"
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}：按类别堆叠的面积（亩）`}
      >
        {rows.map((row, i) => {
          const y = TOP + i * ROW_H
          let x = LABEL_W
          return (
            <g key={row.key} data-testid="chart-row" data-name={row.name}>
              <text
                x={LABEL_W - 8}
                y={y + ROW_H / 2}
                textAnchor="end"
                dominantBaseline="central"
                className="stacked-chart__label"
              >
                {row.name}
              </text>
              <rect
                x={LABEL_W}
                y={y + (ROW_H - BAR_H) / 2}
                width={BAR_W}
                height={BAR_H}
                className="stacked-chart__track"
              />
              {FARMLAND_CLASSES.map((c) => {
                const area = areaOf(row, c)
                if (area <= 0) return null
                const w = (area / max) * BAR_W
                const segment = (
                  <rect
                    key={c}
                    x={x}
                    y={y + (ROW_H - BAR_H) / 2}
                    width={w}
                    height={BAR_H}
                    fill={classColor(c)}
                    data-class={c}
                    data-testid="chart-segment"
                  >
                    <title>
                      {row.name} {className(c)}：{formatAreaValue(area)} 亩（
                      {formatShare(row.totalMu > 0 ? area / row.totalMu : 0)}）
                    </title>
                  </rect>
                )
                x += w
                return segment
              })}
              <text x={x + 6} y={y + ROW_H / 2} dominantBaseline="central" className="stacked-chart__value">
                {formatAreaValue(row.totalMu)} 亩
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}

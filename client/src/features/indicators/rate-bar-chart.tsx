import type { AppliedTarget } from '@contracts/indicators'

const LABEL_W = 130
const BAR_W = 520
const VALUE_W = 150
const ROW_H = 28
const BAR_H = 14
const TOP = 22

/** One bar: a unit's rate and the target that applies to it. */
export interface RateBar {
  key: string
  name: string
  ratePct: number | null
  target: AppliedTarget | null
  isMet: boolean | null
}

/** Props of {@link RateBarChart}. */
export interface RateBarChartProps {
  title: string
  bars: RateBar[]
  /** The lowest rate the axis shows (rates and targets sit between this and 100 %). */
  minPct?: number
  testId?: string
}

const fill = (isMet: boolean | null) => (isMet === null ? '#9aa8b8' : isMet ? '#2e8b57' : '#d9822b')

/**
 * Each county's or city's rate as a horizontal bar on a min–100 % axis, with a dark tick at the target that applies
 * to it; green when met, orange when not, grey without a target. Titles give the figures and the target's source.
 */
export function RateBarChart({ title, bars, minPct = 50, testId }: RateBarChartProps) {
  const x = (pct: number) => LABEL_W + ((Math.max(minPct, Math.min(100, pct)) - minPct) / (100 - minPct)) * BAR_W
  const height = TOP + bars.length * ROW_H + 8
  const ticks = [minPct, minPct + (100 - minPct) / 2, 100]
  return (
    <figure className="rate-chart" data-testid={testId}>
      <figcaption className="rate-chart__title">{title}</figcaption>
      <ul className="rate-chart__legend">
        <li>
          <span className="rate-chart__key" style={{ background: fill(true) }} aria-hidden="true" />
          达到目标
        </li>
        <li>
          <span className="rate-chart__key" style={{ background: fill(false) }} aria-hidden="true" />
          未达到目标
        </li>
        <li>
          <span className="rate-chart__key" style={{ background: fill(null) }} aria-hidden="true" />
          无适用目标或无数据
        </li>
        <li>
          <span className="rate-chart__key rate-chart__key--target" aria-hidden="true" />
          目标值
        </li>
      </ul>
      <svg
        className="rate-chart__svg"
        viewBox={`0 0 ${LABEL_W + BAR_W + VALUE_W} ${height}`}
        width="100%"
        role="img"
        aria-label={`${title}：各单位安全利用率与目标`}
      >
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={TOP - 4} y2={height - 6} className="rate-chart__grid" />
            <text x={x(t)} y={TOP - 8} textAnchor="middle" className="rate-chart__axis">
              {t}%
            </text>
          </g>
        ))}
        {bars.map((bar, i) => {
          const y = TOP + i * ROW_H
          const mid = y + ROW_H / 2
          const targetText = bar.target
            ? `目标 ${bar.target.comparatorName} ${bar.target.targetPct}%（${bar.target.jurisdictionName} ${bar.target.year} 年）`
            : '无适用目标'
          return (
            <g key={bar.key} data-testid="rate-bar" data-name={bar.name} data-met={String(bar.isMet)}>
              <text x={LABEL_W - 8} y={mid} textAnchor="end" dominantBaseline="central" className="rate-chart__label">
                {bar.name}
              </text>
              <rect x={LABEL_W} y={mid - BAR_H / 2} width={BAR_W} height={BAR_H} className="rate-chart__track" />
              {bar.ratePct !== null && (
                <rect
                  x={LABEL_W}
                  y={mid - BAR_H / 2}
                  width={Math.max(0, x(bar.ratePct) - LABEL_W)}
                  height={BAR_H}
                  fill={fill(bar.isMet)}
                >
                  <title>{`${bar.name}：${bar.ratePct}%；${targetText}${bar.target ? `；依据：${bar.target.source}` : ''}`}</title>
                </rect>
              )}
              {bar.target && (
                <line
                  x1={x(bar.target.targetPct)}
                  x2={x(bar.target.targetPct)}
                  y1={mid - BAR_H / 2 - 4}
                  y2={mid + BAR_H / 2 + 4}
                  className="rate-chart__target"
                  data-testid="rate-target"
                >
                  <title>{targetText}</title>
                </line>
              )}
              <text x={LABEL_W + BAR_W + 8} y={mid} dominantBaseline="central" className="rate-chart__value">
                {bar.ratePct === null ? '无数据' : `${bar.ratePct}%`}
                {bar.target ? ` / 目标 ${bar.target.targetPct}%` : ''}
              </text>
            </g>
          )
        })}
      </svg>
    </figure>
  )
}

import { useEffect, useRef, useState } from 'react'
import { formatDay } from './public-format'
import type { PublicControlZone, PublicCounty, PublicListCode, PublicPlot } from '@contracts/public'
import type { PublicSelection } from './public-types'

/** Colours of the four public lists (as on the map). */
export const LIST_COLORS: Record<PublicListCode, string> = {
  suspected: '#fdae61',
  contaminated: '#f46d43',
  control: '#a50026',
  removed: '#4575b4',
}

const LIST_FILTERS: { code: PublicListCode | 'all'; label: string }[] = [
  { code: 'all', label: '全部' },
  { code: 'suspected', label: '疑似名单' },
  { code: 'contaminated', label: '污染地块名录' },
  { code: 'control', label: '管控和修复名录' },
  { code: 'removed', label: '已移出' },
]

/** A small “示例” chip for generated sample records. */
export function SampleChip({ isSample }: { isSample: boolean }) {
  return isSample ? (
    <span className="pub-chip pub-chip--sample" title="程序生成的示例数据，非真实信息">
      示例
    </span>
  ) : null
}

/** Keeps the active item of a list in view when the selection comes from the map or the search. */
function useActiveInView(key: string | null) {
  const ref = useRef<HTMLUListElement>(null)
  useEffect(() => {
    if (key) ref.current?.querySelector('.pub-item--active')?.scrollIntoView({ block: 'nearest' })
  }, [key])
  return ref
}

const keyOf = (selected: PublicSelection | null) =>
  selected && selected.kind !== 'county' ? `${selected.kind}/${selected.id}` : null

/** The published control zones, newest announcement first. */
export function ZoneList({
  zones,
  selected,
  onSelect,
}: {
  zones: PublicControlZone[]
  selected: PublicSelection | null
  onSelect: (zone: PublicControlZone) => void
}) {
  const listRef = useActiveInView(keyOf(selected))
  if (!zones.length) return <p className="pub-empty">所选范围内暂无已公告的管控区域。</p>
  return (
    <ul ref={listRef} className="pub-list" data-testid="public-zone-list">
      {zones.map((z) => {
        const isActive = selected?.kind === 'control-zone' && selected.id === z.id
        return (
          <li key={z.id}>
            <button
              type="button"
              className={`pub-item${isActive ? ' pub-item--active' : ''}`}
              data-testid="public-zone-item"
              onClick={() => onSelect(z)}
            >
              <span className="pub-item__title">
                <span className="pub-swatch pub-swatch--hatch" aria-hidden="true" />
                {z.name}
              </span>
              <span className="pub-item__meta">
                {z.announcement.number ?? '未编号公告'} · {z.announcement.date ?? formatDay(z.publishedAt)}
              </span>
              <span className="pub-item__meta">
                {z.county} · {z.code}
              </span>
            </button>
          </li>
        )
      })}
    </ul>
  )
}

/** The published registry with a filter by list. */
export function PlotList({
  plots,
  selected,
  onSelect,
}: {
  plots: PublicPlot[]
  selected: PublicSelection | null
  onSelect: (plot: PublicPlot) => void
}) {
  const [filter, setFilter] = useState<PublicListCode | 'all'>('all')
  const listRef = useActiveInView(keyOf(selected))
  const shown = filter === 'all' ? plots : plots.filter((p) => p.list === filter)
  return (
    <>
      <div className="pub-filters" role="group" aria-label="按名录筛选">
        {LIST_FILTERS.map((f) => {
          const count = f.code === 'all' ? plots.length : plots.filter((p) => p.list === f.code).length
          return (
            <button
              key={f.code}
              type="button"
              className={`pub-filter${filter === f.code ? ' pub-filter--on' : ''}`}
              aria-pressed={filter === f.code}
              onClick={() => setFilter(f.code)}
            >
              {f.label} {count}
            </button>
          )
        })}
      </div>
      {!shown.length && <p className="pub-empty">所选范围内暂无此类已公开地块。</p>}
      <ul ref={listRef} className="pub-list" data-testid="public-plot-list">
        {shown.map((p) => {
          const isActive = selected?.kind === 'plot' && selected.id === p.id
          return (
            <li key={p.id}>
              <button
                type="button"
                className={`pub-item${isActive ? ' pub-item--active' : ''}`}
                data-testid="public-plot-item"
                onClick={() => onSelect(p)}
              >
                <span className="pub-item__title">
                  <span className="pub-swatch" style={{ background: LIST_COLORS[p.list] }} aria-hidden="true" />
                  {p.name}
                </span>
                <span className="pub-item__meta">
                  {p.code} · {p.statusName}
                </span>
                <span className="pub-item__meta">{p.listName}</span>
              </button>
            </li>
          )
        })}
      </ul>
    </>
  )
}

/** Monitoring coverage of each county: the verdict and why, points in service by level and farmland per point. */
export function CoverageList({
  counties,
  onSelect,
}: {
  counties: PublicCounty[]
  onSelect: (county: PublicCounty) => void
}) {
  return (
    <ul className="pub-list" data-testid="public-coverage-list">
      {counties.map((c) => (
        <li key={c.adcode}>
          <button type="button" className="pub-item" onClick={() => onSelect(c)}>
            <span className="pub-item__title">
              {c.city} {c.name}
              <span className={`pub-chip ${c.coverage.isCovered ? 'pub-chip--ok' : 'pub-chip--warn'}`}>
                {c.coverage.verdictName}
              </span>
            </span>
            {c.coverage.reasons.map((r) => (
              <span key={r} className="pub-item__meta pub-item__reason">
                {r}
              </span>
            ))}
            <span className="pub-item__meta">
              土壤监测点位 {c.coverage.points} 个（
              {c.coverage.byLevel.map((l) => `${l.levelName} ${l.points}`).join('，')}）
            </span>
            <span className="pub-item__meta">
              耕地 {c.coverage.farmlandMu.toLocaleString('zh-CN')} 亩
              {c.coverage.farmlandMuPerPoint !== null &&
                `，平均每个点位 ${c.coverage.farmlandMuPerPoint.toLocaleString('zh-CN')} 亩`}
            </span>
          </button>
        </li>
      ))}
    </ul>
  )
}

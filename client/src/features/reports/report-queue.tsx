import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { FeatureCollection } from 'geojson'
import type { ReportItem, ReportQueueResponse, ReportStatus } from '@contracts/reports'
import type { MapClient } from '../../map/map-client'
import { isAbortError } from '../../shared/api-client'
import { ReportDetail, formatTime } from './report-detail'
import { loadReports } from './reports-api'
import './reports.css'

type Filter = ReportStatus | 'open' | 'all'

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'open', label: '未办结' },
  { value: 'new', label: '已受理' },
  { value: 'verifying', label: '核查中' },
  { value: 'handled', label: '已办结' },
  { value: 'all', label: '全部' },
]
const EMPTY: Record<Filter, string> = {
  open: '没有未办结的举报。',
  new: '没有刚受理的举报。',
  verifying: '没有核查中的举报。',
  handled: '还没有已办结的举报。',
  all: '还没有举报。',
}
/** Marker colours by state, as the legend under the filters shows them. */
const STATUS_COLOR: Record<ReportStatus, string> = { new: '#d32f2f', verifying: '#ef6c00', handled: '#2e7d32' }
const OVERLAY = 'reports'

/** Props of {@link ReportQueue}. */
export interface ReportQueueProps {
  /** The staff map: the reports are drawn on it while the tab is shown, a click on one selects it. */
  client?: MapClient | null
  isActive?: boolean
  /** Moves the map to a report's location; without it no 定位 button is shown. */
  onLocate?: (lngLat: [number, number]) => void
  /** Opens the profile of the plot a report became. */
  onOpenPlot?: (id: number) => void
  /** The role may register suspected plots (转为疑似污染地块). */
  canMakePlot?: boolean
  /** The role may open inspections of supervised enterprises (转为现场检查). */
  canInspect?: boolean
}

type Load = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & ReportQueueResponse)

function matches(filter: Filter, report: ReportItem): boolean {
  if (filter === 'all') return true
  if (filter === 'open') return report.status !== 'handled'
  return report.status === filter
}

function overlayOf(reports: ReportItem[], selectedId: number | null): FeatureCollection {
  const ordered = [...reports].sort((a, b) => Number(a.id === selectedId) - Number(b.id === selectedId))
  return {
    type: 'FeatureCollection',
    features: ordered.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lon, r.lat] },
      properties: {
        reportId: r.id,
        kind: r.id === selectedId ? 'selected' : 'problem-point',
        color: r.id === selectedId ? '#00a3ff' : STATUS_COLOR[r.status],
      },
    })),
  }
}

/**
 * 举报处理: the reports of the user's counties by state, listed and drawn on the map (a click on a marker selects
 * its report); the selected report opens its follow-up (assignment, notes, public reply, state, conversion).
 */
export function ReportQueue({
  client,
  isActive = true,
  onLocate,
  onOpenPlot,
  canMakePlot,
  canInspect,
}: ReportQueueProps) {
  const [filter, setFilter] = useState<Filter>('open')
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [reloadKey, setReloadKey] = useState(0)
  const [selectedId, setSelectedId] = useState<number | null>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const reload = useCallback(() => setReloadKey((k) => k + 1), [])

  useEffect(() => {
    const controller = new AbortController()
    loadReports(null, controller.signal)
      .then((answer) => setLoad({ status: 'ready', ...answer }))
      .catch((error: unknown) => {
        if (!isAbortError(error))
          setLoad({ status: 'error', message: error instanceof Error ? error.message : '举报列表加载失败' })
      })
    return () => controller.abort()
  }, [reloadKey])

  const shown = useMemo(
    () => (load.status === 'ready' ? load.reports.filter((r) => r.id === selectedId || matches(filter, r)) : []),
    [load, filter, selectedId],
  )
  const counts = useMemo(() => {
    const all = load.status === 'ready' ? load.reports : []
    return Object.fromEntries(FILTERS.map((f) => [f.value, all.filter((r) => matches(f.value, r)).length]))
  }, [load])

  useEffect(() => {
    if (!client || !isActive) return
    client.setOverlay(OVERLAY, overlayOf(shown, selectedId))
  }, [client, isActive, shown, selectedId])
  useEffect(() => {
    if (!client || !isActive) return
    const off = client.onOverlayClick(OVERLAY, (properties) => {
      const id = Number(properties.reportId)
      if (Number.isFinite(id)) setSelectedId(id)
    })
    return () => {
      off()
      client.setOverlay(OVERLAY, null)
    }
  }, [client, isActive])
  useEffect(() => {
    if (selectedId === null) return
    listRef.current
      ?.querySelector(`[data-report-id="${selectedId}"]`)
      ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }, [selectedId])

  const replace = (next: ReportItem) =>
    setLoad((l) => (l.status === 'ready' ? { ...l, reports: l.reports.map((r) => (r.id === next.id ? next : r)) } : l))

  return (
    <section className="rq" data-testid="report-queue" aria-label="举报处理">
      <div className="rq__bar">
        <div className="rq__filters" role="group" aria-label="按状态筛选">
          {FILTERS.map((f) => (
            <button
              key={f.value}
              type="button"
              className={`rq__filter${filter === f.value ? ' rq__filter--on' : ''}`}
              aria-pressed={filter === f.value}
              data-testid={`report-filter-${f.value}`}
              onClick={() => setFilter(f.value)}
            >
              {f.label}
              {load.status === 'ready' && <span className="rq__count">{counts[f.value]}</span>}
            </button>
          ))}
        </div>
        <button type="button" className="rq__refresh" onClick={reload} title="刷新列表">
          刷新
        </button>
      </div>
      <p className="rq__legend" aria-label="地图图例">
        地图标记：
        {(Object.keys(STATUS_COLOR) as ReportStatus[]).map((s) => (
          <span key={s} className="rq__legend-item">
            <i style={{ background: STATUS_COLOR[s] }} />
            {{ new: '已受理', verifying: '核查中', handled: '已办结' }[s]}
          </span>
        ))}
        <span className="rq__legend-item">
          <i style={{ background: '#00a3ff' }} />
          选中
        </span>
      </p>
      {load.status === 'loading' && <p className="rq__empty">正在加载…</p>}
      {load.status === 'error' && (
        <p className="rq__error" role="alert">
          {load.message}
        </p>
      )}
      {load.status === 'ready' && !shown.length && <p className="rq__empty">{EMPTY[filter]}</p>}
      {load.status === 'ready' && (
        <ul className="rq__list" ref={listRef}>
          {shown.map((r) => (
            <li
              key={r.id}
              className={`rq-card${r.id === selectedId ? ' rq-card--on' : ''}`}
              data-testid="report-item"
              data-report-id={r.id}
            >
              <button
                type="button"
                className="rq-card__head"
                aria-expanded={r.id === selectedId}
                onClick={() => {
                  setSelectedId(r.id === selectedId ? null : r.id)
                  if (r.id !== selectedId) onLocate?.([r.lon, r.lat])
                }}
              >
                <span className={`rq-card__status rq-card__status--${r.status}`}>{r.statusName}</span>
                <span className="rq-card__no">No.{r.id}</span>
                <time className="rq-card__time" dateTime={r.createdAt}>
                  {formatTime(r.createdAt)}
                </time>
              </button>
              <p className="rq-card__place">
                {r.county}
                {r.township ? ` ${r.township}` : ''}
                {r.department && <span className="rq-card__who"> · {r.department}</span>}
                {r.assigneeName && <span className="rq-card__who"> · {r.assigneeName}</span>}
              </p>
              {r.id !== selectedId && <p className="rq-card__text rq-card__text--short">{r.description}</p>}
              {r.id === selectedId && (
                <ReportDetail
                  key={`${r.id}/${r.version}`}
                  report={r}
                  departments={load.departments}
                  officers={load.officers.filter((o) => o.counties.includes(r.adcode))}
                  canMakePlot={!!canMakePlot}
                  canInspect={!!canInspect}
                  onLocate={onLocate}
                  onOpenPlot={onOpenPlot}
                  onChanged={replace}
                  onStale={reload}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

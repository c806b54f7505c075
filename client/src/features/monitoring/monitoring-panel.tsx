import { useCallback, useEffect, useState } from 'react'
import type { MapClient } from '../../map/map-client'
import type { ScopeCounty } from '../../shared/api-types'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { useJson } from '../../shared/use-json'
import { ImportDialog } from './import-dialog'
import type { PointCount } from '@contracts/monitoring'
import { pointListPath } from './monitoring-api'
import { LEVEL_OPTIONS, STATUS_OPTIONS, TYPE_OPTIONS } from './monitoring-types'
import { NewPointForm } from './new-point-form'
import { FilterSelect } from '../../shared/ui/form-fields'
import './monitoring.css'

/** Props of {@link MonitoringPanel}. */
export interface MonitoringPanelProps {
  counties: ScopeCounty[]
  client: MapClient | null
  /** The tab is shown (a map click places a new point only then). */
  isActive: boolean
  /** The role registers points (the environment officer; the server checks scope and county). */
  canCreate: boolean
  /** The role may import results (environment and farmland officers; the server checks each row). */
  canImport: boolean
  activePointId: number | null
  onOpen: (id: number) => void
  /** True while 新增点位 takes the map clicks (a click must not open a feature then). */
  onCapturingClicks: (isCapturing: boolean) => void
  /** A point was registered: open it (the points' version moves here, so the list and the map read again). */
  onCreated: (id: number) => void
}

function Counts({ title, counts }: { title: string; counts: PointCount[] }) {
  return (
    <div className="point-counts__group">
      <span className="point-counts__title">{title}</span>
      {counts.map((c) => (
        <span
          key={c.key}
          className={`point-counts__item${c.count === 0 ? ' point-counts__item--zero' : ''}`}
          data-testid={`count-${c.key}`}
        >
          {c.name} <b>{c.count}</b>
        </span>
      ))}
    </div>
  )
}

/**
 * The 监测点位 tab: points of the user's counties filtered by county, level, type, status and code or name, the
 * counts by level, type and status of the filter, 导入结果 for officers who enter results, and 新增点位 (placed by a
 * map click) for the environment officer.
 */
export function MonitoringPanel(props: MonitoringPanelProps) {
  const { counties, client, isActive, canCreate, canImport, activePointId, onOpen, onCapturingClicks, onCreated } =
    props
  const [adcode, setAdcode] = useState('')
  const [level, setLevel] = useState('')
  const [type, setType] = useState('')
  const [status, setStatus] = useState('')
  const [q, setQ] = useState('')
  const dataChanged = useDataChanged()
  const [isImporting, setImporting] = useState(false)
  const [isCreating, setCreating] = useState(false)
  const stopCreating = useCallback(() => setCreating(false), [])
  const list = useJson(
    pointListPath({ adcode, level, type, status, q: q.trim() }),
    useLayerVersion('points'),
    '监测点位加载失败',
  )

  useEffect(() => {
    onCapturingClicks(isCreating && isActive)
  }, [isCreating, isActive, onCapturingClicks])

  if (isCreating) {
    return (
      <NewPointForm
        client={client}
        isActive={isActive}
        onCancel={stopCreating}
        onCreated={(point) => {
          setCreating(false)
          dataChanged('points', 'reviews')
          onCreated(point.id)
        }}
      />
    )
  }
  return (
    <section
      className="panel-section panel-section--grow monitoring-panel"
      aria-labelledby="monitoring-title"
      data-testid="monitoring-panel"
    >
      <div className="panel-section__bar">
        <h2 id="monitoring-title" className="panel-section__title">
          土壤监测点位
        </h2>
        <span className="monitoring-panel__actions">
          {canCreate && (
            <button type="button" className="link-button" onClick={() => setCreating(true)} data-testid="point-new">
              新增点位
            </button>
          )}
          {canCreate && (
            <a className="link-button" href="/registry/import?kind=points" data-testid="point-bulk-import">
              批量导入点位
            </a>
          )}
          {canImport && (
            <button type="button" className="link-button" onClick={() => setImporting(true)} data-testid="import-open">
              导入结果
            </button>
          )}
        </span>
      </div>
      <div className="monitoring-filters">
        {counties.length > 1 && (
          <FilterSelect
            label="区县"
            value={adcode}
            onChange={setAdcode}
            options={counties.map((c) => [c.adcode, c.name] as const)}
            all="全部区县"
          />
        )}
        <FilterSelect
          label="级别"
          value={level}
          onChange={setLevel}
          options={LEVEL_OPTIONS}
          all="全部级别"
          testId="filter-level"
        />
        <FilterSelect
          label="类型"
          value={type}
          onChange={setType}
          options={TYPE_OPTIONS}
          all="全部类型"
          testId="filter-type"
        />
        <FilterSelect
          label="状态"
          value={status}
          onChange={setStatus}
          options={STATUS_OPTIONS}
          all="全部状态"
          testId="filter-status"
        />
        <input
          className="text-input"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="编号或名称"
          aria-label="编号或名称"
          data-testid="filter-q"
        />
      </div>
      {list.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {list.status === 'error' && <p className="panel-note panel-note--error">{list.message}</p>}
      {list.status === 'done' && (
        <>
          <div className="point-counts" data-testid="point-counts">
            <p className="point-counts__total">
              共 <b data-testid="point-total">{list.data.total}</b> 个点位
              {list.data.isTruncated ? `（列出前 ${list.data.items.length} 个）` : ''}
            </p>
            <Counts title="级别" counts={list.data.counts.level} />
            <Counts title="类型" counts={list.data.counts.type} />
            <Counts title="状态" counts={list.data.counts.status} />
          </div>
          {list.data.items.length === 0 && <p className="panel-note">没有符合条件的点位</p>}
          <ul className="point-list" data-testid="point-list">
            {list.data.items.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className={`point-list__item${p.id === activePointId ? ' point-list__item--active' : ''}`}
                  onClick={() => onOpen(p.id)}
                  data-testid="point-item"
                  data-code={p.code}
                >
                  <span className="point-list__main">
                    <span className="point-list__code">{p.code}</span>
                    <span className="point-list__name">{p.name}</span>
                  </span>
                  <span className="point-list__meta">
                    {p.levelName} · {p.typeName} · {p.statusName}
                    {counties.length > 1 ? ` · ${p.county}` : ''} ·{' '}
                    {p.results ? `${p.results} 次，最近 ${p.lastSampledOn}` : '无结果'}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {isImporting && (
        <ImportDialog onClose={() => setImporting(false)} onImported={() => dataChanged('points', 'reviews')} />
      )}
    </section>
  )
}

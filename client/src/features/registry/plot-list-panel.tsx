import { useState } from 'react'
import type { ScopeCounty } from '../../shared/api-types'
import { useLayerVersion } from '../../shared/data-versions'
import { formatAreaValue, formatCount } from '../../shared/format'
import { useDebouncedValue } from './use-debounced-value'
import { useJson } from '../../shared/use-json'
import { PlotStatusBadge } from './plot-status-badge'
import { plotListPath } from './registry-api'
import { PLOT_LIST_OPTIONS, PLOT_STATUS_OPTIONS, riskLevelName } from './registry-labels'
import type { PlotListItem } from '@contracts/registry'
import './registry.css'

/** Props of {@link PlotListPanel}. */
export interface PlotListPanelProps {
  counties: ScopeCounty[]
  /** The plot open in the profile, marked in the list. */
  activePlotId: number | null
  /** Environment officers create plots; other roles only read. */
  canCreate: boolean
  onOpen: (plot: PlotListItem) => void
  onNew: () => void
}

/** 污染地块: filters by state, list and code or name, the plots of the user's counties, and 新建地块. */
export function PlotListPanel({ counties, activePlotId, canCreate, onOpen, onNew }: PlotListPanelProps) {
  const [adcode, setAdcode] = useState<string>(counties.length === 1 ? counties[0].adcode : '')
  const [status, setStatus] = useState('')
  const [list, setList] = useState('')
  const [q, setQ] = useState('')
  const query = useDebouncedValue(q, 250)
  const plots = useJson(
    plotListPath({ adcode: adcode || null, status, list, q: query }),
    useLayerVersion('plots'),
    '污染地块列表加载失败',
  )
  const items = plots.status === 'done' ? plots.data.items : []
  const isFiltered = Boolean(status || list || query.trim())

  return (
    <section
      className="panel-section panel-section--grow plot-panel"
      aria-labelledby="plot-panel-title"
      data-testid="plot-panel"
    >
      <div className="plot-panel__head">
        <h2 id="plot-panel-title" className="panel-section__title">
          污染地块名录管理
        </h2>
        {canCreate && (
          <a className="link-button plot-panel__bulk" href="/registry/import?kind=plots" data-testid="plot-bulk-import">
            批量导入
          </a>
        )}
        {canCreate && (
          <button type="button" className="primary-button plot-panel__new" onClick={onNew} data-testid="plot-new">
            ＋ 新建地块
          </button>
        )}
      </div>

      <div className="plot-filters">
        {counties.length > 1 && (
          <label className="plot-filters__field plot-filters__field--wide">
            <span className="field-label">区县</span>
            <select
              className="basemap-select"
              value={adcode}
              onChange={(e) => setAdcode(e.target.value)}
              data-testid="plot-filter-county"
            >
              <option value="">全部区县</option>
              {counties.map((c) => (
                <option key={c.adcode} value={c.adcode}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="plot-filters__field">
          <span className="field-label">名录</span>
          <select
            className="basemap-select"
            value={list}
            onChange={(e) => setList(e.target.value)}
            data-testid="plot-filter-list"
          >
            <option value="">全部名录</option>
            {PLOT_LIST_OPTIONS.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
        <label className="plot-filters__field">
          <span className="field-label">状态</span>
          <select
            className="basemap-select"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            data-testid="plot-filter-status"
          >
            <option value="">全部状态</option>
            {PLOT_STATUS_OPTIONS.map((s) => (
              <option key={s.code} value={s.code}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="plot-filters__field plot-filters__field--wide">
          <span className="field-label">地块编码或名称</span>
          <input
            className="text-input"
            type="search"
            value={q}
            placeholder="如 DK0003 或 焦化"
            onChange={(e) => setQ(e.target.value)}
            data-testid="plot-filter-q"
          />
        </label>
      </div>

      <div className="plot-panel__count" aria-live="polite" data-testid="plot-count">
        {plots.status === 'done'
          ? `共 ${formatCount(items.length)} 个地块${isFiltered ? '（已筛选）' : ''}`
          : plots.status === 'loading'
            ? '正在加载…'
            : ''}
      </div>
      {plots.status === 'error' && <p className="panel-note panel-note--error">{plots.message}</p>}
      {plots.status === 'done' && items.length === 0 && (
        <p className="panel-note" data-testid="plot-empty">
          {isFiltered ? '没有符合筛选条件的地块。' : '管辖范围内尚无地块记录。'}
        </p>
      )}

      <ul className="plot-list" data-testid="plot-list">
        {items.map((plot) => (
          <li key={plot.id}>
            <button
              type="button"
              className={`plot-item${plot.id === activePlotId ? ' plot-item--active' : ''}`}
              aria-current={plot.id === activePlotId ? 'true' : undefined}
              onClick={() => onOpen(plot)}
              data-testid="plot-item"
              data-plot-id={plot.id}
              data-plot-code={plot.code}
            >
              <span className="plot-item__name">{plot.name}</span>
              <span className="plot-item__meta">
                <PlotStatusBadge list={plot.list} statusName={plot.statusName} isSmall />
                {plot.riskLevel && (
                  <span className={`plot-risk plot-risk--${plot.riskLevel}`}>{riskLevelName(plot.riskLevel)}</span>
                )}
              </span>
              <span className="plot-item__meta">
                <span className="plot-item__code">{plot.code}</span>
                {counties.length > 1 && <span>{plot.county}</span>}
                <span>{formatAreaValue(plot.areaMu)} 亩</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

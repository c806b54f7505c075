import { useState, type ReactNode } from 'react'
import { useLayerVersion } from '../../shared/data-versions'
import { formatAreaValue, formatCount, formatDateTime } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { ChangesTable } from './changes-table'
import { ClassChip } from './class-chip'
import type { ClassChange, ClassList, SummaryWarning } from '@contracts/classification'
import { classListSummaryPath } from './classification-api'
import { SummaryTable } from './summary-table'
import { TownshipTable } from './township-table'
import './classification.css'

/** Props of {@link ClassListDrawer}. */
export interface ClassListDrawerProps {
  list: ClassList
  activeParcelId: number | null
  onSelectParcel: (change: ClassChange) => void
  onClose: () => void
  /** The review state and steps of the list (审定), composed by the app from the review feature. */
  review: ReactNode
}

type Tab = 'summary' | 'townships' | 'changes'

/** Export formats of a class list (分类清单), as download links. */
const EXPORTS = [
  { format: 'csv', label: 'CSV' },
  { format: 'xlsx', label: 'Excel' },
  { format: 'geojson', label: 'GeoJSON' },
  { format: 'shp.zip', label: 'Shapefile' },
  { format: 'gpkg', label: 'GeoPackage' },
] as const

/** 优先保护类面积减少: the county's warning in full, the townships as one line of names and the area lost. */
function Warnings({ warnings }: { warnings: SummaryWarning[] }) {
  const county = warnings.filter((w) => w.scope === 'county')
  const townships = warnings.filter((w) => w.scope === 'township')
  return (
    <div className="class-warning" role="alert" data-testid="class-warnings">
      <strong className="class-warning__title">⚠ 优先保护类面积减少</strong>
      {county.map((w) => (
        <p key={w.name} className="class-warning__line" data-testid="class-warning" data-scope="county">
          {w.message}
        </p>
      ))}
      {townships.length > 0 && (
        <p className="class-warning__line">
          涉及 {townships.length} 个乡镇：
          {townships.map((w, i) => (
            <span key={w.name} data-testid="class-warning" data-scope="township" title={w.message}>
              {i > 0 ? '、' : ''}
              {w.name}（−{formatAreaValue(w.fromMu - w.toMu)} 亩）
            </span>
          ))}
        </p>
      )}
    </div>
  )
}

/**
 * A class list at the foot of the map: the 优先保护类 warnings, the summary by class against the published
 * classes, the townships, the parcels that change class (a click flies to the parcel), review and exports.
 */
export function ClassListDrawer({ list, activeParcelId, onSelectParcel, onClose, review }: ClassListDrawerProps) {
  const [tab, setTab] = useState<Tab>('summary')
  const summary = useJson(classListSummaryPath(list.id), useLayerVersion('classLists'), '变化汇总加载失败')
  const data = summary.status === 'done' ? summary.data : null
  const tabs: { id: Tab; label: string }[] = [
    { id: 'summary', label: '分类汇总' },
    { id: 'townships', label: '分乡镇' },
    { id: 'changes', label: data ? `变化图斑（${formatCount(data.changes.count)}）` : '变化图斑' },
  ]

  return (
    <section
      className="class-drawer"
      aria-labelledby="class-drawer-title"
      data-testid="class-list-drawer"
      data-list-id={list.id}
    >
      <header className="class-drawer__header">
        <div className="class-drawer__heading">
          <div className="class-drawer__line">
            <span className="info-panel__layer">分类清单</span>
            <h2
              id="class-drawer-title"
              className="class-drawer__title"
              data-testid="class-list-title"
              title={list.title}
            >
              {list.title}
            </h2>
            <span
              className={`review-badge review-badge--${list.review.status}`}
              data-testid="class-list-status"
              data-status={list.review.status}
            >
              {list.review.statusName}
            </span>
          </div>
          <span className="class-drawer__meta">
            {list.county} · {formatCount(list.parcelCount)} 个图斑 · 规则 {list.ruleSetVersion} · 生成于{' '}
            {formatDateTime(list.createdAt)}
          </span>
        </div>
        <nav className="class-drawer__exports" aria-label="导出分类清单">
          <span className="class-drawer__exports-label">导出</span>
          {EXPORTS.map((e) => (
            <a
              key={e.format}
              className="export-link"
              href={`/api/class-lists/${list.id}/export.${e.format}`}
              download
              data-testid={`class-export-${e.format.replace('.', '-')}`}
            >
              {e.label}
            </a>
          ))}
        </nav>
        <button
          type="button"
          className="icon-button"
          aria-label="关闭分类清单"
          title="关闭"
          onClick={onClose}
          data-testid="class-list-close"
        >
          ×
        </button>
      </header>

      <div className="class-drawer__body">
        <div className="class-drawer__main">
          {data && data.warnings.length > 0 && <Warnings warnings={data.warnings} />}
          <div className="class-drawer__tabs" role="tablist" aria-label="分类清单内容">
            {tabs.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                aria-selected={t.id === tab}
                className={`class-drawer__tab${t.id === tab ? ' class-drawer__tab--active' : ''}`}
                onClick={() => setTab(t.id)}
                data-testid={`class-tab-${t.id}`}
              >
                {t.label}
              </button>
            ))}
          </div>
          <div className="class-drawer__content" role="tabpanel">
            {summary.status === 'loading' && <p className="panel-note">正在加载…</p>}
            {summary.status === 'error' && (
              <p className="panel-note panel-note--error" role="alert">
                {summary.message}
              </p>
            )}
            {data && tab === 'summary' && (
              <>
                <SummaryTable rows={data.byClass} />
                <div className="transitions" data-testid="class-transitions">
                  <span className="transitions__lead">
                    类别变化：{formatCount(data.changes.count)} 个图斑，{formatAreaValue(data.changes.areaMu)} 亩（
                    {formatAreaValue(data.changes.areaMu / 15)} 公顷）
                  </span>
                  {data.changes.byTransition.map((t) => (
                    <span key={`${t.from}-${t.to}`} className="transitions__item">
                      <ClassChip value={t.from} /> → <ClassChip value={t.to} /> {formatCount(t.count)} 个，
                      {formatAreaValue(t.areaMu)} 亩
                    </span>
                  ))}
                </div>
              </>
            )}
            {data && tab === 'townships' && <TownshipTable townships={data.byTownship} warnings={data.warnings} />}
            {tab === 'changes' && (
              <ChangesTable listId={list.id} activeParcelId={activeParcelId} onSelect={onSelectParcel} />
            )}
          </div>
        </div>
        <aside className="class-drawer__aside" aria-label="审定">
          {!list.isComplete && (
            <p className="notice notice--error" data-testid="class-list-incomplete">
              该清单未完成（划定被取消或失败），不能提交审定。
            </p>
          )}
          {review}
        </aside>
      </div>
    </section>
  )
}

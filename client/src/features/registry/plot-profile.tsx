import { useCallback, useEffect, useState, type ReactNode } from 'react'
import { isAbortError } from '../../shared/api-client'
import type { Bbox } from '../../shared/api-types'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue, formatCount } from '../../shared/format'
import { bboxOf } from '../../shared/geometry'
import { NegativeListSection } from './negative-list-section'
import { PlotStatusBadge } from './plot-status-badge'
import { PlotHistoryList, PlotTimeline } from './plot-timeline'
import { PollutantSection } from './pollutant-section'
import { fetchPlot } from './registry-api'
import { industryName, landClassName, reviewStatusName, riskLevelName } from './registry-labels'
import type { PlotProfile as Profile, PlotTransition } from '@contracts/registry'
import { PlotFactsDialog } from './plot-facts-dialog'
import { TransitionDialog } from './transition-dialog'
import './registry.css'

/** Props of {@link PlotProfile}. */
export interface PlotProfileProps {
  plotId: number
  /** Environment officers take steps and edit pollutants and the negative list; others read. */
  canEdit: boolean
  onClose: () => void
  onLocate: (bbox: Bbox) => void
  /** The review state and steps of the plot (提交审定, 发布), composed by the app. */
  renderReview?: (plot: Profile) => ReactNode
  /** The plot's stored files (shown in 大事记), composed by the app. */
  renderDocuments?: (plot: Profile, canEdit: boolean) => ReactNode
  /** The redevelopment record (再开发利用), composed by the app. */
  renderRedevelopment?: (plot: Profile, canEdit: boolean) => ReactNode
}

type Tab = 'facts' | 'events' | 'pollutants' | 'negative' | 'redevelopment' | 'history'

/**
 * The plot profile (地块档案) beside the map: state and list, 下一步, and the tabs 概况 (facts, contact, control
 * zones), 大事记 (steps with documents), 污染物 (against GB 36600), 负面清单 and 修改记录.
 */
export function PlotProfile({
  plotId,
  canEdit,
  onClose,
  onLocate,
  renderReview,
  renderDocuments,
  renderRedevelopment,
}: PlotProfileProps) {
  const plotsVersion = useLayerVersion('plots')
  const dataChanged = useDataChanged()
  const [plot, setPlot] = useState<Profile | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [reloads, setReloads] = useState(0)
  const [tab, setTab] = useState<Tab>('facts')
  const [step, setStep] = useState<PlotTransition | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [isEditing, setEditing] = useState(false)

  useEffect(() => {
    const controller = new AbortController()
    fetchPlot(plotId, controller.signal)
      .then((loaded) => {
        setPlot(loaded)
        setFailure(null)
      })
      .catch((error: unknown) => {
        if (!isAbortError(error)) setFailure(errorMessage(error, '地块档案加载失败'))
      })
    return () => controller.abort()
  }, [plotId, plotsVersion, reloads])

  useEffect(() => {
    setTab('facts')
    setNotice(null)
    setPlot((current) => (current?.id === plotId ? current : null))
  }, [plotId])

  const reload = useCallback(() => setReloads((n) => n + 1), [])
  /** The plot changed on the server: the profile, the list, the review queue and the map tiles read again. */
  const changed = useCallback(
    (message: string) => {
      setNotice(message)
      dataChanged('plots', 'reviews')
    },
    [dataChanged],
  )

  if (!plot) {
    return (
      <aside className="plot-profile" aria-label="地块档案" data-testid="plot-profile">
        <header className="plot-profile__header">
          <div className="plot-profile__heading">
            <span className="info-panel__layer">地块档案</span>
          </div>
          <button type="button" className="icon-button" aria-label="关闭" title="关闭" onClick={onClose}>
            ×
          </button>
        </header>
        <p className={`panel-note plot-profile__loading${failure ? ' panel-note--error' : ''}`}>
          {failure ?? '正在加载地块档案…'}
        </p>
      </aside>
    )
  }

  const isUnderReview = plot.reviewStatus === 'submitted' || plot.reviewStatus === 'approved'
  const canWrite = canEdit && !isUnderReview
  const allowed = plot.transitions.filter((t) => t.isAllowed)
  const refused = plot.transitions.filter((t) => !t.isAllowed)
  const tabs: { id: Tab; label: string }[] = [
    { id: 'facts', label: '概况' },
    { id: 'events', label: `大事记（${formatCount(plot.events.length)}）` },
    { id: 'pollutants', label: `污染物（${formatCount(plot.pollutants.length)}）` },
    { id: 'negative', label: `负面清单（${formatCount(plot.negativeList.length)}）` },
    ...(renderRedevelopment ? [{ id: 'redevelopment' as const, label: '再开发利用' }] : []),
    { id: 'history', label: '修改记录' },
  ]

  return (
    <aside
      className="plot-profile"
      aria-labelledby="plot-profile-title"
      data-testid="plot-profile"
      data-plot-id={plot.id}
      data-status={plot.status}
    >
      <header className="plot-profile__header">
        <div className="plot-profile__heading">
          <div className="plot-profile__line">
            <span className={`plot-list-badge plot-list-badge--${plot.list.code}`} data-testid="plot-list-name">
              {plot.list.name}
            </span>
            <span className="plot-profile__code">{plot.code}</span>
          </div>
          <h2 id="plot-profile-title" className="plot-profile__title">
            {plot.name}
          </h2>
          <div className="plot-profile__line">
            <PlotStatusBadge list={plot.list.code} statusName={plot.statusName} />
            <span className={`plot-risk plot-risk--${plot.riskLevel ?? 'none'}`} data-testid="plot-risk">
              {plot.riskLevel ? riskLevelName(plot.riskLevel) : '风险等级未评定'}
            </span>
            <span className="chip chip--off" data-testid="plot-review-status">
              {reviewStatusName(plot.reviewStatus)}
            </span>
          </div>
        </div>
        <div className="plot-profile__tools">
          <button
            type="button"
            className="secondary-button plot-profile__locate"
            onClick={() => onLocate(bboxOf(plot.geometry))}
            data-testid="plot-locate"
          >
            定位
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="关闭"
            title="关闭"
            onClick={onClose}
            data-testid="plot-profile-close"
          >
            ×
          </button>
        </div>
      </header>

      <div className="plot-profile__body">
        {notice && (
          <p className="notice notice--ok plot-profile__notice" role="status" data-testid="plot-notice">
            {notice}
            <button type="button" className="notice__close" aria-label="关闭" onClick={() => setNotice(null)}>
              ×
            </button>
          </p>
        )}
        {failure && <p className="notice notice--error">{failure}</p>}
        {canEdit && isUnderReview && (
          <p className="plot-profile__lock" data-testid="plot-locked">
            地块正在审定中（{reviewStatusName(plot.reviewStatus)}），暂不能修改或办理下一步；如需修改，请审定人退回。
          </p>
        )}

        <section className="plot-steps" aria-label="下一步" data-testid="plot-steps">
          <h3 className="plot-steps__title">下一步</h3>
          {plot.transitions.length === 0 && <p className="panel-note">本阶段为终态，无后续流程。</p>}
          {allowed.length > 0 && (
            <div className="plot-steps__buttons">
              {allowed.map((t) => (
                <button
                  key={t.action}
                  type="button"
                  className="primary-button"
                  onClick={() => setStep(t)}
                  data-testid={`transition-${t.action}`}
                  title={`进入“${t.toName}”`}
                >
                  {t.label}
                </button>
              ))}
            </div>
          )}
          {refused.length > 0 && (
            <ul className="plot-steps__refused">
              {refused.map((t) => (
                <li key={t.action} data-testid={`transition-refused-${t.action}`}>
                  <button type="button" className="secondary-button" disabled data-testid={`transition-${t.action}`}>
                    {t.label}
                  </button>
                  <span className="plot-steps__why">{t.refusal ?? '当前不可办理'}</span>
                </li>
              ))}
            </ul>
          )}
        </section>

        <div className="plot-tabs" role="tablist" aria-label="地块档案">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={`plot-tabs__tab${tab === t.id ? ' plot-tabs__tab--active' : ''}`}
              onClick={() => setTab(t.id)}
              data-testid={`plot-tab-${t.id}`}
            >
              {t.label}
            </button>
          ))}
        </div>

        <div className="plot-profile__panel" role="tabpanel">
          {tab === 'facts' && (
            <Facts plot={plot} canEdit={canWrite} onEdit={() => setEditing(true)} review={renderReview?.(plot)} />
          )}
          {tab === 'events' && (
            <>
              <PlotTimeline events={plot.events} />
              {renderDocuments?.(plot, canEdit)}
            </>
          )}
          {tab === 'redevelopment' && renderRedevelopment?.(plot, canEdit)}
          {tab === 'pollutants' && <PollutantSection plot={plot} canEdit={canWrite} onSaved={changed} />}
          {tab === 'negative' && <NegativeListSection plot={plot} canEdit={canWrite} onSaved={changed} />}
          {tab === 'history' && <PlotHistoryList entries={plot.history} />}
        </div>
      </div>

      {isEditing && (
        <PlotFactsDialog
          plot={plot}
          onClose={() => setEditing(false)}
          onStale={() => {
            setEditing(false)
            reload()
          }}
          onDone={(next) => {
            setEditing(false)
            setPlot(next)
            setNotice('地块信息已保存')
            dataChanged('plots', 'reviews')
          }}
        />
      )}
      {step && (
        <TransitionDialog
          plot={plot}
          transition={step}
          onClose={() => setStep(null)}
          onStale={() => {
            setStep(null)
            reload()
          }}
          onDone={(next) => {
            setStep(null)
            setPlot(next)
            setNotice(
              `已办理“${step.label}”，地块进入“${next.statusName}”阶段${step.publicEffect ? `。公开事项：${step.publicEffect}` : ''}`,
            )
            dataChanged('plots', 'reviews')
          }}
        />
      )}
    </aside>
  )
}

/** Props of {@link Facts}. */
interface FactsProps {
  plot: Profile
  canEdit: boolean
  onEdit: () => void
  review: ReactNode
}

/** 概况: the facts, the responsible contact, the control zones and the review block. */
function Facts({ plot, canEdit, onEdit, review }: FactsProps) {
  const rows: [string, ReactNode][] = [
    ['地块编码', plot.code],
    ['所在区县', plot.county],
    ['地址', plot.address || '—'],
    ['原行业类别', plot.formerIndustryName ?? (plot.formerIndustry ? industryName(plot.formerIndustry) : '—')],
    ['土地使用权人', plot.landUser || '—'],
    ['占地面积', `${formatAreaValue(plot.areaMu)} 亩（${formatCount(Math.round(plot.areaM2))} m²）`],
    [
      '规划用地类别',
      plot.plannedLandClass
        ? landClassName(plot.plannedLandClass)
        : `未明确（按${plot.landClassName ?? '第一类用地'}评价）`,
    ],
    ['风险等级', riskLevelName(plot.riskLevel)],
    ['所在名录', `${plot.list.name}${plot.list.keeper ? `（${plot.list.keeper}）` : ''}`],
  ]
  return (
    <div className="plot-section" data-testid="plot-facts">
      {canEdit && (
        <div className="plot-section__bar plot-section__bar--end">
          <button type="button" className="secondary-button" onClick={onEdit} data-testid="plot-edit">
            修改地块信息
          </button>
        </div>
      )}
      <table className="info-table">
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3 className="plot-subtitle">责任联系人</h3>
      <p className="plot-contact" data-testid="plot-contact">
        {plot.contact || '未登记'}
        <span className="chip chip--off plot-contact__tag">内部信息，不公开</span>
      </p>

      <h3 className="plot-subtitle">管控区域</h3>
      {plot.controlZones.length === 0 ? (
        <p className="panel-note" data-testid="plot-zones">
          未划定管控区域。
        </p>
      ) : (
        <ul className="plot-zones" data-testid="plot-zones">
          {plot.controlZones.map((zone) => (
            <li key={zone.id}>
              <span className="plot-zones__code">{zone.code}</span> {zone.name}
              <span className="chip chip--off">{zone.reviewStatusName ?? reviewStatusName(zone.reviewStatus)}</span>
            </li>
          ))}
        </ul>
      )}
      {review}
    </div>
  )
}

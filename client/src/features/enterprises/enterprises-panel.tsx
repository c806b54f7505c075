import { useMemo, useState } from 'react'
import { ApiError } from '../../shared/api-client'
import type { Bbox, FeatureRef, ScopeCounty } from '../../shared/api-types'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { useJson } from '../../shared/use-json'
import type { Enterprise, EnterpriseStatus } from '@contracts/enterprises'
import { ENTERPRISE_STATUSES, ENTERPRISE_STATUS_NAME, INDUSTRY_NAME } from './enterprise-labels'
import { enterprisesPath, pendingProposalsPath, updateEnterpriseStatus } from './enterprises-api'
import { ProposalList } from './proposal-list'
import { m2ToMu } from '../../../../server/src/domain/units.ts'
import './enterprises.css'

/** Props of {@link EnterprisesPanel}. */
export interface EnterprisesPanelProps {
  counties: ScopeCounty[]
  /** The user keeps the registry (role environment): changes states and decides proposals. */
  canEdit: boolean
  /** Opens an enterprise on the map (info panel). */
  onShowOnMap: (feature: FeatureRef) => void
  onLocate: (bbox: Bbox) => void
}

/**
 * The 重点监管单位 tab: the key supervised enterprises of a county with their industry and state, the change of
 * state (关闭 / 搬迁 propose the site as a suspected plot), and the pending proposals to confirm or dismiss.
 */
export function EnterprisesPanel({ counties, canEdit, onShowOnMap, onLocate }: EnterprisesPanelProps) {
  const dataChanged = useDataChanged()
  const [adcode, setAdcode] = useState(counties[0]?.adcode ?? '')
  const [status, setStatus] = useState('')
  const [industry, setIndustry] = useState('')
  const [reloads, setReloads] = useState(0)
  const [openId, setOpenId] = useState<number | null>(null)
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null)
  const key = `${useLayerVersion('enterprises', 'plots')}/${reloads}`
  const query = new URLSearchParams({
    adcode,
    ...(status ? { status } : {}),
    ...(industry ? { industry } : {}),
  }).toString()
  const list = useJson(adcode ? enterprisesPath(query) : null, key, '重点监管单位加载失败')
  const pending = useJson(adcode ? pendingProposalsPath(adcode) : null, key, '建议列表加载失败')
  const enterprises = useMemo(() => (list.status === 'done' ? list.data.items : []), [list])
  const proposals = useMemo(
    () => (pending.status === 'done' ? pending.data.items.filter((p) => !p.adcode || p.adcode === adcode) : []),
    [pending, adcode],
  )

  /** A state changed or a proposal was decided: the enterprises, the plots (a proposed site) and the queue read again. */
  const changed = (text: string) => {
    setMessage({ kind: 'ok', text })
    dataChanged('enterprises', 'plots', 'reviews')
  }

  return (
    <section
      className="panel-section panel-section--grow enterprises-panel"
      aria-labelledby="enterprises-title"
      data-testid="enterprises-panel"
    >
      <div className="panel-section__bar">
        <h2 id="enterprises-title" className="panel-section__title">
          土壤污染重点监管单位
        </h2>
        <span className="enterprises-panel__actions">
          {canEdit && (
            <a className="link-button" href="/registry/import?kind=enterprises" data-testid="enterprise-bulk-import">
              批量导入
            </a>
          )}
          <button type="button" className="link-button" onClick={() => setReloads((n) => n + 1)}>
            刷新
          </button>
        </span>
      </div>
      {counties.length > 1 && (
        <label className="form-field">
          <span className="form-field__label">区县</span>
          <select className="text-input" value={adcode} onChange={(e) => setAdcode(e.target.value)}>
            {counties.map((c) => (
              <option key={c.adcode} value={c.adcode}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {message && (
        <p
          className={`notice notice--${message.kind}`}
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-testid="enterprise-message"
        >
          {message.text}
          <button type="button" className="notice__close" aria-label="关闭" onClick={() => setMessage(null)}>
            ×
          </button>
        </p>
      )}

      <h3 className="enterprises-panel__sub">
        待确认的疑似地块建议
        {proposals.length > 0 && <span className="side-tabs__badge">{proposals.length}</span>}
      </h3>
      <p className="panel-note enterprises-panel__lead">
        重点监管单位关闭或搬迁后，其原址作为疑似污染地块建议，由生态环境部门确认后列入疑似污染地块名单。
      </p>
      {pending.status === 'error' && <p className="panel-note panel-note--error">{pending.message}</p>}
      {pending.status === 'done' && (
        <ProposalList proposals={proposals} canDecide={canEdit} onDecided={changed} onLocate={onLocate} />
      )}

      <h3 className="enterprises-panel__sub">单位名录</h3>
      <div className="enterprise-filters">
        <select
          className="text-input"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          aria-label="生产状态"
          data-testid="enterprise-filter-status"
        >
          <option value="">全部状态</option>
          {ENTERPRISE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ENTERPRISE_STATUS_NAME[s]}
            </option>
          ))}
        </select>
        <select
          className="text-input"
          value={industry}
          onChange={(e) => setIndustry(e.target.value)}
          aria-label="行业"
          data-testid="enterprise-filter-industry"
        >
          <option value="">全部行业</option>
          {Object.entries(INDUSTRY_NAME).map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {list.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {list.status === 'error' && <p className="panel-note panel-note--error">{list.message}</p>}
      {list.status === 'done' && enterprises.length === 0 && <p className="panel-note">没有符合条件的单位</p>}
      <ul className="enterprise-list" data-testid="enterprise-list">
        {enterprises.map((e) => (
          <li key={e.id}>
            <EnterpriseItem
              enterprise={e}
              isOpen={openId === e.id}
              canEdit={canEdit}
              onToggle={() => setOpenId(openId === e.id ? null : e.id)}
              onShowOnMap={() => onShowOnMap({ source: 'enterprise', id: e.id })}
              onSaved={changed}
              onFailed={(text) => setMessage({ kind: 'error', text })}
              onStale={() => setReloads((n) => n + 1)}
            />
          </li>
        ))}
      </ul>
    </section>
  )
}

interface EnterpriseItemProps {
  enterprise: Enterprise
  isOpen: boolean
  canEdit: boolean
  onToggle: () => void
  onShowOnMap: () => void
  onSaved: (text: string) => void
  onFailed: (text: string) => void
  onStale: () => void
}

/** One enterprise: name, industry, state; opened, its facts and the change of state. */
function EnterpriseItem({
  enterprise: e,
  isOpen,
  canEdit,
  onToggle,
  onShowOnMap,
  onSaved,
  onFailed,
  onStale,
}: EnterpriseItemProps) {
  const [next, setNext] = useState<EnterpriseStatus>(e.status)
  const [isBusy, setBusy] = useState(false)
  const statusName = e.statusName ?? ENTERPRISE_STATUS_NAME[e.status] ?? e.status

  const save = async () => {
    setBusy(true)
    try {
      await updateEnterpriseStatus(e.id, e.version, next)
      const proposes = next === 'closed' || next === 'relocated'
      onSaved(
        `“${e.name}”已改为${ENTERPRISE_STATUS_NAME[next]}${proposes ? '；其原址已作为疑似污染地块建议，请在上方确认或不予列入' : ''}`,
      )
    } catch (error) {
      onFailed(errorMessage(error, '状态修改失败'))
      if (error instanceof ApiError && error.code === 'CONFLICT') onStale()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div
      className={`enterprise${isOpen ? ' enterprise--open' : ''}`}
      data-testid="enterprise"
      data-id={e.id}
      data-name={e.name}
    >
      <button type="button" className="enterprise__head" onClick={onToggle} aria-expanded={isOpen}>
        <span className="enterprise__name">{e.name}</span>
        <span className={`enterprise-status enterprise-status--${e.status}`}>{statusName}</span>
        <span className="enterprise__meta">{e.industryName ?? INDUSTRY_NAME[e.industry] ?? e.industry}</span>
      </button>
      {isOpen && (
        <div className="enterprise__body">
          <dl className="enterprise__facts">
            {e.creditCode && (
              <>
                <dt>统一社会信用代码</dt>
                <dd>{e.creditCode}</dd>
              </>
            )}
            {typeof e.areaM2 === 'number' && (
              <>
                <dt>用地面积</dt>
                <dd>{m2ToMu(e.areaM2).toFixed(1)} 亩</dd>
              </>
            )}
            {e.pendingProposalId ? (
              <>
                <dt>疑似地块建议</dt>
                <dd>待确认</dd>
              </>
            ) : null}
          </dl>
          <div className="enterprise__row">
            <button type="button" className="secondary-button" onClick={onShowOnMap}>
              在地图上查看
            </button>
          </div>
          {canEdit && (
            <div className="enterprise__row">
              <select
                className="text-input"
                value={next}
                onChange={(ev) => setNext(ev.target.value as EnterpriseStatus)}
                aria-label="生产状态"
                data-testid="enterprise-status-select"
              >
                {ENTERPRISE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {ENTERPRISE_STATUS_NAME[s]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="primary-button"
                disabled={isBusy || next === e.status}
                onClick={() => void save()}
                data-testid="enterprise-status-save"
              >
                {isBusy ? '正在保存…' : '修改状态'}
              </button>
            </div>
          )}
        </div>
      )}
    </div>
  )
}

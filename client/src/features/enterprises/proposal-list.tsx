import { useState, type FormEvent } from 'react'
import type { Bbox } from '../../shared/api-types'
import { errorMessage } from '../../shared/error-message'
import { bboxOf } from '../../shared/geometry'
import { formatDateTime } from '../../shared/format'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import type { PlotProposal } from '@contracts/enterprises'
import { ENTERPRISE_STATUS_NAME, INDUSTRY_NAME } from './enterprise-labels'
import { decideProposal } from './enterprises-api'
import { m2ToMu } from '../../../../server/src/domain/units.ts'

/** Props of {@link ProposalList}. */
export interface ProposalListProps {
  proposals: PlotProposal[]
  canDecide: boolean
  /** After a decision: what happened, in words. */
  onDecided: (text: string) => void
  onLocate: (bbox: Bbox) => void
}

type Decision = { kind: 'confirm' | 'dismiss'; proposal: PlotProposal }

function bboxOfGeometry(geometry: PlotProposal['geometry']): Bbox | null {
  return geometry && geometry.type !== 'GeometryCollection' ? bboxOf(geometry) : null
}

/** 待确认的疑似地块建议: sites of closed or relocated enterprises, to confirm as suspected plots or dismiss with a reason. */
export function ProposalList({ proposals, canDecide, onDecided, onLocate }: ProposalListProps) {
  const [decision, setDecision] = useState<Decision | null>(null)
  if (proposals.length === 0)
    return (
      <p className="panel-note" data-testid="proposals-empty">
        暂无待确认的建议
      </p>
    )
  return (
    <>
      <ul className="proposal-list" data-testid="proposal-list">
        {proposals.map((p) => {
          const bbox = bboxOfGeometry(p.geometry)
          return (
            <li
              key={p.id}
              className="proposal"
              data-testid="proposal"
              data-enterprise-id={p.enterpriseId}
              data-enterprise={p.enterpriseName}
            >
              <span className="proposal__name">{p.enterpriseName}</span>
              <span className="proposal__meta">
                {p.industryName ?? INDUSTRY_NAME[p.industry] ?? p.industry} · 已
                {p.enterpriseStatusName ?? ENTERPRISE_STATUS_NAME[p.enterpriseStatus] ?? p.enterpriseStatus}
                {typeof p.areaM2 === 'number' ? ` · ${m2ToMu(p.areaM2).toFixed(1)} 亩` : ''}
              </span>
              <span className="proposal__meta">
                {formatDateTime(p.createdAt)}
                {p.createdByName ? ` · ${p.createdByName}` : ''}
              </span>
              <span className="proposal__actions">
                {bbox && (
                  <button type="button" className="link-button" onClick={() => onLocate(bbox)}>
                    定位
                  </button>
                )}
                {canDecide && (
                  <>
                    <button
                      type="button"
                      className="primary-button proposal__button"
                      onClick={() => setDecision({ kind: 'confirm', proposal: p })}
                      data-testid="proposal-confirm"
                    >
                      确认为疑似地块
                    </button>
                    <button
                      type="button"
                      className="danger-outline-button proposal__button"
                      onClick={() => setDecision({ kind: 'dismiss', proposal: p })}
                      data-testid="proposal-dismiss"
                    >
                      不予列入
                    </button>
                  </>
                )}
              </span>
            </li>
          )
        })}
      </ul>
      {decision && (
        <DecisionDialog
          decision={decision}
          onClose={() => setDecision(null)}
          onDone={(text) => {
            setDecision(null)
            onDecided(text)
          }}
        />
      )}
    </>
  )
}

/** Asks the plot name (确认) or the reason (不予列入) and sends the decision. */
function DecisionDialog({
  decision,
  onClose,
  onDone,
}: {
  decision: Decision
  onClose: () => void
  onDone: (text: string) => void
}) {
  const { kind, proposal } = decision
  const [text, setText] = useState(
    kind === 'confirm' ? `${proposal.enterpriseName.replace(/（示例）$/, '')}原址地块` : '',
  )
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!text.trim()) return setFailure(kind === 'confirm' ? '请填写地块名称' : '请填写不予列入的理由')
    setBusy(true)
    setFailure(null)
    try {
      const answer = await decideProposal(proposal.id, kind, text.trim())
      const code = answer.plotCode ?? ''
      onDone(
        kind === 'confirm'
          ? `已将“${proposal.enterpriseName}”原址确认为疑似污染地块${code ? ` ${code}` : ''}，列入疑似污染地块名单（草稿）`
          : `已将“${proposal.enterpriseName}”的建议标记为不予列入`,
      )
    } catch (error) {
      setFailure(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={
        kind === 'confirm' ? `确认为疑似污染地块：${proposal.enterpriseName}` : `不予列入：${proposal.enterpriseName}`
      }
      onClose={onClose}
      testId="proposal-dialog"
    >
      <form className="dialog__body" onSubmit={submit} noValidate>
        <p className="panel-note">
          {kind === 'confirm'
            ? `以该单位用地范围新建一个“疑似污染地块”，原行业为“${proposal.industryName ?? INDUSTRY_NAME[proposal.industry] ?? proposal.industry}”，随后按初步调查流程办理。`
            : '不予列入须写明理由（例如已开展土壤污染状况调查且未超过筛选值），理由记入变更记录。'}
        </p>
        <label className="form-field">
          <span className="form-field__label">{kind === 'confirm' ? '地块名称' : '不予列入理由（必填）'}</span>
          {kind === 'confirm' ? (
            <input
              className="text-input"
              value={text}
              maxLength={100}
              autoFocus
              onChange={(e) => setText(e.target.value)}
              data-testid="proposal-name"
            />
          ) : (
            <textarea
              className="text-area"
              rows={4}
              value={text}
              maxLength={500}
              autoFocus
              onChange={(e) => setText(e.target.value)}
              data-testid="proposal-reason"
            />
          )}
        </label>
        <FormError message={failure} testId="proposal-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button
            type="submit"
            className={kind === 'confirm' ? 'primary-button' : 'danger-button'}
            disabled={isBusy}
            data-testid="proposal-send"
          >
            {isBusy ? '正在提交…' : kind === 'confirm' ? '确认列入' : '确认不予列入'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

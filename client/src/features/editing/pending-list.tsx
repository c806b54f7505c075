import { useState } from 'react'
import type { ParcelProblem } from '@contracts/editing'
import { FormError } from '../../shared/ui/form-error'
import type { PendingItem } from './edit-session'
import { formatMuHa } from './parcel-geometry'
import type { CheckState } from './use-pending-check'

const OP_NAME: Record<PendingItem['op'], string> = { create: '新建', update: '修改', delete: '删除' }

/** Props of {@link PendingList}. */
export interface PendingListProps {
  items: PendingItem[]
  check: CheckState
  problemsByKey: Map<string, ParcelProblem[]>
  isSaving: boolean
  /** Parcels are open in the editor without changes (offer to close them). */
  hasOpenParcels: boolean
  onLocate: (item: PendingItem, problem?: ParcelProblem) => void
  onAttributes: (item: PendingItem) => void
  onDiscard: (item: PendingItem) => void
  onDiscardAll: () => void
  onSave: (reason: string) => void
}

function checkLabel(
  item: PendingItem,
  check: CheckState,
  problems: ParcelProblem[],
): { text: string; tone: 'ok' | 'bad' | 'wait' } {
  if (!item.change) return { text: '待填写属性', tone: 'bad' }
  if (problems.length) return { text: `${problems.length} 个问题`, tone: 'bad' }
  if (check.status === 'done') return { text: '检查通过', tone: 'ok' }
  if (check.status === 'error') return { text: '未能检查', tone: 'bad' }
  return { text: '正在检查…', tone: 'wait' }
}

/** 待保存的修改: every pending change with its area and check state, its problems, 修改原因 and 保存/放弃. */
export function PendingList({
  items,
  check,
  problemsByKey,
  isSaving,
  hasOpenParcels,
  onLocate,
  onAttributes,
  onDiscard,
  onDiscardAll,
  onSave,
}: PendingListProps) {
  const [reason, setReason] = useState('')
  const [isReasonMissing, setReasonMissing] = useState(false)
  const otherProblems = problemsByKey.get('unknown') ?? []
  const hasProblems = problemsByKey.size > 0 || check.status === 'error'
  const isIncomplete = items.some((item) => !item.change)
  const isCheckDone = check.status === 'done' && check.ok
  const canSave = items.length > 0 && !hasProblems && !isIncomplete && isCheckDone && !isSaving
  const blocker =
    items.length === 0
      ? null
      : isIncomplete
        ? '有新图斑尚未填写属性'
        : hasProblems
          ? '检查未通过，请按提示修改后再保存'
          : check.status !== 'done'
            ? '正在检查修改…'
            : null

  return (
    <section className="edit-card" data-testid="pending-list" aria-labelledby="pending-title">
      <h3 className="edit-card__title" id="pending-title">
        待保存的修改{' '}
        <span className="edit-count" data-testid="pending-count">
          {items.length} 项
        </span>
      </h3>
      {items.length === 0 && <p className="panel-note">暂无修改。选择工具后在地图上编辑图斑。</p>}
      {items.length === 0 && hasOpenParcels && (
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onDiscardAll} data-testid="edit-discard">
            结束编辑
          </button>
        </div>
      )}
      {items.length > 0 && (
        <ol className="pending-list">
          {items.map((item) => {
            const problems = problemsByKey.get(item.key) ?? []
            const state = checkLabel(item, check, problems)
            return (
              <li key={item.key} className="pending-item" data-testid="pending-item" data-op={item.op}>
                <div className="pending-item__head">
                  <span className={`pending-op pending-op--${item.op}`}>{OP_NAME[item.op]}</span>
                  <span className="pending-item__code">{item.code ?? '新图斑'}</span>
                  <span className={`pending-state pending-state--${state.tone}`} data-testid="pending-state">
                    {state.text}
                  </span>
                </div>
                <div className="pending-item__area">
                  {item.op === 'delete' ? `原面积 ${formatMuHa(item.areaM2)}` : formatMuHa(item.areaM2)}
                </div>
                {problems.length > 0 && (
                  <ul className="problem-list">
                    {problems.map((problem, i) => (
                      <li key={i} className="problem" data-testid="edit-problem" data-code={problem.code}>
                        <span className="problem__text">{problem.message}</span>
                        {(problem.location || problem.geometry) && (
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => onLocate(item, problem)}
                            data-testid="problem-locate"
                          >
                            定位
                          </button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
                <div className="pending-item__actions">
                  {item.geometry && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onLocate(item)}
                      data-testid="pending-locate"
                    >
                      定位
                    </button>
                  )}
                  {item.op !== 'delete' && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => onAttributes(item)}
                      data-testid="pending-attributes"
                    >
                      {item.change ? '属性' : '填写属性'}
                    </button>
                  )}
                  <button
                    type="button"
                    className="link-button link-button--danger"
                    onClick={() => onDiscard(item)}
                    data-testid="pending-discard"
                  >
                    撤除
                  </button>
                </div>
              </li>
            )
          })}
        </ol>
      )}
      {otherProblems.map((problem, i) => (
        <p key={i} className="panel-note panel-note--error" data-testid="edit-problem" data-code={problem.code}>
          {problem.message}
        </p>
      ))}
      {check.status === 'error' && <FormError message={check.message} testId="check-error" />}
      {items.length > 0 && (
        <form
          className="pending-save"
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            if (!reason.trim()) return setReasonMissing(true)
            onSave(reason.trim())
          }}
        >
          <label className="form-field">
            <span className="form-field__label">
              修改原因<span className="edit-required">*</span>
            </span>
            <textarea
              className="text-area"
              rows={2}
              maxLength={500}
              value={reason}
              placeholder="如：依据 2026 年度变更调查成果修正图斑边界"
              onChange={(e) => {
                setReason(e.target.value)
                setReasonMissing(false)
              }}
              data-testid="edit-reason"
            />
          </label>
          <FormError message={isReasonMissing ? '请填写修改原因' : null} testId="edit-reason-error" />
          {blocker && (
            <p className="panel-note" data-testid="save-blocker">
              {blocker}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="secondary-button" onClick={onDiscardAll} data-testid="edit-discard">
              放弃
            </button>
            <button type="submit" className="primary-button" disabled={!canSave} data-testid="edit-save">
              {isSaving ? '正在保存…' : `保存 ${items.length} 项修改`}
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

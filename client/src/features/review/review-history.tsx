import { useState } from 'react'
import type { ReviewKind } from '@contracts/review'
import { formatDateTime } from '../../shared/format'
import { describeChange } from './describe-change'
import { useReviewHistory } from './use-review-history'

/** Props of {@link ReviewHistory}. */
export interface ReviewHistoryProps {
  kind: ReviewKind
  id: number
  /** Entries shown before 显示全部 is pressed. */
  shownAtFirst?: number
}

/** 变更历史: every step of the record, newest first: what, who, when and why. */
export function ReviewHistory({ kind, id, shownAtFirst = 3 }: ReviewHistoryProps) {
  const state = useReviewHistory(kind, id)
  const [isExpanded, setExpanded] = useState(false)
  const entries = state.status === 'done' ? (isExpanded ? state.entries : state.entries.slice(0, shownAtFirst)) : []
  const hidden = state.status === 'done' ? state.entries.length - entries.length : 0

  return (
    <section className="history" aria-labelledby="history-title" data-testid="review-history">
      <h3 id="history-title" className="history__title">
        变更历史
        {state.status === 'done' && <span className="history__count">{state.entries.length} 条</span>}
      </h3>
      {state.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {state.status === 'error' && (
        <p className="panel-note panel-note--error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'done' && state.entries.length === 0 && <p className="panel-note">暂无变更记录</p>}
      {state.status === 'done' && state.entries.length > 0 && (
        <ol className="history__list">
          {entries.map((entry) => {
            const change = describeChange(entry)
            return (
              <li
                key={entry.id}
                className={`history__entry history__entry--${entry.action}`}
                data-testid="history-entry"
                data-action={entry.action}
              >
                <div className="history__head">
                  <span className="history__action">{entry.actionName}</span>
                  <time className="history__time" dateTime={entry.changedAt}>
                    {formatDateTime(entry.changedAt)}
                  </time>
                </div>
                <div className="history__actor">
                  {entry.actorName}
                  {entry.actorName !== entry.actor && <span className="history__username">（{entry.actor}）</span>}
                </div>
                {change && <div className="history__change">{change}</div>}
                {entry.reason && (
                  <div className="history__reason" data-testid="history-reason">
                    {entry.action === 'return' || entry.action === 'reopen' ? '理由' : '意见'}：{entry.reason}
                  </div>
                )}
              </li>
            )
          })}
        </ol>
      )}
      {(hidden > 0 || isExpanded) && (
        <button
          type="button"
          className="link-button history__more"
          onClick={() => setExpanded(!isExpanded)}
          data-testid="history-more"
        >
          {isExpanded ? '收起' : `显示全部 ${state.status === 'done' ? state.entries.length : ''} 条`}
        </button>
      )}
    </section>
  )
}

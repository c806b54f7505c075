import { useEffect, useState } from 'react'
import type { ReviewQueueItem } from '@contracts/review'
import { isAbortError } from '../../shared/api-client'
import { useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { formatDateTime } from '../../shared/format'
import { loadReviewQueue } from './review-api'
import { ReviewStatusBadge } from './review-status-badge'

/** Props of {@link ReviewQueue}. */
export interface ReviewQueueProps {
  /** `kind/id` of the record open in the info panel, marked in the list. */
  activeKey: string | null
  onOpen: (item: ReviewQueueItem) => void
  onCount?: (count: number) => void
}

type QueueState =
  { status: 'loading' } | { status: 'done'; items: ReviewQueueItem[] } | { status: 'error'; message: string }

/**
 * 待办审核: the records of the user's counties that wait for this user (`GET /api/reviews`); a review step or a
 * changed class list anywhere in the app loads it again.
 */
export function ReviewQueue({ activeKey, onOpen, onCount }: ReviewQueueProps) {
  const version = useLayerVersion('reviews', 'classLists')
  const [state, setState] = useState<QueueState>({ status: 'loading' })
  const [reloads, setReloads] = useState(0)

  useEffect(() => {
    const controller = new AbortController()
    loadReviewQueue(controller.signal)
      .then(({ items }) => {
        setState({ status: 'done', items })
        onCount?.(items.length)
      })
      .catch((error: unknown) => {
        if (isAbortError(error)) return
        setState({ status: 'error', message: errorMessage(error, '待办列表加载失败') })
      })
    return () => controller.abort()
  }, [version, reloads, onCount])

  return (
    <section
      className="panel-section panel-section--grow"
      aria-labelledby="review-queue-title"
      data-testid="review-queue"
    >
      <div className="panel-section__bar">
        <h2 id="review-queue-title" className="panel-section__title">
          待办审核
        </h2>
        <button
          type="button"
          className="link-button"
          onClick={() => setReloads((n) => n + 1)}
          data-testid="review-queue-refresh"
        >
          刷新
        </button>
      </div>
      {state.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {state.status === 'error' && (
        <p className="panel-note panel-note--error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'done' && state.items.length === 0 && (
        <p className="panel-note" data-testid="review-queue-empty">
          暂无待办事项
        </p>
      )}
      {state.status === 'done' && state.items.length > 0 && (
        <ul className="queue-list">
          {state.items.map((item) => {
            const key = `${item.kind}/${item.id}`
            return (
              <li key={key}>
                <button
                  type="button"
                  className={`queue-item${key === activeKey ? ' queue-item--active' : ''}`}
                  onClick={() => onOpen(item)}
                  data-testid="review-queue-item"
                  data-kind={item.kind}
                  data-id={item.id}
                  data-code={item.code}
                >
                  <span className="queue-item__top">
                    <span className={`queue-item__kind queue-item__kind--${item.kind}`}>{item.kindName}</span>
                    <span className="queue-item__code">{item.code}</span>
                    <ReviewStatusBadge status={item.review.status} name={item.review.statusName} />
                  </span>
                  <span className="queue-item__name">{item.name}</span>
                  <span className="queue-item__meta">
                    {item.county} · 更新于 {formatDateTime(item.updatedAt)}
                  </span>
                  {item.review.status === 'returned' && item.review.reason && (
                    <span className="queue-item__reason">退回理由：{item.review.reason}</span>
                  )}
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <p className="panel-note">点击一项，地图定位到该记录并打开详情，在详情中审定、退回或发布。</p>
    </section>
  )
}

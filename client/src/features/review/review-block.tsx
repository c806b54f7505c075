import { useState } from 'react'
import type { ReviewAction, ReviewInfo } from '@contracts/review'
import { ApiError } from '../../shared/api-client'
import { useDataChanged } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { ReviewActionDialog } from './review-action-dialog'
import { runReviewAction } from './review-api'
import { REVIEW_LAYERS } from './review-source'
import { ReviewStatusBadge } from './review-status-badge'

/** Props of {@link ReviewBlock}. */
export interface ReviewBlockProps {
  review: ReviewInfo
  recordTitle: string
  /** The record changed under the user (409): reload it. */
  onStale: () => void
  /** Wording for this kind of record where it differs from a plot's: the waiting line per state, the dialog's explanation per step. */
  wording?: ReviewWording
}

/** Texts of {@link ReviewBlock} that depend on the kind of record (a class list is not shown on the public page). */
export interface ReviewWording {
  waiting?: Partial<Record<ReviewInfo['status'], string>>
  explanation?: Partial<Record<ReviewAction['action'], string>>
  /** The label and hint of the dialog's text field per step, where it asks for more than an optional note. */
  reasonField?: Partial<Record<ReviewAction['action'], { label: string; placeholder: string }>>
}

const BUTTON_CLASS: Record<ReviewAction['action'], string> = {
  submit: 'primary-button',
  approve: 'primary-button',
  publish: 'success-button',
  return: 'danger-outline-button',
  reopen: 'secondary-button',
}

const WAITING: Record<ReviewInfo['status'], string> = {
  draft: '草稿，待主管部门提交审定',
  submitted: '已提交，等待审定人审定',
  approved: '已审定，等待审定人发布',
  returned: '已退回，等待主管部门修改后重新提交',
  published: '已发布，公众查询页面可见',
}

/**
 * Review state of a plot, control zone or class list and the steps the server allows this user (审核与发布). A step
 * taken tells the store that the record's kind of data and the review queue changed, so what shows them reads again.
 */
export function ReviewBlock({ review, recordTitle, onStale, wording }: ReviewBlockProps) {
  const dataChanged = useDataChanged()
  const [pending, setPending] = useState<ReviewAction | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const open = (action: ReviewAction) => {
    setFailure(null)
    setNotice(null)
    setPending(action)
  }
  const run = async (reason: string) => {
    if (!pending) return
    setBusy(true)
    setFailure(null)
    try {
      await runReviewAction(review, pending.action, {
        version: review.version,
        ...(reason ? { reason } : {}),
      })
      setNotice(`“${pending.label}”已完成`)
      setPending(null)
      dataChanged(...REVIEW_LAYERS[review.kind])
    } catch (error) {
      setFailure(errorMessage(error))
      if (error instanceof ApiError && error.code === 'CONFLICT') onStale()
    } finally {
      setBusy(false)
    }
  }
  const published = review.publishedVersion ?? 0

  return (
    <section className="review-block" aria-label="审核与发布" data-testid="review-block">
      <div className="review-block__row">
        <span className="review-block__label">审核状态</span>
        <ReviewStatusBadge status={review.status} name={review.statusName} />
        <span className="review-block__meta" data-testid="review-version">
          第 {review.version} 版 · {published > 0 ? `已发布第 ${published} 版` : '尚未发布'}
        </span>
      </div>
      {review.status === 'returned' && review.reason && (
        <p className="review-block__reason" data-testid="review-returned-reason">
          <strong>退回理由：</strong>
          {review.reason}
        </p>
      )}
      {review.actions.length > 0 ? (
        <div className="review-block__actions">
          {review.actions.map((action) => (
            <button
              key={action.action}
              type="button"
              className={BUTTON_CLASS[action.action]}
              onClick={() => open(action)}
              data-testid={`review-action-${action.action}`}
            >
              {action.label}
            </button>
          ))}
        </div>
      ) : (
        <p className="panel-note" data-testid="review-no-actions">
          {wording?.waiting?.[review.status] ?? WAITING[review.status]}
        </p>
      )}
      {notice && (
        <p className="review-block__notice" role="status" data-testid="review-notice">
          {notice}
        </p>
      )}
      {failure && !pending && (
        <p className="form-error" role="alert" data-testid="review-error">
          {failure}
        </p>
      )}
      {pending && (
        <ReviewActionDialog
          action={pending}
          recordTitle={recordTitle}
          explanation={wording?.explanation?.[pending.action]}
          reasonField={wording?.reasonField?.[pending.action]}
          isBusy={isBusy}
          failure={failure}
          onConfirm={run}
          onClose={() => setPending(null)}
        />
      )}
    </section>
  )
}

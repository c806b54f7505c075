import type { ReviewStatus } from '@contracts/review'

/** A review state as a coloured label (草稿, 已提交, 已审定, 退回, 已发布). */
export function ReviewStatusBadge({ status, name }: { status: ReviewStatus; name: string }) {
  return (
    <span className={`review-badge review-badge--${status}`} data-testid="review-status" data-status={status}>
      {name}
    </span>
  )
}

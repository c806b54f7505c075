import { ReviewBlock, type ReviewWording } from '../features/review/review-block'
import { ReviewHistory } from '../features/review/review-history'
import type { ReviewInfo } from '../shared/api-types'

/** What the review steps mean for a class list (分类清单): it colours the map and feeds statistics, not the public page. */
const CLASS_LIST_WORDING: ReviewWording = {
  waiting: {
    draft: '草稿：核对变化与依据，可调整类别，完成后提交审定',
    submitted: '已提交，等待审定人审定',
    approved: '已审定，等待审定人发布',
    returned: '已退回：按退回理由修改后重新提交',
    published: '已发布：地图图斑颜色和类别统计按此清单显示',
  },
  explanation: {
    submit: '提交后由审定人审定；审定期间不能再调整类别。未完成的清单不能提交。',
    approve: '审定通过后，可由审定人发布。',
    return: '退回后清单回到耕地管理员修改，退回理由将显示给经办人。',
    publish: '发布后，本清单的类别写入耕地图斑，替换现行已发布的类别：地图颜色、类别统计和准入预审随之更新。',
    reopen: '重新编辑后清单回到草稿；现行已发布的类别保持不变，直至再次发布。',
  },
  reasonField: {
    submit: {
      label: '优先保护类面积减少原因说明（面积减少时必填，至少 10 个字）',
      placeholder: '规划要求优先保护类耕地面积不减少；如本清单该面积减少，请写明原因和依据，审定人将看到这段说明',
    },
  },
}

/** Props of {@link ClassListReview}. */
export interface ClassListReviewProps {
  review: ReviewInfo
  title: string
  /** Why the 优先保护类 area of the list falls, as its keeper wrote it on 提交审定; null when it does not fall. */
  priorityFallExplanation: string | null
  onStale: () => void
}

/**
 * 审定 of a class list: the review feature's status block and history, with the class list's wording (a step moves
 * the class lists' version, and the store reads the open list again).
 */
export function ClassListReview({ review, title, priorityFallExplanation, onStale }: ClassListReviewProps) {
  return (
    <>
      {priorityFallExplanation && (
        <p className="review-block__reason" data-testid="class-list-fall-explanation">
          <strong>优先保护类面积减少原因（提交时说明）：</strong>
          {priorityFallExplanation}
        </p>
      )}
      <ReviewBlock
        key={`class-list/${review.id}`}
        review={review}
        recordTitle={title}
        wording={CLASS_LIST_WORDING}
        onStale={onStale}
      />
      <ReviewHistory key={`history-class-list/${review.id}`} kind="class-list" id={review.id} shownAtFirst={2} />
    </>
  )
}

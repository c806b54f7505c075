import { PLOT_STATUS } from '../../../../server/src/domain/labels.ts'
import { REVIEW_STATUS_LABEL } from '../../../../server/src/domain/review-workflow.ts'
import type { HistoryEntry } from '@contracts/review'

function nameIn(labels: Record<string, string>, value: unknown): string | null {
  return typeof value === 'string' && value in labels ? labels[value] : null
}

/** `甲 → 乙` when a state moved, `乙` when it started, null when it stayed where it was. */
function describeMove(from: string | null, to: string | null): string | null {
  if (!to || from === to) return null
  return from ? `${from} → ${to}` : to
}

/**
 * What a history entry changed, in words: a plot's lifecycle step (`疑似污染地块 → 初步调查`), the review state
 * (`已提交 → 已审定`, with the published version on 发布); null when neither moved, as on an edit of a draft.
 */
export function describeChange(entry: Pick<HistoryEntry, 'action' | 'before' | 'after'>): string | null {
  const step = describeMove(nameIn(PLOT_STATUS, entry.before?.status), nameIn(PLOT_STATUS, entry.after?.status))
  const review = describeMove(
    nameIn(REVIEW_STATUS_LABEL, entry.before?.reviewStatus),
    nameIn(REVIEW_STATUS_LABEL, entry.after?.reviewStatus),
  )
  const published =
    review && entry.action === 'publish' && typeof entry.after?.publishedVersion === 'number'
      ? `，公开第 ${entry.after.publishedVersion} 版`
      : ''
  const parts = [step, review ? `${review}${published}` : null].filter((p): p is string => p !== null)
  return parts.length ? parts.join('；') : null
}

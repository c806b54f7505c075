import { useEffect, useState } from 'react'
import type { HistoryEntry, ReviewKind } from '@contracts/review'
import { isAbortError } from '../../shared/api-client'
import { useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { loadHistory } from './review-api'
import { REVIEW_LAYERS } from './review-source'

/** State of a record's change history. */
export type HistoryState =
  { status: 'loading' } | { status: 'done'; entries: HistoryEntry[] } | { status: 'error'; message: string }

/**
 * Loads `GET /api/history/{kind}/{id}`; a change of the record's kind of data (a review step) loads it again and
 * keeps the old list meanwhile.
 */
export function useReviewHistory(kind: ReviewKind, id: number): HistoryState {
  const key = `${kind}/${id}`
  const version = useLayerVersion(...REVIEW_LAYERS[kind])
  const [answer, setAnswer] = useState<{ key: string; state: HistoryState } | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    loadHistory(kind, id, controller.signal)
      .then(({ entries }) => setAnswer({ key, state: { status: 'done', entries } }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return
        setAnswer({ key, state: { status: 'error', message: errorMessage(error, '变更历史加载失败') } })
      })
    return () => controller.abort()
  }, [key, kind, id, version])

  return answer?.key === key ? answer.state : { status: 'loading' }
}

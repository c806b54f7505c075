import { useEffect, useState } from 'react'
import { getJson, isAbortError } from '../../shared/api-client'
import type { FeatureRef, ReviewedFeatureInfo } from '../../shared/api-types'

/** State of the description of one feature. */
export type FeatureInfoState =
  { status: 'loading' } | { status: 'done'; info: ReviewedFeatureInfo } | { status: 'error'; message: string }

type Answer = { key: string; state: FeatureInfoState }

function keyOf(ref: FeatureRef): string {
  return `${encodeURIComponent(ref.source)}/${encodeURIComponent(String(ref.id))}`
}

/**
 * Loads `GET /api/features/{source}/{id}` for the selected feature; a new `reloadKey` loads it again and keeps
 * the shown description until the new one arrives.
 */
export function useFeatureInfo(ref: FeatureRef, reloadKey: unknown = 0): FeatureInfoState {
  const key = keyOf(ref)
  const [answer, setAnswer] = useState<Answer | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    getJson<ReviewedFeatureInfo>(`/api/features/${key}`, controller.signal)
      .then((info) => setAnswer({ key, state: { status: 'done', info } }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return
        const message = error instanceof Error ? error.message : '要素信息加载失败'
        setAnswer({ key, state: { status: 'error', message } })
      })
    return () => controller.abort()
  }, [key, reloadKey])

  return answer?.key === key ? answer.state : { status: 'loading' }
}

import { useEffect, useState } from 'react'
import type { FeatureInfo } from '@contracts/map'
import { isAbortError } from '../../shared/api-client'
import type { FeatureRef } from '../../shared/api-types'
import { featureInfoPath, loadFeatureInfo } from './info-api'

/** State of the description of one feature. */
export type FeatureInfoState =
  { status: 'loading' } | { status: 'done'; info: FeatureInfo } | { status: 'error'; message: string }

type Answer = { key: string; state: FeatureInfoState }

/**
 * Loads `GET /api/features/{source}/{id}` for the selected feature; a new `reloadKey` loads it again and keeps
 * the shown description until the new one arrives.
 */
export function useFeatureInfo(ref: FeatureRef, reloadKey: unknown = 0): FeatureInfoState {
  const key = featureInfoPath(ref)
  const [answer, setAnswer] = useState<Answer | null>(null)

  useEffect(() => {
    const controller = new AbortController()
    loadFeatureInfo(key, controller.signal)
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

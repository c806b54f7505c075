import { useEffect, useState } from 'react'
import { getJson, isAbortError, type ApiPath } from './api-client'
import { errorMessage } from './error-message'

/** State of one GET request. */
export type JsonState<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'done'; data: T } | { status: 'error'; message: string }

/**
 * Loads `GET path` (nothing while `path` is null); a new `reloadKey` (e.g. the store's version of the data shown)
 * loads it again and keeps the shown answer until the new one arrives. `failure` is the message when the server gives none. A path built by a feature's
 * `<feature>-api.ts` carries its answer's contract type, so `T` comes from there.
 */
export function useJson<T>(
  path: ApiPath<T> | string | null,
  reloadKey: unknown = 0,
  failure = '加载失败',
): JsonState<T> {
  const [answer, setAnswer] = useState<{ path: string; state: JsonState<T> } | null>(null)

  useEffect(() => {
    if (!path) return
    const controller = new AbortController()
    getJson<T>(path, controller.signal)
      .then((data) => setAnswer({ path, state: { status: 'done', data } }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return
        setAnswer({ path, state: { status: 'error', message: errorMessage(error, failure) } })
      })
    return () => controller.abort()
  }, [path, reloadKey, failure])

  if (!path) return { status: 'idle' }
  return answer?.path === path ? answer.state : { status: 'loading' }
}

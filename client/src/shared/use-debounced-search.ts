import { useEffect, useState } from 'react'
import { getJson, isAbortError, type ApiPath } from './api-client'

const DEBOUNCE_MS = 250

/** State of a search: idle (no text), loading, done with results (and their groups when the answer has them), or failed. */
export type SearchState<T, G = never> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; results: T[]; groups: G[] }
  | { status: 'error'; message: string }

/**
 * Asks `endpoint?q=<text>` 250 ms after the text stops changing (the answer is `{results}`); answers for older
 * text are never shown. An endpoint built by a feature's `<feature>-api.ts` carries the result type.
 */
export function useDebouncedSearch<T, G = never>(
  endpoint: ApiPath<{ results: T[]; groups?: G[] }> | string,
  text: string,
): SearchState<T, G> {
  const [answer, setAnswer] = useState<{ query: string; state: SearchState<T, G> }>({
    query: '',
    state: { status: 'idle' },
  })
  const query = text.trim()

  useEffect(() => {
    if (!query) return
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      getJson<{ results: T[]; groups?: G[] }>(`${endpoint}?q=${encodeURIComponent(query)}`, controller.signal)
        .then(({ results, groups }) => setAnswer({ query, state: { status: 'done', results, groups: groups ?? [] } }))
        .catch((error: unknown) => {
          if (isAbortError(error)) return
          setAnswer({ query, state: { status: 'error', message: error instanceof Error ? error.message : '查询失败' } })
        })
    }, DEBOUNCE_MS)
    return () => {
      window.clearTimeout(timer)
      controller.abort()
    }
  }, [endpoint, query])

  if (!query) return { status: 'idle' }
  return answer.query === query ? answer.state : { status: 'loading' }
}

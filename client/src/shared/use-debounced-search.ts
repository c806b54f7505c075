import { useEffect, useState } from 'react'
import { getJson, isAbortError, type ApiPath } from './api-client'

const DEBOUNCE_MS = 250

/** State of a search: idle (no text), loading, done with results, or failed with a message. */
export type SearchState<T> =
  { status: 'idle' } | { status: 'loading' } | { status: 'done'; results: T[] } | { status: 'error'; message: string }

/**
 * Asks `endpoint?q=<text>` 250 ms after the text stops changing (the answer is `{results}`); answers for older
 * text are never shown. An endpoint built by a feature's `<feature>-api.ts` carries the result type.
 */
export function useDebouncedSearch<T>(endpoint: ApiPath<{ results: T[] }> | string, text: string): SearchState<T> {
  const [answer, setAnswer] = useState<{ query: string; state: SearchState<T> }>({
    query: '',
    state: { status: 'idle' },
  })
  const query = text.trim()

  useEffect(() => {
    if (!query) return
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      getJson<{ results: T[] }>(`${endpoint}?q=${encodeURIComponent(query)}`, controller.signal)
        .then(({ results }) => setAnswer({ query, state: { status: 'done', results } }))
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

import { useEffect, useState } from 'react'
import { getJson, isAbortError } from '../../shared/api-client'
import type { SearchResponse, SearchResult } from '../../shared/api-types'

const DEBOUNCE_MS = 250

/** State of a search: idle (no text), loading, done with results, or failed with a message. */
export type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; results: SearchResult[] }
  | { status: 'error'; message: string }

type Answer = { query: string; state: SearchState }

/** Searches `GET /api/search` 250 ms after the text stops changing; answers for older text are never shown. */
export function useSearch(text: string): SearchState {
  const [answer, setAnswer] = useState<Answer>({ query: '', state: { status: 'idle' } })
  const query = text.trim()

  useEffect(() => {
    if (!query) return
    const controller = new AbortController()
    const timer = window.setTimeout(() => {
      getJson<SearchResponse>(`/api/search?q=${encodeURIComponent(query)}`, controller.signal)
        .then(({ results }) => setAnswer({ query, state: { status: 'done', results } }))
        .catch((error: unknown) => {
          if (isAbortError(error)) return
          const message = error instanceof Error ? error.message : '查询失败'
          setAnswer({ query, state: { status: 'error', message } })
        })
    }, DEBOUNCE_MS)
    return () => {
      window.clearTimeout(timer)
      controller.abort()
    }
  }, [query])

  if (!query) return { status: 'idle' }
  return answer.query === query ? answer.state : { status: 'loading' }
}

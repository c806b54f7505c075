import type { SearchResult } from '../../shared/api-types'
import { useDebouncedSearch, type SearchState as State } from '../../shared/use-debounced-search'

export type SearchState = State<SearchResult>

/** Searches `GET /api/search` (the user's counties) once the text rests. */
export function useSearch(text: string): SearchState {
  return useDebouncedSearch<SearchResult>('/api/search', text)
}

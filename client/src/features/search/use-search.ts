import { isSearchLongEnough, type SearchGroup, type SearchResult } from '@contracts/map'
import { useDebouncedSearch, type SearchState as State } from '../../shared/use-debounced-search'
import { searchPath } from './search-api'

export type SearchState = State<SearchResult, SearchGroup>

/** Searches `GET /api/search` (the user's counties) once the text rests and is long enough. */
export function useSearch(text: string): SearchState {
  return useDebouncedSearch(searchPath, isSearchLongEnough(text.trim()) ? text : '')
}

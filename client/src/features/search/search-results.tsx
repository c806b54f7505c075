import type { SearchResult } from '@contracts/map'
import type { SearchState } from './use-search'

/** Props of {@link SearchResults}. */
export interface SearchResultsProps {
  state: SearchState
  activeIndex: number
  onPick: (result: SearchResult) => void
  onHover: (index: number) => void
}

const EMPTY_MESSAGE = '未找到匹配的区县、乡镇、图斑或地块'

/** The dropdown under the search box: results with their kind, or a message. */
export function SearchResults({ state, activeIndex, onPick, onHover }: SearchResultsProps) {
  if (state.status === 'idle') return null
  if (state.status === 'loading') return <div className="search-dropdown search-message">正在查询…</div>
  if (state.status === 'error') {
    return (
      <div className="search-dropdown search-message search-message--error" role="alert">
        {state.message}
      </div>
    )
  }
  if (state.results.length === 0) return <div className="search-dropdown search-message">{EMPTY_MESSAGE}</div>
  return (
    <ul className="search-dropdown" role="listbox" id="search-results">
      {state.results.map((result, index) => (
        <li
          key={`${result.kind}-${result.code}`}
          id={`search-result-${index}`}
          role="option"
          aria-selected={index === activeIndex}
          className={index === activeIndex ? 'search-result search-result--active' : 'search-result'}
          data-testid="search-result"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onPick(result)}
          onMouseEnter={() => onHover(index)}
        >
          <span className={`kind-badge kind-badge--${result.kind}`}>{result.kindName}</span>
          <span className="search-result__text">
            <span className="search-result__name">{result.name}</span>
            <span className="search-result__context">
              {result.context}
              {result.code && result.code !== result.name ? ` · ${result.code}` : ''}
            </span>
          </span>
        </li>
      ))}
    </ul>
  )
}

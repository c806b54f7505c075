import { SEARCH_MIN_CHARS, isSearchLongEnough, type SearchGroup, type SearchResult } from '@contracts/map'
import { MatchText } from '../../shared/ui/match-text'
import type { SearchState } from './use-search'

/** Props of {@link SearchResults}. */
export interface SearchResultsProps {
  /** The text searched (trimmed). */
  query: string
  state: SearchState
  activeIndex: number
  onPick: (result: SearchResult) => void
  onHover: (index: number) => void
}

/** The dropdown under the search box: results kind by kind with a count each and the matched part marked. */
export function SearchResults({ query, state, activeIndex, onPick, onHover }: SearchResultsProps) {
  if (query && !isSearchLongEnough(query)) {
    return <div className="search-dropdown search-message">请至少输入 {SEARCH_MIN_CHARS} 个字或字符再查询</div>
  }
  if (state.status === 'idle') return null
  if (state.status === 'loading') return <div className="search-dropdown search-message">正在查询…</div>
  if (state.status === 'error') {
    return (
      <div className="search-dropdown search-message search-message--error" role="alert">
        {state.message}
      </div>
    )
  }
  if (state.results.length === 0) {
    return (
      <div className="search-dropdown search-message">
        未找到名称或编号中含“{query}”的区县、乡镇、图斑、地块或监测点位
      </div>
    )
  }
  const { results, groups } = state
  return (
    <ul className="search-dropdown" role="listbox" id="search-results" aria-label="搜索结果">
      {groups.map((group) => (
        <SearchGroupItems
          key={group.kind}
          group={group}
          query={query}
          results={results}
          activeIndex={activeIndex}
          onPick={onPick}
          onHover={onHover}
        />
      ))}
    </ul>
  )
}

interface SearchGroupItemsProps extends Omit<SearchResultsProps, 'state'> {
  group: SearchGroup
  results: SearchResult[]
}

function SearchGroupItems({ group, query, results, activeIndex, onPick, onHover }: SearchGroupItemsProps) {
  const shown = results.filter((r) => r.kind === group.kind).length
  return (
    <>
      <li className="search-group" role="presentation" data-testid="search-group">
        <span className="search-group__name">{group.kindName}</span>
        <span className="search-group__count">
          {shown < group.total ? `共 ${group.total} 个，显示前 ${shown} 个` : `${group.total} 个`}
        </span>
      </li>
      {results.map((result, index) =>
        result.kind !== group.kind ? null : (
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
              <span className="search-result__name">
                <MatchText text={result.name} query={query} />
              </span>
              <span className="search-result__context">
                {result.context}
                {result.code && result.code !== result.name && !result.name.includes(result.code) ? (
                  <>
                    {' · '}
                    <span className="search-result__code">
                      <MatchText text={result.code} query={query} />
                    </span>
                  </>
                ) : null}
              </span>
            </span>
          </li>
        ),
      )}
    </>
  )
}

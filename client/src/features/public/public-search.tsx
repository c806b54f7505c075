import { useState, type KeyboardEvent } from 'react'
import { useDebouncedSearch } from '../../shared/use-debounced-search'
import type { PublicSearchGroup, PublicSearchResult } from '@contracts/public'
import { SEARCH_MIN_CHARS, isSearchLongEnough } from '@contracts/map'
import { MatchText } from '../../shared/ui/match-text'
import { publicSearchPath } from './public-api'

/** Props of {@link PublicSearch}. */
export interface PublicSearchProps {
  onSelect: (result: PublicSearchResult) => void
}

/** Search for 区县、乡镇 and the published 污染地块 and 管控区域 by any part of a name or code, kind by kind. */
export function PublicSearch({ onSelect }: PublicSearchProps) {
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const query = text.trim()
  const isTooShort = query !== '' && !isSearchLongEnough(query)
  const state = useDebouncedSearch(publicSearchPath, isTooShort ? '' : text)
  const results = state.status === 'done' ? state.results : []
  const groups = state.status === 'done' ? state.groups : []

  const pick = (result: PublicSearchResult) => {
    setText(result.name)
    setOpen(false)
    onSelect(result)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') setOpen(false)
    if (event.key === 'Enter' && results.length) {
      event.preventDefault()
      pick(results[Math.min(active, results.length - 1)])
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && results.length) {
      event.preventDefault()
      setOpen(true)
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : -1) + results.length) % results.length)
    }
  }

  return (
    <div className="search-box pub-search" role="search">
      <input
        type="search"
        className="search-input"
        placeholder="搜索地名、区划代码、地块或管控区域名称、编号"
        aria-label="搜索地名或编号"
        data-testid="public-search-input"
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setActive(0)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && isTooShort && (
        <div className="search-dropdown search-message">请至少输入 {SEARCH_MIN_CHARS} 个字或字符再查询</div>
      )}
      {open && state.status !== 'idle' && (
        <ul className="search-dropdown" role="listbox" aria-label="搜索结果">
          {state.status === 'loading' && <li className="search-message">正在查询…</li>}
          {state.status === 'error' && <li className="search-message search-message--error">{state.message}</li>}
          {state.status === 'done' && !results.length && (
            <li className="search-message">没有找到名称或编号中含“{query}”的地名、已公开地块或管控区域</li>
          )}
          {results.map((r, i) => [
            results[i - 1]?.kind !== r.kind ? (
              <li key={`group-${r.kind}`} className="search-group" role="presentation" data-testid="search-group">
                <span className="search-group__name">{r.kindName}</span>
                <span className="search-group__count">{groupCount(groups, results, r.kind)}</span>
              </li>
            ) : null,
            <li
              key={`${r.kind}-${r.code}`}
              role="option"
              aria-selected={i === active}
              className={`search-result${i === active ? ' search-result--active' : ''}`}
              data-testid="public-search-result"
              onMouseDown={(event) => {
                event.preventDefault()
                pick(r)
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className={`pub-kind pub-kind--${r.kind}`}>{r.kindName}</span>
              <span className="search-result__text">
                <span className="search-result__name">
                  <MatchText text={r.name} query={query} />
                </span>
                <span className="search-result__context">
                  <span className="search-result__code">
                    <MatchText text={r.code} query={query} />
                  </span>{' '}
                  · {r.context}
                </span>
              </span>
            </li>,
          ])}
        </ul>
      )}
    </div>
  )
}

/** How many of a kind were found, and how many of them the list shows when not all. */
function groupCount(
  groups: readonly PublicSearchGroup[],
  results: readonly PublicSearchResult[],
  kind: PublicSearchResult['kind'],
): string {
  const shown = results.filter((r) => r.kind === kind).length
  const total = groups.find((g) => g.kind === kind)?.total ?? shown
  return shown < total ? `共 ${total} 个，显示前 ${shown} 个` : `${total} 个`
}

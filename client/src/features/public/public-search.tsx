import { useState, type KeyboardEvent } from 'react'
import { useDebouncedSearch } from '../../shared/use-debounced-search'
import type { PublicSearchResult } from '@contracts/public'
import { publicSearchPath } from './public-api'

/** Props of {@link PublicSearch}. */
export interface PublicSearchProps {
  onSelect: (result: PublicSearchResult) => void
}

/** Search for 区县、乡镇 and the published 污染地块 and 管控区域 by name or code, with a dropdown of results. */
export function PublicSearch({ onSelect }: PublicSearchProps) {
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const state = useDebouncedSearch(publicSearchPath, text)
  const results = state.status === 'done' ? state.results : []

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
      {open && state.status !== 'idle' && (
        <ul className="search-dropdown" role="listbox" aria-label="搜索结果">
          {state.status === 'loading' && <li className="search-message">正在查询…</li>}
          {state.status === 'error' && <li className="search-message search-message--error">{state.message}</li>}
          {state.status === 'done' && !results.length && (
            <li className="search-message">没有找到匹配的地名、地块或管控区域</li>
          )}
          {results.map((r, i) => (
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
                <span className="search-result__name">{r.name}</span>
                <span className="search-result__context">
                  {r.code} · {r.context}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

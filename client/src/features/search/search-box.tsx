import { useEffect, useState, type KeyboardEvent } from 'react'
import type { SearchResult } from '@contracts/map'
import { SearchResults } from './search-results'
import { useSearch } from './use-search'

/** Props of {@link SearchBox}. */
export interface SearchBoxProps {
  onSelect: (result: SearchResult) => void
}

/** Search for 区县、乡镇、耕地图斑、污染地块 and 监测点位 by any part of a name or code, with a dropdown of results. */
export function SearchBox({ onSelect }: SearchBoxProps) {
  const [text, setText] = useState('')
  const [open, setOpen] = useState(false)
  const [activeIndex, setActiveIndex] = useState(0)
  const [enterPending, setEnterPending] = useState(false)
  const state = useSearch(text)
  const results = state.status === 'done' ? state.results : []

  const pick = (result: SearchResult) => {
    setText(result.name)
    setOpen(false)
    setEnterPending(false)
    onSelect(result)
  }

  // after every render: an Enter pressed while the search was loading picks the first result once it answers
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (!enterPending || state.status === 'loading') return
    setEnterPending(false)
    if (state.status === 'done' && state.results.length) pick(state.results[0])
  })

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') setOpen(false)
    if (event.key === 'Enter') {
      event.preventDefault()
      setOpen(true)
      if (results.length) pick(results[Math.min(activeIndex, results.length - 1)])
      else if (state.status === 'loading') setEnterPending(true)
    } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && results.length) {
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      setOpen(true)
      setActiveIndex((i) => (i + step + results.length) % results.length)
    }
  }

  return (
    <div className="search-box" role="search">
      <input
        type="search"
        className="search-input"
        placeholder="搜索名称或编号的任一部分，如 DK0003、0002500、赫山"
        aria-label="搜索"
        aria-controls="search-results"
        aria-activedescendant={open && results.length ? `search-result-${activeIndex}` : undefined}
        data-testid="search-input"
        value={text}
        onChange={(event) => {
          setText(event.target.value)
          setActiveIndex(0)
          setEnterPending(false)
          setOpen(true)
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      {open && (
        <SearchResults
          query={text.trim()}
          state={state}
          activeIndex={activeIndex}
          onPick={pick}
          onHover={setActiveIndex}
        />
      )}
    </div>
  )
}

import { useEffect, useMemo, useState } from 'react'
import { isAbortError } from '../../shared/api-client'
import { fetchPlannedUses } from './precheck-api'
import type { Gb50137Use } from '@contracts/registry'

/** Props of {@link PlannedUsePicker}. */
export interface PlannedUsePickerProps {
  value: Gb50137Use | null
  onChange: (use: Gb50137Use | null) => void
}

const MAX_SHOWN = 60

/** The planned use: a GB 50137-2011 code searched by code or name, with the GB 36600 land class it maps to. */
export function PlannedUsePicker({ value, onChange }: PlannedUsePickerProps) {
  const [uses, setUses] = useState<Gb50137Use[]>([])
  const [error, setError] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [isOpen, setOpen] = useState(false)

  useEffect(() => {
    const controller = new AbortController()
    fetchPlannedUses(controller.signal)
      .then((r) => setUses(r.codes))
      .catch((e: unknown) => {
        if (!isAbortError(e)) setError(e instanceof Error ? e.message : '用地分类列表加载失败')
      })
    return () => controller.abort()
  }, [])

  const shown = useMemo(() => {
    const q = query.trim().toUpperCase()
    const matches = q ? uses.filter((u) => u.code.toUpperCase().startsWith(q) || u.name.includes(query.trim())) : uses
    return matches.slice(0, MAX_SHOWN)
  }, [uses, query])

  const choose = (use: Gb50137Use) => {
    onChange(use)
    setQuery('')
    setOpen(false)
  }

  return (
    <div className="use-picker">
      {value && !isOpen ? (
        <div className="use-picker__chosen" data-testid="precheck-use-chosen">
          <span className="use-picker__code">{value.code}</span>
          <span className="use-picker__name">{value.name}</span>
          <span className={`land-class land-class--${value.landClass}`}>{value.landClassName}</span>
          <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="precheck-use-change">
            更换
          </button>
        </div>
      ) : (
        <>
          <input
            type="search"
            className="text-input use-picker__input"
            placeholder="输入用地代码或名称，如 R2、二类居住、M1"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value)
              setOpen(true)
            }}
            onFocus={() => setOpen(true)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && shown.length > 0) {
                e.preventDefault()
                choose(shown[0])
              }
              if (e.key === 'Escape' && value) setOpen(false)
            }}
            aria-label="规划用途"
            data-testid="precheck-use-input"
          />
          {isOpen && (
            <ul className="use-picker__list" role="listbox" aria-label="GB 50137-2011 城市用地分类">
              {shown.length === 0 && (
                <li className="use-picker__empty">
                  {error ?? (uses.length ? '没有匹配的用地分类' : '正在加载用地分类…')}
                </li>
              )}
              {shown.map((u) => (
                <li key={u.code}>
                  <button
                    type="button"
                    role="option"
                    aria-selected={value?.code === u.code}
                    className="use-picker__option"
                    onClick={() => choose(u)}
                    data-testid={`precheck-use-option-${u.code}`}
                  >
                    <span className="use-picker__code">{u.code}</span>
                    <span className="use-picker__name">{u.name}</span>
                    <span className={`land-class land-class--${u.landClass}`}>{u.landClassName}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  )
}

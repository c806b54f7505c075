import { useEffect, useMemo, useState } from 'react'
import { isAbortError } from '../../shared/api-client'
import { fetchPlannedUses, type PlannedUse, type UseSystem } from './precheck-api'

/** Props of {@link PlannedUsePicker}. */
export interface PlannedUsePickerProps {
  value: PlannedUse | null
  onChange: (use: PlannedUse | null) => void
}

const MAX_SHOWN = 60

const SYSTEMS: { key: UseSystem; label: string; placeholder: string }[] = [
  { key: 'gb50137', label: 'GB 50137 城市用地分类', placeholder: '输入用地代码或名称，如 R2、二类居住、M1' },
  { key: 'tdfl2023', label: '用地用海分类（2023）', placeholder: '输入用地代码或名称，如 0701、中小学、1001' },
]

/**
 * The planned use: a code of GB 50137-2011 or of the 2023 用地用海分类 (the officer chooses the system), searched by
 * code or name, with the GB 36600 land class it maps to; a class that is a local judgement is marked 本地设置.
 */
export function PlannedUsePicker({ value, onChange }: PlannedUsePickerProps) {
  const [system, setSystem] = useState<UseSystem>(value?.system ?? 'gb50137')
  const [uses, setUses] = useState<PlannedUse[]>([])
  const [error, setError] = useState<string | null>(null)
  const [query, setQuery] = useState('')
  const [isOpen, setOpen] = useState(false)

  useEffect(() => {
    const controller = new AbortController()
    setUses([])
    setError(null)
    fetchPlannedUses(system, controller.signal)
      .then(setUses)
      .catch((e: unknown) => {
        if (!isAbortError(e)) setError(e instanceof Error ? e.message : '用地分类列表加载失败')
      })
    return () => controller.abort()
  }, [system])

  const shown = useMemo(() => {
    const q = query.trim().toUpperCase()
    const matches = q ? uses.filter((u) => u.code.toUpperCase().startsWith(q) || u.name.includes(query.trim())) : uses
    return matches.slice(0, MAX_SHOWN)
  }, [uses, query])

  const choose = (use: PlannedUse) => {
    onChange(use)
    setQuery('')
    setOpen(false)
  }

  const current = SYSTEMS.find((x) => x.key === system)!
  return (
    <div className="use-picker">
      <div className="use-picker__systems" role="radiogroup" aria-label="规划用途的分类体系">
        {SYSTEMS.map((x) => (
          <label key={x.key} className="use-picker__system">
            <input
              type="radio"
              name="use-system"
              checked={system === x.key}
              onChange={() => {
                setSystem(x.key)
                setQuery('')
                if (value && value.system !== x.key) onChange(null)
                setOpen(true)
              }}
              data-testid={`precheck-use-system-${x.key}`}
            />
            {x.label}
          </label>
        ))}
      </div>
      {value && !isOpen ? (
        <div className="use-picker__chosen" data-testid="precheck-use-chosen">
          <span className="use-picker__code">{value.code}</span>
          <span className="use-picker__name">{value.name}</span>
          <span className={`land-class land-class--${value.landClass}`}>
            {value.landClassName}
            {value.judgement ? '（本地设置）' : ''}
          </span>
          <button type="button" className="link-button" onClick={() => setOpen(true)} data-testid="precheck-use-change">
            更换
          </button>
        </div>
      ) : (
        <>
          <input
            type="search"
            className="text-input use-picker__input"
            placeholder={current.placeholder}
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
            <ul className="use-picker__list" role="listbox" aria-label={current.label}>
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
                    <span className={`land-class land-class--${u.landClass}`} title={u.basis}>
                      {u.landClassName}
                      {u.judgement ? '*' : ''}
                    </span>
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

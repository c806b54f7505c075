import type { ScopeUnit } from '@contracts/admin'

const LEVEL_NAME: Record<ScopeUnit['level'], string> = { province: '省', city: '市', county: '区县' }

/** Props of {@link ScopePicker}. */
export interface ScopePickerProps {
  scopes: ScopeUnit[]
  value: string[]
  onChange: (codes: string[]) => void
}

/** Multi-select of provinces, cities and counties: a province or city covers every county inside it. */
export function ScopePicker({ scopes, value, onChange }: ScopePickerProps) {
  const chosen = new Set(value)
  const toggle = (code: string) => {
    const next = new Set(chosen)
    if (next.has(code)) next.delete(code)
    else next.add(code)
    onChange(scopes.map((s) => s.code).filter((c) => next.has(c)))
  }
  return (
    <div className="scope-picker" role="group" aria-label="管辖范围" data-testid="scope-picker">
      {scopes.map((scope) => (
        <label key={scope.code} className={`scope-picker__item scope-picker__item--${scope.level}`}>
          <input
            type="checkbox"
            checked={chosen.has(scope.code)}
            onChange={() => toggle(scope.code)}
            data-testid={`scope-${scope.code}`}
          />
          <span className="scope-picker__name">{scope.name}</span>
          <span className="scope-picker__level">
            {LEVEL_NAME[scope.level]} · {scope.code}
          </span>
        </label>
      ))}
    </div>
  )
}

import type { CSSProperties } from 'react'
import { classColor, className } from '../../shared/farmland-class'

/** A class as a small label with the map legend's colour; none (never classified) shows as 无. */
export function ClassChip({ value, label }: { value: string | null | undefined; label?: string }) {
  if (!value) return <span className="class-chip class-chip--none">无</span>
  return (
    <span className="class-chip" style={{ '--class-color': classColor(value) } as CSSProperties} data-class={value}>
      <span className="class-chip__dot" aria-hidden="true" />
      {label ?? className(value)}
    </span>
  )
}

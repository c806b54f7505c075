import type { CSSProperties } from 'react'
import { classColor, className } from '../farmland-class'

/** A farmland class's name after a square in the map legend's colour. */
export function ClassLabel({ value }: { value: string }) {
  return (
    <span className="class-label" data-class={value} data-testid="class-label">
      <span
        className="class-label__swatch"
        style={{ '--class-color': classColor(value) } as CSSProperties}
        aria-hidden="true"
      />
      {className(value)}
    </span>
  )
}

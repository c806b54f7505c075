import type { CSSProperties } from 'react'
import type { LegendItem } from '@contracts/map'

/** A small symbol of a legend entry: filled square, line, circle or hatched square. */
export function LegendSwatch({ item }: { item: LegendItem }) {
  return (
    <span
      className={`legend-swatch legend-swatch--${item.kind}`}
      style={{ '--swatch-color': item.color } as CSSProperties}
      aria-hidden="true"
    />
  )
}

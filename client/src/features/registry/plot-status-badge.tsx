import type { CSSProperties } from 'react'
import { listColor } from './registry-labels'

/** Props of {@link PlotStatusBadge}. */
export interface PlotStatusBadgeProps {
  /** The list the plot is on (its colour on the map). */
  list: string
  statusName: string
  isSmall?: boolean
}

/** A plot's state in the colour of the list it is on. */
export function PlotStatusBadge({ list, statusName, isSmall = false }: PlotStatusBadgeProps) {
  return (
    <span
      className={`plot-status${isSmall ? ' plot-status--small' : ''}`}
      style={{ '--list-color': listColor(list) } as CSSProperties}
      data-testid="plot-status"
      data-list={list}
    >
      {statusName}
    </span>
  )
}

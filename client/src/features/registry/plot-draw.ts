import type { Polygon } from 'geojson'
import { DRAW_MODES, type DrawController, type DrawSession, type StoreId } from '../../map/draw-controller'

/** Events of {@link PlotDraw}. */
export interface PlotDrawListeners {
  /** The outline changed while drawing or editing (null when none is drawn). */
  onChange: (polygon: Polygon | null, isClosed: boolean) => void
}

/**
 * The outline of a new plot in the map's drawing store: the plot polygon mode to draw it, then the plot select mode
 * to drag its vertices; one outline at a time.
 */
export class PlotDraw {
  private readonly draw: DrawSession
  private closedId: StoreId | null = null

  constructor(controller: DrawController, listeners: PlotDrawListeners) {
    this.draw = controller.open('plot', {
      onChange: () => listeners.onChange(this.polygon(), this.closedId !== null),
      onFinish: (id, mode) => {
        if (mode !== DRAW_MODES.plotPolygon) return
        this.closedId = id
        this.draw.select(id, DRAW_MODES.plotSelect)
        listeners.onChange(this.polygon(), true)
      },
    })
    this.draw.setMode(DRAW_MODES.plotPolygon)
  }

  /** The outline drawn so far (the closed one once finished). */
  polygon(): Polygon | null {
    const features = this.draw
      .features()
      .filter((f) => f.geometry.type === 'Polygon' && f.properties.mode === DRAW_MODES.plotPolygon)
    const feature =
      this.closedId !== null ? features.find((f) => f.id === this.closedId) : features[features.length - 1]
    return feature ? (feature.geometry as Polygon) : null
  }

  /** Removes the outline and starts drawing again. */
  restart(): void {
    this.draw.clear()
    this.closedId = null
    this.draw.setMode(DRAW_MODES.plotPolygon)
  }

  /** Removes the outline from the drawing store and stops hearing it. */
  destroy(): void {
    this.draw.close()
  }
}

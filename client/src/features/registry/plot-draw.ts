import type { Map as MaplibreMap } from 'maplibre-gl'
import type { Polygon } from 'geojson'
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'

declare global {
  interface Window {
    /** The terra-draw instance drawing a new plot, for end-to-end tests. */
    __soilPlotDraw?: TerraDraw
  }
}

/** Decimals terra-draw keeps. */
const COORDINATE_PRECISION = 9
/** Pixels within which a closing point or a vertex is hit. */
const POINTER_DISTANCE = 14

/** Events of {@link PlotDraw}. */
export interface PlotDrawListeners {
  /** The outline changed while drawing or editing (null when none is drawn). */
  onChange: (polygon: Polygon | null, isClosed: boolean) => void
}

/**
 * The outline of a new plot on the MapLibre map (terra-draw): polygon mode to draw it, then select mode to drag
 * its vertices; one outline at a time.
 */
export class PlotDraw {
  private readonly draw: TerraDraw
  private closedId: string | number | null = null

  constructor(map: MaplibreMap, listeners: PlotDrawListeners) {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: COORDINATE_PRECISION, prefixId: 'td-plot' }),
      modes: [
        new TerraDrawPolygonMode({
          pointerDistance: POINTER_DISTANCE,
          styles: { fillColor: '#c62828', fillOpacity: 0.22, outlineColor: '#b71c1c', outlineWidth: 2.5, closingPointColor: '#ffffff', closingPointOutlineColor: '#b71c1c' },
        }),
        new TerraDrawSelectMode({
          pointerDistance: POINTER_DISTANCE,
          keyEvents: { deselect: null, delete: null, rotate: null, scale: null },
          flags: {
            polygon: { feature: { draggable: false, coordinates: { draggable: true, midpoints: true, deletable: true } } },
          },
          styles: {
            selectedPolygonColor: '#c62828',
            selectedPolygonFillOpacity: 0.22,
            selectedPolygonOutlineColor: '#b71c1c',
            selectedPolygonOutlineWidth: 2.5,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: '#b71c1c',
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2,
            midPointColor: '#b71c1c',
            midPointOutlineColor: '#ffffff',
            midPointWidth: 3,
          },
        }),
      ],
    })
    this.draw.start()
    this.draw.setMode('polygon')
    this.draw.on('change', () => listeners.onChange(this.polygon(), this.closedId !== null))
    this.draw.on('finish', (id, context) => {
      if (context.mode !== 'polygon') return
      this.closedId = id
      this.draw.setMode('select')
      this.draw.selectFeature(id)
      listeners.onChange(this.polygon(), true)
    })
    window.__soilPlotDraw = this.draw
  }

  /** The outline drawn so far (the closed one once finished). */
  polygon(): Polygon | null {
    const features = this.draw.getSnapshot().filter((f) => f.geometry.type === 'Polygon' && f.properties.mode === 'polygon')
    const feature = this.closedId !== null ? features.find((f) => f.id === this.closedId) : features[features.length - 1]
    return feature ? (feature.geometry as Polygon) : null
  }

  /** Removes the outline and starts drawing again. */
  restart(): void {
    this.draw.setMode('polygon')
    this.draw.clear()
    this.closedId = null
  }

  /** Stops terra-draw and removes its layers. */
  destroy(): void {
    if (window.__soilPlotDraw === this.draw) delete window.__soilPlotDraw
    if (this.draw.enabled) this.draw.stop()
  }
}

import type { Map as MaplibreMap } from 'maplibre-gl'
import type { Polygon } from 'geojson'
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'

declare global {
  interface Window {
    /** The terra-draw instance of the control-zone editor, for end-to-end tests. */
    __soilZoneDraw?: TerraDraw
    /** The terra-draw instance of the pre-check page, for end-to-end tests. */
    __soilPrecheckDraw?: TerraDraw
  }
}

/** What the pointer does on the map while an outline is drawn or edited. */
export type PolygonDrawTool = 'static' | 'polygon' | 'select'

const POLYGON_MODE = 'polygon'
const SELECT_MODE = 'select'
const STATIC_MODE = 'static'
/** Decimals terra-draw keeps (it refuses features with more). */
const COORDINATE_PRECISION = 9
const POINTER_DISTANCE = 14

/** Events of a {@link PolygonDraw}. */
export interface PolygonDrawListeners {
  /** The outline changed (a vertex added, moved or removed). */
  onChange: () => void
  /** A polygon was closed. */
  onFinish: () => void
}

/** How one outline editor looks and where end-to-end tests find it. */
export interface PolygonDrawOptions {
  /** Prefix of terra-draw's layers, so several editors can share one map. */
  prefixId: string
  fillColor: `#${string}`
  lineColor: `#${string}`
  /** Fill opacity of a selected (editable) polygon; a polygon being drawn uses 0.2. */
  selectedFillOpacity: number
  testHandle: '__soilZoneDraw' | '__soilPrecheckDraw'
}

/**
 * A terra-draw store of the parts of one outline (a control zone, a pre-check plot): polygons drawn, or loaded and
 * then edited (vertices dragged, inserted, deleted; parts moved).
 */
export class PolygonDraw {
  readonly draw: TerraDraw

  constructor(map: MaplibreMap, listeners: PolygonDrawListeners, private readonly options: PolygonDrawOptions) {
    const { fillColor, lineColor } = options
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: COORDINATE_PRECISION, prefixId: options.prefixId }),
      modes: [
        new TerraDrawSelectMode({
          pointerDistance: POINTER_DISTANCE,
          keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
          flags: { [POLYGON_MODE]: { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } } },
          styles: {
            selectedPolygonColor: fillColor, selectedPolygonFillOpacity: options.selectedFillOpacity, selectedPolygonOutlineColor: lineColor,
            selectedPolygonOutlineWidth: 2.5, selectionPointColor: '#ffffff', selectionPointOutlineColor: lineColor, selectionPointWidth: 5,
            selectionPointOutlineWidth: 2, midPointColor: lineColor, midPointOutlineColor: '#ffffff', midPointWidth: 3,
          },
        }),
        new TerraDrawPolygonMode({
          pointerDistance: POINTER_DISTANCE,
          styles: { fillColor, fillOpacity: 0.2, outlineColor: lineColor, outlineWidth: 2.5, closingPointColor: '#ffffff', closingPointOutlineColor: lineColor },
        }),
      ],
    })
    this.draw.start()
    this.draw.setMode(STATIC_MODE)
    this.draw.on('change', () => listeners.onChange())
    this.draw.on('finish', (_id, context) => {
      if (context.mode === POLYGON_MODE) listeners.onFinish()
    })
    window[options.testHandle] = this.draw
  }

  /** Switches what the pointer does; `static` leaves the map to pan and click. */
  setTool(tool: PolygonDrawTool): void {
    const mode = tool === 'select' ? SELECT_MODE : tool
    if (this.draw.getMode() !== mode) this.draw.setMode(mode)
  }

  /** The finished polygons of the outline, in drawing order (a ring being drawn is left out). */
  parts(): Polygon[] {
    return this.draw
      .getSnapshot()
      .filter((f) => f.geometry.type === 'Polygon' && f.properties.mode === POLYGON_MODE && !f.properties.currentlyDrawing)
      .map((f) => f.geometry as Polygon)
  }

  /**
   * Replaces the outline by the given polygons.
   * @returns null, or terra-draw's reason when it cannot edit them (holes, invalid coordinates); nothing is kept then.
   */
  protected loadParts(parts: readonly Polygon[]): string | null {
    this.clear()
    const features: GeoJSONStoreFeatures[] = parts.map((p) => ({
      type: 'Feature',
      id: this.draw.getFeatureId(),
      geometry: { type: 'Polygon', coordinates: p.coordinates.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)])) },
      properties: { mode: POLYGON_MODE },
    }))
    const failed = this.draw.addFeatures(features).find((r) => !r.valid)
    if (!failed) return null
    this.clear()
    return failed.reason ?? ''
  }

  /** Removes every part. */
  clear(): void {
    this.draw.setMode(STATIC_MODE)
    this.draw.clear()
  }

  /** Stops terra-draw and removes its layers. */
  destroy(): void {
    if (window[this.options.testHandle] === this.draw) delete window[this.options.testHandle]
    if (this.draw.enabled) this.draw.stop()
  }
}

function round(value: number): number {
  return Number(value.toFixed(COORDINATE_PRECISION))
}

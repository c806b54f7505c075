import type { Map as MaplibreMap } from 'maplibre-gl'
import type { Polygon } from 'geojson'
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'

declare global {
  interface Window {
    /** The terra-draw instance of the control-zone editor, for end-to-end tests. */
    __soilZoneDraw?: TerraDraw
  }
}

/** What the pointer does on the map while a zone is edited. */
export type ZoneDrawTool = 'static' | 'polygon' | 'select'

const POLYGON_MODE = 'polygon'
const SELECT_MODE = 'select'
const STATIC_MODE = 'static'
/** Decimals terra-draw keeps (it refuses features with more). */
const COORDINATE_PRECISION = 9
const POINTER_DISTANCE = 14
const ZONE_COLOR = '#8e24aa'

/** Events of the zone drawing the editor follows. */
export interface ZoneDrawListeners {
  /** The outline changed (a vertex added, moved or removed). */
  onChange: () => void
  /** A polygon was closed. */
  onFinish: () => void
}

/** The terra-draw store of the control-zone editor: the parts of the zone outline, drawn or loaded, editable. */
export class ZoneDraw {
  readonly draw: TerraDraw

  constructor(map: MaplibreMap, listeners: ZoneDrawListeners) {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: COORDINATE_PRECISION, prefixId: 'td-zone' }),
      modes: [
        new TerraDrawSelectMode({
          pointerDistance: POINTER_DISTANCE,
          keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
          flags: {
            [POLYGON_MODE]: { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } },
          },
          styles: {
            selectedPolygonColor: ZONE_COLOR,
            selectedPolygonFillOpacity: 0.22,
            selectedPolygonOutlineColor: '#6a1b9a',
            selectedPolygonOutlineWidth: 2.5,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: '#6a1b9a',
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2,
            midPointColor: '#6a1b9a',
            midPointOutlineColor: '#ffffff',
            midPointWidth: 3,
          },
        }),
        new TerraDrawPolygonMode({
          pointerDistance: POINTER_DISTANCE,
          styles: { fillColor: ZONE_COLOR, fillOpacity: 0.2, outlineColor: '#6a1b9a', outlineWidth: 2.5, closingPointColor: '#ffffff', closingPointOutlineColor: '#6a1b9a' },
        }),
      ],
    })
    this.draw.start()
    this.draw.setMode(STATIC_MODE)
    this.draw.on('change', () => listeners.onChange())
    this.draw.on('finish', (_id, context) => {
      if (context.mode === POLYGON_MODE) listeners.onFinish()
    })
    window.__soilZoneDraw = this.draw
  }

  /** Switches what the pointer does; `static` leaves the map to pan and click. */
  setTool(tool: ZoneDrawTool): void {
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
   * @returns null, or a Chinese message when terra-draw cannot edit them (holes, invalid coordinates).
   */
  load(parts: readonly Polygon[]): string | null {
    this.clear()
    const features: GeoJSONStoreFeatures[] = parts.map((p) => ({
      type: 'Feature',
      id: this.draw.getFeatureId(),
      geometry: { type: 'Polygon', coordinates: p.coordinates.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)])) },
      properties: { mode: POLYGON_MODE },
    }))
    const results = this.draw.addFeatures(features)
    const failed = results.find((r) => !r.valid)
    if (!failed) return null
    this.clear()
    return `该范围含内环或无效坐标，无法在地图上修改节点（${failed.reason ?? ''}）`
  }

  /** Removes every part. */
  clear(): void {
    this.draw.setMode(STATIC_MODE)
    this.draw.clear()
  }

  /** Stops terra-draw and removes its layers. */
  destroy(): void {
    if (window.__soilZoneDraw === this.draw) delete window.__soilZoneDraw
    if (this.draw.enabled) this.draw.stop()
  }
}

function round(value: number): number {
  return Number(value.toFixed(COORDINATE_PRECISION))
}

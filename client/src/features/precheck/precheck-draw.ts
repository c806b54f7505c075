import type { Map as MaplibreMap } from 'maplibre-gl'
import type { MultiPolygon, Polygon } from 'geojson'
import { TerraDraw, TerraDrawPolygonMode, TerraDrawSelectMode, type GeoJSONStoreFeatures } from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'

declare global {
  interface Window {
    /** The terra-draw instance of the pre-check page, for end-to-end tests. */
    __soilPrecheckDraw?: TerraDraw
  }
}

/** What the pointer does on the map while the plot is drawn. */
export type PrecheckTool = 'static' | 'polygon' | 'select'

const POLYGON_MODE = 'polygon'
const SELECT_MODE = 'select'
const STATIC_MODE = 'static'
/** Decimals terra-draw keeps (it refuses features with more). */
const COORDINATE_PRECISION = 9
const POINTER_DISTANCE = 14
const PLOT_FILL = '#1e88e5'
const PLOT_LINE = '#0d47a1'

/** The terra-draw store of the pre-check page: the parts of the plot outline, drawn, picked or uploaded. */
export class PrecheckDraw {
  readonly draw: TerraDraw

  /** `onChange` follows every edit of the outline; `onFinish` is called when a polygon is closed. */
  constructor(map: MaplibreMap, { onChange, onFinish }: { onChange: () => void; onFinish: () => void }) {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: COORDINATE_PRECISION, prefixId: 'td-precheck' }),
      modes: [
        new TerraDrawSelectMode({
          pointerDistance: POINTER_DISTANCE,
          keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
          flags: { [POLYGON_MODE]: { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true } } } },
          styles: {
            selectedPolygonColor: PLOT_FILL, selectedPolygonFillOpacity: 0.2, selectedPolygonOutlineColor: PLOT_LINE, selectedPolygonOutlineWidth: 2.5,
            selectionPointColor: '#ffffff', selectionPointOutlineColor: PLOT_LINE, selectionPointWidth: 5, selectionPointOutlineWidth: 2,
            midPointColor: PLOT_LINE, midPointOutlineColor: '#ffffff', midPointWidth: 3,
          },
        }),
        new TerraDrawPolygonMode({
          pointerDistance: POINTER_DISTANCE,
          styles: { fillColor: PLOT_FILL, fillOpacity: 0.2, outlineColor: PLOT_LINE, outlineWidth: 2.5, closingPointColor: '#ffffff', closingPointOutlineColor: PLOT_LINE },
        }),
      ],
    })
    this.draw.start()
    this.draw.setMode(STATIC_MODE)
    this.draw.on('change', () => onChange())
    this.draw.on('finish', (_id, context) => {
      if (context.mode === POLYGON_MODE) onFinish()
    })
    window.__soilPrecheckDraw = this.draw
  }

  /** Switches what the pointer does; `static` leaves the map to pan. */
  setTool(tool: PrecheckTool): void {
    const mode = tool === 'select' ? SELECT_MODE : tool
    if (this.draw.getMode() !== mode) this.draw.setMode(mode)
  }

  /** The finished polygons of the outline (a ring being drawn is left out). */
  parts(): Polygon[] {
    return this.draw
      .getSnapshot()
      .filter((f) => f.geometry.type === 'Polygon' && f.properties.mode === POLYGON_MODE && !f.properties.currentlyDrawing)
      .map((f) => f.geometry as Polygon)
  }

  /** The outline as the API takes it: one Polygon, a MultiPolygon of several parts, or null when nothing is drawn. */
  outline(): Polygon | MultiPolygon | null {
    const parts = this.parts()
    if (parts.length === 0) return null
    return parts.length === 1 ? parts[0] : { type: 'MultiPolygon', coordinates: parts.map((p) => p.coordinates) }
  }

  /**
   * Replaces the outline by a picked or uploaded one.
   * @returns null, or a Chinese message when terra-draw cannot show it for editing (the outline is kept for the check).
   */
  load(geometry: Polygon | MultiPolygon): string | null {
    this.clear()
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
    const features: GeoJSONStoreFeatures[] = polygons.map((rings) => ({
      type: 'Feature',
      id: this.draw.getFeatureId(),
      geometry: { type: 'Polygon', coordinates: rings.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)])) },
      properties: { mode: POLYGON_MODE },
    }))
    const failed = this.draw.addFeatures(features).find((r) => !r.valid)
    if (!failed) return null
    this.clear()
    return `该地块边界含内环或无效坐标，无法在地图上修改节点（${failed.reason ?? ''}）`
  }

  /** Removes every part. */
  clear(): void {
    this.draw.setMode(STATIC_MODE)
    this.draw.clear()
  }

  /** Stops terra-draw and removes its layers. */
  destroy(): void {
    if (window.__soilPrecheckDraw === this.draw) delete window.__soilPrecheckDraw
    if (this.draw.enabled) this.draw.stop()
  }
}

function round(value: number): number {
  return Number(value.toFixed(COORDINATE_PRECISION))
}

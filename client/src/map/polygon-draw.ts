import type { Polygon } from 'geojson'
import type { GeoJSONStoreFeatures } from 'terra-draw'
import {
  COORDINATE_PRECISION,
  DRAW_MODES,
  type DrawController,
  type DrawModeName,
  type DrawSession,
} from './draw-controller'

/** What the pointer does on the map while an outline is drawn or edited. */
export type PolygonDrawTool = 'static' | 'polygon' | 'select'

/** Events of a {@link PolygonDraw}. */
export interface PolygonDrawListeners {
  /** The outline changed (a vertex added, moved or removed). */
  onChange: () => void
  /** A polygon was closed. */
  onFinish: () => void
}

/** Which outline is drawn: the owner in the drawing store and its two modes. */
export type PolygonDrawKind = 'zone' | 'precheck'

const KIND_MODES: Record<PolygonDrawKind, { polygon: DrawModeName; select: DrawModeName }> = {
  zone: { polygon: DRAW_MODES.zonePolygon, select: DRAW_MODES.zoneSelect },
  precheck: { polygon: DRAW_MODES.precheckPolygon, select: DRAW_MODES.precheckSelect },
}

/**
 * The parts of one outline (a control zone, a pre-check plot) in the map's drawing store: polygons drawn, or
 * loaded and then edited (vertices dragged, inserted, deleted; parts moved).
 */
export class PolygonDraw {
  private readonly draw: DrawSession
  private readonly modes: { polygon: DrawModeName; select: DrawModeName }

  constructor(controller: DrawController, listeners: PolygonDrawListeners, kind: PolygonDrawKind) {
    this.modes = KIND_MODES[kind]
    this.draw = controller.open(kind, {
      onChange: () => listeners.onChange(),
      onFinish: (_id, mode) => {
        if (mode === this.modes.polygon) listeners.onFinish()
      },
    })
  }

  /** Switches what the pointer does; `static` leaves the map to pan and click. */
  setTool(tool: PolygonDrawTool): void {
    this.draw.setMode(tool === 'static' ? DRAW_MODES.static : this.modes[tool])
  }

  /** The finished polygons of the outline, in drawing order (a ring being drawn is left out). */
  parts(): Polygon[] {
    return this.draw
      .features()
      .filter(
        (f) =>
          f.geometry.type === 'Polygon' && f.properties.mode === this.modes.polygon && !f.properties.currentlyDrawing,
      )
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
      id: this.draw.newId(),
      geometry: {
        type: 'Polygon',
        coordinates: p.coordinates.map((ring) => ring.map(([lon, lat]) => [round(lon), round(lat)])),
      },
      properties: { mode: this.modes.polygon },
    }))
    const failed = this.draw.add(features).find((r) => !r.valid)
    if (!failed) return null
    this.clear()
    return failed.reason ?? ''
  }

  /** Removes every part. */
  clear(): void {
    this.draw.clear()
  }

  /** Removes the outline from the drawing store and stops hearing it. */
  destroy(): void {
    this.draw.close()
  }
}

function round(value: number): number {
  return Number(value.toFixed(COORDINATE_PRECISION))
}

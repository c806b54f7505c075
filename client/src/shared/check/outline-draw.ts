import type { DrawController } from '../../map/draw-controller'
import type { MultiPolygon, Polygon } from 'geojson'
import { PolygonDraw, type PolygonDrawListeners, type PolygonDrawTool } from '../../map/polygon-draw'

/** What the pointer does on the map while the checked outline is drawn. */
export type OutlineTool = PolygonDrawTool

/**
 * The terra-draw store of a check's outline (the pre-check's plot, the siting check's site): the parts of the
 * outline, drawn, picked or uploaded. Both pages use the store's `precheck` owner; they never share a map.
 */
export class OutlineDraw extends PolygonDraw {
  /** `onChange` follows every edit of the outline; `onFinish` is called when a polygon is closed. */
  constructor(controller: DrawController, listeners: PolygonDrawListeners) {
    super(controller, listeners, 'precheck')
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
    const parts: Polygon[] =
      geometry.type === 'Polygon'
        ? [geometry]
        : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }))
    const reason = this.loadParts(parts)
    return reason === null ? null : `该边界含内环或无效坐标，无法在地图上修改节点（${reason}）`
  }
}

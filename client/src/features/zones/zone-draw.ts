import type { DrawController } from '../../map/draw-controller'
import type { Polygon } from 'geojson'
import { PolygonDraw, type PolygonDrawListeners } from '../../map/polygon-draw'

/** Events of the zone drawing the editor follows. */
export type ZoneDrawListeners = PolygonDrawListeners

/** The terra-draw store of the control-zone editor: the parts of the zone outline, drawn or loaded, editable. */
export class ZoneDraw extends PolygonDraw {
  constructor(controller: DrawController, listeners: ZoneDrawListeners) {
    super(controller, listeners, 'zone')
  }

  /**
   * Replaces the outline by the given polygons.
   * @returns null, or a Chinese message when terra-draw cannot edit them (holes, invalid coordinates).
   */
  load(parts: readonly Polygon[]): string | null {
    const reason = this.loadParts(parts)
    return reason === null ? null : `该范围含内环或无效坐标，无法在地图上修改节点（${reason}）`
  }
}

import type { LineString, MultiPolygon, Polygon } from 'geojson'
import {
  COORDINATE_PRECISION,
  DRAW_MODES,
  type DrawController,
  type DrawFeature,
  type DrawSession,
  type StoreId,
} from '../../map/draw-controller'
import type { ParcelFeature } from '@contracts/editing'
import { polygonsOf, toMultiPolygon } from './parcel-geometry'

export type { StoreId } from '../../map/draw-controller'

/** Mode of the parcels being edited and of new parcels. */
export const EDIT_MODE = DRAW_MODES.parcelPolygon
/** Mode of the split line. */
export const LINE_MODE = DRAW_MODES.splitLine
/** Mode of the neighbours: drawn, snapped to, never selected. */
const NEIGHBOUR_MODE = DRAW_MODES.parcelNeighbour
/** Mode of the parcel a split line is drawn across. */
const TARGET_MODE = DRAW_MODES.splitTarget
const SELECT_MODE = DRAW_MODES.parcelSelect

function roundTo(value: number): number {
  return Number(value.toFixed(COORDINATE_PRECISION))
}

/** What the pointer does on the map. */
export type DrawTool = 'static' | 'select' | 'polygon' | 'linestring'

const TOOL_MODES = {
  static: DRAW_MODES.static,
  select: SELECT_MODE,
  polygon: EDIT_MODE,
  linestring: LINE_MODE,
} as const

/** Events of the drawing store the editor follows. */
export interface ParcelDrawListeners {
  /** Any change of a feature in the store (drawing, dragging, undo); `id` is the first feature changed. */
  onChange: (id: StoreId | undefined) => void
  /** A polygon or line was finished (`mode` says which). */
  onFinish: (id: StoreId, mode: string) => void
  /** The undo and redo stacks changed. */
  onHistory: (canUndo: boolean, canRedo: boolean) => void
}

/**
 * The terra-draw store of the parcel editor on the MapLibre map: only the parcels being edited (editable), the
 * new ones, the split line and the neighbours (snapping targets, not selectable) go in; the rest of the county
 * stays in the vector tiles.
 */
export class ParcelDraw {
  private readonly draw: DrawSession

  constructor(controller: DrawController, listeners: ParcelDrawListeners) {
    this.draw = controller.open('parcel', {
      onChange: (ids) => listeners.onChange(ids[0]),
      onFinish: (id, mode) => listeners.onFinish(id, mode),
      onHistory: (canUndo, canRedo) => listeners.onHistory(canUndo, canRedo),
    })
  }

  /** Switches what the pointer does; `static` leaves the map to pan and click. */
  setTool(tool: DrawTool): void {
    this.draw.setMode(TOOL_MODES[tool])
  }

  /** The store ids of the split lines. */
  lineIds(): StoreId[] {
    return this.draw
      .features()
      .filter((f) => f.properties.mode === LINE_MODE)
      .map((f) => f.id!)
  }

  /**
   * Puts a parcel into the store as editable, one polygon per part (replacing it as a neighbour).
   * @returns the store ids of its parts, or a Chinese message when terra-draw cannot hold it (e.g. a hole).
   */
  addEditable(parcel: ParcelFeature): { ids: StoreId[] } | { message: string } {
    this.removeParcel(parcel.id)
    const features = polygonsOf(parcel.geometry).map((geometry, part) =>
      this.feature(geometry, EDIT_MODE, { parcelId: parcel.id, part }),
    )
    const results = this.draw.add(features)
    const failed = results.find((r) => !r.valid)
    if (failed) {
      this.draw.remove(results.filter((r) => r.valid && r.id !== undefined).map((r) => r.id!))
      return {
        message: `图斑 ${parcel.properties.code} 含内环或无效坐标，无法在浏览器中编辑顶点（${failed.reason ?? ''}）`,
      }
    }
    return { ids: results.map((r) => r.id!) }
  }

  /** Puts a parcel in as the non-editable target of a split line. */
  addTarget(parcel: ParcelFeature): void {
    this.removeParcel(parcel.id)
    this.draw.add(
      polygonsOf(parcel.geometry).map((geometry, part) =>
        this.feature(geometry, TARGET_MODE, { parcelId: parcel.id, part }),
      ),
    )
  }

  /** Puts in the neighbours not yet in the store (as snapping targets); `except` are left out. */
  addNeighbours(parcels: readonly ParcelFeature[], except: ReadonlySet<number> = new Set()): void {
    const present = new Set(this.draw.features().map((f) => f.properties.parcelId))
    const features = parcels
      .filter((p) => !present.has(p.id) && !except.has(p.id))
      .flatMap((p) =>
        polygonsOf(p.geometry).map((geometry, part) =>
          this.feature(geometry, NEIGHBOUR_MODE, { parcelId: p.id, part }),
        ),
      )
    if (features.length) this.draw.add(features)
  }

  /** Removes the neighbours that are not among `keep`. */
  pruneNeighbours(keep: ReadonlySet<number>): void {
    const stale = this.draw
      .features()
      .filter((f) => f.properties.mode === NEIGHBOUR_MODE && !keep.has(Number(f.properties.parcelId)))
    if (stale.length) this.draw.remove(stale.map((f) => f.id!))
  }

  /** Removes every feature of one parcel (editable, target or neighbour). */
  removeParcel(parcelId: number): void {
    this.draw.remove(
      this.draw
        .features()
        .filter((f) => f.properties.parcelId === parcelId)
        .map((f) => f.id!),
    )
  }

  /** Removes the given features. */
  remove(ids: readonly StoreId[]): void {
    this.draw.remove(ids)
  }

  /** The current multipolygon of the given parts, or null when one of them is gone (undone). */
  multiPolygonOf(ids: readonly StoreId[]): MultiPolygon | null {
    const polygons: Polygon[] = []
    for (const id of ids) {
      const feature = this.draw.feature(id)
      if (!feature || feature.geometry.type !== 'Polygon') return null
      polygons.push(feature.geometry)
    }
    return polygons.length ? toMultiPolygon(polygons) : null
  }

  /** The polygon of a feature of the edit mode, or null. */
  polygonOf(id: StoreId | undefined): Polygon | null {
    if (id === undefined) return null
    const feature = this.draw.feature(id)
    return feature?.geometry.type === 'Polygon' && feature.properties.mode === EDIT_MODE ? feature.geometry : null
  }

  /** The line of a feature of the line mode, or null. */
  lineOf(id: StoreId): LineString | null {
    const feature = this.draw.feature(id)
    return feature?.geometry.type === 'LineString' ? feature.geometry : null
  }

  /** Ids of the new polygons (edit mode, no parcel) in the store. */
  newPolygonIds(): StoreId[] {
    return this.draw
      .features()
      .filter((f) => f.properties.mode === EDIT_MODE && f.properties.parcelId === undefined)
      .map((f) => f.id!)
  }

  /** True when the point hits something the officer edits (a polygon being edited, its vertices or midpoints, the split line). */
  isEditableAt([lng, lat]: [number, number]): boolean {
    return this.draw
      .featuresAt([lng, lat])
      .some(
        (f) => f.properties.mode === EDIT_MODE || f.properties.mode === SELECT_MODE || f.properties.mode === LINE_MODE,
      )
  }

  /** Selects a feature in select mode. */
  select(id: StoreId): void {
    this.draw.select(id, SELECT_MODE)
  }

  /** Undoes the last drawing step (a vertex while drawing, else the last change of the session). */
  undo(): void {
    this.draw.undo()
  }

  /** Redoes the last undone step. */
  redo(): void {
    this.draw.redo()
  }

  /** Empties the store and the undo history. */
  clear(): void {
    this.draw.clear()
    this.draw.clearHistory()
  }

  /** Removes the editor's features from the drawing store and stops hearing it. */
  destroy(): void {
    this.draw.close()
  }

  private feature(geometry: Polygon, mode: string, properties: Record<string, number>): DrawFeature {
    const coordinates = geometry.coordinates.map((ring) => ring.map(([lon, lat]) => [roundTo(lon), roundTo(lat)]))
    return {
      type: 'Feature',
      id: this.draw.newId(),
      geometry: { type: 'Polygon', coordinates },
      properties: { mode, ...properties },
    }
  }
}

import type { Map as MaplibreMap } from 'maplibre-gl'
import type { LineString, MultiPolygon, Polygon } from 'geojson'
import {
  TerraDraw,
  TerraDrawLineStringMode,
  TerraDrawModeUndoRedo,
  TerraDrawPolygonMode,
  TerraDrawRenderMode,
  TerraDrawSelectMode,
  TerraDrawSessionUndoRedo,
  TerraDrawUndoRedoKeyboardShortcuts,
  type GeoJSONStoreFeatures,
} from 'terra-draw'
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter'
import type { ParcelFeature } from '../../shared/api-types'
import { polygonsOf, toMultiPolygon } from './parcel-geometry'

declare global {
  interface Window {
    /** The terra-draw instance of the parcel editor, for end-to-end tests. */
    __soilDraw?: TerraDraw
  }
}

/** A feature id in the drawing store. */
export type StoreId = string | number

/** Mode of the parcels being edited and of new parcels. */
export const EDIT_MODE = 'polygon'
/** Mode of the split line. */
export const LINE_MODE = 'linestring'
/** Mode of the neighbours: drawn, snapped to, never selected. */
const NEIGHBOUR_MODE = 'neighbour'
/** Mode of the parcel a split line is drawn across. */
const TARGET_MODE = 'target'
const SELECT_MODE = 'select'
const STATIC_MODE = 'static'

/** Decimals terra-draw keeps (it refuses features with more). */
const COORDINATE_PRECISION = 9

function roundTo(value: number): number {
  return Number(value.toFixed(COORDINATE_PRECISION))
}

/** What the pointer does on the map. */
export type DrawTool = 'static' | 'select' | 'polygon' | 'linestring'

const SNAPPING = { toCoordinate: true, toLine: true }
/** Pixels within which a vertex or edge snaps and a closing point is hit. */
const POINTER_DISTANCE = 14

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
  /** The terra-draw instance. */
  readonly draw: TerraDraw

  constructor(map: MaplibreMap, listeners: ParcelDrawListeners) {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: COORDINATE_PRECISION }),
      modes: [
        new TerraDrawSelectMode({
          pointerDistance: POINTER_DISTANCE,
          keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
          flags: {
            [EDIT_MODE]: {
              feature: {
                draggable: true,
                selfIntersectable: true,
                coordinates: { draggable: true, midpoints: true, deletable: true, snappable: SNAPPING },
              },
            },
            [LINE_MODE]: { feature: { draggable: true, coordinates: { draggable: true, midpoints: true, deletable: true, snappable: SNAPPING } } },
          },
          styles: {
            selectedPolygonColor: '#00a3ff',
            selectedPolygonFillOpacity: 0.25,
            selectedPolygonOutlineColor: '#0277bd',
            selectedPolygonOutlineWidth: 2.5,
            selectionPointColor: '#ffffff',
            selectionPointOutlineColor: '#0277bd',
            selectionPointWidth: 5,
            selectionPointOutlineWidth: 2,
            midPointColor: '#0277bd',
            midPointOutlineColor: '#ffffff',
            midPointWidth: 3,
          },
        }),
        new TerraDrawPolygonMode({
          snapping: SNAPPING,
          pointerDistance: POINTER_DISTANCE,
          styles: { fillColor: '#ff9800', fillOpacity: 0.3, outlineColor: '#e65100', outlineWidth: 2.5, closingPointColor: '#ffffff', closingPointOutlineColor: '#e65100', snappingPointColor: '#d500f9' },
        }),
        new TerraDrawLineStringMode({
          snapping: SNAPPING,
          pointerDistance: POINTER_DISTANCE,
          styles: { lineStringColor: '#d50000', lineStringWidth: 3, closingPointColor: '#ffffff', closingPointOutlineColor: '#d50000', snappingPointColor: '#d500f9' },
        }),
        new TerraDrawRenderMode({
          modeName: NEIGHBOUR_MODE,
          styles: { polygonFillColor: '#ffffff', polygonFillOpacity: 0.05, polygonOutlineColor: '#2e7d32', polygonOutlineWidth: 1.5, zIndex: 0 },
        }),
        new TerraDrawRenderMode({
          modeName: TARGET_MODE,
          styles: { polygonFillColor: '#00a3ff', polygonFillOpacity: 0.15, polygonOutlineColor: '#0277bd', polygonOutlineWidth: 3, zIndex: 1 },
        }),
      ],
      undoRedo: {
        modeLevel: new TerraDrawModeUndoRedo(),
        sessionLevel: new TerraDrawSessionUndoRedo(),
        keyboardShortcuts: new TerraDrawUndoRedoKeyboardShortcuts(),
      },
    })
    this.draw.start()
    this.draw.setMode(STATIC_MODE)
    this.draw.on('change', (ids) => listeners.onChange(ids[0]))
    this.draw.on('finish', (id, context) => listeners.onFinish(id, context.mode))
    this.draw.on('history', () => listeners.onHistory(this.draw.canUndo(), this.draw.canRedo()))
    window.__soilDraw = this.draw
  }

  /** Switches what the pointer does; `static` leaves the map to pan and click. */
  setTool(tool: DrawTool): void {
    const mode = tool === 'select' ? SELECT_MODE : tool
    if (this.draw.getMode() !== mode) this.draw.setMode(mode)
  }

  /**
   * Puts a parcel into the store as editable, one polygon per part (replacing it as a neighbour).
   * @returns the store ids of its parts, or a Chinese message when terra-draw cannot hold it (e.g. a hole).
   */
  addEditable(parcel: ParcelFeature): { ids: StoreId[] } | { message: string } {
    this.removeParcel(parcel.id)
    const features = polygonsOf(parcel.geometry).map((geometry, part) => this.feature(geometry, EDIT_MODE, { parcelId: parcel.id, part }))
    const results = this.draw.addFeatures(features)
    const failed = results.find((r) => !r.valid)
    if (failed) {
      this.draw.removeFeatures(results.filter((r) => r.valid && r.id !== undefined).map((r) => r.id!))
      return { message: `图斑 ${parcel.properties.code} 含内环或无效坐标，无法在浏览器中编辑顶点（${failed.reason ?? ''}）` }
    }
    return { ids: results.map((r) => r.id!) }
  }

  /** Puts a parcel in as the non-editable target of a split line. */
  addTarget(parcel: ParcelFeature): void {
    this.removeParcel(parcel.id)
    this.draw.addFeatures(polygonsOf(parcel.geometry).map((geometry, part) => this.feature(geometry, TARGET_MODE, { parcelId: parcel.id, part })))
  }

  /** Puts in the neighbours not yet in the store (as snapping targets); `except` are left out. */
  addNeighbours(parcels: readonly ParcelFeature[], except: ReadonlySet<number> = new Set()): void {
    const present = new Set(this.draw.getSnapshot().map((f) => f.properties.parcelId))
    const features = parcels
      .filter((p) => !present.has(p.id) && !except.has(p.id))
      .flatMap((p) => polygonsOf(p.geometry).map((geometry, part) => this.feature(geometry, NEIGHBOUR_MODE, { parcelId: p.id, part })))
    if (features.length) this.draw.addFeatures(features)
  }

  /** Removes the neighbours that are not among `keep`. */
  pruneNeighbours(keep: ReadonlySet<number>): void {
    const stale = this.draw.getSnapshot().filter((f) => f.properties.mode === NEIGHBOUR_MODE && !keep.has(Number(f.properties.parcelId)))
    if (stale.length) this.draw.removeFeatures(stale.map((f) => f.id!))
  }

  /** Removes every feature of one parcel (editable, target or neighbour). */
  removeParcel(parcelId: number): void {
    const ids = this.draw.getSnapshot().filter((f) => f.properties.parcelId === parcelId).map((f) => f.id!)
    if (ids.length) this.draw.removeFeatures(ids)
  }

  /** Removes the given features. */
  remove(ids: readonly StoreId[]): void {
    const present = ids.filter((id) => this.draw.hasFeature(id))
    if (present.length) this.draw.removeFeatures(present)
  }

  /** The current multipolygon of the given parts, or null when one of them is gone (undone). */
  multiPolygonOf(ids: readonly StoreId[]): MultiPolygon | null {
    const polygons: Polygon[] = []
    for (const id of ids) {
      const feature = this.draw.getSnapshotFeature(id)
      if (!feature || feature.geometry.type !== 'Polygon') return null
      polygons.push(feature.geometry)
    }
    return polygons.length ? toMultiPolygon(polygons) : null
  }

  /** The polygon of a feature of the edit mode, or null. */
  polygonOf(id: StoreId | undefined): Polygon | null {
    if (id === undefined) return null
    const feature = this.draw.getSnapshotFeature(id)
    return feature?.geometry.type === 'Polygon' && feature.properties.mode === EDIT_MODE ? feature.geometry : null
  }

  /** The line of a feature of the line mode, or null. */
  lineOf(id: StoreId): LineString | null {
    const feature = this.draw.getSnapshotFeature(id)
    return feature?.geometry.type === 'LineString' ? feature.geometry : null
  }

  /** Ids of the new polygons (edit mode, no parcel) in the store. */
  newPolygonIds(): StoreId[] {
    return this.draw
      .getSnapshot()
      .filter((f) => f.properties.mode === EDIT_MODE && f.properties.parcelId === undefined)
      .map((f) => f.id!)
  }

  /** True when the point hits something the officer edits (a polygon being edited, its vertices or midpoints, the split line). */
  isEditableAt([lng, lat]: [number, number]): boolean {
    return this.draw
      .getFeaturesAtLngLat({ lng, lat }, { pointerDistance: POINTER_DISTANCE, ignoreSelectFeatures: false })
      .some((f) => f.properties.mode === EDIT_MODE || f.properties.mode === SELECT_MODE || f.properties.mode === LINE_MODE)
  }

  /** Selects a feature in select mode. */
  select(id: StoreId): void {
    this.setTool('select')
    this.draw.selectFeature(id)
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
    this.draw.setMode(STATIC_MODE)
    this.draw.clear()
    this.draw.clearUndoRedoHistory()
  }

  /** Stops terra-draw and removes its layers. */
  destroy(): void {
    if (window.__soilDraw === this.draw) delete window.__soilDraw
    if (this.draw.enabled) this.draw.stop()
  }

  private feature(geometry: Polygon, mode: string, properties: Record<string, number>): GeoJSONStoreFeatures {
    const coordinates = geometry.coordinates.map((ring) => ring.map(([lon, lat]) => [roundTo(lon), roundTo(lat)]))
    return { type: 'Feature', id: this.draw.getFeatureId(), geometry: { type: 'Polygon', coordinates }, properties: { mode, ...properties } }
  }
}

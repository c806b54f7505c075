import type { MapMouseEvent, Map as MaplibreMap } from 'maplibre-gl'
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

declare global {
  interface Window {
    /** The terra-draw instance while the parcel editor draws, for end-to-end tests. */
    __soilDraw?: TerraDraw
    /** The terra-draw instance while a new plot is drawn, for end-to-end tests. */
    __soilPlotDraw?: TerraDraw
    /** The terra-draw instance while the control-zone editor draws, for end-to-end tests. */
    __soilZoneDraw?: TerraDraw
    /** The terra-draw instance of the pre-check page, for end-to-end tests. */
    __soilPrecheckDraw?: TerraDraw
  }
}

/** A feature id in the drawing store. */
export type StoreId = string | number

/** A feature of the drawing store (its `properties.mode` names the mode it belongs to). */
export type DrawFeature = GeoJSONStoreFeatures

/**
 * The named modes of the one drawing store, by what the officer does: the parcel editor's outlines, split line,
 * neighbours and split target; the outline of a control zone, of a pre-check plot and of a new contaminated plot,
 * each with its own select mode (its own colours and handles); `static` leaves the map to pan and click.
 */
export const DRAW_MODES = {
  static: 'static',
  parcelPolygon: 'polygon',
  parcelSelect: 'select',
  splitLine: 'linestring',
  parcelNeighbour: 'neighbour',
  splitTarget: 'target',
  zonePolygon: 'zone-polygon',
  zoneSelect: 'zone-select',
  precheckPolygon: 'precheck-polygon',
  precheckSelect: 'precheck-select',
  plotPolygon: 'plot-polygon',
  plotSelect: 'plot-select',
} as const

/** The name of one mode of the drawing store. */
export type DrawModeName = (typeof DRAW_MODES)[keyof typeof DRAW_MODES]

/** Who draws: each owner has its own features (by mode) and its own test handle. */
export type DrawOwner = 'parcel' | 'zone' | 'precheck' | 'plot'

const OWNER_MODES: Record<DrawOwner, readonly DrawModeName[]> = {
  parcel: [
    DRAW_MODES.parcelPolygon,
    DRAW_MODES.parcelSelect,
    DRAW_MODES.splitLine,
    DRAW_MODES.parcelNeighbour,
    DRAW_MODES.splitTarget,
  ],
  zone: [DRAW_MODES.zonePolygon, DRAW_MODES.zoneSelect],
  precheck: [DRAW_MODES.precheckPolygon, DRAW_MODES.precheckSelect],
  plot: [DRAW_MODES.plotPolygon, DRAW_MODES.plotSelect],
}

const TEST_HANDLES: Record<DrawOwner, '__soilDraw' | '__soilZoneDraw' | '__soilPrecheckDraw' | '__soilPlotDraw'> = {
  parcel: '__soilDraw',
  zone: '__soilZoneDraw',
  precheck: '__soilPrecheckDraw',
  plot: '__soilPlotDraw',
}

/** Decimals terra-draw keeps (it refuses features with more). */
export const COORDINATE_PRECISION = 9
/** Pixels within which a vertex or edge snaps and a closing point or vertex is hit. */
export const POINTER_DISTANCE = 14
const SNAPPING = { toCoordinate: true, toLine: true }

/** Events of one owner's features. */
export interface DrawListeners {
  /** Features changed (drawing, dragging, undo); `ids` are those changed. */
  onChange?: (ids: StoreId[]) => void
  /** A polygon or line of one of the owner's modes was finished. */
  onFinish?: (id: StoreId, mode: string) => void
  /** The undo and redo stacks changed. */
  onHistory?: (canUndo: boolean, canRedo: boolean) => void
}

/** Styles of an outline editor (a polygon mode and its select mode). */
interface OutlineStyle {
  fillColor: `#${string}`
  lineColor: `#${string}`
  selectedFillOpacity: number
  drawingFillOpacity: number
  isDraggable: boolean
  deselectKey: 'Escape' | null
}

function outlineModes(polygonMode: DrawModeName, selectMode: DrawModeName, style: OutlineStyle) {
  const { fillColor, lineColor } = style
  return [
    new TerraDrawSelectMode({
      modeName: selectMode,
      pointerDistance: POINTER_DISTANCE,
      keyEvents: { deselect: style.deselectKey, delete: null, rotate: null, scale: null },
      flags: {
        [polygonMode]: {
          feature: { draggable: style.isDraggable, coordinates: { draggable: true, midpoints: true, deletable: true } },
        },
      },
      styles: {
        selectedPolygonColor: fillColor,
        selectedPolygonFillOpacity: style.selectedFillOpacity,
        selectedPolygonOutlineColor: lineColor,
        selectedPolygonOutlineWidth: 2.5,
        selectionPointColor: '#ffffff',
        selectionPointOutlineColor: lineColor,
        selectionPointWidth: 5,
        selectionPointOutlineWidth: 2,
        midPointColor: lineColor,
        midPointOutlineColor: '#ffffff',
        midPointWidth: 3,
      },
    }),
    new TerraDrawPolygonMode({
      modeName: polygonMode,
      pointerDistance: POINTER_DISTANCE,
      styles: {
        fillColor,
        fillOpacity: style.drawingFillOpacity,
        outlineColor: lineColor,
        outlineWidth: 2.5,
        closingPointColor: '#ffffff',
        closingPointOutlineColor: lineColor,
      },
    }),
  ]
}

function parcelModes() {
  return [
    new TerraDrawSelectMode({
      modeName: DRAW_MODES.parcelSelect,
      pointerDistance: POINTER_DISTANCE,
      keyEvents: { deselect: 'Escape', delete: null, rotate: null, scale: null },
      flags: {
        [DRAW_MODES.parcelPolygon]: {
          feature: {
            draggable: true,
            selfIntersectable: true,
            coordinates: { draggable: true, midpoints: true, deletable: true, snappable: SNAPPING },
          },
        },
        [DRAW_MODES.splitLine]: {
          feature: {
            draggable: true,
            coordinates: { draggable: true, midpoints: true, deletable: true, snappable: SNAPPING },
          },
        },
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
      modeName: DRAW_MODES.parcelPolygon,
      snapping: SNAPPING,
      pointerDistance: POINTER_DISTANCE,
      styles: {
        fillColor: '#ff9800',
        fillOpacity: 0.3,
        outlineColor: '#e65100',
        outlineWidth: 2.5,
        closingPointColor: '#ffffff',
        closingPointOutlineColor: '#e65100',
        snappingPointColor: '#d500f9',
      },
    }),
    new TerraDrawLineStringMode({
      modeName: DRAW_MODES.splitLine,
      snapping: SNAPPING,
      pointerDistance: POINTER_DISTANCE,
      styles: {
        lineStringColor: '#d50000',
        lineStringWidth: 3,
        closingPointColor: '#ffffff',
        closingPointOutlineColor: '#d50000',
        snappingPointColor: '#d500f9',
      },
    }),
    new TerraDrawRenderMode({
      modeName: DRAW_MODES.parcelNeighbour,
      styles: {
        polygonFillColor: '#ffffff',
        polygonFillOpacity: 0.05,
        polygonOutlineColor: '#2e7d32',
        polygonOutlineWidth: 1.5,
        zIndex: 0,
      },
    }),
    new TerraDrawRenderMode({
      modeName: DRAW_MODES.splitTarget,
      styles: {
        polygonFillColor: '#00a3ff',
        polygonFillOpacity: 0.15,
        polygonOutlineColor: '#0277bd',
        polygonOutlineWidth: 3,
        zIndex: 1,
      },
    }),
  ]
}

/**
 * The one terra-draw instance of a map, with every named drawing mode of the app ({@link DRAW_MODES}). Each tool
 * opens a {@link DrawSession} of its owner: it sees and changes only the features of its own modes, so the
 * parcel editor's pending work stays while another tab draws a zone.
 */
export class DrawController {
  private readonly draw: TerraDraw
  private readonly sessions = new Set<DrawSession>()
  private readonly stopGuard: () => void

  constructor(map: MaplibreMap) {
    this.draw = new TerraDraw({
      adapter: new TerraDrawMapLibreGLAdapter({ map, coordinatePrecision: COORDINATE_PRECISION }),
      modes: [
        ...parcelModes(),
        ...outlineModes(DRAW_MODES.zonePolygon, DRAW_MODES.zoneSelect, {
          fillColor: '#8e24aa',
          lineColor: '#6a1b9a',
          selectedFillOpacity: 0.22,
          drawingFillOpacity: 0.2,
          isDraggable: true,
          deselectKey: 'Escape',
        }),
        ...outlineModes(DRAW_MODES.precheckPolygon, DRAW_MODES.precheckSelect, {
          fillColor: '#1e88e5',
          lineColor: '#0d47a1',
          selectedFillOpacity: 0.2,
          drawingFillOpacity: 0.2,
          isDraggable: true,
          deselectKey: 'Escape',
        }),
        ...outlineModes(DRAW_MODES.plotPolygon, DRAW_MODES.plotSelect, {
          fillColor: '#c62828',
          lineColor: '#b71c1c',
          selectedFillOpacity: 0.22,
          drawingFillOpacity: 0.22,
          isDraggable: false,
          deselectKey: null,
        }),
      ],
      undoRedo: {
        modeLevel: new TerraDrawModeUndoRedo(),
        sessionLevel: new TerraDrawSessionUndoRedo(),
        keyboardShortcuts: new TerraDrawUndoRedoKeyboardShortcuts(),
      },
    })
    this.draw.start()
    this.draw.setMode(DRAW_MODES.static)
    this.stopGuard = guardDoubleClick(map, this.draw)
  }

  /** Opens the drawing of one owner (a second session of the same owner ends the first). */
  open(owner: DrawOwner, listeners: DrawListeners): DrawSession {
    for (const session of this.sessions) if (session.owner === owner) session.close()
    const session = new DrawSession(this.draw, owner, listeners, () => this.sessions.delete(session))
    this.sessions.add(session)
    return session
  }

  /** Stops terra-draw and removes its layers (the map is going away). */
  destroy(): void {
    for (const session of [...this.sessions]) session.close()
    this.stopGuard()
    if (this.draw.enabled) this.draw.stop()
  }
}

/**
 * Keeps a double-click from zooming the map while a drawing mode is on, and when its second click has just finished
 * a line or polygon (the tool then goes back to `static` before the browser's double-click arrives), so a double-click
 * finishes the drawing as in ArcGIS and the view stays.
 */
function guardDoubleClick(map: MaplibreMap, draw: TerraDraw): () => void {
  let hasJustFinished = false
  const onFinish = () => {
    hasJustFinished = true
  }
  const onPress = () => {
    hasJustFinished = false
  }
  const onDoubleClick = (event: MapMouseEvent) => {
    if (hasJustFinished || draw.getMode() !== DRAW_MODES.static) event.preventDefault()
    hasJustFinished = false
  }
  draw.on('finish', onFinish)
  map.on('mousedown', onPress)
  map.on('touchstart', onPress)
  map.on('dblclick', onDoubleClick)
  return () => {
    draw.off('finish', onFinish)
    map.off('mousedown', onPress)
    map.off('touchstart', onPress)
    map.off('dblclick', onDoubleClick)
  }
}

/** One owner's view of the drawing store: its features, its modes, its events. */
export class DrawSession {
  private readonly modes: ReadonlySet<string>
  private readonly offs: (() => void)[] = []
  private isOpen = true

  constructor(
    private readonly draw: TerraDraw,
    readonly owner: DrawOwner,
    listeners: DrawListeners,
    private readonly onClose: () => void,
  ) {
    this.modes = new Set(OWNER_MODES[owner])
    const onChange = (ids: StoreId[]) => {
      const own = ids.filter((id) => !this.draw.hasFeature(id) || this.isOwn(this.draw.getSnapshotFeature(id)))
      if (own.length || ids.length === 0) listeners.onChange?.(own)
    }
    const onFinish = (id: StoreId, context: { mode: string }) => {
      if (this.modes.has(context.mode)) listeners.onFinish?.(id, context.mode)
    }
    const onHistory = () => listeners.onHistory?.(this.draw.canUndo(), this.draw.canRedo())
    this.draw.on('change', onChange)
    this.draw.on('finish', onFinish)
    this.draw.on('history', onHistory)
    this.offs.push(
      () => this.draw.off('change', onChange),
      () => this.draw.off('finish', onFinish),
      () => this.draw.off('history', onHistory),
    )
    window[TEST_HANDLES[owner]] = this.draw
  }

  /** Switches what the pointer does to one of this owner's modes, or to `static` when one of them is on. */
  setMode(mode: DrawModeName): void {
    const current = this.draw.getMode()
    if (!this.isOpen || current === mode) return
    if (mode === DRAW_MODES.static ? this.modes.has(current) : this.modes.has(mode)) this.draw.setMode(mode)
  }

  /** This owner's features (guidance points of its select mode included). */
  features(): GeoJSONStoreFeatures[] {
    return this.draw.getSnapshot().filter((f) => this.isOwn(f))
  }

  /** One feature of this owner, or undefined. */
  feature(id: StoreId): GeoJSONStoreFeatures | undefined {
    const feature = this.draw.hasFeature(id) ? this.draw.getSnapshotFeature(id) : undefined
    return feature && this.isOwn(feature) ? feature : undefined
  }

  /** True when the store holds `id`. */
  has(id: StoreId): boolean {
    return this.draw.hasFeature(id)
  }

  /** A fresh feature id. */
  newId(): StoreId {
    return this.draw.getFeatureId()
  }

  /** Adds features of this owner's modes; returns terra-draw's validation of each. */
  add(features: GeoJSONStoreFeatures[]): { id?: StoreId; valid: boolean; reason?: string }[] {
    return this.draw.addFeatures(features.filter((f) => this.modes.has(String(f.properties.mode))))
  }

  /** Removes the given features of this owner. */
  remove(ids: readonly StoreId[]): void {
    const own = ids.filter((id) => this.feature(id) !== undefined)
    if (own.length) this.draw.removeFeatures(own)
  }

  /** This owner's features within the pointer distance of a point (guidance points included). */
  featuresAt([lng, lat]: [number, number]): GeoJSONStoreFeatures[] {
    return this.draw
      .getFeaturesAtLngLat({ lng, lat }, { pointerDistance: POINTER_DISTANCE, ignoreSelectFeatures: false })
      .filter((f) => this.isOwn(f))
  }

  /** Selects a feature in one of this owner's select modes. */
  select(id: StoreId, selectMode: DrawModeName): void {
    this.setMode(selectMode)
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

  /** Forgets the undo history. */
  clearHistory(): void {
    this.draw.clearUndoRedoHistory()
  }

  /** Leaves this owner's modes (a ring being drawn is dropped) and removes every feature of this owner. */
  clear(): void {
    if (!this.isOpen) return
    if (this.modes.has(this.draw.getMode())) this.draw.setMode(DRAW_MODES.static)
    const ids = this.draw
      .getSnapshot()
      .filter((f) => this.isOwn(f) && f.id !== undefined)
      .map((f) => f.id!)
    if (ids.length) this.draw.removeFeatures(ids)
  }

  /** Clears this owner's features, stops hearing the store and drops the test handle. */
  close(): void {
    if (!this.isOpen) return
    this.clear()
    this.isOpen = false
    this.offs.forEach((off) => off())
    const handle = TEST_HANDLES[this.owner]
    if (window[handle] === this.draw) delete window[handle]
    this.onClose()
  }

  private isOwn(feature: GeoJSONStoreFeatures | undefined): boolean {
    return !!feature && this.modes.has(String(feature.properties.mode))
  }
}

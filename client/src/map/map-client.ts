import {
  Map as MaplibreMap,
  Marker,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  VectorTileSource,
  type FilterSpecification,
  type GeoJSONFeature,
  type MapMouseEvent,
  type PointLike,
} from 'maplibre-gl'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { FeatureCollection } from 'geojson'
import type { TileVersions } from '@contracts/map'
import { getJson } from '../shared/api-client'
import type { BasemapChoice, Bbox, FeatureRef, LayerGroup, ViewStatus, ViewStatusSource } from '../shared/api-types'
import { DrawController } from './draw-controller'
import { basemapParts } from './basemap-layers'
import { HATCH_IMAGE_ID, HATCH_PIXEL_RATIO, createHatchImage } from './hatch-image'
import { indexStyle, type StyleIndex } from './style-groups'
import { bboxInView, fitCamera, panAboveSheet, takeSnapshot, type FitOptions, type MapSnapshot } from './map-camera'
import {
  OVERLAY_PREFIX,
  applyGroupOpacity,
  applyGroupOrder,
  drawBasemap,
  drawHighlight,
  drawOverlay,
  filterOutFeatures,
  showGroups,
} from './map-layer-style'
import { capturePointerOf, findVertexNear, type PointerHandlers } from './map-pointer'

declare global {
  interface Window {
    /** The map instance, for end-to-end tests. */
    __soilMap?: MaplibreMap
  }
}

/** Fonts that draw Chinese labels locally (the style has no `glyphs`). */
export const CJK_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

setWorkerUrl(workerUrl)

/** Options of {@link MapClient}. */
export interface MapClientOptions {
  container: HTMLElement
  styleUrl: string
  /** A still picture for printing: no pan or zoom, and the canvas kept after drawing so the browser can print it. */
  isStatic?: boolean
  /** The first view (centre in degrees and zoom), e.g. from the page's address; all of China when absent. */
  view?: { center: [number, number]; zoom: number }
}

/** Feature states for the features of one vector source layer, by feature id. */
export interface FeatureStates {
  source: string
  sourceLayer: string
  states: Record<number, Record<string, string | number | boolean>>
}

/** The one wrapper around the imperative MapLibre API: every map call of the app goes through here. */
export class MapClient implements ViewStatusSource {
  private readonly map: MaplibreMap
  private drawing: DrawController | null = null
  private index: StyleIndex | null = null
  private basemapKey = 'none'
  private highlighted: FeatureRef | null = null
  private marker: Marker | null = null
  private tag: Marker | null = null
  /** Point layers of overlays whose clicks select their own items (see {@link MapClient.onOverlayClick}). */
  private readonly clickablePointLayers = new Set<string>()
  private readonly baseFilters = new Map<string, FilterSpecification | undefined>()
  private readonly loaded: Promise<void>

  constructor({ container, styleUrl, isStatic = false, view }: MapClientOptions) {
    this.map = new MaplibreMap({
      container,
      style: styleUrl,
      center: view?.center ?? [112.4, 28.5],
      zoom: view?.zoom ?? 4,
      localIdeographFontFamily: CJK_FONT_FAMILY,
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      interactive: !isStatic,
      fadeDuration: isStatic ? 0 : 300,
      canvasContextAttributes: { preserveDrawingBuffer: isStatic },
    })
    this.map.touchZoomRotate.disableRotation()
    if (!isStatic) this.map.addControl(new NavigationControl({ showCompass: false }), 'bottom-right')
    this.map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 120 }), 'bottom-left')
    this.map.setMissingStyleImageResolver((id) => this.addMissingImage(id))
    this.map.on('styleimagemissing', (event) => this.addMissingImage(event.id))
    this.loaded = new Promise((resolve) => {
      this.map.once('load', () => {
        this.index = indexStyle(this.map.getStyle())
        resolve()
      })
    })
  }

  /** Resolves once the style and its layer groups are loaded. */
  whenLoaded(): Promise<void> {
    return this.loaded
  }

  /** Runs `callback` once the map next finishes rendering everything in view. */
  onceIdle(callback: () => void): void {
    this.map.once('idle', callback)
  }

  /** The one drawing store of this map (created on first use, once the style is loaded). */
  drawController(): DrawController {
    this.drawing ??= new DrawController(this.map)
    return this.drawing
  }

  /** The current zoom level. */
  zoom(): number {
    return this.map.getZoom()
  }

  /** The extent in view, in degrees. */
  viewBbox(): Bbox {
    return bboxInView(this.map)
  }

  /** Puts the camera at once at `center` (degrees) and `zoom`. */
  jumpTo(center: [number, number], zoom: number): void {
    this.map.jumpTo({ center, zoom })
  }

  /** The centre of the view, in degrees. */
  viewCenter(): [number, number] {
    const { lng, lat } = this.map.getCenter()
    return [lng, lat]
  }

  /** Calls `listener` each time the camera stops moving; returns the unsubscriber. */
  onMoveEnd(listener: () => void): () => void {
    this.map.on('moveend', listener)
    return () => this.map.off('moveend', listener)
  }

  /** The loaded features of a vector source layer (tiles in and near the view; a feature cut by tiles comes in pieces), empty without the source. */
  loadedFeatures(source: string, sourceLayer = source): GeoJSONFeature[] {
    if (!this.map.getSource(source)) return []
    return this.map.querySourceFeatures(source, { sourceLayer })
  }

  /** Puts the map on `window.__soilMap` for end-to-end tests. */
  exposeForTests(): void {
    window.__soilMap = this.map
  }

  /** The layer groups of the style, in display order (empty until loaded). */
  layerGroups(): LayerGroup[] {
    return this.index?.groups ?? []
  }

  /**
   * The view as the officer sees it, for printing: drawn once more at `pixelRatio` (sharper than the screen) and
   * copied in that frame, so the canvas needs no preserved drawing buffer; with the extent in degrees, the size in
   * CSS pixels and the layer groups that draw a feature in view. The screen's pixel ratio is restored afterwards.
   * @throws SecurityError when a basemap served without CORS has tainted the canvas.
   */
  snapshot(pixelRatio: number): Promise<MapSnapshot> {
    return takeSnapshot(this.map, this.index?.layersByGroup ?? new Map(), pixelRatio)
  }

  /** Shows or hides every style layer of each group. */
  setGroupVisibility(visibility: Record<string, boolean>): void {
    if (this.index) showGroups(this.map, this.index, visibility)
  }

  /** The groups as the style draws them, top first (empty until loaded). */
  groupDrawOrder(): string[] {
    return this.index?.drawOrder ?? []
  }

  /** Sets the opacity (0–1) of each group's fills, lines, rasters, points and names, relative to the style's own. */
  setGroupOpacity(opacity: Record<string, number>): void {
    if (this.index) applyGroupOpacity(this.map, this.index, opacity)
  }

  /** Draws the groups in `order` (top first). */
  setGroupOrder(order: readonly string[]): void {
    if (this.index) applyGroupOrder(this.map, this.index, order)
  }

  /** Moves the camera to show `bbox` with 40 px padding (or the given padding), no closer than `maxZoom`. */
  fitBbox(bbox: Bbox, options: FitOptions): void {
    fitCamera(this.map, bbox, options)
  }

  /** Pans (keeping the zoom) so that `lngLat` is in view above a sheet `cover` pixels high over the map's foot. */
  panAboveSheet(lngLat: [number, number], cover: number): void {
    panAboveSheet(this.map, lngLat, cover)
  }

  /**
   * Asks the style's versions URL (`metadata["soil:versions"]`) for the current data version of each layer and
   * points the vector sources whose version moved (another user's publish, an edit, a new point) at their new
   * tile URLs, so only those tiles load again while the view stays; resolves with the ids of those sources.
   */
  async refreshTiles(signal?: AbortSignal): Promise<string[]> {
    await this.loaded
    const versionsUrl = (this.map.getStyle().metadata as Record<string, unknown> | undefined)?.['soil:versions']
    if (typeof versionsUrl !== 'string') return []
    const { versions } = await getJson<TileVersions>(versionsUrl, signal)
    return this.setTileVersions(versions)
  }

  /** Points each vector source named in `versions` at the tile URLs of that data version; returns the sources that moved. */
  setTileVersions(versions: Record<string, number>): string[] {
    const moved: string[] = []
    for (const [id, version] of Object.entries(versions)) {
      const source = this.map.getSource(id)
      if (!(source instanceof VectorTileSource) || !source.tiles) continue
      const tiles = source.tiles.map((url) => withVersion(url, version))
      if (tiles.every((url, i) => url === source.tiles[i])) continue
      source.setTiles(tiles)
      moved.push(id)
    }
    return moved
  }

  /** Replaces the basemap; its raster layers go below every data layer. */
  setBasemap(choice: BasemapChoice): void {
    const parts = basemapParts(choice)
    const key = parts.map((p) => JSON.stringify(p.source.tiles)).join('|') || 'none'
    if (!this.index || key === this.basemapKey) return
    this.basemapKey = key
    drawBasemap(this.map, this.index, parts)
  }

  /** The topmost clickable feature at a screen point (of `onlySource` when given: a parcel under a zone stays clickable), or null. */
  featureAt(point: PointLike, onlySource?: string): FeatureRef | null {
    if (!this.index?.clickableLayers.length) return null
    const features = this.map.queryRenderedFeatures(point, { layers: this.index.clickableLayers })
    const top = features.find(
      (f) =>
        (typeof f.id === 'number' || (typeof f.id === 'string' && f.id !== '')) &&
        (!onlySource || f.source === onlySource),
    )
    if (!top) return null
    const id = Number(top.id)
    return Number.isFinite(id) ? { source: top.source, id } : null
  }

  /** Outlines one feature of a vector source above everything else; null clears it. */
  setHighlight(ref: FeatureRef | null): void {
    if (!this.index || sameRef(ref, this.highlighted)) return
    this.highlighted = ref
    drawHighlight(this.map, this.index, ref)
  }

  /**
   * Calls `listener` with the topmost clickable feature of each click on one (and the point, in degrees), only of
   * `onlySource` when given; returns the unsubscriber.
   */
  onFeatureClick(listener: (ref: FeatureRef, lngLat: [number, number]) => void, onlySource?: string): () => void {
    const handler = (event: MapMouseEvent) => {
      if (this.isOverlayPointAt(event.point)) return
      const ref = this.featureAt(event.point, onlySource)
      if (ref) listener(ref, [event.lngLat.lng, event.lngLat.lat])
    }
    this.map.on('click', handler)
    return () => this.map.off('click', handler)
  }

  /**
   * Calls `listener` with the properties of the point of overlay `name` under each click (the topmost one);
   * returns the unsubscriber. While subscribed, a click on such a point is not a click on the features below it.
   */
  onOverlayClick(name: string, listener: (properties: Record<string, unknown>) => void): () => void {
    const layerId = `${OVERLAY_PREFIX}${name}-point`
    const handler = (event: MapMouseEvent) => {
      if (!this.map.getLayer(layerId)) return
      const [top] = this.map.queryRenderedFeatures(event.point, { layers: [layerId] })
      if (top) listener(top.properties ?? {})
    }
    this.clickablePointLayers.add(layerId)
    this.map.on('click', handler)
    return () => {
      this.clickablePointLayers.delete(layerId)
      this.map.off('click', handler)
    }
  }

  private isOverlayPointAt(point: PointLike): boolean {
    const layers = [...this.clickablePointLayers].filter((id) => this.map.getLayer(id))
    return layers.length > 0 && this.map.queryRenderedFeatures(point, { layers }).length > 0
  }

  /** Calls `listener` with the point of each click on the map, in degrees; returns the unsubscriber. */
  onMapClick(listener: (lngLat: [number, number]) => void): () => void {
    const handler = (event: MapMouseEvent) => listener([event.lngLat.lng, event.lngLat.lat])
    this.map.on('click', handler)
    return () => this.map.off('click', handler)
  }

  /**
   * Hands each click (or tap), pointer move and double-click on the map to a tool that owns them (measuring); the
   * cursor is a crosshair and a double-click or double tap does not zoom meanwhile. Returns the unsubscriber.
   */
  capturePointer(handlers: PointerHandlers): () => void {
    return capturePointerOf(this.map, handlers)
  }

  /** The screen point (pixels in the map) of a point in degrees. */
  screenPoint([lng, lat]: [number, number]): [number, number] {
    const { x, y } = this.map.project([lng, lat])
    return [x, y]
  }

  /**
   * The vertex nearest to a screen point, within `pixels`, of the features of `sources` drawn on the map (a
   * feature cut by tiles also has vertices on the tile edges), in degrees; null when none is that close.
   */
  vertexNear(point: [number, number], pixels: number, sources: readonly string[]): [number, number] | null {
    return findVertexNear(this.map, point, pixels, sources)
  }

  /** A short text on the map beside a point (a measured length or area), replacing the last one; null removes it. */
  setTag(lngLat: [number, number] | null, text = ''): void {
    if (!lngLat) {
      this.tag?.remove()
      this.tag = null
      return
    }
    if (!this.tag) {
      const element = document.createElement('div')
      element.className = 'map-tag'
      element.dataset.testid = 'map-tag'
      this.tag = new Marker({ element, anchor: 'bottom', offset: [0, -10] }).setLngLat(lngLat).addTo(this.map)
    }
    this.tag.setLngLat(lngLat)
    this.tag.getElement().textContent = text
  }

  /** Puts the one pin at `lngLat`, moves it there, or removes it (null). */
  setMarker(lngLat: [number, number] | null): void {
    if (!lngLat) {
      this.marker?.remove()
      this.marker = null
      return
    }
    if (!this.marker) this.marker = new Marker({ color: '#c0392b' }).setLngLat(lngLat).addTo(this.map)
    else this.marker.setLngLat(lngLat)
  }

  /**
   * Hides the given features of a vector source in every style layer drawing it (e.g. the parcel being edited,
   * which the drawing tool shows instead); an empty list shows them all again.
   */
  hideFeatures(source: string, ids: readonly number[]): void {
    if (this.index) filterOutFeatures(this.map, this.baseFilters, source, ids)
  }

  /**
   * Draws GeoJSON above every data layer under its own name (one per purpose: problems, preview, history…),
   * styled by each feature's `kind` (see {@link drawOverlay}); null removes it.
   */
  setOverlay(name: string, data: FeatureCollection | null): void {
    drawOverlay(this.map, name, data)
  }

  /** Sets the given feature states (used by data-driven paint such as `['feature-state', 'covered']`). */
  setFeatureStates({ source, sourceLayer, states }: FeatureStates): void {
    if (!this.map.getSource(source)) return
    for (const [id, state] of Object.entries(states))
      this.map.setFeatureState({ source, sourceLayer, id: Number(id) }, state)
  }

  /** Shows a pointer cursor over clickable features; returns the unsubscriber. */
  trackPointerCursor(): () => void {
    const handler = (event: MapMouseEvent) => {
      this.map.getCanvas().style.cursor = this.featureAt(event.point) ? 'pointer' : ''
    }
    this.map.on('mousemove', handler)
    return () => this.map.off('mousemove', handler)
  }

  /** Reports the zoom and the cursor position (null when the cursor leaves the map). */
  onViewStatus(listener: (status: ViewStatus) => void): () => void {
    let lngLat: ViewStatus['lngLat'] = null
    const emit = () => listener({ zoom: this.map.getZoom(), lngLat })
    const onMove = (event: MapMouseEvent) => {
      lngLat = [event.lngLat.lng, event.lngLat.lat]
      emit()
    }
    const onOut = () => {
      lngLat = null
      emit()
    }
    this.map.on('mousemove', onMove)
    this.map.on('mouseout', onOut)
    this.map.on('zoom', emit)
    emit()
    return () => {
      this.map.off('mousemove', onMove)
      this.map.off('mouseout', onOut)
      this.map.off('zoom', emit)
    }
  }

  /** Removes the map and frees its resources. */
  destroy(): void {
    if (window.__soilMap === this.map) delete window.__soilMap
    this.drawing?.destroy()
    this.drawing = null
    this.map.remove()
  }

  private addMissingImage(id: string): void {
    if (id !== HATCH_IMAGE_ID || this.map.hasImage(id)) return
    this.map.addImage(id, createHatchImage(), { pixelRatio: HATCH_PIXEL_RATIO })
  }
}

/** A tile URL template with its `v` (data version) query parameter set to `version`. */
function withVersion(url: string, version: number): string {
  if (/[?&]v=/.test(url)) return url.replace(/([?&]v=)[^&]*/, `$1${version}`)
  return `${url}${url.includes('?') ? '&' : '?'}v=${version}`
}

function sameRef(a: FeatureRef | null, b: FeatureRef | null): boolean {
  return a === b || (!!a && !!b && a.source === b.source && a.id === b.id)
}

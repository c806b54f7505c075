import type { ExpressionSpecification, FilterSpecification, GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl'
import type { FeatureCollection } from 'geojson'
import type { FeatureRef } from '../shared/api-types'
import { BASEMAP_PREFIX, type BasemapPart } from './basemap-layers'
import { groupOpacityPaint, orderLayers, type StyleIndex } from './style-groups'

const HIGHLIGHT_PREFIX = 'soil-highlight-'
const HIGHLIGHT_COLOR = '#00a3ff'
export const OVERLAY_PREFIX = 'soil-overlay-'

/**
 * How an overlay feature is drawn, by its `kind` property: problems in red, previews and selections in blue,
 * the officer's own version dashed orange, another version (history, reference) dashed purple or grey.
 * A feature's own `color` property overrides the colour.
 */
export type OverlayKind =
  'problem-area' | 'problem-point' | 'preview' | 'selected' | 'mine' | 'current' | 'version' | 'reference' | 'deleted'

const OVERLAY_COLORS: Record<OverlayKind, string> = {
  'problem-area': '#e53935',
  'problem-point': '#e53935',
  preview: '#1976d2',
  selected: '#00a3ff',
  mine: '#ef6c00',
  current: '#1565c0',
  version: '#7b1fa2',
  reference: '#546e7a',
  deleted: '#c62828',
}
const OVERLAY_FILL_OPACITY: Partial<Record<OverlayKind, number>> = {
  'problem-area': 0.45,
  preview: 0.3,
  selected: 0.25,
  version: 0.12,
  deleted: 0.15,
}
const DASHED_KINDS: OverlayKind[] = ['mine', 'version', 'reference', 'deleted']

function overlayColor(): ExpressionSpecification {
  return [
    'coalesce',
    ['get', 'color'],
    ['match', ['get', 'kind'], ...Object.entries(OVERLAY_COLORS).flat(), '#e53935'],
  ] as unknown as ExpressionSpecification
}

/** Shows or hides every style layer of each group. */
export function showGroups(map: MaplibreMap, index: StyleIndex, visibility: Record<string, boolean>): void {
  for (const [group, visible] of Object.entries(visibility)) {
    for (const layerId of index.layersByGroup.get(group) ?? []) {
      map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none')
    }
  }
}

/** Sets the opacity (0–1) of each group's fills, lines, rasters, points and names, relative to the style's own. */
export function applyGroupOpacity(map: MaplibreMap, index: StyleIndex, opacity: Record<string, number>): void {
  for (const [layerId, property, value] of groupOpacityPaint(index, opacity))
    map.setPaintProperty(layerId, property as 'fill-opacity', value as number)
}

/** Draws the groups in `order` (top first; see {@link orderLayers}). */
export function applyGroupOrder(map: MaplibreMap, index: StyleIndex, order: readonly string[]): void {
  const current = map.getLayersOrder()
  const target = orderLayers(current, index, order)
  if (target.every((id, i) => id === current[i])) return
  for (const layerId of target) map.moveLayer(layerId)
}

/** Replaces the basemap's sources and layers with `parts`, below the style's first data layer. */
export function drawBasemap(map: MaplibreMap, index: StyleIndex, parts: readonly BasemapPart[]): void {
  for (const layerId of map.getLayersOrder()) {
    if (layerId.startsWith(BASEMAP_PREFIX)) map.removeLayer(layerId)
  }
  for (const sourceId of Object.keys(map.getStyle().sources)) {
    if (sourceId.startsWith(BASEMAP_PREFIX)) map.removeSource(sourceId)
  }
  for (const part of parts) {
    map.addSource(part.id, part.source)
    map.addLayer(part.layer, index.firstDataLayer)
  }
}

/** Removes the highlight, then outlines one feature of a vector source above everything else (none when null). */
export function drawHighlight(map: MaplibreMap, index: StyleIndex, ref: FeatureRef | null): void {
  for (const layerId of map.getLayersOrder()) {
    if (layerId.startsWith(HIGHLIGHT_PREFIX)) map.removeLayer(layerId)
  }
  if (!ref || !map.getSource(ref.source)) return
  const base = { source: ref.source, 'source-layer': index.sourceLayers.get(ref.source) ?? ref.source }
  const isFeature: FilterSpecification = ['==', ['id'], ref.id]
  const polygons: FilterSpecification = [
    'all',
    isFeature,
    ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]],
  ]
  const points: FilterSpecification = [
    'all',
    isFeature,
    ['in', ['geometry-type'], ['literal', ['Point', 'MultiPoint']]],
  ]
  map.addLayer({
    ...base,
    id: `${HIGHLIGHT_PREFIX}fill`,
    type: 'fill',
    filter: polygons,
    paint: { 'fill-color': HIGHLIGHT_COLOR, 'fill-opacity': 0.1 },
  })
  map.addLayer({
    ...base,
    id: `${HIGHLIGHT_PREFIX}line`,
    type: 'line',
    filter: polygons,
    paint: { 'line-color': HIGHLIGHT_COLOR, 'line-width': 2.5 },
  })
  map.addLayer({
    ...base,
    id: `${HIGHLIGHT_PREFIX}circle`,
    type: 'circle',
    filter: points,
    paint: {
      'circle-radius': 10,
      'circle-color': 'rgba(0,0,0,0)',
      'circle-stroke-color': HIGHLIGHT_COLOR,
      'circle-stroke-width': 3,
    },
  })
}

/**
 * Hides the given features of a vector source in every style layer drawing it; an empty list shows them all again.
 * `baseFilters` keeps each layer's own filter, the first time the layer is seen.
 */
export function filterOutFeatures(
  map: MaplibreMap,
  baseFilters: Map<string, FilterSpecification | undefined>,
  source: string,
  ids: readonly number[],
): void {
  for (const layer of map.getStyle().layers) {
    if (!('source' in layer) || layer.source !== source || layer.id.startsWith(HIGHLIGHT_PREFIX)) continue
    if (!baseFilters.has(layer.id)) baseFilters.set(layer.id, layer.filter)
    const base = baseFilters.get(layer.id)
    const hidden: FilterSpecification = ['!', ['in', ['id'], ['literal', [...ids]]]]
    const filter: FilterSpecification | undefined =
      ids.length === 0 ? base : base ? (['all', base, hidden] as FilterSpecification) : hidden
    map.setFilter(layer.id, filter ?? null)
  }
}

/**
 * Draws GeoJSON above every data layer under its own name (one per purpose: problems, preview, history…),
 * styled by each feature's `kind` ({@link OverlayKind}); null removes it.
 */
export function drawOverlay(map: MaplibreMap, name: string, data: FeatureCollection | null): void {
  const sourceId = `${OVERLAY_PREFIX}${name}`
  const source = map.getSource(sourceId) as GeoJSONSource | undefined
  if (!data) {
    for (const layerId of map.getLayersOrder()) if (layerId.startsWith(`${sourceId}-`)) map.removeLayer(layerId)
    if (source) map.removeSource(sourceId)
    return
  }
  if (source) {
    source.setData(data)
    return
  }
  map.addSource(sourceId, { type: 'geojson', data })
  const polygons: FilterSpecification = ['in', ['geometry-type'], ['literal', ['Polygon', 'MultiPolygon']]]
  const lines: FilterSpecification = [
    'in',
    ['geometry-type'],
    ['literal', ['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString']],
  ]
  const isDashed: FilterSpecification = ['in', ['get', 'kind'], ['literal', DASHED_KINDS]]
  const fillOpacity = [
    'match',
    ['get', 'kind'],
    ...Object.entries(OVERLAY_FILL_OPACITY).flat(),
    0,
  ] as unknown as ExpressionSpecification
  map.addLayer({
    id: `${sourceId}-fill`,
    type: 'fill',
    source: sourceId,
    filter: polygons,
    paint: { 'fill-color': overlayColor(), 'fill-opacity': fillOpacity },
  })
  map.addLayer({
    id: `${sourceId}-line`,
    type: 'line',
    source: sourceId,
    filter: ['all', lines, ['!', isDashed]],
    paint: { 'line-color': overlayColor(), 'line-width': 2.5 },
  })
  map.addLayer({
    id: `${sourceId}-dash`,
    type: 'line',
    source: sourceId,
    filter: ['all', lines, isDashed],
    paint: { 'line-color': overlayColor(), 'line-width': 3, 'line-dasharray': [2, 1.5] },
  })
  map.addLayer({
    id: `${sourceId}-point`,
    type: 'circle',
    source: sourceId,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-color': overlayColor(),
      'circle-radius': 7,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  })
}

import type { Map as MaplibreMap, MapMouseEvent, PointLike } from 'maplibre-gl'
import type { Geometry } from 'geojson'

/** Where the pointer is: in CGCS2000 degrees and in screen pixels of the map. */
export interface PointerAt {
  lngLat: [number, number]
  screen: [number, number]
}

/** What a tool that owns the map's pointer hears (see {@link capturePointerOf}). */
export interface PointerHandlers {
  onClick: (at: PointerAt) => void
  onMove?: (at: PointerAt) => void
  onDoubleClick?: (at: PointerAt) => void
}

/**
 * Hands each click (or tap), pointer move and double-click on the map to a tool that owns them (measuring); the
 * cursor is a crosshair and a double-click or double tap does not zoom meanwhile. Returns the unsubscriber.
 */
export function capturePointerOf(map: MaplibreMap, handlers: PointerHandlers): () => void {
  const at = (event: MapMouseEvent): PointerAt => ({
    lngLat: [event.lngLat.lng, event.lngLat.lat],
    screen: [event.point.x, event.point.y],
  })
  const onClick = (event: MapMouseEvent) => handlers.onClick(at(event))
  const onMove = (event: MapMouseEvent) => handlers.onMove?.(at(event))
  const onDoubleClick = (event: MapMouseEvent) => {
    event.preventDefault()
    handlers.onDoubleClick?.(at(event))
  }
  const wasZoomingOnDoubleClick = map.doubleClickZoom.isEnabled()
  map.doubleClickZoom.disable()
  map.getContainer().classList.add('map-capturing')
  map.on('click', onClick)
  map.on('mousemove', onMove)
  map.on('dblclick', onDoubleClick)
  return () => {
    map.off('click', onClick)
    map.off('mousemove', onMove)
    map.off('dblclick', onDoubleClick)
    map.getContainer().classList.remove('map-capturing')
    if (wasZoomingOnDoubleClick) map.doubleClickZoom.enable()
  }
}

/**
 * The vertex nearest to a screen point, within `pixels`, of the features of `sources` drawn on the map (a
 * feature cut by tiles also has vertices on the tile edges), in degrees; null when none is that close.
 */
export function findVertexNear(
  map: MaplibreMap,
  [x, y]: [number, number],
  pixels: number,
  sources: readonly string[],
): [number, number] | null {
  const layers = map.getLayersOrder().filter((id) => {
    const layer = map.getLayer(id)
    return !!layer && 'source' in layer && sources.includes(layer.source)
  })
  if (!layers.length) return null
  const box: [PointLike, PointLike] = [
    [x - pixels, y - pixels],
    [x + pixels, y + pixels],
  ]
  let nearest: [number, number] | null = null
  let nearestPx = pixels
  for (const feature of map.queryRenderedFeatures(box, { layers })) {
    for (const vertex of verticesOf(feature.geometry)) {
      const { x: vx, y: vy } = map.project(vertex)
      const distancePx = Math.hypot(vx - x, vy - y)
      if (distancePx > nearestPx) continue
      nearest = vertex
      nearestPx = distancePx
    }
  }
  return nearest
}

function verticesOf(geometry: Geometry): [number, number][] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates as [number, number]]
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates as [number, number][]
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat() as [number, number][]
    case 'MultiPolygon':
      return geometry.coordinates.flat(2) as [number, number][]
    default:
      return []
  }
}

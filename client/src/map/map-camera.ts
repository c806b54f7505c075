import type { Map as MaplibreMap } from 'maplibre-gl'
import type { Bbox } from '../shared/api-types'

/** How to move the camera to an extent. */
export interface FitOptions {
  maxZoom: number
  animate: boolean
  /** Pixels kept free around the extent: one number for every side, or per side. */
  padding?: number | { top: number; right: number; bottom: number; left: number }
}

/** The view drawn for printing (see {@link takeSnapshot}). */
export interface MapSnapshot {
  /** A copy of the map's canvas at the asked pixel ratio. */
  picture: HTMLCanvasElement
  bbox: Bbox
  /** Width and height of the map in CSS pixels. */
  cssSize: [number, number]
  /** Ids of the layer groups with at least one feature drawn in view. */
  groupsShown: string[]
}

/** The extent in view, in degrees. */
export function bboxInView(map: MaplibreMap): Bbox {
  const bounds = map.getBounds()
  return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
}

/** Moves the camera to show `bbox` with 40 px padding (or the given padding), no closer than `maxZoom`. */
export function fitCamera(map: MaplibreMap, [west, south, east, north]: Bbox, options: FitOptions): void {
  const { maxZoom, animate, padding = 40 } = options
  map.fitBounds(
    [
      [west, south],
      [east, north],
    ],
    { padding, maxZoom, duration: animate ? 900 : 0, essential: true },
  )
}

/**
 * Pans the map, keeping its zoom, so that `lngLat` sits in the middle of the part of the map above a sheet `cover`
 * pixels high at its foot; nothing when it is already well inside that part (no needless move under the finger).
 */
export function panAboveSheet(map: MaplibreMap, lngLat: [number, number], cover: number, margin = 24): void {
  const { clientWidth: width, clientHeight: height } = map.getContainer()
  const visible = height - cover
  const at = map.project(lngLat)
  if (at.x >= margin && at.x <= width - margin && at.y >= margin && at.y <= visible - margin) return
  map.panBy([at.x - width / 2, at.y - visible / 2], { duration: 400, essential: true })
}

/**
 * The view as the officer sees it, for printing: drawn once more at `pixelRatio` (sharper than the screen) and
 * copied in that frame, so the canvas needs no preserved drawing buffer; with the extent in degrees, the size in
 * CSS pixels and the layer groups (of `layersByGroup`) that draw a feature in view. The screen's pixel ratio is
 * restored afterwards.
 * @throws SecurityError when a basemap served without CORS has tainted the canvas.
 */
export async function takeSnapshot(
  map: MaplibreMap,
  layersByGroup: ReadonlyMap<string, string[]>,
  pixelRatio: number,
): Promise<MapSnapshot> {
  const screenRatio = map.getPixelRatio()
  map.setPixelRatio(pixelRatio)
  try {
    await new Promise<void>((resolve) => {
      map.once('idle', () => resolve())
      map.triggerRepaint()
    })
    const picture = await new Promise<HTMLCanvasElement>((resolve, reject) => {
      map.once('render', () => {
        const source = map.getCanvas()
        const copy = document.createElement('canvas')
        copy.width = source.width
        copy.height = source.height
        copy.getContext('2d')?.drawImage(source, 0, 0)
        try {
          copy.getContext('2d')?.getImageData(0, 0, 1, 1)
          resolve(copy)
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)))
        }
      })
      map.triggerRepaint()
    })
    const groupsShown = [...layersByGroup]
      .filter(([, layers]) => {
        const drawn = layers.filter((id) => map.getLayer(id) && map.getLayoutProperty(id, 'visibility') !== 'none')
        return drawn.length > 0 && map.queryRenderedFeatures({ layers: drawn }).length > 0
      })
      .map(([group]) => group)
    const { clientWidth, clientHeight } = map.getContainer()
    return { picture, bbox: bboxInView(map), cssSize: [clientWidth, clientHeight], groupsShown }
  } finally {
    map.setPixelRatio(screenRatio)
  }
}

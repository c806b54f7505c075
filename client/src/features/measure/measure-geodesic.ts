import { Geodesic, PolygonArea } from 'geographiclib-geodesic'
import { m2ToHectares, m2ToMu } from '../../../../server/src/domain/units.ts'
import { formatAreaValue } from '../../shared/format.ts'

/** A point in CGCS2000 degrees, longitude first. */
export type LngLat = [number, number]

/** The ellipsoid of CGCS2000 (2000 国家大地坐标系, EPSG:4490): a = 6378137 m, f = 1/298.257222101. */
const CGCS2000 = new Geodesic.Geodesic(6378137, 1 / 298.257222101)

/** The length in metres of the geodesics through `points` in order, on the CGCS2000 ellipsoid. */
export function geodesicLengthM(points: readonly LngLat[]): number {
  let total = 0
  for (let i = 1; i < points.length; i++) {
    const [lon1, lat1] = points[i - 1]
    const [lon2, lat2] = points[i]
    total += CGCS2000.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12 ?? 0
  }
  return total
}

/**
 * The area in m² of the polygon whose corners are `ring` (closed or not, either direction), with geodesic edges on the
 * CGCS2000 ellipsoid, and its perimeter in metres.
 */
export function geodesicAreaM2(ring: readonly LngLat[]): { areaM2: number; perimeterM: number } {
  const corners = isClosed(ring) ? ring.slice(0, -1) : ring
  if (corners.length < 3) return { areaM2: 0, perimeterM: geodesicLengthM(ring) }
  const polygon = new PolygonArea.PolygonArea(CGCS2000, false)
  for (const [lon, lat] of corners) polygon.AddPoint(lat, lon)
  const { area = 0, perimeter } = polygon.Compute(false, true)
  return { areaM2: Math.abs(area), perimeterM: perimeter }
}

function isClosed(ring: readonly LngLat[]): boolean {
  if (ring.length < 2) return false
  const [first, last] = [ring[0], ring[ring.length - 1]]
  return first[0] === last[0] && first[1] === last[1]
}

/** A distance as an officer reads it: metres below 1 km (`856.3 m`), else kilometres (`12.346 km`). */
export function formatDistance(lengthM: number): string {
  if (lengthM < 1000) return `${lengthM.toFixed(1)} m`
  return `${(lengthM / 1000).toLocaleString('zh-CN', { minimumFractionDigits: 3, maximumFractionDigits: 3 })} km`
}

/** An area in the three units an officer uses: `12,345.67 m² · 18.52 亩 · 1.23 公顷` (1 亩 = 10000/15 m²). */
export function formatAreaUnits(areaM2: number): string {
  return `${formatAreaValue(areaM2)} m² · ${formatAreaValue(m2ToMu(areaM2))} 亩 · ${formatAreaValue(m2ToHectares(areaM2))} 公顷`
}

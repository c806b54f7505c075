import turfArea from '@turf/area'
import type { Geometry, MultiPolygon, Polygon } from 'geojson'
import type { Bbox } from './api-types'

/** The area of a polygon on the ellipsoid, in m² (@turf/area). */
export function areaM2(geometry: Polygon | MultiPolygon): number {
  return turfArea(geometry)
}

/** The extent of a geometry's positions (west, south, east, north). */
export function bboxOf(geometry: Geometry): Bbox {
  const box: Bbox = [Infinity, Infinity, -Infinity, -Infinity]
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return
    if (typeof value[0] === 'number') {
      const [lon, lat] = value as number[]
      box[0] = Math.min(box[0], lon)
      box[1] = Math.min(box[1], lat)
      box[2] = Math.max(box[2], lon)
      box[3] = Math.max(box[3], lat)
      return
    }
    value.forEach(visit)
  }
  const visitGeometry = (g: Geometry): void =>
    g.type === 'GeometryCollection' ? g.geometries.forEach(visitGeometry) : visit(g.coordinates)
  visitGeometry(geometry)
  return box
}

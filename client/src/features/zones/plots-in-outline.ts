import type { Position } from 'geojson'
import type { Polygon, MultiPolygon } from 'geojson'

/** True when the point lies inside the ring (ray casting; on the edge counts either way). */
function isInRing([x, y]: Position, ring: Position[]): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]
    const [xj, yj] = ring[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

/** True when the point lies inside the polygon (in its outer ring and in none of its holes). */
function isInPolygon(point: Position, rings: Position[][]): boolean {
  return isInRing(point, rings[0]) && !rings.slice(1).some((hole) => isInRing(point, hole))
}

/** True when the point lies inside one part of the outline. */
export function isInOutline(point: Position, outline: Polygon | MultiPolygon): boolean {
  const parts = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates
  return parts.some((rings) => isInPolygon(point, rings))
}

/**
 * A hint for the form, not the rule (the server checks that the zone covers each plot when it is saved): whether
 * every known vertex of a plot lies in the outline.
 */
export function isPlotInOutline(vertices: readonly Position[], outline: Polygon | MultiPolygon): boolean {
  return vertices.length > 0 && vertices.every((v) => isInOutline(v, outline))
}

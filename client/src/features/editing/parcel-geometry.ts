import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson'
import type { Bbox } from '../../shared/api-types'
import { areaM2, bboxOf } from '../../shared/geometry'
import { m2ToMu } from '../../../../server/src/domain/units.ts'

export { areaM2, bboxOf }

/** Square metres per 公顷. */
const M2_PER_HA = 10000
/** Metres per degree of latitude (CGCS2000, near enough for a search box). */
const METRES_PER_DEGREE = 111_320
/** Decimals the server keeps in stored coordinates (about 1 mm). */
const COORDINATE_DECIMALS = 8

/** An area in m² as `x 亩 / y 公顷`, two decimals each (亩 three for small areas). */
export function formatMuHa(m2: number): string {
  const mu = m2ToMu(m2)
  const ha = m2 / M2_PER_HA
  return `${mu.toFixed(mu < 10 ? 3 : 2)} 亩 / ${ha.toFixed(ha < 1 ? 4 : 2)} 公顷`
}

/** The parts of a multipolygon as polygons. */
export function polygonsOf(geometry: MultiPolygon): Polygon[] {
  return geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }))
}

/** One multipolygon from polygons (each part in order). */
export function toMultiPolygon(polygons: readonly Polygon[]): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: polygons.map((p) => p.coordinates) }
}

function roundPosition([lon, lat]: Position): string {
  return `${lon.toFixed(COORDINATE_DECIMALS)},${lat.toFixed(COORDINATE_DECIMALS)}`
}

/** True when two multipolygons have the same rings and positions at the server's precision. */
export function isSameGeometry(a: MultiPolygon, b: MultiPolygon): boolean {
  const text = (g: MultiPolygon) =>
    g.coordinates.map((poly) => poly.map((ring) => ring.map(roundPosition).join(';')).join('|')).join('#')
  return text(a) === text(b)
}

/** A box grown by `metres` on every side. */
export function growBbox([west, south, east, north]: Bbox, metres: number): Bbox {
  const dLat = metres / METRES_PER_DEGREE
  const dLon = metres / (METRES_PER_DEGREE * Math.cos((((south + north) / 2) * Math.PI) / 180))
  return [west - dLon, south - dLat, east + dLon, north + dLat]
}

/** A feature collection of overlay features (see `MapClient.setOverlay`), each with its `kind` and extra properties. */
export function overlay(features: { geometry: Geometry; kind: string; color?: string }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features.map(({ geometry, kind, color }): Feature => ({
      type: 'Feature',
      geometry,
      properties: color ? { kind, color } : { kind },
    })),
  }
}

import type { Geometry, MultiPolygon, Polygon } from 'geojson'
import { areaM2, bboxOf } from '../../shared/geometry'
import { m2ToMu } from '../../../../server/src/domain/units.ts'

export { areaM2, bboxOf }

/** An area in m² as `x 亩（y 公顷）`. */
export function formatMuHa(m2: number): string {
  const mu = m2ToMu(m2)
  const ha = m2 / 10000
  return `${mu.toFixed(mu < 10 ? 2 : 1)} 亩（${ha.toFixed(ha < 1 ? 3 : 2)} 公顷）`
}

/** The parts of a polygon or multipolygon as polygons. */
export function partsOf(geometry: Polygon | MultiPolygon): Polygon[] {
  return geometry.type === 'Polygon'
    ? [geometry]
    : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }))
}

/** One polygon stays a polygon; several become a multipolygon. */
export function joinParts(parts: readonly Polygon[]): Polygon | MultiPolygon {
  return parts.length === 1 ? parts[0] : { type: 'MultiPolygon', coordinates: parts.map((p) => p.coordinates) }
}

/** What an uploaded GeoJSON file held: the zone outline (all its polygons) or why it cannot be used. */
export type UploadedOutline =
  | { ok: true; geometry: Polygon | MultiPolygon; crs?: unknown; featureCount: number; isLonLat: boolean }
  | { ok: false; message: string }

/**
 * Reads the outline of a zone from the text of a GeoJSON file (a geometry, a feature or a feature collection):
 * every Polygon and MultiPolygon in it, as one geometry. Shape only; the server checks CRS, range and validity.
 */
export function readOutline(text: string, fileName: string): UploadedOutline {
  let json: any
  try {
    json = JSON.parse(text)
  } catch {
    return { ok: false, message: `文件“${fileName}”不是有效的 GeoJSON（JSON 格式错误）` }
  }
  const geometries: Geometry[] =
    json?.type === 'FeatureCollection' && Array.isArray(json.features)
      ? json.features.map((f: any) => f?.geometry).filter(Boolean)
      : json?.type === 'Feature'
        ? [json.geometry].filter(Boolean)
        : json?.type
          ? [json]
          : []
  const parts: Polygon[] = []
  for (const g of geometries) {
    if (g.type === 'Polygon' && Array.isArray(g.coordinates)) parts.push(g)
    else if (g.type === 'MultiPolygon' && Array.isArray(g.coordinates))
      parts.push(...g.coordinates.map((coordinates): Polygon => ({ type: 'Polygon', coordinates })))
  }
  if (parts.length === 0)
    return { ok: false, message: `文件“${fileName}”中没有面（Polygon 或 MultiPolygon），管控区域须为面要素` }
  const [w, s, e, n] = bboxOf({ type: 'MultiPolygon', coordinates: parts.map((p) => p.coordinates) })
  const isLonLat = w >= -180 && e <= 180 && s >= -90 && n <= 90
  return { ok: true, geometry: joinParts(parts), crs: json?.crs, featureCount: geometries.length, isLonLat }
}

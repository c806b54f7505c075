import type { Geometry as AnyGeometry } from 'geojson'
import { z } from 'zod'

/** GeoJSON geometries (RFC 7946) as the server sends them, in CGCS2000 degrees (EPSG:4490). */
const Position = z.array(z.number())

export const Polygon = z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) })
export const MultiPolygon = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(z.array(Position))),
})

/** An outline: a polygon or a multipolygon. */
export const Outline = z.discriminatedUnion('type', [Polygon, MultiPolygon])

/** Any GeoJSON geometry (a fault's area, say): an object with a `type`. */
export const Geometry = z.custom<AnyGeometry>(
  (v) => typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string',
  'GeoJSON 几何对象应有 type',
)

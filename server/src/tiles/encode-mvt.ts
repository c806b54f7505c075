import vtpbf from 'vt-pbf'

type Coords = number[][]

interface TileFeature {
  id?: number
  type: 1 | 3
  geometry: Coords[] | Coords
  tags: Record<string, string | number | boolean>
}

export interface GeoJsonTileRow {
  id?: number
  geom: string
  [attribute: string]: unknown
}

function polygonRings(geometry: { type: string; coordinates: any }): Coords[] {
  const polygons: Coords[][] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates
        : geometry.type === 'GeometryCollection'
          ? (geometry as any).geometries.flatMap((g: any) =>
              g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [],
            )
          : []
  return polygons.flatMap((rings) => {
    const kept = rings.filter((ring) => ring.length >= 4)
    return kept.length && rings[0].length >= 4 ? kept : []
  })
}

function pointList(geometry: { type: string; coordinates: any }): Coords {
  if (geometry.type === 'Point') return [geometry.coordinates]
  if (geometry.type === 'MultiPoint') return geometry.coordinates
  return []
}

/** Encodes rows whose `geom` is GeoJSON already in tile coordinates (y down) into one MVT layer. */
export function encodeMvtLayer(
  layerName: string,
  kind: 'polygon' | 'point',
  rows: GeoJsonTileRow[],
  extent: number,
): Uint8Array {
  const features: TileFeature[] = []
  for (const row of rows) {
    const geometry = JSON.parse(row.geom)
    const tags: Record<string, string | number | boolean> = {}
    for (const [key, value] of Object.entries(row)) {
      if (key === 'id' || key === 'geom' || value === null || value === undefined) continue
      tags[key] = value as string | number | boolean
    }
    const id = typeof row.id === 'number' ? row.id : undefined
    if (kind === 'polygon') {
      const rings = polygonRings(geometry)
      if (rings.length) features.push({ id, type: 3, geometry: rings, tags })
    } else {
      const points = pointList(geometry)
      if (points.length) features.push({ id, type: 1, geometry: points, tags })
    }
  }
  if (!features.length) return new Uint8Array(0)
  return vtpbf.fromGeojsonVt({ [layerName]: { features } }, { version: 2, extent })
}

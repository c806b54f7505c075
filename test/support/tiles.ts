import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'

/** Tile x/y holding a lon/lat at zoom z (Web Mercator). */
export function tileAt(lon: number, lat: number, z: number): { z: number; x: number; y: number } {
  const n = 2 ** z
  const rad = (lat * Math.PI) / 180
  return {
    z,
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  }
}

export interface DecodedFeature {
  id: number | undefined
  type: number
  properties: Record<string, unknown>
  bbox: [number, number, number, number]
}

export function decodeTile(bytes: Uint8Array): Record<string, DecodedFeature[]> {
  if (bytes.length === 0) return {}
  const tile = new VectorTile(new PbfReader(bytes))
  const out: Record<string, DecodedFeature[]> = {}
  for (const [name, layer] of Object.entries(tile.layers)) {
    out[name] = []
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i)
      const pts = f.loadGeometry().flat()
      out[name].push({
        id: f.id,
        type: f.type,
        properties: { ...f.properties },
        bbox: [
          Math.min(...pts.map((p) => p.x)),
          Math.min(...pts.map((p) => p.y)),
          Math.max(...pts.map((p) => p.x)),
          Math.max(...pts.map((p) => p.y)),
        ],
      })
    }
  }
  return out
}

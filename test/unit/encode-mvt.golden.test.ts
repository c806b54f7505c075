import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'vitest'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { encodeMvtLayer, type GeoJsonTileRow } from '../../server/src/tiles/encode-mvt.ts'
import { expectGolden, goldenCases } from '../support/golden.ts'

interface MvtCase {
  layer: string
  kind: 'polygon' | 'point'
  extent: number
  /** Rows as the tile SQL returns them, with `geom` as a GeoJSON object here (the SQL gives its text). */
  rows: (Omit<GeoJsonTileRow, 'geom'> & { geom: object })[]
}

/** The tile decoded by @mapbox/vector-tile: every layer with its features' ids, types, properties and rings. */
function decodeTile(bytes: Uint8Array) {
  if (bytes.length === 0) return { isEmpty: true, layers: {} }
  const tile = new VectorTile(new PbfReader(bytes))
  const layers = Object.fromEntries(
    Object.entries(tile.layers).map(([name, layer]) => {
      const features = Array.from({ length: layer.length }, (_, i) => {
        const f = layer.feature(i)
        return {
          id: f.id ?? null,
          type: f.type,
          properties: f.properties,
          geometry: f.loadGeometry().map((ring) => ring.map((p) => [p.x, p.y])),
        }
      })
      return [name, { version: layer.version, extent: layer.extent, features }]
    }),
  )
  return { isEmpty: false, layers }
}

/** Each case: `in.json` (layer, kind, extent, rows) → `out.json`, the encoded tile as @mapbox/vector-tile reads it. */
describe('MVT encoder (golden fixtures, REGEN=1 rewrites them)', () => {
  it.each(goldenCases('mvt'))(
    'when the rows of $name are encoded, then the decoded tile matches out.json',
    ({ dir }) => {
      const input = JSON.parse(readFileSync(path.join(dir, 'in.json'), 'utf8')) as MvtCase
      const rows = input.rows.map((row) => ({ ...row, geom: JSON.stringify(row.geom) }))
      expectGolden(dir, decodeTile(encodeMvtLayer(input.layer, input.kind, rows, input.extent)))
    },
  )
})

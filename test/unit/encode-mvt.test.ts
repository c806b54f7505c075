import { describe, expect, it } from 'vitest'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { encodeMvtLayer } from '../../server/src/tiles/encode-mvt.ts'

function decode(bytes: Uint8Array) {
  return new VectorTile(new PbfReader(bytes))
}

describe('encodeMvtLayer', () => {
  it('when given polygons in tile coordinates, then the tile decodes to the same ids, attributes and rings', () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [100, 0],
          [100, 100],
          [0, 100],
          [0, 0],
        ],
      ],
    }
    const bytes = encodeMvtLayer(
      'parcel',
      'polygon',
      [{ id: 42, code: 'A-1', class: 'priority', area_mu: 6.5, geom: JSON.stringify(square) }],
      4096,
    )
    const layer = decode(bytes).layers.parcel
    expect(layer.length).toBe(1)
    const f = layer.feature(0)
    expect(f.id).toBe(42)
    expect(f.type).toBe(3)
    expect(f.properties).toEqual({ code: 'A-1', class: 'priority', area_mu: 6.5 })
    expect(f.loadGeometry()[0].map((p) => [p.x, p.y])).toEqual([
      [0, 0],
      [100, 0],
      [100, 100],
      [0, 100],
      [0, 0],
    ])
  })

  it('when a multipolygon is given, then all its rings are kept', () => {
    const multi = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [0, 0],
            [10, 0],
            [10, 10],
            [0, 0],
          ],
        ],
        [
          [
            [20, 20],
            [30, 20],
            [30, 30],
            [20, 20],
          ],
        ],
      ],
    }
    const f = decode(
      encodeMvtLayer('zone', 'polygon', [{ id: 1, geom: JSON.stringify(multi) }], 4096),
    ).layers.zone.feature(0)
    expect(f.loadGeometry()).toHaveLength(2)
  })

  it('when a polygon collapsed to nothing, then it is left out, and an empty layer gives an empty tile', () => {
    const collapsed = { type: 'Polygon', coordinates: [] }
    expect(encodeMvtLayer('parcel', 'polygon', [{ id: 1, geom: JSON.stringify(collapsed) }], 4096)).toHaveLength(0)
  })

  it('when points are given, then null attributes are omitted', () => {
    const f = decode(
      encodeMvtLayer(
        'pt',
        'point',
        [{ id: 7, name: '点', level: null, geom: '{"type":"Point","coordinates":[5,6]}' }],
        4096,
      ),
    ).layers.pt.feature(0)
    expect(f.type).toBe(1)
    expect(f.properties).toEqual({ name: '点' })
    expect(f.loadGeometry()[0][0]).toMatchObject({ x: 5, y: 6 })
  })
})

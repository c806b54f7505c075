import { describe, expect, it } from 'vitest'
import { accuracyBbox, positionFeatures } from '../../client/src/features/locate/accuracy-circle.ts'
import { countyAt } from '../../client/src/shared/geolocation.ts'

/** Great-circle distance in metres on a sphere of the earth's mean radius (ample for a check of a few metres). */
function metresBetween([lon1, lat1]: number[], [lon2, lat2]: number[]): number {
  const rad = Math.PI / 180
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a))
}

describe('the position shown by 定位', () => {
  for (const [at, accuracyM] of [
    [[112.36, 28.57], 30],
    [[124.33, 43.31], 1500],
  ] as const)
    it(`when the device reports ${at.join(', ')} within ${accuracyM} m, then the circle runs ${accuracyM} m around the dot`, () => {
      const { features } = positionFeatures([...at], accuracyM)
      const circle = features.find((f) => f.geometry.type === 'Polygon')!
      const dot = features.find((f) => f.geometry.type === 'Point')!
      expect(dot.geometry).toEqual({ type: 'Point', coordinates: [...at] })
      const ring = (circle.geometry as { coordinates: number[][][] }).coordinates[0]
      expect(ring[0]).toEqual(ring[ring.length - 1])
      for (const vertex of ring)
        expect(Math.abs(metresBetween([...at], vertex) - accuracyM) / accuracyM).toBeLessThan(0.01)
      const [w, s, e, n] = accuracyBbox([...at], accuracyM)
      expect((w + e) / 2).toBeCloseTo(at[0], 9)
      expect((s + n) / 2).toBeCloseTo(at[1], 9)
    })
})

describe('the county of a position', () => {
  const counties = [
    { adcode: '430903', bbox: [112.0, 28.3, 112.7, 28.9] as [number, number, number, number] },
    { adcode: '220322', bbox: [123.7, 43.0, 124.8, 43.6] as [number, number, number, number] },
  ]

  it('when the position lies in a county’s extent, then that county is given', () => {
    expect(countyAt(counties, [124.33, 43.31])?.adcode).toBe('220322')
    expect(countyAt(counties, [112.7, 28.9])?.adcode).toBe('430903')
  })

  it('when the position lies outside every extent, then none is given', () => {
    expect(countyAt(counties, [116.397, 39.909])).toBeUndefined()
    expect(countyAt([], [112.36, 28.57])).toBeUndefined()
  })
})

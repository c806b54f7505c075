import { describe, expect, it } from 'vitest'
import type { MultiPolygon, Polygon } from 'geojson'
import { isInOutline, isPlotInOutline } from '../../client/src/features/zones/plots-in-outline.ts'

const square = (x0: number, y0: number, size: number): number[][] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
]
const withHole: Polygon = { type: 'Polygon', coordinates: [square(112, 28, 0.01), square(112.004, 28.004, 0.002)] }
const twoParts: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [[square(112, 28, 0.01)], [square(112.02, 28, 0.01)]],
}

describe('plots in a drawn zone outline (a hint of the zone form)', () => {
  it.each([
    ['inside the outer ring', [112.001, 28.001], true],
    ['in the hole', [112.005, 28.005], false],
    ['outside', [112.011, 28.001], false],
  ])('when a point lies %s, then isInOutline says %s', (_, point, expected) => {
    expect(isInOutline(point as number[], withHole)).toBe(expected)
  })

  it('when a point lies in the second part of a multipolygon, then it is inside', () => {
    expect(isInOutline([112.025, 28.005], twoParts)).toBe(true)
    expect(isInOutline([112.015, 28.005], twoParts)).toBe(false)
  })

  it('when every vertex of a plot is inside, then the plot is inside; one vertex out or none known, then not', () => {
    expect(isPlotInOutline(square(112.001, 28.001, 0.002), withHole)).toBe(true)
    expect(isPlotInOutline(square(112.008, 28.001, 0.004), withHole)).toBe(false)
    expect(isPlotInOutline([], withHole)).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import {
  formatAreaUnits,
  formatDistance,
  geodesicAreaM2,
  geodesicLengthM,
  type LngLat,
} from '../../client/src/features/measure/measure-geodesic.ts'

const A = 6378137
const F = 1 / 298.257222101
const E2 = F * (2 - F)
const E = Math.sqrt(E2)
const RAD = Math.PI / 180

/** Area of the ellipsoid between the equator and latitude φ per radian of longitude (the authalic closed form). */
function zoneAreaPerRadian(latDeg: number): number {
  const s = Math.sin(latDeg * RAD)
  const b2 = A * A * (1 - E2)
  return (b2 / 2) * (s / (1 - E2 * s * s) + Math.log((1 + E * s) / (1 - E * s)) / (2 * E))
}

/** A lat/lon quadrangle of about `sideM` × `sideM` with its south-west corner at (lon, lat), and its exact area. */
function quadrangle(lon: number, lat: number, sideM: number): { ring: LngLat[]; areaM2: number } {
  const s = Math.sin(lat * RAD)
  const meridianRadius = (A * (1 - E2)) / (1 - E2 * s * s) ** 1.5
  const normalRadius = A / Math.sqrt(1 - E2 * s * s)
  const dLat = sideM / meridianRadius / RAD
  const dLon = sideM / (normalRadius * Math.cos(lat * RAD)) / RAD
  const ring: LngLat[] = [
    [lon, lat],
    [lon + dLon, lat],
    [lon + dLon, lat + dLat],
    [lon, lat + dLat],
    [lon, lat],
  ]
  return { ring, areaM2: dLon * RAD * (zoneAreaPerRadian(lat + dLat) - zoneAreaPerRadian(lat)) }
}

/** Antarctica as GeographicLib's documentation measures it (its example of a polygon area), as [lon, lat]. */
const ANTARCTICA: LngLat[] = [
  [-58, -63.1],
  [-74, -72.9],
  [-102, -71.9],
  [-102, -74.9],
  [-131, -74.3],
  [-163, -77.5],
  [163, -77.4],
  [172, -71.7],
  [140, -65.9],
  [113, -65.7],
  [88, -66.6],
  [59, -66.9],
  [25, -69.8],
  [-4, -70.0],
  [-14, -71.0],
  [-33, -77.3],
  [-46, -77.9],
  [-61, -74.7],
]

describe('geodesicLengthM', () => {
  it('when measuring Wellington to Salamanca, then it is GeographicLib’s published 19,959,679.267 m', () => {
    expect(
      geodesicLengthM([
        [174.81, -41.32],
        [-5.5, 40.96],
      ]),
    ).toBeCloseTo(19959679.267, 2)
  })

  it('when a line has several legs, then their lengths add up', () => {
    const a: LngLat = [112.35, 28.55]
    const b: LngLat = [112.36, 28.55]
    const c: LngLat = [112.36, 28.56]
    expect(geodesicLengthM([a, b, c])).toBeCloseTo(geodesicLengthM([a, b]) + geodesicLengthM([b, c]), 6)
  })

  it('when a line has one point or none, then it has no length', () => {
    expect(geodesicLengthM([[112.35, 28.55]])).toBe(0)
    expect(geodesicLengthM([])).toBe(0)
  })
})

describe('geodesicAreaM2', () => {
  it('when measuring Antarctica, then area and perimeter are GeographicLib’s published 13,662,703,680,020.1 m² and 16,831,067.893 m', () => {
    const { areaM2, perimeterM } = geodesicAreaM2(ANTARCTICA)
    expect(areaM2 / 13662703680020.1).toBeCloseTo(1, 7)
    expect(perimeterM).toBeCloseTo(16831067.893, 0)
  })

  it('when measuring a 1 km × 1 km square near 28°N, then the area matches the ellipsoid’s closed form within 0.1 %', () => {
    const { ring, areaM2 } = quadrangle(112.35, 28.55, 1000)
    const measured = geodesicAreaM2(ring).areaM2
    expect(Math.abs(measured - areaM2) / areaM2).toBeLessThan(0.001)
    expect(measured).toBeGreaterThan(999_000)
    expect(measured).toBeLessThan(1_001_000)
  })

  it('when the ring is open or drawn clockwise, then the area is the same', () => {
    const { ring } = quadrangle(124.3, 43.4, 500)
    const closed = geodesicAreaM2(ring).areaM2
    expect(geodesicAreaM2(ring.slice(0, -1)).areaM2).toBeCloseTo(closed, 6)
    expect(geodesicAreaM2([...ring].reverse()).areaM2).toBeCloseTo(closed, 6)
  })

  it('when fewer than three corners are given, then there is no area', () => {
    expect(
      geodesicAreaM2([
        [112.35, 28.55],
        [112.36, 28.55],
      ]).areaM2,
    ).toBe(0)
  })
})

describe('readouts', () => {
  it('when a distance is under 1 km, then it is in metres; from 1 km, in kilometres', () => {
    expect(formatDistance(856.34)).toBe('856.3 m')
    expect(formatDistance(12345.6)).toBe('12.346 km')
  })

  it('when an area is 10000/15 m², then it reads 1 亩, and 10000 m² reads 1 公顷', () => {
    expect(formatAreaUnits(10000 / 15)).toBe('666.67 m² · 1.00 亩 · 0.07 公顷')
    expect(formatAreaUnits(10000)).toBe('10,000.00 m² · 15.00 亩 · 1.00 公顷')
  })
})

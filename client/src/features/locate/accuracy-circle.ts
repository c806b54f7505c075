import type { Feature, FeatureCollection, Polygon } from 'geojson'

/** Metres per degree of latitude on the CGCS2000 ellipsoid's mean meridian (close enough for a circle of a few km). */
const M_PER_DEG_LAT = 111_320
const STEPS = 64

/** The ring of points `radiusM` metres around `[lon, lat]` (a local flat approximation, closed). */
function ringAround([lon, lat]: [number, number], radiusM: number): [number, number][] {
  const mPerDegLon = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)
  const ring: [number, number][] = []
  for (let i = 0; i <= STEPS; i++) {
    const angle = (2 * Math.PI * (i % STEPS)) / STEPS
    ring.push([lon + (radiusM * Math.cos(angle)) / mPerDegLon, lat + (radiusM * Math.sin(angle)) / M_PER_DEG_LAT])
  }
  return ring
}

/** The position as a dot and its accuracy as a circle, as overlay features (`kind` picks their map colour). */
export function positionFeatures(at: [number, number], accuracyM: number): FeatureCollection {
  const circle: Feature<Polygon> = {
    type: 'Feature',
    properties: { kind: 'preview' },
    geometry: { type: 'Polygon', coordinates: [ringAround(at, accuracyM)] },
  }
  return {
    type: 'FeatureCollection',
    features: [
      circle,
      { type: 'Feature', properties: { kind: 'current' }, geometry: { type: 'Point', coordinates: at } },
    ],
  }
}

/** The extent of the accuracy circle around `at`. */
export function accuracyBbox(at: [number, number], accuracyM: number): [number, number, number, number] {
  const ring = ringAround(at, accuracyM)
  const lons = ring.map((p) => p[0])
  const lats = ring.map((p) => p[1])
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]
}

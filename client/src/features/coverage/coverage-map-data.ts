import type { FeatureCollection } from 'geojson'
import type { CoveragePoints, GapProposal, UncoveredFeatures } from '@contracts/coverage'

/** Colours of the coverage map's overlays (points by level, planned points, proposals, uncovered farmland). */
export const COVERAGE_MAP_COLORS = {
  national: '#b71c1c',
  provincial: '#e65100',
  city: '#1565c0',
  county: '#2e7d32',
  planned: '#8e24aa',
  proposal: '#00acc1',
  uncovered: '#d84315',
} as const

/** Uncovered parcels as a map overlay: filled in the uncovered colour. */
export function uncoveredOverlay(data: UncoveredFeatures | null): FeatureCollection | null {
  if (!data) return null
  return {
    type: 'FeatureCollection',
    features: data.features.map((f) => ({
      type: 'Feature',
      id: f.id,
      geometry: f.geometry as never,
      properties: { ...f.properties, kind: 'problem-area', color: COVERAGE_MAP_COLORS.uncovered },
    })),
  }
}

/** Active points coloured by level; planned points in the planned colour. */
export function pointsOverlay(data: CoveragePoints | null): FeatureCollection | null {
  if (!data) return null
  return {
    type: 'FeatureCollection',
    features: data.features.map((f) => {
      const p = f.properties as { status: string; level: keyof typeof COVERAGE_MAP_COLORS }
      return {
        type: 'Feature',
        id: f.id,
        geometry: f.geometry as never,
        properties: {
          ...f.properties,
          kind: 'selected',
          color: p.status === 'planned' ? COVERAGE_MAP_COLORS.planned : COVERAGE_MAP_COLORS[p.level],
        },
      }
    }),
  }
}

/** Proposals of the gap analysis as points, with their rank. */
export function proposalsOverlay(proposals: GapProposal[] | null): FeatureCollection | null {
  if (!proposals) return null
  return {
    type: 'FeatureCollection',
    features: proposals.map((p) => ({
      type: 'Feature',
      id: p.rank,
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { kind: 'preview', color: COVERAGE_MAP_COLORS.proposal, rank: p.rank },
    })),
  }
}

import type { SearchKind, SearchResult } from '@contracts/map'
import type { FeatureRef, MapFocus } from '../../shared/api-types'

const MAX_ZOOM: Record<SearchKind, number> = { county: 10, township: 12, parcel: 15, plot: 15, point: 15 }
const FEATURE_SOURCE: Partial<Record<SearchKind, string>> = {
  parcel: 'parcel',
  plot: 'contaminated-plot',
  point: 'monitoring-point',
}

/** Where the map goes for a search result, and the feature to open when the result maps to one. */
export function searchTarget(result: SearchResult): { focus: MapFocus; feature: FeatureRef | null } {
  const source = FEATURE_SOURCE[result.kind]
  const feature = source && typeof result.id === 'number' ? { source, id: result.id } : null
  return { focus: { bbox: result.bbox, maxZoom: MAX_ZOOM[result.kind] ?? 12 }, feature }
}

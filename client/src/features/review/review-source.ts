import type { FeatureRef, ReviewKind } from '../../shared/api-types'

const SOURCE_OF_KIND: Record<ReviewKind, string> = { plot: 'contaminated-plot', 'control-zone': 'control-zone' }

/** The map feature (tile source and id) of a reviewed record; `GET /api/features/{source}/{id}` describes it. */
export function featureOfRecord(kind: ReviewKind, id: number): FeatureRef {
  return { source: SOURCE_OF_KIND[kind], id }
}

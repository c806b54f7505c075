import type { ReviewKind } from '@contracts/review'
import type { FeatureRef } from '../../shared/api-types'
import type { DataLayer } from '../../shared/data-versions'

const SOURCE_OF_KIND: Partial<Record<ReviewKind, string>> = {
  plot: 'contaminated-plot',
  'control-zone': 'control-zone',
  'ban-zone': 'ban-zone',
}

/**
 * The map feature (tile source and id) of a reviewed record; `GET /api/features/{source}/{id}` describes it.
 * A class list (分类清单) covers a whole county and has no single feature: null.
 */
export function featureOfRecord(kind: ReviewKind, id: number): FeatureRef | null {
  const source = SOURCE_OF_KIND[kind]
  return source ? { source, id } : null
}

/** The kinds of data a review step of a record changes (publishing a class list writes its classes into the parcels). */
export const REVIEW_LAYERS: Record<ReviewKind, readonly DataLayer[]> = {
  plot: ['plots', 'reviews'],
  'control-zone': ['zones', 'reviews'],
  'class-list': ['classLists', 'parcels', 'reviews'],
  'safe-use-ledger': ['reviews'],
  // a 禁止生产区域 is shown with the classes it was built from
  'ban-zone': ['classLists', 'reviews'],
}

export type { Bbox } from '@contracts/problems'
import type { Bbox } from '@contracts/problems'

/** How a legend entry is drawn. */
export type LegendKind = 'fill' | 'line' | 'circle' | 'hatch'

/** One legend entry of a layer group. */
export interface LegendItem {
  label: string
  color: string
  kind: LegendKind
}

/** A layer group of the style (`metadata["soil:groups"]`): toggled and explained as one unit. */
export interface LayerGroup {
  id: string
  name: string
  visible: boolean
  legend: LegendItem[]
}

/** A map feature the server can describe: its tile source and numeric feature id. */
export interface FeatureRef {
  source: string
  id: number
}

/** `GET /api/features/{source}/{id}`. */
export interface FeatureInfo {
  layer: string
  layerName: string
  title: string
  fields: { label: string; value: string }[]
  bbox?: Bbox
}

/** Kinds of things the search finds. */
export type SearchKind = 'county' | 'township' | 'parcel' | 'plot' | 'point'

/** One hit of `GET /api/search`. Parcels, plots and monitoring points carry the feature `id`. */
export interface SearchResult {
  kind: SearchKind
  kindName: string
  code: string
  name: string
  context: string
  bbox: Bbox
  id?: number
}

export type { CountiesResponse } from '@contracts/map'

/** Where the map camera should go: an extent, never closer than `maxZoom`. */
export interface MapFocus {
  bbox: Bbox
  maxZoom: number
  /** Room in pixels kept free on each side (panels over the map); 40 px on every side by default. */
  padding?: { top: number; right: number; bottom: number; left: number }
}

/** Basemaps the user can choose. */
export type BasemapKind = 'none' | 'osm' | 'tianditu'

/** The chosen basemap; 天地图 needs the user's key. */
export interface BasemapChoice {
  kind: BasemapKind
  tiandituKey?: string
}

/** Camera and pointer state shown in the status line. */
export interface ViewStatus {
  zoom: number
  lngLat: [number, number] | null
}

/** Something that reports camera and pointer changes. */
export interface ViewStatusSource {
  onViewStatus(listener: (status: ViewStatus) => void): () => void
}

export type { Role, ScopeCounty, SessionUser } from '@contracts/auth'

/** Review states of the review-and-publish workflow. */
export type ReviewStatus = 'draft' | 'submitted' | 'approved' | 'returned' | 'published'

/** Steps of the review-and-publish workflow. */
export type ReviewActionName = 'submit' | 'approve' | 'return' | 'publish' | 'reopen'

/** Kinds of records that go through review. */
export type ReviewKind = 'plot' | 'control-zone' | 'class-list'

/** A button the server allows this user on this record. */
export interface ReviewAction {
  action: ReviewActionName
  label: string
  isReasonRequired: boolean
}

/** The review block of a plot, control zone or class list (feature info, action answers, queue items). */
export interface ReviewInfo {
  kind: ReviewKind
  id: number
  status: ReviewStatus
  statusName: string
  reason: string | null
  version: number
  publishedVersion?: number
  actions: ReviewAction[]
}

/** The feature info of a reviewed record carries its review block. */
export interface ReviewedFeatureInfo extends FeatureInfo {
  review?: ReviewInfo
}

/** One item of `GET /api/reviews`. */
export interface ReviewQueueItem {
  kind: ReviewKind
  kindName: string
  id: number
  adcode: string
  county: string
  code: string
  name: string
  updatedAt: string
  review: ReviewInfo
}

/** `GET /api/reviews`. */
export interface ReviewQueueResponse {
  items: ReviewQueueItem[]
}

/** One entry of `GET /api/history/:kind/:id`. */
export interface HistoryEntry {
  id: number
  action: string
  actionName: string
  actor: string
  actorName: string
  reason: string | null
  changedAt: string
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

/** `GET /api/history/:kind/:id`. */
export interface HistoryResponse {
  entries: HistoryEntry[]
}

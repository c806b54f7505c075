export type { Bbox } from '@contracts/problems'
import type { Bbox } from '@contracts/problems'

export type { FeatureInfo, LayerGroup, SearchResult } from '@contracts/map'

/** A map feature the server can describe: its tile source and numeric feature id. */
export interface FeatureRef {
  source: string
  id: number
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

export type { ReviewInfo, ReviewQueueItem, ReviewStatus } from '@contracts/review'

/** A geographic extent in CGCS2000 degrees: west, south, east, north. */
export type Bbox = [number, number, number, number]

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
export type SearchKind = 'county' | 'township' | 'parcel' | 'plot'

/** One hit of `GET /api/search`. Parcels and plots carry the feature `id`. */
export interface SearchResult {
  kind: SearchKind
  kindName: string
  code: string
  name: string
  context: string
  bbox: Bbox
  id?: number
}

/** `GET /api/search`. */
export interface SearchResponse {
  results: SearchResult[]
}

/** One county of `GET /api/counties`. */
export interface County {
  adcode: string
  name: string
  city: string
  province: string
  bbox: Bbox
}

/** `GET /api/counties`. */
export interface CountiesResponse {
  counties: County[]
  bbox: Bbox
}

/** Where the map camera should go: an extent, never closer than `maxZoom`. */
export interface MapFocus {
  bbox: Bbox
  maxZoom: number
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

import type { Geometry, MultiPolygon, Polygon } from 'geojson'

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

/** A county the signed-in user may see. */
export interface ScopeCounty {
  adcode: string
  name: string
}

/** Roles of staff users (the README's role table). */
export type Role = 'farmland' | 'environment' | 'land' | 'approver' | 'admin'

/** The signed-in staff user of `GET /api/session`. */
export interface SessionUser {
  id: number
  username: string
  displayName: string
  department: string
  role: Role
  roleName: string
  mustChangePassword: boolean
  scopes: string[]
  counties: ScopeCounty[]
}

/** `GET /api/session`, `POST /api/auth/login`, `POST /api/auth/logout`. */
export interface SessionResponse {
  user: SessionUser | null
  csrfToken: string
}

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

/** A province, city or county an administrator may grant (`GET /api/admin/scopes`). */
export interface ScopeUnit {
  code: string
  name: string
  level: 'province' | 'city' | 'county'
}

/** A user account as the administrator sees it (`GET /api/admin/users`). */
export interface AdminUser {
  id: number
  username: string
  displayName: string
  department: string
  role: Role
  roleName: string
  scopes: { code: string; name: string }[]
  isActive: boolean
  mustChangePassword: boolean
  isLocked: boolean
  lockedUntil: string | null
  isGenerated: boolean
  version: number
  updatedAt: string
}

/** A plain confirmation with a Chinese message. */
export interface OkResponse {
  ok: true
  message: string
}

/** Attributes of a farmland parcel (三调 fields) an officer may set. */
export interface ParcelAttributes {
  dlbm: string
  townshipCode?: string | null
  qsxz?: string | null
  qsdwmc?: string | null
  zldwmc?: string | null
  kcxs?: number | null
  gdpdjb?: string | null
  zzsxdm?: string | null
  bz?: string | null
}

/** Properties of a parcel as the editing API returns it. */
export interface ParcelProperties {
  id: number
  adcode: string
  code: string
  dlbm: string
  dlmc: string
  townshipCode: string | null
  townshipName: string | null
  qsxz: string | null
  qsdwmc: string | null
  zldwmc: string | null
  kcxs: number | null
  gdpdjb: string | null
  zzsxdm: string | null
  bz: string | null
  class: string
  className: string
  classMethod: string | null
  classBasis: unknown
  parentCodes: string[] | null
  version: number
  areaM2: number
  areaMu: number
  areaHa: number
  updatedAt: string
  updatedBy: string
  updatedByName: string
}

/** A parcel of `GET /api/parcels/:id` (GeoJSON, EPSG:4490). */
export interface ParcelFeature {
  type: 'Feature'
  id: number
  geometry: MultiPolygon
  properties: ParcelProperties
}

/** `GET /api/parcels?bbox=`: parcels of a small box (at most 500). */
export interface ParcelCollection {
  type: 'FeatureCollection'
  features: ParcelFeature[]
  truncated: boolean
}

/** A code and its name in one of the 三调 code lists. */
export interface CodeName {
  code: string
  name: string
}

/** `GET /api/parcels/codes`: the lists of the attribute form and the server's geometry limits. */
export interface ParcelCodes {
  dlbm: (CodeName & { group: string })[]
  qsxz: CodeName[]
  gdpdjb: CodeName[]
  zzsxdm: CodeName[]
  settings: { minAreaM2: number; minWidthM: number; overlapToleranceM2: number; maxVertices: number }
}

/** How a parcel's class is set after its geometry changed. */
export type ClassMode = 'keep' | 'recompute'

/** One change of `POST /api/parcels/check` and `/changes`. */
export type ParcelChange =
  | { op: 'create'; geometry: Polygon | MultiPolygon; attributes: ParcelAttributes; classMode?: 'recompute' }
  | {
      op: 'update'
      id: number
      version: number
      geometry?: Polygon | MultiPolygon
      attributes?: Partial<ParcelAttributes>
      classMode?: ClassMode
    }
  | { op: 'delete'; id: number; version: number }

/** A failed check of one change: what and where. */
export interface ParcelProblem {
  index: number
  code: string
  message: string
  location?: [number, number]
  geometry?: Geometry
  neighbourCode?: string
  overlapM2?: number
  field?: string
}

/** What a saved (or, in a dry run, checked) change gives. */
export interface ChangeResult {
  index: number
  op: 'create' | 'update' | 'delete' | 'restore'
  id: number
  code: string
  version: number
  areaM2: number
  class: string
}

/** `POST /api/parcels/check`. */
export interface CheckResponse {
  ok: boolean
  problems: ParcelProblem[]
  results: ChangeResult[]
}

/** `POST /api/parcels/changes`. */
export interface ChangesResponse {
  results: ChangeResult[]
}

/** `details` of a 409 CONFLICT answer to a parcel save. */
export interface ParcelConflict {
  id: number
  code: string
  yourVersion: number
  currentVersion: number | null
  changedBy: string
  changedByName: string
  changedAt: string
  current: ParcelFeature | null
}

/** `POST /api/parcels/split/preview`. */
export interface SplitPreview {
  parts: { geometry: Polygon | MultiPolygon; areaM2: number; areaMu: number }[]
  parentAreaM2: number
  totalAreaM2: number
  areaDiffRatio: number
}

/** `POST /api/parcels/split`. */
export interface SplitResponse {
  parent: { id: number; code: string }
  children: ChangeResult[]
  areaDiffRatio: number
}

/** `POST /api/parcels/merge/preview`. */
export interface MergePreview {
  geometry: Polygon | MultiPolygon
  areaM2: number
  areaMu: number
  partsAreaM2: number
  areaDiffRatio: number
  classes: string[]
  attributesFrom: number
}

/** `POST /api/parcels/merge`. */
export interface MergeResponse {
  parents: { id: number; code: string }[]
  child: ChangeResult
  areaDiffRatio: number
}

/** A parcel snapshot kept in the history (before/after of a change). */
export interface ParcelSnapshot {
  id: number
  code: string
  dlbm: string
  dlmc?: string
  townshipCode?: string | null
  class?: string
  version?: number
  areaM2?: number
  parentCodes?: string[] | null
  geometry?: MultiPolygon
  [field: string]: unknown
}

/** One entry of `GET /api/parcels/:id/history`. */
export interface ParcelHistoryEntry {
  id: number
  action: 'create' | 'update' | 'delete' | 'restore' | 'split' | 'merge' | string
  actionName: string
  actor: string
  actorName: string
  reason: string | null
  changedAt: string
  version: number | null
  before: ParcelSnapshot | Record<string, unknown> | null
  after: ParcelSnapshot | Record<string, unknown> | null
}

/** `GET /api/parcels/:id/history`. */
export interface ParcelHistoryResponse {
  entries: ParcelHistoryEntry[]
}

/** One item of `GET /api/parcels/deleted`: a parcel that no longer exists. */
export interface DeletedParcel {
  id: number
  code: string
  adcode: string
  county: string
  action: 'delete' | 'split' | 'merge'
  historyId: number
  deletedAt: string
  deletedBy: string
  deletedByName: string
  reason: string | null
}

/** `GET /api/parcels/deleted`. */
export interface DeletedParcelsResponse {
  items: DeletedParcel[]
}

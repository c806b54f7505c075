import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson'
import { getJson, sendJson } from '../../shared/api-client'
import type { Bbox, SearchResult } from '../../shared/api-types'
import type {
  Gb50137Response, HitType, ParsedUpload, PrecheckListResponse, PrecheckReason, PrecheckRecord, RerunResponse, Severity, Verdict,
} from './precheck-types'

/** What an officer sends to check a plot. */
export interface PrecheckRequest {
  geometry: Polygon | MultiPolygon
  plannedUse: string
  name?: string
  reference?: string
}

/** Runs and records a check (`POST /api/precheck`). */
export function createPrecheck(request: PrecheckRequest): Promise<PrecheckRecord> {
  return sendJson<PrecheckRecord>('POST', '/api/precheck', request)
}

/** A recorded check. */
export function fetchPrecheck(id: number, signal?: AbortSignal): Promise<PrecheckRecord> {
  return getJson<PrecheckRecord>(`/api/precheck/${id}`, signal)
}

/** Runs an earlier check again on today's data. */
export function rerunPrecheck(id: number): Promise<RerunResponse> {
  return sendJson<RerunResponse>('POST', `/api/precheck/${id}/rerun`)
}

/** Filters of the officer's list. */
export interface PrecheckFilter {
  number: string
  from: string
  to: string
  verdict: Verdict | ''
  q: string
}

/** The officer's past checks, newest first. */
export function listPrechecks(filter: PrecheckFilter, signal?: AbortSignal): Promise<PrecheckListResponse> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value.trim()) params.set(key, value.trim())
  const query = params.toString()
  return getJson<PrecheckListResponse>(`/api/precheck${query ? `?${query}` : ''}`, signal)
}

/** Reads an uploaded outline (GeoJSON, KML, zipped Shapefile, DXF) into CGCS2000 degrees; saves nothing. */
export function parseUpload(file: File, centralMeridian: string): Promise<ParsedUpload> {
  const form = new FormData()
  form.append('file', file, file.name)
  if (centralMeridian.trim()) form.append('centralMeridian', centralMeridian.trim())
  return sendJson<ParsedUpload>('POST', '/api/precheck/parse-upload', form)
}

/** The planned uses of GB 50137-2011 with their GB 36600 land class. */
export function fetchPlannedUses(signal?: AbortSignal): Promise<Gb50137Response> {
  return getJson<Gb50137Response>('/api/reference/gb50137', signal)
}

/** True for a search result that is a parcel (图斑) or a registry plot, whose outline can be checked. */
export function isPlotResult(r: SearchResult): boolean {
  return (r.kind === 'parcel' || r.kind === 'plot') && typeof r.id === 'number'
}

/** The outline of a parcel or registry plot found by {@link searchPlots}. */
export async function fetchOutline(result: SearchResult): Promise<Polygon | MultiPolygon> {
  const path = result.kind === 'parcel' ? `/api/parcels/${result.id}` : `/api/plots/${result.id}`
  const { geometry } = await getJson<{ geometry: Polygon | MultiPolygon }>(path)
  return geometry
}

const ENTITY_PATH: Partial<Record<HitType, string>> = {
  plot: '/api/plots/', 'control-zone': '/api/control-zones/', farmland: '/api/parcels/', enterprise: '/api/enterprises/',
}
const FEATURE_LAYER: Record<HitType, string> = {
  plot: 'contaminated-plot', 'control-zone': 'control-zone', farmland: 'parcel', enterprise: 'enterprise', 'monitoring-point': 'monitoring-point',
}

/** The map layer (vector source) of a hit type, to locate or highlight the feature. */
export function layerOfHit(type: HitType): string {
  return FEATURE_LAYER[type]
}

/** Colours of the hits on the map and in the report, by severity. */
export const SEVERITY_COLOR: Record<Severity, string> = { refuse: '#c62828', investigate: '#ef6c00', note: '#1565c0', clear: '#2e7d32' }
/** Colour of the checked plot's outline. */
export const PLOT_COLOR = '#0d47a1'

async function hitGeometry(type: HitType, id: number): Promise<Geometry | null> {
  const entity = ENTITY_PATH[type]
  if (entity) {
    try {
      const body = await getJson<{ geometry?: Geometry | null }>(`${entity}${id}`)
      if (body.geometry) return body.geometry
    } catch {
      /* falls back to the feature's extent */
    }
  }
  const { bbox } = await getJson<{ bbox: Bbox }>(`/api/features/${FEATURE_LAYER[type]}/${id}`)
  return { type: 'Point', coordinates: [(bbox[0] + bbox[2]) / 2, (bbox[1] + bbox[3]) / 2] }
}

/**
 * The checked plot and the features its reasons name, as one collection for the map: the plot outlined, each hit
 * coloured by the severity of its reason (features that can no longer be read are left out).
 */
export async function fetchHitMap(record: Pick<PrecheckRecord, 'geometry' | 'reasons' | 'number'>): Promise<FeatureCollection> {
  const hits = record.reasons.filter((r): r is PrecheckReason & { featureType: HitType; featureId: number } => r.featureType !== null && r.featureId !== null)
  const unique = [...new Map(hits.map((r) => [`${r.featureType}:${r.featureId}`, r])).values()]
  const features = await Promise.all(unique.map(async (r): Promise<Feature | null> => {
    try {
      const geometry = await hitGeometry(r.featureType, r.featureId)
      if (!geometry) return null
      return { type: 'Feature', geometry, properties: { kind: geometry.type === 'Point' ? 'problem-point' : 'version', color: SEVERITY_COLOR[r.severity], code: r.featureCode, severity: r.severity } }
    } catch {
      return null
    }
  }))
  const plot: Feature = { type: 'Feature', geometry: record.geometry, properties: { kind: 'selected', color: PLOT_COLOR, name: record.number } }
  return { type: 'FeatureCollection', features: [...features.filter((f): f is Feature => f !== null), plot] }
}

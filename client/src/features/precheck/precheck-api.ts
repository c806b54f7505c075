import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson'
import type {
  CheckFeatureProperties,
  CheckFeatures,
  HitType,
  PrecheckListResponse,
  PrecheckRecord,
  RerunResponse,
  Severity,
  Verdict,
} from '@contracts/precheck'
import type { Gb50137Reference, Gb50137Use, LandUse2023Reference } from '@contracts/registry'
import { getJson, sendJson } from '../../shared/api-client'
import { recordsPath } from '../../shared/check/use-check-records'
import type { Bbox, FeatureRef } from '../../shared/api-types'
import { featureInfoPath, loadFeatureInfo } from '../info/info-api'
import { gb50137Path, landUse2023Path } from '../registry/registry-api'

/** What an officer sends to check a plot (`POST /api/precheck`). */
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
  return getJson<PrecheckListResponse>(recordsPath('/api/precheck', filter), signal)
}

/** The code system a planned use is written in. */
export type UseSystem = 'gb50137' | 'tdfl2023'
/** A planned use of either system, with its GB 36600 land class (and, for a 2023 code, why). */
export type PlannedUse = Gb50137Use & { system: UseSystem; basis?: string; judgement?: boolean }

/** The planned uses of GB 50137-2011 or of the 2023 用地用海分类, with their GB 36600 land class. */
export async function fetchPlannedUses(system: UseSystem, signal?: AbortSignal): Promise<PlannedUse[]> {
  if (system === 'tdfl2023')
    return (await getJson<LandUse2023Reference>(landUse2023Path, signal)).codes.map((c) => ({ ...c, system }))
  return (await getJson<Gb50137Reference>(gb50137Path, signal)).codes.map((c) => ({ ...c, system }))
}

/** The box of a map feature a reason names, to zoom the map to it (`GET /api/features/{source}/{id}`). */
export async function featureBox(ref: FeatureRef): Promise<Bbox> {
  const { bbox } = await loadFeatureInfo(featureInfoPath(ref))
  return bbox
}

const FEATURE_LAYER: Record<HitType, string> = {
  plot: 'contaminated-plot',
  'control-zone': 'control-zone',
  farmland: 'parcel',
  enterprise: 'enterprise',
  'monitoring-point': 'monitoring-point',
  'basic-farmland': 'basic-farmland',
  'water-source': 'water-source',
}

/** The map layer (vector source) of a hit type, to locate or highlight the feature. */
export function layerOfHit(type: HitType): string {
  return FEATURE_LAYER[type]
}

/** Colours of the hits on the map and in the report, by severity. */
export const SEVERITY_COLOR: Record<Severity, string> = {
  refuse: '#c62828',
  investigate: '#ef6c00',
  note: '#1565c0',
  clear: '#2e7d32',
}
/** Colour of the checked plot's outline. */
export const PLOT_COLOR = '#0d47a1'

/** The features a recorded check's reasons name, in the version the check read where it was kept, clipped around the plot. */
export function fetchCheckFeatures(id: number, signal?: AbortSignal): Promise<CheckFeatures> {
  return getJson<CheckFeatures>(`/api/precheck/${id}/features`, signal)
}

/**
 * The checked plot and the features its reasons name, as one collection for the map: the plot outlined, each hit
 * coloured by the strictest severity of its reasons, in the version the check read (not today's record).
 */
export async function fetchHitMap(
  record: Pick<PrecheckRecord, 'id' | 'geometry' | 'number'>,
  signal?: AbortSignal,
): Promise<{ map: FeatureCollection; features: CheckFeatureProperties[] }> {
  const read = await fetchCheckFeatures(record.id, signal)
  const hits: Feature[] = read.features.map((f) => ({
    type: 'Feature',
    geometry: f.geometry,
    properties: {
      kind: f.geometry.type === 'Point' ? 'problem-point' : 'version',
      color: SEVERITY_COLOR[f.properties.severity],
      code: f.properties.code,
      severity: f.properties.severity,
    },
  }))
  const plot: Feature = {
    type: 'Feature',
    geometry: record.geometry,
    properties: { kind: 'selected', color: PLOT_COLOR, name: record.number },
  }
  return {
    map: { type: 'FeatureCollection', features: [...hits, plot] },
    features: read.features.map((f) => f.properties),
  }
}

import type { MultiPolygon, Polygon } from 'geojson'
import type {
  SitingCheckListResponse,
  SitingCheckRecord,
  SitingFeatureType,
  SitingReason,
  SitingReference,
  SitingVerdict,
} from '@contracts/siting'
import { getJson, sendJson } from '../../shared/api-client'
import { recordsPath } from '../../shared/check/use-check-records'
import type { Bbox, FeatureRef } from '../../shared/api-types'

/** What an officer sends to check a site (`POST /api/siting-checks`). */
export interface SitingRequest {
  geometry: Polygon | MultiPolygon
  industry: string
  projectName: string
  reference?: string
}

/** Runs and records a siting check. */
export function createSitingCheck(request: SitingRequest): Promise<SitingCheckRecord> {
  return sendJson<SitingCheckRecord>('POST', '/api/siting-checks', request)
}

/** A recorded siting check. */
export function fetchSitingCheck(id: number, signal?: AbortSignal): Promise<SitingCheckRecord> {
  return getJson<SitingCheckRecord>(`/api/siting-checks/${id}`, signal)
}

/** The industries (the controlled ones flagged) and the distances the check uses. */
export function fetchSitingReference(signal?: AbortSignal): Promise<SitingReference> {
  return getJson<SitingReference>('/api/reference/siting-industries', signal)
}

/** The PDF of a check's 选址核查意见 (`GET /api/siting-checks/:id/report.pdf`). */
export function sitingReportPath(id: number): string {
  return `/api/siting-checks/${id}/report.pdf`
}

/** Filters of the list of earlier siting checks. */
export interface SitingFilter {
  number: string
  from: string
  to: string
  verdict: SitingVerdict | ''
  industry: string
  q: string
}

/** The siting checks of the officer's counties, newest first. */
export function listSitingChecks(filter: SitingFilter, signal?: AbortSignal): Promise<SitingCheckListResponse> {
  return getJson<SitingCheckListResponse>(recordsPath('/api/siting-checks', filter), signal)
}

/**
 * The map feature a reason names: the tile layer of the same name; a 优先保护类耕地集中区域 is keyed on the map by
 * county and area number, read from its code (PA + adcode + - + area number).
 */
export function featureRefOf(
  reason: Pick<SitingReason, 'featureType' | 'featureId' | 'featureCode'>,
): FeatureRef | null {
  if (!reason.featureType || reason.featureId === null) return null
  if (reason.featureType !== 'priority-area') return { source: reason.featureType, id: reason.featureId }
  const match = /^PA(\d{6})-(\d+)$/.exec(reason.featureCode ?? '')
  return match ? { source: 'priority-area', id: Number(match[1]) * 1000 + Number(match[2]) } : null
}

/** The box of a map feature, to move the map to it (`GET /api/features/{layer}/{id}`). */
export async function featureBox(ref: FeatureRef, signal?: AbortSignal): Promise<Bbox> {
  const { bbox } = await getJson<{ bbox: Bbox }>(`/api/features/${ref.source}/${ref.id}`, signal)
  return bbox
}

/** The map groups a siting check reads, shown on its map whatever their default. */
export const SITING_GROUPS: readonly SitingFeatureType[] = ['priority-area', 'water-source', 'ban-zone', 'control-zone']

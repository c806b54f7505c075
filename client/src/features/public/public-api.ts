import type {
  PublicCountiesResponse,
  PublicPlotsResponse,
  PublicSearchResponse,
  PublicZonesResponse,
} from '@contracts/public'
import type { ReportReceived, ReportTracking } from '@contracts/reports'
import type { PublicDocumentsResponse } from '@contracts/documents'
import { apiPath, getJson, sendJson } from '../../shared/api-client'

/** `GET /api/public/counties`: every county with the coverage of its monitoring network, and their extent. */
export function loadPublicCounties(signal?: AbortSignal): Promise<PublicCountiesResponse> {
  return getJson<PublicCountiesResponse>('/api/public/counties', signal)
}

/** `GET /api/public/control-zones`: the published control zones and their announcements. */
export function loadPublicZones(signal?: AbortSignal): Promise<PublicZonesResponse> {
  return getJson<PublicZonesResponse>('/api/public/control-zones', signal)
}

/** `GET /api/public/plots`: the published registry. */
export function loadPublicPlots(signal?: AbortSignal): Promise<PublicPlotsResponse> {
  return getJson<PublicPlotsResponse>('/api/public/plots', signal)
}

/** `GET /api/public/plots/:id/documents`: the documents of a published plot marked public (summaries only). */
export function loadPublicDocuments(plotId: number, signal?: AbortSignal): Promise<PublicDocumentsResponse> {
  return getJson<PublicDocumentsResponse>(`/api/public/plots/${plotId}/documents`, signal)
}

/** `GET /api/public/search?q=`: places, published plots and control zones (the search box adds `q`). */
export const publicSearchPath = apiPath<PublicSearchResponse>('/api/public/search')

/** `POST /api/public/reports`: the report form (multipart: lon, lat, description, contact, website, photo). */
export function sendReport(form: FormData): Promise<ReportReceived> {
  return sendJson<ReportReceived>('POST', '/api/public/reports', form)
}

/** `GET /api/public/reports/track/:code`: the state, dates and public reply of one's report, by its tracking code. */
export function trackReport(code: string, signal?: AbortSignal): Promise<ReportTracking> {
  return getJson<ReportTracking>(`/api/public/reports/track/${encodeURIComponent(code.trim())}`, signal)
}

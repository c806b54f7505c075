import { apiPath, getJson, sendJson } from '../../shared/api-client'
import type { PlotListResponse } from '@contracts/registry'
import type { ReviewInfo } from '@contracts/review'
import type { CreateZoneBody, UpdateZoneBody, ZoneAnswer, ZonesResponse } from '@contracts/zones'
import type { z } from 'zod'

/** `GET /api/control-zones?adcode=`: the zones of a county. */
export function zonesPath(adcode: string) {
  return apiPath<ZonesResponse>(`/api/control-zones?adcode=${adcode}`)
}

/** `GET /api/control-zones/:id`. */
export function zonePath(id: number) {
  return apiPath<ZoneAnswer>(`/api/control-zones/${id}`)
}

/** `GET /api/plots?adcode=`: the plots of the county a zone may protect. */
export function countyPlotsPath(adcode: string) {
  return apiPath<PlotListResponse>(`/api/plots?adcode=${adcode}`)
}

/** The zone as the server has it now. */
export function fetchZone(id: number): Promise<ZoneAnswer> {
  return getJson<ZoneAnswer>(zonePath(id))
}

/** `POST /api/control-zones`: a new zone (草稿). */
export function createZone(body: z.input<typeof CreateZoneBody>): Promise<ZoneAnswer> {
  return sendJson<ZoneAnswer>('POST', '/api/control-zones', body)
}

/** `PATCH /api/control-zones/:id`: the zone changed, against the version seen. */
export function updateZone(id: number, body: z.input<typeof UpdateZoneBody>): Promise<ZoneAnswer> {
  return sendJson<ZoneAnswer>('PATCH', `/api/control-zones/${id}`, body)
}

/** `POST /api/reviews/control-zone/:id/submit`: the zone goes to review (审定). */
export function submitZone(id: number, version: number): Promise<ReviewInfo> {
  return sendJson<ReviewInfo>('POST', `/api/reviews/control-zone/${id}/submit`, { version })
}

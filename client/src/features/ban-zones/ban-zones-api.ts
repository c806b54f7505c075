import { apiPath, getJson, sendJson } from '../../shared/api-client'
import type {
  BanZoneAnswer,
  BanZonesResponse,
  CreateBanZoneBody,
  StrictParcelsResponse,
  UpdateBanZoneBody,
} from '@contracts/ban-zones'
import type { ReviewInfo } from '@contracts/review'

/** `GET /api/ban-zones?adcode=`: the 禁止生产区域 of a county. */
export function banZonesPath(adcode: string) {
  return apiPath<BanZonesResponse>(`/api/ban-zones?adcode=${adcode}`)
}

/** `GET /api/ban-zones/strict-parcels?adcode=`: the county's 严格管控类 parcels to choose from. */
export function strictParcelsPath(adcode: string) {
  return apiPath<StrictParcelsResponse>(`/api/ban-zones/strict-parcels?adcode=${adcode}`)
}

export function fetchBanZone(id: number): Promise<BanZoneAnswer> {
  return getJson<BanZoneAnswer>(`/api/ban-zones/${id}`)
}

/** `POST /api/ban-zones`: a new zone (草稿). */
export function createBanZone(body: CreateBanZoneBody): Promise<BanZoneAnswer> {
  return sendJson<BanZoneAnswer>('POST', '/api/ban-zones', body)
}

/** `PATCH /api/ban-zones/:id`: the zone changed, against the version seen. */
export function updateBanZone(id: number, body: UpdateBanZoneBody): Promise<BanZoneAnswer> {
  return sendJson<BanZoneAnswer>('PATCH', `/api/ban-zones/${id}`, body)
}

/** `POST /api/reviews/ban-zone/:id/submit`: the zone goes to review (审定). */
export function submitBanZone(id: number, version: number): Promise<ReviewInfo> {
  return sendJson<ReviewInfo>('POST', `/api/reviews/ban-zone/${id}/submit`, { version })
}

import { apiPath, getJson, sendJson } from '../../shared/api-client'
import type { Decision, PlanFeatures, UpdatePreview, UpdateStatus } from './land-update-types'
import type { RestoredParcel, RetiredParcelsAnswer } from '@contracts/land-update'

/** Matches a checked import to the county's parcels and answers the preview; the parcels stay as they are. */
export function planUpdate(importId: number): Promise<UpdatePreview> {
  return sendJson<UpdatePreview>('POST', `/api/land-updates/${importId}`, {})
}

export function updatePreview(importId: number): Promise<UpdatePreview> {
  return getJson<UpdatePreview>(`/api/land-updates/${importId}`)
}

export function planFeatures(importId: number): Promise<PlanFeatures> {
  return getJson<PlanFeatures>(`/api/land-updates/${importId}/features?kinds=changed,added,retired`)
}

/** Decides the listed conflicts, or all of them when `parcelIds` is left out. */
export function decideConflicts(importId: number, decision: Decision, parcelIds?: number[]) {
  return sendJson<{ decided: number; undecided: number }>('POST', `/api/land-updates/${importId}/decisions`, {
    decision,
    ...(parcelIds ? { parcelIds } : {}),
  })
}

export function applyUpdate(importId: number): Promise<UpdateStatus> {
  return sendJson<UpdateStatus>('POST', `/api/land-updates/${importId}/apply`, {})
}

export function cancelUpdate(importId: number): Promise<UpdateStatus> {
  return sendJson<UpdateStatus>('POST', `/api/land-updates/${importId}/cancel`, {})
}

export function updateStatus(importId: number): Promise<UpdateStatus> {
  return getJson<UpdateStatus>(`/api/land-updates/${importId}/status`)
}

/** `GET /api/land-updates/retired?adcode=`: the parcels the annual updates of the county retired, most recent first. */
export function retiredParcelsPath(adcode: string) {
  return apiPath<RetiredParcelsAnswer>(`/api/land-updates/retired?adcode=${adcode}`)
}

/** Puts a retired parcel back on the map with its class and class-list entries, as a new version. */
export function restoreRetiredParcel(id: number): Promise<RestoredParcel> {
  return sendJson<RestoredParcel>('POST', `/api/land-updates/retired/${id}/restore`, {})
}

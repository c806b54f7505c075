import { getJson, sendJson } from '../../shared/api-client'
import type { Decision, PlanFeatures, UpdatePreview, UpdateStatus } from './land-update-types'

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

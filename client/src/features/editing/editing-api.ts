import type { LineString } from 'geojson'
import { apiPath, getJson, sendJson } from '../../shared/api-client'
import type { Bbox } from '../../shared/api-types'
import type {
  ChangeResult,
  ChangesResponse,
  CheckResponse,
  DeletedParcelsResponse,
  MergePreview,
  MergeResponse,
  ParcelChange,
  ParcelCodes,
  ParcelCollection,
  ParcelFeature,
  ParcelHistoryResponse,
  SplitBody,
  SplitPreview,
  SplitResponse,
} from '@contracts/editing'
import type { z } from 'zod'

/** `GET /api/parcels/codes`: the lists of the attribute form and the server's geometry limits. */
export const parcelCodesPath = apiPath<ParcelCodes>('/api/parcels/codes')

/** `GET /api/parcels/deleted?adcode=`: the most recently removed parcels of a county. */
export function deletedParcelsPath(adcode: string) {
  return apiPath<DeletedParcelsResponse>(`/api/parcels/deleted?adcode=${adcode}`)
}

/** `GET /api/parcels/:id/history`. */
export function parcelHistoryPath(parcelId: number) {
  return apiPath<ParcelHistoryResponse>(`/api/parcels/${parcelId}/history`)
}

/** `GET /api/parcels/:id`. */
export function fetchParcel(id: number): Promise<ParcelFeature> {
  return getJson<ParcelFeature>(`/api/parcels/${id}`)
}

/** `GET /api/parcels?bbox=`: the parcels of a small box. */
export function fetchParcelsIn(bbox: Bbox): Promise<ParcelCollection> {
  return getJson<ParcelCollection>(`/api/parcels?bbox=${bbox.map((v) => v.toFixed(6)).join(',')}`)
}

/** `POST /api/parcels/check`: the save path as a dry run. */
export function checkChanges(changes: ParcelChange[]): Promise<CheckResponse> {
  return sendJson<CheckResponse>('POST', '/api/parcels/check', { changes })
}

/** `POST /api/parcels/changes`: every change in one transaction. */
export function saveChanges(reason: string, changes: ParcelChange[]): Promise<ChangesResponse> {
  return sendJson<ChangesResponse>('POST', '/api/parcels/changes', { reason, changes })
}

/** `POST /api/parcels/split/preview`. */
export function previewSplit(id: number, version: number, line: LineString): Promise<SplitPreview> {
  return sendJson<SplitPreview>('POST', '/api/parcels/split/preview', { id, version, line })
}

/** Class choice of a split or merge. */
export type ClassChoice = Pick<z.input<typeof SplitBody>, 'classMode' | 'classReason'>

/** `POST /api/parcels/split`. */
export function splitParcel(
  id: number,
  version: number,
  line: LineString,
  reason: string,
  choice: ClassChoice,
): Promise<SplitResponse> {
  return sendJson<SplitResponse>('POST', '/api/parcels/split', { id, version, line, reason, ...choice })
}

/** `POST /api/parcels/merge/preview`. */
export function previewMerge(parcels: { id: number; version: number }[]): Promise<MergePreview> {
  return sendJson<MergePreview>('POST', '/api/parcels/merge/preview', { parcels })
}

/** `POST /api/parcels/merge`. */
export function mergeParcels(
  parcels: { id: number; version: number }[],
  reason: string,
  attributesFrom: number,
  choice: ClassChoice,
): Promise<MergeResponse> {
  return sendJson<MergeResponse>('POST', '/api/parcels/merge', { parcels, reason, attributesFrom, ...choice })
}

/** `POST /api/parcels/:id/restore`. */
export function restoreParcel(id: number, historyId: number, reason: string, version?: number): Promise<ChangeResult> {
  return sendJson<ChangeResult>('POST', `/api/parcels/${id}/restore`, {
    historyId,
    reason,
    ...(version !== undefined ? { version } : {}),
  })
}

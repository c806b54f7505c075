import type {
  CreatedOgcKeyResponse,
  CreateOgcKeyBody,
  OgcKey,
  OgcKeysResponse,
  OgcKeyUsesResponse,
} from '@contracts/ogc-keys'
import { getJson, sendJson } from '../../shared/api-client'

/** `GET /api/admin/ogc-keys`: the keys of the administrator's scope and the collections a key may open. */
export function loadKeys(): Promise<OgcKeysResponse> {
  return getJson<OgcKeysResponse>('/api/admin/ogc-keys')
}

/** `POST /api/admin/ogc-keys`: the key itself comes back this once. */
export function issueKey(body: CreateOgcKeyBody): Promise<CreatedOgcKeyResponse> {
  return sendJson<CreatedOgcKeyResponse>('POST', '/api/admin/ogc-keys', body)
}

/** `POST /api/admin/ogc-keys/:id/revoke`. */
export function revokeKey(id: number): Promise<OgcKey> {
  return sendJson<OgcKey>('POST', `/api/admin/ogc-keys/${id}/revoke`)
}

/** `GET /api/admin/ogc-keys/uses` (every key) or `…/:id/uses` (one key). */
export function loadUses(keyId: number | null): Promise<OgcKeyUsesResponse> {
  return getJson<OgcKeyUsesResponse>(keyId === null ? '/api/admin/ogc-keys/uses' : `/api/admin/ogc-keys/${keyId}/uses`)
}

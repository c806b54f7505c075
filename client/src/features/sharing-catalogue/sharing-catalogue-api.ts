import type { SharingCatalogueResponse } from '@contracts/sharing-catalogue'
import { getJson } from '../../shared/api-client'

/** `GET /api/sharing/catalogue`: the collections of the data sharing service as the signed-in staff member sees them. */
export function loadCatalogue(): Promise<SharingCatalogueResponse> {
  return getJson<SharingCatalogueResponse>('/api/sharing/catalogue')
}

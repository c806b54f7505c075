import type { SearchResponse } from '@contracts/map'
import { apiPath } from '../../shared/api-client'

/** `GET /api/search?q=`: counties, townships, parcels, plots and points of the user's counties (the box adds `q`). */
export const searchPath = apiPath<SearchResponse>('/api/search')

import type { ParcelTableOptions, ParcelTablePage } from '@contracts/attribute-table'
import { apiPath, type ApiPath } from '../../shared/api-client'
import type { TableQuery } from './attribute-table-query'
import { queryString } from './attribute-table-query'

/** `GET /api/attribute-table/parcel/options`: counties and townships of the user's scope, classes, land codes. */
export function parcelOptionsPath(): ApiPath<ParcelTableOptions> {
  return apiPath<ParcelTableOptions>('/api/attribute-table/parcel/options')
}

/** `GET /api/attribute-table/parcel?…`: one page of the filtered, sorted parcels and their count. */
export function parcelPagePath(query: TableQuery, offset: number, limit: number): ApiPath<ParcelTablePage> {
  return apiPath<ParcelTablePage>(`/api/attribute-table/parcel?${queryString(query, { offset, limit })}`)
}

/** The download of the whole filtered set as `format` (XLSX or CSV). */
export function parcelExportHref(query: TableQuery, format: 'xlsx' | 'csv'): string {
  return `/api/attribute-table/parcel?${queryString(query, { format })}`
}

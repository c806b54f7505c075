import type { MultiPolygon, Polygon } from 'geojson'
import type { ParsedUpload } from '@contracts/precheck'
import { getJson, sendJson } from '../api-client'
import type { SearchResult } from '../api-types'

/**
 * Reads an uploaded outline (GeoJSON, KML, zipped Shapefile, DXF) into CGCS2000 degrees; saves nothing. Both checks
 * read files through the pre-check's reader.
 */
export function parseUpload(file: File, centralMeridian: string): Promise<ParsedUpload> {
  const form = new FormData()
  form.append('file', file, file.name)
  if (centralMeridian.trim()) form.append('centralMeridian', centralMeridian.trim())
  return sendJson<ParsedUpload>('POST', '/api/precheck/parse-upload', form)
}

/** True for a search result that is a parcel (图斑) or a registry plot, whose outline can be checked. */
export function isPlotResult(r: SearchResult): boolean {
  return (r.kind === 'parcel' || r.kind === 'plot') && typeof r.id === 'number'
}

/** The outline of a parcel (`GET /api/parcels/:id`) or registry plot (`GET /api/plots/:id`) found by the search. */
export async function fetchOutline(result: SearchResult): Promise<Polygon | MultiPolygon> {
  const path = result.kind === 'parcel' ? `/api/parcels/${Number(result.id)}` : `/api/plots/${Number(result.id)}`
  const { geometry } = await getJson<{ geometry: Polygon | MultiPolygon }>(path)
  return geometry
}

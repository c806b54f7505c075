import { apiPath, sendJson } from '../../shared/api-client'
import type {
  WaterSourceImportResult,
  WaterSourcePublicationResult,
  WaterSourceZoneList,
} from '@contracts/water-source'

/** `GET /api/water-source-zones?adcode=`: the 饮用水水源保护区 of a county. */
export function waterSourceZonesPath(adcode: string) {
  return apiPath<WaterSourceZoneList>(`/api/water-source-zones?adcode=${adcode}`)
}

/** `POST /api/water-source-zones/import`: the county's zones replaced by those of the file. */
export function importWaterSourceZones(adcode: string, file: File): Promise<WaterSourceImportResult> {
  const form = new FormData()
  form.append('adcode', adcode)
  form.append('file', file)
  return sendJson<WaterSourceImportResult>('POST', '/api/water-source-zones/import', form)
}

/** `POST /api/water-source-zones/publication`: 发布 (true) or 撤回 (false) all zones of the county. */
export function publishWaterSourceZones(adcode: string, published: boolean): Promise<WaterSourcePublicationResult> {
  return sendJson<WaterSourcePublicationResult>('POST', '/api/water-source-zones/publication', { adcode, published })
}

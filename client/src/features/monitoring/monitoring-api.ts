import type {
  ImportReport,
  NewPointBody,
  NewResultResponse,
  PointDetail,
  PointEditBody,
  PointList,
  ResultBody,
} from '@contracts/monitoring'
import { apiPath, sendJson, type ApiPath } from '../../shared/api-client'

/** `GET /api/monitoring/points?…`: the points of the filter (adcode, level, type, status, q), with counts. */
export function pointListPath(filter: Record<string, string>): ApiPath<PointList> {
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v)).toString()
  return apiPath<PointList>(`/api/monitoring/points${query ? `?${query}` : ''}`)
}

/** `GET /api/monitoring/points/:id`: one point with every result, each value flagged. */
export function pointPath(id: number): ApiPath<PointDetail> {
  return apiPath<PointDetail>(`/api/monitoring/points/${id}`)
}

/** `POST /api/monitoring/points`: registers a point. */
export function createPoint(body: NewPointBody): Promise<PointDetail> {
  return sendJson<PointDetail>('POST', '/api/monitoring/points', body)
}

/** `PATCH /api/monitoring/points/:id`: name, level, type or status at the version read. */
export function editPoint(id: number, body: PointEditBody): Promise<PointDetail> {
  return sendJson<PointDetail>('PATCH', `/api/monitoring/points/${id}`, body)
}

/** `POST /api/monitoring/points/:id/results`: one result of a point. */
export function addResult(id: number, body: ResultBody): Promise<NewResultResponse> {
  return sendJson<NewResultResponse>('POST', `/api/monitoring/points/${id}/results`, body)
}

/** `POST /api/monitoring/import`: a filled template checked (dry run) or imported. */
export function importResults(file: File, mode: 'all' | 'valid-only', isDryRun: boolean): Promise<ImportReport> {
  const form = new FormData()
  form.append('file', file)
  return sendJson<ImportReport>('POST', `/api/monitoring/import?mode=${mode}&dryRun=${isDryRun}`, form)
}

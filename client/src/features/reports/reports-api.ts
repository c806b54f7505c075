import type { ReportItem, ReportQueueResponse, ReportStatus } from '@contracts/reports'
import { getJson, sendJson } from '../../shared/api-client'

/** `GET /api/reports?status=`: the reports of the user's counties, newest first. */
export function loadReports(status: ReportStatus, signal?: AbortSignal): Promise<ReportQueueResponse> {
  return getJson<ReportQueueResponse>(`/api/reports?status=${status}`, signal)
}

/** `POST /api/reports/:id/handle`: marks a report handled with the officer's note. */
export function handleReport(id: number, note: string): Promise<ReportItem> {
  return sendJson<ReportItem>('POST', `/api/reports/${id}/handle`, { note })
}

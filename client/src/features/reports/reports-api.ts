import type {
  NearbyEnterprisesResponse,
  ReportHistoryResponse,
  ReportItem,
  ReportQueueResponse,
  ReportStatus,
} from '@contracts/reports'
import { getJson, sendJson } from '../../shared/api-client'

/** `GET /api/reports?status=`: the reports of the user's counties, newest first (all states without a filter). */
export function loadReports(status: ReportStatus | null, signal?: AbortSignal): Promise<ReportQueueResponse> {
  return getJson<ReportQueueResponse>(status ? `/api/reports?status=${status}` : '/api/reports', signal)
}

/** `GET /api/reports/:id/history`: what was done to a report, by whom and when. */
export function loadReportHistory(id: number, signal?: AbortSignal): Promise<ReportHistoryResponse> {
  return getJson<ReportHistoryResponse>(`/api/reports/${id}/history`, signal)
}

/** `GET /api/reports/:id/nearby-enterprises`: supervised enterprises near the reported point. */
export function loadNearbyEnterprises(id: number, signal?: AbortSignal): Promise<NearbyEnterprisesResponse> {
  return getJson<NearbyEnterprisesResponse>(`/api/reports/${id}/nearby-enterprises`, signal)
}

/** The follow-up steps of a report, each at the version the officer saw. */
export type ReportStep =
  | { kind: 'assign'; department: string; assignee: string | null }
  | { kind: 'notes'; note: string }
  | { kind: 'reply'; reply: string }
  | { kind: 'status'; status: ReportStatus }
  | { kind: 'to-plot'; name: string; formerIndustry: string }
  | { kind: 'to-inspection'; enterpriseId: number }

/** `POST /api/reports/:id/<step>`: one follow-up step; answers the report as it is now. */
export function takeReportStep(id: number, version: number, { kind, ...body }: ReportStep): Promise<ReportItem> {
  return sendJson<ReportItem>('POST', `/api/reports/${id}/${kind}`, { version, ...body })
}

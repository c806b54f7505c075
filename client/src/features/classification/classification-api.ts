import { apiPath, getJson, sendJson } from '../../shared/api-client'
import type {
  ClassChangesResponse,
  ClassList,
  ClassListSummary,
  ClassListsResponse,
  EntryResponse,
  JobResponse,
  JobsResponse,
  OverrideBody,
  RuleSetsResponse,
} from '@contracts/classification'
import type { z } from 'zod'

/** `GET /api/classification/rule-sets`. */
export const ruleSetsPath = apiPath<RuleSetsResponse>('/api/classification/rule-sets')

/** `GET /api/class-lists?adcode=`: the class lists of a county. */
export function classListsPath(adcode: string) {
  return apiPath<ClassListsResponse>(`/api/class-lists?adcode=${encodeURIComponent(adcode)}`)
}

/** `GET /api/class-lists/:id/summary`. */
export function classListSummaryPath(listId: number) {
  return apiPath<ClassListSummary>(`/api/class-lists/${listId}/summary`)
}

/** `GET /api/class-lists/:id/changes?offset=&limit=`: a page of the parcels whose class changes. */
export function classChangesPath(listId: number, offset: number, limit: number) {
  return apiPath<ClassChangesResponse>(`/api/class-lists/${listId}/changes?offset=${offset}&limit=${limit}`)
}

/** `GET /api/class-lists/:id/entries/:parcelId`. */
export function classEntryPath(listId: number, parcelId: number) {
  return apiPath<EntryResponse>(`/api/class-lists/${listId}/entries/${parcelId}`)
}

/** The class list `id` of the county `adcode` as the server has it now, or null when it is gone. */
export async function findClassList(adcode: string, id: number): Promise<ClassList | null> {
  const { lists } = await getJson<ClassListsResponse>(classListsPath(adcode))
  return lists.find((l) => l.id === id) ?? null
}

/** `GET /api/classification/jobs?adcode=`: the county's jobs, latest first. */
export function fetchJobs(adcode: string, signal?: AbortSignal): Promise<JobsResponse> {
  return getJson<JobsResponse>(`/api/classification/jobs?adcode=${encodeURIComponent(adcode)}`, signal)
}

/** `GET /api/classification/jobs/:id`. */
export function fetchJob(id: number, signal?: AbortSignal): Promise<JobResponse> {
  return getJson<JobResponse>(`/api/classification/jobs/${id}`, signal)
}

/** `POST /api/classification/jobs`: a county-wide run with the rule set (the default one without). */
export function startJob(adcode: string, ruleSetVersion: string | null): Promise<JobResponse> {
  return sendJson<JobResponse>('POST', '/api/classification/jobs', {
    adcode,
    ...(ruleSetVersion ? { ruleSetVersion } : {}),
  })
}

/** `POST /api/classification/jobs/:id/cancel`. */
export function cancelJob(id: number): Promise<JobResponse> {
  return sendJson<JobResponse>('POST', `/api/classification/jobs/${id}/cancel`)
}

/** `POST /api/class-lists/:id/entries/:parcelId/override`: a manual class with its reason. */
export function overrideEntry(
  listId: number,
  parcelId: number,
  body: z.input<typeof OverrideBody>,
): Promise<EntryResponse> {
  return sendJson<EntryResponse>('POST', `/api/class-lists/${listId}/entries/${parcelId}/override`, body)
}

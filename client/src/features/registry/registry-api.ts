import { getJson, sendJson } from '../../shared/api-client'
import type { NewPlot, PlotDocument, PlotProfile } from './registry-types'

/** Filters of the plot list. */
export interface PlotFilter {
  adcode: string | null
  status: string
  list: string
  q: string
}

/** The path of `GET /api/plots` for the filters (empty ones left out). */
export function plotListPath({ adcode, status, list, q }: PlotFilter): string {
  const params = new URLSearchParams()
  if (adcode) params.set('adcode', adcode)
  if (status) params.set('status', status)
  if (list) params.set('list', list)
  if (q.trim()) params.set('q', q.trim())
  const query = params.toString()
  return query ? `/api/plots?${query}` : '/api/plots'
}

/** The plot profile. */
export function fetchPlot(id: number, signal?: AbortSignal): Promise<PlotProfile> {
  return getJson<PlotProfile>(`/api/plots/${id}`, signal)
}

/** Creates a plot in state 疑似污染地块; answers its profile (or at least its id). */
export function createPlot(plot: NewPlot): Promise<{ id: number } & Partial<PlotProfile>> {
  return sendJson('POST', '/api/plots', plot)
}

/** The facts of a plot an officer may change (`PATCH /api/plots/:id`); null clears a field. */
export interface PlotFacts {
  name?: string
  formerIndustry?: string
  address?: string | null
  landUser?: string | null
  contact?: string | null
  plannedLandClass?: 'first' | 'second' | null
}

/** Changes the facts of a plot; answers the new profile. */
export function updatePlot(id: number, input: PlotFacts & { version: number }): Promise<PlotProfile> {
  return sendJson<PlotProfile>('PATCH', `/api/plots/${id}`, input)
}

/** The body of a step (`POST /api/plots/:id/transitions`). */
export interface TransitionInput {
  action: string
  version: number
  riskLevel?: string
  document?: PlotDocument
  reviewDocument?: PlotDocument
  reason?: string
}

/** Takes a step of the lifecycle; answers the new profile. */
export function postTransition(id: number, input: TransitionInput): Promise<PlotProfile> {
  return sendJson<PlotProfile>('POST', `/api/plots/${id}/transitions`, input)
}

/** The body of a new measured pollutant. */
export interface PollutantInput {
  version: number
  substance: string
  valueMgKg: number
  sampledOn: string
  depthM?: number
  note?: string
}

/** Records a measured pollutant. */
export function addPollutant(id: number, input: PollutantInput): Promise<unknown> {
  return sendJson('POST', `/api/plots/${id}/pollutants`, input)
}

/** Removes a measured pollutant. */
export function deletePollutant(id: number, pollutantId: number, version: number, reason?: string): Promise<unknown> {
  return sendJson(
    'DELETE',
    `/api/plots/${id}/pollutants/${pollutantId}?version=${version}`,
    reason ? { reason } : undefined,
  )
}

/** Adds a forbidden use to the plot's negative list. */
export function addNegativeUse(
  id: number,
  input: { version: number; useCode: string; reason: string },
): Promise<unknown> {
  return sendJson('POST', `/api/plots/${id}/negative-uses`, input)
}

/** Removes a forbidden use the officers added (the 法定 ones stay). */
export function removeNegativeUse(
  id: number,
  useCode: string,
  input: { version: number; reason: string },
): Promise<unknown> {
  return sendJson('DELETE', `/api/plots/${id}/negative-uses/${encodeURIComponent(useCode)}`, input)
}

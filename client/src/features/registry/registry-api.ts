import { apiPath, getJson, sendJson } from '../../shared/api-client'
import type {
  CreatePlotBody,
  Gb36600Reference,
  Gb50137Reference,
  LandUse2023Reference,
  NegativeUseBody,
  PatchPlotBody,
  PlotDocument,
  PlotListResponse,
  PlotProfile,
  PollutantBody,
  RemoveNegativeUseBody,
  TransitionBody,
} from '@contracts/registry'
import type { z } from 'zod'

/** `GET /api/reference/gb36600`: the substances and values of GB 36600. */
export const gb36600Path = apiPath<Gb36600Reference>('/api/reference/gb36600')

/** `GET /api/reference/gb50137`: the land-use codes an officer may forbid on a plot. */
export const gb50137Path = apiPath<Gb50137Reference>('/api/reference/gb50137')
/** The construction-land codes of the 2023 用地用海分类 with their GB 36600 class. */
export const landUse2023Path = apiPath<LandUse2023Reference>('/api/reference/land-use-2023')

/** Filters of the plot list. */
export interface PlotFilter {
  adcode: string | null
  status: string
  list: string
  q: string
}

/** The path of `GET /api/plots` for the filters (empty ones left out). */
export function plotListPath({ adcode, status, list, q }: PlotFilter) {
  const params = new URLSearchParams()
  if (adcode) params.set('adcode', adcode)
  if (status) params.set('status', status)
  if (list) params.set('list', list)
  if (q.trim()) params.set('q', q.trim())
  const query = params.toString()
  return apiPath<PlotListResponse>(query ? `/api/plots?${query}` : '/api/plots')
}

/** The plot profile. */
export function fetchPlot(id: number, signal?: AbortSignal): Promise<PlotProfile> {
  return getJson<PlotProfile>(`/api/plots/${id}`, signal)
}

/** Creates a plot in state 疑似污染地块; answers its profile. */
export function createPlot(plot: z.input<typeof CreatePlotBody>): Promise<PlotProfile> {
  return sendJson<PlotProfile>('POST', '/api/plots', plot)
}

/** The facts of a plot an officer may change (`PATCH /api/plots/:id`); null clears a field. */
export type PlotFacts = Pick<
  z.input<typeof PatchPlotBody>,
  'name' | 'formerIndustry' | 'formerIndustryNote' | 'address' | 'landUser' | 'contact' | 'plannedLandClass'
>

/** Changes the facts of a plot; answers the new profile. */
export function updatePlot(id: number, input: PlotFacts & { version: number }): Promise<PlotProfile> {
  return sendJson<PlotProfile>('PATCH', `/api/plots/${id}`, input)
}

/** The body of a step (`POST /api/plots/:id/transitions`). */
export type TransitionInput = z.input<typeof TransitionBody> & {
  document?: PlotDocument
  reviewDocument?: PlotDocument
}

/** `POST /api/documents`: the file of a step's report kept for the plot before the step is taken. */
export function uploadPlotDocument(plotId: number, kind: string, title: string, file: File): Promise<{ id: number }> {
  const form = new FormData()
  form.append('owner', 'plot')
  form.append('ownerId', String(plotId))
  form.append('kind', kind)
  if (title.trim()) form.append('title', title.trim())
  form.append('file', file)
  return sendJson<{ id: number }>('POST', '/api/documents', form)
}

/** Takes a step of the lifecycle; answers the new profile. */
export function postTransition(id: number, input: TransitionInput): Promise<PlotProfile> {
  return sendJson<PlotProfile>('POST', `/api/plots/${id}/transitions`, input)
}

/** Records a measured pollutant; answers the new profile. */
export function addPollutant(id: number, input: z.input<typeof PollutantBody>): Promise<PlotProfile> {
  return sendJson<PlotProfile>('POST', `/api/plots/${id}/pollutants`, input)
}

/** Removes a measured pollutant; answers the new profile. */
export function deletePollutant(
  id: number,
  pollutantId: number,
  version: number,
  reason?: string,
): Promise<PlotProfile> {
  return sendJson<PlotProfile>(
    'DELETE',
    `/api/plots/${id}/pollutants/${pollutantId}?version=${version}`,
    reason ? { reason } : undefined,
  )
}

/** Adds a forbidden use to the plot's negative list; answers the new profile. */
export function addNegativeUse(id: number, input: z.input<typeof NegativeUseBody>): Promise<PlotProfile> {
  return sendJson<PlotProfile>('POST', `/api/plots/${id}/negative-uses`, input)
}

/** Removes a forbidden use the officers added (the 法定 ones stay); answers the new profile. */
export function removeNegativeUse(
  id: number,
  useCode: string,
  input: z.input<typeof RemoveNegativeUseBody>,
): Promise<PlotProfile> {
  return sendJson<PlotProfile>('DELETE', `/api/plots/${id}/negative-uses/${encodeURIComponent(useCode)}`, input)
}

import type {
  BlackSoilAnswer,
  FarmlandIndicator,
  FarmlandRowsAnswer,
  NewTargetBody,
  PlotIndicator,
  PlotRowsAnswer,
  TargetEditBody,
  TargetRow,
  TargetsAnswer,
} from '@contracts/indicators'
import { apiPath, sendJson, type ApiPath } from '../../shared/api-client'

/** `GET /api/indicators/farmland[?year=]`: 受污染耕地安全利用率 (the latest year when none is named). */
export function farmlandIndicatorPath(year: string | number | null): ApiPath<FarmlandIndicator> {
  return apiPath<FarmlandIndicator>(`/api/indicators/farmland${year ? `?year=${year}` : ''}`)
}

/** `GET /api/indicators/plots?year=`: 污染地块安全利用率. */
export function plotIndicatorPath(year: number): ApiPath<PlotIndicator> {
  return apiPath<PlotIndicator>(`/api/indicators/plots?year=${year}`)
}

/** `GET /api/indicators/{farmland|plots}/rows`: the parcels or redevelopments behind one figure. */
export function indicatorRowsPath(request: {
  kind: 'farmland' | 'plots'
  adcode: string
  year: number
  term: string
}): ApiPath<FarmlandRowsAnswer | PlotRowsAnswer> {
  const { kind, adcode, year, term } = request
  return apiPath<FarmlandRowsAnswer | PlotRowsAnswer>(
    `/api/indicators/${kind}/rows?adcode=${adcode}&year=${year}&term=${term}`,
  )
}

/** `GET /api/indicators/black-soil?adcode=`: the 黑土区 local indicator of a county. */
export function blackSoilPath(adcode: string): ApiPath<BlackSoilAnswer> {
  return apiPath<BlackSoilAnswer>(`/api/indicators/black-soil?adcode=${adcode}`)
}

/** `GET /api/indicators/targets`. */
export const targetsPath = apiPath<TargetsAnswer>('/api/indicators/targets')

/** `POST /api/indicators/targets`. */
export function createTarget(body: NewTargetBody): Promise<TargetRow> {
  return sendJson<TargetRow>('POST', '/api/indicators/targets', body)
}

/** `PATCH /api/indicators/targets/:id` at the version read. */
export function editTarget(id: number, body: TargetEditBody): Promise<TargetRow> {
  return sendJson<TargetRow>('PATCH', `/api/indicators/targets/${id}`, body)
}

import type {
  AcceptGapBody,
  AcceptGapResponse,
  CoveragePoints,
  CoverageResponse,
  GapBody,
  GapResponse,
  TownshipResponse,
  UncoveredFeatures,
} from '@contracts/coverage'
import { apiPath, sendJson, type ApiPath } from '../../shared/api-client'

/** `GET /api/coverage`: the user's counties with their verdicts, and the city and province roll-ups. */
export const coveragePath = apiPath<CoverageResponse>('/api/coverage')

/** `GET /api/coverage/townships?adcode=`. */
export function townshipCoveragePath(adcode: string): ApiPath<TownshipResponse> {
  return apiPath<TownshipResponse>(`/api/coverage/townships?adcode=${adcode}`)
}

/** `GET /api/coverage/uncovered?adcode=`: the largest uncovered farmland parcels. */
export function uncoveredPath(adcode: string): ApiPath<UncoveredFeatures> {
  return apiPath<UncoveredFeatures>(`/api/coverage/uncovered?adcode=${adcode}`)
}

/** `GET /api/coverage/points?adcode=`: active and planned points. */
export function coveragePointsPath(adcode: string): ApiPath<CoveragePoints> {
  return apiPath<CoveragePoints>(`/api/coverage/points?adcode=${adcode}`)
}

/** `POST /api/coverage/gaps`: the gap analysis of a county. */
export function runGapAnalysis(body: GapBody): Promise<GapResponse> {
  return sendJson<GapResponse>('POST', '/api/coverage/gaps', body)
}

/** `POST /api/coverage/gaps/accept`: a proposal becomes a planned point. */
export function acceptGapProposal(body: AcceptGapBody): Promise<AcceptGapResponse> {
  return sendJson<AcceptGapResponse>('POST', '/api/coverage/gaps/accept', body)
}

import type { HistoryResponse, ReviewActionBody, ReviewInfo, ReviewKind, ReviewQueueResponse } from '@contracts/review'
import { getJson, sendJson } from '../../shared/api-client'

/** `GET /api/reviews`: the records of the user's counties waiting for this user. */
export function loadReviewQueue(signal?: AbortSignal): Promise<ReviewQueueResponse> {
  return getJson<ReviewQueueResponse>('/api/reviews', signal)
}

/** `GET /api/history/:kind/:id`: a record's change history, newest first. */
export function loadHistory(kind: ReviewKind, id: number, signal?: AbortSignal): Promise<HistoryResponse> {
  return getJson<HistoryResponse>(`/api/history/${kind}/${id}`, signal)
}

/** `POST /api/reviews/:kind/:id/:action`: one step of the review workflow; answers the new review block. */
export function runReviewAction(
  review: Pick<ReviewInfo, 'kind' | 'id'>,
  action: ReviewInfo['actions'][number]['action'],
  body: ReviewActionBody,
): Promise<ReviewInfo> {
  return sendJson<ReviewInfo>('POST', `/api/reviews/${review.kind}/${review.id}/${action}`, body)
}

import type { FeatureInfo } from '@contracts/map'
import { apiPath, getJson, type ApiPath } from '../../shared/api-client'
import type { FeatureRef } from '../../shared/api-types'

/** `GET /api/features/{source}/{id}`: a feature described in Chinese, with its review block when it has one. */
export function featureInfoPath(ref: FeatureRef): ApiPath<FeatureInfo> {
  return apiPath<FeatureInfo>(`/api/features/${encodeURIComponent(ref.source)}/${encodeURIComponent(String(ref.id))}`)
}

/** Loads the description of one feature once (its path from {@link featureInfoPath}). */
export function loadFeatureInfo(path: ApiPath<FeatureInfo>, signal?: AbortSignal): Promise<FeatureInfo> {
  return getJson<FeatureInfo>(path, signal)
}

import type { FarmlandStatistics } from '@contracts/statistics'
import { apiPath, type ApiPath } from '../../shared/api-client'

/** `GET /api/statistics/farmland[?adcode=]`: the published classes of one county, or of all the user's counties. */
export function farmlandStatisticsPath(adcode: string): ApiPath<FarmlandStatistics> {
  return apiPath<FarmlandStatistics>(`/api/statistics/farmland${adcode ? `?adcode=${adcode}` : ''}`)
}

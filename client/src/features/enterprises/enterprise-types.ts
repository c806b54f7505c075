import type { Geometry } from 'geojson'
import { ENTERPRISE_STATUS, INDUSTRY } from '../../../../server/src/domain/labels.ts'
import type { Bbox } from '../../shared/api-types'

/** States of a supervised enterprise (在产 / 关闭 / 搬迁). */
export type EnterpriseStatus = keyof typeof ENTERPRISE_STATUS

/** One row of `GET /api/enterprises`. */
export interface Enterprise {
  id: number
  adcode: string
  county?: string
  creditCode: string | null
  name: string
  industry: string
  industryName?: string
  status: EnterpriseStatus
  statusName?: string
  version: number
  updatedAt?: string
  areaM2?: number | null
  isGenerated?: boolean
  pendingProposalId?: number | null
  bbox?: Bbox | null
}

/** A proposal to register a closed or relocated enterprise's site as a suspected plot (`GET /api/plot-proposals`). */
export interface PlotProposal {
  id: number
  adcode: string
  county?: string
  enterpriseId: number
  enterpriseName: string
  creditCode?: string | null
  industry: string
  industryName?: string
  enterpriseStatus: string
  enterpriseStatusName?: string
  status: 'pending' | 'confirmed' | 'dismissed'
  createdAt: string
  createdByName?: string
  areaM2?: number | null
  geometry?: Geometry | null
  plotCode?: string | null
}

/** Industries of key supervised enterprises, by code. */
export const INDUSTRY_NAME: Record<string, string> = INDUSTRY
/** Names of the enterprise states. */
export const ENTERPRISE_STATUS_NAME: Record<string, string> = ENTERPRISE_STATUS
/** The states in the order of the filter. */
export const ENTERPRISE_STATUSES = Object.keys(ENTERPRISE_STATUS) as EnterpriseStatus[]

/** The items of a list answer, whatever its key (`items`, `enterprises`, `proposals`). */
export function itemsOf<T>(answer: unknown): T[] {
  if (Array.isArray(answer)) return answer as T[]
  const body = answer as Record<string, unknown>
  const list = body.items ?? body.enterprises ?? body.proposals
  return Array.isArray(list) ? (list as T[]) : []
}

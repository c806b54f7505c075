import type { MultiPolygon, Polygon } from 'geojson'
import type { FeatureType, PrecheckReason, Verdict } from '../../../../server/src/domain/precheck.ts'

export { VERDICT_NAME, reasonKey } from '../../../../server/src/domain/precheck.ts'
export type { PrecheckReason, Severity, Verdict } from '../../../../server/src/domain/precheck.ts'

/** The kinds of feature a reason names. */
export type HitType = FeatureType

/** A row of the officer's list (`GET /api/precheck`). */
export interface PrecheckSummary {
  id: number
  number: string
  adcode: string
  county: string
  name: string | null
  reference: string | null
  plannedUse: string
  plannedUseName: string
  landClass: '第一类' | '第二类'
  landClassName: string
  verdict: Verdict
  verdictName: string
  areaM2: number
  areaMu: number
  rerunOf: number | null
  checkedAt: string
  checkedBy: string
  checkedByName: string
}

/** A recorded check (`POST /api/precheck`, `GET /api/precheck/:id`). */
export interface PrecheckRecord extends PrecheckSummary {
  reasons: PrecheckReason[]
  geometry: Polygon | MultiPolygon
  dataVersion: Record<string, unknown>
}

/** `GET /api/precheck`. */
export interface PrecheckListResponse {
  items: PrecheckSummary[]
  limit: number
}

/** `POST /api/precheck/:id/rerun`: the new check and how it differs from the earlier one. */
export interface RerunResponse {
  check: PrecheckRecord
  previous: { id: number; number: string; verdict: Verdict; verdictName: string; checkedAt: string }
  comparison: {
    isDifferent: boolean
    isVerdictChanged: boolean
    previousVerdict: Verdict
    verdict: Verdict
    added: PrecheckReason[]
    removed: PrecheckReason[]
    changed: { before: PrecheckReason; after: PrecheckReason }[]
    dataChanges: string[]
    summary: string
  }
}

/** `POST /api/precheck/parse-upload`: the uploaded outline in EPSG:4490 and how its CRS was found. */
export interface ParsedUpload {
  geometry: MultiPolygon
  crs: { epsg: number; name: string; label?: string; how: 'prj' | 'ranges' | string }
  features: number
  warnings: string[]
}

/** One use of `GET /api/reference/gb50137`. */
export interface PlannedUseOption {
  code: string
  name: string
  major: string
  landClass: 'first' | 'second'
  landClassName: string
}

/** `GET /api/reference/gb50137`. */
export interface Gb50137Response {
  standard: string
  codes: PlannedUseOption[]
}

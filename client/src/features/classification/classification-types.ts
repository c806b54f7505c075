import type { ReviewInfo } from '../../shared/api-types.ts'
import type { FarmlandClass } from '../../shared/farmland-class.ts'

/** A rule set of `GET /api/classification/rule-sets`; `rules` is the server's ClassRuleSet. */
export interface RuleSet {
  version: string
  name: string
  isDefault: boolean
  rules: Record<string, unknown>
}

/** `GET /api/classification/rule-sets`. */
export interface RuleSetsResponse {
  ruleSets: RuleSet[]
}

/** States of a classification job. */
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled'

/** A county-wide classification run (`GET /api/classification/jobs/:id`). */
export interface ClassificationJob {
  id: number
  adcode: string
  county: string
  listId: number | null
  status: JobStatus
  statusName: string
  total: number
  done: number
  /** 0..1 */
  progress: number
  error: string | null
  /** 取消 was asked for; the run stops after its current batch. */
  isCancelRequested?: boolean
  createdAt: string
  finishedAt: string | null
}

/** `GET /api/classification/jobs/:id`, `POST …/jobs`, `POST …/cancel`. */
export interface JobResponse {
  job: ClassificationJob
}

/** `GET /api/classification/jobs?adcode=`: latest first. */
export interface JobsResponse {
  jobs: ClassificationJob[]
}

/** A class list (分类清单) of one county. */
export interface ClassList {
  id: number
  adcode: string
  county: string
  title: string
  ruleSetVersion: string
  isComplete: boolean
  parcelCount: number
  createdBy: string
  createdAt: string
  publishedAt: string | null
  review: ReviewInfo
}

/** `GET /api/class-lists?adcode=`. */
export interface ClassListsResponse {
  lists: ClassList[]
}

/** Parcels and area of one class in the list, beside the published classes. */
export interface ClassSummaryRow {
  class: FarmlandClass
  className: string
  count: number
  areaMu: number
  areaHa: number
  publishedCount: number
  publishedAreaMu: number
  publishedAreaHa: number
}

/** A township's rows; `byClass` may come as an array of rows or keyed by class. */
export interface TownshipSummary {
  /** null for parcels outside every township (未落乡镇). */
  code: string | null
  name: string
  byClass: ClassSummaryRow[] | Partial<Record<FarmlandClass, Partial<ClassSummaryRow>>>
}

/** A warning of the summary: 优先保护类面积减少 in the county or a township. */
export interface SummaryWarning {
  code: string
  message: string
  scope: 'county' | 'township'
  name: string
  fromMu: number
  toMu: number
}

/** `GET /api/class-lists/:id/summary`. */
export interface ClassListSummary {
  list: ClassList
  byClass: ClassSummaryRow[]
  byTownship: TownshipSummary[]
  changes: {
    count: number
    areaMu: number
    byTransition: { from: FarmlandClass | null; to: FarmlandClass; count: number; areaMu: number }[]
  }
  warnings: SummaryWarning[]
}

/** One parcel whose class changes against the published class. */
export interface ClassChange {
  parcelId: number
  code: string
  township: string
  dlbm: string
  fromClass: FarmlandClass | null
  toClass: FarmlandClass
  areaMu: number
  method: string
}

/** `GET /api/class-lists/:id/changes?offset=&limit=`. */
export interface ChangesResponse {
  total: number
  items: ClassChange[]
}

/** One element's line in the basis: value, threshold, table and row. */
export interface BasisElementLine {
  element: string
  value: number
  screeningValue: number | null
  interventionValue: number | null
  exceedsScreening: boolean
  exceedsIntervention: boolean
  ratio: number | null
  basis: string
}

/** One sample used for a parcel's class. */
export interface BasisSample {
  pointCode: string
  sampledOn: string
  distanceM: number
  weight?: number
  grade: string
  crop?: string | null
  cropResult?: string | null
  exceeding: BasisElementLine[]
}

/** Why a parcel has its class (ClassBasis of server/src/domain/classify-farmland.ts). */
export interface ClassBasis {
  ruleSetVersion: string
  method: string
  methodLabel: string
  aggregation?: string
  samples: BasisSample[]
  summary: string
}

/** A parcel's entry in a class list (`GET /api/class-lists/:id/entries/:parcelId`). */
export interface ClassEntry {
  parcelId: number
  code: string
  class: FarmlandClass
  className: string
  method: string
  methodName: string
  soilGrade: string | null
  soilGradeName?: string | null
  mainPollutants: string[]
  sampleCount: number
  basis: ClassBasis
  computedClass: FarmlandClass | null
  overrideReason: string | null
  overrideBy: string | null
  publishedClass: FarmlandClass | null
}

/** `GET /api/class-lists/:id/entries/:parcelId`, `POST …/override`. */
export interface EntryResponse {
  entry: ClassEntry
}

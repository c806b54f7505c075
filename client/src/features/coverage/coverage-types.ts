import type { Bbox } from '../../shared/api-types'

/** Counts and areas of a county or township, as `GET /api/coverage` answers them (active points only). */
export interface CoverageFigures {
  points: number
  byLevel: { level: string; levelName: string; points: number }[]
  byType: { type: string; typeName: string; points: number }[]
  plannedPoints: number
  farmlandParcels: number
  farmlandMu: number
  farmlandMuPerPoint: number | null
  uncoveredParcels: number
  uncoveredMu: number
  uncoveredShare: number
}

export interface CoverageCheck {
  code: string
  isMet: boolean
  isDeciding: boolean
  message: string
  basis: string
}

export interface CountyCoverage extends CoverageFigures {
  adcode: string
  name: string
  cityCode: string
  city: string
  province: string
  bbox: Bbox
  isCovered: boolean
  verdictName: string
  reasons: string[]
  checks: CoverageCheck[]
}

export interface CoverageRollUp {
  code: string
  name: string
  counties: number
  covered: number
  coveredShare: number
}

export interface CoverageSettingsInfo {
  distanceM: number
  farmlandName: string
  rule: string
  note: string
  threeLevel: boolean
  mainShare: number
}

export interface CoverageResponse {
  settings: CoverageSettingsInfo
  counties: CountyCoverage[]
  cities: CoverageRollUp[]
  provinces: CoverageRollUp[]
}

export interface TownshipCoverage extends CoverageFigures {
  code: string | null
  name: string
}

export interface TownshipResponse {
  adcode: string
  name: string
  townships: TownshipCoverage[]
}

export interface GapProposal {
  rank: number
  candidateId: number
  lon: number
  lat: number
  township: string | null
  parcels: number
  gainM2: number
  gainMu: number
  cumulativeMu: number
  cumulativeShare: number
}

export interface GapResponse {
  adcode: string
  name: string
  k: number
  spacingKm: number
  distanceM: number
  crs: string
  candidates: number
  uncoveredParcels: number
  uncoveredMu: number
  remainingMu: number
  shortfall: string | null
  ranAt: string
  proposals: GapProposal[]
}

export interface PlannedPoint {
  id: number
  code: string
  name: string
  levelName: string
  typeName: string
  status: string
}

export interface AcceptResponse {
  point: PlannedPoint
  historyId: number
}

/** A GeoJSON FeatureCollection as the coverage routes answer it (uncovered parcels, points). */
export interface CoverageFeatures {
  type: 'FeatureCollection'
  features: { type: 'Feature'; id: number; geometry: unknown; properties: Record<string, unknown> }[]
  total?: number
  truncated?: boolean
  message?: string | null
}

export const SPACINGS_KM = [2.5, 5, 10] as const

export const POINT_LEVEL_OPTIONS = [
  { value: 'national', label: '国控' },
  { value: 'provincial', label: '省控' },
  { value: 'city', label: '市控' },
  { value: 'county', label: '县控' },
] as const

export const POINT_TYPE_OPTIONS = [
  { value: 'basic', label: '基础点位' },
  { value: 'risk', label: '风险监控点位' },
  { value: 'background', label: '背景点位' },
  { value: 'produce', label: '农产品产地点位' },
] as const

/** Answers of the /api/indicators routes (see server/src/services/indicators.service.ts). */

export interface Figure {
  count: number
  areaM2: number
  areaMu: number
}

export interface AppliedTarget {
  id: number
  jurisdiction: string
  jurisdictionName: string
  level: string
  levelName: string
  year: number
  targetPct: number
  comparator: 'about' | 'at_least'
  comparatorName: string
  source: string
  confidence: 'V' | 'S' | 'R'
}

export interface Judged {
  ratePct: number | null
  target: AppliedTarget | null
  isMet: boolean | null
}

export interface FarmlandFigures extends Judged {
  B: Figure
  C: Figure
  D: Figure
  E: Figure
  notCounted: Figure & { byReason: Record<string, Figure> }
}

export interface PlotFigures extends Judged {
  total: Figure
  met: Figure
  unmet: Figure
}

export type CountyOf<F> = F & { adcode: string; name: string; cityCode: string; city: string }
export type CityOf<F> = F & { cityCode: string; name: string; countiesIncluded: number; countiesInCity: number }

export interface RuleInfo {
  code: string
  name: string
}

export interface FarmlandIndicator {
  indicatorName: string
  year: number
  years: number[]
  formula: string
  termNames: Record<'B' | 'C' | 'D' | 'E', string>
  rule: RuleInfo
  targetYearRule: RuleInfo
  counties: CountyOf<FarmlandFigures>[]
  cities: CityOf<FarmlandFigures>[]
  blackSoilCounties: { adcode: string; name: string }[]
}

export interface PlotIndicator {
  indicatorName: string
  year: number
  formula: string
  basis: RuleInfo
  targetYearRule: RuleInfo
  counties: CountyOf<PlotFigures>[]
  cities: CityOf<PlotFigures>[]
}

export interface AccountRow {
  id: number
  county: string
  parcelId: number | null
  parcelCode: string
  township: string | null
  dlbm: string
  degreeName: string
  areaMu: number
  measures: { measure: string; bucket: string; bucketName: string }[]
  produceCompliant: boolean | null
  produceBasis: string | null
  term: string | null
  reason: string
  isGenerated: boolean
}

export interface RedevelopmentRow {
  id: number
  county: string
  plotId: number | null
  plotCode: string
  plotName: string
  year: number
  plannedUse: string
  areaMu: number
  meetsRequirement: boolean
  basis: string
  isGenerated: boolean
}

export interface RowsAnswer<R> {
  termName: string
  total: Figure
  isTruncated: boolean
  rows: R[]
}

export interface TargetRow {
  id: number
  jurisdiction: string
  jurisdictionName: string
  levelName: string
  indicator: 'farmland' | 'plot'
  indicatorName: string
  year: number
  targetPct: number
  comparator: 'about' | 'at_least'
  comparatorName: string
  source: string
  confidence: 'V' | 'S' | 'R'
  version: number
  updatedBy: string
  updatedAt: string
}

export interface TargetsAnswer {
  targets: TargetRow[]
  jurisdictions: { code: string; name: string; levelName: string }[]
}

export interface BlackSoilPoint {
  id: number
  code: string
  name: string
  sampledOn: string | null
  organicMatterGKg: number | null
  ploughDepthCm: number | null
  judged: boolean
  meets: boolean | null
  reasons: string[]
}

export interface BlackSoilShare {
  pointCount: number
  judged: number
  meeting: number
  sharePct: number | null
}

export interface BlackSoilAnswer {
  adcode: string
  name: string
  settings: { minOrganicMatterGKg: number; minPloughDepthCm: number; source: string }
  total: BlackSoilShare
  townships: (BlackSoilShare & { code: string | null; name: string; points: BlackSoilPoint[] })[]
}

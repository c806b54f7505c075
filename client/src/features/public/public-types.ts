import type { Bbox } from '../../shared/api-types'

/** Monitoring points of one level in a county. */
export interface LevelCount {
  level: 'national' | 'provincial' | 'city' | 'county'
  levelName: string
  points: number
}

/** A county of `GET /api/public/counties` with the coverage of its soil monitoring network (counts only). */
export interface PublicCounty {
  adcode: string
  name: string
  city: string
  province: string
  bbox: Bbox
  coverage: {
    points: number
    byLevel: LevelCount[]
    farmlandMu: number
    farmlandMuPerPoint: number | null
    /** By the coverage rule of the staff view (active points only). */
    isCovered: boolean
    verdictName: string
    /** Why the county is not covered (counts and class names only). */
    reasons: string[]
  }
}

/** `GET /api/public/counties`. */
export interface PublicCountiesResponse {
  counties: PublicCounty[]
  bbox: Bbox | null
  /** The coverage rule in words. */
  rule: string
}

/** The public lists a plot can be on. */
export type PublicListCode = 'suspected' | 'contaminated' | 'control' | 'removed'

/** A published plot of `GET /api/public/plots`. */
export interface PublicPlot {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  address: string | null
  formerIndustry: string | null
  status: string
  statusName: string
  list: PublicListCode
  listName: string
  riskLevel: string | null
  riskLevelName: string | null
  negativeUses: { useCode: string; useName: string; basis: string }[]
  areaMu: number
  areaM2: number
  publishedAt: string
  bbox: Bbox
  isSample: boolean
}

/** A published control zone of `GET /api/public/control-zones`. */
export interface PublicControlZone {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  announcement: { number: string | null; date: string | null; text: string | null }
  monitoring: string[]
  plotCodes: string[]
  signs: { label: string; lon: number; lat: number }[]
  areaMu: number
  areaM2: number
  publishedAt: string
  bbox: Bbox
  isSample: boolean
}

/** Kinds of things the public search finds. */
export type PublicSearchKind = 'county' | 'township' | 'plot' | 'control-zone'

/** One hit of `GET /api/public/search`; plots and zones carry their `id`. */
export interface PublicSearchResult {
  kind: PublicSearchKind
  kindName: string
  id?: number
  code: string
  name: string
  context: string
  bbox: Bbox
}

/** What the details panel shows. */
export type PublicSelection =
  { kind: 'plot'; id: number } | { kind: 'control-zone'; id: number } | { kind: 'county'; adcode: string }

import type { MultiPolygon, Polygon } from 'geojson'

/** A list a plot can be on (PUBLIC_LISTS of server/src/domain/public-fields.ts). */
export type PlotListCode = 'suspected' | 'contaminated' | 'control' | 'removed'

/** One plot of `GET /api/plots`. */
export interface PlotListItem {
  id: number
  code: string
  name: string
  adcode: string
  county: string
  status: string
  statusName: string
  list: PlotListCode
  listName: string
  riskLevel: string | null
  reviewStatus: string
  areaM2: number
  areaMu: number
  updatedAt: string
}

/** `GET /api/plots`. */
export interface PlotListResponse {
  items: PlotListItem[]
}

/** A report or document handed in with a step (初步调查报告, 省级评审意见 …). */
export interface PlotDocument {
  title: string
  /** YYYY-MM-DD, not in the future. */
  date: string
  /** Summary of the conclusions, at least 10 characters. */
  body: string
  /** The file name of the attachment (only the name is kept). */
  attachmentName: string
}

/** What a step asks for. */
export type RequirementField = 'document' | 'reviewDocument' | 'riskLevel' | 'reason' | 'exceedance'

/** One requirement of a step, as the server describes it. */
export interface TransitionRequirement {
  field: RequirementField
  /** The Chinese name of what is asked, e.g. 初步调查报告, 风险等级, 暂缓开发理由. */
  label: string
}

/** One next step of a plot, from its state, for the signed-in user. */
export interface PlotTransition {
  action: string
  label: string
  to: string
  toName: string
  requires: TransitionRequirement[]
  /** What becomes public with this step (shown to the officer before confirming). */
  publicEffect?: string | null
  isAllowed: boolean
  /** Why the step cannot be taken now (wrong role, no pollutant above the screening value …). */
  refusal?: string | null
}

/** One step in the chronology of a plot. */
export interface PlotEvent {
  id: number
  action: string
  label: string
  from: string | null
  fromName?: string | null
  to: string | null
  toName?: string | null
  at: string
  actor: string
  actorName: string
  document?: PlotDocument | null
  /** The provincial review opinion handed in with 列入名录. */
  reviewDocument?: PlotDocument | null
  reason?: string | null
  riskLevel?: string | null
}

/** One measured pollutant of a plot, against GB 36600 for the plot's land class. */
export interface PlotPollutant {
  id: number
  substance: string
  name: string
  cas: string | null
  valueMgKg: number
  sampledOn: string
  depthM: number | null
  note: string | null
  screening: number | null
  intervention: number | null
  exceedsScreening: boolean
  exceedsIntervention: boolean
  /** Value ÷ screening value. */
  ratio: number | null
  /** As, Co, V above screening: compared with the local background value (GB 36600 表1 注); null for other items. */
  background: null | { valueMgKg: number | null; isWithinBackground: boolean | null; note: string }
  /** Counts as 超标 for 确认为污染地块 (above screening and not within the background value). */
  isExceedance: boolean
}

/** One forbidden use of a plot (负面清单). */
export interface NegativeUse {
  useCode: string
  useName: string
  basis: string
  reason: string | null
  /** Follows from the plot's list by law (法定); cannot be removed. */
  isDefault: boolean
  createdBy?: string | null
  createdByName?: string | null
  createdAt?: string | null
}

/** A control zone protecting the plot. */
export interface PlotControlZone {
  id: number
  code: string
  name: string
  reviewStatus: string
  reviewStatusName?: string
}

/** One change_history row of the plot. */
export interface PlotHistoryEntry {
  id: number
  action: string
  actionName?: string
  actor: string
  actorName?: string
  reason: string | null
  changedAt: string
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
}

/** `GET /api/plots/:id`: the plot profile. */
export interface PlotProfile {
  id: number
  code: string
  name: string
  adcode: string
  county: string
  status: string
  statusName: string
  list: { code: PlotListCode; name: string; keeper: string }
  riskLevel: string | null
  formerIndustry: string | null
  formerIndustryName?: string | null
  landUser: string | null
  address: string | null
  contact: string | null
  plannedLandClass: 'first' | 'second' | null
  /** The GB 36600 class the values are taken for (第一类 when the planned use is unclear). */
  landClassName?: string
  areaM2: number
  areaMu: number
  version: number
  reviewStatus: string
  geometry: Polygon | MultiPolygon
  transitions: PlotTransition[]
  events: PlotEvent[]
  pollutants: PlotPollutant[]
  negativeList: NegativeUse[]
  controlZones: PlotControlZone[]
  history: PlotHistoryEntry[]
}

/** One substance of GB 36600 (`GET /api/reference/gb36600`), values in mg/kg, null where the table has none. */
export interface Gb36600Substance {
  key: string
  name: string
  cas: string | null
  /** inorganic, voc, svoc, other. */
  group: string
  /** The table cited, e.g. GB 36600-2018 表1（基本项目）. */
  table: string
  screening: { first: number | null; second: number | null }
  intervention: { first: number | null; second: number | null }
}

/** One GB 50137 land-use code (`GET /api/reference/gb50137`). */
export interface Gb50137Use {
  code: string
  name: string
  landClass?: string
}

/** The body of `POST /api/plots`. */
export interface NewPlot {
  name: string
  adcode?: string
  address?: string
  formerIndustry: string
  landUser?: string
  contact?: string
  plannedLandClass?: 'first' | 'second' | null
  geometry: Polygon | MultiPolygon
}

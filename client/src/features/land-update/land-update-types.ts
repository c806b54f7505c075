import type { FeatureCollection, Geometry } from 'geojson'

export type MatchKind = 'unchanged' | 'changed' | 'added' | 'retired'
export type Decision = 'ours' | 'theirs'

export interface KindTotals {
  parcels: number
  areaMu: number
}

export interface UpdateStatus {
  importId: number
  status: 'planned' | 'applying' | 'applied' | 'cancelled' | 'failed'
  statusLabel: string
  progress: { done: number; total: number }
  result: { unchanged: number; changed: number; added: number; retired: number; kept: number } | null
  message: string | null
}

export interface UpdateConflict {
  parcelId: number
  kind: MatchKind
  kindLabel: string
  decision: Decision | null
  message: string
  ours: { code: string; class: string; dlbm: string; areaMu: number; version: number; editedBy: string | null }
  theirs: { bsm: string | null; dlbm: string | null; dlmc: string | null; areaMu: number } | null
}

/** `GET /api/land-updates/:importId`: the change an annual update makes, before it is applied. */
export interface UpdatePreview {
  importId: number
  countyName: string
  status: UpdateStatus
  kinds: { kind: MatchKind; label: string }[]
  totals: Record<MatchKind, KindTotals>
  byClass: { class: string; className: string; kinds: Record<MatchKind, KindTotals> }[]
  byTownship: { code: string | null; name: string; kinds: Record<MatchKind, KindTotals> }[]
  warnings: {
    parcelId: number
    code: string
    className: string
    kindLabel: string
    message: string
    point: [number, number]
  }[]
  conflicts: UpdateConflict[]
  undecided: number
  canApply: boolean
}

export type PlanFeatures = FeatureCollection<
  Geometry,
  { no: number; kind: MatchKind; code: string | null; class: string }
>

/** What the officer chose over the detection (sent as form fields). */
export interface ImportChoices {
  adcode: string
  /** 地类图斑 (DLTB) or 永久基本农田图斑 (YJJBNTTB). */
  kind?: LayerKind
  encoding?: 'UTF-8' | 'GBK' | ''
  epsg?: string
  layer?: string
  farmlandCodes?: string
  fieldMap?: Record<string, string | null>
}

export type ApplyMode = 'valid' | 'all'

export type LayerKind = 'dltb' | 'yjjbnt'

export interface Inspection {
  county: { adcode: string; name: string }
  file: {
    fileName: string
    format: string
    layers: { name: string; geometryType: string; featureCount: number }[]
    layer: { name: string; featureCount: number; fields: { name: string; type: string }[] }
  }
  crs:
    | { ok: true; epsg: number; label: string; how: string; reason: string; warnings: string[] }
    | { ok: false; code: string; message: string; reason: string }
  encoding: {
    encoding: 'UTF-8' | 'GBK'
    how: string
    reason: string
    samples: { field: string; decoded: Record<'UTF-8' | 'GBK', string> }[]
  } | null
  fieldMap: Record<string, string | null>
  attributes: { key: string; label: string }[]
  farmlandCodes: string[]
  settings: { key: string; label: string; value: unknown }[]
}

export interface ImportStatus {
  id: number
  status: 'staging' | 'checked' | 'applying' | 'applied' | 'cancelled' | 'failed'
  statusLabel: string
  applyMode: ApplyMode | null
  progress: { done: number; total: number }
  farmlandAdded: number | null
  contextAdded: number | null
  message: string | null
}

export interface ImportReport {
  import: {
    id: number
    countyName: string
    kind: LayerKind
    fileName: string
    layerName: string
    crs: { epsg: number; label: string; reason: string }
    encoding: { encoding: string; reason: string } | null
    farmlandCodes: string[]
  }
  status: ImportStatus
  totals: { features: number; refused: number; warned: number; farmlandValid: number; contextValid: number }
  byLandCode: {
    dlbm: string | null
    dlmc: string | null
    isFarmland: boolean
    features: number
    refused: number
    areaMu: number
  }[]
  byTownship: {
    code: string | null
    name: string
    features: number
    farmland: number
    refused: number
    areaMu: number
  }[]
  byProblem: { code: string; title: string; severity: 'error' | 'warning'; features: number }[]
  problems: {
    seq: number
    bsm: string | null
    dlbm: string | null
    isRefused: boolean
    point: [number, number] | null
    problems: {
      code: string
      severity: 'error' | 'warning'
      title: string
      message: string
      location?: [number, number]
    }[]
  }[]
  /** What applying a 永久基本农田 layer replaces (null for DLTB, and once applied). */
  replaces: { imported: number; generated: number; message: string } | null
  blockers: string[]
  canApplyAll: boolean
  canApplyValid: boolean
}

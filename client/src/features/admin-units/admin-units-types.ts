import type { FeatureCollection } from 'geojson'
import type { Bbox } from '../../shared/api-types'

/** One layer of the uploaded file as the preview lists it. */
export interface UnitLayerSummary {
  name: string
  fields: string[]
  geometryType: string
  featureCount: number
  encoding: { encoding: 'UTF-8' | 'GBK'; how: string; reason: string } | null
  isSelected: boolean
  codeField: string | null
  nameField: string | null
  crs:
    | { ok: true; epsg: number; name: string; label: string; how: string; reason: string; warnings: string[] }
    | { ok: false; code: string; message: string }
  sampleNames: string[]
}

/** One problem of the file, with its feature and place. */
export interface UnitProblem {
  code: string
  severity: 'error' | 'warning' | 'note'
  message: string
  index?: number
  layer?: string
  unitCode?: string
  unitName?: string
  location?: [number, number]
  areaM2?: number
}

/** Records of one kind the new outline leaves outside. */
export interface RecordsOutside {
  kind: string
  count: number
  ids: number[]
  codes: string[]
}

/** `POST /api/admin/units/preview`. */
export interface UnitsPreview {
  previewId: string | null
  expiresInMinutes: number | null
  fileName: string
  layers: UnitLayerSummary[]
  countiesFound: string[]
  county: {
    adcode: string
    name: string | null
    province: string
    cityCode: string
    city: string | null
    isNew: boolean
    areaM2: number | null
  }
  townships: { code: string; name: string; areaM2: number; features: number }[]
  removedTownships: { code: string; name: string; records: number }[]
  counts: { features: number; townships: number; errors: number; warnings: number }
  problems: UnitProblem[]
  recordsOutside: RecordsOutside[]
  bbox: Bbox | null
  map: FeatureCollection
}

/** `POST /api/admin/units/apply`. */
export interface UnitsApplied {
  importId: number
  adcode: string
  name: string
  isNew: boolean
  areaM2: number
  townships: { added: number; replaced: number; removed: number }
  recordsOutside: RecordsOutside[]
}

/** What the administrator chose for the next preview. */
export interface PreviewChoices {
  layers?: string[]
  codeField?: string
  nameField?: string
  adcode?: string
  encoding?: string
  centralMeridian?: string
}

/** Answers of /api/monitoring (see server/src/services/monitoring.service.ts). */
import type { FlagLevel, ValueFlag } from '../../../../server/src/domain/monitoring.ts'
import type { ImportReport } from '../../../../server/src/domain/monitoring-import.ts'

export type { FlagLevel, ImportReport, ValueFlag }

/** One bucket of the counts by level, type or status. */
export interface PointCount {
  key: string
  name: string
  count: number
}

/** What the list and the detail of a point both carry. */
interface PointBase {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  level: string
  levelName: string
  type: string
  typeName: string
  status: string
  statusName: string
}

/** A point of `GET /api/monitoring/points`. */
export interface PointListItem extends PointBase {
  landUseName: string
  township: string | null
  results: number
  lastSampledOn: string | null
  isGenerated: boolean
}

export interface PointList {
  items: PointListItem[]
  total: number
  isTruncated: boolean
  counts: { level: PointCount[]; type: PointCount[]; status: PointCount[] }
}

export interface PointResult {
  id: number
  sampledOn: string
  medium: 'soil' | 'crop'
  mediumName: string
  crop: string | null
  ph: number | null
  organicMatterGKg: number | null
  ploughDepthCm: number | null
  flags: ValueFlag[]
  worst: FlagLevel
  worstLabel: string
  isGenerated: boolean
  importId: number | null
  enteredBy: string
}

/** `GET /api/monitoring/points/:id`. */
export interface PointDetail extends PointBase {
  township: string | null
  landUse: string | null
  landUseName: string
  soilType: string | null
  lon: number
  lat: number
  isGenerated: boolean
  version: number
  standard: { kind: 'gb15618' | 'gb36600' | 'none'; label: string }
  cropStandard: string
  rights: { canEdit: boolean; canEnterResults: boolean }
  results: PointResult[]
}

/** The colour class of a flag: orange above screening, red above intervention or a crop limit. */
export function flagTone(level: FlagLevel): 'ok' | 'warn' | 'bad' | 'muted' {
  if (level === 'ok') return 'ok'
  if (level === 'screening') return 'warn'
  if (level === 'intervention' || level === 'limit') return 'bad'
  return 'muted'
}

export const LEVEL_OPTIONS = [
  ['national', '国控'],
  ['provincial', '省控'],
  ['city', '市控'],
  ['county', '县控'],
] as const
export const TYPE_OPTIONS = [
  ['basic', '基础点位'],
  ['risk', '风险监控点位'],
  ['background', '背景点位'],
  ['produce', '农产品产地点位'],
] as const
export const STATUS_OPTIONS = [
  ['active', '在用'],
  ['planned', '规划'],
  ['retired', '已撤销'],
] as const

import type { MultiPolygon, Polygon } from 'geojson'
import { ZONE_PLOT_STATUSES } from '../../../../server/src/domain/control-zone.ts'
import type { ReviewStatus } from '../../shared/api-types'

/** Monitoring a control zone requires (监测要求). */
export interface ZoneMonitoring {
  monitorSoil: boolean
  monitorSurfaceWater: boolean
  monitorGroundwater: boolean
  monitorAir: boolean
}

/** A sign (标识) of a control zone, in CGCS2000 degrees. */
export interface ZoneSign {
  label: string
  lon: number
  lat: number
}

/** A plot a control zone protects. */
export interface ZonePlot {
  id: number
  code: string
  name: string
  status?: string
  statusName?: string
}

/** One row of `GET /api/control-zones`. */
export interface ZoneSummary {
  id: number
  code: string
  name: string
  adcode: string
  county?: string
  reviewStatus: ReviewStatus
  reviewStatusName?: string
  areaMu?: number | null
  plotCount?: number
  signCount?: number
  updatedAt?: string
}

/** `GET /api/control-zones/:id` (and the answer of a save). */
export interface ZoneDetail extends ZoneMonitoring {
  id: number
  code: string
  name: string
  adcode: string
  county?: string
  reviewStatus: ReviewStatus
  reviewStatusName?: string
  reviewReason?: string | null
  version: number
  geometry: Polygon | MultiPolygon
  areaM2?: number | null
  plots: ZonePlot[]
  signs: ZoneSign[]
  announcementNo: string | null
  announcementDate: string | null
  announcementText: string | null
  /** What the server still misses before the zone may be submitted for review (empty when complete). */
  missingForSubmit: string[]
}

/** The body of `POST /api/control-zones` and (with `version`) `PATCH /api/control-zones/:id`. */
export interface ZoneInput extends ZoneMonitoring {
  name: string
  adcode?: string
  geometry: Polygon | MultiPolygon
  plotIds: number[]
  signs: ZoneSign[]
  /** Blank clears the field. */
  announcementNo: string
  announcementDate: string | null
  announcementText: string
}

/** A plot of `GET /api/plots` (only what the zone form needs). */
export interface PlotChoice {
  id: number
  code: string
  name: string
  adcode: string
  status: string
  statusName: string
  listName?: string | null
}

/** Plot states a control zone may protect (server/src/domain/control-zone.ts; the server checks them again on saving). */
export { ZONE_PLOT_STATUSES }

/** Names of the review states when the server gives none. */
export const REVIEW_STATUS_NAME: Record<ReviewStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审定',
  returned: '已退回',
  published: '已发布',
}

type Loose = Record<string, any>

/**
 * A zone detail from the server, whatever nesting it uses for the announcement (`announcement.{no,date,text}`
 * or flat fields) and the monitoring (`monitoring.{soil,…}` or flat `monitor*` flags).
 */
export function normalizeZone(raw: Loose): ZoneDetail {
  const a: Loose = raw.announcement ?? {}
  const m: Loose = raw.monitoring ?? {}
  const flag = (flat: string, nested: string) => Boolean(raw[flat] ?? m[nested] ?? m[flat] ?? false)
  return {
    id: Number(raw.id),
    code: raw.code,
    name: raw.name,
    adcode: raw.adcode,
    county: raw.county,
    reviewStatus: raw.reviewStatus ?? raw.review?.status ?? 'draft',
    reviewStatusName: raw.reviewStatusName ?? raw.review?.statusName,
    reviewReason: raw.reviewReason ?? raw.review?.reason ?? null,
    version: Number(raw.version ?? raw.review?.version ?? 1),
    geometry: raw.geometry,
    areaM2: raw.areaM2 ?? null,
    plots: (raw.plots ?? []).map((p: Loose) => ({
      id: Number(p.id ?? p.plotId),
      code: p.code,
      name: p.name,
      status: p.status,
      statusName: p.statusName,
    })),
    signs: (raw.signs ?? []).map((s: Loose) => ({ label: s.label, lon: Number(s.lon), lat: Number(s.lat) })),
    announcementNo: raw.announcementNo ?? a.no ?? a.number ?? null,
    announcementDate: (raw.announcementDate ?? a.date ?? null)?.slice?.(0, 10) ?? null,
    announcementText: raw.announcementText ?? a.text ?? null,
    monitorSoil: flag('monitorSoil', 'soil'),
    monitorSurfaceWater: flag('monitorSurfaceWater', 'surfaceWater'),
    monitorGroundwater: flag('monitorGroundwater', 'groundwater'),
    monitorAir: flag('monitorAir', 'air'),
    missingForSubmit: Array.isArray(raw.missingForSubmit) ? raw.missingForSubmit : [],
  }
}

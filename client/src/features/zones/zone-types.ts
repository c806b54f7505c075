import type { MultiPolygon, Polygon } from 'geojson'
import { ZONE_PLOT_STATUSES } from '../../../../server/src/domain/control-zone.ts'
import type { ReviewStatus } from '../../shared/api-types'
import type { ZoneAnswer } from '@contracts/zones'

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

/** A zone as the editor holds it: the answer of `GET /api/control-zones/:id` with announcement and monitoring flat. */
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

/** The editor's view of a zone answer. */
export function zoneDetailOf(answer: ZoneAnswer): ZoneDetail {
  return {
    id: answer.id,
    code: answer.code,
    name: answer.name,
    adcode: answer.adcode,
    county: answer.county,
    reviewStatus: answer.review.status,
    reviewStatusName: answer.reviewStatusName,
    reviewReason: answer.review.reason,
    version: answer.version,
    geometry: answer.geometry,
    areaM2: answer.areaM2,
    plots: answer.plots.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      status: p.status,
      statusName: p.statusName,
    })),
    signs: answer.signs.map((s) => ({ label: s.label, lon: s.lon, lat: s.lat })),
    announcementNo: answer.announcement.number,
    announcementDate: answer.announcement.date?.slice(0, 10) ?? null,
    announcementText: answer.announcement.text,
    monitorSoil: answer.monitoring.soil,
    monitorSurfaceWater: answer.monitoring.surfaceWater,
    monitorGroundwater: answer.monitoring.groundwater,
    monitorAir: answer.monitoring.air,
    missingForSubmit: answer.missingForSubmit,
  }
}

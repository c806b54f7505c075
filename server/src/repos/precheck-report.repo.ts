import type { Geometry } from 'geojson'
import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { FeatureType } from '../domain/precheck-reasons.ts'

/** A feature a check's reasons name, as drawn on the report map, clipped to the map box. */
export interface ReportFeature {
  type: FeatureType
  id: number
  /** Plot or enterprise status, monitoring point level; null for zones and farmland. */
  style: string | null
  /**
   * True when this is the version the check read (published plots and zones, enterprise sites: kept at publication,
   * migration 020); false for today's geometry (farmland parcels, monitoring points, and versions older than 020).
   */
  is_as_read: boolean
  geometry: Geometry
}

/** Box in EPSG:4490 lon/lat. */
export interface LonLatBox {
  xmin: number
  ymin: number
  xmax: number
  ymax: number
}

/** A feature of a check with the version the check read (null when the check recorded none). */
export interface WantedFeature {
  type: FeatureType
  id: number
  version: number | null
}

export async function findReportFeatures(
  db: Queryable,
  wanted: WantedFeature[],
  box: LonLatBox,
): Promise<ReportFeature[]> {
  if (!wanted.length) return []
  const { rows } = await db.query<ReportFeature>(sqlFile('precheck/report-features'), [
    JSON.stringify(wanted),
    box.xmin,
    box.ymin,
    box.xmax,
    box.ymax,
  ])
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

import type { CheckFeatures } from '../../../contracts/precheck.ts'
import type { Queryable } from '../db/database.ts'
import { SEVERITIES, type PrecheckReason, type Severity } from '../domain/precheck-reasons.ts'
import { findReportFeatures, type ReportFeature, type WantedFeature } from '../repos/precheck-report.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { boxOf, expandBox } from './precheck-report-map.ts'
import type { Check } from './precheck-report-style.ts'
import { getPrecheck } from './precheck.service.ts'

/** The features a check's reasons name, in the version it read where kept, clipped to the report map's box. */
export async function readCheckFeatures(db: Queryable, check: Check): Promise<ReportFeature[]> {
  const radiusM = check.dataVersion?.rules?.settings?.monitoringRadiusM ?? 500
  return findReportFeatures(
    db,
    uniqueFeatures(check.reasons, check.dataVersion?.features ?? {}),
    expandBox(boxOf(check.geometry), radiusM * 1.5),
  )
}

function uniqueFeatures(reasons: PrecheckReason[], versions: Record<string, number>): WantedFeature[] {
  const seen = new Map<string, WantedFeature>()
  for (const r of reasons) {
    const key = `${r.featureType}:${r.featureId}`
    if (r.featureType && r.featureId !== null)
      seen.set(key, { type: r.featureType, id: r.featureId, version: versions[key] ?? null })
  }
  return [...seen.values()]
}

/**
 * `GET /api/precheck/:id/features`: the features a recorded check's reasons name as GeoJSON (EPSG:4490), as the
 * PDF draws them: published plots and zones and enterprise sites in the version the check read, even when changed
 * or withdrawn since; farmland parcels and monitoring points as they are today; clipped to the report map's box.
 */
export async function getPrecheckFeatures(db: Queryable, ctx: AuthContext, id: number): Promise<CheckFeatures> {
  const check = await getPrecheck(db, ctx, id)
  const features = await readCheckFeatures(db, check)
  const versions = check.dataVersion?.features ?? {}
  return {
    type: 'FeatureCollection',
    features: features.map((f) => {
      const named = check.reasons.filter((r) => r.featureType === f.type && r.featureId === f.id)
      const severity = named.reduce<Severity>(
        (s, r) => (SEVERITIES.indexOf(r.severity) > SEVERITIES.indexOf(s) ? r.severity : s),
        'clear',
      )
      return {
        type: 'Feature',
        geometry: f.geometry,
        properties: {
          type: f.type,
          id: f.id,
          code: named[0]?.featureCode ?? null,
          name: named[0]?.featureName ?? null,
          severity,
          style: f.style,
          version: versions[`${f.type}:${f.id}`] ?? null,
          isAsRead: f.is_as_read,
        },
      }
    }),
  }
}

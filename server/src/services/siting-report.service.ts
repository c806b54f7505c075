import type { Queryable } from '../db/database.ts'
import { findSitingReportFeatures } from '../repos/siting.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { boxOf, expandBox } from './precheck-report-map.ts'
import type { PrecheckReportFile } from './precheck-report.service.ts'
import { renderSitingReport } from './siting-report-pdf.ts'
import { getSitingCheck } from './siting.service.ts'

/**
 * The 建设项目选址核查意见书 of a recorded check the caller may read (404 unknown, 403 out of scope, as
 * GET /api/siting-checks/:id), with the features its reasons name and the monitoring points it lists, as they are today.
 */
export async function buildSitingReport(db: Queryable, ctx: AuthContext, id: number): Promise<PrecheckReportFile> {
  const check = await getSitingCheck(db, ctx, id)
  const rules = (check.rules ?? {}) as Record<string, number | undefined>
  const reachM = Math.max(rules.priorityAreaM ?? 1000, rules.waterSourceM ?? 1000, rules.monitoringM ?? 2000)
  const wanted = [
    ...check.reasons.flatMap((r) =>
      r.featureType && r.featureId !== null ? [{ type: r.featureType, id: r.featureId, code: r.featureCode }] : [],
    ),
    ...check.monitoring.map((p) => ({ type: 'monitoring-point' as const, id: p.id, code: p.code })),
  ]
  const features = await findSitingReportFeatures(db, wanted, expandBox(boxOf(check.geometry), reachM * 1.2))
  const pdf = await renderSitingReport(check, features)
  const digits = check.number.match(/\d+/g)?.join('-') ?? String(check.id)
  return { pdf, fileName: { utf8: `建设项目选址核查意见书-${check.number}.pdf`, ascii: `siting-check-${digits}.pdf` } }
}

import type { Queryable } from '../db/database.ts'
import type { AuthContext } from './auth.service.ts'
import { readCheckFeatures } from './precheck-features.service.ts'
import { renderPrecheckReport } from './precheck-report-pdf.ts'
import { getPrecheck } from './precheck.service.ts'

/** The 用地准入核查意见书 of a recorded check as a PDF, with the name the browser shows it under. */
export interface PrecheckReportFile {
  pdf: Buffer
  fileName: { utf8: string; ascii: string }
}

/**
 * The report of a recorded check the caller may read (404 unknown, 403 out of scope, as GET /api/precheck/:id).
 * The map shows each named feature clipped to the map: published plots and zones and enterprise sites in the
 * version the check read, farmland parcels and monitoring points as they are today, which the report says under the map.
 */
export async function buildPrecheckReport(db: Queryable, ctx: AuthContext, id: number): Promise<PrecheckReportFile> {
  const check = await getPrecheck(db, ctx, id)
  const pdf = await renderPrecheckReport(check, await readCheckFeatures(db, check))
  const digits = check.number.match(/\d+/g)?.join('-') ?? String(check.id)
  return { pdf, fileName: { utf8: `用地准入核查意见书-${check.number}.pdf`, ascii: `precheck-${digits}.pdf` } }
}

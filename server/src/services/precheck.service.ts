import type { Database, Queryable } from '../db/database.ts'
import type { BackgroundSettings } from '../domain/gb36600.ts'
import { GB50137_CODES, LAND_CLASS_NAME, isGb50137Code } from '../domain/gb50137.ts'
import {
  PRECHECK_NUMBER_FORMAT, PRECHECK_RULES_VERSION, LAND_CLASS_SHORT, VERDICT_NAME, checkPlannedUse, compareChecks, decidePrecheck,
  type DataVersion, type PrecheckSettings, type Verdict,
} from '../domain/precheck.ts'
import { publicArea } from '../domain/public-fields.ts'
import { assertCountyInScope, scopeAdcodes } from '../http/auth.ts'
import { AppError } from '../http/errors.ts'
import {
  findHits, findPrecheck, listPrechecks, readDataVersion, recordPrecheck, type PrecheckListRow, type PrecheckRow,
} from '../repos/precheck.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { assertAdcodeInScope } from './control-zones.service.ts'
import { checkOutline, problemsError, type Geo } from './registry-geometry.ts'

export interface PrecheckDeps {
  db: Database
  settings: PrecheckSettings & { maxVertices: number; outsideToleranceM2: number; backgroundMgKg: BackgroundSettings; listLimit: number }
}

export interface PrecheckInput {
  geometry: unknown
  plannedUse: string
  name?: string | null
  reference?: string | null
}

const blankToNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim())
const useName = (code: string) => (isGb50137Code(code) ? GB50137_CODES[code] : code)

/** Runs the checks on an outline of `adcode` and records the result under the next number, in the caller's transaction. */
async function runAndRecord(tx: Queryable, deps: PrecheckDeps, ctx: AuthContext, input: {
  adcode: string; geometry: Geo; plannedUse: { code: string; name: string }; name: string | null; reference: string | null; rerunOf: number | null
}): Promise<PrecheckRow> {
  const { settings } = deps
  const hits = await findHits(tx, input.geometry, settings.monitoringRadiusM)
  const rules = {
    monitoringRadiusM: settings.monitoringRadiusM, minOverlapM2: settings.minOverlapM2, law59Scope: settings.law59Scope,
    strictFarmlandSeverity: settings.strictFarmlandSeverity, interventionInsideSeverity: settings.interventionInsideSeverity,
  }
  const decision = decidePrecheck({
    plannedUse: input.plannedUse, hits, settings: rules, backgrounds: settings.backgroundMgKg,
    monitoringPointsRead: hits.filter((h) => h.type === 'monitoring-point').length,
  })
  const dataVersion: DataVersion = {
    rules: { version: PRECHECK_RULES_VERSION, settings: rules, backgrounds: settings.backgroundMgKg },
    ...(await readDataVersion(tx, input.adcode)),
    features: Object.fromEntries(hits.map((h) => [`${h.type}:${h.id}`, h.version])),
  }
  return recordPrecheck(tx, {
    adcode: input.adcode, numberFormat: PRECHECK_NUMBER_FORMAT, name: input.name, reference: input.reference,
    plannedUse: input.plannedUse.code, landClass: decision.landClass, verdict: decision.verdict, reasons: decision.reasons, dataVersion,
    geometry: input.geometry, rerunOf: input.rerunOf, checkedBy: ctx.user.username, checkedByName: ctx.user.displayName,
  })
}

/**
 * A land officer's pre-check: planned use and outline checked first (unknown code 400; invalid outline, outside
 * every county or straddling a county boundary 422; a county outside the scope 403), then the checks are run and
 * recorded with a number in one transaction. Nothing is saved when any step fails.
 */
export async function createPrecheck(deps: PrecheckDeps, ctx: AuthContext, input: PrecheckInput) {
  const use = checkPlannedUse(input.plannedUse)
  if (!use.ok) throw new AppError('VALIDATION', use.message, [{ field: 'plannedUse', message: use.message }])
  const row = await deps.db.transaction(async (tx) => {
    const outline = await checkOutline(tx, ctx, input.geometry, '核查地块', { adcode: null, maxVertices: deps.settings.maxVertices, outsideToleranceM2: deps.settings.outsideToleranceM2 })
    if (!outline.ok) throw problemsError(outline.problems)
    return runAndRecord(tx, deps, ctx, {
      adcode: outline.adcode, geometry: outline.geometry, plannedUse: use, name: blankToNull(input.name), reference: blankToNull(input.reference), rerunOf: null,
    })
  })
  return describePrecheck(row)
}

async function mustFind(db: Queryable, ctx: AuthContext, id: number): Promise<PrecheckRow> {
  const row = await findPrecheck(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的用地准入核查记录`)
  assertCountyInScope(ctx, row.adcode, row.county_name)
  return row
}

export async function getPrecheck(db: Queryable, ctx: AuthContext, id: number) {
  return describePrecheck(await mustFind(db, ctx, id))
}

/**
 * Runs an earlier check again on today's data and rules (same outline and planned use), records it as a new
 * numbered check that names the earlier one, and says whether and why the answer differs.
 */
export async function rerunPrecheck(deps: PrecheckDeps, ctx: AuthContext, id: number) {
  const before = await mustFind(deps.db, ctx, id)
  const plannedUse = checkPlannedUse(before.planned_use)
  if (!plannedUse.ok) throw new AppError('CONFLICT', `原核查的规划用途“${before.planned_use}”已不在用地分类代码中，不能重新核查，请重新发起核查`)
  const after = await deps.db.transaction((tx) => runAndRecord(tx, deps, ctx, {
    adcode: before.adcode, geometry: before.geometry, plannedUse, name: before.name, reference: before.reference, rerunOf: before.id,
  }))
  return {
    check: describePrecheck(after),
    previous: { id: Number(before.id), number: before.number, verdict: before.verdict, verdictName: VERDICT_NAME[before.verdict], checkedAt: before.checked_at },
    comparison: compareChecks(
      { verdict: before.verdict, reasons: before.reasons, dataVersion: before.data_version },
      { verdict: after.verdict, reasons: after.reasons, dataVersion: after.data_version },
    ),
  }
}

export interface PrecheckQuery {
  number?: string
  from?: string
  to?: string
  verdict?: Verdict
  q?: string
  adcode?: string
}

/** The checks of the user's counties (or one of them), newest first, filtered by number, date, verdict and plot. */
export async function listPrechecksFor(deps: PrecheckDeps, ctx: AuthContext, query: PrecheckQuery) {
  const scope = scopeAdcodes(ctx)
  if (query.adcode) await assertAdcodeInScope(deps.db, ctx, query.adcode)
  const rows = await listPrechecks(deps.db, {
    adcodes: query.adcode ? [query.adcode] : scope, number: blankToNull(query.number), from: query.from ?? null, to: query.to ?? null,
    verdict: query.verdict ?? null, q: blankToNull(query.q), limit: deps.settings.listLimit,
  })
  return { items: rows.map(describeListRow), limit: deps.settings.listLimit }
}

function describeListRow(r: PrecheckListRow) {
  return {
    id: Number(r.id), number: r.number, adcode: r.adcode, county: r.county, name: r.name, reference: r.reference,
    plannedUse: r.planned_use, plannedUseName: useName(r.planned_use),
    landClass: LAND_CLASS_SHORT[r.land_class], landClassName: LAND_CLASS_NAME[r.land_class],
    verdict: r.verdict, verdictName: VERDICT_NAME[r.verdict], ...publicArea(r.area_m2),
    rerunOf: r.rerun_of === null ? null : Number(r.rerun_of),
    checkedAt: new Date(r.checked_at).toISOString(), checkedBy: r.checked_by, checkedByName: r.checked_by_name,
  }
}

/** A recorded check as the API answers it. */
export function describePrecheck(r: PrecheckRow) {
  return {
    ...describeListRow(r),
    reasons: r.reasons,
    geometry: r.geometry,
    dataVersion: r.data_version,
  }
}

import type { Database, Queryable } from '../db/database.ts'
import type {
  PrecheckListResponse,
  PrecheckRecord,
  PrecheckSummary,
  RerunResponse,
} from '../../../contracts/precheck.ts'
import type { BackgroundSettings } from '../domain/gb36600.ts'
import { LAND_CLASS_NAME, type LandClass } from '../domain/gb50137.ts'
import { landUseName } from '../domain/negative-list.ts'
import {
  PRECHECK_RULES_VERSION,
  LAND_CLASS_SHORT,
  VERDICT_NAME,
  decidePrecheck,
  type PrecheckSettings,
  type Verdict,
} from '../domain/precheck.ts'
import { checkPlannedUse } from '../domain/precheck-use.ts'
import { PRECHECK_NUMBER_FORMAT, compareChecks, type DataVersion } from '../domain/precheck-rerun.ts'
import { checkVertices, parseOutline } from '../domain/outline-checks.ts'
import { publicArea } from '../domain/public-fields.ts'
import { DEFAULT_WATER_SOURCE_SEVERITY } from '../domain/water-source.ts'
import { AppError } from '../domain/errors.ts'
import {
  findPrecheck,
  listPrechecks,
  readOutline,
  recordPrecheck,
  type PrecheckListRow,
  type PrecheckRow,
} from '../repos/precheck.repo.ts'
import type { AuthContext } from './auth.service.ts'
import {
  blankToNull,
  checkListFilter,
  countyOfOutline,
  findCheckInScope,
  geometryProblems,
  type CheckListQuery,
} from './check-records.ts'
import type { Geo } from './registry-geometry.ts'

export interface PrecheckDeps {
  db: Database
  settings: PrecheckSettings & {
    maxVertices: number
    outsideToleranceM2: number
    backgroundMgKg: BackgroundSettings
    listLimit: number
    landUse2023Classes: Readonly<Record<string, LandClass>>
  }
}

export interface PrecheckInput {
  geometry: unknown
  plannedUse: string
  name?: string | null
  reference?: string | null
}

const WHERE = '核查地块'

/**
 * Reads everything the check needs in one statement and decides; refuses an invalid outline, one over the vertex
 * limit, outside every county or straddling a county boundary (422) and a county outside the scope (403), in the
 * order of the parcel checks (validity, vertices, county). `adcode` is the county of a re-run (already checked).
 */
async function readAndDecide(
  deps: PrecheckDeps,
  ctx: AuthContext,
  g: Geo,
  plannedUse: { code: string; name: string; landClass: LandClass; basis?: string; judgement?: boolean },
  adcode: string | null,
) {
  const { settings } = deps
  const vertices = checkVertices(g, { maxVertices: settings.maxVertices }, WHERE)
  const reading = await readOutline(deps.db, g, {
    radiusM: settings.monitoringRadiusM,
    isWithinVertexLimit: vertices.length === 0,
    adcode,
  })
  const county = countyOfOutline(ctx, reading, vertices, settings, WHERE)
  if (!reading.dataVersion) throw geometryProblems([])
  const { hits } = reading
  const rules = {
    monitoringRadiusM: settings.monitoringRadiusM,
    minOverlapM2: settings.minOverlapM2,
    law59Scope: settings.law59Scope,
    strictFarmlandSeverity: settings.strictFarmlandSeverity,
    interventionInsideSeverity: settings.interventionInsideSeverity,
    waterSourceSeverity: settings.waterSourceSeverity ?? DEFAULT_WATER_SOURCE_SEVERITY,
    // the county's classes of the 2023 codes that are judgements, when it set any: a change is a change of the rules
    ...(Object.keys(settings.landUse2023Classes).length ? { landUse2023Classes: settings.landUse2023Classes } : {}),
  }
  const decision = decidePrecheck({
    plannedUse,
    hits,
    settings: rules,
    backgrounds: settings.backgroundMgKg,
    monitoringPointsRead: hits.filter((h) => h.type === 'monitoring-point').length,
  })
  const dataVersion: DataVersion = {
    rules: { version: PRECHECK_RULES_VERSION, settings: rules, backgrounds: settings.backgroundMgKg },
    ...reading.dataVersion,
    features: Object.fromEntries(hits.map((h) => [`${h.type}:${h.id}`, h.version])),
  }
  return { adcode: county.adcode, decision, dataVersion }
}

/** Records a decided check under the county's next number: one statement, so nothing is saved unless all of it is. */
function record(
  deps: PrecheckDeps,
  ctx: AuthContext,
  checked: Awaited<ReturnType<typeof readAndDecide>>,
  input: {
    geometry: Geo
    plannedUse: string
    name: string | null
    reference: string | null
    rerunOf: number | null
  },
): Promise<PrecheckRow> {
  const { decision } = checked
  return recordPrecheck(deps.db, {
    adcode: checked.adcode,
    numberFormat: PRECHECK_NUMBER_FORMAT,
    name: input.name,
    reference: input.reference,
    plannedUse: input.plannedUse,
    landClass: decision.landClass,
    verdict: decision.verdict,
    reasons: decision.reasons,
    dataVersion: checked.dataVersion,
    geometry: input.geometry,
    rerunOf: input.rerunOf,
    checkedBy: ctx.user.username,
    checkedByName: ctx.user.displayName,
  })
}

/**
 * A land officer's pre-check: planned use and outline checked first (unknown code 400; invalid outline, outside
 * every county or straddling a county boundary 422; a county outside the scope 403), then the checks are run and
 * recorded with a number. One statement reads, one statement records: nothing is saved when any step fails, and
 * the county's counter row is locked only while the record is written and committed.
 */
export async function createPrecheck(
  deps: PrecheckDeps,
  ctx: AuthContext,
  input: PrecheckInput,
): Promise<PrecheckRecord> {
  const use = checkPlannedUse(input.plannedUse, deps.settings.landUse2023Classes)
  if (!use.ok) throw new AppError('VALIDATION', use.message, { reason: 'UNKNOWN_USE', field: 'plannedUse' })
  const outline = parseOutline(input.geometry, WHERE)
  if (!outline.ok) throw geometryProblems(outline.problems)
  const checked = await readAndDecide(deps, ctx, outline.geometry, use, null)
  const row = await record(deps, ctx, checked, {
    geometry: outline.geometry,
    plannedUse: use.code,
    name: blankToNull(input.name),
    reference: blankToNull(input.reference),
    rerunOf: null,
  })
  return describePrecheck(row)
}

const mustFind = (db: Queryable, ctx: AuthContext, id: number) =>
  findCheckInScope(findPrecheck, db, ctx, id, '用地准入核查记录')

export async function getPrecheck(db: Queryable, ctx: AuthContext, id: number) {
  return describePrecheck(await mustFind(db, ctx, id))
}

/**
 * Runs an earlier check again on today's data and rules (same outline and planned use), records it as a new
 * numbered check that names the earlier one, and says whether and why the answer differs.
 */
export async function rerunPrecheck(deps: PrecheckDeps, ctx: AuthContext, id: number): Promise<RerunResponse> {
  const before = await mustFind(deps.db, ctx, id)
  const plannedUse = checkPlannedUse(before.planned_use, deps.settings.landUse2023Classes)
  if (!plannedUse.ok)
    throw new AppError(
      'CONFLICT',
      `原核查的规划用途“${before.planned_use}”已不在用地分类代码中，不能重新核查，请重新发起核查`,
    )
  const checked = await readAndDecide(deps, ctx, before.geometry, plannedUse, before.adcode)
  const after = await record(deps, ctx, checked, {
    geometry: before.geometry,
    plannedUse: plannedUse.code,
    name: before.name,
    reference: before.reference,
    rerunOf: before.id,
  })
  return {
    check: describePrecheck(after),
    previous: {
      id: Number(before.id),
      number: before.number,
      verdict: before.verdict,
      verdictName: VERDICT_NAME[before.verdict],
      checkedAt: new Date(before.checked_at).toISOString(),
    },
    comparison: compareChecks(
      { verdict: before.verdict, reasons: before.reasons, dataVersion: before.data_version },
      { verdict: after.verdict, reasons: after.reasons, dataVersion: after.data_version },
    ),
  }
}

export type PrecheckQuery = CheckListQuery<Verdict>

/** The checks of the user's counties (or one of them), newest first, filtered by number, date, verdict and plot. */
export async function listPrechecksFor(
  deps: PrecheckDeps,
  ctx: AuthContext,
  query: PrecheckQuery,
): Promise<PrecheckListResponse> {
  const rows = await listPrechecks(deps.db, await checkListFilter(deps.db, ctx, query, deps.settings.listLimit))
  return { items: rows.map(describeListRow), limit: deps.settings.listLimit }
}

function describeListRow(r: PrecheckListRow): PrecheckSummary {
  return {
    id: Number(r.id),
    number: r.number,
    adcode: r.adcode,
    county: r.county,
    name: r.name,
    reference: r.reference,
    plannedUse: r.planned_use,
    plannedUseName: landUseName(r.planned_use),
    landClass: LAND_CLASS_SHORT[r.land_class],
    landClassName: LAND_CLASS_NAME[r.land_class],
    verdict: r.verdict,
    verdictName: VERDICT_NAME[r.verdict],
    ...publicArea(r.area_m2),
    rerunOf: r.rerun_of === null ? null : Number(r.rerun_of),
    checkedAt: new Date(r.checked_at).toISOString(),
    checkedBy: r.checked_by,
    checkedByName: r.checked_by_name,
  }
}

/** A recorded check as the API answers it. */
export function describePrecheck(r: PrecheckRow) {
  return {
    ...describeListRow(r),
    reasons: r.reasons,
    geometry: r.geometry,
    dataVersion: r.data_version,
  } satisfies PrecheckRecord
}

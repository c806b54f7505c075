import type { Database, Queryable } from '../db/database.ts'
import type {
  SitingCheckListResponse,
  SitingCheckRecord,
  SitingCheckSummary,
  SitingMonitoringPoint,
  SitingReference,
} from '../../../contracts/siting.ts'
import { AppError, problemsError } from '../domain/errors.ts'
import {
  FLAG_LABEL,
  flagResult,
  standardOfPoint,
  worstFlag,
  type MonitoringJudgeSettings,
} from '../domain/monitoring.ts'
import { checkCounty, checkVertices, describeInvalidity, parseOutline, type Finding } from '../domain/outline-checks.ts'
import { publicArea } from '../domain/public-fields.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import {
  SITING_NUMBER_FORMAT,
  SITING_RULES_VERSION,
  SITING_VERDICT_NAME,
  decideSiting,
  type SitingSettings,
  type SitingVerdict,
} from '../domain/siting.ts'
import { SITING_INDUSTRIES, SITING_INDUSTRY, type SitingIndustry } from '../domain/siting-industries.ts'
import {
  findSitingCheck,
  listSitingChecks,
  readSite,
  recordSitingCheck,
  type NearbyPointRow,
  type SitingCheckListRow,
  type SitingCheckRow,
} from '../repos/siting.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { assertAdcodeInScope } from './control-zones.service.ts'

export interface SitingDeps {
  db: Database
  settings: SitingSettings & {
    /** Most vertices of a site outline (the pre-check's limit). */
    maxVertices: number
    /** Area of a site allowed outside its county, m² (parcel editing's tolerance). */
    outsideToleranceM2: number
    listLimit: number
    /** How nearby monitoring results are judged (the monitoring module's settings). */
    judge: MonitoringJudgeSettings
  }
}

export interface SitingInput {
  geometry: unknown
  industry: SitingIndustry
  projectName: string
  reference?: string | null
}

const WHERE = '拟选址'
const geometryProblems = (findings: Finding[]) => problemsError(findings.map((f) => ({ ...f, field: 'geometry' })))
const blankToNull = (v: string | null | undefined) =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim()

/** The settings a check used, recorded with it. */
const rulesOf = (s: SitingDeps['settings']) => ({
  version: SITING_RULES_VERSION,
  priorityAreaM: s.priorityAreaM,
  waterSourceM: s.waterSourceM,
  banZoneM: s.banZoneM,
  controlZoneM: s.controlZoneM,
  monitoringM: s.monitoringM,
  monitoringPoints: s.monitoringPoints,
  controlledIndustries: s.controlledIndustries,
  waterSourceInside: s.waterSourceInside,
})

/** A nearby point's latest soil result judged by the point's standard (monitoring's rules), as information. */
function describePoint(p: NearbyPointRow, judge: MonitoringJudgeSettings): SitingMonitoringPoint {
  const standard = standardOfPoint(p.land_use, judge)
  const base = { id: p.id, code: p.code, name: p.name, distanceM: Math.round(p.distance_m * 10) / 10 }
  if (!p.sampled_on || !p.values_mg_kg)
    return {
      ...base,
      sampledOn: null,
      standard: standard.label,
      flag: null,
      flagName: '无土壤监测结果',
      exceedances: [],
    }
  const flags = flagResult({ medium: 'soil', crop: null, ph: p.ph, values: p.values_mg_kg }, standard, judge)
  const flag = worstFlag(flags)
  return {
    ...base,
    sampledOn: p.sampled_on,
    standard: standard.label,
    flag,
    flagName: FLAG_LABEL[flag],
    exceedances: flags.filter((f) => ['screening', 'intervention', 'limit'].includes(f.level)).map((f) => f.message),
  }
}

/**
 * An officer's siting check: industry checked by the contract, then the outline (invalid, over the vertex limit,
 * outside every county or straddling a county boundary 422; a county outside the scope 403), then one statement
 * reads the features near the site and the nearest monitoring points, the domain decides, and one statement
 * records the check under the county's next check number. Nothing is saved when any step fails.
 */
export async function createSitingCheck(
  deps: SitingDeps,
  ctx: AuthContext,
  input: SitingInput,
): Promise<SitingCheckRecord> {
  const { settings } = deps
  const outline = parseOutline(input.geometry, WHERE)
  if (!outline.ok) throw geometryProblems(outline.problems)
  const vertices = checkVertices(outline.geometry, { maxVertices: settings.maxVertices }, WHERE)
  const reading = await readSite(deps.db, outline.geometry, { ...settings, isWithinVertexLimit: vertices.length === 0 })
  const invalid = describeInvalidity(reading.validity, WHERE)
  if (invalid.length) throw geometryProblems(invalid)
  if (vertices.length) throw geometryProblems(vertices)
  const { county } = reading
  if (county) assertCountyInScope(ctx, county.adcode, county.name)
  const outside = checkCounty(
    {
      county: county && { adcode: county.adcode, name: county.name },
      outsideM2: county?.outsideM2 ?? 0,
      outsideAt: county?.outsideAt ?? null,
    },
    { outsideToleranceM2: settings.outsideToleranceM2 },
    WHERE,
  )
  if (outside.length || !county) throw geometryProblems(outside)
  const decision = decideSiting({ industry: input.industry, hits: reading.hits, settings })
  const row = await recordSitingCheck(deps.db, {
    adcode: county.adcode,
    numberFormat: SITING_NUMBER_FORMAT,
    projectName: input.projectName.trim(),
    reference: blankToNull(input.reference),
    industry: input.industry,
    isControlledIndustry: decision.isControlledIndustry,
    verdict: decision.verdict,
    reasons: decision.reasons,
    monitoring: reading.points.map((p) => describePoint(p, settings.judge)),
    rules: rulesOf(settings),
    geometry: outline.geometry,
    checkedBy: ctx.user.username,
    checkedByName: ctx.user.displayName,
  })
  return describeSitingCheck(row)
}

async function mustFind(db: Queryable, ctx: AuthContext, id: number): Promise<SitingCheckRow> {
  const row = await findSitingCheck(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的建设项目选址核查记录`)
  assertCountyInScope(ctx, row.adcode, row.county_name)
  return row
}

export async function getSitingCheck(db: Queryable, ctx: AuthContext, id: number): Promise<SitingCheckRecord> {
  return describeSitingCheck(await mustFind(db, ctx, id))
}

export interface SitingQuery {
  number?: string
  from?: string
  to?: string
  verdict?: SitingVerdict
  industry?: SitingIndustry
  q?: string
  adcode?: string
}

/** The checks of the user's counties (or one of them), newest first, filtered by number, date, verdict, industry, text. */
export async function listSitingChecksFor(
  deps: SitingDeps,
  ctx: AuthContext,
  query: SitingQuery,
): Promise<SitingCheckListResponse> {
  if (query.adcode) await assertAdcodeInScope(deps.db, ctx, query.adcode)
  const rows = await listSitingChecks(deps.db, {
    adcodes: query.adcode ? [query.adcode] : scopeAdcodes(ctx),
    number: blankToNull(query.number),
    from: query.from ?? null,
    to: query.to ?? null,
    verdict: query.verdict ?? null,
    industry: query.industry ?? null,
    q: blankToNull(query.q),
    limit: deps.settings.listLimit,
  })
  return { items: rows.map(describeListRow), limit: deps.settings.listLimit }
}

/** The industry list with the controlled ones flagged, and the distances the check uses. */
export function sitingReference(settings: SitingDeps['settings']): SitingReference {
  return {
    industries: SITING_INDUSTRIES.map((code) => ({
      code,
      name: SITING_INDUSTRY[code],
      isControlled: settings.controlledIndustries.includes(code),
    })),
    distancesM: {
      priorityArea: settings.priorityAreaM,
      waterSource: settings.waterSourceM,
      banZone: settings.banZoneM,
      controlZone: settings.controlZoneM,
      monitoring: settings.monitoringM,
    },
  }
}

function describeListRow(r: SitingCheckListRow): SitingCheckSummary {
  return {
    id: Number(r.id),
    number: r.number,
    adcode: r.adcode,
    county: r.county,
    projectName: r.project_name,
    reference: r.reference,
    industry: r.industry,
    industryName: SITING_INDUSTRY[r.industry] ?? r.industry,
    isControlledIndustry: r.is_controlled_industry,
    verdict: r.verdict,
    verdictName: SITING_VERDICT_NAME[r.verdict],
    ...publicArea(r.area_m2),
    checkedAt: new Date(r.checked_at).toISOString(),
    checkedBy: r.checked_by,
    checkedByName: r.checked_by_name,
  }
}

function describeSitingCheck(r: SitingCheckRow): SitingCheckRecord {
  return {
    ...describeListRow(r),
    reasons: r.reasons,
    monitoring: r.monitoring as SitingMonitoringPoint[],
    geometry: r.geometry,
    rules: r.rules,
  }
}

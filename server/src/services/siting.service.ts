import type { Database, Queryable } from '../db/database.ts'
import type {
  SitingCheckListResponse,
  SitingCheckRecord,
  SitingCheckSummary,
  SitingMonitoringPoint,
  SitingReference,
} from '../../../contracts/siting.ts'
import {
  FLAG_LABEL,
  flagResult,
  standardOfPoint,
  worstFlag,
  type MonitoringJudgeSettings,
} from '../domain/monitoring.ts'
import { checkVertices, parseOutline } from '../domain/outline-checks.ts'
import { publicArea } from '../domain/public-fields.ts'
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
import {
  blankToNull,
  checkListFilter,
  countyOfOutline,
  findCheckInScope,
  geometryProblems,
  type CheckListQuery,
} from './check-records.ts'

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
  const county = countyOfOutline(ctx, reading, vertices, settings, WHERE)
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

const mustFind = (db: Queryable, ctx: AuthContext, id: number) =>
  findCheckInScope(findSitingCheck, db, ctx, id, '建设项目选址核查记录')

export async function getSitingCheck(db: Queryable, ctx: AuthContext, id: number): Promise<SitingCheckRecord> {
  return describeSitingCheck(await mustFind(db, ctx, id))
}

export interface SitingQuery extends CheckListQuery<SitingVerdict> {
  industry?: SitingIndustry
}

/** The checks of the user's counties (or one of them), newest first, filtered by number, date, verdict, industry, text. */
export async function listSitingChecksFor(
  deps: SitingDeps,
  ctx: AuthContext,
  query: SitingQuery,
): Promise<SitingCheckListResponse> {
  const rows = await listSitingChecks(deps.db, {
    ...(await checkListFilter(deps.db, ctx, query, deps.settings.listLimit)),
    industry: query.industry ?? null,
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

import type { MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import type { LandClass } from '../domain/gb50137.ts'
import { REVIEW_STATUS, labelOf } from '../domain/labels.ts'
import { negativeListOf } from '../domain/negative-list.ts'
import type { ParcelEditSettings } from '../domain/parcel-checks.ts'
import type { PlotDocument, Requirement, TransitionRefusalCode } from '../domain/plot-lifecycle.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import { AppError, problemsError, type ErrorCode } from '../domain/errors.ts'
import { industryNoteOf, industryNoteProblems, type PlotIndustry } from '../domain/plot-industry.ts'
import { findCounty } from '../repos/parcels.repo.ts'
import {
  findPlot,
  insertPlot,
  insertPlotEvent,
  listNegativeUses,
  lockPlot,
  reopenPlot,
  setPublishedNegativeUses,
  type PlotFacts,
  type PlotRow,
} from '../repos/plots.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import { claimStepDocument } from './documents.service.ts'
import type { AuthContext } from './auth.service.ts'
import { checkOutline } from './outline-check.service.ts'
import { formatChangedAt } from '../domain/changed-at.ts'

/*
 * The pieces of a write to the contaminated-plot registry (污染地块): the row locked at the version seen, the
 * checked outline and facts, the history snapshot, and the two writes other services make inside their own
 * transaction (a suspected plot created, a published plot's negative list).
 */

export const TABLE = 'contaminated_plot'

export interface PlotInput {
  name: string
  adcode?: string
  address?: string | null
  formerIndustry: PlotIndustry
  /** What the former industry was, required when it is 其他. */
  formerIndustryNote?: string | null
  landUser?: string | null
  contact?: string | null
  plannedLandClass?: LandClass | null
  geometry: unknown
}

const beijingDate = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

/** Today in Beijing as YYYY-MM-DD (documents and samples may not be dated later). */
export function todayInBeijing(now = new Date()): string {
  return beijingDate.format(now)
}

export const clean = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : null)

export function landClassOf(row: Pick<PlotRow, 'planned_land_class'>): LandClass {
  return row.planned_land_class ?? 'first'
}

function conflict(row: PlotRow, yourVersion: number): AppError {
  const who = row.updated_by ? `${row.updated_by_name ?? row.updated_by}（${row.updated_by}）` : '他人'
  return new AppError(
    'CONFLICT',
    `地块 ${row.code}“${row.name}”已被 ${who}于 ${formatChangedAt(new Date(row.updated_at))} 修改（您看到的是第 ${yourVersion} 版，当前为第 ${row.version} 版），请刷新后重试`,
    {
      id: row.id,
      code: row.code,
      yourVersion,
      currentVersion: row.version,
      changedBy: row.updated_by,
      changedByName: row.updated_by_name,
      changedAt: row.updated_at,
    },
  )
}

/** The plot locked for a write: in scope, at the version the officer saw, and not waiting for review. */
export async function lockForWrite(tx: Queryable, ctx: AuthContext, id: number, version: number): Promise<PlotRow> {
  const row = await lockPlot(tx, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的污染地块`)
  assertCountyInScope(ctx, row.adcode, row.county)
  if (version !== row.version) throw conflict(row, version)
  if (row.review_status === 'submitted' || row.review_status === 'approved') {
    throw new AppError(
      'CONFLICT',
      `地块 ${row.code}“${row.name}”正在审定中（${labelOf(REVIEW_STATUS, row.review_status)}），不能修改；请等待审定结果，或请审定人退回后再修改`,
      { id: row.id, reviewStatus: row.review_status },
    )
  }
  return row
}

/** A change of a published plot makes it a draft again: the published copy stays until it is published anew. */
export async function reopenIfPublished(tx: Queryable, row: PlotRow): Promise<string> {
  if (row.review_status !== 'published') return row.review_status
  await reopenPlot(tx, row.id)
  return 'draft'
}

export function snapshot(row: PlotRow) {
  return {
    code: row.code,
    name: row.name,
    status: row.status,
    riskLevel: row.risk_level,
    formerIndustry: row.former_industry,
    formerIndustryNote: row.former_industry_note,
    landUser: row.land_user,
    address: row.address,
    contact: row.contact,
    plannedLandClass: row.planned_land_class,
    areaM2: Math.round(row.area_m2),
    version: row.version,
    reviewStatus: row.review_status,
  }
}

export const REFUSAL_STATUS: Record<TransitionRefusalCode, ErrorCode> = {
  UNKNOWN_ACTION: 'VALIDATION',
  MISSING_FIELD: 'VALIDATION',
  INVALID_FIELD: 'VALIDATION',
  WRONG_ROLE: 'FORBIDDEN',
  NOT_ALLOWED_FROM_STATUS: 'CONFLICT',
  NO_EXCEEDANCE: 'CONFLICT',
}

export function cleanDocument(d: Partial<PlotDocument> | null | undefined): PlotDocument | null {
  if (!d) return null
  return {
    title: d.title!.trim(),
    date: d.date!.trim(),
    body: d.body!.trim(),
    attachmentName: d.attachmentName!.trim(),
    ...(d.documentId ? { documentId: d.documentId, sizeBytes: d.sizeBytes, sha256: d.sha256 } : {}),
  }
}

/** A step's document with its stored file (uploaded to the plot before the step): the file's name, size and hash. */
export async function withStoredFile(
  tx: Queryable,
  row: PlotRow,
  doc: Partial<PlotDocument> | null | undefined,
  requirement: Requirement | undefined,
): Promise<Partial<PlotDocument> | null | undefined> {
  if (!doc || typeof doc !== 'object' || !doc.documentId || !requirement) return doc
  const file = await claimStepDocument(tx, row, doc.documentId, requirement.label)
  return { ...doc, attachmentName: file.fileName, documentId: file.id, sizeBytes: file.sizeBytes, sha256: file.sha256 }
}

interface CheckedGeometry {
  geometry: Polygon | MultiPolygon
  adcode: string
  county: string
}

/** The outline stages of parcels a plot needs (shape → CRS → validity → vertices → size → county); 422 on the first failure. */
export async function checkPlotGeometry(
  tx: Queryable,
  ctx: AuthContext,
  input: unknown,
  adcode: string | null,
  settings: ParcelEditSettings,
): Promise<CheckedGeometry> {
  const result = await checkOutline(
    tx,
    { geometry: input, where: '地块边界', adcode },
    {
      settings,
      stages: { size: true, county: true, overlaps: false },
      onCounty: (county) => {
        if (adcode === null) assertCountyInScope(ctx, county.adcode, county.name)
      },
    },
  )
  if (!result.ok) throw problemsError(result.problems)
  return { geometry: result.geometry, adcode: result.county.adcode, county: result.county.name }
}

export async function assertAdcodeInScope(db: Queryable, ctx: AuthContext, adcode: string): Promise<void> {
  const county = await findCounty(db, adcode)
  if (!county)
    throw new AppError('VALIDATION', `区县代码“${adcode}”不存在`, { reason: 'UNKNOWN_COUNTY', field: 'adcode' })
  assertCountyInScope(ctx, county.adcode, county.name)
}

/** The facts to store; a 其他 former industry without its note is refused. */
export function factsOf(input: PlotInput): PlotFacts {
  const problems = industryNoteProblems(input.formerIndustry, input.formerIndustryNote)
  if (problems.length) throw problemsError(problems)
  return {
    name: input.name.trim(),
    formerIndustry: input.formerIndustry,
    formerIndustryNote: industryNoteOf(input.formerIndustry, input.formerIndustryNote),
    landUser: clean(input.landUser),
    address: clean(input.address),
    contact: clean(input.contact),
    plannedLandClass: input.plannedLandClass ?? null,
  }
}

/**
 * Creates a suspected plot inside the caller's transaction (the environment officer's 新建地块, and a confirmed
 * enterprise proposal): geometry checks, the code, the first chronology entry and the history row. Returns the id.
 */
export async function createSuspectedPlot(
  tx: Queryable,
  ctx: AuthContext,
  input: PlotInput,
  settings: ParcelEditSettings,
  origin?: string,
): Promise<number> {
  if (input.adcode) await assertAdcodeInScope(tx, ctx, input.adcode)
  const checked = await checkPlotGeometry(tx, ctx, input.geometry, input.adcode ?? null, settings)
  const id = await insertPlot(tx, checked.adcode, factsOf(input), checked.geometry, ctx.user.username)
  const row = (await findPlot(tx, id))!
  await insertPlotEvent(tx, {
    adcode: row.adcode,
    plotId: id,
    action: 'create',
    from: null,
    to: 'suspected',
    riskLevel: null,
    document: null,
    reviewDocument: null,
    reason: origin ?? null,
    actor: ctx.user.username,
  })
  await insertHistory(tx, {
    adcode: row.adcode,
    entity: TABLE,
    entityId: id,
    action: 'create',
    actor: ctx.user.username,
    reason: origin ?? null,
    before: null,
    after: { ...snapshot(row), geometry: row.geometry },
  })
  return id
}

/**
 * Completes the published copy of a plot (after 发布): its negative list as computed from the state (the defaults
 * are never stored) plus the added uses.
 */
export async function publishPlotNegativeList(tx: Queryable, adcode: string, id: number): Promise<void> {
  const row = await findPlot(tx, id)
  if (!row) return
  const stored = (await listNegativeUses(tx, adcode, id)).map((s) => ({
    useCode: s.use_code,
    basis: s.basis,
    reason: s.reason,
  }))
  await setPublishedNegativeUses(
    tx,
    adcode,
    id,
    negativeListOf(row.status, stored).map((u) => ({ useCode: u.useCode, basis: u.basis })),
  )
}

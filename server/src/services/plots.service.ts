import type { MultiPolygon, Polygon } from 'geojson'
import type { Database, Queryable } from '../db/database.ts'
import { assessPollutant, findSubstance, type BackgroundSettings, type PollutantAssessment } from '../domain/gb36600.ts'
import { LAND_CLASS_NAME, type LandClass } from '../domain/gb50137.ts'
import { PLOT_STATUS, REVIEW_STATUS, RISK_LEVEL, labelOf } from '../domain/labels.ts'
import {
  ADDED_USE_BASIS,
  checkAddNegativeUse,
  checkRemoveNegativeUse,
  negativeListOf,
  type NegativeUse,
} from '../domain/negative-list.ts'
import type { ParcelEditSettings } from '../domain/parcel-checks.ts'
import {
  PLOT_TRANSITIONS,
  checkTransition,
  isPlotAction,
  staticRefusal,
  transitionsFrom,
  type PlotAction,
  type PlotDocument,
  type Requirement,
  type TransitionRefusalCode,
} from '../domain/plot-lifecycle.ts'
import { PUBLIC_LISTS, listOfPlotStatus, publicArea, type PublicListCode } from '../domain/public-fields.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError, problemsError, type ErrorCode } from '../domain/errors.ts'
import { industryNoteOf, industryNoteProblems, plotIndustryName, type PlotIndustry } from '../domain/plot-industry.ts'
import type { PlotListItem, PlotProfile } from '../../../contracts/registry.ts'
import { findCounty } from '../repos/parcels.repo.ts'
import {
  deleteNegativeUse,
  deletePollutant,
  findPlot,
  insertNegativeUse,
  insertPlot,
  insertPlotEvent,
  insertPollutant,
  listNegativeUses,
  listPlotEvents,
  listPlotZones,
  listPlots,
  listPollutants,
  lockPlot,
  reopenPlot,
  setPlotStatus,
  setPublishedNegativeUses,
  touchPlot,
  updatePlot,
  type PlotFacts,
  type PlotRow,
  type PollutantRow,
} from '../repos/plots.repo.ts'
import { insertHistory, listHistory } from '../repos/review.repo.ts'
import { attachDocumentToEvent } from '../repos/documents.repo.ts'
import { claimStepDocument } from './documents.service.ts'
import type { AuthContext } from './auth.service.ts'
import { checkOutline } from './outline-check.service.ts'
import { formatChangedAt, isoOf } from '../domain/changed-at.ts'

const TABLE = 'contaminated_plot'
/** Tile layers that show plots to staff; the public ones change only on 发布. */
export const PLOT_LAYERS = ['contaminated-plot', 'contaminated-plot-point']
const LIST_LIMIT = 1000

export interface PlotSettings {
  geometry: ParcelEditSettings
  backgroundMgKg: BackgroundSettings
}

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

export type PlotPatch = Partial<PlotInput> & { version: number }

export interface TransitionInput {
  action: string
  version: number
  riskLevel?: string | null
  document?: Partial<PlotDocument> | null
  reviewDocument?: Partial<PlotDocument> | null
  reason?: string | null
}

export interface PollutantInput {
  version: number
  substance: string
  valueMgKg: number
  sampledOn: string
  depthM?: number | null
  note?: string | null
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

const clean = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : null)

function landClassOf(row: Pick<PlotRow, 'planned_land_class'>): LandClass {
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
async function lockForWrite(tx: Queryable, ctx: AuthContext, id: number, version: number): Promise<PlotRow> {
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
async function reopenIfPublished(tx: Queryable, row: PlotRow): Promise<string> {
  if (row.review_status !== 'published') return row.review_status
  await reopenPlot(tx, row.id)
  return 'draft'
}

function snapshot(row: PlotRow) {
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

function describePollutant(p: PollutantRow, landClass: LandClass, backgrounds: BackgroundSettings) {
  const a: PollutantAssessment = assessPollutant(p.substance, Number(p.value_mg_kg), landClass, backgrounds)
  return {
    id: Number(p.id),
    substance: p.substance,
    name: a.name,
    cas: a.cas,
    table: a.table,
    valueMgKg: a.valueMgKg,
    sampledOn: p.sampled_on,
    depthM: p.depth_m === null ? null : Number(p.depth_m),
    note: p.note,
    landClass: a.landClass,
    landClassName: a.landClassName,
    screening: a.screening,
    intervention: a.intervention,
    exceedsScreening: a.exceedsScreening,
    exceedsIntervention: a.exceedsIntervention,
    ratio: a.ratio,
    interventionRatio: a.interventionRatio,
    background: a.background,
    isExceedance: a.isExceedance,
  }
}

const REFUSAL_STATUS: Record<TransitionRefusalCode, ErrorCode> = {
  UNKNOWN_ACTION: 'VALIDATION',
  MISSING_FIELD: 'VALIDATION',
  INVALID_FIELD: 'VALIDATION',
  WRONG_ROLE: 'FORBIDDEN',
  NOT_ALLOWED_FROM_STATUS: 'CONFLICT',
  NO_EXCEEDANCE: 'CONFLICT',
}

function cleanDocument(d: Partial<PlotDocument> | null | undefined): PlotDocument | null {
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
async function withStoredFile(
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
async function checkPlotGeometry(
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

async function assertAdcodeInScope(db: Queryable, ctx: AuthContext, adcode: string): Promise<void> {
  const county = await findCounty(db, adcode)
  if (!county)
    throw new AppError('VALIDATION', `区县代码“${adcode}”不存在`, { reason: 'UNKNOWN_COUNTY', field: 'adcode' })
  assertCountyInScope(ctx, county.adcode, county.name)
}

/** The facts to store; a 其他 former industry without its note is refused. */
function factsOf(input: PlotInput): PlotFacts {
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

const EVENT_LABEL: Record<string, string> = {
  create: '列入疑似污染地块名单',
  import: '示例数据导入',
  registry_import: '批量导入登记',
  ...Object.fromEntries(Object.entries(PLOT_TRANSITIONS).map(([a, t]) => [a, t.label])),
}
const HISTORY_LABEL: Record<string, string> = {
  create: '新建',
  update: '修改',
  transition: '状态变更',
  pollutant: '污染物检测结果',
  negative_use: '负面清单',
  submit: '提交审定',
  approve: '审定通过',
  return: '退回',
  publish: '发布',
  reopen: '重新编辑',
}

/** The use cases of the contaminated-plot registry (污染地块): one transaction and one history row per write. */
export class PlotsService {
  constructor(
    private readonly db: Database,
    private readonly settings: PlotSettings,
    private readonly onChanged: (layers: string[]) => void = () => {},
  ) {}

  async list(
    ctx: AuthContext,
    filter: { statuses?: string[]; list?: PublicListCode; q?: string; adcode?: string },
  ): Promise<PlotListItem[]> {
    let adcodes = scopeAdcodes(ctx)
    if (filter.adcode) {
      await assertAdcodeInScope(this.db, ctx, filter.adcode)
      adcodes = [filter.adcode]
    }
    let statuses: string[] | null = filter.statuses?.length ? filter.statuses : null
    if (filter.list) {
      const inList = PUBLIC_LISTS[filter.list].statuses as readonly string[]
      statuses = (statuses ?? [...inList]).filter((s) => inList.includes(s))
    }
    const q = clean(filter.q)?.replace(/[\\%_]/g, '\\$&') ?? null
    const rows = await listPlots(this.db, adcodes, statuses, q, LIST_LIMIT)
    return rows.map((r) => {
      const list = listOfPlotStatus(r.status)
      return {
        id: Number(r.id),
        code: r.code,
        name: r.name,
        adcode: r.adcode,
        county: r.county,
        status: r.status,
        statusName: labelOf(PLOT_STATUS, r.status),
        list,
        listName: PUBLIC_LISTS[list].name,
        riskLevel: r.risk_level,
        riskLevelName: r.risk_level ? labelOf(RISK_LEVEL, r.risk_level) : null,
        reviewStatus: r.review_status,
        reviewStatusName: labelOf(REVIEW_STATUS, r.review_status),
        ...publicArea(r.area_m2),
        updatedAt: isoOf(r.updated_at),
      }
    })
  }

  /** The plot page: facts, next steps for this user, chronology, pollutants against GB 36600, negative list, zones, history. */
  async profile(ctx: AuthContext, id: number): Promise<PlotProfile> {
    const row = await findPlot(this.db, id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的污染地块`)
    assertCountyInScope(ctx, row.adcode, row.county)
    const landClass = landClassOf(row)
    const [events, pollutantRows, stored, zones, history] = await Promise.all([
      listPlotEvents(this.db, row.adcode, row.id),
      listPollutants(this.db, row.adcode, row.id),
      listNegativeUses(this.db, row.adcode, row.id),
      listPlotZones(this.db, row.adcode, row.id),
      listHistory(this.db, TABLE, row.id),
    ])
    const pollutants = pollutantRows.map((p) => describePollutant(p, landClass, this.settings.backgroundMgKg))
    const hasExceedance = pollutants.some((p) => p.isExceedance)
    const list = listOfPlotStatus(row.status)
    const keeper = {
      suspected: '县级生态环境主管部门',
      contaminated: '设区的市级生态环境主管部门',
      control: '省级生态环境主管部门',
      removed: '—',
    }[list]
    const isUnderReview = row.review_status === 'submitted' || row.review_status === 'approved'
    return {
      id: Number(row.id),
      code: row.code,
      name: row.name,
      adcode: row.adcode,
      county: row.county,
      status: row.status,
      statusName: labelOf(PLOT_STATUS, row.status),
      list: { code: list, name: PUBLIC_LISTS[list].name, keeper },
      riskLevel: row.risk_level,
      riskLevelName: row.risk_level ? labelOf(RISK_LEVEL, row.risk_level) : null,
      formerIndustry: row.former_industry,
      formerIndustryName: row.former_industry ? plotIndustryName(row.former_industry, row.former_industry_note) : null,
      formerIndustryNote: row.former_industry_note,
      landUser: row.land_user,
      address: row.address,
      contact: row.contact,
      plannedLandClass: row.planned_land_class,
      landClass,
      landClassName: LAND_CLASS_NAME[landClass],
      ...publicArea(row.area_m2),
      version: row.version,
      reviewStatus: row.review_status,
      reviewStatusName: labelOf(REVIEW_STATUS, row.review_status),
      updatedAt: isoOf(row.updated_at),
      updatedBy: row.updated_by,
      updatedByName: row.updated_by_name,
      isSample: row.is_generated,
      geometry: row.geometry,
      transitions: transitionsFrom(row.status).map((action) => {
        const t = PLOT_TRANSITIONS[action]
        const refusal = staticRefusal(row.status, action, ctx.user.role, hasExceedance, LAND_CLASS_NAME[landClass])
        const reviewRefusal = isUnderReview
          ? `地块正在审定中（${labelOf(REVIEW_STATUS, row.review_status)}），暂不能变更状态`
          : null
        const message = refusal && !refusal.ok ? refusal.message : reviewRefusal
        return {
          action,
          label: t.label,
          to: t.to,
          toName: labelOf(PLOT_STATUS, t.to),
          by: t.by,
          requires: t.requires as readonly Requirement[],
          publicEffect: t.publicEffect,
          isAllowed: message === null,
          ...(message ? { refusal: message } : {}),
        }
      }),
      events: events.map((e) => ({
        id: Number(e.id),
        action: e.action,
        label: EVENT_LABEL[e.action] ?? e.action,
        from: e.from_status,
        fromName: e.from_status ? labelOf(PLOT_STATUS, e.from_status) : null,
        to: e.to_status,
        toName: labelOf(PLOT_STATUS, e.to_status),
        at: isoOf(e.at),
        actor: e.actor,
        actorName: e.actor_name ?? e.actor,
        riskLevel: e.risk_level,
        ...(e.document ? { document: e.document } : {}),
        ...(e.review_document ? { reviewDocument: e.review_document } : {}),
        ...(e.reason ? { reason: e.reason } : {}),
      })),
      pollutants,
      hasExceedance,
      negativeList: negativeListOf(
        row.status,
        stored.map((s) => ({ useCode: s.use_code, basis: s.basis, reason: s.reason })),
      ),
      controlZones: zones.map((z) => ({
        id: Number(z.id),
        code: z.code,
        name: z.name,
        reviewStatus: z.review_status,
        reviewStatusName: labelOf(REVIEW_STATUS, z.review_status),
      })),
      history: history.map((h) => ({
        id: Number(h.id),
        action: h.action,
        actionName: HISTORY_LABEL[h.action] ?? h.action,
        actor: h.actor,
        actorName: h.actor_name ?? h.actor,
        reason: h.reason,
        changedAt: isoOf(h.changed_at),
        before: h.before,
        after: h.after,
      })),
    }
  }

  async create(ctx: AuthContext, input: PlotInput) {
    const id = await this.db.transaction((tx) => createSuspectedPlot(tx, ctx, input, this.settings.geometry))
    this.onChanged(PLOT_LAYERS)
    return this.profile(ctx, id)
  }

  async update(ctx: AuthContext, id: number, patch: PlotPatch) {
    await this.db.transaction(async (tx) => {
      const row = await lockForWrite(tx, ctx, id, patch.version)
      if (patch.adcode !== undefined && patch.adcode !== row.adcode) {
        throw new AppError(
          'VALIDATION',
          `地块 ${row.code}“${row.name}”属于${row.county}（${row.adcode}），不能改到其他区县（${patch.adcode}）`,
          { problems: [{ code: 'COUNTY_FIXED', field: 'adcode', message: '地块所属区县不能修改' }] },
        )
      }
      const checked =
        patch.geometry === undefined
          ? null
          : await checkPlotGeometry(tx, ctx, patch.geometry, row.adcode, this.settings.geometry)
      const facts = factsOf({
        name: patch.name ?? row.name,
        formerIndustry: (patch.formerIndustry ?? row.former_industry) as PlotIndustry,
        formerIndustryNote:
          patch.formerIndustryNote === undefined ? row.former_industry_note : patch.formerIndustryNote,
        landUser: patch.landUser === undefined ? row.land_user : patch.landUser,
        address: patch.address === undefined ? row.address : patch.address,
        contact: patch.contact === undefined ? row.contact : patch.contact,
        plannedLandClass: patch.plannedLandClass === undefined ? row.planned_land_class : patch.plannedLandClass,
        geometry: null,
      })
      const reviewStatus = await reopenIfPublished(tx, row)
      await updatePlot(tx, id, facts, checked?.geometry ?? null, ctx.user.username)
      const after = (await lockPlot(tx, id))!
      await insertHistory(tx, {
        adcode: row.adcode,
        entity: TABLE,
        entityId: id,
        action: 'update',
        actor: ctx.user.username,
        reason: null,
        before: { ...snapshot(row), ...(checked ? { geometry: row.geometry } : {}) },
        after: { ...snapshot(after), reviewStatus, ...(checked ? { geometry: after.geometry } : {}) },
      })
    })
    this.onChanged(PLOT_LAYERS)
    return this.profile(ctx, id)
  }

  /** One lifecycle step: the state, the chronology entry with its documents, and the history row, together. */
  async transition(ctx: AuthContext, id: number, input: TransitionInput) {
    await this.db.transaction(async (tx) => {
      const row = await lockForWrite(tx, ctx, id, input.version)
      const landClass = landClassOf(row)
      const pollutants = (await listPollutants(tx, row.adcode, row.id)).map((p) =>
        describePollutant(p, landClass, this.settings.backgroundMgKg),
      )
      const asked = isPlotAction(input.action)
        ? (PLOT_TRANSITIONS[input.action].requires as readonly Requirement[])
        : []
      const givenDocument = await withStoredFile(
        tx,
        row,
        input.document,
        asked.find((r) => r.field === 'document'),
      )
      const givenReview = await withStoredFile(
        tx,
        row,
        input.reviewDocument,
        asked.find((r) => r.field === 'reviewDocument'),
      )
      const decision = checkTransition({
        status: row.status,
        action: input.action,
        role: ctx.user.role,
        riskLevel: input.riskLevel,
        document: givenDocument,
        reviewDocument: givenReview,
        reason: input.reason,
        hasExceedance: pollutants.some((p) => p.isExceedance),
        landClassName: LAND_CLASS_NAME[landClass],
        today: todayInBeijing(),
      })
      if (!decision.ok) {
        throw new AppError(REFUSAL_STATUS[decision.code], `地块 ${row.code}：${decision.message}`, {
          reason: decision.code,
          ...(decision.field ? { field: decision.field } : {}),
          ...(decision.problems ? { problems: decision.problems } : {}),
        })
      }
      const t = PLOT_TRANSITIONS[input.action as PlotAction]
      const requires = t.requires as readonly Requirement[]
      const has = (field: Requirement['field']) => requires.some((r) => r.field === field)
      const riskLevel = has('riskLevel') ? input.riskLevel! : null
      const document = has('document') ? cleanDocument(givenDocument) : null
      const reviewDocument = has('reviewDocument') ? cleanDocument(givenReview) : null
      const reason = clean(input.reason)
      const reviewStatus = await reopenIfPublished(tx, row)
      const version = await setPlotStatus(tx, id, decision.to, riskLevel, ctx.user.username)
      const event = await insertPlotEvent(tx, {
        adcode: row.adcode,
        plotId: id,
        action: input.action,
        from: row.status,
        to: decision.to,
        riskLevel,
        document,
        reviewDocument,
        reason,
        actor: ctx.user.username,
      })
      for (const d of [document, reviewDocument])
        if (d?.documentId) await attachDocumentToEvent(tx, d.documentId, Number(event.id))
      await insertHistory(tx, {
        adcode: row.adcode,
        entity: TABLE,
        entityId: id,
        action: 'transition',
        actor: ctx.user.username,
        reason,
        before: {
          status: row.status,
          riskLevel: row.risk_level,
          version: row.version,
          reviewStatus: row.review_status,
        },
        after: {
          action: input.action,
          status: decision.to,
          riskLevel: riskLevel ?? row.risk_level,
          version,
          reviewStatus,
          ...(document ? { document } : {}),
          ...(reviewDocument ? { reviewDocument } : {}),
        },
      })
    })
    this.onChanged(PLOT_LAYERS)
    return this.profile(ctx, id)
  }

  async addPollutant(ctx: AuthContext, id: number, input: PollutantInput) {
    const substance = findSubstance(input.substance)
    if (!substance) {
      const message = `污染物“${input.substance}”不在 GB 36600-2018 表1、表2 中，请从列表中选择`
      throw new AppError('VALIDATION', message, { reason: 'UNKNOWN_SUBSTANCE', field: 'substance' })
    }
    const today = todayInBeijing()
    if (input.sampledOn > today) {
      const message = `采样日期 ${input.sampledOn} 晚于今天（${today}），不能使用未来日期`
      throw new AppError('VALIDATION', message, { reason: 'INVALID_DATE', field: 'sampledOn' })
    }
    await this.db.transaction(async (tx) => {
      const row = await lockForWrite(tx, ctx, id, input.version)
      const values = {
        substance: substance.key,
        valueMgKg: input.valueMgKg,
        sampledOn: input.sampledOn,
        depthM: input.depthM ?? null,
        note: clean(input.note),
      }
      const pid = await insertPollutant(tx, row.adcode, row.id, values, ctx.user.username)
      const reviewStatus = await reopenIfPublished(tx, row)
      const version = await touchPlot(tx, id, ctx.user.username)
      await insertHistory(tx, {
        adcode: row.adcode,
        entity: TABLE,
        entityId: id,
        action: 'pollutant',
        actor: ctx.user.username,
        reason: null,
        before: { version: row.version, reviewStatus: row.review_status },
        after: { version, reviewStatus, added: { id: pid, ...values, name: substance.name } },
      })
    })
    this.onChanged(PLOT_LAYERS)
    return this.profile(ctx, id)
  }

  async removePollutant(
    ctx: AuthContext,
    id: number,
    pollutantId: number,
    version: number,
    reason: string | null | undefined,
  ) {
    await this.db.transaction(async (tx) => {
      const row = await lockForWrite(tx, ctx, id, version)
      const removed = await deletePollutant(tx, row.adcode, row.id, pollutantId)
      if (!removed) throw new AppError('NOT_FOUND', `地块 ${row.code} 没有编号为 ${pollutantId} 的污染物检测结果`)
      const reviewStatus = await reopenIfPublished(tx, row)
      const next = await touchPlot(tx, id, ctx.user.username)
      await insertHistory(tx, {
        adcode: row.adcode,
        entity: TABLE,
        entityId: id,
        action: 'pollutant',
        actor: ctx.user.username,
        reason: clean(reason),
        before: {
          version: row.version,
          reviewStatus: row.review_status,
          removed: {
            ...removed,
            id: Number(removed.id),
            name: findSubstance(removed.substance)?.name ?? removed.substance,
          },
        },
        after: { version: next, reviewStatus },
      })
    })
    this.onChanged(PLOT_LAYERS)
    return this.profile(ctx, id)
  }

  async addNegativeUse(
    ctx: AuthContext,
    id: number,
    input: { version: number; useCode: string; reason?: string | null },
  ) {
    await this.db.transaction(async (tx) => {
      const row = await lockForWrite(tx, ctx, id, input.version)
      const stored = (await listNegativeUses(tx, row.adcode, row.id)).map((s) => ({
        useCode: s.use_code,
        basis: s.basis,
        reason: s.reason,
      }))
      const check = checkAddNegativeUse(row.status, stored, input.useCode, input.reason)
      if (!check.ok)
        throw new AppError(
          check.code === 'REASON_REQUIRED' || check.code === 'UNKNOWN_USE' ? 'VALIDATION' : 'CONFLICT',
          `地块 ${row.code}：${check.message}`,
          { reason: check.code, field: check.field },
        )
      const reason = clean(input.reason)!
      await insertNegativeUse(tx, row.adcode, row.id, input.useCode, ADDED_USE_BASIS, reason, ctx.user.username)
      const reviewStatus = await reopenIfPublished(tx, row)
      const version = await touchPlot(tx, id, ctx.user.username)
      await insertHistory(tx, {
        adcode: row.adcode,
        entity: TABLE,
        entityId: id,
        action: 'negative_use',
        actor: ctx.user.username,
        reason,
        before: { version: row.version, reviewStatus: row.review_status },
        after: { version, reviewStatus, added: { useCode: input.useCode, basis: ADDED_USE_BASIS } },
      })
    })
    this.onChanged(PLOT_LAYERS)
    return this.profile(ctx, id)
  }

  async removeNegativeUse(
    ctx: AuthContext,
    id: number,
    useCode: string,
    input: { version: number; reason?: string | null },
  ) {
    await this.db.transaction(async (tx) => {
      const row = await lockForWrite(tx, ctx, id, input.version)
      const stored = (await listNegativeUses(tx, row.adcode, row.id)).map((s) => ({
        useCode: s.use_code,
        basis: s.basis,
        reason: s.reason,
      }))
      const check = checkRemoveNegativeUse(row.status, stored, useCode, input.reason)
      if (!check.ok) {
        const code: ErrorCode =
          check.code === 'REASON_REQUIRED' ? 'VALIDATION' : check.code === 'NOT_LISTED' ? 'NOT_FOUND' : 'CONFLICT'
        throw new AppError(code, `地块 ${row.code}：${check.message}`, { reason: check.code, field: check.field })
      }
      const removed: NegativeUse = negativeListOf(row.status, stored).find((u) => u.useCode === useCode)!
      await deleteNegativeUse(tx, row.adcode, row.id, useCode)
      const reviewStatus = await reopenIfPublished(tx, row)
      const version = await touchPlot(tx, id, ctx.user.username)
      await insertHistory(tx, {
        adcode: row.adcode,
        entity: TABLE,
        entityId: id,
        action: 'negative_use',
        actor: ctx.user.username,
        reason: clean(input.reason),
        before: {
          version: row.version,
          reviewStatus: row.review_status,
          removed: { useCode, basis: removed.basis, reason: removed.reason },
        },
        after: { version, reviewStatus },
      })
    })
    this.onChanged(PLOT_LAYERS)
    return this.profile(ctx, id)
  }
}

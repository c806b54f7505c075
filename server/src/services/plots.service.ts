import type { Database } from '../db/database.ts'
import { findSubstance, type BackgroundSettings } from '../domain/gb36600.ts'
import { LAND_CLASS_NAME } from '../domain/gb50137.ts'
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
  type PlotAction,
  type PlotDocument,
  type Requirement,
} from '../domain/plot-lifecycle.ts'
import { PUBLIC_LISTS, listOfPlotStatus, publicArea, type PublicListCode } from '../domain/public-fields.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { AppError, type ErrorCode } from '../domain/errors.ts'
import type { PlotIndustry } from '../domain/plot-industry.ts'
import type { PlotListItem, PlotProfile } from '../../../contracts/registry.ts'
import {
  deleteNegativeUse,
  deletePollutant,
  insertNegativeUse,
  insertPlotEvent,
  insertPollutant,
  listNegativeUses,
  listPlots,
  listPollutants,
  lockPlot,
  setPlotStatus,
  touchPlot,
  updatePlot,
} from '../repos/plots.repo.ts'
import { insertHistory } from '../repos/review.repo.ts'
import { attachDocumentToEvent } from '../repos/documents.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { isoOf } from '../domain/changed-at.ts'
import { describePollutant, plotProfile } from './plot-profile.ts'
import {
  REFUSAL_STATUS,
  TABLE,
  assertAdcodeInScope,
  checkPlotGeometry,
  clean,
  cleanDocument,
  createSuspectedPlot,
  factsOf,
  landClassOf,
  lockForWrite,
  reopenIfPublished,
  snapshot,
  todayInBeijing,
  withStoredFile,
  type PlotInput,
} from './plot-writes.ts'

/** Tile layers that show plots to staff; the public ones change only on 发布. */
export const PLOT_LAYERS = ['contaminated-plot', 'contaminated-plot-point']
const LIST_LIMIT = 1000

export interface PlotSettings {
  geometry: ParcelEditSettings
  backgroundMgKg: BackgroundSettings
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

  /** The plot page (plotProfile): facts, next steps for this user, chronology, pollutants, negative list, history. */
  async profile(ctx: AuthContext, id: number): Promise<PlotProfile> {
    return plotProfile(this.db, this.settings, ctx, id)
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

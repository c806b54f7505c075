import type { Database, Queryable } from '../db/database.ts'
import {
  PROPOSAL_STATUS,
  decideProposal,
  proposalDecidedProblem,
  proposedPlotName,
  type EnterpriseStatus,
  type ProposalStatus,
} from '../domain/enterprise-proposal.ts'
import { ENTERPRISE_STATUS, industryNameOf, labelOf } from '../domain/labels.ts'
import { publicArea } from '../domain/public-fields.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import type {
  EnterpriseDetail,
  EnterpriseSaved,
  EnterprisesResponse,
  PlotProposal,
  ProposalsResponse,
} from '../../../contracts/enterprises.ts'
import { AppError, problemsError } from '../domain/errors.ts'
import { insertPlot, insertPlotEvent } from '../repos/plots.repo.ts'
import {
  decideProposal as writeDecision,
  findEnterprise,
  findEnterpriseByCreditCode,
  findLastChange,
  findOpenProposal,
  insertChange,
  insertEnterprise,
  insertProposal,
  listEnterprises,
  listProposals,
  lockEnterprise,
  lockProposal,
  updateEnterprise,
  type EnterpriseValues,
  type ProposalRow,
} from '../repos/registry.repo.ts'
import { listHistory } from '../repos/review.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { assertAdcodeInScope, conflictError, type ControlZoneDeps } from './control-zones.service.ts'
import { formatChangedAt, isoOf } from '../domain/changed-at.ts'
import { checkOutline, type Geo } from './registry-geometry.ts'

/** Tile layers that show enterprises and plots (a confirmed proposal makes a plot). */
export const ENTERPRISE_LAYERS = ['enterprise', 'enterprise-point']
const PLOT_LAYERS = ['contaminated-plot', 'contaminated-plot-point']

export type EnterpriseDeps = ControlZoneDeps

export interface EnterpriseInput {
  name?: string
  creditCode?: string
  industry?: string
  status?: EnterpriseStatus
  adcode?: string
  geometry?: unknown
}

const HISTORY_LABEL: Record<string, string> = {
  create: '新建',
  update: '修改',
  propose: '生成疑似地块建议',
  confirm: '确认为疑似污染地块',
  dismiss: '不予列入',
}

function describeProposal(p: ProposalRow): PlotProposal {
  return {
    id: Number(p.id),
    adcode: p.adcode,
    county: p.county,
    enterpriseId: Number(p.enterprise_id),
    enterpriseName: p.enterprise_name,
    creditCode: p.credit_code,
    industry: p.industry,
    industryName: industryNameOf(p.industry),
    enterpriseStatus: p.enterprise_status,
    enterpriseStatusName: labelOf(ENTERPRISE_STATUS, p.enterprise_status),
    status: p.status,
    statusName: PROPOSAL_STATUS[p.status],
    createdAt: isoOf(p.created_at),
    createdBy: p.created_by,
    createdByName: p.created_by_name,
    decidedBy: p.decided_by,
    decidedByName: p.decided_by_name,
    decidedAt: p.decided_at === null ? null : isoOf(p.decided_at),
    reason: p.reason,
    plotId: p.plot_id === null ? null : Number(p.plot_id),
    plotCode: p.plot_code,
    ...publicArea(p.area_m2),
    geometry: p.geometry,
  }
}

/** Supervised enterprises of the user's counties (or one), filtered by status and industry. */
export async function listEnterprisesFor(
  db: Database,
  ctx: AuthContext,
  f: { adcode?: string; status?: string; industry?: string },
): Promise<EnterprisesResponse> {
  if (f.adcode) await assertAdcodeInScope(db, ctx, f.adcode)
  const rows = await listEnterprises(
    db,
    f.adcode ? [f.adcode] : scopeAdcodes(ctx),
    f.status ?? null,
    f.industry ?? null,
  )
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      adcode: r.adcode,
      county: r.county,
      creditCode: r.credit_code,
      name: r.name,
      industry: r.industry,
      industryName: industryNameOf(r.industry, r.industry_other),
      status: r.status,
      statusName: labelOf(ENTERPRISE_STATUS, r.status),
      ...publicArea(r.area_m2),
      version: r.version,
      updatedAt: isoOf(r.updated_at),
      bbox: r.bbox,
      pendingProposalId: r.pending_proposal_id === null ? null : Number(r.pending_proposal_id),
      isSample: r.is_generated,
    })),
  }
}

/** One enterprise with its site, its proposals and its history. */
export async function getEnterprise(db: Queryable, ctx: AuthContext, id: number): Promise<EnterpriseDetail> {
  const row = await findEnterprise(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的重点监管单位`)
  assertCountyInScope(ctx, row.adcode, row.county_name)
  const [proposals, history, last] = await Promise.all([
    listProposals(db, [row.adcode], ['pending', 'confirmed', 'dismissed'], row.id),
    listHistory(db, 'supervised_enterprise', row.id),
    findLastChange(db, 'supervised_enterprise', row.id),
  ])
  return {
    id: Number(row.id),
    adcode: row.adcode,
    county: row.county,
    creditCode: row.credit_code,
    name: row.name,
    industry: row.industry,
    industryName: industryNameOf(row.industry, row.industry_other),
    status: row.status,
    statusName: labelOf(ENTERPRISE_STATUS, row.status),
    geometry: row.geometry,
    ...publicArea(row.area_m2),
    version: row.version,
    updatedAt: isoOf(row.updated_at),
    updatedBy: last?.actor ?? null,
    updatedByName: last?.actor_name ?? null,
    isSample: row.is_generated,
    proposals: proposals.map(describeProposal),
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

async function assertCreditCodeFree(
  tx: Queryable,
  adcode: string,
  creditCode: string,
  exceptId: number | null,
): Promise<void> {
  const other = await findEnterpriseByCreditCode(tx, adcode, creditCode, exceptId)
  if (other)
    throw new AppError(
      'CONFLICT',
      `统一社会信用代码 ${creditCode} 已登记为“${other.name}”（编号 ${other.id}），同一区县不能重复登记`,
      { field: 'creditCode', enterpriseId: Number(other.id) },
    )
}

const snapshot = (v: EnterpriseValues, version: number) => ({
  creditCode: v.creditCode,
  name: v.name,
  industry: v.industry,
  status: v.status,
  version,
  geometry: v.geometry,
})

/**
 * When an enterprise enters 关闭 or 搬迁, its site is proposed as a suspected plot, in the caller's transaction;
 * the answer says what happened.
 */
export async function proposeOnStatusChange(
  tx: Queryable,
  ctx: AuthContext,
  adcode: string,
  enterpriseId: number,
  from: EnterpriseStatus,
  to: EnterpriseStatus,
  name: string,
) {
  const open = from === to ? undefined : await findOpenProposal(tx, adcode, enterpriseId)
  const decision = decideProposal(from, to, open ? { status: open.status, plotCode: open.plot_code } : null)
  if (!decision.propose) return { proposalId: null, note: decision.note }
  const proposalId = await insertProposal(tx, adcode, enterpriseId, ctx.user.username)
  await insertChange(tx, {
    adcode,
    entity: 'supervised_enterprise',
    entityId: enterpriseId,
    action: 'propose',
    actor: ctx.user.username,
    reason: null,
    before: null,
    after: { proposalId, enterpriseStatus: to, name },
  })
  return { proposalId, note: decision.note }
}

/** 新增重点监管单位. An enterprise registered as closed or relocated is proposed at once. */
export async function createEnterprise(
  deps: EnterpriseDeps,
  ctx: AuthContext,
  input: Required<Omit<EnterpriseInput, 'adcode'>> & { adcode?: string },
): Promise<EnterpriseSaved> {
  const result = await deps.db.transaction(async (tx) => {
    const outline = await checkOutline(tx, ctx, input.geometry, '企业场地边界', {
      adcode: input.adcode ?? null,
      maxVertices: deps.settings.zoneMaxVertices,
      outsideToleranceM2: deps.settings.outsideToleranceM2,
    })
    if (!outline.ok) throw problemsError(outline.problems)
    await assertCreditCodeFree(tx, outline.adcode, input.creditCode, null)
    const values: EnterpriseValues = {
      creditCode: input.creditCode,
      name: input.name.trim(),
      industry: input.industry,
      status: input.status,
      geometry: outline.geometry,
    }
    const id = await insertEnterprise(tx, outline.adcode, values)
    await insertChange(tx, {
      adcode: outline.adcode,
      entity: 'supervised_enterprise',
      entityId: id,
      action: 'create',
      actor: ctx.user.username,
      reason: null,
      before: null,
      after: snapshot(values, 1),
    })
    const proposal = await proposeOnStatusChange(tx, ctx, outline.adcode, id, 'operating', input.status, values.name)
    return { id, ...proposal }
  })
  deps.onChanged(ENTERPRISE_LAYERS)
  return {
    ...(await getEnterprise(deps.db, ctx, result.id)),
    createdProposalId: result.proposalId,
    proposalNote: result.note,
  }
}

/** 修改重点监管单位 (status, name, code, industry, site); entering 关闭/搬迁 proposes the site in the same transaction. */
export async function updateEnterpriseOf(
  deps: EnterpriseDeps,
  ctx: AuthContext,
  id: number,
  input: EnterpriseInput & { version: number; reason?: string },
): Promise<EnterpriseSaved> {
  const result = await deps.db.transaction(async (tx) => {
    const row = await lockEnterprise(tx, id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的重点监管单位`)
    assertCountyInScope(ctx, row.adcode, row.county_name)
    if (row.version !== input.version)
      throw await conflictError(
        tx,
        `重点监管单位“${row.name}”`,
        'supervised_enterprise',
        id,
        input.version,
        row.version,
      )
    if (input.adcode !== undefined && input.adcode !== row.adcode) {
      throw new AppError('VALIDATION', `重点监管单位“${row.name}”属于${row.county_name}，不能改到其他区县`)
    }
    let geometry: Geo = row.geometry
    if (input.geometry !== undefined) {
      const outline = await checkOutline(tx, ctx, input.geometry, '企业场地边界', {
        adcode: row.adcode,
        maxVertices: deps.settings.zoneMaxVertices,
        outsideToleranceM2: deps.settings.outsideToleranceM2,
      })
      if (!outline.ok) throw problemsError(outline.problems)
      geometry = outline.geometry
    }
    const before: EnterpriseValues = {
      creditCode: row.credit_code,
      name: row.name,
      industry: row.industry,
      status: row.status,
      geometry: row.geometry,
    }
    const after: EnterpriseValues = {
      creditCode: input.creditCode ?? before.creditCode,
      name: input.name?.trim() ?? before.name,
      industry: input.industry ?? before.industry,
      status: input.status ?? before.status,
      geometry,
    }
    if (after.creditCode !== before.creditCode) await assertCreditCodeFree(tx, row.adcode, after.creditCode, row.id)
    const version = await updateEnterprise(tx, row.adcode, id, after)
    await insertChange(tx, {
      adcode: row.adcode,
      entity: 'supervised_enterprise',
      entityId: id,
      action: 'update',
      actor: ctx.user.username,
      reason: input.reason?.trim() || null,
      before: snapshot(before, row.version),
      after: snapshot(after, version),
    })
    return proposeOnStatusChange(
      tx,
      ctx,
      row.adcode,
      id,
      before.status as EnterpriseStatus,
      after.status as EnterpriseStatus,
      after.name,
    )
  })
  deps.onChanged(ENTERPRISE_LAYERS)
  return { ...(await getEnterprise(deps.db, ctx, id)), createdProposalId: result.proposalId, proposalNote: result.note }
}

/** Proposals of the user's counties in the given states (pending by default). */
export async function listProposalsFor(
  db: Database,
  ctx: AuthContext,
  f: { status?: ProposalStatus[]; adcode?: string },
): Promise<ProposalsResponse> {
  if (f.adcode) await assertAdcodeInScope(db, ctx, f.adcode)
  const rows = await listProposals(db, f.adcode ? [f.adcode] : scopeAdcodes(ctx), f.status ?? ['pending'], null)
  return { items: rows.map(describeProposal) }
}

async function lockPending(tx: Queryable, ctx: AuthContext, id: number) {
  const p = await lockProposal(tx, id)
  if (!p) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的疑似污染地块建议`)
  assertCountyInScope(ctx, p.adcode, p.county_name)
  const problem = proposalDecidedProblem({
    status: p.status,
    decidedByName: p.decided_by_name,
    decidedAt: p.decided_at ? formatChangedAt(p.decided_at) : null,
  })
  if (problem)
    throw new AppError('CONFLICT', `“${p.enterprise_name}”的场地：${problem}`, {
      status: p.status,
      decidedBy: p.decided_by,
      decidedAt: p.decided_at,
    })
  return p
}

async function proposalById(db: Queryable, ctx: AuthContext, adcode: string, id: number): Promise<PlotProposal> {
  return describeProposal((await listProposals(db, [adcode], ['pending', 'confirmed', 'dismissed'], null, id))[0])
}

/** 确认为疑似地块: a draft 疑似污染地块 on the site (industry of the enterprise), the decision and both histories. */
export async function confirmProposal(deps: EnterpriseDeps, ctx: AuthContext, id: number, input: { name?: string }) {
  const adcode = await deps.db.transaction(async (tx) => {
    const p = await lockPending(tx, ctx, id)
    const proposal = (await listProposals(tx, [p.adcode], ['pending'], null, id))[0]
    const name = input.name?.trim() || proposedPlotName(p.enterprise_name)
    const plotId = Number(
      await insertPlot(
        tx,
        p.adcode,
        {
          name,
          formerIndustry: p.industry,
          landUser: p.enterprise_name,
          address: null,
          contact: null,
          plannedLandClass: null,
        },
        proposal.geometry as Geo,
        ctx.user.username,
      ),
    )
    await writeDecision(tx, p.adcode, id, 'confirmed', ctx.user.username, null, plotId)
    const origin = `由重点监管单位“${p.enterprise_name}”关闭/搬迁后的场地确认`
    await insertPlotEvent(tx, {
      adcode: p.adcode,
      plotId,
      action: 'create',
      from: null,
      to: 'suspected',
      riskLevel: null,
      document: null,
      reviewDocument: null,
      reason: origin,
      actor: ctx.user.username,
    })
    await insertChange(tx, {
      adcode: p.adcode,
      entity: 'contaminated_plot',
      entityId: plotId,
      action: 'create',
      actor: ctx.user.username,
      reason: origin,
      before: null,
      after: {
        name,
        status: 'suspected',
        formerIndustry: p.industry,
        proposalId: id,
        enterpriseId: Number(p.enterprise_id),
      },
    })
    await insertChange(tx, {
      adcode: p.adcode,
      entity: 'supervised_enterprise',
      entityId: Number(p.enterprise_id),
      action: 'confirm',
      actor: ctx.user.username,
      reason: null,
      before: { proposalId: id, status: 'pending' },
      after: { proposalId: id, status: 'confirmed', plotId },
    })
    return p.adcode
  })
  deps.onChanged(PLOT_LAYERS)
  return proposalById(deps.db, ctx, adcode, id)
}

/** 不予列入: the proposal is closed with the reason; nothing else changes. */
export async function dismissProposal(deps: EnterpriseDeps, ctx: AuthContext, id: number, input: { reason: string }) {
  const adcode = await deps.db.transaction(async (tx) => {
    const p = await lockPending(tx, ctx, id)
    const reason = input.reason.trim()
    await writeDecision(tx, p.adcode, id, 'dismissed', ctx.user.username, reason, null)
    await insertChange(tx, {
      adcode: p.adcode,
      entity: 'supervised_enterprise',
      entityId: Number(p.enterprise_id),
      action: 'dismiss',
      actor: ctx.user.username,
      reason,
      before: { proposalId: id, status: 'pending' },
      after: { proposalId: id, status: 'dismissed' },
    })
    return p.adcode
  })
  return proposalById(deps.db, ctx, adcode, id)
}

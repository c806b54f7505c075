import type { Database, Queryable } from '../db/database.ts'
import { AppError } from '../domain/errors.ts'
import { ENTERPRISE_STATUS, INDUSTRY, industryNameOf, labelOf } from '../domain/labels.ts'
import type { ParcelEditSettings } from '../domain/parcel-checks.ts'
import {
  REPORT_STATUS,
  REPORT_STATUS_STEPS,
  draftOutlineAround,
  staleReport,
  type ReportStatus,
} from '../domain/public-report.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import type { NearbyEnterprisesResponse, ReportHistoryResponse, ReportItem } from '../../../contracts/reports.ts'
import { insertChange } from '../repos/registry.repo.ts'
import {
  findReport,
  insertInspection,
  insertReportEvent,
  listNearbyEnterprises,
  listOfficers,
  listReportEvents,
  listReports,
  lockReport,
  updateReport,
  type LockedReport,
  type ReportAction,
  type ReportChange,
} from '../repos/reports.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { PLOT_LAYERS } from './plots.service.ts'
import { createSuspectedPlot } from './plot-writes.ts'
import { toReportItem } from './reports.service.ts'

/** What following up a report needs besides the database. */
export interface ReportFollowDeps {
  db: Database
  settings: {
    departments: string[]
    nearbyEnterpriseM: number
    plotDraftSideM: number
    plotGeometry: ParcelEditSettings
  }
  /** Tile layers whose data changed (a report turned into a plot adds one). */
  onChanged: (layers: string[]) => void
}

const ACTION_NAME: Record<ReportAction, string> = {
  assign: '指派承办',
  note: '内部备注',
  reply: '公开答复',
  status: '状态变更',
  to_plot: '转为疑似污染地块',
  to_inspection: '转为重点监管单位现场检查',
  handle: '办结',
}

type Change = { change: Partial<ReportChange>; action: ReportAction; body: string | null; detail: object }

/**
 * One change of a report in one transaction: locked, in the caller's scope, at the version the officer saw (409
 * otherwise); `decide` says what changes, the history entry is written with it. Answers the report as it is now.
 */
async function changeReport(
  db: Database,
  ctx: AuthContext,
  id: number,
  version: number,
  decide: (tx: Queryable, row: LockedReport) => Promise<Change>,
): Promise<ReportItem> {
  return db.transaction(async (tx) => {
    const row = await lockReport(tx, id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的举报`)
    assertCountyInScope(ctx, row.adcode, row.county)
    if (version !== row.version) throw staleReport(row, version)
    const { change, action, body, detail } = await decide(tx, row)
    await updateReport(tx, row.adcode, row.id, ctx.user.username, {
      status: row.status,
      department: row.department,
      assignee: row.assignee,
      publicReply: null,
      plotId: null,
      ...change,
    })
    await insertReportEvent(tx, {
      adcode: row.adcode,
      reportId: row.id,
      action,
      actor: ctx.user.username,
      body,
      detail,
    })
    const [item] = await listReports(tx, [row.adcode], Object.keys(REPORT_STATUS) as ReportStatus[], 1, row.id)
    return toReportItem(item)
  })
}

/** A report still 已受理 goes to 核查中 once somebody takes it up. */
const takenUp = (row: LockedReport): ReportStatus => (row.status === 'new' ? 'verifying' : row.status)

/** 指派: the department (one of the settings' list) and an officer whose scope covers the report's county. */
export async function assignReport(
  deps: ReportFollowDeps,
  ctx: AuthContext,
  id: number,
  input: { version: number; department: string; assignee: string | null },
): Promise<ReportItem> {
  return changeReport(deps.db, ctx, id, input.version, async (tx, row) => {
    if (!deps.settings.departments.includes(input.department))
      throw new AppError(
        'VALIDATION',
        `承办部门“${input.department}”不在可选部门中（${deps.settings.departments.join('、')}）`,
        { problems: [{ code: 'UNKNOWN_DEPARTMENT', field: 'department', message: '承办部门不在可选部门中' }] },
      )
    if (input.assignee && !(await listOfficers(tx, [row.adcode])).some((o) => o.username === input.assignee))
      throw new AppError('VALIDATION', `承办人“${input.assignee}”不是 ${row.county} 的在岗工作人员，请从列表中选择`, {
        problems: [{ code: 'UNKNOWN_OFFICER', field: 'assignee', message: '承办人不是本县在岗工作人员' }],
      })
    return {
      change: { department: input.department, assignee: input.assignee, status: takenUp(row) },
      action: 'assign',
      body: null,
      detail: {
        department: input.department,
        assignee: input.assignee,
        before: { department: row.department, assignee: row.assignee },
        ...(row.status === 'new' ? { status: { from: 'new', to: 'verifying' } } : {}),
      },
    }
  })
}

/** 内部备注: a note for staff only (never on the tracking page). */
export async function addReportNote(
  db: Database,
  ctx: AuthContext,
  id: number,
  input: { version: number; note: string },
): Promise<ReportItem> {
  return changeReport(db, ctx, id, input.version, async () => ({
    change: {},
    action: 'note',
    body: input.note,
    detail: {},
  }))
}

/** 公开答复: the reply the reporter reads by the tracking code; a later reply replaces it. */
export async function replyToReport(
  db: Database,
  ctx: AuthContext,
  id: number,
  input: { version: number; reply: string },
): Promise<ReportItem> {
  return changeReport(db, ctx, id, input.version, async (_tx, row) => ({
    change: { publicReply: input.reply },
    action: 'reply',
    body: input.reply,
    detail: { before: row.public_reply },
  }))
}

/** 状态变更: 已受理 → 核查中 → 已办结 (已办结 needs a public reply; it may be reopened to 核查中). */
export async function setReportStatus(
  db: Database,
  ctx: AuthContext,
  id: number,
  input: { version: number; status: ReportStatus },
): Promise<ReportItem> {
  return changeReport(db, ctx, id, input.version, async (_tx, row) => {
    if (!REPORT_STATUS_STEPS[row.status].includes(input.status))
      throw new AppError(
        'CONFLICT',
        `举报 No.${row.id} 当前为“${REPORT_STATUS[row.status]}”，不能改为“${REPORT_STATUS[input.status]}”`,
      )
    if (input.status === 'handled' && !row.public_reply)
      throw new AppError('VALIDATION', `举报 No.${row.id} 办结前请先填写公开答复（举报人凭查询码可以看到）`, {
        problems: [{ code: 'REPLY_REQUIRED', field: 'status', message: '办结前须有公开答复' }],
      })
    return {
      change: { status: input.status },
      action: 'status',
      body: null,
      detail: { from: row.status, to: input.status },
    }
  })
}

/**
 * 转为疑似污染地块: a draft suspected plot on the reported point (a square of the settings' side, the officer draws
 * the real outline later), its 大事记 carrying the report's description; the report goes to 核查中 and keeps the
 * plot. The reporter's contact is not carried over.
 */
export async function turnReportIntoPlot(
  deps: ReportFollowDeps,
  ctx: AuthContext,
  id: number,
  input: { version: number; name: string; formerIndustry: keyof typeof INDUSTRY },
): Promise<ReportItem> {
  const item = await changeReport(deps.db, ctx, id, input.version, async (tx, row) => {
    if (row.plot_id !== null)
      throw new AppError('CONFLICT', `举报 No.${row.id} 已转为疑似污染地块（地块编号 ${row.plot_id}），不能重复转入`)
    const origin = `由公众举报 No.${row.id} 转入。举报内容：${row.description}`
    const plotId = await createSuspectedPlot(
      tx,
      ctx,
      {
        name: input.name,
        adcode: row.adcode,
        address: `${row.county}${row.township ?? ''}（举报位置 ${row.lon.toFixed(6)}, ${row.lat.toFixed(6)}）`,
        formerIndustry: input.formerIndustry,
        geometry: draftOutlineAround(row.lon, row.lat, deps.settings.plotDraftSideM),
      },
      deps.settings.plotGeometry,
      origin,
    )
    return {
      change: { plotId, status: takenUp(row) },
      action: 'to_plot',
      body: null,
      detail: { plotId, name: input.name, formerIndustry: input.formerIndustry },
    }
  })
  deps.onChanged(PLOT_LAYERS)
  return item
}

async function findInScope(db: Queryable, ctx: AuthContext, id: number): Promise<LockedReport> {
  const row = await findReport(db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的举报`)
  assertCountyInScope(ctx, row.adcode, row.county)
  return row
}

/** Supervised enterprises of the report's county within the settings' distance of the point, nearest first. */
export async function findEnterprisesNearReport(
  deps: ReportFollowDeps,
  ctx: AuthContext,
  id: number,
): Promise<NearbyEnterprisesResponse> {
  const row = await findInScope(deps.db, ctx, id)
  const rows = await listNearbyEnterprises(deps.db, row.adcode, row.id, deps.settings.nearbyEnterpriseM)
  return {
    withinM: deps.settings.nearbyEnterpriseM,
    enterprises: rows.map((e) => ({
      id: Number(e.id),
      name: e.name,
      industryName: industryNameOf(e.industry, e.industry_other),
      statusName: labelOf(ENTERPRISE_STATUS, e.status),
      distanceM: Math.round(e.distance_m),
    })),
  }
}

/**
 * 转为现场检查: a planned inspection of a supervised enterprise near the point (within the settings' distance,
 * in the report's county), written in the enterprise's history too; the report goes to 核查中.
 */
export async function turnReportIntoInspection(
  deps: ReportFollowDeps,
  ctx: AuthContext,
  id: number,
  input: { version: number; enterpriseId: number },
): Promise<ReportItem> {
  return changeReport(deps.db, ctx, id, input.version, async (tx, row) => {
    const near = (await listNearbyEnterprises(tx, row.adcode, row.id, deps.settings.nearbyEnterpriseM)).find(
      (e) => Number(e.id) === input.enterpriseId,
    )
    if (!near)
      throw new AppError(
        'VALIDATION',
        `编号为 ${input.enterpriseId} 的重点监管单位不在举报位置 ${deps.settings.nearbyEnterpriseM} 米范围内（或不属于${row.county}），请从附近单位中选择`,
        { problems: [{ code: 'NOT_NEARBY', field: 'enterpriseId', message: '该单位不在举报位置附近' }] },
      )
    const reason = `公众举报 No.${row.id}：距举报位置约 ${Math.round(near.distance_m)} 米`
    const inspectionId = await insertInspection(tx, {
      adcode: row.adcode,
      enterpriseId: input.enterpriseId,
      reportId: row.id,
      reason,
      distanceM: near.distance_m,
      actor: ctx.user.username,
    })
    await insertChange(tx, {
      adcode: row.adcode,
      entity: 'supervised_enterprise',
      entityId: input.enterpriseId,
      action: 'update',
      actor: ctx.user.username,
      reason: `安排现场检查（${reason}）`,
      before: null,
      after: { inspectionId, reportId: row.id },
    })
    return {
      change: { status: takenUp(row) },
      action: 'to_inspection',
      body: null,
      detail: { inspectionId, enterpriseId: input.enterpriseId, enterpriseName: near.name },
    }
  })
}

/** 处理记录: what was done to a report, by whom and when, oldest first. */
export async function listReportHistory(db: Database, ctx: AuthContext, id: number): Promise<ReportHistoryResponse> {
  const row = await findInScope(db, ctx, id)
  const events = await listReportEvents(db, row.adcode, row.id)
  return {
    events: events.map((e) => ({
      id: Number(e.id),
      action: e.action,
      actionName: ACTION_NAME[e.action],
      actor: e.actor,
      actorName: e.actor_name,
      body: e.body,
      detail: e.detail,
      at: e.created_at.toISOString(),
    })),
  }
}

import type { Database, Queryable } from '../db/database.ts'
import { figuresByClass, priorityFallRefusal, priorityWarnings, summarizeByTownship } from '../domain/class-summary.ts'
import { submitRefusal } from '../domain/control-zone.ts'
import { banZoneSubmitRefusal } from '../domain/ban-zone.ts'
import { can, type Capability } from '../domain/rights.ts'
import type { Role } from '../domain/roles.ts'
import {
  REVIEW_STATUS_LABEL,
  REVIEW_TRANSITIONS,
  availableReviewActions,
  decideReview,
  type ReviewAction,
  type ReviewStatus,
} from '../domain/review-workflow.ts'
import { assertCountyInScope, scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  REVIEW_TABLES,
  findRecordCounty,
  insertHistory,
  listHistory,
  listReviewQueue,
  lockReviewRecord,
  publishRecord,
  setReviewStatus,
  type ReviewKind,
  type ReviewRecordRow,
} from '../repos/review.repo.ts'
import { setPriorityFallExplanation, summarizeList } from '../repos/classification.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { publishPlotNegativeList } from './plot-writes.ts'
import { publishBanZoneBasis } from './ban-zones.service.ts'
import type { PriorityAreaSettings } from '../domain/priority-area.ts'
import { refreshPriorityAreas } from '../repos/priority-area.repo.ts'
import type { HistoryEntry, ReviewInfo, ReviewQueueItem } from '../../../contracts/review.ts'

/** Settings of what a publication recomputes. */
export interface ReviewSettings {
  priorityAreas: PriorityAreaSettings
}

/** What each kind of record is called, who keeps it, and which tile layers show it. */
export const REVIEW_KINDS: Record<
  ReviewKind,
  {
    title: string
    /** The capability of those who keep this kind of record: they submit it and reopen it. */
    ownerRight: Capability
    layers: string[]
    isShownOnlyWhenPublished?: boolean
    refuse?: (action: ReviewAction, row: ReviewRecordRow) => string | null
    /** A check that reads the database, inside the transaction after `refuse`; it throws to refuse the step. */
    check?: (tx: Queryable, action: ReviewAction, row: ReviewRecordRow, reason: string | undefined) => Promise<void>
    /** Completes the published copy inside the 发布 transaction (e.g. a plot's computed negative list). */
    afterPublish?: (tx: Queryable, adcode: string, id: number, settings: ReviewSettings) => Promise<void>
  }
> = {
  plot: {
    title: '污染地块',
    ownerRight: 'plot.edit',
    layers: ['contaminated-plot', 'contaminated-plot-point', 'public-plot', 'public-plot-point', 'public-control-zone'],
    afterPublish: publishPlotNegativeList,
  },
  'control-zone': {
    title: '管控区域',
    ownerRight: 'controlZone.edit',
    layers: ['control-zone', 'public-control-zone'],
    refuse: (action, row) =>
      action === 'submit'
        ? submitRefusal({
            announcement_no: row.announcement_no ?? null,
            announcement_date: row.announcement_date ?? null,
            announcement_text: row.announcement_text ?? null,
            sign_count: row.sign_count ?? 0,
            plot_count: row.plot_count ?? 0,
          })
        : null,
  },
  'class-list': {
    title: '耕地分类清单',
    ownerRight: 'classification.run',
    layers: ['parcel', 'parcel-overview', 'priority-area'],
    isShownOnlyWhenPublished: true,
    refuse: (action, row) =>
      action === 'submit' && row.is_complete === false
        ? '分类尚未完成（任务仍在运行，或已取消、失败），清单不完整，不能提交审定；请等待任务完成或重新运行分类'
        : null,
    check: (tx, action, row, reason) => recordPriorityFall(tx, action, row, reason),
    // the published classes changed: a new version of the 优先保护类耕地集中区域
    afterPublish: async (tx, adcode, id, settings) => {
      await refreshPriorityAreas(tx, adcode, settings.priorityAreas, id)
    },
  },
  'safe-use-ledger': {
    title: '受污染耕地安全利用台账',
    ownerRight: 'safeUse.edit',
    layers: [],
    refuse: (action, row) =>
      action === 'submit' && row.row_count === 0 ? '台账中还没有任何图斑，不能提交审定；请先录入或导入' : null,
  },
  'ban-zone': {
    title: '特定农产品禁止生产区域',
    ownerRight: 'classification.run',
    layers: ['ban-zone', 'public-ban-zone'],
    refuse: (action, row) =>
      action === 'submit'
        ? banZoneSubmitRefusal({
            announcementNo: row.announcement_no ?? null,
            announcementDate: row.announcement_date ?? null,
            announcementText: row.announcement_text ?? null,
            parcelCount: row.plot_count ?? 0,
          })
        : null,
    afterPublish: (tx, adcode, id) => publishBanZoneBasis(tx, adcode, id),
  },
}

/** On 提交审定 of a class list: a fall of the 优先保护类 area needs a written explanation, kept with the list. */
async function recordPriorityFall(
  tx: Queryable,
  action: ReviewAction,
  row: ReviewRecordRow,
  reason: string | undefined,
): Promise<void> {
  if (action !== 'submit') return
  const rows = await summarizeList(tx, row.adcode, row.id)
  const warnings = priorityWarnings(row.county, figuresByClass(rows), summarizeByTownship(rows))
  const refusal = priorityFallRefusal(warnings, reason)
  if (refusal) {
    throw new AppError('VALIDATION', `耕地分类清单“${row.name}”：${refusal}`, {
      problems: [{ code: 'PRIORITY_FALL_EXPLANATION_REQUIRED', message: refusal, field: 'reason' }],
    })
  }
  await setPriorityFallExplanation(tx, row.adcode, row.id, warnings.length ? reason!.trim() : null)
}

const ACTION_LABEL: Record<string, string> = {
  create: '新建',
  update: '修改',
  delete: '删除',
  restore: '恢复',
  import: '导入',
  classify: '分类',
  override: '人工调整类别',
  split: '分割',
  merge: '合并',
  transition: '状态变更',
  pollutant: '污染物检测结果',
  negative_use: '负面清单',
  propose: '建议列为疑似污染地块',
  confirm: '确认为疑似污染地块',
  dismiss: '不予列入',
  publish_list: '发布名单（名录）',
  ...Object.fromEntries(Object.entries(REVIEW_TRANSITIONS).map(([a, t]) => [a, t.label])),
}

/** The review block of a record for the info panel: its state and the buttons this user may press. */
export function describeReview(
  kind: ReviewKind,
  row: {
    id: number
    review_status: ReviewStatus
    review_reason: string | null
    version: number
    published_version: number
  },
  role: Role,
): ReviewInfo {
  return {
    kind,
    id: Number(row.id),
    status: row.review_status,
    statusName: REVIEW_STATUS_LABEL[row.review_status],
    reason: row.review_status === 'returned' ? row.review_reason : null,
    version: row.version,
    publishedVersion: row.published_version,
    actions: availableReviewActions(row.review_status, role, REVIEW_KINDS[kind].ownerRight).map((a) => ({
      action: a,
      label: REVIEW_TRANSITIONS[a].label,
      isReasonRequired: REVIEW_TRANSITIONS[a].isReasonRequired,
    })),
  }
}

export interface TransitionInput {
  kind: ReviewKind
  id: number
  action: ReviewAction
  reason?: string
  /** The version the user saw; a different current version is a conflict. */
  version?: number
}

/**
 * Moves a record one step through review. The state change, the published version (on 发布) and the history
 * row are written in one transaction; any refusal leaves everything as it was.
 */
export async function transitionReview(
  db: Database,
  ctx: AuthContext,
  input: TransitionInput,
  onChanged: (layers: string[]) => void,
  settings: ReviewSettings,
): Promise<ReviewInfo> {
  const kind = REVIEW_KINDS[input.kind]
  const result = await db.transaction(async (tx) => {
    const row = await lockReviewRecord(tx, input.kind, input.id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${input.id} 的${kind.title}`)
    assertCountyInScope(ctx, row.adcode, row.county)
    if (input.version !== undefined && input.version !== row.version) {
      throw new AppError(
        'CONFLICT',
        `${kind.title}“${row.name}”已被他人修改（您看到的是第 ${input.version} 版，当前为第 ${row.version} 版），请刷新后重试`,
        { currentVersion: row.version, currentStatus: row.review_status },
      )
    }
    const decision = decideReview({
      status: row.review_status,
      action: input.action,
      actorRole: ctx.user.role,
      ownerRight: kind.ownerRight,
      reason: input.reason,
    })
    if (!decision.ok) {
      const code =
        decision.code === 'WRONG_ROLE' ? 'FORBIDDEN' : decision.code === 'REASON_REQUIRED' ? 'VALIDATION' : 'CONFLICT'
      throw new AppError(code, `${kind.title}“${row.name}”：${decision.message}`)
    }
    const refusal = kind.refuse?.(input.action, row)
    if (refusal) throw new AppError('CONFLICT', `${kind.title}“${row.name}”：${refusal}`)
    await kind.check?.(tx, input.action, row, input.reason)
    const reason = input.reason?.trim() || null
    const after = await setReviewStatus(
      tx,
      input.kind,
      row.adcode,
      row.id,
      decision.to,
      input.action === 'return' ? reason : null,
    )
    if (input.action === 'publish') {
      await publishRecord(tx, input.kind, row.adcode, row.id)
      await kind.afterPublish?.(tx, row.adcode, row.id, settings)
    }
    const published = input.action === 'publish' ? after.published_version + 1 : after.published_version
    await insertHistory(tx, {
      adcode: row.adcode,
      entity: REVIEW_TABLES[input.kind].table,
      entityId: row.id,
      action: input.action,
      actor: ctx.user.username,
      reason,
      before: { reviewStatus: row.review_status, version: row.version, publishedVersion: row.published_version },
      after: { reviewStatus: decision.to, version: after.version, publishedVersion: published },
    })
    return describeReview(
      input.kind,
      {
        id: row.id,
        review_status: decision.to,
        review_reason: reason,
        version: after.version,
        published_version: published,
      },
      ctx.user.role,
    )
  })
  if (input.action === 'publish') onChanged(kind.layers)
  else if (!kind.isShownOnlyWhenPublished) onChanged(kind.layers.filter((l) => !l.startsWith('public-')))
  return result
}

export async function getRecordHistory(
  db: Database,
  ctx: AuthContext,
  kind: ReviewKind,
  id: number,
): Promise<HistoryEntry[]> {
  const table = REVIEW_TABLES[kind].table
  const owner = await findRecordCounty(db, table, id)
  if (!owner) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的${REVIEW_KINDS[kind].title}`)
  assertCountyInScope(ctx, owner.adcode, owner.county)
  const rows = await listHistory(db, table, id)
  return rows.map((r) => ({
    id: Number(r.id),
    action: r.action,
    actionName: ACTION_LABEL[r.action] ?? r.action,
    actor: r.actor,
    actorName: r.actor_name ?? r.actor,
    reason: r.reason,
    changedAt: new Date(r.changed_at).toISOString(),
    before: r.before,
    after: r.after,
  }))
}

/** Records in the user's scope waiting for this user: 已提交/已审定 for approvers, 退回/草稿 for the keepers. */
export async function listReviewQueueFor(
  db: Database,
  ctx: AuthContext,
  statuses: ReviewStatus[] | undefined,
  limit: number,
): Promise<ReviewQueueItem[]> {
  const wanted =
    statuses ?? (can(ctx.user.role, 'review.approve') ? ['submitted', 'approved'] : ['returned', 'draft', 'submitted'])
  const rows = await listReviewQueue(db, scopeAdcodes(ctx), wanted as ReviewStatus[], limit)
  return rows.map((r) => ({
    kind: r.kind as ReviewKind,
    kindName: REVIEW_KINDS[r.kind as ReviewKind].title,
    id: Number(r.id),
    adcode: r.adcode,
    county: r.county,
    code: r.code,
    name: r.name,
    updatedAt: new Date(r.updated_at).toISOString(),
    review: describeReview(r.kind as ReviewKind, r, ctx.user.role),
  }))
}

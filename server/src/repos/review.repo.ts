import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { ReviewAction, ReviewStatus } from '../domain/review-workflow.ts'

/** The record kinds that go through review; each names its table and queries (never user input). */
export const REVIEW_TABLES = {
  plot: {
    table: 'contaminated_plot',
    lock: 'review/lock-plot',
    setStatus: 'review/set-plot-status',
    publish: 'review/publish-plots',
  },
  'control-zone': {
    table: 'control_zone',
    lock: 'review/lock-control-zone',
    setStatus: 'review/set-control-zone-status',
    publish: 'review/publish-control-zones',
  },
  'class-list': {
    table: 'class_list',
    lock: 'review/lock-class-list',
    setStatus: 'review/set-class-list-status',
    publish: 'review/publish-class-lists',
    afterPublish: 'review/refresh-farmland-overview',
  },
  'safe-use-ledger': {
    table: 'safe_use_ledger',
    lock: 'safe-use-ledger/lock-review',
    setStatus: 'safe-use-ledger/set-review-status',
    publish: 'safe-use-ledger/publish',
  },
  'ban-zone': {
    table: 'ban_zone',
    lock: 'ban-zones/lock-review',
    setStatus: 'ban-zones/set-review-status',
    publish: 'ban-zones/publish',
  },
} as const satisfies Record<
  string,
  { table: string; lock: string; setStatus: string; publish: string; afterPublish?: string }
>
export type ReviewKind = keyof typeof REVIEW_TABLES

export interface ReviewRecordRow {
  adcode: string
  id: number
  code: string
  name: string
  review_status: ReviewStatus
  version: number
  published_version: number
  county: string
  /** Class lists only: false while its job runs, or after a failed or cancelled run. */
  is_complete?: boolean
  /** Control zones only: what a submission needs (domain/control-zone.ts missingForSubmit). */
  announcement_no?: string | null
  announcement_date?: string | null
  announcement_text?: string | null
  sign_count?: number
  plot_count?: number
  /** Safe-use ledgers only: how many parcels the ledger lists. */
  row_count?: number
}

export async function lockReviewRecord(
  tx: Queryable,
  kind: ReviewKind,
  id: number,
): Promise<ReviewRecordRow | undefined> {
  return (await tx.query<ReviewRecordRow>(sqlFile(REVIEW_TABLES[kind].lock), [id])).rows[0]
}

export async function setReviewStatus(
  tx: Queryable,
  kind: ReviewKind,
  adcode: string,
  id: number,
  status: ReviewStatus,
  reason: string | null,
) {
  return (
    await tx.query<{ version: number; published_version: number }>(sqlFile(REVIEW_TABLES[kind].setStatus), [
      adcode,
      id,
      status,
      reason,
    ])
  ).rows[0]
}

export async function publishPlots(tx: Queryable, adcode: string, ids: number[]): Promise<void> {
  if (ids.length) await tx.query(sqlFile('review/publish-plots'), [adcode, ids])
}

export async function publishControlZones(tx: Queryable, adcode: string, ids: number[]): Promise<void> {
  if (ids.length) await tx.query(sqlFile('review/publish-control-zones'), [adcode, ids])
}

export async function publishRecord(tx: Queryable, kind: ReviewKind, adcode: string, id: number): Promise<void> {
  const tables: { publish: string; afterPublish?: string } = REVIEW_TABLES[kind]
  await tx.query(sqlFile(tables.publish), [adcode, [id]])
  if (tables.afterPublish) await tx.query(sqlFile(tables.afterPublish), [adcode])
}

export interface HistoryEntry {
  adcode: string
  entity: string
  entityId: number
  action:
    | ReviewAction
    | 'create'
    | 'update'
    | 'delete'
    | 'restore'
    | 'import'
    | 'classify'
    | 'override'
    | 'split'
    | 'merge'
    | 'transition'
    | 'pollutant'
    | 'negative_use'
    | 'propose'
    | 'confirm'
    | 'dismiss'
    | 'publish_list'
  actor: string
  reason: string | null
  before: unknown
  after: unknown
}

export async function insertHistory(tx: Queryable, h: HistoryEntry): Promise<void> {
  await tx.query(sqlFile('review/insert-history'), [
    h.adcode,
    h.entity,
    h.entityId,
    h.action,
    h.actor,
    h.reason,
    h.before === null ? null : JSON.stringify(h.before),
    h.after === null ? null : JSON.stringify(h.after),
  ])
}

export async function listHistory(db: Queryable, entity: string, id: number) {
  return (await db.query(sqlFile('review/list-history'), [entity, id])).rows
}

export async function findRecordCounty(
  db: Queryable,
  table: string,
  id: number,
): Promise<{ adcode: string; county: string } | undefined> {
  return (await db.query(sqlFile('review/find-record-county'), [table, id])).rows[0]
}

export async function listReviewQueue(db: Queryable, adcodes: string[], statuses: ReviewStatus[], limit: number) {
  return (await db.query(sqlFile('review/list-queue'), [adcodes, statuses, limit])).rows
}

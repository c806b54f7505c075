import { z } from 'zod'
import { REVIEW_ACTIONS, REVIEW_STATUSES } from '../server/src/domain/review-workflow.ts'

/** Kinds of records that go through review (the tables of the review repository, in its order). */
export const REVIEW_KINDS = ['plot', 'control-zone', 'class-list', 'safe-use-ledger', 'ban-zone'] as const
export const ReviewKind = z.enum(REVIEW_KINDS, { error: `记录类型应为：${REVIEW_KINDS.join('、')}` })
export type ReviewKind = z.infer<typeof ReviewKind>

/** Review states of the review-and-publish workflow. */
export const ReviewStatus = z.enum(REVIEW_STATUSES)
export type ReviewStatus = z.infer<typeof ReviewStatus>

/** `:kind/:id` of `GET /api/history/:kind/:id`. */
export const RecordParams = z.object({
  kind: ReviewKind,
  id: z
    .string()
    .regex(/^\d{1,15}$/, '记录编号应为数字')
    .transform(Number),
})

/** `:kind/:id/:action` of `POST /api/reviews/:kind/:id/:action`. */
export const ReviewActionParams = RecordParams.extend({
  action: z.enum(REVIEW_ACTIONS, { error: `操作应为：${REVIEW_ACTIONS.join('、')}` }),
})

/** The body of `POST /api/reviews/:kind/:id/:action`. */
export const ReviewActionBody = z
  .object({
    reason: z.string({ error: '理由应为文字' }).max(500, '理由最多 500 个字').optional(),
    version: z.number({ error: '版本号应为数字' }).int().positive().optional(),
  })
  .default({})
export type ReviewActionBody = z.input<typeof ReviewActionBody>

/** `GET /api/reviews?status=submitted,approved`. */
export const ReviewQueueQuery = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => s?.split(',').filter(Boolean))
    .pipe(z.array(z.enum(REVIEW_STATUSES, { error: `状态应为：${REVIEW_STATUSES.join('、')}` })).optional()),
})

/** A button the server allows this user on this record. */
export const ReviewAction = z.object({
  action: z.enum(REVIEW_ACTIONS),
  label: z.string(),
  isReasonRequired: z.boolean(),
})
export type ReviewAction = z.infer<typeof ReviewAction>

/** The review block of a plot, control zone or class list (feature info, action answers, queue items). */
export const ReviewInfo = z.object({
  kind: ReviewKind,
  id: z.number().int(),
  status: ReviewStatus,
  statusName: z.string(),
  /** The reason of a 退回; null in every other state. */
  reason: z.string().nullable(),
  version: z.number().int(),
  publishedVersion: z.number().int(),
  actions: z.array(ReviewAction),
})
export type ReviewInfo = z.infer<typeof ReviewInfo>

/** One item of `GET /api/reviews`. */
export const ReviewQueueItem = z.object({
  kind: ReviewKind,
  kindName: z.string(),
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  code: z.string(),
  name: z.string(),
  /** ISO 8601. */
  updatedAt: z.string(),
  review: ReviewInfo,
})
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>

/** `GET /api/reviews`. */
export const ReviewQueueResponse = z.object({ items: z.array(ReviewQueueItem) })
export type ReviewQueueResponse = z.infer<typeof ReviewQueueResponse>

/** One entry of `GET /api/history/:kind/:id`. */
export const HistoryEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  actionName: z.string(),
  actor: z.string(),
  actorName: z.string(),
  reason: z.string().nullable(),
  /** ISO 8601. */
  changedAt: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
})
export type HistoryEntry = z.infer<typeof HistoryEntry>

/** `GET /api/history/:kind/:id`. */
export const HistoryResponse = z.object({ entries: z.array(HistoryEntry) })
export type HistoryResponse = z.infer<typeof HistoryResponse>

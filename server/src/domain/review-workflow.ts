import { can, type Capability } from './rights.ts'
import type { Role } from './roles.ts'

/**
 * The one review-and-publish state machine (草稿 → 已提交 → 已审定 / 退回 → 已发布), reused by classification
 * lists, registry entries and control zones. Pure: the service applies the answer and writes the history.
 */

export const REVIEW_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'published'] as const
export type ReviewStatus = (typeof REVIEW_STATUSES)[number]

export const REVIEW_STATUS_LABEL: Record<ReviewStatus, string> = {
  draft: '草稿',
  submitted: '已提交',
  approved: '已审定',
  returned: '退回',
  published: '已发布',
}

export const REVIEW_ACTIONS = ['submit', 'approve', 'return', 'publish', 'reopen'] as const
export type ReviewAction = (typeof REVIEW_ACTIONS)[number]

export interface ReviewTransition {
  from: readonly ReviewStatus[]
  to: ReviewStatus
  /** `owner`: the role that keeps the record (e.g. the environment officer for a plot); `approver`: 审定人. */
  by: 'owner' | 'approver'
  isReasonRequired: boolean
  label: string
}

export const REVIEW_TRANSITIONS: Record<ReviewAction, ReviewTransition> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'owner', isReasonRequired: false, label: '提交审定' },
  approve: { from: ['submitted'], to: 'approved', by: 'approver', isReasonRequired: false, label: '审定通过' },
  return: { from: ['submitted', 'approved'], to: 'returned', by: 'approver', isReasonRequired: true, label: '退回' },
  publish: { from: ['approved'], to: 'published', by: 'approver', isReasonRequired: false, label: '发布' },
  reopen: { from: ['published'], to: 'draft', by: 'owner', isReasonRequired: true, label: '重新编辑' },
}

/**
 * Whether a record's content may be edited: while 草稿 or 退回, the states its keeper submits from. A submitted,
 * approved or published record is reopened first.
 */
export function isEditableInReview(status: string): boolean {
  return (REVIEW_TRANSITIONS.submit.from as readonly string[]).includes(status)
}

export const REVIEW_REASON = {
  NOT_ALLOWED_FROM_STATUS: 'NOT_ALLOWED_FROM_STATUS',
  WRONG_ROLE: 'WRONG_ROLE',
  REASON_REQUIRED: 'REASON_REQUIRED',
} as const

export type ReviewDecision =
  { ok: true; to: ReviewStatus } | { ok: false; code: keyof typeof REVIEW_REASON; message: string }

export interface ReviewRequest {
  status: ReviewStatus
  action: ReviewAction
  actorRole: Role
  /** The capability of those who keep this kind of record (they submit and reopen it). */
  ownerRight: Capability
  reason?: string | null
}

function mayAct(transition: ReviewTransition, actorRole: Role, ownerRight: Capability): boolean {
  return can(actorRole, transition.by === 'owner' ? ownerRight : 'review.approve')
}

/** Whether `action` may move a record in `status`, done by `actorRole`; the answer says why not. */
export function decideReview(r: ReviewRequest): ReviewDecision {
  const t = REVIEW_TRANSITIONS[r.action]
  if (!mayAct(t, r.actorRole, r.ownerRight)) {
    const who = t.by === 'owner' ? '记录的主管部门' : '审定人'
    return { ok: false, code: 'WRONG_ROLE', message: `“${t.label}”只能由${who}操作` }
  }
  if (!t.from.includes(r.status)) {
    const from = t.from.map((s) => `“${REVIEW_STATUS_LABEL[s]}”`).join('或')
    return {
      ok: false,
      code: 'NOT_ALLOWED_FROM_STATUS',
      message: `当前状态为“${REVIEW_STATUS_LABEL[r.status]}”，不能${t.label}（只有${from}的记录可以${t.label}）`,
    }
  }
  if (t.isReasonRequired && !r.reason?.trim()) {
    return { ok: false, code: 'REASON_REQUIRED', message: `${t.label}须填写理由` }
  }
  return { ok: true, to: t.to }
}

/** The actions a role may take on a record in `status` (the buttons the UI shows). */
export function availableReviewActions(status: ReviewStatus, actorRole: Role, ownerRight: Capability): ReviewAction[] {
  return REVIEW_ACTIONS.filter(
    (a) => REVIEW_TRANSITIONS[a].from.includes(status) && mayAct(REVIEW_TRANSITIONS[a], actorRole, ownerRight),
  )
}

import { describe, expect, it } from 'vitest'
import type { Capability } from '../../server/src/domain/rights.ts'
import { ROLES, type Role } from '../../server/src/domain/roles.ts'
import {
  REVIEW_ACTIONS,
  REVIEW_STATUSES,
  REVIEW_STATUS_LABEL,
  availableReviewActions,
  decideReview,
  isEditableInReview,
  type ReviewAction,
  type ReviewStatus,
} from '../../server/src/domain/review-workflow.ts'

/**
 * The workflow as the design states it, written out independently of the implementation:
 * 草稿/退回 →提交(keeper)→ 已提交 →审定通过(审定人)→ 已审定 →发布(审定人)→ 已发布 →重新编辑(keeper, reason)→ 草稿;
 * 已提交/已审定 →退回(审定人, reason)→ 退回.
 */
const STEPS: Record<
  ReviewAction,
  { from: ReviewStatus[]; to: ReviewStatus; by: 'keeper' | 'approver'; needsReason: boolean }
> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'keeper', needsReason: false },
  approve: { from: ['submitted'], to: 'approved', by: 'approver', needsReason: false },
  return: { from: ['submitted', 'approved'], to: 'returned', by: 'approver', needsReason: true },
  publish: { from: ['approved'], to: 'published', by: 'approver', needsReason: false },
  reopen: { from: ['published'], to: 'draft', by: 'keeper', needsReason: true },
}

type Expected =
  { ok: true; to: ReviewStatus } | { ok: false; code: 'WRONG_ROLE' | 'NOT_ALLOWED_FROM_STATUS' | 'REASON_REQUIRED' }

function expected(
  status: ReviewStatus,
  action: ReviewAction,
  role: Role,
  keeper: Role,
  reason: string | undefined,
): Expected {
  const step = STEPS[action]
  const mayAct = step.by === 'keeper' ? role === keeper : role === 'approver'
  if (!mayAct) return { ok: false, code: 'WRONG_ROLE' }
  if (!step.from.includes(status)) return { ok: false, code: 'NOT_ALLOWED_FROM_STATUS' }
  if (step.needsReason && !reason?.trim()) return { ok: false, code: 'REASON_REQUIRED' }
  return { ok: true, to: step.to }
}

const KEEPERS: Role[] = ['environment', 'farmland']
/** The capability each keeper holds alone in the rights table (a plot's keeper, a class list's keeper). */
const KEEPER_RIGHT: Partial<Record<Role, Capability>> = { environment: 'plot.edit', farmland: 'classification.run' }
const keeps = (keeper: Role): Capability => KEEPER_RIGHT[keeper]!
const REASONS = [undefined, '', '   ', '图斑边界有误']

const cases = KEEPERS.flatMap((keeper) =>
  REVIEW_STATUSES.flatMap((status) =>
    REVIEW_ACTIONS.flatMap((action) =>
      ROLES.flatMap((role) => REASONS.map((reason) => ({ keeper, status, action, role, reason }))),
    ),
  ),
)

describe('decideReview', () => {
  it('when every combination is listed, then each status, action, role and reason is covered', () => {
    expect(cases).toHaveLength(KEEPERS.length * 5 * 5 * 5 * REASONS.length)
  })

  it.each(cases)(
    'when a $keeper record in $status gets $action by $role with reason $reason, then the answer follows the workflow',
    ({ keeper, status, action, role, reason }) => {
      const decision = decideReview({ status, action, actorRole: role, ownerRight: keeps(keeper), reason })
      const want = expected(status, action, role, keeper, reason)
      if (want.ok) {
        expect(decision).toEqual(want)
        return
      }
      expect(decision).toMatchObject({ ok: false, code: want.code })
      expect(decision.ok === false && decision.message).toMatch(/[\u4e00-\u9fa5]/)
    },
  )

  it('when the status is wrong, then the message names the current status and the statuses it may come from', () => {
    const d = decideReview({ status: 'draft', action: 'publish', actorRole: 'approver', ownerRight: 'plot.edit' })
    expect(d).toEqual({
      ok: false,
      code: 'NOT_ALLOWED_FROM_STATUS',
      message: '当前状态为“草稿”，不能发布（只有“已审定”的记录可以发布）',
    })
  })

  it('when the role is wrong, then the message says who may act, before looking at the status', () => {
    expect(
      decideReview({ status: 'draft', action: 'approve', actorRole: 'environment', ownerRight: 'plot.edit' }),
    ).toEqual({ ok: false, code: 'WRONG_ROLE', message: '“审定通过”只能由审定人操作' })
    expect(decideReview({ status: 'draft', action: 'submit', actorRole: 'farmland', ownerRight: 'plot.edit' })).toEqual(
      { ok: false, code: 'WRONG_ROLE', message: '“提交审定”只能由记录的主管部门操作' },
    )
  })

  it('when a return has no reason, then the message asks for one', () => {
    expect(
      decideReview({
        status: 'submitted',
        action: 'return',
        actorRole: 'approver',
        ownerRight: 'plot.edit',
        reason: ' ',
      }),
    ).toEqual({ ok: false, code: 'REASON_REQUIRED', message: '退回须填写理由' })
  })

  it('when the administrator acts on any record, then every step is refused: administrators keep accounts, not records', () => {
    for (const status of REVIEW_STATUSES) {
      for (const action of REVIEW_ACTIONS) {
        expect(
          decideReview({ status, action, actorRole: 'admin', ownerRight: 'plot.edit', reason: '理由' }),
        ).toMatchObject({ ok: false, code: 'WRONG_ROLE' })
      }
    }
  })

  it('when the whole path is walked, then draft reaches published and reopening returns to draft', () => {
    const path: [ReviewAction, Role][] = [
      ['submit', 'environment'],
      ['return', 'approver'],
      ['submit', 'environment'],
      ['approve', 'approver'],
      ['publish', 'approver'],
      ['reopen', 'environment'],
    ]
    let status: ReviewStatus = 'draft'
    const seen: string[] = []
    for (const [action, role] of path) {
      const d = decideReview({ status, action, actorRole: role, ownerRight: 'plot.edit', reason: '理由' })
      if (!d.ok) throw new Error(d.message)
      status = d.to
      seen.push(REVIEW_STATUS_LABEL[status])
    }
    expect(seen).toEqual(['已提交', '退回', '已提交', '已审定', '已发布', '草稿'])
  })
})

describe('availableReviewActions', () => {
  const combos = KEEPERS.flatMap((keeper) =>
    REVIEW_STATUSES.flatMap((status) => ROLES.map((role) => ({ keeper, status, role }))),
  )

  it.each(combos)(
    'when a $keeper record is in $status and $role looks at it, then the buttons are the steps that role may take',
    ({ keeper, status, role }) => {
      const want = REVIEW_ACTIONS.filter((a) => expected(status, a, role, keeper, '理由').ok)
      expect(availableReviewActions(status, role, keeps(keeper))).toEqual(want)
    },
  )

  it.each([
    ['draft', 'environment', ['submit']],
    ['returned', 'environment', ['submit']],
    ['submitted', 'environment', []],
    ['submitted', 'approver', ['approve', 'return']],
    ['approved', 'approver', ['return', 'publish']],
    ['published', 'approver', []],
    ['published', 'environment', ['reopen']],
    ['published', 'farmland', []],
    ['draft', 'admin', []],
  ] as [ReviewStatus, Role, ReviewAction[]][])(
    'when an environment record is %s and %s looks, then the buttons are %j',
    (status, role, actions) => {
      expect(availableReviewActions(status, role, 'plot.edit')).toEqual(actions)
    },
  )
})

describe('editing while under review', () => {
  it.each([
    ['draft', true],
    ['returned', true],
    ['submitted', false],
    ['approved', false],
    ['published', false],
    ['withdrawn', false],
    ['', false],
  ])('when a record is in %j, then its content may be edited: %s', (status, expected) => {
    expect(isEditableInReview(status)).toBe(expected)
  })

  it('when a record may be edited, then it is exactly in a state its keeper may submit from', () => {
    expect(REVIEW_STATUSES.filter((s) => isEditableInReview(s))).toEqual(['draft', 'returned'])
  })
})

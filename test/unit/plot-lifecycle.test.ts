import { describe, expect, it } from 'vitest'
import { PLOT_STATUS } from '../../server/src/domain/labels.ts'
import {
  checkAddNegativeUse,
  checkRemoveNegativeUse,
  defaultNegativeUses,
  negativeListOf,
} from '../../server/src/domain/negative-list.ts'
import {
  PLOT_ACTIONS,
  PLOT_TRANSITIONS,
  availableTransitions,
  checkDocument,
  checkTransition,
  type PlotDocument,
} from '../../server/src/domain/plot-lifecycle.ts'
import { rolesWith } from '../../server/src/domain/rights.ts'
import { ROLES, type Role } from '../../server/src/domain/roles.ts'

/**
 * The lifecycle as docs/domain-notes.md §5.2 and the README state it, written out independently of the implementation:
 * action → from → to, who, and what it needs.
 */
type Need = 'report' | 'review' | 'risk' | 'reason' | 'exceedance'
const SPEC: Record<string, { from: string[]; to: string; by: 'environment' | 'approver'; needs: Need[] }> = {
  start_preliminary: { from: ['suspected'], to: 'preliminary_investigation', by: 'environment', needs: [] },
  preliminary_clear: { from: ['preliminary_investigation'], to: 'cleared', by: 'environment', needs: ['report'] },
  preliminary_confirm: {
    from: ['preliminary_investigation'],
    to: 'contaminated',
    by: 'environment',
    needs: ['report', 'risk', 'exceedance'],
  },
  start_detailed: { from: ['contaminated'], to: 'detailed_investigation', by: 'environment', needs: [] },
  start_assessment: { from: ['detailed_investigation'], to: 'risk_assessment', by: 'environment', needs: ['report'] },
  assessment_acceptable: { from: ['risk_assessment'], to: 'cleared', by: 'environment', needs: ['report'] },
  list: { from: ['risk_assessment'], to: 'listed', by: 'environment', needs: ['report', 'review'] },
  start_control: { from: ['listed', 'control_zone'], to: 'risk_control', by: 'environment', needs: ['report'] },
  start_remediation: { from: ['listed', 'control_zone'], to: 'remediation', by: 'environment', needs: ['report'] },
  defer: { from: ['listed', 'contaminated'], to: 'control_zone', by: 'environment', needs: ['reason'] },
  start_evaluation: { from: ['risk_control', 'remediation'], to: 'effect_evaluation', by: 'environment', needs: [] },
  apply_removal: { from: ['effect_evaluation'], to: 'removal_applied', by: 'environment', needs: ['report'] },
  approve_removal: { from: ['removal_applied'], to: 'removed', by: 'approver', needs: ['report'] },
  reject_removal: { from: ['removal_applied'], to: 'effect_evaluation', by: 'approver', needs: ['reason'] },
}

const STATUSES = Object.keys(PLOT_STATUS)
const TODAY = '2026-06-30'
const doc = (title: string): PlotDocument => ({
  title,
  date: '2026-06-30',
  body: '结论：部分点位超过筛选值。',
  attachmentName: `${title}.pdf`,
})
const complete = {
  riskLevel: 'medium',
  document: doc('报告'),
  reviewDocument: doc('评审意见'),
  reason: '理由',
  hasExceedance: true,
  landClassName: '第一类用地',
  today: TODAY,
}

describe('PLOT_TRANSITIONS', () => {
  it('when the table is read, then it holds exactly the steps of the contract with their states, roles and needs', () => {
    expect(Object.keys(PLOT_TRANSITIONS).sort()).toEqual(Object.keys(SPEC).sort())
    for (const [action, spec] of Object.entries(SPEC)) {
      const t = PLOT_TRANSITIONS[action as keyof typeof PLOT_TRANSITIONS]
      expect([...t.from].sort(), action).toEqual([...spec.from].sort())
      expect(t.to, action).toBe(spec.to)
      expect(rolesWith(t.by), action).toEqual([spec.by])
      const fields = t.requires.map((r) => r.field)
      const want = spec.needs.map(
        (n) =>
          ({
            report: 'document',
            review: 'reviewDocument',
            risk: 'riskLevel',
            reason: 'reason',
            exceedance: 'exceedance',
          })[n],
      )
      expect(fields.sort(), action).toEqual(want.sort())
    }
  })

  it('when every state is checked, then each one is a state of PLOT_STATUS and only removed and cleared have no way out', () => {
    for (const t of Object.values(PLOT_TRANSITIONS)) for (const s of [...t.from, t.to]) expect(STATUSES).toContain(s)
    const dead = STATUSES.filter(
      (s) => !PLOT_ACTIONS.some((a) => (PLOT_TRANSITIONS[a].from as readonly string[]).includes(s)),
    )
    expect(dead.sort()).toEqual(['cleared', 'removed'])
  })

  it('when a step makes something public, then the text says what', () => {
    expect(PLOT_TRANSITIONS.preliminary_confirm.publicEffect).toBe('列入污染地块名录（市级）并公开风险等级')
    expect(PLOT_TRANSITIONS.list.publicEffect).toMatch(/负面清单生效/)
    expect(PLOT_TRANSITIONS.start_detailed.publicEffect).toBeNull()
  })
})

const cases = STATUSES.flatMap((status) =>
  PLOT_ACTIONS.flatMap((action) => ROLES.map((role) => ({ status, action, role }))),
)

describe('checkTransition', () => {
  it.each(cases)(
    'when a $status plot gets $action by $role with everything given, then the answer follows the contract',
    ({ status, action, role }) => {
      const spec = SPEC[action]
      const d = checkTransition({ status, action, role: role as Role, ...complete })
      if (!spec.from.includes(status)) expect(d).toMatchObject({ ok: false, code: 'NOT_ALLOWED_FROM_STATUS' })
      else if (spec.by !== role) expect(d).toMatchObject({ ok: false, code: 'WRONG_ROLE' })
      else expect(d).toEqual({ ok: true, to: spec.to })
    },
  )

  it.each(PLOT_ACTIONS.flatMap((action) => SPEC[action].needs.map((need) => ({ action, need }))))(
    'when $action comes without its $need, then it is refused',
    ({ action, need }) => {
      const request = { status: SPEC[action].from[0], action, role: SPEC[action].by, ...complete }
      const without = {
        report: { document: null },
        review: { reviewDocument: undefined },
        risk: { riskLevel: null },
        reason: { reason: ' ' },
        exceedance: { hasExceedance: false },
      }[need]
      const d = checkTransition({ ...request, ...without })
      expect(d.ok).toBe(false)
      expect(d).toMatchObject({ code: need === 'exceedance' ? 'NO_EXCEEDANCE' : 'MISSING_FIELD' })
    },
  )

  it('when the state is wrong, then the message names the current state, where the step starts and the next steps', () => {
    expect(
      checkTransition({ status: 'suspected', action: 'start_assessment', role: 'environment', ...complete }),
    ).toEqual({
      ok: false,
      code: 'NOT_ALLOWED_FROM_STATUS',
      message:
        '地块当前状态为“疑似污染地块”，不能“开展风险评估”（该步只能从“详细调查”进行，转入“风险评估”）；可进行的下一步：“开展初步调查”',
    })
  })

  it('when the plot is removed, then the message says there is no next step', () => {
    const d = checkTransition({ status: 'removed', action: 'start_preliminary', role: 'environment', ...complete })
    expect(d.ok === false && d.message).toMatch(/该状态已是终态，没有下一步/)
  })

  it('when the role is wrong, then the message says who may act', () => {
    expect(
      checkTransition({ status: 'removal_applied', action: 'approve_removal', role: 'environment', ...complete }),
    ).toEqual({ ok: false, code: 'WRONG_ROLE', message: '“同意移出名录”只能由审定人操作' })
  })

  it('when nothing exceeds, then the message names the land class and suggests 初步调查未超标', () => {
    const d = checkTransition({
      status: 'preliminary_investigation',
      action: 'preliminary_confirm',
      role: 'environment',
      ...complete,
      hasExceedance: false,
      landClassName: '第二类用地',
    })
    expect(d).toMatchObject({ ok: false, code: 'NO_EXCEEDANCE', field: 'pollutants' })
    expect(d.ok === false && d.message).toMatch(/第二类用地筛选值.*初步调查未超标/)
  })

  it('when the risk level is not high, medium or low, then it is refused naming the field', () => {
    expect(
      checkTransition({
        status: 'preliminary_investigation',
        action: 'preliminary_confirm',
        role: 'environment',
        ...complete,
        riskLevel: 'severe',
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_FIELD', field: 'riskLevel' })
  })

  it('when a step that sets no risk level is given an unknown one, then it is refused too; an empty one means none', () => {
    expect(
      checkTransition({
        status: 'suspected',
        action: 'start_preliminary',
        role: 'environment',
        ...complete,
        riskLevel: 'NOT A CODE!',
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_FIELD', field: 'riskLevel' })
    expect(
      checkTransition({
        status: 'suspected',
        action: 'start_preliminary',
        role: 'environment',
        ...complete,
        riskLevel: '',
      }),
    ).toMatchObject({ ok: true })
  })

  it('when the action is unknown, then UNKNOWN_ACTION lists the next steps', () => {
    const d = checkTransition({ status: 'listed', action: 'sell', role: 'environment', ...complete })
    expect(d).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' })
    expect(d.ok === false && d.message).toMatch(/“实施风险管控”、“实施修复”、“暂不开发利用”/)
  })
})

describe('availableTransitions', () => {
  it("when asked per role, then the officer gets the officer's steps and the approver only the removal decisions", () => {
    expect(availableTransitions('listed', 'environment')).toEqual(['start_control', 'start_remediation', 'defer'])
    expect(availableTransitions('removal_applied', 'environment')).toEqual([])
    expect(availableTransitions('removal_applied', 'approver')).toEqual(['approve_removal', 'reject_removal'])
    expect(availableTransitions('suspected', 'farmland')).toEqual([])
  })
})

describe('checkDocument', () => {
  const ok = doc('初步调查报告')
  it.each([
    ['no document', null, 'document', /缺少初步调查报告/],
    ['a blank title', { ...ok, title: '  ' }, 'document.title', /缺少“标题”/],
    ['no date', { ...ok, date: undefined }, 'document.date', /缺少“日期”/],
    ['a date in another format', { ...ok, date: '2026/06/01' }, 'document.date', /应为 YYYY-MM-DD/],
    ['31 April', { ...ok, date: '2026-04-31' }, 'document.date', /不是有效日期/],
    ['tomorrow', { ...ok, date: '2026-07-01' }, 'document.date', /晚于今天（2026-06-30）/],
    ['no summary', { ...ok, body: '' }, 'document.body', /缺少“结论摘要”/],
    ['a 9-character summary', { ...ok, body: '一二三四五六七八九' }, 'document.body', /至少 10 个字/],
    ['no attachment', { ...ok, attachmentName: '' }, 'document.attachmentName', /缺少“附件文件名”/],
    ['a path as attachment', { ...ok, attachmentName: 'C:\\报告.pdf' }, 'document.attachmentName', /无效/],
    ['an attachment without extension', { ...ok, attachmentName: '报告' }, 'document.attachmentName', /无效/],
  ])('when the document has %s, then the problem names the field', (_what, d, field, message) => {
    const problem = checkDocument(d as Partial<PlotDocument> | null, '初步调查报告', 'document', TODAY)
    expect(problem?.field).toBe(field)
    expect(problem?.message).toMatch(message)
  })

  it('when the document is dated today with a 10-character summary, then it is complete', () => {
    expect(
      checkDocument({ ...ok, date: TODAY, body: '一二三四五六七八九十' }, '初步调查报告', 'document', TODAY),
    ).toBeNull()
  })
})

describe('negative list', () => {
  it.each(STATUSES)('when a plot is in %s, then the defaults follow its list', (status) => {
    const codes = defaultNegativeUses(status).map((u) => [u.useCode, u.basis])
    if (
      ['listed', 'risk_control', 'remediation', 'effect_evaluation', 'removal_applied', 'control_zone'].includes(status)
    ) {
      expect(codes).toEqual([
        ['R', '《中华人民共和国土壤污染防治法》第六十一条'],
        ['A', '《中华人民共和国土壤污染防治法》第六十一条'],
        ['*', '《中华人民共和国土壤污染防治法》第六十六条'],
      ])
    } else if (['contaminated', 'detailed_investigation', 'risk_assessment'].includes(status)) {
      expect(codes).toEqual([
        ['R', '《土壤污染防治行动计划》（十六）；《污染地块土壤环境管理办法（试行）》'],
        ['A', '《土壤污染防治行动计划》（十六）；《污染地块土壤环境管理办法（试行）》'],
      ])
    } else {
      expect(codes).toEqual([])
    }
  })

  it('when uses are stored, then the added ones follow the defaults and a stored default shows once, as 法定', () => {
    const list = negativeListOf('listed', [
      { useCode: 'R', basis: '旧依据', reason: null },
      { useCode: 'M2', basis: '增列', reason: '邻近水源地' },
      { useCode: 'B', basis: '增列', reason: '规划' },
    ])
    expect(list.map((u) => [u.useCode, u.isDefault])).toEqual([
      ['R', true],
      ['A', true],
      ['*', true],
      ['B', false],
      ['M2', false],
    ])
    expect(list[4]).toEqual({
      useCode: 'M2',
      useName: '二类工业用地',
      basis: '增列',
      reason: '邻近水源地',
      isDefault: false,
    })
  })

  it('when a plot leaves the list, then the defaults go and the added uses stay', () => {
    expect(negativeListOf('removed', [{ useCode: 'B', basis: '增列', reason: '规划' }]).map((u) => u.useCode)).toEqual([
      'B',
    ])
  })

  it.each([
    ['an unknown code', 'listed', 'X1', '理由', 'UNKNOWN_USE'],
    ['the pseudo-code *', 'contaminated', '*', '理由', 'UNKNOWN_USE'],
    ['a default of the state', 'listed', 'A', '理由', 'IS_DEFAULT'],
    ['no reason', 'listed', 'B', '  ', 'REASON_REQUIRED'],
    ['a use already added', 'listed', 'M', '理由', 'ALREADY_LISTED'],
  ])('when an officer adds %s, then it is refused', (_what, status, code, reason, refusal) => {
    expect(checkAddNegativeUse(status, [{ useCode: 'M', basis: '增列', reason: 'x' }], code, reason)).toMatchObject({
      ok: false,
      code: refusal,
    })
  })

  it('when an officer adds R to a suspected plot with a reason, then it is accepted (no default there)', () => {
    expect(checkAddNegativeUse('suspected', [], 'R', '疑似地块暂不供地')).toEqual({ ok: true })
  })

  it.each([
    ['a default', 'listed', '*', '理由', 'IS_DEFAULT'],
    ['a use not on the list', 'listed', 'W', '理由', 'NOT_LISTED'],
    ['an added use without reason', 'listed', 'M', '', 'REASON_REQUIRED'],
  ])('when an officer removes %s, then it is refused', (_what, status, code, reason, refusal) => {
    expect(checkRemoveNegativeUse(status, [{ useCode: 'M', basis: '增列', reason: 'x' }], code, reason)).toMatchObject({
      ok: false,
      code: refusal,
    })
  })

  it('when an officer removes an added use with a reason, then it is accepted', () => {
    expect(checkRemoveNegativeUse('listed', [{ useCode: 'M', basis: '增列', reason: 'x' }], 'M', '规划调整')).toEqual({
      ok: true,
    })
  })
})

describe('checkTransition: every field at fault in one answer', () => {
  it('when a step misses its report date and summary and its risk level, then all three are refused at once, each with its field', () => {
    const decision = checkTransition({
      ...complete,
      status: 'preliminary_investigation',
      action: 'preliminary_confirm',
      role: 'environment',
      riskLevel: null,
      document: { title: '初步调查报告', date: '', body: '', attachmentName: '报告.pdf' },
    })
    expect(decision.ok).toBe(false)
    if (decision.ok) return
    expect(decision.problems?.map((p) => p.field)).toEqual(['document.date', 'document.body', 'riskLevel'])
    expect(decision.message).toMatch(/^共 3 处须补正：/)
    expect(decision.message).toContain('缺少“日期”')
    expect(decision.message).toContain('缺少“结论摘要”')
    expect(decision.message).toContain('须确定风险等级')
  })

  it('when only one field is at fault, then the message is that one problem', () => {
    const decision = checkTransition({
      ...complete,
      status: 'preliminary_investigation',
      action: 'preliminary_clear',
      role: 'environment',
      document: { ...doc('初步调查报告'), date: '2026-07-01' },
    })
    expect(decision).toMatchObject({ ok: false, field: 'document.date', message: expect.stringContaining('晚于今天') })
  })
})

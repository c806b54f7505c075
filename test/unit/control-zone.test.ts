import { describe, expect, it } from 'vitest'
import {
  missingForSubmit,
  signProblem,
  submitRefusal,
  zoneCode,
  zonePlotProblem,
} from '../../server/src/domain/control-zone.ts'
import {
  decideProposal,
  proposalDecidedProblem,
  CREDIT_CODE_PATTERN,
} from '../../server/src/domain/enterprise-proposal.ts'

const complete = {
  announcement_no: '赫环公告〔2026〕1号',
  announcement_date: '2026-03-01',
  announcement_text: '禁止开挖',
  sign_count: 1,
  plot_count: 1,
}

describe('control zones', () => {
  it('when everything is there, then nothing is missing and the submission is not refused', () => {
    expect(missingForSubmit(complete)).toEqual([])
    expect(submitRefusal(complete)).toBeNull()
  })

  it.each([
    [{ announcement_no: ' ' }, ['公告文号']],
    [{ announcement_date: null }, ['公告日期']],
    [{ announcement_text: null }, ['公告内容']],
    [{ sign_count: 0 }, ['至少一个标识']],
    [{ plot_count: 0 }, ['至少一个受管控的地块']],
  ])('when %o, then %o is missing', (change, missing) => {
    expect(missingForSubmit({ ...complete, ...change })).toEqual(missing)
    expect(submitRefusal({ ...complete, ...change })).toBe(`缺少${missing[0]}，不能提交审定；请补全后再提交`)
  })

  it.each([
    [0, true],
    [50, true],
    [50.05, false],
    [120, false],
  ])('when a sign stands %d m from the zone, then it is accepted: %s', (distanceM, ok) => {
    const problem = signProblem({ index: 2, label: '南门', distanceM }, 50)
    expect(problem === null).toBe(ok)
    if (!ok)
      expect(problem).toBe(
        `第 3 个标识“南门”距管控区域边界 ${distanceM.toFixed(1)} 米，标识应设在区域内或边界外 50 米以内`,
      )
  })

  it.each([
    ['listed', true],
    ['contaminated', true],
    ['control_zone', true],
    ['risk_control', true],
    ['remediation', true],
    ['suspected', false],
    ['removed', false],
    ['effect_evaluation', false],
  ])('when the plot is %s, then a zone may protect it: %s', (status, ok) => {
    expect(zonePlotProblem({ code: 'DK1', name: '甲', status }) === null).toBe(ok)
  })

  it('when codes are made, then they follow the sample pattern with three digits at least', () => {
    expect(zoneCode('430903', 2)).toBe('430903-GK002')
    expect(zoneCode('430903', 1234)).toBe('430903-GK1234')
  })
})

describe('enterprise proposals', () => {
  it.each([
    ['operating', 'closed', null, true],
    ['operating', 'relocated', null, true],
    ['closed', 'relocated', null, true],
    ['closed', 'relocated', { status: 'pending', plotCode: null }, false],
    ['operating', 'closed', { status: 'confirmed', plotCode: '430903-DK0009' }, false],
    ['closed', 'operating', null, false],
    ['closed', 'closed', null, false],
  ] as const)(
    'when an enterprise goes from %s to %s with open proposal %o, then a proposal is made: %s',
    (from, to, open, propose) => {
      expect(decideProposal(from, to, open).propose).toBe(propose)
    },
  )

  it('when a proposal was decided, then deciding again names who and what', () => {
    expect(proposalDecidedProblem({ status: 'pending', decidedByName: null, decidedAt: null })).toBeNull()
    expect(proposalDecidedProblem({ status: 'dismissed', decidedByName: '张三', decidedAt: '2026-11-23 10:00' })).toBe(
      '该建议已由 张三 于 2026-11-23 10:00 处理为“不予列入”，不能再次处理',
    )
  })

  it.each([
    ['91430903MA4L2XXX0A', true],
    ['91430903MA4L2XXX0', false],
    ['91430903MA4L2XXXOA', false],
    ['91430903ma4l2xxx0a', false],
  ])('when the credit code is %s, then it is well formed: %s', (code, ok) => {
    expect(CREDIT_CODE_PATTERN.test(code)).toBe(ok)
  })
})

import { ENTERPRISE_STATUS, INDUSTRY, labelOf } from './labels.ts'

/**
 * 土壤环境重点监管单位: when one closes or relocates, its site is proposed as a 疑似污染地块 for an officer to
 * confirm (《污染地块土壤环境管理办法（试行）》第二条: land used by these industries is suspected; 《土壤污染防治法》
 * 第六十七条: the land of a supervised unit is investigated before its use changes or its right is recovered).
 * Pure: the service writes the proposal.
 */

export type EnterpriseStatus = keyof typeof ENTERPRISE_STATUS
export const ENTERPRISE_STATUSES = Object.keys(ENTERPRISE_STATUS) as EnterpriseStatus[]
export const INDUSTRIES = Object.keys(INDUSTRY) as (keyof typeof INDUSTRY)[]

/** States of an enterprise that make its site a suspected plot. */
export const PROPOSING_STATUSES: readonly EnterpriseStatus[] = ['closed', 'relocated']

export const PROPOSAL_STATUS = { pending: '待确认', confirmed: '已确认为疑似污染地块', dismissed: '不予列入' } as const
export type ProposalStatus = keyof typeof PROPOSAL_STATUS

export type ProposalDecision = { propose: true; note: string } | { propose: false; note: string | null }

/**
 * Whether a status change proposes the site: only a change into 关闭 or 搬迁, and not while a proposal of the
 * same site waits or after its site already became a plot.
 */
export function decideProposal(
  from: EnterpriseStatus,
  to: EnterpriseStatus,
  open: { status: ProposalStatus; plotCode: string | null } | null,
): ProposalDecision {
  if (from === to || !PROPOSING_STATUSES.includes(to)) return { propose: false, note: null }
  const what = `企业状态由“${labelOf(ENTERPRISE_STATUS, from)}”改为“${labelOf(ENTERPRISE_STATUS, to)}”`
  if (open?.status === 'pending')
    return { propose: false, note: `${what}；该场地已有待确认的疑似污染地块建议，未重复生成` }
  if (open?.status === 'confirmed')
    return {
      propose: false,
      note: `${what}；该场地已确认为疑似污染地块${open.plotCode ? ` ${open.plotCode}` : ''}，未重复生成建议`,
    }
  return { propose: true, note: `${what}，已生成疑似污染地块建议，请确认是否列入疑似污染地块名单` }
}

/** Why a proposal can no longer be decided; null while it is pending. */
export function proposalDecidedProblem(p: {
  status: ProposalStatus
  decidedByName: string | null
  decidedAt: string | null
}): string | null {
  if (p.status === 'pending') return null
  const when = p.decidedAt ? `于 ${p.decidedAt} ` : ''
  return `该建议已由 ${p.decidedByName ?? '他人'} ${when}处理为“${PROPOSAL_STATUS[p.status]}”，不能再次处理`
}

/** The name of the suspected plot made from an enterprise's site, unless the officer gives one. */
export function proposedPlotName(enterpriseName: string): string {
  return `原${enterpriseName}地块`
}

/** 统一社会信用代码 (GB 32100-2015): 18 characters of 0-9 and the capital letters other than I, O, S, V, Z. */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/

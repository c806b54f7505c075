import { z } from 'zod'
import {
  CREDIT_CODE_PATTERN,
  ENTERPRISE_STATUSES,
  INDUSTRIES,
  PROPOSAL_STATUS,
  type ProposalStatus,
} from '../server/src/domain/enterprise-proposal.ts'
import { ENTERPRISE_STATUS, INDUSTRY } from '../server/src/domain/labels.ts'
import { Geometry, Outline } from './geojson.ts'
import { Bbox } from './problems.ts'

const adcode = z.string({ error: '区县代码应为文字' }).regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
/** `:id` of `/api/enterprises/:id` and `/api/plot-proposals/:id`, named as `what` in the message. */
export const EnterpriseIdParams = (what: string) =>
  z.object({
    id: z
      .string()
      .regex(/^\d{1,15}$/, `${what}编号应为数字`)
      .transform(Number),
  })
const industry = z.enum(INDUSTRIES, {
  error: `行业应为：${Object.entries(INDUSTRY)
    .map(([k, v]) => `${k}（${v}）`)
    .join('、')}`,
})
const status = z.enum(ENTERPRISE_STATUSES, {
  error: `企业状态应为：${Object.entries(ENTERPRISE_STATUS)
    .map(([k, v]) => `${k}（${v}）`)
    .join('、')}`,
})
const fields = {
  name: z.string({ error: '企业名称必填' }).trim().min(1, '企业名称必填').max(200, '企业名称最多 200 个字'),
  creditCode: z
    .string({ error: '统一社会信用代码必填' })
    .trim()
    .toUpperCase()
    .regex(CREDIT_CODE_PATTERN, '统一社会信用代码应为 18 位数字或大写字母（不含 I、O、S、V、Z）'),
  industry,
  status,
  adcode: adcode.optional(),
  geometry: z.unknown().refine((g) => g !== undefined && g !== null, '企业场地边界（geometry）必填'),
}
/** `POST /api/enterprises`. */
export const CreateEnterpriseBody = z.object(fields)
/** `PATCH /api/enterprises/:id`. */
export const UpdateEnterpriseBody = z.object({
  name: fields.name.optional(),
  creditCode: fields.creditCode.optional(),
  industry: industry.optional(),
  status: status.optional(),
  adcode: fields.adcode,
  geometry: fields.geometry.optional(),
  version: z.number({ error: '版本号（version）必填' }).int().positive(),
  reason: z.string({ error: '修改原因应为文字' }).max(500, '修改原因最多 500 个字').optional(),
})
/** `GET /api/enterprises?adcode=&status=&industry=`. */
export const EnterpriseListQuery = z.object({
  adcode: adcode.optional(),
  status: status.optional(),
  industry: industry.optional(),
})
const proposalStatuses = Object.keys(PROPOSAL_STATUS) as ProposalStatus[]
/** `GET /api/plot-proposals?adcode=&status=pending,confirmed`. */
export const ProposalListQuery = z.object({
  adcode: adcode.optional(),
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(',') : undefined))
    .pipe(
      z
        .array(z.enum(proposalStatuses, { error: '建议状态应为 pending、confirmed 或 dismissed（可用逗号分隔多个）' }))
        .optional(),
    ),
})
/** `POST /api/plot-proposals/:id/confirm`: the new plot's name (the enterprise's by default). */
export const ConfirmProposalBody = z.object({
  name: z.string({ error: '地块名称应为文字' }).max(200, '地块名称最多 200 个字').optional(),
})
/** `POST /api/plot-proposals/:id/dismiss`. */
export const DismissProposalBody = z.object({
  reason: z.string({ error: '不予列入的理由必填' }).trim().min(1, '不予列入的理由必填').max(500, '理由最多 500 个字'),
})

/** One row of `GET /api/enterprises`. */
export const Enterprise = z.object({
  id: z.number(),
  adcode: z.string(),
  county: z.string(),
  creditCode: z.string(),
  name: z.string(),
  industry: z.string(),
  industryName: z.string(),
  status: z.enum(ENTERPRISE_STATUSES),
  statusName: z.string(),
  areaM2: z.number(),
  areaMu: z.number(),
  version: z.number(),
  updatedAt: z.string(),
  bbox: Bbox,
  pendingProposalId: z.number().nullable(),
  isSample: z.boolean(),
})
export type Enterprise = z.infer<typeof Enterprise>
export type EnterpriseStatus = Enterprise['status']

/** `GET /api/enterprises`. */
export const EnterprisesResponse = z.object({ items: z.array(Enterprise) })
export type EnterprisesResponse = z.infer<typeof EnterprisesResponse>

/** A proposal to register a closed or relocated enterprise's site as a suspected plot. */
export const PlotProposal = z.object({
  id: z.number(),
  adcode: z.string(),
  county: z.string(),
  enterpriseId: z.number(),
  enterpriseName: z.string(),
  creditCode: z.string(),
  industry: z.string(),
  industryName: z.string(),
  enterpriseStatus: z.string(),
  enterpriseStatusName: z.string(),
  status: z.enum(['pending', 'confirmed', 'dismissed']),
  statusName: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  createdByName: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  reason: z.string().nullable(),
  plotId: z.number().nullable(),
  plotCode: z.string().nullable(),
  areaM2: z.number(),
  areaMu: z.number(),
  geometry: Geometry,
})
export type PlotProposal = z.infer<typeof PlotProposal>

/** `GET /api/plot-proposals`. */
export const ProposalsResponse = z.object({ items: z.array(PlotProposal) })
export type ProposalsResponse = z.infer<typeof ProposalsResponse>

/** `GET /api/enterprises/:id`: the enterprise with its site, its proposals and its history. */
export const EnterpriseDetail = z.object({
  id: z.number(),
  adcode: z.string(),
  county: z.string(),
  creditCode: z.string(),
  name: z.string(),
  industry: z.string(),
  industryName: z.string(),
  status: z.enum(ENTERPRISE_STATUSES),
  statusName: z.string(),
  geometry: Outline,
  areaM2: z.number(),
  areaMu: z.number(),
  version: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
  isSample: z.boolean(),
  proposals: z.array(PlotProposal),
  history: z.array(
    z.object({
      id: z.number(),
      action: z.string(),
      actionName: z.string(),
      actor: z.string(),
      actorName: z.string(),
      reason: z.string().nullable(),
      changedAt: z.string(),
      before: z.record(z.string(), z.unknown()).nullable(),
      after: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
})
export type EnterpriseDetail = z.infer<typeof EnterpriseDetail>

/** `POST /api/enterprises` (201), `PATCH /api/enterprises/:id`: the enterprise, and the proposal a closure made. */
export const EnterpriseSaved = EnterpriseDetail.extend({
  createdProposalId: z.number().nullable(),
  /** Why a closure or relocation did (or did not) propose the site. */
  proposalNote: z.string().nullable(),
})
export type EnterpriseSaved = z.infer<typeof EnterpriseSaved>

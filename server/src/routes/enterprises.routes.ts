import { Router } from 'express'
import { z } from 'zod'
import {
  CREDIT_CODE_PATTERN,
  ENTERPRISE_STATUSES,
  INDUSTRIES,
  PROPOSAL_STATUS,
  type ProposalStatus,
} from '../domain/enterprise-proposal.ts'
import { ENTERPRISE_STATUS, INDUSTRY } from '../domain/labels.ts'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  confirmProposal,
  createEnterprise,
  dismissProposal,
  getEnterprise,
  listEnterprisesFor,
  listProposalsFor,
  updateEnterpriseOf,
  type EnterpriseDeps,
} from '../services/enterprises.service.ts'

const adcode = z.string({ error: '区县代码应为文字' }).regex(/^\d{6}$/, '区县代码（adcode）应为 6 位数字')
const idParams = (what: string) =>
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
const createBody = z.object(fields)
const updateBody = z.object({
  name: fields.name.optional(),
  creditCode: fields.creditCode.optional(),
  industry: industry.optional(),
  status: status.optional(),
  adcode: fields.adcode,
  geometry: fields.geometry.optional(),
  version: z.number({ error: '版本号（version）必填' }).int().positive(),
  reason: z.string({ error: '修改原因应为文字' }).max(500, '修改原因最多 500 个字').optional(),
})
const listQuery = z.object({ adcode: adcode.optional(), status: status.optional(), industry: industry.optional() })
const proposalStatuses = Object.keys(PROPOSAL_STATUS) as ProposalStatus[]
const proposalQuery = z.object({
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
const confirmBody = z.object({
  name: z.string({ error: '地块名称应为文字' }).max(200, '地块名称最多 200 个字').optional(),
})
const dismissBody = z.object({
  reason: z.string({ error: '不予列入的理由必填' }).trim().min(1, '不予列入的理由必填').max(500, '理由最多 500 个字'),
})

/** 重点监管单位 and the suspected-plot proposals of closed or relocated ones: reads for staff, writes for environment officers. */
export function enterprisesRoutes(deps: EnterpriseDeps): Router {
  const router = Router()
  router.get('/api/enterprises', requireRole(), async (req, res) => {
    res.json(await listEnterprisesFor(deps.db, req.auth!, parse(listQuery, req.query)))
  })
  router.get('/api/enterprises/:id', requireRole(), async (req, res) => {
    res.json(await getEnterprise(deps.db, req.auth!, parse(idParams('重点监管单位'), req.params).id))
  })
  router.post('/api/enterprises', async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    res.status(201).json(await createEnterprise(deps, ctx, parse(createBody, req.body ?? {})))
  })
  router.patch('/api/enterprises/:id', async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    const { id } = parse(idParams('重点监管单位'), req.params)
    res.json(await updateEnterpriseOf(deps, ctx, id, parse(updateBody, req.body ?? {})))
  })
  router.get('/api/plot-proposals', requireRole(), async (req, res) => {
    res.json(await listProposalsFor(deps.db, req.auth!, parse(proposalQuery, req.query)))
  })
  router.post('/api/plot-proposals/:id/confirm', async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    const { id } = parse(idParams('建议'), req.params)
    res.json(await confirmProposal(deps, ctx, id, parse(confirmBody, req.body ?? {})))
  })
  router.post('/api/plot-proposals/:id/dismiss', async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    const { id } = parse(idParams('建议'), req.params)
    res.json(await dismissProposal(deps, ctx, id, parse(dismissBody, req.body ?? {})))
  })
  return router
}

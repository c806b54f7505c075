import { Router } from 'express'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  ConfirmProposalBody,
  CreateEnterpriseBody,
  DismissProposalBody,
  EnterpriseIdParams,
  EnterpriseListQuery,
  ProposalListQuery,
  UpdateEnterpriseBody,
} from '../../../contracts/enterprises.ts'
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

/** 重点监管单位 and the suspected-plot proposals of closed or relocated ones: reads for staff, writes for environment officers. */
export function enterprisesRoutes(deps: EnterpriseDeps): Router {
  const router = Router()
  router.get('/api/enterprises', requireRole(), async (req, res) => {
    res.json(await listEnterprisesFor(deps.db, req.auth!, parse(EnterpriseListQuery, req.query)))
  })
  router.get('/api/enterprises/:id', requireRole(), async (req, res) => {
    res.json(await getEnterprise(deps.db, req.auth!, parse(EnterpriseIdParams('重点监管单位'), req.params).id))
  })
  router.post('/api/enterprises', async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    res.status(201).json(await createEnterprise(deps, ctx, parse(CreateEnterpriseBody, req.body ?? {})))
  })
  router.patch('/api/enterprises/:id', async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    const { id } = parse(EnterpriseIdParams('重点监管单位'), req.params)
    res.json(await updateEnterpriseOf(deps, ctx, id, parse(UpdateEnterpriseBody, req.body ?? {})))
  })
  router.get('/api/plot-proposals', requireRole(), async (req, res) => {
    res.json(await listProposalsFor(deps.db, req.auth!, parse(ProposalListQuery, req.query)))
  })
  router.post('/api/plot-proposals/:id/confirm', async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    const { id } = parse(EnterpriseIdParams('建议'), req.params)
    res.json(await confirmProposal(deps, ctx, id, parse(ConfirmProposalBody, req.body ?? {})))
  })
  router.post('/api/plot-proposals/:id/dismiss', async (req, res) => {
    const ctx = assertRight(req, 'enterprise.edit')
    const { id } = parse(EnterpriseIdParams('建议'), req.params)
    res.json(await dismissProposal(deps, ctx, id, parse(DismissProposalBody, req.body ?? {})))
  })
  return router
}

import { Router } from 'express'
import type { Database } from '../db/database.ts'
import {
  BACKGROUND_ITEMS,
  GB36600_SUBSTANCES,
  GB36600_TABLE1,
  GB36600_TABLE2,
  SUBSTANCE_GROUP_NAME,
} from '../domain/gb36600.ts'
import { LAND_CLASSES, LAND_CLASS_NAME, gb50137Reference } from '../domain/gb50137.ts'
import { RISK_LEVEL } from '../domain/labels.ts'
import { UNRELATED_CONSTRUCTION, UNRELATED_CONSTRUCTION_NAME } from '../domain/negative-list.ts'
import { assertRight, requireRole } from '../http/auth.ts'
import { parse } from '../http/validate.ts'
import {
  CreatePlotBody,
  NegativeUseBody,
  NegativeUseParams,
  PatchPlotBody,
  PlotIdParams,
  PlotListQuery,
  PollutantBody,
  PollutantParams,
  RemoveNegativeUseBody,
  RemovePollutantBody,
  RemovePollutantQuery,
  TransitionBody,
  type Gb36600Reference,
  type Gb50137Reference,
} from '../../../contracts/registry.ts'
import { PlotsService, type PlotSettings } from '../services/plots.service.ts'

/** The contaminated-plot registry (污染地块): reads for any staff role in scope, writes for environment officers. */
export function plotsRoutes(deps: {
  db: Database
  settings: PlotSettings
  onChanged?: (layers: string[]) => void
}): Router {
  const service = new PlotsService(deps.db, deps.settings, deps.onChanged)
  const router = Router()
  router.get('/api/reference/gb36600', requireRole(), (_req, res) => {
    res.json({
      tables: [GB36600_TABLE1, GB36600_TABLE2],
      unit: 'mg/kg',
      landClasses: LAND_CLASSES.map((c) => ({ code: c, name: LAND_CLASS_NAME[c] })),
      substances: GB36600_SUBSTANCES.map((s) => ({
        ...s,
        groupName: SUBSTANCE_GROUP_NAME[s.group],
        hasBackgroundNote: (BACKGROUND_ITEMS as readonly string[]).includes(s.key),
      })),
      backgroundMgKg: { ...deps.settings.backgroundMgKg, note: '当地土壤环境背景值为系统设置值（待核实），不是标准值' },
      riskLevels: Object.entries(RISK_LEVEL).map(([code, name]) => ({ code, name })),
    } satisfies Gb36600Reference)
  })
  router.get('/api/reference/gb50137', requireRole(), (_req, res) => {
    res.json({
      standard: 'GB 50137-2011 城市用地分类与规划建设用地标准',
      codes: gb50137Reference(),
      unrelatedConstruction: { code: UNRELATED_CONSTRUCTION, name: UNRELATED_CONSTRUCTION_NAME },
    } satisfies Gb50137Reference)
  })
  router.get('/api/plots', requireRole(), async (req, res) => {
    const query = parse(PlotListQuery, req.query)
    res.json({
      items: await service.list(req.auth!, {
        statuses: query.status,
        list: query.list,
        q: query.q,
        adcode: query.adcode,
      }),
    })
  })
  router.get('/api/plots/:id', requireRole(), async (req, res) => {
    const { id } = parse(PlotIdParams, req.params)
    res.json(await service.profile(req.auth!, id))
  })
  router.post('/api/plots', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const body = parse(CreatePlotBody, req.body ?? {})
    res.status(201).json(await service.create(ctx, body))
  })
  router.patch('/api/plots/:id', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id } = parse(PlotIdParams, req.params)
    res.json(await service.update(ctx, id, parse(PatchPlotBody, req.body ?? {})))
  })
  router.post('/api/plots/:id/transitions', async (req, res) => {
    const ctx = assertRight(req, 'plot.transition')
    const { id } = parse(PlotIdParams, req.params)
    res.json(await service.transition(ctx, id, parse(TransitionBody, req.body ?? {})))
  })
  router.post('/api/plots/:id/pollutants', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id } = parse(PlotIdParams, req.params)
    res.status(201).json(await service.addPollutant(ctx, id, parse(PollutantBody, req.body ?? {})))
  })
  router.delete('/api/plots/:id/pollutants/:pid', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id, pid } = parse(PollutantParams, req.params)
    const { version: v } = parse(RemovePollutantQuery, req.query)
    const reason = parse(RemovePollutantBody, req.body ?? {}).reason
    res.json(await service.removePollutant(ctx, id, pid, v, reason))
  })
  router.post('/api/plots/:id/negative-uses', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id } = parse(PlotIdParams, req.params)
    res.status(201).json(await service.addNegativeUse(ctx, id, parse(NegativeUseBody, req.body ?? {})))
  })
  router.delete('/api/plots/:id/negative-uses/:useCode', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id, useCode } = parse(NegativeUseParams, req.params)
    res.json(await service.removeNegativeUse(ctx, id, useCode, parse(RemoveNegativeUseBody, req.body ?? {})))
  })
  return router
}

import { Router } from 'express'
import { assertRight, assertRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { parse } from '../http/validate.ts'
import {
  exportIndicatorTable,
  INDICATOR_EXPORT_FORMATS,
  type IndicatorExportFormat,
} from '../services/indicators-export.service.ts'
import {
  blackSoilCountiesOf,
  getBlackSoil,
  getFarmlandIndicator,
  getFarmlandRows,
  getPlotIndicator,
  getPlotRows,
  type IndicatorDeps,
} from '../services/indicators.service.ts'
import { createTarget, editTarget, getTargets } from '../services/indicators-targets.service.ts'
import {
  BlackSoilQuery,
  FarmlandRowsQuery,
  IndicatorQuery,
  NewTargetBody,
  PlotRowsQuery,
  TargetEditBody,
  TargetIdParams,
  type FarmlandIndicator,
} from '../../../contracts/indicators.ts'

/** 安全利用率: every staff role reads its counties' figures and rows; the administrator sets the targets. */
export function indicatorsRoutes(deps: IndicatorDeps): Router {
  const router = Router()
  router.get('/api/indicators/farmland', async (req, res) => {
    const ctx = assertRole(req)
    res.json({
      ...(await getFarmlandIndicator(deps, ctx, parse(IndicatorQuery, req.query))),
      blackSoilCounties: blackSoilCountiesOf(deps.settings, ctx),
    } satisfies FarmlandIndicator)
  })
  router.get('/api/indicators/farmland/rows', async (req, res) => {
    res.json(await getFarmlandRows(deps, assertRole(req), parse(FarmlandRowsQuery, req.query)))
  })
  router.get('/api/indicators/plots', async (req, res) => {
    res.json(await getPlotIndicator(deps, assertRole(req), parse(IndicatorQuery, req.query)))
  })
  router.get('/api/indicators/plots/rows', async (req, res) => {
    res.json(await getPlotRows(deps, assertRole(req), parse(PlotRowsQuery, req.query)))
  })
  router.get('/api/indicators/black-soil', async (req, res) => {
    res.json(await getBlackSoil(deps, assertRole(req), parse(BlackSoilQuery, req.query)))
  })
  for (const format of Object.keys(INDICATOR_EXPORT_FORMATS) as IndicatorExportFormat[]) {
    router.get(`/api/indicators/export.${format}`, async (req, res) => {
      const ctx = assertRole(req)
      const file = await exportIndicatorTable(
        deps,
        ctx,
        parse(IndicatorQuery.pick({ year: true }), req.query).year,
        format,
      )
      res
        .set({
          'Content-Type': file.contentType,
          'Content-Disposition': contentDisposition(file.fileName),
          'Cache-Control': 'no-store',
        })
        .send(file.body)
    })
  }
  router.get('/api/indicators/targets', async (req, res) => {
    assertRole(req)
    res.json(await getTargets(deps.db))
  })
  router.post('/api/indicators/targets', async (req, res) => {
    const ctx = assertRight(req, 'indicator.targets')
    res.status(201).json(await createTarget(deps.db, ctx, parse(NewTargetBody, req.body ?? {})))
  })
  router.patch('/api/indicators/targets/:id', async (req, res) => {
    const ctx = assertRight(req, 'indicator.targets')
    res.json(
      await editTarget(deps.db, ctx, parse(TargetIdParams, req.params).id, parse(TargetEditBody, req.body ?? {})),
    )
  })
  return router
}

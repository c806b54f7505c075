import { Router } from 'express'
import { assertRight, assertRole, requireRight } from '../http/auth.ts'
import { receiveSheet, sendSheet, sheetOf } from '../http/sheet-import.ts'
import { parse } from '../http/validate.ts'
import { buildTemplate, importResults } from '../services/monitoring-import.service.ts'
import {
  addResult,
  createPoint,
  editPoint,
  getPointDetail,
  listPointsFor,
  type MonitoringDeps,
} from '../services/monitoring.service.ts'
import {
  ImportQuery,
  NewPointBody,
  PointEditBody,
  PointIdParams,
  PointListQuery,
  ResultBody,
  type ImportReport,
} from '../../../contracts/monitoring.ts'

/**
 * 监测点位 and results: every staff role reads the points of its counties; the environment officer registers and
 * edits points; environment and farmland officers enter and import results (farmland: 农产品产地 points only).
 */
export function monitoringRoutes(deps: MonitoringDeps): Router {
  const router = Router()
  router.get('/api/monitoring/points', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await listPointsFor(deps, ctx, parse(PointListQuery, req.query)))
  })
  router.get('/api/monitoring/points/:id', async (req, res) => {
    const ctx = assertRole(req)
    res.json(await getPointDetail(deps, ctx, parse(PointIdParams, req.params).id))
  })
  router.post('/api/monitoring/points', async (req, res) => {
    const ctx = assertRight(req, 'monitoring.edit')
    res.status(201).json(await createPoint(deps, ctx, parse(NewPointBody, req.body ?? {})))
  })
  router.patch('/api/monitoring/points/:id', async (req, res) => {
    const ctx = assertRight(req, 'monitoring.edit')
    res.json(await editPoint(deps, ctx, parse(PointIdParams, req.params).id, parse(PointEditBody, req.body ?? {})))
  })
  router.post('/api/monitoring/points/:id/results', async (req, res) => {
    const ctx = assertRight(req, 'monitoring.enterResults')
    res
      .status(201)
      .json(await addResult(deps, ctx, parse(PointIdParams, req.params).id, parse(ResultBody, req.body ?? {})))
  })
  for (const format of ['xlsx', 'csv'] as const) {
    router.get(`/api/monitoring/import-template.${format}`, async (req, res) => {
      assertRole(req)
      sendSheet(res, await buildTemplate(format))
    })
  }
  router.post(
    '/api/monitoring/import',
    requireRight('monitoring.import'),
    receiveSheet(deps.settings.importMaxBytes),
    async (req, res) => {
      const ctx = assertRight(req, 'monitoring.import')
      const { mode, dryRun } = parse(ImportQuery, req.query)
      const sheet = sheetOf(req.file, '请选择要导入的结果文件（字段 file）：导入模板填写后的 .xlsx 或 .csv')
      const report = await importResults(deps, ctx, {
        ...sheet,
        mode,
        isDryRun: dryRun,
      })
      res.status(dryRun ? 200 : 201).json(report satisfies ImportReport)
    },
  )
  return router
}

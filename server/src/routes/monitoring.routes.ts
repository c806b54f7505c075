import { Router } from 'express'
import { decodeFileName, receiveOneFile } from '../http/receive-file.ts'
import { assertRight, assertRole, requireRight } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { AppError } from '../http/errors.ts'
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
      const file = await buildTemplate(format)
      res
        .set({
          'Content-Type': file.contentType,
          'Content-Disposition': contentDisposition(file.fileName),
          'Cache-Control': 'private, no-store',
        })
        .send(file.body)
    })
  }
  router.post(
    '/api/monitoring/import',
    requireRight('monitoring.import'),
    receiveOneFile({
      field: 'file',
      maxBytes: deps.settings.importMaxBytes,
      fields: 5,
      fieldSize: 1024,
      tooLarge: (limit) => `文件过大：最大 ${limit}，请分成几个文件导入`,
      oneFileOnly: '每次只能上传 1 个文件（字段 file）',
      malformed: '每次只能上传 1 个文件（字段 file）',
    }),
    async (req, res) => {
      const ctx = assertRight(req, 'monitoring.import')
      const { mode, dryRun } = parse(ImportQuery, req.query)
      if (!req.file)
        throw new AppError('VALIDATION', '请选择要导入的结果文件（字段 file）：导入模板填写后的 .xlsx 或 .csv')
      const report = await importResults(deps, ctx, {
        fileName: decodeFileName(req.file.originalname),
        bytes: req.file.buffer,
        mode,
        isDryRun: dryRun,
      })
      res.status(dryRun ? 200 : 201).json(report satisfies ImportReport)
    },
  )
  return router
}

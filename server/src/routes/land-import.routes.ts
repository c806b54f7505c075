import { Router, type RequestHandler } from 'express'
import { decodeFileName, receiveOneFile } from '../http/receive-file.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { requireRight } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { AppError } from '../http/errors.ts'
import { parse } from '../http/validate.ts'
import type { LandImportService } from '../services/land-import.service.ts'
import {
  LandImportApplyBody,
  LandImportFeatureParams,
  LandImportForm,
  LandImportListQuery,
  LandImportParams,
  LandImportReportQuery,
} from '../../../contracts/land-import.ts'

function uploaded(req: Parameters<RequestHandler>[0]) {
  if (!req.file)
    throw new AppError(
      'VALIDATION',
      '请选择要导入的三调图层文件（字段 file）：Shapefile 压缩包、GeoPackage、FileGDB 压缩包或 GeoJSON',
    )
  return { fileName: decodeFileName(req.file.originalname), bytes: new Uint8Array(req.file.buffer) }
}

/** 三调图斑导入: read and check a DLTB layer (dry run), report, apply in the background, cancel. */
export function landImportRoutes({ service, maxBytes }: { service: LandImportService; maxBytes: number }): Router {
  const router = Router()
  const receiveLayerFile = receiveOneFile({
    field: 'file',
    maxBytes,
    fields: 10,
    fieldSize: 8192,
    tooLarge: (limit) => `文件过大：最大 ${limit}`,
  })
  const guard = requireRight('land.import')
  router.post('/api/land-imports/inspect', guard, receiveLayerFile, async (req, res) => {
    const file = uploaded(req)
    res.json(await service.inspect(req.auth!, file, parse(LandImportForm, { ...(req.body ?? {}) })))
  })
  router.post('/api/land-imports', guard, receiveLayerFile, async (req, res) => {
    const file = uploaded(req)
    res.status(201).json(await service.createImport(req.auth!, file, parse(LandImportForm, { ...(req.body ?? {}) })))
  })
  router.get('/api/land-imports', guard, async (req, res) => {
    const { adcode } = parse(LandImportListQuery, req.query)
    const scope = scopeAdcodes(req.auth!)
    res.json({ imports: await service.list(req.auth!, adcode ? scope.filter((c) => c === adcode) : scope) })
  })
  router.get('/api/land-imports/:id', guard, async (req, res) => {
    const { id } = parse(LandImportParams, req.params)
    res.json(await service.report(req.auth!, id, parse(LandImportReportQuery, req.query)))
  })
  router.get('/api/land-imports/:id/status', guard, async (req, res) => {
    const { id } = parse(LandImportParams, req.params)
    res.json(await service.status(req.auth!, id))
  })
  router.get('/api/land-imports/:id/report.xlsx', guard, async (req, res) => {
    const { id } = parse(LandImportParams, req.params)
    const file = await service.reportXlsx(req.auth!, id)
    res.set({
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(file.fileName),
    })
    res.send(file.bytes)
  })
  router.get('/api/land-imports/:id/features/:seq', guard, async (req, res) => {
    const { id, seq } = parse(LandImportFeatureParams, req.params)
    res.json(await service.featureGeometry(req.auth!, id, seq))
  })
  router.post('/api/land-imports/:id/apply', guard, async (req, res) => {
    const { id } = parse(LandImportParams, req.params)
    const { mode } = parse(LandImportApplyBody, req.body ?? {})
    res.status(202).json(await service.apply(req.auth!, id, mode))
  })
  router.post('/api/land-imports/:id/cancel', guard, async (req, res) => {
    const { id } = parse(LandImportParams, req.params)
    res.json(await service.cancel(req.auth!, id))
  })
  return router
}

import { Router } from 'express'
import { assertRight, assertRole, requireRight } from '../http/auth.ts'
import { receiveSheet, sendSheet, sheetOf } from '../http/sheet-import.ts'
import { parse } from '../http/validate.ts'
import {
  buildRedevelopmentTemplate,
  exportRedevelopments,
  getRedevelopment,
  importRedevelopments,
  saveRedevelopment,
  type RedevelopmentDeps,
} from '../services/redevelopment.service.ts'
import { PlotIdParams } from '../../../contracts/registry.ts'
import {
  RedevelopmentBody,
  RedevelopmentExportQuery,
  RedevelopmentImportQuery,
  type RedevelopmentImportReport,
  type RedevelopmentResponse,
} from '../../../contracts/redevelopment.ts'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** 污染地块再开发利用 records: read by staff in scope, kept by hand and imported by the environment officers. */
export function redevelopmentRoutes(deps: RedevelopmentDeps): Router {
  const router = Router()
  router.get('/api/plots/:id/redevelopment', async (req, res) => {
    const ctx = assertRole(req)
    const { id } = parse(PlotIdParams, req.params)
    res.json((await getRedevelopment(deps, ctx, id)) satisfies RedevelopmentResponse)
  })
  router.patch('/api/plots/:id/redevelopment', async (req, res) => {
    const ctx = assertRight(req, 'plot.edit')
    const { id } = parse(PlotIdParams, req.params)
    res.json(await saveRedevelopment(deps, ctx, id, parse(RedevelopmentBody, req.body ?? {})))
  })
  router.get('/api/redevelopment/import-template.xlsx', async (req, res) => {
    assertRole(req)
    sendSheet(res, {
      contentType: XLSX,
      fileName: { utf8: '再开发利用导入模板.xlsx', ascii: 'redevelopment-template.xlsx' },
      body: await buildRedevelopmentTemplate(),
    })
  })
  router.get('/api/redevelopment/export.xlsx', async (req, res) => {
    const ctx = assertRole(req)
    const { adcode } = parse(RedevelopmentExportQuery, req.query)
    sendSheet(res, await exportRedevelopments(deps, ctx, adcode))
  })
  router.post(
    '/api/redevelopment/import',
    requireRight('plot.edit'),
    receiveSheet(deps.settings.importMaxBytes),
    async (req, res) => {
      const ctx = assertRight(req, 'plot.edit')
      const { mode, dryRun } = parse(RedevelopmentImportQuery, req.query)
      const sheet = sheetOf(req.file, '请选择要导入的文件（字段 file）：再开发利用导入模板填写后的 .xlsx')
      const report = await importRedevelopments(deps, ctx, {
        ...sheet,
        mode,
        isDryRun: dryRun,
      })
      res.status(dryRun ? 200 : 201).json(report satisfies RedevelopmentImportReport)
    },
  )
  return router
}

import { Router } from 'express'
import { assertRight, requireRight } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { AppError } from '../http/errors.ts'
import { decodeFileName, receiveOneFile } from '../http/receive-file.ts'
import { parse } from '../http/validate.ts'
import {
  addLedgerRow,
  applyMeasure,
  buildLedgerTemplate,
  deleteLedgerRowAt,
  editLedgerRow,
  exportLedger,
  getClassChecks,
  getLedger,
  importLedger,
  listMeasures,
  type SafeUseLedgerDeps,
} from '../services/safe-use-ledger.service.ts'
import {
  ApplyMeasureBody,
  LedgerImportQuery,
  LedgerQuery,
  LedgerRowDeleteQuery,
  LedgerRowEditBody,
  LedgerRowParams,
  LedgerYearQuery,
  NewLedgerRowBody,
  type LedgerImportReport,
  type MeasuresAnswer,
} from '../../../contracts/safe-use-ledger.ts'

/**
 * 受污染耕地安全利用台账: the farmland officers of a county keep its ledger of a year (rows, imports, measures
 * applied on the map); approvers and administrators read it. Submission goes through `/api/reviews`.
 */
export function safeUseLedgerRoutes(deps: SafeUseLedgerDeps): Router {
  const router = Router()
  const send = (res: import('express').Response, file: Awaited<ReturnType<typeof exportLedger>>) =>
    res
      .set({
        'Content-Type': file.contentType,
        'Content-Disposition': contentDisposition(file.fileName),
        'Cache-Control': 'private, no-store',
      })
      .send(file.body)
  router.get('/api/safe-use-ledger', async (req, res) => {
    res.json(await getLedger(deps, assertRight(req, 'safeUse.view'), parse(LedgerQuery, req.query)))
  })
  router.get('/api/safe-use-ledger/measures', async (req, res) => {
    assertRight(req, 'safeUse.view')
    res.json(listMeasures(deps) satisfies MeasuresAnswer)
  })
  router.get('/api/safe-use-ledger/class-checks', async (req, res) => {
    res.json(await getClassChecks(deps, assertRight(req, 'safeUse.view'), parse(LedgerYearQuery, req.query)))
  })
  router.get('/api/safe-use-ledger/template.xlsx', async (req, res) => {
    send(res, await buildLedgerTemplate(deps, assertRight(req, 'safeUse.view'), parse(LedgerYearQuery, req.query)))
  })
  router.get('/api/safe-use-ledger/export.xlsx', async (req, res) => {
    send(res, await exportLedger(deps, assertRight(req, 'safeUse.view'), parse(LedgerYearQuery, req.query)))
  })
  router.post('/api/safe-use-ledger/rows', async (req, res) => {
    const ctx = assertRight(req, 'safeUse.edit')
    res.status(201).json(await addLedgerRow(deps, ctx, parse(NewLedgerRowBody, req.body ?? {})))
  })
  router.patch('/api/safe-use-ledger/rows/:id', async (req, res) => {
    const ctx = assertRight(req, 'safeUse.edit')
    const { id } = parse(LedgerRowParams, req.params)
    res.json(await editLedgerRow(deps, ctx, id, parse(LedgerRowEditBody, req.body ?? {})))
  })
  router.delete('/api/safe-use-ledger/rows/:id', async (req, res) => {
    const ctx = assertRight(req, 'safeUse.edit')
    const { id } = parse(LedgerRowParams, req.params)
    await deleteLedgerRowAt(deps, ctx, id, parse(LedgerRowDeleteQuery, req.query).version)
    res.json({ id, isDeleted: true })
  })
  router.post('/api/safe-use-ledger/apply-measure', async (req, res) => {
    const ctx = assertRight(req, 'safeUse.edit')
    res.json(await applyMeasure(deps, ctx, parse(ApplyMeasureBody, req.body ?? {})))
  })
  router.post(
    '/api/safe-use-ledger/import',
    requireRight('safeUse.edit'),
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
      const ctx = assertRight(req, 'safeUse.edit')
      const query = parse(LedgerImportQuery, req.query)
      if (!req.file) throw new AppError('VALIDATION', '请选择要导入的台账文件（字段 file）：台账导入模板填写后的 .xlsx')
      const report = await importLedger(deps, ctx, {
        adcode: query.adcode,
        year: query.year,
        fileName: decodeFileName(req.file.originalname),
        bytes: req.file.buffer,
        mode: query.mode,
        isDryRun: query.dryRun,
      })
      res.status(query.dryRun ? 200 : 201).json(report satisfies LedgerImportReport)
    },
  )
  return router
}

import { Router } from 'express'
import { assertRight, requireRight } from '../http/auth.ts'
import { receiveSheet, sendSheet, sheetOf } from '../http/sheet-import.ts'
import { parse } from '../http/validate.ts'
import {
  addLedgerRow,
  applyMeasure,
  deleteLedgerRowAt,
  editLedgerRow,
  getClassChecks,
  getLedger,
  listMeasures,
  type SafeUseLedgerDeps,
} from '../services/safe-use-ledger.service.ts'
import { buildLedgerTemplate, exportLedger, importLedger } from '../services/safe-use-ledger-sheet.service.ts'
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
    sendSheet(res, await buildLedgerTemplate(deps, assertRight(req, 'safeUse.view'), parse(LedgerYearQuery, req.query)))
  })
  router.get('/api/safe-use-ledger/export.xlsx', async (req, res) => {
    sendSheet(res, await exportLedger(deps, assertRight(req, 'safeUse.view'), parse(LedgerYearQuery, req.query)))
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
    receiveSheet(deps.settings.importMaxBytes),
    async (req, res) => {
      const ctx = assertRight(req, 'safeUse.edit')
      const query = parse(LedgerImportQuery, req.query)
      const sheet = sheetOf(req.file, '请选择要导入的台账文件（字段 file）：台账导入模板填写后的 .xlsx')
      const report = await importLedger(deps, ctx, {
        adcode: query.adcode,
        year: query.year,
        ...sheet,
        mode: query.mode,
        isDryRun: query.dryRun,
      })
      res.status(query.dryRun ? 200 : 201).json(report satisfies LedgerImportReport)
    },
  )
  return router
}

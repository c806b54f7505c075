import { Router, type RequestHandler } from 'express'
import multer from 'multer'
import { formatBytes } from '../domain/public-report.ts'
import { assertRight } from '../http/auth.ts'
import { AppError } from '../http/errors.ts'
import { decodeFileName } from '../http/receive-file.ts'
import { sendSheet, sheetOf } from '../http/sheet-import.ts'
import { parse } from '../http/validate.ts'
import { KIND_CAPABILITY } from '../domain/registry-import-kinds.ts'
import { buildKindTemplate, importRegistry, type RegistryImportDeps } from '../services/registry-import.service.ts'
import { KindParams, RegistryImportQuery, type RegistryImportReport } from '../../../contracts/registry-import.ts'

/** The form of an import: the sheet (`file`) and, for enterprises and plots, an outline file (`outlines`). */
function receiveSheetAndOutlines(maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 2, fields: 5, fieldSize: 1024, parts: 7 },
  }).fields([
    { name: 'file', maxCount: 1 },
    { name: 'outlines', maxCount: 1 },
  ])
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next()
      if (!(err instanceof multer.MulterError))
        return next(new AppError('BAD_REQUEST', '上传的表单无法读取，请重新选择文件上传'))
      if (err.code === 'LIMIT_FILE_SIZE')
        return next(new AppError('PAYLOAD_TOO_LARGE', `文件过大：最大 ${formatBytes(maxBytes)}，请分成几个文件导入`))
      if (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT')
        return next(
          new AppError(
            'VALIDATION',
            '请上传 1 个表格（字段 file），地块和重点监管单位可另附 1 个边界文件（字段 outlines）',
          ),
        )
      next(new AppError('VALIDATION', '上传表单的字段过多或格式有误，请重新选择文件上传'))
    })
  }
}

/**
 * 登记册批量导入: the template of each kind, and the import (dry run or apply) of a filled one. Each kind needs the
 * right that creates one such record by hand.
 */
export function registryImportRoutes(deps: RegistryImportDeps & { maxBytes: number }): Router {
  const router = Router()
  router.get('/api/registry-import/:kind/template.xlsx', async (req, res) => {
    const { kind } = parse(KindParams, req.params)
    assertRight(req, KIND_CAPABILITY[kind])
    const file = await buildKindTemplate(kind)
    sendSheet(res, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ...file })
  })
  router.post(
    '/api/registry-import/:kind',
    (req, _res, next) => {
      const { kind } = parse(KindParams, req.params)
      assertRight(req, KIND_CAPABILITY[kind])
      next()
    },
    receiveSheetAndOutlines(deps.maxBytes),
    async (req, res) => {
      const { kind } = parse(KindParams, req.params)
      const ctx = assertRight(req, KIND_CAPABILITY[kind])
      const { mode, dryRun } = parse(RegistryImportQuery, req.query)
      const files = (req.files ?? {}) as Record<string, Express.Multer.File[] | undefined>
      const outlines = files.outlines?.[0]
      const sheet = sheetOf(files.file?.[0], '请选择要导入的表格（字段 file）：导入模板填写后的 .xlsx')
      const report = await importRegistry(deps, ctx, kind, {
        ...sheet,
        outlines: outlines ? { fileName: decodeFileName(outlines.originalname), bytes: outlines.buffer } : null,
        mode,
        isDryRun: dryRun,
      })
      res.status(dryRun ? 200 : 201).json(report satisfies RegistryImportReport)
    },
  )
  return router
}

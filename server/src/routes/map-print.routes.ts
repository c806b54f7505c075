import { Router } from 'express'
import { MAP_PRINT_MAX_IMAGE_BYTES, MapPrintSheet } from '../../../contracts/map-print.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { requireRole } from '../http/auth.ts'
import { AppError } from '../http/errors.ts'
import { receiveOneFile } from '../http/receive-file.ts'
import { parse } from '../http/validate.ts'
import { printFileName } from '../domain/map-print-layout.ts'
import { renderMapPrint } from '../services/map-print-pdf.ts'

/** Longest `sheet` field: 80 legend entries with their colours and the rest, with room to spare. */
const SHEET_FIELD_MAX = 16 * 1024

/** The `sheet` form field read as JSON; a field that is not JSON is the officer's browser at fault, said so. */
function sheetOf(body: unknown): unknown {
  const raw = (body as Record<string, unknown> | undefined)?.sheet
  if (typeof raw !== 'string')
    throw new AppError('VALIDATION', '缺少出图设置（表单字段 sheet）', { field: 'sheet', reason: 'MISSING_SHEET' })
  try {
    return JSON.parse(raw)
  } catch {
    throw new AppError('VALIDATION', '出图设置（表单字段 sheet）不是有效的 JSON', {
      field: 'sheet',
      reason: 'BAD_JSON',
    })
  }
}

/**
 * 打印地图: `POST /api/map-prints` takes the map picture the officer sees (PNG, form field `file`) and the sheet
 * settings (form field `sheet`, JSON) and answers the sheet as a PDF to download. Any signed-in staff role; nothing
 * is stored.
 */
export function mapPrintRoutes(): Router {
  const router = Router()
  router.post(
    '/api/map-prints',
    requireRole(),
    receiveOneFile({
      field: 'file',
      maxBytes: MAP_PRINT_MAX_IMAGE_BYTES,
      fields: 1,
      fieldSize: SHEET_FIELD_MAX,
      tooLarge: (limit) => `地图图片过大：最大 ${limit}，请选用较小的纸张或缩小浏览器窗口后重新生成`,
      oneFileOnly: '每次只能提交 1 张地图图片（字段 file）',
      fieldTooLong: '出图设置过长（图例项过多），请关闭部分图层后重新生成',
    }),
    async (req, res) => {
      const sheet = parse(MapPrintSheet, sheetOf(req.body))
      if (!req.file)
        throw new AppError('VALIDATION', '缺少地图图片（表单字段 file，PNG 格式）', {
          field: 'file',
          reason: 'NO_IMAGE',
        })
      const pdf = await renderMapPrint(sheet, new Uint8Array(req.file.buffer))
      res
        .set({
          'Content-Type': 'application/pdf',
          'Content-Disposition': contentDisposition(printFileName(sheet, 'pdf')),
          'Cache-Control': 'no-store',
        })
        .send(pdf)
    },
  )
  return router
}

import { Router, type RequestHandler } from 'express'
import multer from 'multer'
import { UploadForm, type ParsedUpload } from '../../../contracts/precheck.ts'
import type { Database } from '../db/database.ts'
import { formatBytes } from '../domain/public-report.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { requireRight } from '../http/auth.ts'
import { AppError } from '../http/errors.ts'
import { parse } from '../http/validate.ts'
import { parseUploadedOutline, type UploadLimits } from '../services/upload-geometry.ts'

/** Reads the multipart form (one file `file`, in memory) and turns multer's limits into clear answers. */
function receiveUpload(maxBytes: number): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
  }).single('file')
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next()
      if (!(err instanceof multer.MulterError))
        return next(new AppError('BAD_REQUEST', '上传的表单无法读取，请重新选择文件上传'))
      if (err.code === 'LIMIT_FILE_SIZE')
        return next(
          new AppError('PAYLOAD_TOO_LARGE', `文件过大：最大 ${formatBytes(maxBytes)}，请只导出待核查的地块后再上传`),
        )
      if (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT')
        return next(
          new AppError('VALIDATION', '每次只能上传 1 个文件（字段 file）；Shapefile 请把各组成文件压缩成一个 .zip'),
        )
      next(new AppError('VALIDATION', '上传表单的字段过多或格式有误，请重新选择文件上传'))
    })
  }
}

/** Multer hands over non-ASCII file names as latin1 bytes; officers' files are often named in Chinese. */
function decodeFileName(name: string): string {
  const bytes = Buffer.from(name, 'latin1')
  const utf8 = bytes.toString('utf8')
  return /[^\x00-\x7F]/.test(name) && !utf8.includes('\uFFFD') ? utf8 : name
}

/** 用地准入核查 input: an uploaded outline read and transformed to EPSG:4490 for the officer to confirm; saves nothing. */
export function precheckUploadRoutes({ db, limits }: { db: Database; limits: UploadLimits }): Router {
  const router = Router()
  router.post(
    '/api/precheck/parse-upload',
    requireRight('precheck.run'),
    receiveUpload(limits.maxBytes),
    async (req, res) => {
      if (!req.file)
        throw new AppError(
          'VALIDATION',
          '请选择要上传的地块文件（字段 file）：GeoJSON、KML、Shapefile 压缩包（.zip）或 DXF',
        )
      const { centralMeridian } = parse(UploadForm, { ...(req.body ?? {}) })
      const parsed = await parseUploadedOutline(
        db,
        scopeAdcodes(req.auth!),
        {
          fileName: decodeFileName(req.file.originalname),
          bytes: new Uint8Array(req.file.buffer),
          centralMeridian,
        },
        limits,
      )
      res.json(parsed satisfies ParsedUpload)
    },
  )
  return router
}

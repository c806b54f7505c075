import type { RequestHandler } from 'express'
import multer from 'multer'
import { formatBytes } from '../domain/public-report.ts'
import { AppError } from './errors.ts'

/** The limits and the words of one multipart form that carries at most one file. */
export interface OneFileForm {
  /** The form field of the file (`file`, or `photo` for a report). */
  field: string
  maxBytes: number
  /** How many other fields the form may have, and how long each may be. */
  fields: number
  fieldSize: number
  /** How many parts the form may have in all (default: the fields and the file). */
  parts?: number
  /** The answer to a file over `maxBytes`; `limit` reads like "20 MB". */
  tooLarge: (limit: string) => string
  /** The answer to a second file or a file in another field. */
  oneFileOnly?: string
  /** The answer to a form that cannot be read at all. */
  unreadable?: string
  /** The answer to a field over `fieldSize`. */
  fieldTooLong?: string
  /** The answer to any other broken form (too many fields or parts). */
  malformed?: string
}

/**
 * Reads a multipart form with at most one file into memory and turns multer's limits into 4xx answers in an
 * officer's words (413 for a file over the limit), so no upload route handles multer's errors itself.
 */
export function receiveOneFile(form: OneFileForm): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: form.maxBytes,
      files: 1,
      fields: form.fields,
      fieldSize: form.fieldSize,
      parts: form.parts ?? form.fields + 1,
    },
  }).single(form.field)
  const malformed = form.malformed ?? '上传表单的字段过多或格式有误，请重新选择文件上传'
  return (req, res, next) => {
    upload(req, res, (err: unknown) => {
      if (!err) return next()
      if (!(err instanceof multer.MulterError))
        return next(new AppError('BAD_REQUEST', form.unreadable ?? '上传的表单无法读取，请重新选择文件上传'))
      if (err.code === 'LIMIT_FILE_SIZE')
        return next(new AppError('PAYLOAD_TOO_LARGE', form.tooLarge(formatBytes(form.maxBytes))))
      if (err.code === 'LIMIT_UNEXPECTED_FILE' || err.code === 'LIMIT_FILE_COUNT')
        return next(
          new AppError(
            'VALIDATION',
            form.oneFileOnly ?? `每次只能上传 1 个文件（字段 ${form.field}）；Shapefile 请把各组成文件压缩成一个 .zip`,
          ),
        )
      if (err.code === 'LIMIT_FIELD_VALUE' && form.fieldTooLong)
        return next(new AppError('VALIDATION', form.fieldTooLong))
      next(new AppError('VALIDATION', malformed))
    })
  }
}

/** Multer hands over non-ASCII file names as latin1 bytes; officers' files are often named in Chinese. */
export function decodeFileName(name: string): string {
  const utf8 = Buffer.from(name, 'latin1').toString('utf8')
  return /[^\x00-\x7F]/.test(name) && !utf8.includes('\uFFFD') ? utf8 : name
}

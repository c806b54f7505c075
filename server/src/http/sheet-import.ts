import type { RequestHandler, Response } from 'express'
import { contentDisposition, type DownloadName } from './content-disposition.ts'
import { AppError } from './errors.ts'
import { decodeFileName, receiveOneFile } from './receive-file.ts'

/** A file the officer downloads: a template or an export. */
export interface SheetDownload {
  contentType: string
  fileName: DownloadName
  body: Buffer | string
}

/** Sends a template or an export as a download that no shared cache keeps. */
export function sendSheet(res: Response, file: SheetDownload): void {
  res
    .set({
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.fileName),
      'Cache-Control': 'private, no-store',
    })
    .send(file.body)
}

/** Reads the one filled template (form field `file`) of a spreadsheet import, refusing other forms in words. */
export function receiveSheet(maxBytes: number): RequestHandler {
  return receiveOneFile({
    field: 'file',
    maxBytes,
    fields: 5,
    fieldSize: 1024,
    tooLarge: (limit) => `文件过大：最大 ${limit}，请分成几个文件导入`,
    oneFileOnly: '每次只能上传 1 个文件（字段 file）',
    malformed: '每次只能上传 1 个文件（字段 file）',
  })
}

/** The name and bytes of an uploaded sheet; a 422 with `missing` (which file to choose) when the form had none. */
export function sheetOf(file: Express.Multer.File | undefined, missing: string): { fileName: string; bytes: Buffer } {
  if (!file) throw new AppError('VALIDATION', missing)
  return { fileName: decodeFileName(file.originalname), bytes: file.buffer }
}

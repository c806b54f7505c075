import { Router, type Response } from 'express'
import { assertRole } from '../http/auth.ts'
import { contentDisposition } from '../http/content-disposition.ts'
import { AppError } from '../http/errors.ts'
import { decodeFileName, receiveOneFile } from '../http/receive-file.ts'
import { parse } from '../http/validate.ts'
import {
  listPlotPublicDocuments,
  listRecordDocuments,
  readDocumentFile,
  readPublicDocumentFile,
  setDocumentVisibility,
  uploadDocument,
  type DocumentDeps,
} from '../services/documents.service.ts'
import {
  DocumentIdParams,
  DocumentListQuery,
  DocumentPatchBody,
  PublicPlotParams,
  UploadDocumentFields,
  type DocumentListResponse,
  type PublicDocumentsResponse,
  type StoredDocument,
} from '../../../contracts/documents.ts'

function sendFile(res: Response, file: { fileName: string; mediaType: string; bytes: Buffer }, cache: string) {
  res
    .set({
      'Content-Type': file.mediaType,
      'Content-Disposition': contentDisposition({
        utf8: file.fileName,
        ascii: `document${/\.[A-Za-z0-9]+$/.exec(file.fileName)?.[0] ?? ''}`,
      }),
      'Content-Length': String(file.bytes.length),
      'Cache-Control': cache,
      'X-Content-Type-Options': 'nosniff',
    })
    .send(file.bytes)
}

/**
 * Stored documents: uploaded by the keepers of a plot, control zone or enterprise, read by the staff who may read
 * documents of the record's county; the public side serves only public documents of published, listed plots.
 */
export function documentsRoutes(deps: DocumentDeps): Router {
  const router = Router()
  router.get('/api/documents', async (req, res) => {
    const ctx = assertRole(req)
    const { owner, ownerId } = parse(DocumentListQuery, req.query)
    res.json({ documents: await listRecordDocuments(deps, ctx, owner, ownerId) } satisfies DocumentListResponse)
  })
  router.post(
    '/api/documents',
    (req, _res, next) => {
      assertRole(req)
      next()
    },
    receiveOneFile({
      field: 'file',
      maxBytes: deps.settings.maxBytes,
      fields: 6,
      fieldSize: 1024,
      tooLarge: (limit) => `文件过大：单个文件最大 ${limit}，未保存；请压缩扫描件的分辨率或拆分后上传`,
      oneFileOnly: '每次只能上传 1 个文件（字段 file）',
      malformed: '上传表单应含 1 个文件（字段 file）和 owner、ownerId、kind、title 几项',
    }),
    async (req, res) => {
      const ctx = assertRole(req)
      const fields = parse(UploadDocumentFields, req.body ?? {})
      if (!req.file)
        throw new AppError('VALIDATION', '请选择要上传的文件（字段 file）：PDF、JPG、PNG、DOCX、XLSX、DOC 或 XLS')
      const doc = await uploadDocument(deps, ctx, {
        ...fields,
        fileName: decodeFileName(req.file.originalname),
        bytes: req.file.buffer,
      })
      res.status(201).json(doc satisfies StoredDocument)
    },
  )
  router.get('/api/documents/:id/file', async (req, res) => {
    const ctx = assertRole(req)
    const { id } = parse(DocumentIdParams, req.params)
    sendFile(res, await readDocumentFile(deps, ctx, id), 'private, no-store')
  })
  router.patch('/api/documents/:id', async (req, res) => {
    const ctx = assertRole(req)
    const { id } = parse(DocumentIdParams, req.params)
    res.json(await setDocumentVisibility(deps, ctx, id, parse(DocumentPatchBody, req.body ?? {})))
  })
  router.get('/api/public/plots/:id/documents', async (req, res) => {
    const { id } = parse(PublicPlotParams, req.params)
    res
      .set('Cache-Control', 'no-cache')
      .json({ documents: await listPlotPublicDocuments(deps.db, id) } satisfies PublicDocumentsResponse)
  })
  router.get('/api/public/documents/:id/file', async (req, res) => {
    const { id } = parse(DocumentIdParams, req.params)
    sendFile(res, await readPublicDocumentFile(deps, id), 'no-cache')
  })
  return router
}

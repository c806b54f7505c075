import { z } from 'zod'
import { DOCUMENT_KINDS, DOCUMENT_OWNERS, type DocumentKindCode } from '../server/src/domain/documents.ts'

const kinds = Object.keys(DOCUMENT_KINDS) as [DocumentKindCode, ...DocumentKindCode[]]
const id = (label: string) =>
  z.coerce
    .number({ error: `${label}应为数字` })
    .int(`${label}应为整数`)
    .positive(`${label}应为正整数`)

/** The form fields of `POST /api/documents` (multipart, the file in field `file`). */
export const UploadDocumentFields = z.object({
  owner: z.enum(DOCUMENT_OWNERS, {
    error: '文件所属（owner）应为 plot（污染地块）、control_zone（管控区域）或 enterprise（重点监管单位）',
  }),
  ownerId: id('文件所属记录编号（ownerId）'),
  kind: z.enum(kinds, {
    error: `文件类别（kind）应为：${kinds.map((k) => `${k}（${DOCUMENT_KINDS[k].name}）`).join('、')}`,
  }),
  title: z.string({ error: '文件标题应为文字' }).trim().max(200, '文件标题最多 200 个字').optional(),
})

/** `GET /api/documents?owner=&ownerId=`. */
export const DocumentListQuery = z.object({
  owner: UploadDocumentFields.shape.owner,
  ownerId: UploadDocumentFields.shape.ownerId,
})

export const DocumentIdParams = z.object({ id: id('文件编号') })
export const PublicPlotParams = z.object({ id: id('地块编号') })

/** `PATCH /api/documents/:id`: mark public or internal, at the version seen. */
export const DocumentPatchBody = z.object({
  version: z.number({ error: '版本号（version）应为数字' }).int().positive('版本号（version）应为正整数'),
  isPublic: z.boolean({ error: '是否公开（isPublic）应为 true 或 false' }),
})

/** A stored document as staff see it. */
export const StoredDocument = z.object({
  id: z.number().int(),
  owner: z.enum(DOCUMENT_OWNERS),
  ownerId: z.number().int(),
  kind: z.string(),
  kindName: z.string(),
  title: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  isPublic: z.boolean(),
  /** Whether the kind may be marked public at all (and the owner is a listed plot), with why not. */
  publicRefusal: z.string().nullable(),
  eventId: z.number().int().nullable(),
  version: z.number().int(),
  uploadedBy: z.string(),
  uploadedByName: z.string(),
  /** ISO 8601. */
  uploadedAt: z.string(),
  url: z.string(),
})
export type StoredDocument = z.infer<typeof StoredDocument>

export const DocumentListResponse = z.object({ documents: z.array(StoredDocument) })
export type DocumentListResponse = z.infer<typeof DocumentListResponse>

/** A document of a published plot as the public side shows it. */
export const PublicDocument = z.object({
  id: z.number().int(),
  kindName: z.string(),
  title: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  /** ISO 8601. */
  uploadedAt: z.string(),
  url: z.string(),
})
export type PublicDocument = z.infer<typeof PublicDocument>

export const PublicDocumentsResponse = z.object({ documents: z.array(PublicDocument) })
export type PublicDocumentsResponse = z.infer<typeof PublicDocumentsResponse>

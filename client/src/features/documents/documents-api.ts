import { getJson, sendJson } from '../../shared/api-client'
import type { DocumentListResponse, StoredDocument } from '@contracts/documents'
import type { RedevelopmentBody, RedevelopmentImportReport, RedevelopmentResponse } from '@contracts/redevelopment'

/** Whose documents: a plot, a control zone or an enterprise. */
export type DocumentOwner = StoredDocument['owner']

/** `GET /api/documents`: the stored documents of a record, newest first. */
export function fetchDocuments(owner: DocumentOwner, ownerId: number, signal?: AbortSignal) {
  return getJson<DocumentListResponse>(`/api/documents?owner=${owner}&ownerId=${ownerId}`, signal)
}

/** `POST /api/documents`: keeps a file for a record; the server checks its type by content and its size. */
export function uploadDocument(input: {
  owner: DocumentOwner
  ownerId: number
  kind: string
  title?: string
  file: File
}): Promise<StoredDocument> {
  const form = new FormData()
  form.append('owner', input.owner)
  form.append('ownerId', String(input.ownerId))
  form.append('kind', input.kind)
  if (input.title?.trim()) form.append('title', input.title.trim())
  form.append('file', input.file)
  return sendJson<StoredDocument>('POST', '/api/documents', form)
}

/** `PATCH /api/documents/:id`: public or internal, at the version seen. */
export function setDocumentPublic(doc: StoredDocument, isPublic: boolean): Promise<StoredDocument> {
  return sendJson<StoredDocument>('PATCH', `/api/documents/${doc.id}`, { version: doc.version, isPublic })
}

/** `GET /api/plots/:id/redevelopment`. */
export function fetchRedevelopment(plotId: number, signal?: AbortSignal) {
  return getJson<RedevelopmentResponse>(`/api/plots/${plotId}/redevelopment`, signal)
}

/** `PATCH /api/plots/:id/redevelopment`: the record at the version seen (null: a new one). */
export function saveRedevelopment(plotId: number, body: RedevelopmentBody): Promise<RedevelopmentResponse> {
  return sendJson<RedevelopmentResponse>('PATCH', `/api/plots/${plotId}/redevelopment`, body)
}

export const REDEVELOPMENT_TEMPLATE_URL = '/api/redevelopment/import-template.xlsx'
export const REDEVELOPMENT_EXPORT_URL = '/api/redevelopment/export.xlsx'

/** `POST /api/redevelopment/import`: a filled template checked (dry run) or imported. */
export function importRedevelopment(
  file: File,
  mode: 'all' | 'valid-only',
  isDryRun: boolean,
): Promise<RedevelopmentImportReport> {
  const form = new FormData()
  form.append('file', file)
  return sendJson<RedevelopmentImportReport>('POST', `/api/redevelopment/import?mode=${mode}&dryRun=${isDryRun}`, form)
}

/** 1234567 → “1.2 MB”. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${bytes} 字节`
}

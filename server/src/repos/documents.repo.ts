import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'

/** The record a document belongs to. */
export interface DocumentOwnerRow {
  adcode: string
  county: string
  code: string
  name: string
  status: string | null
}

export interface DocumentRow {
  id: number
  adcode: string
  owner_kind: string
  owner_id: number
  kind: string
  title: string
  file_name: string
  media_type: string
  size_bytes: number
  sha256: string
  store: 'database' | 'folder' | 's3'
  store_key: string | null
  is_public: boolean
  event_id: number | null
  version: number
  uploaded_by: string
  uploaded_by_name: string | null
  uploaded_at: Date
  updated_by: string
  updated_at: Date
}

export interface PublicDocumentRow {
  id: number
  kind: string
  title: string
  file_name: string
  size_bytes: number
  sha256: string
  uploaded_at: Date
}

export interface NewDocument {
  adcode: string
  ownerKind: string
  ownerId: number
  kind: string
  title: string
  fileName: string
  mediaType: string
  sizeBytes: number
  sha256: string
  store: 'database' | 'folder' | 's3'
  storeKey: string | null
  uploadedBy: string
}

export async function findDocumentOwner(
  db: Queryable,
  ownerKind: string,
  ownerId: number,
): Promise<DocumentOwnerRow | null> {
  return (await db.query<DocumentOwnerRow>(sqlFile('documents/find-owner'), [ownerKind, ownerId])).rows[0] ?? null
}

export async function insertDocument(tx: Queryable, d: NewDocument): Promise<number> {
  const { rows } = await tx.query<{ id: string }>(sqlFile('documents/insert-document'), [
    d.adcode,
    d.ownerKind,
    d.ownerId,
    d.kind,
    d.title,
    d.fileName,
    d.mediaType,
    d.sizeBytes,
    d.sha256,
    d.store,
    d.storeKey,
    d.uploadedBy,
  ])
  return Number(rows[0].id)
}

export async function insertDocumentContent(tx: Queryable, adcode: string, id: number, bytes: Buffer): Promise<void> {
  await tx.query(sqlFile('documents/insert-content'), [adcode, id, bytes])
}

export async function readDocumentContent(db: Queryable, adcode: string, id: number): Promise<Buffer | null> {
  const { rows } = await db.query<{ bytes: Buffer }>(sqlFile('documents/read-content'), [adcode, id])
  return rows[0] ? Buffer.from(rows[0].bytes) : null
}

export async function findDocument(db: Queryable, id: number): Promise<DocumentRow | null> {
  return (await db.query<DocumentRow>(sqlFile('documents/find-document'), [id])).rows[0] ?? null
}

export async function lockDocument(
  tx: Queryable,
  id: number,
): Promise<Pick<
  DocumentRow,
  'id' | 'adcode' | 'owner_kind' | 'owner_id' | 'kind' | 'title' | 'is_public' | 'event_id' | 'version'
> | null> {
  return (await tx.query(sqlFile('documents/lock-document'), [id])).rows[0] ?? null
}

export async function listDocuments(
  db: Queryable,
  adcode: string,
  ownerKind: string,
  ownerId: number,
): Promise<DocumentRow[]> {
  return (await db.query<DocumentRow>(sqlFile('documents/list-documents'), [adcode, ownerKind, ownerId])).rows
}

export async function setDocumentPublic(tx: Queryable, id: number, isPublic: boolean, who: string): Promise<number> {
  return (await tx.query<{ version: number }>(sqlFile('documents/set-public'), [id, isPublic, who])).rows[0].version
}

export async function attachDocumentToEvent(tx: Queryable, id: number, eventId: number): Promise<void> {
  await tx.query(sqlFile('documents/attach-event'), [id, eventId])
}

export async function listPublicDocuments(
  db: Queryable,
  plotId: number,
  statuses: readonly string[],
): Promise<PublicDocumentRow[]> {
  return (await db.query<PublicDocumentRow>(sqlFile('documents/list-public'), [plotId, statuses])).rows
}

export async function findPublicDocument(
  db: Queryable,
  id: number,
  statuses: readonly string[],
): Promise<Pick<
  DocumentRow,
  'id' | 'adcode' | 'file_name' | 'media_type' | 'size_bytes' | 'store' | 'store_key'
> | null> {
  return (await db.query(sqlFile('documents/find-public'), [id, statuses])).rows[0] ?? null
}

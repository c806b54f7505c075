import crypto from 'node:crypto'
import type { Database, Queryable } from '../db/database.ts'
import { isoOf } from '../domain/changed-at.ts'
import {
  DOCUMENT_KINDS,
  DOCUMENT_OWNER_NAME,
  checkDocumentFile,
  isDocumentKind,
  publicRefusal,
  type DocumentOwner,
} from '../domain/documents.ts'
import { AppError } from '../domain/errors.ts'
import { PUBLIC_LISTS } from '../domain/public-fields.ts'
import { formatBytes } from '../domain/public-report.ts'
import { can, rolesWith, type Capability } from '../domain/rights.ts'
import { ROLE_LABEL } from '../domain/roles.ts'
import { assertCountyInScope } from '../domain/scope.ts'
import {
  findDocument,
  findDocumentOwner,
  findPublicDocument,
  insertDocument,
  listDocuments,
  listPublicDocuments,
  lockDocument,
  setDocumentPublic,
  type DocumentOwnerRow,
  type DocumentRow,
} from '../repos/documents.repo.ts'
import type { PublicDocument, StoredDocument } from '../../../contracts/documents.ts'
import type { AuthContext } from './auth.service.ts'
import { documentStores, type DocumentSettings } from './document-store.ts'

export interface DocumentDeps {
  db: Database
  settings: DocumentSettings
}

/** Who may add a document to a record: the keepers of that record. */
const UPLOAD_RIGHT: Record<DocumentOwner, Capability> = {
  plot: 'plot.transition',
  control_zone: 'controlZone.edit',
  enterprise: 'enterprise.edit',
}

/** The lists whose plots' public documents the public side serves. */
const PUBLIC_STATUSES: readonly string[] = [...PUBLIC_LISTS.contaminated.statuses, ...PUBLIC_LISTS.control.statuses]

function assertCapability(ctx: AuthContext, capability: Capability, what: string): void {
  if (can(ctx.user.role, capability)) return
  const allowed = rolesWith(capability)
    .map((r) => ROLE_LABEL[r])
    .join('、')
  throw new AppError('FORBIDDEN', `当前角色（${ctx.user.roleName}）无权${what}，仅限：${allowed}`)
}

async function ownerInScope(db: Queryable, ctx: AuthContext, owner: DocumentOwner, ownerId: number) {
  const row = await findDocumentOwner(db, owner, ownerId)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${ownerId} 的${DOCUMENT_OWNER_NAME[owner]}`)
  assertCountyInScope(ctx, row.adcode, row.county)
  return row
}

const kindName = (kind: string) => (isDocumentKind(kind) ? DOCUMENT_KINDS[kind].name : kind)

function describe(row: DocumentRow, owner: DocumentOwnerRow | null): StoredDocument {
  return {
    id: Number(row.id),
    owner: row.owner_kind as DocumentOwner,
    ownerId: Number(row.owner_id),
    kind: row.kind,
    kindName: kindName(row.kind),
    title: row.title,
    fileName: row.file_name,
    mediaType: row.media_type,
    sizeBytes: Number(row.size_bytes),
    sha256: row.sha256,
    isPublic: row.is_public,
    publicRefusal: publicRefusal(row.kind, row.owner_kind as DocumentOwner, owner?.status ?? null),
    eventId: row.event_id === null ? null : Number(row.event_id),
    version: row.version,
    uploadedBy: row.uploaded_by,
    uploadedByName: row.uploaded_by_name ?? row.uploaded_by,
    uploadedAt: isoOf(row.uploaded_at),
    url: `/api/documents/${row.id}/file`,
  }
}

/**
 * Keeps an uploaded file for a plot, a control zone or an enterprise: the keeper's right, the record in scope, the
 * kind allowed for the record, the type checked by content, the size limit; SHA-256 and uploader kept with it.
 */
export async function uploadDocument(
  deps: DocumentDeps,
  ctx: AuthContext,
  input: { owner: DocumentOwner; ownerId: number; kind: string; title?: string; fileName: string; bytes: Buffer },
): Promise<StoredDocument> {
  assertCapability(ctx, UPLOAD_RIGHT[input.owner], `为${DOCUMENT_OWNER_NAME[input.owner]}上传文件`)
  const owner = await ownerInScope(deps.db, ctx, input.owner, input.ownerId)
  const kind = isDocumentKind(input.kind) ? DOCUMENT_KINDS[input.kind] : null
  if (!kind || !(kind.owners as readonly string[]).includes(input.owner))
    throw new AppError('VALIDATION', `“${kind?.name ?? input.kind}”不是${DOCUMENT_OWNER_NAME[input.owner]}的文件类别`, {
      reason: 'WRONG_KIND',
      field: 'kind',
    })
  if (input.bytes.length > deps.settings.maxBytes)
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `文件“${input.fileName}”有 ${formatBytes(input.bytes.length)}，超过上限 ${formatBytes(deps.settings.maxBytes)}，未保存`,
    )
  const file = checkDocumentFile(input.fileName, input.bytes)
  if (!file.ok) throw new AppError('VALIDATION', file.message, { reason: file.code, field: 'file' })
  const sha256 = crypto.createHash('sha256').update(input.bytes).digest('hex')
  const store = documentStores(deps.settings).current
  const storeKey = await store.prepare(owner.adcode, sha256, input.bytes)
  const id = await deps.db.transaction(async (tx) => {
    const docId = await insertDocument(tx, {
      adcode: owner.adcode,
      ownerKind: input.owner,
      ownerId: input.ownerId,
      kind: input.kind,
      title: input.title?.trim() || input.fileName.replace(/\.[^.]+$/, ''),
      fileName: input.fileName,
      mediaType: file.mediaType,
      sizeBytes: input.bytes.length,
      sha256,
      store: store.kind,
      storeKey,
      uploadedBy: ctx.user.username,
    })
    await store.save(tx, owner.adcode, docId, input.bytes)
    return docId
  })
  return describe((await findDocument(deps.db, id))!, owner)
}

/** The documents of a record, for staff who may read documents in the record's county. */
export async function listRecordDocuments(
  deps: DocumentDeps,
  ctx: AuthContext,
  owner: DocumentOwner,
  ownerId: number,
): Promise<StoredDocument[]> {
  assertCapability(ctx, 'document.read', '查看文件')
  const row = await ownerInScope(deps.db, ctx, owner, ownerId)
  return (await listDocuments(deps.db, row.adcode, owner, ownerId)).map((d) => describe(d, row))
}

async function readable(deps: DocumentDeps, ctx: AuthContext, id: number) {
  assertCapability(ctx, 'document.read', '查看文件')
  const row = await findDocument(deps.db, id)
  if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的文件`)
  const owner = await ownerInScope(deps.db, ctx, row.owner_kind as DocumentOwner, Number(row.owner_id))
  return { row, owner }
}

/** The bytes of a document for its download, with its name and type. */
export async function readDocumentFile(
  deps: DocumentDeps,
  ctx: AuthContext,
  id: number,
): Promise<{ fileName: string; mediaType: string; bytes: Buffer }> {
  const { row } = await readable(deps, ctx, id)
  const bytes = await documentStores(deps.settings).of(row.store).read(deps.db, row)
  if (!bytes)
    throw new AppError('NOT_FOUND', `文件“${row.file_name}”的内容找不到（存放处缺少该文件），请联系系统管理员`)
  return { fileName: row.file_name, mediaType: row.media_type, bytes }
}

/** Marks a document public or internal, at the version the officer saw; only the kinds the law lets be public. */
export async function setDocumentVisibility(
  deps: DocumentDeps,
  ctx: AuthContext,
  id: number,
  input: { version: number; isPublic: boolean },
): Promise<StoredDocument> {
  assertCapability(ctx, 'plot.edit', '设置文件是否公开')
  await deps.db.transaction(async (tx) => {
    const row = await lockDocument(tx, id)
    if (!row) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的文件`)
    const owner = await ownerInScope(tx, ctx, row.owner_kind as DocumentOwner, Number(row.owner_id))
    if (row.version !== input.version)
      throw new AppError(
        'CONFLICT',
        `文件“${row.title}”已被他人修改（您看到的是第 ${input.version} 版，当前为第 ${row.version} 版），请刷新后重试`,
        { id, yourVersion: input.version, currentVersion: row.version },
      )
    if (input.isPublic) {
      const refusal = publicRefusal(row.kind, row.owner_kind as DocumentOwner, owner.status)
      if (refusal) throw new AppError('CONFLICT', refusal, { reason: 'NOT_PUBLIC_KIND', field: 'isPublic' })
    }
    await setDocumentPublic(tx, id, input.isPublic, ctx.user.username)
  })
  const { row, owner } = await readable(deps, ctx, id)
  return describe(row, owner)
}

/**
 * A stored document handed in with a lifecycle step: it must belong to the plot and not yet to another step. Inside
 * the step's transaction; the file name goes into the step's record.
 */
export async function claimStepDocument(
  tx: Queryable,
  plot: { adcode: string; id: number; code: string },
  documentId: number,
  label: string,
): Promise<{ id: number; fileName: string; sizeBytes: number; sha256: string }> {
  const row = await findDocument(tx, documentId)
  if (!row || row.owner_kind !== 'plot' || Number(row.owner_id) !== Number(plot.id) || row.adcode !== plot.adcode)
    throw new AppError(
      'VALIDATION',
      `地块 ${plot.code}：${label}的附件（文件编号 ${documentId}）不是本地块上传的文件`,
      {
        reason: 'UNKNOWN_DOCUMENT',
        field: 'document.documentId',
      },
    )
  if (row.event_id !== null)
    throw new AppError('CONFLICT', `地块 ${plot.code}：文件“${row.file_name}”已作为其他步骤的附件，请重新上传`, {
      reason: 'DOCUMENT_USED',
      field: 'document.documentId',
    })
  return { id: Number(row.id), fileName: row.file_name, sizeBytes: Number(row.size_bytes), sha256: row.sha256 }
}

/** The public documents of a published plot on a list; nothing of any other document. */
export async function listPlotPublicDocuments(db: Queryable, plotId: number): Promise<PublicDocument[]> {
  return (await listPublicDocuments(db, plotId, PUBLIC_STATUSES)).map((d) => ({
    id: Number(d.id),
    kindName: kindName(d.kind),
    title: d.title,
    fileName: d.file_name,
    sizeBytes: Number(d.size_bytes),
    sha256: d.sha256,
    uploadedAt: isoOf(d.uploaded_at),
    url: `/api/public/documents/${d.id}/file`,
  }))
}

/** The bytes of a public document of a published plot; any other id is answered as unknown. */
export async function readPublicDocumentFile(
  deps: DocumentDeps,
  id: number,
): Promise<{ fileName: string; mediaType: string; bytes: Buffer }> {
  const row = await findPublicDocument(deps.db, id, PUBLIC_STATUSES)
  const bytes = row ? await documentStores(deps.settings).of(row.store).read(deps.db, row) : null
  if (!row || !bytes) throw new AppError('NOT_FOUND', `没有编号为 ${id} 的公开文件`)
  return { fileName: row.file_name, mediaType: row.media_type, bytes }
}

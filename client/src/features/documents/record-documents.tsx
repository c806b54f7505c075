import { useEffect, useRef, useState, type FormEvent } from 'react'
import { isAbortError } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { formatDateTime } from '../../shared/format'
import { FormError } from '../../shared/ui/form-error'
import { DOCUMENT_KINDS, type DocumentKindCode } from '../../../../server/src/domain/documents.ts'
import type { StoredDocument } from '@contracts/documents'
import { fetchDocuments, formatFileSize, setDocumentPublic, uploadDocument, type DocumentOwner } from './documents-api'
import './documents.css'

/** Props of {@link RecordDocuments}. */
export interface RecordDocumentsProps {
  owner: DocumentOwner
  ownerId: number
  /** The keeper of the record uploads and marks documents public. */
  canEdit: boolean
  /** Changes of the record (a step handed in a file) read the list again. */
  version?: number
  title?: string
}

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.doc,.xls'

function kindsOf(owner: DocumentOwner): { code: DocumentKindCode; name: string }[] {
  return (Object.entries(DOCUMENT_KINDS) as [DocumentKindCode, (typeof DOCUMENT_KINDS)[DocumentKindCode]][])
    .filter(([, k]) => (k.owners as readonly string[]).includes(owner))
    .map(([code, k]) => ({ code, name: k.name }))
}

/**
 * 档案文件: the stored files of a plot, control zone or enterprise with name, size, uploader and time, each a
 * download; the keeper uploads (PDF, images, Office files) and marks the public summaries public.
 */
export function RecordDocuments({ owner, ownerId, canEdit, version = 0, title = '档案文件' }: RecordDocumentsProps) {
  const [documents, setDocuments] = useState<StoredDocument[] | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  const [reloads, setReloads] = useState(0)
  const kinds = kindsOf(owner)
  const [kind, setKind] = useState<string>(kinds[0]?.code ?? 'other')
  const [docTitle, setDocTitle] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [isBusy, setBusy] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    const controller = new AbortController()
    fetchDocuments(owner, ownerId, controller.signal)
      .then((answer) => {
        setDocuments(answer.documents)
        setFailure(null)
      })
      .catch((error: unknown) => {
        if (!isAbortError(error)) setFailure(errorMessage(error, '文件列表加载失败'))
      })
    return () => controller.abort()
  }, [owner, ownerId, version, reloads])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!file) {
      setFailure('请选择要上传的文件')
      return
    }
    setBusy(true)
    setFailure(null)
    try {
      const saved = await uploadDocument({ owner, ownerId, kind, title: docTitle, file })
      setNotice(`已保存“${saved.fileName}”（${formatFileSize(saved.sizeBytes)}）`)
      setFile(null)
      setDocTitle('')
      if (fileRef.current) fileRef.current.value = ''
      setReloads((n) => n + 1)
    } catch (error) {
      setNotice(null)
      setFailure(errorMessage(error, '上传失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  const toggle = async (doc: StoredDocument) => {
    setFailure(null)
    try {
      const next = await setDocumentPublic(doc, !doc.isPublic)
      setNotice(
        next.isPublic ? `“${next.title}”已公开，发布后在公众地图的地块页面可下载` : `“${next.title}”已设为不公开`,
      )
      setReloads((n) => n + 1)
    } catch (error) {
      setFailure(errorMessage(error, '操作失败，请稍后重试'))
      setReloads((n) => n + 1)
    }
  }

  return (
    <section className="record-documents" aria-label={title} data-testid="record-documents">
      <h3 className="plot-subtitle">{title}</h3>
      {notice && (
        <p className="notice notice--ok" role="status" data-testid="documents-notice">
          {notice}
        </p>
      )}
      {documents === null && !failure && <p className="panel-note">正在加载文件…</p>}
      {documents?.length === 0 && <p className="panel-note">尚未上传文件。</p>}
      {documents && documents.length > 0 && (
        <ul className="record-documents__list">
          {documents.map((doc) => (
            <li key={doc.id} className="record-documents__item" data-testid="document-item">
              <div className="record-documents__line">
                <a className="record-documents__name" href={doc.url} download={doc.fileName}>
                  {doc.title}
                </a>
                <span className="chip chip--off">{doc.kindName}</span>
                {doc.isPublic && <span className="chip record-documents__public">已公开</span>}
              </div>
              <p className="record-documents__meta">
                {doc.fileName} · {formatFileSize(doc.sizeBytes)} · {doc.uploadedByName} 上传于{' '}
                {formatDateTime(doc.uploadedAt)}
              </p>
              <p className="record-documents__hash" title="SHA-256 校验值，用于核对文件未被改动">
                SHA-256 {doc.sha256.slice(0, 16)}…
              </p>
              {canEdit && doc.publicRefusal === null && (
                <button
                  type="button"
                  className="secondary-button record-documents__toggle"
                  onClick={() => void toggle(doc)}
                  data-testid="document-public-toggle"
                >
                  {doc.isPublic ? '取消公开' : '公开（公众可下载）'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form className="record-documents__form" onSubmit={(e) => void submit(e)} noValidate>
          <label className="form-field">
            <span className="form-field__label">类别</span>
            <select
              className="text-input"
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              data-testid="document-kind"
            >
              {kinds.map((k) => (
                <option key={k.code} value={k.code}>
                  {k.name}
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span className="form-field__label">标题（可不填，默认用文件名）</span>
            <input
              className="text-input"
              value={docTitle}
              maxLength={200}
              onChange={(e) => setDocTitle(e.target.value)}
              data-testid="document-title"
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">文件（PDF、JPG、PNG、Word、Excel）</span>
            <input
              ref={fileRef}
              type="file"
              accept={ACCEPT}
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null)
                setFailure(null)
              }}
              data-testid="document-file"
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary-button" disabled={isBusy} data-testid="document-upload">
              {isBusy ? '正在上传…' : '上传'}
            </button>
          </div>
        </form>
      )}
      <FormError message={failure} testId="documents-error" />
    </section>
  )
}

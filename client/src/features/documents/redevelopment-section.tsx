import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { ApiError, isAbortError } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue, formatDateTime } from '../../shared/format'
import { FormError } from '../../shared/ui/form-error'
import { refusedReportOf } from '../../shared/ui/sheet-import-report'
import { gb50137Reference } from '../../../../server/src/domain/gb50137.ts'
import type { RedevelopmentImportReport, RedevelopmentResponse } from '@contracts/redevelopment'
import type { StoredDocument } from '@contracts/documents'
import {
  REDEVELOPMENT_EXPORT_URL,
  REDEVELOPMENT_TEMPLATE_URL,
  fetchDocuments,
  fetchRedevelopment,
  importRedevelopment,
  saveRedevelopment,
} from './documents-api'
import './documents.css'

/** Props of {@link RedevelopmentSection}. */
export interface RedevelopmentSectionProps {
  plotId: number
  /** Environment officers keep the record and import the template. */
  canEdit: boolean
}

const USES = gb50137Reference()
const M2_PER_MU = 10_000 / 15

interface Draft {
  plannedUse: string
  usedOn: string
  targetsMet: boolean | null
  approvalRef: string
  documentId: string
  note: string
}

function draftOf(answer: RedevelopmentResponse | null): Draft {
  const r = answer?.record
  return {
    plannedUse: r?.plannedUse ?? '',
    usedOn: r?.usedOn ?? '',
    targetsMet: r ? r.targetsMet : null,
    approvalRef: r?.approvalRef ?? '',
    documentId: r?.document ? String(r.document.id) : '',
    note: r?.note ?? '',
  }
}

/**
 * 再开发利用: the plot's redevelopment record (planned use by GB 50137-2011 code, date, whether the risk-control or
 * remediation targets were met, the approval) behind 污染地块安全利用率, kept at the version seen; and the bulk
 * import of the county's records from the template.
 */
export function RedevelopmentSection({ plotId, canEdit }: RedevelopmentSectionProps) {
  const [answer, setAnswer] = useState<RedevelopmentResponse | null>(null)
  const [approvals, setApprovals] = useState<StoredDocument[]>([])
  const [draft, setDraft] = useState<Draft>(draftOf(null))
  const [isEditing, setEditing] = useState(false)
  const [failure, setFailure] = useState<string | null>(null)
  const [isStale, setStale] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)
  const [reloads, setReloads] = useState(0)

  useEffect(() => {
    const controller = new AbortController()
    Promise.all([
      fetchRedevelopment(plotId, controller.signal),
      fetchDocuments('plot', plotId, controller.signal).catch(() => ({ documents: [] as StoredDocument[] })),
    ])
      .then(([loaded, docs]) => {
        setAnswer(loaded)
        setApprovals(docs.documents)
        setDraft(draftOf(loaded))
        setFailure(null)
        setStale(false)
      })
      .catch((error: unknown) => {
        if (!isAbortError(error)) setFailure(errorMessage(error, '再开发利用记录加载失败'))
      })
    return () => controller.abort()
  }, [plotId, reloads])

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFailure(null)
    try {
      const next = await saveRedevelopment(plotId, {
        version: answer?.record?.version ?? null,
        plannedUse: draft.plannedUse,
        usedOn: draft.usedOn,
        targetsMet: draft.targetsMet,
        approvalRef: draft.approvalRef.trim() || null,
        documentId: draft.documentId ? Number(draft.documentId) : null,
        note: draft.note.trim() || null,
      })
      setAnswer(next)
      setEditing(false)
      setNotice('再开发利用记录已保存，安全利用率按此记录计算')
    } catch (error) {
      setFailure(errorMessage(error, '保存失败，请稍后重试'))
      setStale(error instanceof ApiError && error.code === 'CONFLICT')
    }
  }

  if (!answer)
    return (
      <p className={`panel-note${failure ? ' panel-note--error' : ''}`} data-testid="redevelopment">
        {failure ?? '正在加载再开发利用记录…'}
      </p>
    )
  const record = answer.record
  const rows: [string, ReactNode][] = record
    ? [
        ['规划用途', `${record.plannedUse} ${record.plannedUseName}`],
        ['开发利用日期', record.usedOn ?? `${record.year} 年`],
        ['是否达到目标', record.targetsMet ? '已达到风险管控或修复目标' : '未达到风险管控或修复目标'],
        ['批准文件', record.approvalRef || '—'],
        [
          '批准文件原件',
          record.document ? (
            <a href={record.document.url} download={record.document.fileName}>
              {record.document.title}
            </a>
          ) : (
            '未上传'
          ),
        ],
        ['面积', `${formatAreaValue(record.areaM2 / M2_PER_MU)} 亩`],
        ['说明', record.note || '—'],
        ['最后修改', `${record.updatedByName}，${formatDateTime(record.updatedAt)}（第 ${record.version} 版）`],
      ]
    : []

  return (
    <div className="plot-section redevelopment" data-testid="redevelopment">
      {notice && (
        <p className="notice notice--ok" role="status" data-testid="redevelopment-notice">
          {notice}
        </p>
      )}
      {answer.refusal && <p className="panel-note">{answer.refusal}。</p>}
      {!answer.refusal && !record && <p className="panel-note">尚未记录再开发利用。</p>}
      {record && (
        <table className="info-table redevelopment__record" data-testid="redevelopment-record">
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {record?.isSample && <p className="panel-note">此记录为示例数据，修改后即为正式记录。</p>}
      {canEdit && !answer.refusal && !isEditing && (
        <div className="plot-section__bar plot-section__bar--end">
          <button
            type="button"
            className="secondary-button"
            onClick={() => setEditing(true)}
            data-testid="redevelopment-edit"
          >
            {record ? '修改再开发利用记录' : '记录再开发利用'}
          </button>
        </div>
      )}
      {isEditing && (
        <form className="redevelopment__form" onSubmit={(e) => void submit(e)} noValidate>
          <label className="form-field">
            <span className="form-field__label">规划用途（GB 50137-2011）*</span>
            <select
              className="text-input"
              value={draft.plannedUse}
              onChange={(e) => setDraft({ ...draft, plannedUse: e.target.value })}
              data-testid="redevelopment-use"
            >
              <option value="">请选择</option>
              {USES.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.code} {u.name}（{u.landClassName}）
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span className="form-field__label">开发利用日期 *</span>
            <input
              className="text-input"
              type="date"
              value={draft.usedOn}
              onChange={(e) => setDraft({ ...draft, usedOn: e.target.value })}
              data-testid="redevelopment-date"
            />
          </label>
          <fieldset className="form-field">
            <legend className="form-field__label">开发利用时是否达到风险管控或修复目标 *</legend>
            <div className="redevelopment__radios">
              {[
                [true, '已达到'],
                [false, '未达到'],
              ].map(([value, label]) => (
                <label key={String(value)}>
                  <input
                    type="radio"
                    name="targetsMet"
                    checked={draft.targetsMet === value}
                    onChange={() => setDraft({ ...draft, targetsMet: value as boolean })}
                    data-testid={`redevelopment-met-${String(value)}`}
                  />
                  {label as string}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="form-field">
            <span className="form-field__label">批准文件文号</span>
            <input
              className="text-input"
              value={draft.approvalRef}
              maxLength={500}
              placeholder="如：益自然资规〔2026〕3号"
              onChange={(e) => setDraft({ ...draft, approvalRef: e.target.value })}
              data-testid="redevelopment-ref"
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">批准文件原件（先在“大事记 → 档案文件”上传）</span>
            <select
              className="text-input"
              value={draft.documentId}
              onChange={(e) => setDraft({ ...draft, documentId: e.target.value })}
              data-testid="redevelopment-document"
            >
              <option value="">不关联</option>
              {approvals.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}（{d.kindName}）
                </option>
              ))}
            </select>
          </label>
          <label className="form-field">
            <span className="form-field__label">说明</span>
            <textarea
              className="text-area"
              rows={2}
              maxLength={500}
              value={draft.note}
              onChange={(e) => setDraft({ ...draft, note: e.target.value })}
            />
          </label>
          <FormError message={failure} testId="redevelopment-error" />
          <div className="form-actions">
            {isStale && (
              <button type="button" className="secondary-button" onClick={() => setReloads((n) => n + 1)}>
                重新加载
              </button>
            )}
            <button
              type="button"
              className="secondary-button"
              onClick={() => {
                setEditing(false)
                setDraft(draftOf(answer))
                setFailure(null)
              }}
            >
              取消
            </button>
            <button type="submit" className="primary-button" data-testid="redevelopment-save">
              保存
            </button>
          </div>
        </form>
      )}
      {!isEditing && <FormError message={failure} testId="redevelopment-error" />}
      {canEdit && <RedevelopmentImport onImported={() => setReloads((n) => n + 1)} />}
    </div>
  )
}

/** 批量导入: download the template, check a filled one (dry run), import all-or-nothing or the valid rows. */
function RedevelopmentImport({ onImported }: { onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null)
  const [mode, setMode] = useState<'all' | 'valid-only'>('all')
  const [report, setReport] = useState<RedevelopmentImportReport | null>(null)
  const [failure, setFailure] = useState<string | null>(null)

  const run = async (isDryRun: boolean) => {
    if (!file) {
      setFailure('请选择填写好的导入模板（.xlsx）')
      return
    }
    setFailure(null)
    try {
      setReport(await importRedevelopment(file, mode, isDryRun))
      if (!isDryRun) onImported()
    } catch (error) {
      setFailure(errorMessage(error, '导入失败，请稍后重试'))
      setReport(refusedReportOf<RedevelopmentImportReport>(error))
    }
  }

  return (
    <section className="redevelopment__import" aria-label="批量导入再开发利用记录" data-testid="redevelopment-import">
      <h3 className="plot-subtitle">批量导入（本辖区各地块）</h3>
      <p className="panel-note">
        <a href={REDEVELOPMENT_TEMPLATE_URL}>下载导入模板</a> · <a href={REDEVELOPMENT_EXPORT_URL}>导出已有记录</a>
      </p>
      <input type="file" accept=".xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      <select
        className="text-input"
        value={mode}
        onChange={(e) => setMode(e.target.value as 'all' | 'valid-only')}
        aria-label="导入方式"
      >
        <option value="all">全部有效才导入</option>
        <option value="valid-only">仅导入有效行</option>
      </select>
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={() => void run(true)}>
          检查（不导入）
        </button>
        <button type="button" className="primary-button" onClick={() => void run(false)}>
          导入
        </button>
      </div>
      <FormError message={failure} testId="redevelopment-import-error" />
      {report && (
        <div data-testid="redevelopment-import-report">
          <p className="panel-note">
            {report.isDryRun ? '检查结果' : '导入结果'}：共 {report.rows} 行，可导入 {report.imported} 行，有错{' '}
            {report.failed} 行
          </p>
          {report.errors.length > 0 && (
            <ul className="redevelopment__report">
              {report.errors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  )
}

import { useRef, useState, type FormEvent } from 'react'
import { inputProblems, sayProblems, type Requirement } from '../../../../server/src/domain/plot-lifecycle.ts'
import { ApiError } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import { postTransition, uploadPlotDocument, type TransitionInput } from './registry-api'
import { RISK_LEVEL_OPTIONS } from './registry-labels'
import type { PlotDocument, PlotProfile, PlotTransition, TransitionRequirement } from '@contracts/registry'
import { today } from './today'

/** Props of {@link TransitionDialog}. */
export interface TransitionDialogProps {
  plot: PlotProfile
  transition: PlotTransition
  onDone: (next: PlotProfile) => void
  /** The plot changed meanwhile (409): load it again. */
  onStale: () => void
  onClose: () => void
}

interface DocumentDraft {
  title: string
  date: string
  body: string
  /** The file chosen, and its stored id once uploaded (a second try after a refusal keeps it). */
  file: File | null
  documentId: number | null
}

const EMPTY_DOCUMENT: DocumentDraft = { title: '', date: '', body: '', file: null, documentId: null }
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,.doc,.xls'

type DocumentField = 'document' | 'reviewDocument'

/** Props of {@link DocumentFields}. */
interface DocumentFieldsProps {
  field: DocumentField
  label: string
  plotName: string
  value: DocumentDraft
  onChange: (patch: Partial<DocumentDraft>) => void
}

/** Title, date, the file uploaded and summary of one report or opinion. */
function DocumentFields({ field, label, plotName, value, onChange }: DocumentFieldsProps) {
  const fileRef = useRef<HTMLInputElement>(null)
  const id = field === 'document' ? 'doc' : 'review-doc'
  return (
    <fieldset className="transition-form__doc" data-testid={`transition-${field}`}>
      <legend>{label}</legend>
      <div className="form-grid">
        <label className="form-field form-grid__wide">
          <span className="form-field__label">标题 *</span>
          <input
            className="text-input"
            value={value.title}
            maxLength={200}
            placeholder={`如：${plotName}${label}`}
            onChange={(e) => onChange({ title: e.target.value })}
            data-testid={`${id}-title`}
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">出具日期 *</span>
          <input
            className="text-input"
            type="date"
            max={today()}
            value={value.date}
            onChange={(e) => onChange({ date: e.target.value })}
            data-testid={`${id}-date`}
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">附件（PDF、图片或 Office 文件）*</span>
          <span className="transition-form__file">
            <span className="text-input transition-form__file-name" data-testid={`${id}-attachment`}>
              {value.file?.name ?? '未选择文件'}
            </span>
            <button type="button" className="secondary-button" onClick={() => fileRef.current?.click()}>
              选择…
            </button>
            <input
              ref={fileRef}
              type="file"
              accept={ACCEPT}
              hidden
              onChange={(e) => {
                const file = e.target.files?.[0]
                if (file) onChange({ file, documentId: null })
              }}
              data-testid={`${id}-file`}
            />
          </span>
        </label>
        <label className="form-field form-grid__wide">
          <span className="form-field__label">结论摘要 *（不少于 10 个字）</span>
          <textarea
            className="text-area"
            rows={3}
            maxLength={2000}
            value={value.body}
            placeholder={
              field === 'reviewDocument'
                ? '写明评审结论，例如同意列入名录及管控要求'
                : '写明主要结论，例如超标污染物、超标范围和建议'
            }
            onChange={(e) => onChange({ body: e.target.value })}
            data-testid={`${id}-body`}
          />
        </label>
      </div>
    </fieldset>
  )
}

function toDocument(draft: DocumentDraft): PlotDocument {
  return {
    title: draft.title.trim(),
    date: draft.date,
    body: draft.body.trim(),
    attachmentName: draft.file?.name ?? '',
    ...(draft.documentId ? { documentId: draft.documentId } : {}),
  }
}

/** The document kind a step's report is kept as, from the name the lifecycle gives it. */
function kindOfLabel(label: string): string {
  if (label.includes('评审意见')) return 'expert_opinion'
  if (label.includes('风险评估')) return 'risk_assessment_report'
  if (label.includes('效果评估')) return 'effect_evaluation_report'
  if (label.includes('方案')) return 'control_plan'
  if (label.includes('调查')) return 'investigation_report'
  return 'other'
}

/**
 * 下一步: asks exactly what the step requires (the report or document with title, date, summary and attachment
 * name; the risk level; the reason) and sends it; the server's refusal is shown as it says it.
 */
export function TransitionDialog({ plot, transition, onDone, onStale, onClose }: TransitionDialogProps) {
  const requirements = transition.requires
  const documentReqs = requirements.filter(
    (r): r is TransitionRequirement & { field: DocumentField } =>
      r.field === 'document' || r.field === 'reviewDocument',
  )
  const needsRisk = requirements.some((r) => r.field === 'riskLevel')
  const reasonReq = requirements.find((r) => r.field === 'reason')
  const exceedanceReq = requirements.find((r) => r.field === 'exceedance')
  const [docs, setDocs] = useState<Record<DocumentField, DocumentDraft>>({
    document: EMPTY_DOCUMENT,
    reviewDocument: EMPTY_DOCUMENT,
  })
  const [riskLevel, setRiskLevel] = useState(plot.riskLevel ?? '')
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isStale, setStale] = useState(false)
  const [isBusy, setBusy] = useState(false)
  // the version the officer opened the step on: a reload of the profile meanwhile must not carry the step over
  // another user's change unseen (the server then refuses it as stale)
  const [seenVersion] = useState(plot.version)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const problems = inputProblems(
      { label: transition.label, requires: requirements as readonly Requirement[] },
      {
        document: toDocument(docs.document),
        reviewDocument: toDocument(docs.reviewDocument),
        riskLevel: riskLevel || null,
        reason,
        today: today(),
      },
    )
    if (problems.length) return setFailure(sayProblems(problems))
    const input: TransitionInput = { action: transition.action, version: seenVersion }
    if (needsRisk && riskLevel) input.riskLevel = riskLevel
    if (reasonReq) input.reason = reason.trim()
    setBusy(true)
    setFailure(null)
    try {
      const uploaded = { ...docs }
      for (const req of documentReqs) {
        const draft = uploaded[req.field]
        if (draft.file && !draft.documentId) {
          const stored = await uploadPlotDocument(plot.id, kindOfLabel(req.label), draft.title, draft.file)
          uploaded[req.field] = { ...draft, documentId: stored.id }
        }
        input[req.field] = toDocument(uploaded[req.field])
      }
      setDocs(uploaded)
      onDone(await postTransition(plot.id, input))
    } catch (error) {
      setFailure(errorMessage(error, '操作失败，请稍后重试'))
      setStale(error instanceof ApiError && error.code === 'CONFLICT')
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      title={`下一步：${transition.label}`}
      onClose={onClose}
      testId="transition-dialog"
      isWide={documentReqs.length > 0}
    >
      <form className="dialog__body transition-form" onSubmit={(e) => void submit(e)} noValidate>
        <p className="transition-form__route">
          <span className="transition-form__plot">
            {plot.code} {plot.name}
          </span>
          <span className="transition-form__states">
            <span className="transition-form__from">{plot.statusName}</span>
            <span aria-hidden="true">→</span>
            <span className="transition-form__to" data-testid="transition-to">
              {transition.toName}
            </span>
          </span>
        </p>
        {transition.publicEffect && (
          <p className="transition-form__effect" data-testid="transition-effect">
            <strong>公开事项：</strong>
            {transition.publicEffect}
          </p>
        )}
        {requirements.length === 0 && (
          <p className="panel-note">此步骤无需提交材料，确认后地块进入“{transition.toName}”阶段，并记入大事记。</p>
        )}
        {exceedanceReq && (
          <p className="transition-form__check" data-testid="transition-exceedance">
            须至少一项污染物实测值超过 GB 36600 筛选值（按本地块用地类别）。当前超筛选值{' '}
            {plot.pollutants.filter((p) => p.isExceedance).length} 项。
          </p>
        )}

        {documentReqs.map((req) => (
          <DocumentFields
            key={req.field}
            field={req.field}
            label={req.label}
            plotName={plot.name}
            value={docs[req.field]}
            onChange={(patch) => {
              setDocs((d) => ({ ...d, [req.field]: { ...d[req.field], ...patch } }))
              setFailure(null)
            }}
          />
        ))}
        {documentReqs.length > 0 && (
          <p className="panel-note transition-form__note">
            附件随本步骤保存（记录校验值 SHA-256、上传人和时间），有权限的工作人员可在大事记中下载。
          </p>
        )}

        {needsRisk && (
          <fieldset className="transition-form__risk" data-testid="transition-risk">
            <legend>风险等级 *</legend>
            <div className="transition-form__radios">
              {RISK_LEVEL_OPTIONS.map((r) => (
                <label
                  key={r.code}
                  className={`risk-choice risk-choice--${r.code}${riskLevel === r.code ? ' risk-choice--on' : ''}`}
                >
                  <input
                    type="radio"
                    name="riskLevel"
                    value={r.code}
                    checked={riskLevel === r.code}
                    onChange={() => {
                      setRiskLevel(r.code)
                      setFailure(null)
                    }}
                    data-testid={`risk-${r.code}`}
                  />
                  {r.name}风险
                </label>
              ))}
            </div>
          </fieldset>
        )}

        {reasonReq && (
          <label className="form-field">
            <span className="form-field__label">{reasonReq.label} *</span>
            <textarea
              className="text-area"
              rows={3}
              maxLength={500}
              value={reason}
              onChange={(e) => {
                setReason(e.target.value)
                setFailure(null)
              }}
              data-testid="transition-reason"
            />
          </label>
        )}

        <FormError message={failure} testId="transition-error" />
        <div className="form-actions">
          {isStale && (
            <button type="button" className="secondary-button" onClick={onStale} data-testid="transition-reload">
              重新加载地块
            </button>
          )}
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary-button" disabled={isBusy} data-testid="transition-confirm">
            {isBusy ? '正在提交…' : transition.label.startsWith('确认') ? transition.label : `确认${transition.label}`}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

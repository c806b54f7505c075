import { useState, type FormEvent } from 'react'
import type { ClassMode } from '@contracts/editing'
import { FormError } from '../../shared/ui/form-error'
import { problemsBelow } from './refusal-lines'
import { ClassChoiceField, classChoiceOf } from './class-choice'
import { formatMuHa } from './parcel-geometry'
import type { useMerge } from './use-split-merge'

/** Props of {@link MergeCard}. */
export interface MergeCardProps {
  merge: ReturnType<typeof useMerge>
}

/** 合并图斑: the chosen parcels, 预览, 原因, 属性取自 and 类别, then 确认合并. */
export function MergeCard({ merge }: MergeCardProps) {
  const [reason, setReason] = useState('')
  const [from, setFrom] = useState<number | null>(null)
  const [classMode, setClassMode] = useState<ClassMode>('keep')
  const [classReason, setClassReason] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const largest = merge.parcels.reduce<number | null>(
    (best, p) =>
      best === null || p.properties.areaM2 > (merge.parcels.find((q) => q.id === best)?.properties.areaM2 ?? 0)
        ? p.id
        : best,
    null,
  )
  const attributesFrom =
    from !== null && merge.parcels.some((p) => p.id === from) ? from : (merge.preview?.attributesFrom ?? largest)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) return setFailure('请填写合并原因')
    const choice = classChoiceOf(classMode, classReason)
    if (typeof choice === 'string') return setFailure(choice)
    if (attributesFrom === null) return
    setFailure(null)
    void merge.submit(reason.trim(), attributesFrom, choice)
  }

  return (
    <form className="edit-card" onSubmit={submit} noValidate data-testid="merge-dialog">
      <h3 className="edit-card__title">合并图斑</h3>
      <p className="panel-note">在地图上依次点击两个或多个相邻图斑（再次点击取消选择）。</p>
      {merge.parcels.length > 0 && (
        <fieldset className="edit-fieldset">
          <legend className="form-field__label">属性取自</legend>
          {merge.parcels.map((p) => (
            <label key={p.id} className="edit-radio" data-testid="merge-parcel">
              <input
                type="radio"
                name="merge-from"
                checked={attributesFrom === p.id}
                onChange={() => setFrom(p.id)}
                data-testid={`merge-from-${p.id}`}
              />
              {p.properties.code}（{p.properties.dlbm} {p.properties.dlmc}，{formatMuHa(p.properties.areaM2)}）
            </label>
          ))}
        </fieldset>
      )}
      {merge.preview && (
        <>
          <p className="panel-note" data-testid="merge-balance">
            合并后 {formatMuHa(merge.preview.areaM2)}（各图斑合计 {formatMuHa(merge.preview.partsAreaM2)}，差{' '}
            {(merge.preview.areaDiffRatio * 100).toFixed(4)}%）
          </p>
          <label className="form-field">
            <span className="form-field__label">
              合并原因<span className="edit-required">*</span>
            </span>
            <textarea
              className="text-area"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="merge-reason"
            />
          </label>
          <ClassChoiceField
            value={classMode}
            reason={classReason}
            keepLabel="沿用最严格的母图斑类别"
            onChange={(mode, text) => {
              setClassMode(mode)
              setClassReason(text)
            }}
          />
        </>
      )}
      <FormError message={failure ?? merge.failure?.message ?? null} testId="merge-error" />
      {problemsBelow(failure ?? merge.failure?.message ?? null, merge.failure?.problems ?? []).map((p, i) => (
        <p key={i} className="panel-note panel-note--error" data-testid="edit-problem" data-code={p.code}>
          {p.message}
        </p>
      ))}
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={merge.cancel} data-testid="merge-cancel">
          清空选择
        </button>
        {!merge.preview && (
          <button
            type="button"
            className="secondary-button"
            disabled={merge.parcels.length < 2 || merge.isBusy}
            onClick={() => void merge.runPreview()}
            data-testid="merge-preview"
          >
            预览合并（{merge.parcels.length}）
          </button>
        )}
        {merge.preview && (
          <button type="submit" className="primary-button" disabled={merge.isBusy} data-testid="merge-confirm">
            确认合并
          </button>
        )}
      </div>
    </form>
  )
}

import { useState, type FormEvent } from 'react'
import type { ClassMode } from '@contracts/editing'
import { FormError } from '../../shared/ui/form-error'
import { problemsBelow } from './refusal-lines'
import { ClassChoiceField, classChoiceOf } from './class-choice'
import { formatMuHa } from './parcel-geometry'
import { PART_COLORS, type useSplit } from './use-split-merge'

/** Props of {@link SplitCard}. */
export interface SplitCardProps {
  split: ReturnType<typeof useSplit>
}

/** 分割图斑: the steps, the parts of the preview with their areas, 原因 and 类别, then 确认分割. */
export function SplitCard({ split }: SplitCardProps) {
  const [reason, setReason] = useState('')
  const [classMode, setClassMode] = useState<ClassMode>('keep')
  const [classReason, setClassReason] = useState('')
  const [failure, setFailure] = useState<string | null>(null)

  if (!split.parcel) {
    return (
      <section className="edit-card" data-testid="split-dialog">
        <h3 className="edit-card__title">分割图斑</h3>
        <p className="panel-note">第 1 步：在地图上点击要分割的图斑。</p>
      </section>
    )
  }
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) return setFailure('请填写分割原因')
    const choice = classChoiceOf(classMode, classReason)
    if (typeof choice === 'string') return setFailure(choice)
    setFailure(null)
    void split.submit(reason.trim(), choice)
  }
  const { parcel, preview } = split
  return (
    <form className="edit-card" onSubmit={submit} noValidate data-testid="split-dialog">
      <h3 className="edit-card__title">分割图斑 {parcel.properties.code}</h3>
      <p className="panel-note">
        {parcel.properties.dlbm} {parcel.properties.dlmc}，{formatMuHa(parcel.properties.areaM2)}
      </p>
      {!split.line && (
        <p className="panel-note">
          第 2 步：在地图上画一条穿过图斑的分割线（两端落在图斑外），单击添加节点，在最后一个节点上再次单击结束。
        </p>
      )}
      {split.isBusy && <p className="panel-note">正在计算…</p>}
      {preview && (
        <>
          <ol className="split-parts" data-testid="split-parts">
            {preview.parts.map((part, i) => (
              <li key={i} className="split-part" data-testid="split-part">
                <span
                  className="split-part__swatch"
                  style={{ background: PART_COLORS[i % PART_COLORS.length] }}
                  aria-hidden="true"
                />
                第 {i + 1} 块：{formatMuHa(part.areaM2)}
              </li>
            ))}
          </ol>
          <p className="panel-note" data-testid="split-balance">
            分割前 {formatMuHa(preview.parentAreaM2)}，分割后合计 {formatMuHa(preview.totalAreaM2)}，差{' '}
            {(preview.areaDiffRatio * 100).toFixed(4)}%
          </p>
          <label className="form-field">
            <span className="form-field__label">
              分割原因<span className="edit-required">*</span>
            </span>
            <textarea
              className="text-area"
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="split-reason"
            />
          </label>
          <ClassChoiceField
            value={classMode}
            reason={classReason}
            keepLabel="沿用母图斑类别"
            onChange={(mode, text) => {
              setClassMode(mode)
              setClassReason(text)
            }}
          />
        </>
      )}
      <FormError message={failure ?? split.failure?.message ?? null} testId="split-error" />
      {problemsBelow(failure ?? split.failure?.message ?? null, split.failure?.problems ?? []).map((p, i) => (
        <p key={i} className="panel-note panel-note--error" data-testid="edit-problem" data-code={p.code}>
          {p.message}
        </p>
      ))}
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={split.cancel} data-testid="split-cancel">
          取消
        </button>
        {split.line && (
          <button type="button" className="secondary-button" onClick={split.redraw} data-testid="split-redraw">
            重画分割线
          </button>
        )}
        {preview && (
          <button type="submit" className="primary-button" disabled={split.isBusy} data-testid="split-confirm">
            确认分割
          </button>
        )}
      </div>
    </form>
  )
}

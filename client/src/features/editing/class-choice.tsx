import type { ClassMode } from '@contracts/editing'
import type { ClassChoice } from './editing-api'

/** Props of {@link ClassChoiceField}. */
export interface ClassChoiceFieldProps {
  value: ClassMode
  reason: string
  keepLabel: string
  onChange: (mode: ClassMode, reason: string) => void
}

/**
 * The class of the result: kept from the parent(s) with a reason, or recomputed from monitoring data into the
 * next draft class list (the map keeps the published class until that list is published).
 */
export function ClassChoiceField({ value, reason, keepLabel, onChange }: ClassChoiceFieldProps) {
  return (
    <fieldset className="edit-fieldset">
      <legend className="form-field__label">
        类别<span className="edit-required">*</span>
      </legend>
      <label className="edit-radio">
        <input
          type="radio"
          name="class-mode"
          checked={value === 'recompute'}
          onChange={() => onChange('recompute', reason)}
          data-testid="class-mode-recompute"
        />
        按监测数据重新计算（写入分类清单草稿，审定发布后上图）
      </label>
      <label className="edit-radio">
        <input
          type="radio"
          name="class-mode"
          checked={value === 'keep'}
          onChange={() => onChange('keep', reason)}
          data-testid="class-mode-keep"
        />
        {keepLabel}（须填写理由）
      </label>
      {value === 'keep' && (
        <textarea
          className="text-area"
          rows={2}
          maxLength={500}
          value={reason}
          placeholder="沿用类别的理由"
          onChange={(e) => onChange('keep', e.target.value)}
          data-testid="class-reason"
        />
      )}
    </fieldset>
  )
}

/** The class choice to send, or a message when the reason for keeping is missing. */
export function classChoiceOf(mode: ClassMode, reason: string): ClassChoice | string {
  if (mode === 'recompute') return { classMode: 'recompute' }
  return reason.trim() ? { classMode: 'keep', classReason: reason.trim() } : '沿用类别时须填写理由'
}

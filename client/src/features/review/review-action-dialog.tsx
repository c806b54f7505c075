import { useState, type FormEvent } from 'react'
import type { ReviewAction } from '@contracts/review'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'

/** Props of {@link ReviewActionDialog}. */
export interface ReviewActionDialogProps {
  action: ReviewAction
  recordTitle: string
  /** Replaces the standard explanation of the step (e.g. for a class list). */
  explanation?: string
  /** Replaces the label and hint of the optional note (e.g. the explanation a class list needs in some cases). */
  reasonField?: { label: string; placeholder: string }
  isBusy: boolean
  failure: string | null
  onConfirm: (reason: string) => void
  onClose: () => void
}

const EXPLANATION: Record<ReviewAction['action'], string> = {
  submit: '提交后由审定人审定，审定前不能修改。',
  approve: '审定通过后，可由审定人发布。',
  return: '退回后，记录回到主管部门修改，退回理由将显示给经办人。',
  publish: '发布后，该记录的公开信息（不含联系人、土地使用权人等内部字段）将在公众查询页面展示。',
  reopen: '重新编辑后记录回到草稿；已发布的公开信息保持不变，直至再次发布。',
}

/** Confirms a review step; asks for the reason when the step needs one (退回, 重新编辑). */
export function ReviewActionDialog({
  action,
  recordTitle,
  explanation,
  reasonField,
  isBusy,
  failure,
  onConfirm,
  onClose,
}: ReviewActionDialogProps) {
  const [reason, setReason] = useState('')
  const [isEmpty, setEmpty] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (action.isReasonRequired && !reason.trim()) return setEmpty(true)
    onConfirm(reason.trim())
  }

  return (
    <Dialog title={`${action.label}：${recordTitle}`} onClose={onClose} testId="review-dialog">
      <form className="dialog__body" onSubmit={submit} noValidate>
        <p className="panel-note">{explanation ?? EXPLANATION[action.action]}</p>
        <label className="form-field">
          <span className="form-field__label">
            {action.isReasonRequired ? `${action.label}理由（必填）` : (reasonField?.label ?? '说明（可选）')}
          </span>
          <textarea
            className="text-area"
            rows={4}
            maxLength={500}
            value={reason}
            autoFocus
            onChange={(e) => {
              setReason(e.target.value)
              setEmpty(false)
            }}
            placeholder={
              action.isReasonRequired ? '请写明原因，例如需补充的材料或需核实的内容' : (reasonField?.placeholder ?? '')
            }
            data-testid="review-reason"
          />
        </label>
        <FormError message={isEmpty ? `请填写${action.label}理由` : failure} testId="review-dialog-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button
            type="submit"
            className={action.action === 'return' ? 'danger-button' : 'primary-button'}
            disabled={isBusy}
            data-testid="review-confirm"
          >
            {isBusy ? '正在提交…' : `确认${action.label}`}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

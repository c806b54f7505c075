import { useState, type CSSProperties, type FormEvent } from 'react'
import { errorMessage } from '../../shared/error-message'
import { FARMLAND_CLASSES, classColor, className, type FarmlandClass } from '../../shared/farmland-class'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import { ClassChip } from './class-chip'
import type { ClassEntry } from '@contracts/classification'
import { overrideEntry } from './classification-api'

/** Props of {@link OverrideDialog}. */
export interface OverrideDialogProps {
  listId: number
  entry: ClassEntry
  onClose: () => void
  onSaved: (entry: ClassEntry) => void
}

/** 调整类别: a new class and the reason (required); the computed class and its basis stay beside the override. */
export function OverrideDialog({ listId, entry, onClose, onSaved }: OverrideDialogProps) {
  const [chosen, setChosen] = useState<FarmlandClass>(entry.class)
  const [reason, setReason] = useState(entry.overrideReason ?? '')
  const [problem, setProblem] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const computed = entry.computedClass ?? entry.class

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) return setProblem('请填写调整理由')
    if (chosen === entry.class && entry.method !== 'override') return setProblem('请选择与当前不同的类别')
    setBusy(true)
    setProblem(null)
    try {
      const answer = await overrideEntry(listId, entry.parcelId, { class: chosen, reason: reason.trim() })
      onSaved(answer.entry)
    } catch (error) {
      setProblem(errorMessage(error, '调整失败'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog title={`调整类别：图斑 ${entry.code}`} onClose={onClose} testId="class-override-dialog">
      <form className="dialog__body" onSubmit={submit} noValidate>
        <p className="panel-note">
          计算结果为 <ClassChip value={computed} />
          。调整后清单中显示为“人工调整”，计算结果与划分依据原样保留，审定人可见。
        </p>
        <fieldset className="class-options">
          <legend className="form-field__label">调整为</legend>
          {FARMLAND_CLASSES.map((c) => (
            <label
              key={c}
              className={`class-option${chosen === c ? ' class-option--chosen' : ''}`}
              style={{ '--class-color': classColor(c) } as CSSProperties}
            >
              <input
                type="radio"
                name="override-class"
                value={c}
                checked={chosen === c}
                onChange={() => setChosen(c)}
                data-testid={`class-override-${c}`}
              />
              <span className="class-chip__dot" aria-hidden="true" />
              {className(c)}
            </label>
          ))}
        </fieldset>
        <label className="form-field">
          <span className="form-field__label">调整理由（必填）</span>
          <textarea
            className="text-area"
            rows={4}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value)
              setProblem(null)
            }}
            placeholder="例如：现场核查该图斑已改种非食用作物，补测样品未超标（附核查记录编号）"
            data-testid="class-override-reason"
          />
        </label>
        <FormError message={problem} testId="class-override-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button type="submit" className="primary-button" disabled={isBusy} data-testid="class-override-confirm">
            {isBusy ? '正在保存…' : '确认调整'}
          </button>
        </div>
      </form>
    </Dialog>
  )
}

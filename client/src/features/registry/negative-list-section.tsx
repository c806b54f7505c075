import { useState, type FormEvent } from 'react'
import { errorMessage } from '../../shared/error-message'
import { FormError } from '../../shared/ui/form-error'
import { useJson } from '../../shared/use-json'
import { addNegativeUse, gb50137Path, landUse2023Path, removeNegativeUse } from './registry-api'
import type { NegativeUse, PlotProfile } from '@contracts/registry'

/** Props of {@link NegativeListSection}. */
export interface NegativeListSectionProps {
  plot: PlotProfile
  canEdit: boolean
  onSaved: (message: string) => void
}

/** `GET /api/reference/gb50137`. */
/**
 * 负面清单: the uses forbidden on the plot with their legal basis; the ones that follow from the plot's list are
 * marked 法定 and stay; officers add uses (GB 50137) with a reason and remove their own with a reason.
 */
export function NegativeListSection({ plot, canEdit, onSaved }: NegativeListSectionProps) {
  const [isAdding, setAdding] = useState(false)
  const [removing, setRemoving] = useState<NegativeUse | null>(null)
  const list = plot.negativeList

  return (
    <div className="plot-section" data-testid="plot-negative-list">
      <div className="plot-section__bar">
        <p className="plot-section__lead">
          {list.length === 0
            ? '当前状态下无法定禁止用途；列入污染地块名录或风险管控和修复名录后自动生效。'
            : `禁止的开发利用用途 ${list.length} 项（按 GB 50137-2011 城市用地分类）。`}
        </p>
        {canEdit && !isAdding && (
          <button type="button" className="secondary-button" onClick={() => setAdding(true)} data-testid="negative-add">
            ＋ 增加禁止用途
          </button>
        )}
      </div>
      {isAdding && (
        <NegativeUseForm
          plot={plot}
          onCancel={() => setAdding(false)}
          onSaved={(message) => {
            setAdding(false)
            onSaved(message)
          }}
        />
      )}
      {list.length > 0 && (
        <ul className="negative-list">
          {list.map((use) => (
            <li
              key={use.useCode}
              className="negative-item"
              data-testid="negative-item"
              data-use={use.useCode}
              data-default={use.isDefault ? '1' : '0'}
            >
              <div className="negative-item__head">
                <span className="negative-item__code">{use.useCode === '*' ? '—' : use.useCode}</span>
                <span className="negative-item__name">{use.useName}</span>
                {use.isDefault ? (
                  <span className="chip chip--law" title="依法随名录自动生效，不能删除">
                    法定
                  </span>
                ) : (
                  <span className="chip chip--added">增列</span>
                )}
                {canEdit && !use.isDefault && (
                  <button
                    type="button"
                    className="link-button link-button--danger negative-item__remove"
                    onClick={() => setRemoving(use)}
                    data-testid="negative-remove"
                  >
                    移除
                  </button>
                )}
              </div>
              <p className="negative-item__basis">依据：{use.basis}</p>
              {use.reason && <p className="negative-item__reason">理由：{use.reason}</p>}
              {removing?.useCode === use.useCode && (
                <RemoveForm
                  plot={plot}
                  use={use}
                  onCancel={() => setRemoving(null)}
                  onSaved={(message) => {
                    setRemoving(null)
                    onSaved(message)
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Props of {@link NegativeUseForm}. */
interface NegativeUseFormProps {
  plot: PlotProfile
  onCancel: () => void
  onSaved: (message: string) => void
}

/** 增加禁止用途: a use of GB 50137 or of the 2023 用地用海分类 not yet on the list, and the reason. */
function NegativeUseForm({ plot, onCancel, onSaved }: NegativeUseFormProps) {
  const [system, setSystem] = useState<'gb50137' | 'tdfl2023'>('gb50137')
  const gb50137 = useJson(gb50137Path, 0, 'GB 50137 用地分类加载失败')
  const y2023 = useJson(system === 'tdfl2023' ? landUse2023Path : null, 0, '国土空间用地用海分类加载失败')
  const reference = system === 'gb50137' ? gb50137 : y2023
  const present = new Set(plot.negativeList.map((u) => u.useCode))
  const codes: { code: string; name: string }[] = reference.status === 'done' ? reference.data.codes : []
  const uses = codes.filter((u) => !present.has(u.code))
  const [useCode, setUseCode] = useState('')
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (!useCode) return setFailure('请选择用地类型')
    setBusy(true)
    setFailure(null)
    try {
      await addNegativeUse(plot.id, { version: plot.version, useCode, reason: reason.trim() })
      onSaved(`已将 ${uses.find((u) => u.code === useCode)?.name ?? useCode} 列入负面清单`)
    } catch (error) {
      setFailure(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="plot-subform" onSubmit={(e) => void submit(e)} noValidate data-testid="negative-form">
      <fieldset className="form-field negative-form__systems">
        <legend className="form-field__label">用地分类体系</legend>
        {(
          [
            ['gb50137', 'GB 50137-2011 城市用地分类'],
            ['tdfl2023', '国土空间用地用海分类（2023）'],
          ] as const
        ).map(([key, label]) => (
          <label key={key}>
            <input
              type="radio"
              name="negative-use-system"
              checked={system === key}
              onChange={() => {
                setSystem(key)
                setUseCode('')
              }}
              data-testid={`negative-use-system-${key}`}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <label className="form-field">
        <span className="form-field__label">禁止的用途 *</span>
        <select
          className="text-input"
          value={useCode}
          onChange={(e) => setUseCode(e.target.value)}
          data-testid="negative-use"
        >
          <option value="">{reference.status === 'loading' ? '正在加载…' : '请选择'}</option>
          {uses.map((u) => (
            <option key={u.code} value={u.code}>
              {u.code} {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="form-field">
        <span className="form-field__label">理由 *</span>
        <textarea
          className="text-area"
          rows={2}
          maxLength={500}
          value={reason}
          placeholder="如：地下水污染尚未查清，暂不宜用作物流仓储"
          onChange={(e) => setReason(e.target.value)}
          data-testid="negative-reason"
        />
      </label>
      {reference.status === 'error' && <p className="panel-note panel-note--error">{reference.message}</p>}
      <FormError message={failure} testId="negative-form-error" />
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onCancel}>
          取消
        </button>
        <button type="submit" className="primary-button" disabled={isBusy} data-testid="negative-save">
          {isBusy ? '正在保存…' : '列入负面清单'}
        </button>
      </div>
    </form>
  )
}

/** Props of {@link RemoveForm}. */
interface RemoveFormProps {
  plot: PlotProfile
  use: NegativeUse
  onCancel: () => void
  onSaved: (message: string) => void
}

/** Asks the reason for removing an added use. */
function RemoveForm({ plot, use, onCancel, onSaved }: RemoveFormProps) {
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setFailure(null)
    try {
      await removeNegativeUse(plot.id, use.useCode, { version: plot.version, reason: reason.trim() })
      onSaved(`已将 ${use.useName} 移出负面清单`)
    } catch (error) {
      setFailure(errorMessage(error))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form
      className="plot-subform plot-subform--inline"
      onSubmit={(e) => void submit(e)}
      noValidate
      data-testid="negative-remove-form"
    >
      <label className="form-field">
        <span className="form-field__label">移除理由 *</span>
        <input
          className="text-input"
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="negative-remove-reason"
        />
      </label>
      <FormError message={failure} testId="negative-remove-error" />
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onCancel}>
          取消
        </button>
        <button type="submit" className="danger-button" disabled={isBusy} data-testid="negative-remove-confirm">
          确认移除
        </button>
      </div>
    </form>
  )
}

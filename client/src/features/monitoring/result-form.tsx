import { useState, type FormEvent } from 'react'
import { errorMessage } from '../../shared/error-message'
import { addResult } from './monitoring-api'

const SOIL_KEYS = [
  ['cd', '镉'],
  ['hg', '汞'],
  ['as', '砷'],
  ['pb', '铅'],
  ['cr', '铬'],
  ['cu', '铜'],
  ['ni', '镍'],
  ['zn', '锌'],
] as const
const CROP_KEYS = [
  ['cd', '镉'],
  ['pb', '铅'],
  ['as', '砷'],
  ['hg', '汞'],
  ['cr', '铬'],
] as const

/** Props of {@link ResultForm}. */
export interface ResultFormProps {
  pointId: number
  /** 农产品产地 points offer the crop medium; farmland officers enter crops first. */
  isProducePoint: boolean
  onSaved: (text: string) => void
  onCancel: () => void
}

/**
 * 录入结果: one sampling at the point (soil: pH, organic matter, plough layer and the eight metals; crop: the crop
 * and five contaminants). The server checks ranges, dates and duplicates and answers in Chinese; nothing is
 * checked twice here.
 */
export function ResultForm({ pointId, isProducePoint, onSaved, onCancel }: ResultFormProps) {
  const [medium, setMedium] = useState<'soil' | 'crop'>('soil')
  const [fields, setFields] = useState<Record<string, string>>({ sampledOn: '' })
  const [error, setError] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const set = (name: string) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [name]: e.target.value }))
  const keys = medium === 'soil' ? SOIL_KEYS : CROP_KEYS

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(null)
    const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim())
    const body = {
      sampledOn: fields.sampledOn ?? '',
      medium,
      crop: medium === 'crop' ? blankToNull(fields.crop) : null,
      ...(medium === 'soil'
        ? {
            ph: blankToNull(fields.ph),
            organicMatterGKg: blankToNull(fields.organicMatterGKg),
            ploughDepthCm: blankToNull(fields.ploughDepthCm),
          }
        : {}),
      values: Object.fromEntries(keys.map(([k]) => [k, blankToNull(fields[`v_${k}`])])),
    }
    try {
      await addResult(pointId, body)
      onSaved(`已录入 ${body.sampledOn} 的${medium === 'soil' ? '土壤' : '农产品'}结果`)
    } catch (e) {
      setError(errorMessage(e, '录入失败'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form className="result-form" onSubmit={submit} data-testid="result-form">
      <div className="result-form__grid">
        <label className="form-field">
          <span className="form-field__label">采样日期</span>
          <input
            type="date"
            className="text-input"
            value={fields.sampledOn}
            onChange={set('sampledOn')}
            required
            data-testid="result-date"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">介质</span>
          <select
            className="text-input"
            value={medium}
            onChange={(e) => setMedium(e.target.value as 'soil' | 'crop')}
            data-testid="result-medium"
          >
            <option value="soil">土壤</option>
            {isProducePoint && <option value="crop">农产品</option>}
          </select>
        </label>
        {medium === 'crop' ? (
          <label className="form-field">
            <span className="form-field__label">作物</span>
            <input
              className="text-input"
              value={fields.crop ?? ''}
              onChange={set('crop')}
              placeholder="稻谷、小麦、玉米…"
              data-testid="result-crop"
            />
          </label>
        ) : (
          <>
            <label className="form-field">
              <span className="form-field__label">pH</span>
              <input
                className="text-input"
                inputMode="decimal"
                value={fields.ph ?? ''}
                onChange={set('ph')}
                data-testid="result-ph"
              />
            </label>
            <label className="form-field">
              <span className="form-field__label">有机质（g/kg）</span>
              <input
                className="text-input"
                inputMode="decimal"
                value={fields.organicMatterGKg ?? ''}
                onChange={set('organicMatterGKg')}
              />
            </label>
            <label className="form-field">
              <span className="form-field__label">耕层厚度（cm）</span>
              <input
                className="text-input"
                inputMode="decimal"
                value={fields.ploughDepthCm ?? ''}
                onChange={set('ploughDepthCm')}
              />
            </label>
          </>
        )}
        {keys.map(([k, name]) => (
          <label key={k} className="form-field">
            <span className="form-field__label">{name}（mg/kg）</span>
            <input
              className="text-input"
              inputMode="decimal"
              value={fields[`v_${k}`] ?? ''}
              onChange={set(`v_${k}`)}
              data-testid={`result-${k}`}
            />
          </label>
        ))}
      </div>
      {error && (
        <p className="notice notice--error" role="alert" data-testid="result-error">
          {error}
        </p>
      )}
      <div className="result-form__actions">
        <button type="submit" className="primary-button" disabled={isBusy} data-testid="result-save">
          保存结果
        </button>
        <button type="button" className="secondary-button" onClick={onCancel}>
          取消
        </button>
      </div>
    </form>
  )
}

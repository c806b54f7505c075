import { useState } from 'react'
import type { LedgerAnswer, LedgerRow } from '@contracts/safe-use-ledger'
import { Dialog } from '../../shared/ui/dialog'
import { errorMessage } from '../../shared/error-message'
import { addLedgerRow, editLedgerRow } from './safe-use-ledger-api'

/** Props of {@link LedgerRowDialog}. */
export interface LedgerRowDialogProps {
  ledger: LedgerAnswer
  /** The row edited; null adds a parcel. */
  row: LedgerRow | null
  onClose: () => void
  onSaved: () => void
}

const DEGREES = [
  { value: 'slight', label: '轻微' },
  { value: 'mild_moderate', label: '轻中度' },
  { value: 'severe', label: '重度' },
] as const

const BUCKETS = [
  { value: 'priority', label: '优先保护类措施' },
  { value: 'safe_use', label: '安全利用类措施' },
  { value: 'strict', label: '严格管控类措施' },
] as const

/** 新增 or 编辑 one parcel of the ledger: degree (with a reason when it differs from the published class), measures, area, dates, who, produce. */
export function LedgerRowDialog({ ledger, row, onClose, onSaved }: LedgerRowDialogProps) {
  const [parcelCode, setParcelCode] = useState('')
  const [degree, setDegree] = useState<string>(row ? row.degree : '')
  const [degreeReason, setDegreeReason] = useState(row?.degreeReason ?? '')
  const [measures, setMeasures] = useState<string[]>(row ? row.measures.map((m) => m.name) : [])
  const [areaMu, setAreaMu] = useState(row ? String(row.areaMu) : '')
  const [implementer, setImplementer] = useState(row?.implementer ?? '')
  const [from, setFrom] = useState(row?.implementedFrom ?? '')
  const [to, setTo] = useState(row?.implementedTo ?? '')
  const [produce, setProduce] = useState<string>(
    row ? (row.produceSource === 'monitoring' ? 'monitoring' : row.produce) : 'monitoring',
  )
  const [note, setNote] = useState(row?.note ?? '')
  const [error, setError] = useState<string | null>(null)
  const [isSaving, setSaving] = useState(false)

  const toggle = (name: string) =>
    setMeasures((list) => (list.includes(name) ? list.filter((m) => m !== name) : [...list, name]))

  const save = async () => {
    setSaving(true)
    setError(null)
    const fields = {
      degree: (degree || null) as LedgerRow['degree'] | null,
      degreeReason: degreeReason.trim() || null,
      measures,
      areaMu: areaMu.trim() ? Number(areaMu) : null,
      implementer: implementer.trim() || null,
      implementedFrom: from || null,
      implementedTo: to || null,
      produce: produce as 'met' | 'exceeded' | 'none' | 'monitoring',
      note: note.trim() || null,
    }
    try {
      if (row) await editLedgerRow(row.id, { ...fields, version: row.version })
      else await addLedgerRow({ ...fields, adcode: ledger.adcode, year: ledger.year, parcelCode: parcelCode.trim() })
      onSaved()
    } catch (e) {
      setError(errorMessage(e, '保存失败'))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Dialog
      title={row ? `编辑图斑 ${row.parcelCode}` : '新增台账图斑'}
      onClose={onClose}
      testId="ledger-row-dialog"
      isWide
    >
      <div className="dialog__body ledger-form">
        {!row && (
          <label className="form-field">
            <span className="form-field__label">图斑编号</span>
            <input
              className="text-input"
              value={parcelCode}
              onChange={(e) => setParcelCode(e.target.value)}
              data-testid="ledger-parcel-code"
            />
          </label>
        )}
        {row && (
          <p className="panel-note">
            公布的类别：{row.publishedClassName}
            {row.classDegree ? `（按公布类别为${DEGREES.find((d) => d.value === row.classDegree)?.label}污染）` : ''}
          </p>
        )}
        <label className="form-field">
          <span className="form-field__label">污染程度</span>
          <select
            className="basemap-select"
            value={degree}
            onChange={(e) => setDegree(e.target.value)}
            data-testid="ledger-degree"
          >
            <option value="">按公布的类别</option>
            {DEGREES.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span className="form-field__label">污染程度调整理由（与公布的类别不一致时必填）</span>
          <input className="text-input" value={degreeReason} onChange={(e) => setDegreeReason(e.target.value)} />
        </label>
        <fieldset className="ledger-measures">
          <legend>措施</legend>
          {BUCKETS.map((b) => (
            <div key={b.value} className="ledger-measures__group">
              <span className="ledger-measures__bucket">{b.label}</span>
              {ledger.vocabulary
                .filter((m) => m.bucket === b.value)
                .map((m) => (
                  <label key={m.name} className="ledger-measures__item">
                    <input type="checkbox" checked={measures.includes(m.name)} onChange={() => toggle(m.name)} />
                    {m.name}
                  </label>
                ))}
            </div>
          ))}
        </fieldset>
        <div className="ledger-form__row">
          <label className="form-field">
            <span className="form-field__label">面积（亩，留空按图斑面积）</span>
            <input
              className="text-input"
              inputMode="decimal"
              value={areaMu}
              onChange={(e) => setAreaMu(e.target.value)}
            />
          </label>
          <label className="form-field">
            <span className="form-field__label">实施主体</span>
            <input className="text-input" value={implementer} onChange={(e) => setImplementer(e.target.value)} />
          </label>
        </div>
        <div className="ledger-form__row">
          <label className="form-field">
            <span className="form-field__label">实施开始日期</span>
            <input className="text-input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="form-field">
            <span className="form-field__label">实施结束日期</span>
            <input className="text-input" type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
        </div>
        <label className="form-field">
          <span className="form-field__label">农产品是否达标（GB 2762）</span>
          <select className="basemap-select" value={produce} onChange={(e) => setProduce(e.target.value)}>
            <option value="monitoring">按图斑内及 {ledger.produceNearM} 米内农产品产地点位的监测结果</option>
            <option value="met">达标</option>
            <option value="exceeded">超标</option>
            <option value="none">未监测</option>
          </select>
        </label>
        <label className="form-field">
          <span className="form-field__label">备注</span>
          <input className="text-input" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {error && (
          <p className="notice notice--error" role="alert" data-testid="ledger-row-error">
            {error}
          </p>
        )}
        <div className="ledger-form__actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button
            type="button"
            className="primary-button"
            disabled={isSaving}
            onClick={() => void save()}
            data-testid="ledger-row-save"
          >
            {isSaving ? '正在保存…' : '保存'}
          </button>
        </div>
      </div>
    </Dialog>
  )
}

import { useState, type FormEvent } from 'react'
import type { ParcelAttributes, ParcelCodes } from '@contracts/editing'
import { FormError } from '../../shared/ui/form-error'
import { landCodeGroups } from './land-code-groups'
import { formatMuHa } from './parcel-geometry'

/** Props of {@link AttributeForm}. */
export interface AttributeFormProps {
  title: string
  codes: ParcelCodes | null
  initial: Partial<ParcelAttributes>
  /** Area of the parcel's current geometry, m². */
  areaM2: number | null
  onSubmit: (attributes: ParcelAttributes) => void
  onCancel: () => void
}

type Draft = Record<keyof ParcelAttributes, string>

const FIELDS: (keyof ParcelAttributes)[] = [
  'dlbm',
  'townshipCode',
  'qsxz',
  'qsdwmc',
  'zldwmc',
  'kcxs',
  'gdpdjb',
  'zzsxdm',
  'bz',
]

function toDraft(initial: Partial<ParcelAttributes>): Draft {
  return Object.fromEntries(
    FIELDS.map((f) => [f, initial[f] === null || initial[f] === undefined ? '' : String(initial[f])]),
  ) as Draft
}

function Required() {
  return (
    <span className="edit-required" aria-hidden="true">
      *
    </span>
  )
}

/** 图斑属性: the 三调 fields of a new or edited parcel; 地类编码 is required, the others optional. */
export function AttributeForm({ title, codes, initial, areaM2, onSubmit, onCancel }: AttributeFormProps) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(initial))
  const [failure, setFailure] = useState<string | null>(null)
  const set = (field: keyof ParcelAttributes) => (event: { target: { value: string } }) => {
    setDraft((d) => ({ ...d, [field]: event.target.value }))
    setFailure(null)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!draft.dlbm) return setFailure('请选择地类编码（DLBM）')
    const kcxs = draft.kcxs.trim() === '' ? null : Number(draft.kcxs)
    if (kcxs !== null && (!Number.isFinite(kcxs) || kcxs < 0 || kcxs >= 1))
      return setFailure('扣除地类系数应在 0 到 1 之间（不含 1），例如 0.08')
    const text = (value: string) => (value.trim() === '' ? null : value.trim())
    onSubmit({
      dlbm: draft.dlbm,
      ...(draft.townshipCode ? { townshipCode: draft.townshipCode } : {}),
      qsxz: text(draft.qsxz),
      qsdwmc: text(draft.qsdwmc),
      zldwmc: text(draft.zldwmc),
      kcxs,
      gdpdjb: text(draft.gdpdjb),
      zzsxdm: text(draft.zzsxdm),
      bz: text(draft.bz),
    })
  }

  return (
    <form className="edit-card" onSubmit={submit} noValidate data-testid="attr-form" aria-label={title}>
      <h3 className="edit-card__title">{title}</h3>
      {areaM2 !== null && <p className="panel-note">面积 {formatMuHa(areaM2)}（提交后以服务器计算为准）</p>}
      <label className="form-field">
        <span className="form-field__label">
          地类编码（DLBM）
          <Required />
        </span>
        <select
          className="text-input"
          value={draft.dlbm}
          onChange={set('dlbm')}
          required
          data-testid="attr-dlbm"
          autoFocus
        >
          <option value="">请选择三调地类</option>
          {codes &&
            landCodeGroups(codes.dlbm).map(([group, items]) => (
              <optgroup key={group} label={group}>
                {items.map((item) => (
                  <option key={item.code} value={item.code}>
                    {item.code} {item.name}
                  </option>
                ))}
              </optgroup>
            ))}
        </select>
      </label>
      <div className="edit-form-grid">
        <label className="form-field">
          <span className="form-field__label">权属性质</span>
          <select className="text-input" value={draft.qsxz} onChange={set('qsxz')} data-testid="attr-qsxz">
            <option value="">（未填）</option>
            {codes?.qsxz.map((item) => (
              <option key={item.code} value={item.code}>
                {item.code} {item.name}
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span className="form-field__label">耕地坡度级别</span>
          <select className="text-input" value={draft.gdpdjb} onChange={set('gdpdjb')} data-testid="attr-gdpdjb">
            <option value="">（未填）</option>
            {codes?.gdpdjb.map((item) => (
              <option key={item.code} value={item.code}>
                {item.code} 级（{item.name}）
              </option>
            ))}
          </select>
        </label>
        <label className="form-field">
          <span className="form-field__label">权属单位名称</span>
          <input
            className="text-input"
            value={draft.qsdwmc}
            maxLength={60}
            onChange={set('qsdwmc')}
            data-testid="attr-qsdwmc"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">坐落单位名称</span>
          <input
            className="text-input"
            value={draft.zldwmc}
            maxLength={60}
            onChange={set('zldwmc')}
            data-testid="attr-zldwmc"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">扣除地类系数</span>
          <input
            className="text-input"
            value={draft.kcxs}
            inputMode="decimal"
            placeholder="如 0.08"
            onChange={set('kcxs')}
            data-testid="attr-kcxs"
          />
        </label>
        <label className="form-field">
          <span className="form-field__label">种植属性</span>
          <select className="text-input" value={draft.zzsxdm} onChange={set('zzsxdm')} data-testid="attr-zzsxdm">
            <option value="">（未填）</option>
            {codes?.zzsxdm.map((item) => (
              <option key={item.code} value={item.code}>
                {item.code} {item.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="form-field">
        <span className="form-field__label">备注</span>
        <textarea
          className="text-area"
          rows={2}
          maxLength={254}
          value={draft.bz}
          onChange={set('bz')}
          data-testid="attr-bz"
        />
      </label>
      <p className="panel-note">
        <Required /> 为必填项。所属乡镇按图斑位置自动确定。
      </p>
      <FormError message={failure} testId="attr-error" />
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onCancel} data-testid="attr-cancel">
          取消
        </button>
        <button type="submit" className="primary-button" data-testid="attr-submit">
          确定
        </button>
      </div>
    </form>
  )
}

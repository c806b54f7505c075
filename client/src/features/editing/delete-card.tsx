import type { ParcelFeature } from '@contracts/editing'
import { formatMuHa } from './parcel-geometry'

/** Props of {@link DeleteCard}. */
export interface DeleteCardProps {
  parcel: ParcelFeature
  onConfirm: () => void
  onCancel: () => void
}

/** Asks before a parcel is marked for deletion (saved with the other changes; restorable from its history). */
export function DeleteCard({ parcel, onConfirm, onCancel }: DeleteCardProps) {
  const p = parcel.properties
  return (
    <section
      className="edit-card edit-card--danger"
      role="alertdialog"
      aria-labelledby="delete-title"
      data-testid="delete-dialog"
    >
      <h3 className="edit-card__title" id="delete-title">
        删除图斑 {p.code}？
      </h3>
      <p className="panel-note">
        {p.dlbm} {p.dlmc}，{formatMuHa(p.areaM2)}
        {p.townshipName ? `，${p.townshipName}` : ''}
        。删除随其他修改一起保存，保存后仍可在“最近删除的图斑”中查看历史并恢复。
      </p>
      <div className="form-actions">
        <button type="button" className="secondary-button" onClick={onCancel} data-testid="delete-cancel">
          取消
        </button>
        <button type="button" className="danger-button" onClick={onConfirm} data-testid="delete-confirm">
          加入待删除
        </button>
      </div>
    </section>
  )
}

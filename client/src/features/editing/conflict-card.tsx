import type { ParcelFeature } from '@contracts/editing'
import { formatDateTime } from '../../shared/format'
import type { PendingItem } from './edit-session'
import { formatMuHa } from './parcel-geometry'
import type { ConflictState } from './use-parcel-editor'

/** Props of {@link ConflictCard}. */
export interface ConflictCardProps {
  state: ConflictState
  mine: PendingItem | undefined
  onReload: () => void
  onRedo: () => void
}

function row(label: string, version: string, area: string, dlbm: string, testId: string) {
  return (
    <tr data-testid={testId}>
      <th scope="row">{label}</th>
      <td>{version}</td>
      <td>{area}</td>
      <td>{dlbm}</td>
    </tr>
  )
}

function currentRow(current: ParcelFeature | null) {
  if (!current) return row('当前版本（橙线外）', '已删除', '—', '—', 'conflict-current')
  const p = current.properties
  return row(
    '当前版本（蓝色实线）',
    `第 ${p.version} 版`,
    formatMuHa(p.areaM2),
    `${p.dlbm} ${p.dlmc}`,
    'conflict-current',
  )
}

/**
 * 保存冲突: another officer saved the parcel first. Both versions are drawn on the map (mine dashed orange,
 * the current one solid blue) and compared here; the officer reloads or redoes the edit on the current version.
 */
export function ConflictCard({ state, mine, onReload, onRedo }: ConflictCardProps) {
  const { conflict } = state
  const dlbm = mine?.change?.op === 'update' ? mine.change.attributes?.dlbm : undefined
  return (
    <section
      className="edit-card edit-card--conflict"
      role="alertdialog"
      aria-labelledby="conflict-title"
      data-testid="edit-conflict"
    >
      <h3 className="edit-card__title" id="conflict-title">
        保存冲突：图斑 {conflict.code}
      </h3>
      <p className="edit-conflict__message" data-testid="conflict-message">
        {state.message}
      </p>
      <p className="panel-note">
        {conflict.changedByName}（{conflict.changedBy}）于 {formatDateTime(conflict.changedAt)}{' '}
        保存了新版本，您的修改尚未保存。
      </p>
      <table className="edit-table">
        <thead>
          <tr>
            <th scope="col">版本</th>
            <th scope="col">版本号</th>
            <th scope="col">面积</th>
            <th scope="col">地类</th>
          </tr>
        </thead>
        <tbody>
          {row(
            '我的修改（橙色虚线）',
            `基于第 ${conflict.yourVersion} 版`,
            mine ? formatMuHa(mine.areaM2) : '—',
            dlbm ?? '未改',
            'conflict-mine',
          )}
          {currentRow(conflict.current)}
        </tbody>
      </table>
      <div className="form-actions form-actions--stack">
        <button type="button" className="secondary-button" onClick={onReload} data-testid="conflict-reload">
          重新加载（放弃我的修改，载入当前版本）
        </button>
        {conflict.current && (
          <button type="button" className="primary-button" onClick={onRedo} data-testid="conflict-redo">
            在最新版本上重做（我的修改保留为参考轮廓）
          </button>
        )}
      </div>
    </section>
  )
}

import { useState } from 'react'
import type { RestoredParcel, RetiredParcel } from '@contracts/land-update'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue, formatDateTime } from '../../shared/format'
import { Dialog } from '../../shared/ui/dialog'
import { FormError } from '../../shared/ui/form-error'
import { useJson } from '../../shared/use-json'
import { restoreRetiredParcel, retiredParcelsPath } from './land-update-api'
import './land-update.css'

/** The import whose annual update retired the parcel: its file and number (the full sentence as the title). */
function retiredReason(parcel: RetiredParcel): { short: string; full: string } {
  if (parcel.importId === null)
    return { short: '导入记录已删除', full: '年度变更调查的新年度图层中已无此图斑（该次导入记录已删除）' }
  const file = parcel.fileName ?? '新年度图层'
  return {
    short: `${file}（第 ${parcel.importId} 次导入）`,
    full: `第 ${parcel.importId} 次导入（${file}）的年度变更调查中，新年度图层已无此图斑`,
  }
}

const landType = (parcel: RetiredParcel) => [parcel.dlbm, parcel.dlmc].filter(Boolean).join(' ') || '—'

/** The confirmation of a restore: what comes back, and why the server may refuse. */
function RestoreDialog({
  parcel,
  onClose,
  onRestored,
}: {
  parcel: RetiredParcel
  onClose: () => void
  onRestored: (answer: RestoredParcel) => void
}) {
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)
  const restore = async () => {
    setBusy(true)
    setFailure(null)
    try {
      onRestored(await restoreRetiredParcel(parcel.id))
    } catch (error) {
      setFailure(errorMessage(error, '恢复失败，请稍后重试'))
      setBusy(false)
    }
  }
  return (
    <Dialog title={`恢复耕地图斑 ${parcel.code}`} onClose={onClose} testId="retired-restore-dialog">
      <div className="dialog__body">
        <p>
          图斑 <strong>{parcel.code}</strong>（{landType(parcel)}，{formatAreaValue(parcel.areaMu)} 亩
          {parcel.townshipName ? `，${parcel.townshipName}` : ''}）将按退出前的样子回到耕地图斑图层：
        </p>
        <ul className="retired-parcels__effects">
          <li>保留原编号、地类、边界和退出前的类别“{parcel.className}”，作为该图斑的新版本（版本号加一）；</li>
          <li>
            {parcel.classListEntries > 0
              ? `随图斑保存的 ${parcel.classListEntries} 条分类清单记录一并恢复（所属清单已删除的除外）；`
              : '该图斑退出时没有分类清单记录；'}
          </li>
          <li>变更历史中记一条“恢复”，地图、统计和搜索重新包含该图斑。</li>
        </ul>
        <p className="panel-note">
          恢复不改动三调图层：下次年度变更调查的新图层中若仍没有这个图斑，它会再次列为退出。如编号已被其他图斑使用、与现有耕地图斑重叠或所在乡镇已不存在，系统不予恢复并说明原因。
        </p>
        <FormError message={failure} testId="retired-restore-error" />
        <div className="form-actions">
          <button type="button" className="secondary-button" onClick={onClose}>
            取消
          </button>
          <button
            type="button"
            className="primary-button"
            disabled={isBusy}
            onClick={() => void restore()}
            data-testid="retired-restore-confirm"
          >
            {isBusy ? '正在恢复…' : '确认恢复'}
          </button>
        </div>
      </div>
    </Dialog>
  )
}

/**
 * 已退出的图斑 of the chosen county: the parcels annual updates took off the map, each with 恢复 (after a
 * confirmation). A restore moves the parcel layer's version, so the map and this list load again.
 */
export function RetiredParcels({ adcode }: { adcode: string }) {
  const [isOpen, setOpen] = useState(false)
  const state = useJson(
    isOpen && adcode ? retiredParcelsPath(adcode) : null,
    useLayerVersion('parcels'),
    '已退出的图斑加载失败',
  )
  const dataChanged = useDataChanged()
  const [chosen, setChosen] = useState<RetiredParcel | null>(null)
  const [restoredIds, setRestoredIds] = useState<number[]>([])
  const [notice, setNotice] = useState<string | null>(null)
  const parcels = state.status === 'done' ? state.data.parcels.filter((p) => !restoredIds.includes(p.id)) : []

  const restored = (answer: RestoredParcel) => {
    setChosen(null)
    setRestoredIds((ids) => [...ids, answer.id])
    setNotice(
      `已恢复耕地图斑 ${answer.code}${answer.classListEntries > 0 ? `，分类清单记录 ${answer.classListEntries} 条` : ''}。`,
    )
    dataChanged('parcels', 'classLists')
  }

  return (
    <details
      className="retired-parcels"
      data-testid="land-update-retired"
      onToggle={(e) => {
        setOpen(e.currentTarget.open)
        setNotice(null)
      }}
    >
      <summary>已退出的图斑</summary>
      <p className="land-update__muted">
        年度变更调查中新年度三调图层已没有的耕地图斑，退出地图后连同分类清单记录保存在这里，可逐个恢复。
      </p>
      {notice && (
        <p className="notice notice--ok" role="status" data-testid="retired-restored">
          {notice}
        </p>
      )}
      {state.status === 'loading' && <p className="land-update__muted">正在加载…</p>}
      {state.status === 'error' && (
        <p className="notice notice--error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'done' && parcels.length === 0 && (
        <p className="land-update__muted" data-testid="retired-empty">
          本区县没有退出的图斑
        </p>
      )}
      {parcels.length > 0 && (
        <div className="retired-parcels__scroll">
          <table className="land-update__table" data-testid="retired-table">
            <thead>
              <tr>
                <th>图斑编号</th>
                <th>地类</th>
                <th>面积（亩）</th>
                <th>原分类</th>
                <th>退出时间</th>
                <th>退出原因</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {parcels.map((p) => (
                <tr key={p.id} data-code={p.code}>
                  <td>{p.code}</td>
                  <td>{landType(p)}</td>
                  <td>{formatAreaValue(p.areaMu)}</td>
                  <td className="retired-parcels__nowrap">{p.className}</td>
                  <td className="retired-parcels__when">{formatDateTime(p.retiredAt).replace(' ', '\n')}</td>
                  <td title={retiredReason(p).full}>{retiredReason(p).short}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary-button retired-parcels__restore"
                      onClick={() => {
                        setNotice(null)
                        setChosen(p)
                      }}
                    >
                      恢复
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {chosen && <RestoreDialog parcel={chosen} onClose={() => setChosen(null)} onRestored={restored} />}
    </details>
  )
}

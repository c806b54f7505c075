import { useState } from 'react'
import type { MapClient } from '../../map/map-client'
import { useLayerVersion } from '../../shared/data-versions'
import { formatDateTime } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { deletedParcelsPath } from './editing-api'
import { ParcelHistory } from './parcel-history'

const ACTION_NAME = { delete: '删除', split: '分割', merge: '合并' } as const

/** Props of {@link DeletedParcels}. */
export interface DeletedParcelsProps {
  adcode: string
  client: MapClient | null
  onRestored: (message: string) => void
}

/** 最近删除的图斑: parcels removed by deletion, split or merge, each with its history (to view and restore a version). */
export function DeletedParcels({ adcode, client, onRestored }: DeletedParcelsProps) {
  const state = useJson(deletedParcelsPath(adcode), useLayerVersion('parcels'), '最近删除的图斑加载失败')
  const [open, setOpen] = useState<number | null>(null)
  return (
    <section className="edit-card" data-testid="deleted-parcels" aria-labelledby="deleted-title">
      <h3 className="edit-card__title" id="deleted-title">
        最近删除的图斑
      </h3>
      {state.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {state.status === 'error' && <p className="panel-note panel-note--error">{state.message}</p>}
      {state.status === 'done' && state.data.items.length === 0 && <p className="panel-note">暂无</p>}
      {state.status === 'done' && state.data.items.length > 0 && (
        <ul className="deleted-list">
          {state.data.items.map((item) => (
            <li key={item.id} className="deleted-item" data-testid="deleted-item" data-code={item.code}>
              <div className="deleted-item__head">
                <span className="pending-item__code">{item.code}</span>
                <span className={`pending-op pending-op--${item.action}`}>{ACTION_NAME[item.action]}</span>
              </div>
              <div className="panel-note">
                {item.deletedByName} · {formatDateTime(item.deletedAt)}
                {item.reason ? ` · ${item.reason}` : ''}
              </div>
              <button
                type="button"
                className="link-button"
                onClick={() => setOpen(open === item.id ? null : item.id)}
                data-testid="deleted-history"
              >
                {open === item.id ? '收起历史' : '查看历史 / 恢复'}
              </button>
              {open === item.id && (
                <ParcelHistory parcelId={item.id} client={client} canRestore onRestored={onRestored} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

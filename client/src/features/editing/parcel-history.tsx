import { useState, type FormEvent } from 'react'
import type { MultiPolygon } from 'geojson'
import type { MapClient } from '../../map/map-client'
import { ApiError } from '../../shared/api-client'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import type { ParcelHistoryEntry, ParcelSnapshot } from '@contracts/editing'
import { formatDateTime } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { FormError } from '../../shared/ui/form-error'
import { fetchParcel, parcelHistoryPath, restoreParcel } from './editing-api'
import { bboxOf, formatMuHa, overlay } from './parcel-geometry'
import './editing.css'

/** Props of {@link ParcelHistory}. */
export interface ParcelHistoryProps {
  parcelId: number
  client: MapClient | null
  /** The user may restore a version (role farmland). */
  canRestore: boolean
  /** Called after a restore was saved (the parcels and class lists are told already), with the message to show. */
  onRestored?: (message: string) => void
}

function isSnapshot(value: unknown): value is ParcelSnapshot {
  return typeof value === 'object' && value !== null && 'geometry' in value && 'code' in value
}

/** The version an entry shows and restores: its result when that is a parcel, else what was before. */
export function versionOf(entry: ParcelHistoryEntry): ParcelSnapshot | null {
  if (isSnapshot(entry.after)) return entry.after
  return isSnapshot(entry.before) ? entry.before : null
}

function describe(entry: ParcelHistoryEntry): string | null {
  const after = entry.after as Record<string, unknown> | null
  if (entry.action === 'split' && Array.isArray(after?.childCodes))
    return `分割为 ${(after.childCodes as string[]).join('、')}`
  if (entry.action === 'merge' && Array.isArray(after?.childCodes))
    return `合并为 ${(after.childCodes as string[]).join('、')}`
  const snapshot = versionOf(entry)
  if (!snapshot) return null
  const parts = [
    snapshot.version ? `第 ${snapshot.version} 版` : null,
    snapshot.dlbm ? `${snapshot.dlbm}${snapshot.dlmc ? ` ${snapshot.dlmc}` : ''}` : null,
    typeof snapshot.areaM2 === 'number' ? formatMuHa(snapshot.areaM2) : null,
    snapshot.parentCodes?.length ? `来自 ${snapshot.parentCodes.join('、')}` : null,
  ]
  return parts.filter(Boolean).join('，')
}

/** 变更历史 of a parcel: who changed what, when and why; each version can be drawn on the map and restored. */
export function ParcelHistory({ parcelId, client, canRestore, onRestored }: ParcelHistoryProps) {
  const dataChanged = useDataChanged()
  const state = useJson(parcelHistoryPath(parcelId), useLayerVersion('parcels'), '变更历史加载失败')
  const [shown, setShown] = useState<number | null>(null)
  const [restoring, setRestoring] = useState<number | null>(null)
  const [reason, setReason] = useState('')
  const [failure, setFailure] = useState<string | null>(null)
  const [isBusy, setBusy] = useState(false)

  const show = (entry: ParcelHistoryEntry) => {
    const snapshot = versionOf(entry)
    if (!client || !snapshot?.geometry) return
    if (shown === entry.id) {
      client.setOverlay('history', null)
      return setShown(null)
    }
    const geometry: MultiPolygon = snapshot.geometry
    client.setOverlay('history', overlay([{ geometry, kind: 'version' }]))
    client.fitBbox(bboxOf(geometry), {
      maxZoom: 17,
      animate: true,
      padding: { top: 60, left: 60, right: 400, bottom: 60 },
    })
    setShown(entry.id)
  }

  const restore = async (event: FormEvent, entry: ParcelHistoryEntry) => {
    event.preventDefault()
    if (!reason.trim()) return setFailure('请填写恢复原因')
    setBusy(true)
    setFailure(null)
    try {
      let version: number | undefined
      try {
        version = (await fetchParcel(parcelId)).properties.version
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'NOT_FOUND')) throw error
      }
      const result = await restoreParcel(parcelId, entry.id, reason.trim(), version)
      setRestoring(null)
      setReason('')
      client?.setOverlay('history', null)
      setShown(null)
      dataChanged('parcels', 'classLists')
      onRestored?.(`图斑 ${result.code} 已恢复（第 ${result.version} 版）`)
    } catch (error) {
      setFailure(errorMessage(error, '恢复失败'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      className="history parcel-history"
      aria-labelledby={`parcel-history-${parcelId}`}
      data-testid="parcel-history"
    >
      <h3 id={`parcel-history-${parcelId}`} className="history__title">
        变更历史
        {state.status === 'done' && <span className="history__count">{state.data.entries.length} 条</span>}
      </h3>
      {state.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {state.status === 'error' && (
        <p className="panel-note panel-note--error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'done' && state.data.entries.length === 0 && (
        <p className="panel-note">暂无变更记录（原始调查图斑）</p>
      )}
      {state.status === 'done' && state.data.entries.length > 0 && (
        <ol className="history__list">
          {state.data.entries.map((entry) => {
            const snapshot = versionOf(entry)
            const text = describe(entry)
            return (
              <li
                key={entry.id}
                className={`history__entry history__entry--${entry.action}`}
                data-testid="parcel-history-entry"
                data-action={entry.action}
              >
                <div className="history__head">
                  <span className="history__action">{entry.actionName}</span>
                  <time className="history__time" dateTime={entry.changedAt}>
                    {formatDateTime(entry.changedAt)}
                  </time>
                </div>
                <div className="history__actor">
                  {entry.actorName}
                  {entry.actorName !== entry.actor && <span className="history__username">（{entry.actor}）</span>}
                </div>
                {text && <div className="history__change">{text}</div>}
                {entry.reason && <div className="history__reason">原因：{entry.reason}</div>}
                {snapshot?.geometry && (
                  <div className="history__actions">
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => show(entry)}
                      data-testid="history-view"
                    >
                      {shown === entry.id ? '隐藏' : '在地图上查看'}
                    </button>
                    {canRestore && (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          setRestoring(restoring === entry.id ? null : entry.id)
                          setFailure(null)
                        }}
                        data-testid="history-restore"
                      >
                        恢复到此版本
                      </button>
                    )}
                  </div>
                )}
                {restoring === entry.id && (
                  <form className="history__restore" onSubmit={(e) => void restore(e, entry)} noValidate>
                    <label className="form-field">
                      <span className="form-field__label">
                        恢复原因<span className="edit-required">*</span>
                      </span>
                      <textarea
                        className="text-area"
                        rows={2}
                        maxLength={500}
                        value={reason}
                        onChange={(e) => setReason(e.target.value)}
                        data-testid="restore-reason"
                      />
                    </label>
                    <FormError message={failure} testId="restore-error" />
                    <div className="form-actions">
                      <button type="button" className="secondary-button" onClick={() => setRestoring(null)}>
                        取消
                      </button>
                      <button type="submit" className="primary-button" disabled={isBusy} data-testid="restore-confirm">
                        {isBusy ? '正在恢复…' : '确认恢复'}
                      </button>
                    </div>
                  </form>
                )}
              </li>
            )
          })}
        </ol>
      )}
    </section>
  )
}

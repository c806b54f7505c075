import type { MapClient } from '../../map/map-client'
import type { ScopeCounty } from '../../shared/api-types'
import type { ParcelProblem } from '@contracts/editing'
import { useJson } from '../../shared/use-json'
import { AttributeForm } from './attribute-form'
import { ConflictCard } from './conflict-card'
import { DeleteCard } from './delete-card'
import { DeletedParcels } from './deleted-parcels'
import { parcelCodesPath } from './editing-api'
import type { PendingItem } from './edit-session'
import { MergeCard } from './merge-card'
import { bboxOf } from './parcel-geometry'
import { PendingList } from './pending-list'
import { SplitCard } from './split-card'
import { MIN_EDIT_ZOOM, type ParcelEditor } from './use-parcel-editor'
import { useMerge, useSplit } from './use-split-merge'
import './editing.css'

/** Props of {@link EditPanel}. */
export interface EditPanelProps {
  editor: ParcelEditor
  client: MapClient | null
  counties: ScopeCounty[]
}

/** Moves the map to a pending change or one of its problems. */
function locate(client: MapClient | null, item: PendingItem, problem?: ParcelProblem) {
  if (!client) return
  const target =
    problem?.geometry ?? (problem?.location ? { type: 'Point' as const, coordinates: problem.location } : item.geometry)
  if (!target) return
  const [w, s, e, n] = bboxOf(target)
  const pad = 0.0004
  client.fitBbox([w - pad, s - pad, e + pad, n + pad], { maxZoom: 18, animate: true })
}

/** The 图斑编辑 tab: the form or step of the active tool, 待保存的修改, and 最近删除的图斑. */
export function EditPanel({ editor, client, counties }: EditPanelProps) {
  const codes = useJson(parcelCodesPath, 0, '代码表加载失败')
  const split = useSplit(editor)
  const merge = useMerge(editor)
  const target = editor.attributeTarget
  const targetItem =
    target &&
    editor.items.find((i) => (target.kind === 'draft' ? i.storeId === target.storeId : i.parcelId === target.parcelId))
  const targetParcel =
    target?.kind === 'parcel' ? editor.session.parcels.find((p) => p.feature.id === target.parcelId) : undefined
  const targetDraft =
    target?.kind === 'draft' ? editor.session.drafts.find((d) => d.storeId === target.storeId) : undefined
  const conflictItem = editor.conflict
    ? editor.items.find((i) => i.parcelId === editor.conflict!.conflict.id)
    : undefined

  return (
    <div className="edit-panel" data-testid="edit-panel">
      <header className="edit-panel__intro">
        <h2 className="panel-section__title">图斑编辑</h2>
        {!editor.isZoomOk && <p className="panel-note">请放大到 {MIN_EDIT_ZOOM} 级以上再编辑图斑。</p>}
        {codes.status === 'error' && <p className="panel-note panel-note--error">{codes.message}</p>}
        {editor.isLoading && <p className="panel-note">正在加载图斑…</p>}
      </header>
      {editor.message && (
        <p
          className={`notice notice--${editor.message.kind}`}
          role={editor.message.kind === 'error' ? 'alert' : 'status'}
          data-testid="edit-message"
        >
          {editor.message.text}
          <button type="button" className="notice__close" aria-label="关闭" onClick={editor.clearMessage}>
            ×
          </button>
        </p>
      )}
      {editor.conflict && (
        <ConflictCard
          state={editor.conflict}
          mine={conflictItem}
          onReload={() => void editor.reloadConflict()}
          onRedo={editor.redoOnCurrent}
        />
      )}
      {target && (
        <AttributeForm
          key={target.kind === 'draft' ? `d-${target.storeId}` : `p-${target.parcelId}`}
          title={target.kind === 'draft' ? '新图斑属性' : `图斑 ${targetParcel?.feature.properties.code ?? ''} 属性`}
          codes={codes.status === 'done' ? codes.data : null}
          initial={
            targetDraft?.attributes ?? {
              ...(targetParcel?.feature.properties ?? {}),
              ...(targetParcel?.attributes ?? {}),
            }
          }
          areaM2={targetItem?.areaM2 ?? targetParcel?.feature.properties.areaM2 ?? null}
          onSubmit={(attributes) => editor.setAttributes(target, attributes)}
          onCancel={editor.closeAttributes}
        />
      )}
      {editor.deleteTarget && (
        <DeleteCard parcel={editor.deleteTarget} onConfirm={editor.confirmDelete} onCancel={editor.cancelDelete} />
      )}
      {editor.tool === 'split' && <SplitCard key={split.parcel?.id ?? 'none'} split={split} />}
      {editor.tool === 'merge' && <MergeCard merge={merge} />}
      <PendingList
        items={editor.items}
        check={editor.check}
        problemsByKey={editor.problemsByKey}
        isSaving={editor.isSaving}
        hasOpenParcels={editor.session.parcels.length > 0 || editor.session.drafts.length > 0}
        onLocate={(item, problem) => locate(client, item, problem)}
        onAttributes={(item) =>
          editor.openAttributes(
            item.storeId !== null
              ? { kind: 'draft', storeId: item.storeId }
              : { kind: 'parcel', parcelId: item.parcelId! },
          )
        }
        onDiscard={editor.discardItem}
        onDiscardAll={editor.discardAll}
        onSave={(reason) => void editor.save(reason)}
      />
      {counties.map((county) => (
        <DeletedParcels
          key={county.adcode}
          adcode={county.adcode}
          client={client}
          onRestored={(text) => editor.flash('ok', text)}
        />
      ))}
    </div>
  )
}

import { useCallback, useRef, useState, type ReactNode } from 'react'
import type { FeatureInfo } from '@contracts/map'
import type { Bbox, FeatureRef } from '../../shared/api-types'
import { layerOfSource, useLayerVersion } from '../../shared/data-versions'
import { InfoFields } from './info-fields'
import { useFeatureInfo } from './use-feature-info'

/** Props of {@link InfoPanel}. */
export interface InfoPanelProps {
  feature: FeatureRef
  onClose: () => void
  onLocate: (bbox: Bbox) => void
  /** Extra blocks above and below the attributes (e.g. review state and history); `reload` fetches the feature again. */
  renderTop?: (info: FeatureInfo, reload: () => void) => ReactNode
  renderBottom?: (info: FeatureInfo, reload: () => void) => ReactNode
  /** Draws one attribute's value differently (e.g. a class with its map colour); undefined keeps the text. */
  renderValue?: (field: FeatureInfo['fields'][number]) => ReactNode | undefined
}

/** How far the sheet's handle must be dragged, in pixels, to count as a drag rather than a tap. */
const DRAG_PX = 12

/**
 * Describes the selected map feature: title, layer, attributes; a change of the feature's kind of data (e.g. a class
 * list was published, a zone's review step) loads it again. On a phone it is a sheet at the foot of the map that
 * opens at its title and grows when its handle is tapped or dragged up.
 */
export function InfoPanel({ feature, onClose, onLocate, renderTop, renderBottom, renderValue }: InfoPanelProps) {
  const [reloads, setReloads] = useState(0)
  const reload = useCallback(() => setReloads((n) => n + 1), [])
  const layer = layerOfSource(feature.source)
  const version = useLayerVersion(...(layer ? [layer] : []))
  const state = useFeatureInfo(feature, `${reloads}/${version}`)
  const info = state.status === 'done' ? state.info : null
  const featureKey = `${feature.source}/${feature.id}`
  const [expandedKey, setExpandedKey] = useState<string | null>(null)
  const isExpanded = expandedKey === featureKey
  const dragFrom = useRef<number | null>(null)
  const wasDragged = useRef(false)

  return (
    <aside
      className={`info-panel${isExpanded ? ' info-panel--expanded' : ''}`}
      data-testid="info-panel"
      aria-labelledby="info-title"
      aria-busy={state.status === 'loading'}
    >
      <button
        type="button"
        className="info-panel__handle"
        aria-label={isExpanded ? '收起详情' : '展开详情'}
        aria-expanded={isExpanded}
        data-testid="info-sheet-handle"
        onPointerDown={(event) => {
          dragFrom.current = event.clientY
          wasDragged.current = false
        }}
        onPointerUp={(event) => {
          if (dragFrom.current === null) return
          const dy = event.clientY - dragFrom.current
          dragFrom.current = null
          if (Math.abs(dy) < DRAG_PX) return
          wasDragged.current = true
          setExpandedKey(dy < 0 ? featureKey : null)
        }}
        onClick={() => {
          if (wasDragged.current) wasDragged.current = false
          else setExpandedKey(isExpanded ? null : featureKey)
        }}
      />
      <header className="info-panel__header">
        <div className="info-panel__heading">
          {info && <span className="info-panel__layer">{info.layerName}</span>}
          <h2 id="info-title" className="info-panel__title" data-testid="info-title">
            {info ? info.title : state.status === 'error' ? '查询失败' : '正在加载…'}
          </h2>
        </div>
        <button
          type="button"
          className="icon-button info-panel__close"
          aria-label="关闭"
          title="关闭"
          onClick={onClose}
          data-testid="info-close"
        >
          ×
        </button>
      </header>
      <div className="info-panel__body">
        {state.status === 'error' && (
          <p className="panel-note panel-note--error" role="alert">
            {state.message}
          </p>
        )}
        {info && renderTop?.(info, reload)}
        {info && <InfoFields fields={info.fields} renderValue={renderValue} />}
        {info && renderBottom?.(info, reload)}
      </div>
      {info?.bbox && (
        <footer className="info-panel__footer">
          <button type="button" className="text-button" onClick={() => onLocate(info.bbox!)}>
            定位到该要素
          </button>
        </footer>
      )}
    </aside>
  )
}

import { useCallback, useState, type ReactNode } from 'react'
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

/**
 * Describes the selected map feature: title, layer, attributes; a change of the feature's kind of data (e.g. a class
 * list was published, a zone's review step) loads it again.
 */
export function InfoPanel({ feature, onClose, onLocate, renderTop, renderBottom, renderValue }: InfoPanelProps) {
  const [reloads, setReloads] = useState(0)
  const reload = useCallback(() => setReloads((n) => n + 1), [])
  const layer = layerOfSource(feature.source)
  const version = useLayerVersion(...(layer ? [layer] : []))
  const state = useFeatureInfo(feature, `${reloads}/${version}`)
  const info = state.status === 'done' ? state.info : null

  return (
    <aside
      className="info-panel"
      data-testid="info-panel"
      aria-labelledby="info-title"
      aria-busy={state.status === 'loading'}
    >
      <header className="info-panel__header">
        <div className="info-panel__heading">
          {info && <span className="info-panel__layer">{info.layerName}</span>}
          <h2 id="info-title" className="info-panel__title" data-testid="info-title">
            {info ? info.title : state.status === 'error' ? '查询失败' : '正在加载…'}
          </h2>
        </div>
        <button type="button" className="icon-button" aria-label="关闭" title="关闭" onClick={onClose}>
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

import type { Bbox, FeatureRef } from '../../shared/api-types'
import { InfoFields } from './info-fields'
import { useFeatureInfo } from './use-feature-info'

/** Props of {@link InfoPanel}. */
export interface InfoPanelProps {
  feature: FeatureRef
  onClose: () => void
  onLocate: (bbox: Bbox) => void
}

/** Describes the selected map feature: title, layer, attributes. */
export function InfoPanel({ feature, onClose, onLocate }: InfoPanelProps) {
  const state = useFeatureInfo(feature)
  const info = state.status === 'done' ? state.info : null

  return (
    <aside className="info-panel" data-testid="info-panel" aria-labelledby="info-title" aria-busy={state.status === 'loading'}>
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
        {info && <InfoFields fields={info.fields} />}
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

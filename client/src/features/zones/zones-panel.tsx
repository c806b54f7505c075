import { useEffect, useRef, useState } from 'react'
import type { MapClient } from '../../map/map-client'
import type { FeatureRef, ScopeCounty } from '../../shared/api-types'
import { useLayerVersion } from '../../shared/data-versions'
import { formatDateTime } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { useZoneEditor } from './use-zone-editor'
import { ZoneForm } from './zone-form'
import { zonesPath } from './zones-api'
import './zones.css'

/** Props of {@link ZonesPanel}. */
export interface ZonesPanelProps {
  client: MapClient | null
  /** The tab is shown (the drawing tools work only then). */
  isActive: boolean
  counties: ScopeCounty[]
  /** The user keeps zones (role environment); others only read the list. */
  canEdit: boolean
  /** True while a drawing tool takes the map clicks (the info panel must not open then). */
  onCapturingClicks: (isCapturing: boolean) => void
  /** Opens a zone in the info panel (review steps, history). */
  onShowOnMap: (feature: FeatureRef) => void
  /** A zone to open in the form (from its info panel); a new `n` opens it again. */
  openRequest?: { id: number; n: number } | null
}

/** The 管控区域 tab: the zones of the county, and the editor of one zone (outline, plots, signs, announcement, monitoring). */
export function ZonesPanel({
  client,
  isActive,
  counties,
  canEdit,
  onCapturingClicks,
  onShowOnMap,
  openRequest = null,
}: ZonesPanelProps) {
  const [adcode, setAdcode] = useState(counties[0]?.adcode ?? '')
  const [reloads, setReloads] = useState(0)
  const editor = useZoneEditor({ client, isActive })
  const list = useJson(
    adcode ? zonesPath(adcode) : null,
    `${useLayerVersion('zones', 'plots')}/${reloads}`,
    '管控区域列表加载失败',
  )

  useEffect(() => {
    onCapturingClicks(editor.isCapturingClicks)
  }, [editor.isCapturingClicks, onCapturingClicks])

  const { openZone } = editor
  const handledRequest = useRef(0)
  useEffect(() => {
    if (!openRequest || openRequest.n === handledRequest.current) return
    handledRequest.current = openRequest.n
    void openZone(openRequest.id)
  }, [openRequest, openZone])

  if (editor.isOpen && editor.fields) {
    return <ZoneForm editor={editor} counties={counties} onShowOnMap={onShowOnMap} />
  }
  const items = list.status === 'done' ? list.data.items : []
  return (
    <section
      className="panel-section panel-section--grow zones-panel"
      aria-labelledby="zones-title"
      data-testid="zones-panel"
    >
      <div className="panel-section__bar">
        <h2 id="zones-title" className="panel-section__title">
          管控区域
        </h2>
        <button type="button" className="link-button" onClick={() => setReloads((n) => n + 1)}>
          刷新
        </button>
      </div>
      <p className="panel-note">
        暂不开发利用或尚不具备治理修复条件的污染地块，由县级人民政府组织划定管控区域、设立标识、发布公告，开展土壤、地表水、地下水、空气环境监测（《土壤污染防治行动计划》（十六）；《土壤污染防治法》第六十三条）。
      </p>
      {counties.length > 1 && (
        <label className="form-field">
          <span className="form-field__label">区县</span>
          <select
            className="text-input"
            value={adcode}
            onChange={(e) => setAdcode(e.target.value)}
            data-testid="zones-county"
          >
            {counties.map((c) => (
              <option key={c.adcode} value={c.adcode}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {canEdit && (
        <button
          type="button"
          className="primary-button zones-panel__new"
          onClick={() => editor.openNew(adcode)}
          disabled={!adcode}
          data-testid="zone-new"
        >
          ＋ 划定管控区域
        </button>
      )}
      {editor.message && (
        <p className={`notice notice--${editor.message.kind}`} role="alert">
          {editor.message.text}
        </p>
      )}
      {list.status === 'loading' && <p className="panel-note">正在加载…</p>}
      {list.status === 'error' && (
        <p className="panel-note panel-note--error" role="alert">
          {list.message}
        </p>
      )}
      {list.status === 'done' && items.length === 0 && <p className="panel-note">本区县尚无管控区域</p>}
      {items.length > 0 && (
        <ul className="zone-list" data-testid="zone-list">
          {items.map((z) => (
            <li key={z.id}>
              <button
                type="button"
                className="zone-item"
                onClick={() => void editor.openZone(z.id)}
                data-testid="zone-item"
                data-code={z.code}
              >
                <span className="zone-item__top">
                  <span className="zone-item__code">{z.code}</span>
                  <span className={`review-badge review-badge--${z.reviewStatus}`}>{z.reviewStatusName}</span>
                </span>
                <span className="zone-item__name">{z.name}</span>
                <span className="zone-item__meta">
                  {[
                    z.plotCount !== undefined ? `${z.plotCount} 个地块` : null,
                    z.signCount !== undefined ? `${z.signCount} 处标识` : null,
                    typeof z.areaMu === 'number' ? `${z.areaMu.toFixed(1)} 亩` : null,
                    z.updatedAt ? `更新于 ${formatDateTime(z.updatedAt)}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

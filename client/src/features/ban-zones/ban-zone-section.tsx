import { useState } from 'react'
import type { BanZoneAnswer } from '@contracts/ban-zones'
import type { MapClient } from '../../map/map-client'
import { useDataChanged, useLayerVersion } from '../../shared/data-versions'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { BanZoneForm } from './ban-zone-form'
import { banZonesPath, fetchBanZone } from './ban-zones-api'
import './ban-zones.css'

/** Props of {@link BanZoneSection}. */
export interface BanZoneSectionProps {
  adcode: string
  client: MapClient | null
  /** The farmland officer (who runs the classification) proposes zones; others read them. */
  canPropose: boolean
}

/**
 * 特定农产品禁止生产区域 of a county: its zones with their review state, and for the farmland officer the form that
 * proposes one from the county's 严格管控类 parcels (a 草稿 or 退回 zone opens in it again). The approver acts from
 * 待办审核.
 */
export function BanZoneSection({ adcode, client, canPropose }: BanZoneSectionProps) {
  const version = useLayerVersion('classLists', 'reviews')
  const dataChanged = useDataChanged()
  const zones = useJson(banZonesPath(adcode), version, '禁止生产区域加载失败')
  const [editing, setEditing] = useState<BanZoneAnswer | 'new' | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  const open = async (id: number) => {
    setNotice(null)
    try {
      setEditing(await fetchBanZone(id))
    } catch (error) {
      setNotice(errorMessage(error))
    }
  }

  return (
    <section className="ban-zones" aria-labelledby="ban-zones-title" data-testid="ban-zone-section">
      <h3 id="ban-zones-title" className="class-panel__subtitle">
        特定农产品禁止生产区域
      </h3>
      <p className="panel-note">
        依据《中华人民共和国土壤污染防治法》第四十九条，严格管控类耕地依法划定特定农产品禁止生产区域，严禁种植食用农产品。
      </p>
      {zones.status === 'error' && <p className="panel-note panel-note--error">{zones.message}</p>}
      {zones.status === 'done' && zones.data.items.length === 0 && <p className="panel-note">本区县尚未划定。</p>}
      {zones.status === 'done' && zones.data.items.length > 0 && (
        <ul className="ban-zones__list">
          {zones.data.items.map((z) => (
            <li key={z.id} data-testid="ban-zone-item" data-code={z.code}>
              <span className="ban-zones__name">
                {z.code} {z.name}
              </span>
              <span className="ban-zones__meta">
                {z.reviewStatusName} · {z.parcelCount} 块 · {formatAreaValue(z.areaMu)} 亩 · 禁止{z.products.join('、')}
              </span>
              {canPropose && (z.reviewStatus === 'draft' || z.reviewStatus === 'returned') && (
                <button type="button" className="link-button" onClick={() => void open(z.id)}>
                  修改
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {notice && (
        <p className="panel-note" role="status" data-testid="ban-zone-notice">
          {notice}
        </p>
      )}
      {canPropose && editing === null && (
        <button
          type="button"
          className="secondary-button"
          onClick={() => {
            setNotice(null)
            setEditing('new')
          }}
        >
          划定禁止生产区域
        </button>
      )}
      {editing !== null && (
        <BanZoneForm
          key={editing === 'new' ? 'new' : editing.id}
          adcode={adcode}
          client={client}
          zone={editing === 'new' ? null : editing}
          onCancel={() => setEditing(null)}
          onSaved={(zone, isSubmitted) => {
            dataChanged('classLists', 'reviews')
            if (isSubmitted) {
              setEditing(null)
              setNotice(`${zone.code} 已提交审定，等待审定人在“待办审核”中审定`)
            } else {
              setEditing(zone)
              setNotice(`${zone.code} 已保存为草稿`)
            }
          }}
        />
      )}
    </section>
  )
}

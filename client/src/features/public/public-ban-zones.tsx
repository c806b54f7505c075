import { useEffect, useState } from 'react'
import type { PublicBanZone, PublicBanZonesResponse } from '@contracts/ban-zones'
import { getJson, isAbortError } from '../../shared/api-client'
import type { Bbox } from '../../shared/api-types'
import { formatDay } from './public-format'
import { SampleChip } from './public-lists'
import './public-ban-zones.css'

/**
 * 特定农产品禁止生产区域 as announced (`GET /api/public/ban-zones`): what may not be grown, where and on what basis,
 * newest announcement first; an item moves the map to the zone.
 */
export function PublicBanZoneList({ county, onLocate }: { county: string; onLocate: (bbox: Bbox) => void }) {
  const [zones, setZones] = useState<PublicBanZone[] | null>(null)
  const [failure, setFailure] = useState<string | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    getJson<PublicBanZonesResponse>('/api/public/ban-zones', controller.signal)
      .then((answer) => setZones(answer.zones))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setFailure('禁止生产区域公告加载失败')
      })
    return () => controller.abort()
  }, [])
  const shown = (zones ?? []).filter((z) => county === 'all' || z.adcode === county)
  return (
    <section className="pub-ban-zones" aria-labelledby="pub-ban-zones-title">
      <h3 id="pub-ban-zones-title" className="pub-subtitle">
        特定农产品禁止生产区域
      </h3>
      {failure && <p className="pub-notice pub-notice--error">{failure}</p>}
      {zones && !shown.length && <p className="pub-empty">所选范围内暂无已公告的禁止生产区域。</p>}
      {shown.length > 0 && (
        <ul className="pub-list" data-testid="public-ban-zone-list">
          {shown.map((z) => (
            <li key={z.id}>
              <button
                type="button"
                className="pub-item"
                data-testid="public-ban-zone-item"
                onClick={() => onLocate(z.bbox)}
              >
                <span className="pub-item__title">
                  <span className="pub-swatch pub-swatch--ban" aria-hidden="true" />
                  {z.name}
                  <SampleChip isSample={z.isSample} />
                </span>
                <span className="pub-item__meta">禁止种植：{z.products.join('、')}</span>
                <span className="pub-item__meta">
                  {z.announcement.number ?? '未编号公告'} · {z.announcement.date ?? formatDay(z.publishedAt)} ·{' '}
                  {z.areaMu} 亩
                </span>
                <span className="pub-item__meta">
                  {z.county} · {z.code} · {z.basis}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

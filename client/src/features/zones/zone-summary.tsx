import { useLayerVersion } from '../../shared/data-versions'
import { useJson } from '../../shared/use-json'
import { formatMuHa } from './zone-geometry'
import { zoneDetailOf } from './zone-types'
import { zonePath } from './zones-api'

/** Props of {@link ZoneSummary}. */
export interface ZoneSummaryProps {
  zoneId: number
}

const MONITORING = [
  ['monitorSoil', '土壤'],
  ['monitorSurfaceWater', '地表水'],
  ['monitorGroundwater', '地下水'],
  ['monitorAir', '环境空气'],
] as const

/**
 * What a control zone holds, for whoever reviews it beside the map: the announcement, the protected plots, the
 * signs and the monitoring required, and what is still missing before submission.
 */
export function ZoneSummary({ zoneId }: ZoneSummaryProps) {
  const state = useJson(zonePath(zoneId), useLayerVersion('zones'), '管控区域内容加载失败')
  if (state.status === 'error') return <p className="panel-note panel-note--error">{state.message}</p>
  if (state.status !== 'done') return null
  const zone = zoneDetailOf(state.data)
  const monitoring = MONITORING.filter(([key]) => zone[key]).map(([, label]) => label)
  return (
    <section className="zone-summary" aria-label="管控区域内容" data-testid="zone-summary">
      <div className="zone-summary__announcement">
        <span className="zone-summary__label">公告</span>
        {zone.announcementNo || zone.announcementText ? (
          <>
            <strong>{zone.announcementNo ?? '（无文号）'}</strong>
            {zone.announcementDate && <span className="zone-summary__meta">{zone.announcementDate}</span>}
            {zone.announcementText && <p>{zone.announcementText}</p>}
          </>
        ) : (
          <span className="zone-summary__meta">尚未填写</span>
        )}
      </div>
      <dl className="zone-summary__facts">
        <dt>保护地块</dt>
        <dd>
          {zone.plots.length
            ? zone.plots.map((p) => `${p.name}（${p.code}${p.statusName ? `，${p.statusName}` : ''}）`).join('；')
            : '无'}
        </dd>
        <dt>标识</dt>
        <dd>{zone.signs.length ? `${zone.signs.length} 处：${zone.signs.map((s) => s.label).join('、')}` : '无'}</dd>
        <dt>监测要求</dt>
        <dd>{monitoring.length ? monitoring.join('、') : '无'}</dd>
        {typeof zone.areaM2 === 'number' && (
          <>
            <dt>面积</dt>
            <dd>{formatMuHa(zone.areaM2)}</dd>
          </>
        )}
      </dl>
      {zone.missingForSubmit.length > 0 && (
        <p className="zone-summary__missing">提交审定前还需补充：{zone.missingForSubmit.join('、')}</p>
      )}
    </section>
  )
}

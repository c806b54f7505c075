import { useEffect, useState, type ReactNode } from 'react'
import type { PublicDocument } from '@contracts/documents'
import { loadPublicDocuments } from './public-api'
import { SampleChip } from './public-lists'
import { formatDay, formatPublicArea } from './public-format'
import type { PublicControlZone, PublicCounty, PublicPlot } from '@contracts/public'

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  )
}

/** Props of {@link PublicDetails}. */
export interface PublicDetailsProps {
  item:
    | { kind: 'plot'; plot: PublicPlot }
    | { kind: 'control-zone'; zone: PublicControlZone }
    | { kind: 'county'; county: PublicCounty }
  /** Plots protected by a zone, for the links from the zone to them. */
  plotsByCode: Map<string, PublicPlot>
  onOpenPlot: (plot: PublicPlot) => void
  onLocate: () => void
  onClose: () => void
}

/** The public details of a selected plot, control zone (with its announcement) or county (its coverage). */
export function PublicDetails({ item, plotsByCode, onOpenPlot, onLocate, onClose }: PublicDetailsProps) {
  const title =
    item.kind === 'plot'
      ? item.plot.name
      : item.kind === 'control-zone'
        ? item.zone.name
        : `${item.county.city} ${item.county.name}`
  const kindName = item.kind === 'plot' ? '污染地块' : item.kind === 'control-zone' ? '管控区域公告' : '土壤监测覆盖'
  return (
    <aside className="pub-details" data-testid="public-details" aria-label={`${kindName}：${title}`}>
      <header className="pub-details__header">
        <div>
          <span className="pub-details__kind">{kindName}</span>
          <h2 className="pub-details__title">{title}</h2>
        </div>
        <button type="button" className="pub-icon-button" aria-label="关闭" title="关闭" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="pub-details__body">
        {item.kind === 'plot' && <PlotFields plot={item.plot} />}
        {item.kind === 'control-zone' && (
          <ZoneFields zone={item.zone} plotsByCode={plotsByCode} onOpenPlot={onOpenPlot} />
        )}
        {item.kind === 'county' && <CountyFields county={item.county} />}
      </div>
      <footer className="pub-details__footer">
        <button type="button" className="secondary-button" onClick={onLocate}>
          在地图上定位
        </button>
      </footer>
    </aside>
  )
}

function PlotFields({ plot }: { plot: PublicPlot }) {
  return (
    <dl className="pub-fields">
      <Field label="地块编号">
        {plot.code}
        <SampleChip isSample={plot.isSample} />
      </Field>
      <Field label="所在名录">
        <strong>{plot.listName}</strong>
      </Field>
      <Field label="当前阶段">{plot.statusName}</Field>
      {plot.riskLevelName && <Field label="风险等级">{plot.riskLevelName}</Field>}
      <Field label="所属区县">{plot.county}</Field>
      <Field label="地址">{plot.address ?? '—'}</Field>
      <Field label="原行业">{plot.formerIndustry ?? '—'}</Field>
      <Field label="面积">{formatPublicArea(plot.areaMu, plot.areaM2)}</Field>
      <Field label="负面清单">
        {plot.negativeUses.length ? (
          <ul className="pub-negative">
            {plot.negativeUses.map((n) => (
              <li key={n.useCode}>
                不得用作{n.useName}（{n.useCode}）<span className="pub-basis">依据：{n.basis}</span>
              </li>
            ))}
          </ul>
        ) : (
          '—'
        )}
      </Field>
      <Field label="发布日期">{formatDay(plot.publishedAt)}</Field>
      <PlotDocuments plotId={plot.id} />
    </dl>
  )
}

function documentSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`
}

/** 公开文件: the summaries the list carries, each a download; nothing is shown while there is none. */
function PlotDocuments({ plotId }: { plotId: number }) {
  const [documents, setDocuments] = useState<PublicDocument[]>([])
  useEffect(() => {
    const controller = new AbortController()
    setDocuments([])
    loadPublicDocuments(plotId, controller.signal)
      .then((answer) => setDocuments(answer.documents))
      .catch(() => setDocuments([]))
    return () => controller.abort()
  }, [plotId])
  if (!documents.length) return null
  return (
    <Field label="公开文件">
      <ul className="pub-negative" data-testid="public-documents">
        {documents.map((d) => (
          <li key={d.id}>
            <a href={d.url} download={d.fileName}>
              {d.title}
            </a>{' '}
            <span className="pub-basis">
              {d.kindName} · {documentSize(d.sizeBytes)} · {formatDay(d.uploadedAt)}
            </span>
          </li>
        ))}
      </ul>
    </Field>
  )
}

function ZoneFields({
  zone,
  plotsByCode,
  onOpenPlot,
}: {
  zone: PublicControlZone
  plotsByCode: Map<string, PublicPlot>
  onOpenPlot: (plot: PublicPlot) => void
}) {
  return (
    <>
      <section className="pub-announcement" data-testid="public-announcement">
        <h3 className="pub-announcement__no">{zone.announcement.number ?? '公告'}</h3>
        {zone.announcement.date && <p className="pub-announcement__date">公告日期：{zone.announcement.date}</p>}
        <p className="pub-announcement__text">{zone.announcement.text ?? '（公告正文未提供）'}</p>
      </section>
      <dl className="pub-fields">
        <Field label="管控区域编号">
          {zone.code}
          <SampleChip isSample={zone.isSample} />
        </Field>
        <Field label="所属区县">{zone.county}</Field>
        <Field label="面积">{formatPublicArea(zone.areaMu, zone.areaM2)}</Field>
        <Field label="监测要求">{zone.monitoring.length ? `定期监测${zone.monitoring.join('、')}` : '—'}</Field>
        <Field label="保护地块">
          {zone.plotCodes.length ? (
            <span className="pub-links">
              {zone.plotCodes.map((code) => {
                const plot = plotsByCode.get(code)
                return plot ? (
                  <button key={code} type="button" className="pub-link" onClick={() => onOpenPlot(plot)}>
                    {plot.name}（{code}）
                  </button>
                ) : (
                  <span key={code}>{code}</span>
                )
              })}
            </span>
          ) : (
            '—'
          )}
        </Field>
        <Field label="标识牌">
          {zone.signs.length ? `${zone.signs.length} 处：${zone.signs.map((s) => s.label).join('、')}` : '—'}
        </Field>
        <Field label="发布日期">{formatDay(zone.publishedAt)}</Field>
      </dl>
    </>
  )
}

function CountyFields({ county }: { county: PublicCounty }) {
  const c = county.coverage
  return (
    <dl className="pub-fields">
      <Field label="行政区划代码">{county.adcode}</Field>
      <Field label="是否覆盖">
        {c.isCovered ? '已覆盖（符合监测网络覆盖规则）' : `未覆盖：${c.reasons.join('；')}`}
      </Field>
      <Field label="在用监测点位">{c.points} 个</Field>
      {c.byLevel.map((l) => (
        <Field key={l.level} label={l.levelName}>
          {l.points} 个
        </Field>
      ))}
      <Field label="耕地面积">{c.farmlandMu.toLocaleString('zh-CN')} 亩</Field>
      <Field label="每点位代表耕地">
        {c.farmlandMuPerPoint === null ? '—' : `${c.farmlandMuPerPoint.toLocaleString('zh-CN')} 亩`}
      </Field>
    </dl>
  )
}

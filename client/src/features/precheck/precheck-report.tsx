import { useCallback, useEffect, useState } from 'react'
import type { FeatureCollection } from 'geojson'
import type { MapClient } from '../../map/map-client'
import { MapView } from '../../map/map-view'
import { isAbortError } from '../../shared/api-client'
import { errorMessage } from '../../shared/error-message'
import { formatAreaValue, formatDateTime } from '../../shared/format'
import { bboxOf } from '../../shared/geometry'
import type { BasemapChoice, Bbox, LayerGroup } from '../../shared/api-types'
import { fetchHitMap, fetchPrecheck } from './precheck-api'
import { ReasonsTable } from '../../shared/check/reasons-table'
import type { CheckFeatureProperties, PrecheckRecord } from '@contracts/precheck'
import { reasonKey } from './precheck-labels'
import { HitLegendItems } from './hit-legend'
import '../../shared/check/check.css'
import './precheck.css'

/** Props of {@link PrecheckReport}. */
export interface PrecheckReportProps {
  id: number
  onBack: () => void
}

const NO_BASEMAP: BasemapChoice = { kind: 'none' }
const HITS_OVERLAY = 'precheck-hits'

/** `YYYY年M月D日` of an ISO time, in the browser's time zone. */
function chineseDate(iso: string): string {
  const d = new Date(iso)
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`
}

/** The data and rules the check read, in one line for the record. */
function dataVersionText(v: Record<string, unknown>): string {
  const rules = (v.rules as { version?: string } | undefined)?.version
  const plots = v.publishedPlots as { count?: number } | undefined
  const zones = v.publishedControlZones as { count?: number } | undefined
  const list = v.classList as { publishedVersion?: number } | null | undefined
  const monitoring = v.monitoring as { results?: number; lastSampledOn?: string | null } | undefined
  const parts = [
    rules ? `核查规则 ${rules}` : null,
    plots?.count !== undefined ? `已发布污染地块 ${plots.count} 个` : null,
    zones?.count !== undefined ? `已发布管控区域 ${zones.count} 个` : null,
    list ? `耕地分类清单第 ${list.publishedVersion} 版` : '耕地分类清单（未发布）',
    monitoring?.results !== undefined
      ? `土壤监测结果 ${monitoring.results} 条${monitoring.lastSampledOn ? `（最近采样 ${monitoring.lastSampledOn}）` : ''}`
      : null,
  ]
  return parts.filter(Boolean).join('；')
}

/** What the map's features are: the versions the check read, or today's (farmland, monitoring points, versions not kept). */
function mapNote(features: CheckFeatureProperties[]): string {
  const today = features.filter(
    (f) => !f.isAsRead && (f.type === 'plot' || f.type === 'control-zone' || f.type === 'enterprise'),
  ).length
  return (
    '注：污染地块、管控区域和重点监管单位用地为核查时读取的版本（此后变更或撤销不影响本图），耕地图斑和监测点位为出具本意见书时的现状' +
    (today ? `；其中 ${today} 个要素的核查时版本未留存，显示现状` : '') +
    '；仅示意位置关系。'
  )
}

/** The extent of the plot and every feature it hit. */
function extentOf(record: PrecheckRecord, hits: FeatureCollection): Bbox {
  return [bboxOf(record.geometry), ...hits.features.map((f) => bboxOf(f.geometry))].reduce((a, b) => [
    Math.min(a[0], b[0]),
    Math.min(a[1], b[1]),
    Math.max(a[2], b[2]),
    Math.max(a[3], b[3]),
  ])
}

/**
 * 用地准入核查意见书: the printable record of one check (A4, no app chrome when printed): number, date, the plot's
 * facts, the verdict, a still map of the plot and what it hit, the reasons table and the signature block.
 */
export function PrecheckReport({ id, onBack }: PrecheckReportProps) {
  const [record, setRecord] = useState<PrecheckRecord | null>(null)
  const [hits, setHits] = useState<FeatureCollection | null>(null)
  const [hitFacts, setHitFacts] = useState<CheckFeatureProperties[]>([])
  const [error, setError] = useState<string | null>(null)
  const [hasPdf, setHasPdf] = useState(false)
  const [isMapReady, setMapReady] = useState(false)
  const pdfUrl = `/api/precheck/${id}/report.pdf`

  useEffect(() => {
    const controller = new AbortController()
    fetchPrecheck(id, controller.signal)
      .then(async (r) => {
        setRecord(r)
        document.title = `用地准入核查意见书 ${r.number}`
        const read = await fetchHitMap(r, controller.signal)
        setHitFacts(read.features)
        setHits(read.map)
      })
      .catch((e: unknown) => {
        if (!isAbortError(e)) setError(errorMessage(e, '核查记录加载失败'))
      })
    fetch(pdfUrl, { method: 'HEAD', signal: controller.signal })
      .then((r) => setHasPdf(r.ok && (r.headers.get('content-type') ?? '').includes('pdf')))
      .catch(() => setHasPdf(false))
    return () => controller.abort()
  }, [id, pdfUrl])

  const onClient = useCallback(
    (client: MapClient | null) => {
      if (!client || !hits) return
      client.setOverlay(HITS_OVERLAY, hits)
      client.onceIdle(() => setMapReady(true))
    },
    [hits],
  )
  const onGroups = useCallback((_groups: LayerGroup[]) => undefined, [])
  const ignore = useCallback(() => undefined, [])

  if (error) {
    return (
      <div className="report-page">
        <div className="report-toolbar">
          <button type="button" className="secondary-button" onClick={onBack}>
            返回用地准入核查
          </button>
        </div>
        <p className="form-error report-error" role="alert">
          {error}
        </p>
      </div>
    )
  }
  if (!record || !hits)
    return (
      <div className="report-page">
        <p className="hint report-loading">正在生成核查意见书…</p>
      </div>
    )

  return (
    <div className="report-page" data-testid="precheck-report" data-map-ready={isMapReady ? '1' : undefined}>
      <div className="report-toolbar">
        <button type="button" className="secondary-button" onClick={onBack}>
          返回用地准入核查
        </button>
        <span className="report-toolbar__spacer" />
        {hasPdf && (
          <a className="secondary-button" href={pdfUrl} download data-testid="precheck-report-pdf">
            下载 PDF
          </a>
        )}
        <button
          type="button"
          className="primary-button"
          onClick={() => window.print()}
          data-testid="precheck-report-print"
        >
          打印
        </button>
      </div>
      <article className="report-sheet">
        <header className="report-head">
          <h1 className="report-title">用地准入核查意见书</h1>
          <div className="report-number">
            <span data-testid="precheck-report-number">{record.number}</span>　{chineseDate(record.checkedAt)}
          </div>
        </header>
        <table className="report-facts">
          <tbody>
            <tr>
              <th>地块名称</th>
              <td>{record.name ?? '（未命名地块）'}</td>
              <th>来源编号</th>
              <td>{record.reference ?? '—'}</td>
            </tr>
            <tr>
              <th>所在区县</th>
              <td>
                {record.county}（{record.adcode}）
              </td>
              <th>用地面积</th>
              <td>
                {formatAreaValue(record.areaM2)} 平方米（{formatAreaValue(record.areaMu)} 亩）
              </td>
            </tr>
            <tr>
              <th>规划用途</th>
              <td>
                {record.plannedUse} {record.plannedUseName}
              </td>
              <th>用地类别</th>
              <td>{record.landClassName}（GB 36600-2018）</td>
            </tr>
            <tr>
              <th>核查时间</th>
              <td>{formatDateTime(record.checkedAt)}</td>
              <th>核查人</th>
              <td>{record.checkedByName}</td>
            </tr>
          </tbody>
        </table>
        <section className={`report-verdict report-verdict--${record.verdict}`} data-testid="precheck-report-verdict">
          <span className="report-verdict__label">核查结论</span>
          <span className="report-verdict__name">{record.verdictName}</span>
        </section>
        <figure className="report-map">
          <div className="report-map__frame">
            <MapView
              visibility={{}}
              basemap={NO_BASEMAP}
              focus={null}
              highlight={null}
              isStatic
              initialBbox={extentOf(record, hits)}
              onGroups={onGroups}
              onFeatureClick={ignore}
              onStatusSource={ignore}
              onClient={onClient}
            />
            <div className="report-map__north" aria-label="指北针">
              ▲<span>北</span>
            </div>
          </div>
          <figcaption className="report-map__legend">
            <HitLegendItems />
            <span className="report-map__crs">坐标系 CGCS2000</span>
          </figcaption>
          <p className="report-map__note" data-testid="precheck-report-map-note">
            {mapNote(hitFacts)}
          </p>
        </figure>
        <h2 className="report-section">核查理由</h2>
        <ReasonsTable reasons={record.reasons} rowKey={reasonKey} testIdPrefix="precheck" />
        <p className="report-note">
          数据版本：{dataVersionText(record.dataVersion)}
          。本意见书依据系统内已发布的名录、管控区域、耕地分类清单和监测数据自动核查生成，
          核查编号唯一，可按原边界和规划用途重新核查。
        </p>
        <footer className="report-sign">
          <div>
            <span>核查人（签字）：</span>
            <i />
          </div>
          <div>
            <span>审核人（签字）：</span>
            <i />
          </div>
          <div>
            <span>日期：</span>
            <span className="report-sign__date">　　　　年　　月　　日</span>
          </div>
          <div className="report-sign__seal">（盖章）</div>
        </footer>
      </article>
    </div>
  )
}

import type { SitingCheckRecord, SitingMonitoringPoint, SitingReason } from '@contracts/siting'
import { formatAreaValue } from '../../shared/format'
import { CheckedAtFact, Fact, PlaceFacts, VerdictHead } from '../../shared/check/verdict-head'
import { ReasonsTable } from '../../shared/check/reasons-table'
import { m2ToMu } from '../../../../server/src/domain/units.ts'
import { sitingReportPath } from './siting-api'

/** Props of {@link SitingVerdict}. */
export interface SitingVerdictProps {
  record: SitingCheckRecord
  onLocate: (reason: SitingReason) => void
  onClose: () => void
}

/** Where a feature lies from the site: inside (with the overlap), touching, or how far. */
function distanceText(r: SitingReason): string {
  if (r.overlapM2 !== null && r.overlapM2 > 0)
    return `重叠 ${formatAreaValue(r.overlapM2)} 平方米（${formatAreaValue(m2ToMu(r.overlapM2))} 亩）`
  if (r.distanceM === null) return '—'
  return r.distanceM <= 0 ? '紧邻选址范围' : `距选址范围 ${formatAreaValue(r.distanceM)} 米`
}

const reasonKey = (r: SitingReason) => `${r.code}:${r.featureType ?? ''}:${r.featureId ?? ''}`

/** The verdict of a siting check: big and coloured, with its number, the project, the reasons and the nearest monitoring results. */
export function SitingVerdict({ record, onLocate, onClose }: SitingVerdictProps) {
  return (
    <section className="verdict-panel" aria-label="选址核查结论" data-testid="siting-result">
      <VerdictHead record={record} label="选址核查结论" testIdPrefix="siting" onClose={onClose} />
      <dl className="verdict-facts">
        <Fact term="项目">
          {record.projectName}
          {record.reference ? `（${record.reference}）` : ''}
        </Fact>
        <Fact term="拟建行业">
          {record.industryName}
          {record.isControlledIndustry && <span className="severity severity--controlled">严格控制行业</span>}
        </Fact>
        <PlaceFacts record={record} />
        <CheckedAtFact record={record} />
      </dl>
      <div className="verdict-actions">
        <a className="primary-button" href={sitingReportPath(record.id)} download data-testid="siting-pdf">
          下载 PDF
        </a>
      </div>
      <h3 className="siting-section">核查理由</h3>
      <ReasonsTable
        reasons={record.reasons}
        rowKey={reasonKey}
        onLocate={onLocate}
        measureText={distanceText}
        testIdPrefix="siting"
      />
      <h3 className="siting-section">周边土壤监测结果</h3>
      <MonitoringTable points={record.monitoring} />
    </section>
  )
}

/** The nearest monitoring points with their latest soil result (information; no part of the verdict). */
function MonitoringTable({ points }: { points: SitingMonitoringPoint[] }) {
  if (points.length === 0)
    return (
      <p className="siting-empty" data-testid="siting-monitoring-empty">
        选址范围周边没有已布设的土壤监测点位。
      </p>
    )
  return (
    <table className="reasons-table" data-testid="siting-monitoring">
      <thead>
        <tr>
          <th>监测点位</th>
          <th className="reasons-table__area">距离</th>
          <th>最近一次结果</th>
          <th className="reasons-table__basis">评价标准</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p) => (
          <tr key={p.id} data-testid="siting-monitoring-point">
            <td>
              <div>{p.code}</div>
              {p.name && p.name !== p.code && <div className="reasons-table__name">{p.name}</div>}
            </td>
            <td className="reasons-table__area" data-label="距离">
              {p.distanceM <= 0 ? '位于选址范围内' : `${formatAreaValue(p.distanceM)} 米`}
            </td>
            <td>
              <span className={`siting-flag siting-flag--${p.flag ?? 'none'}`}>{p.flagName}</span>
              {p.sampledOn && <span className="reasons-table__name">（{p.sampledOn} 采样）</span>}
              {p.exceedances.map((e) => (
                <div key={e}>{e}</div>
              ))}
            </td>
            <td className="reasons-table__basis" data-label="评价标准">
              {p.standard}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

import { formatAreaValue } from '../../shared/format'
import type { PrecheckReason } from '@contracts/precheck'
import { reasonKey } from './precheck-labels'

/** Props of {@link ReasonsTable}. */
export interface ReasonsTableProps {
  reasons: PrecheckReason[]
  /** Called when a row naming a feature is chosen (to show it on the map); rows are plain text without it. */
  onLocate?: (reason: PrecheckReason) => void
  /** Reasons marked as new or no longer applying after a re-run, by `reasonKey`. */
  marks?: Record<string, 'added' | 'changed'>
}

/** An overlap in 平方米 and 亩, or the distance of a monitoring point. */
export function overlapText(r: PrecheckReason): string {
  if (r.overlapM2 !== null) return `${formatAreaValue(r.overlapM2)} 平方米（${formatAreaValue(r.overlapMu ?? 0)} 亩）`
  if (r.distanceM !== undefined) return r.distanceM <= 0 ? '位于地块内' : `距地块 ${formatAreaValue(r.distanceM)} 米`
  return '—'
}

/** The reasons of a verdict: severity, what was hit (type, code, name), overlap, the rule and its basis. */
export function ReasonsTable({ reasons, onLocate, marks = {} }: ReasonsTableProps) {
  return (
    <table className="reasons-table" data-testid="precheck-reasons">
      <thead>
        <tr>
          <th className="reasons-table__severity">判定</th>
          <th>涉及要素</th>
          <th className="reasons-table__area">重叠面积 / 距离</th>
          <th>核查意见</th>
          <th className="reasons-table__basis">依据</th>
        </tr>
      </thead>
      <tbody>
        {reasons.map((r) => {
          const mark = marks[reasonKey(r)]
          return (
            <tr
              key={reasonKey(r)}
              className={`reasons-table__row reasons-table__row--${r.severity}${mark ? ` reasons-table__row--${mark}` : ''}`}
              data-testid="precheck-reason"
              data-code={r.code}
            >
              <td>
                <span className={`severity severity--${r.severity}`}>{r.severityName}</span>
                {mark && <span className="reason-mark">{mark === 'added' ? '新增' : '有变化'}</span>}
              </td>
              <td>
                {r.featureType ? (
                  <>
                    <div className="reasons-table__type">{r.featureTypeName}</div>
                    {onLocate ? (
                      <button type="button" className="link-button" onClick={() => onLocate(r)} title="在地图上查看">
                        {r.featureCode}
                      </button>
                    ) : (
                      <div>{r.featureCode}</div>
                    )}
                    {r.featureName && r.featureName !== r.featureCode && (
                      <div className="reasons-table__name">{r.featureName}</div>
                    )}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="reasons-table__area">{overlapText(r)}</td>
              <td>{r.message}</td>
              <td className="reasons-table__basis">{r.basis}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

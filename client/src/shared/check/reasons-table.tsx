import { formatAreaValue } from '../format'
import './check.css'

/** What a row of {@link ReasonsTable} shows: a reason of a pre-check or of a siting check. */
export interface CheckReason {
  code: string
  severity: string
  severityName: string
  message: string
  basis: string
  featureType: string | null
  featureTypeName: string | null
  featureCode: string | null
  featureName: string | null
  overlapM2: number | null
  overlapMu?: number | null
  distanceM?: number | null
}

/** Props of {@link ReasonsTable}. */
export interface ReasonsTableProps<R extends CheckReason> {
  reasons: R[]
  /** The key of a row, unique within the verdict. */
  rowKey: (reason: R) => string
  /** Called when a row naming a feature is chosen (to show it on the map); rows are plain text without it. */
  onLocate?: (reason: R) => void
  /** Reasons marked as new or no longer applying after a re-run, by `rowKey`. */
  marks?: Record<string, 'added' | 'changed'>
  /** The third column: an overlap or a distance (default {@link overlapText}). */
  measureText?: (reason: R) => string
  /** Prefix of the `data-testid`s (`<prefix>-reasons`, `<prefix>-reason`). */
  testIdPrefix: string
}

/** An overlap in 平方米 and 亩, or the distance of a monitoring point from the plot. */
export function overlapText(r: CheckReason): string {
  if (r.overlapM2 !== null) return `${formatAreaValue(r.overlapM2)} 平方米（${formatAreaValue(r.overlapMu ?? 0)} 亩）`
  if (r.distanceM !== undefined && r.distanceM !== null)
    return r.distanceM <= 0 ? '位于地块内' : `距地块 ${formatAreaValue(r.distanceM)} 米`
  return '—'
}

/** The reasons of a verdict: severity, what was hit (type, code, name), overlap or distance, the rule and its basis. */
export function ReasonsTable<R extends CheckReason>({
  reasons,
  rowKey,
  onLocate,
  marks = {},
  measureText = overlapText,
  testIdPrefix,
}: ReasonsTableProps<R>) {
  return (
    <table className="reasons-table" data-testid={`${testIdPrefix}-reasons`}>
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
          const key = rowKey(r)
          const mark = marks[key]
          return (
            <tr
              key={key}
              className={`reasons-table__row reasons-table__row--${r.severity}${mark ? ` reasons-table__row--${mark}` : ''}`}
              data-testid={`${testIdPrefix}-reason`}
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
              <td className="reasons-table__area" data-label="重叠面积 / 距离">
                {measureText(r)}
              </td>
              <td>{r.message}</td>
              <td className="reasons-table__basis" data-label="依据">
                {r.basis}
              </td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

import { formatAreaValue, formatCount, formatShare } from '../../shared/format'
import type { CountyCoverage } from '@contracts/coverage'

/** Props of {@link CountyTable}. */
export interface CountyTableProps {
  counties: CountyCoverage[]
  selected: string | null
  onSelect: (county: CountyCoverage) => void
}

/** The counties with their verdict and why, points by level and type, farmland per point and the uncovered farmland. */
export function CountyTable({ counties, selected, onSelect }: CountyTableProps) {
  return (
    <div className="cov-table-wrap">
      <table className="cov-table" data-testid="coverage-county-table">
        <thead>
          <tr>
            <th scope="col">区县</th>
            <th scope="col">结论及原因</th>
            <th scope="col">在用点位（按级别 / 类型）</th>
            <th scope="col" className="cov-num">
              规划
            </th>
            <th scope="col" className="cov-num">
              耕地（亩）
            </th>
            <th scope="col" className="cov-num">
              亩/点位
            </th>
            <th scope="col" className="cov-num">
              未覆盖耕地（亩）
            </th>
          </tr>
        </thead>
        <tbody>
          {counties.map((c) => (
            <tr
              key={c.adcode}
              className={`cov-row${selected === c.adcode ? ' cov-row--selected' : ''}`}
              onClick={() => onSelect(c)}
              data-testid={`coverage-county-${c.adcode}`}
              data-covered={c.isCovered ? 'true' : 'false'}
            >
              <th scope="row">
                <button
                  type="button"
                  className="cov-link"
                  onClick={(e) => {
                    e.stopPropagation()
                    onSelect(c)
                  }}
                >
                  {c.name}
                </button>
                <span className="cov-sub">{c.city}</span>
              </th>
              <td className="cov-verdict">
                <span className={`cov-chip ${c.isCovered ? 'cov-chip--ok' : 'cov-chip--no'}`}>{c.verdictName}</span>
                {c.reasons.length > 0 && (
                  <ul className="cov-reasons" data-testid={`coverage-reasons-${c.adcode}`}>
                    {c.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="cov-points">
                <strong>{formatCount(c.points)} 个</strong>
                <span className="cov-sub">{c.byLevel.map((l) => `${l.levelName} ${l.points}`).join(' · ')}</span>
                <span className="cov-sub">
                  {c.byType.map((t) => `${t.typeName.replace('点位', '')} ${t.points}`).join(' · ')}
                </span>
              </td>
              <td className="cov-num" data-testid={`coverage-planned-${c.adcode}`}>
                {formatCount(c.plannedPoints)}
              </td>
              <td className="cov-num">{formatAreaValue(c.farmlandMu)}</td>
              <td className="cov-num">{c.farmlandMuPerPoint === null ? '—' : formatCount(c.farmlandMuPerPoint)}</td>
              <td className="cov-num">
                {formatAreaValue(c.uncoveredMu)}
                <span className="cov-sub">{formatShare(c.uncoveredShare)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

import { formatAreaValue, formatCount, formatShare } from '../../shared/format'
import type { TownshipCoverage } from '@contracts/coverage'

/** The townships of one county: active points by level, planned points, farmland per point and uncovered farmland. */
export function TownshipTable({ townships }: { townships: TownshipCoverage[] }) {
  return (
    <div className="cov-table-wrap">
      <table className="cov-table" data-testid="coverage-township-table">
        <thead>
          <tr>
            <th scope="col">乡镇（街道）</th>
            <th scope="col">在用点位（按级别）</th>
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
          {townships.map((t) => (
            <tr key={t.code ?? 'none'} className={t.points === 0 && t.farmlandMu > 0 ? 'cov-row--warn' : undefined}>
              <th scope="row">{t.name}</th>
              <td className="cov-points">
                <strong>{formatCount(t.points)} 个</strong>
                {t.points > 0 && (
                  <span className="cov-sub">
                    {t.byLevel
                      .filter((l) => l.points > 0)
                      .map((l) => `${l.levelName} ${l.points}`)
                      .join(' · ')}
                  </span>
                )}
              </td>
              <td className="cov-num">{formatCount(t.plannedPoints)}</td>
              <td className="cov-num">{formatAreaValue(t.farmlandMu)}</td>
              <td className="cov-num">{t.farmlandMuPerPoint === null ? '—' : formatCount(t.farmlandMuPerPoint)}</td>
              <td className="cov-num">
                {formatAreaValue(t.uncoveredMu)}
                {t.farmlandMu > 0 && <span className="cov-sub">{formatShare(t.uncoveredShare)}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

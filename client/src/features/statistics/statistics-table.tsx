import type { CSSProperties } from 'react'
import { FARMLAND_CLASSES, classColor, className } from '../../shared/farmland-class'
import { formatAreaValue, formatCount, formatShare } from '../../shared/format'
import type { StatisticsRow } from './statistics-types'

/** Props of {@link StatisticsTable}. */
export interface StatisticsTableProps {
  /** The first column's heading: 区县 or 乡镇. */
  unit: string
  rows: StatisticsRow[]
  testId?: string
}

/** Published area by class per county or township: 亩, 公顷 and share of the unit's farmland, and the totals. */
export function StatisticsTable({ unit, rows, testId }: StatisticsTableProps) {
  return (
    <div className="stats-table-wrap">
      <table className="stats-table" data-testid={testId}>
        <thead>
          <tr>
            <th rowSpan={2} scope="col">
              {unit}
            </th>
            {FARMLAND_CLASSES.map((c) => (
              <th
                key={c}
                colSpan={3}
                scope="colgroup"
                className="stats-table__group"
                style={{ '--class-color': classColor(c) } as CSSProperties}
              >
                {className(c)}
              </th>
            ))}
            <th colSpan={3} scope="colgroup" className="stats-table__group stats-table__group--total">
              合计
            </th>
          </tr>
          <tr>
            {[...FARMLAND_CLASSES, 'total'].map((c) => (
              <SubHeads key={c} isTotal={c === 'total'} />
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const count = row.byClass.reduce((sum, c) => sum + c.count, 0)
            return (
              <tr key={row.key} data-testid="stats-row" data-name={row.name}>
                <th scope="row">{row.name}</th>
                {FARMLAND_CLASSES.map((c) => {
                  const area = row.byClass.find((b) => b.class === c)
                  const mu = area?.areaMu ?? 0
                  return [
                    <td key={`${c}-mu`} className="num stats-table__first" data-class={c} data-testid="stats-mu">
                      {formatAreaValue(mu)}
                    </td>,
                    <td key={`${c}-ha`} className="num">
                      {formatAreaValue(area?.areaHa ?? mu / 15)}
                    </td>,
                    <td key={`${c}-share`} className="num num--muted">
                      {formatShare(row.totalMu > 0 ? mu / row.totalMu : 0)}
                    </td>,
                  ]
                })}
                <td className="num stats-table__first">{formatAreaValue(row.totalMu)}</td>
                <td className="num">{formatAreaValue(row.totalMu / 15)}</td>
                <td className="num num--muted">{formatCount(count)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/** The three sub-headings of a class (亩, 公顷, 占比) or of the total (亩, 公顷, 图斑数). */
function SubHeads({ isTotal }: { isTotal: boolean }) {
  return (
    <>
      <th scope="col" className="stats-table__first">
        面积（亩）
      </th>
      <th scope="col">面积（公顷）</th>
      <th scope="col">{isTotal ? '图斑数' : '占比'}</th>
    </>
  )
}

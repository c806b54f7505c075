import type { CSSProperties } from 'react'
import { classColor } from '../../shared/farmland-class'
import { formatAreaValue, formatCount, formatSignedArea } from '../../shared/format'
import type { ClassSummaryRow } from '@contracts/classification'

function changeClass(value: number): string {
  if (Math.abs(value) < 0.005) return 'num'
  return value > 0 ? 'num num--up' : 'num num--down'
}

/** The list's parcels and area by class beside the published classes, with the change in 亩. */
export function SummaryTable({ rows }: { rows: ClassSummaryRow[] }) {
  const total = rows.reduce(
    (sum, r) => ({
      count: sum.count + r.count,
      areaMu: sum.areaMu + r.areaMu,
      areaHa: sum.areaHa + r.areaHa,
      publishedCount: sum.publishedCount + r.publishedCount,
      publishedAreaMu: sum.publishedAreaMu + r.publishedAreaMu,
      publishedAreaHa: sum.publishedAreaHa + r.publishedAreaHa,
    }),
    { count: 0, areaMu: 0, areaHa: 0, publishedCount: 0, publishedAreaMu: 0, publishedAreaHa: 0 },
  )
  return (
    <table className="data-table" data-testid="class-summary-table">
      <thead>
        <tr>
          <th rowSpan={2} scope="col">
            类别
          </th>
          <th colSpan={3} scope="colgroup" className="data-table__group">
            本清单
          </th>
          <th colSpan={3} scope="colgroup" className="data-table__group">
            现行已发布
          </th>
          <th colSpan={2} scope="colgroup" className="data-table__group">
            变化
          </th>
        </tr>
        <tr>
          <th scope="col">图斑数</th>
          <th scope="col">面积（亩）</th>
          <th scope="col">面积（公顷）</th>
          <th scope="col">图斑数</th>
          <th scope="col">面积（亩）</th>
          <th scope="col">面积（公顷）</th>
          <th scope="col">图斑数</th>
          <th scope="col">面积（亩）</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const countChange = row.count - row.publishedCount
          const muChange = row.areaMu - row.publishedAreaMu
          return (
            <tr key={row.class} data-testid="class-summary-row" data-class={row.class}>
              <th scope="row">
                <span
                  className="class-swatch"
                  style={{ '--class-color': classColor(row.class) } as CSSProperties}
                  aria-hidden="true"
                />
                {row.className}
              </th>
              <td className="num" data-testid="class-summary-count">
                {formatCount(row.count)}
              </td>
              <td className="num">{formatAreaValue(row.areaMu)}</td>
              <td className="num">{formatAreaValue(row.areaHa)}</td>
              <td className="num num--muted">{formatCount(row.publishedCount)}</td>
              <td className="num num--muted">{formatAreaValue(row.publishedAreaMu)}</td>
              <td className="num num--muted">{formatAreaValue(row.publishedAreaHa)}</td>
              <td className={changeClass(countChange)}>
                {countChange > 0
                  ? `+${formatCount(countChange)}`
                  : countChange < 0
                    ? `−${formatCount(-countChange)}`
                    : '0'}
              </td>
              <td className={changeClass(muChange)}>{formatSignedArea(muChange)}</td>
            </tr>
          )
        })}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">合计</th>
          <td className="num">{formatCount(total.count)}</td>
          <td className="num">{formatAreaValue(total.areaMu)}</td>
          <td className="num">{formatAreaValue(total.areaHa)}</td>
          <td className="num num--muted">{formatCount(total.publishedCount)}</td>
          <td className="num num--muted">{formatAreaValue(total.publishedAreaMu)}</td>
          <td className="num num--muted">{formatAreaValue(total.publishedAreaHa)}</td>
          <td className="num" />
          <td className="num" />
        </tr>
      </tfoot>
    </table>
  )
}

import type { CSSProperties } from 'react'
import { FARMLAND_CLASSES, classColor, className, type FarmlandClass } from '../../shared/farmland-class'
import { formatAreaValue, formatSignedArea } from '../../shared/format'
import type { ClassSummaryRow, SummaryWarning, TownshipSummary } from '@contracts/classification'

type Cell = { areaMu: number; publishedAreaMu: number; count: number }

/** A township's rows keyed by class. */
function cellsOf(township: TownshipSummary): Record<FarmlandClass, Cell> {
  const rows: Partial<ClassSummaryRow>[] = township.byClass
  const cells = Object.fromEntries(
    FARMLAND_CLASSES.map((c) => [c, { areaMu: 0, publishedAreaMu: 0, count: 0 }]),
  ) as Record<FarmlandClass, Cell>
  for (const row of rows) {
    if (!row.class || !(row.class in cells)) continue
    cells[row.class] = { areaMu: row.areaMu ?? 0, publishedAreaMu: row.publishedAreaMu ?? 0, count: row.count ?? 0 }
  }
  return cells
}

/** Area by class per township (亩), each with its change against the published classes; townships where 优先保护类 falls are marked. */
export function TownshipTable({ townships, warnings }: { townships: TownshipSummary[]; warnings: SummaryWarning[] }) {
  const falling = new Set(warnings.filter((w) => w.scope === 'township').map((w) => w.name))
  if (townships.length === 0) return <p className="panel-note">没有乡镇数据</p>
  return (
    <table className="data-table" data-testid="class-township-table">
      <thead>
        <tr>
          <th scope="col">乡镇</th>
          {FARMLAND_CLASSES.map((c) => (
            <th key={c} scope="col">
              <span
                className="class-swatch"
                style={{ '--class-color': classColor(c) } as CSSProperties}
                aria-hidden="true"
              />
              {className(c)}（亩）
            </th>
          ))}
          <th scope="col">合计（亩）</th>
          <th scope="col">合计（公顷）</th>
        </tr>
      </thead>
      <tbody>
        {townships.map((township) => {
          const cells = cellsOf(township)
          const totalMu = FARMLAND_CLASSES.reduce((sum, c) => sum + cells[c].areaMu, 0)
          const isFalling = falling.has(township.name)
          return (
            <tr
              key={township.code ?? township.name}
              className={isFalling ? 'data-table__row--warn' : undefined}
              data-testid="class-township-row"
            >
              <th scope="row">
                {township.name}
                {isFalling && (
                  <span className="chip chip--warn" title="优先保护类面积减少">
                    优先保护类减少
                  </span>
                )}
              </th>
              {FARMLAND_CLASSES.map((c) => {
                const change = cells[c].areaMu - cells[c].publishedAreaMu
                return (
                  <td key={c} className="num">
                    {formatAreaValue(cells[c].areaMu)}
                    {Math.abs(change) >= 0.005 && (
                      <span className={`num-change ${change > 0 ? 'num--up' : 'num--down'}`}>
                        {formatSignedArea(change)}
                      </span>
                    )}
                  </td>
                )
              })}
              <td className="num">{formatAreaValue(totalMu)}</td>
              <td className="num">{formatAreaValue(totalMu / 15)}</td>
            </tr>
          )
        })}
      </tbody>
    </table>
  )
}

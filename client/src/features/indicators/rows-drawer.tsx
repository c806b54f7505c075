import { useEffect, type ReactNode } from 'react'
import { formatAreaValue, formatCount } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import type { AccountRow, RedevelopmentRow } from '@contracts/indicators'
import { indicatorRowsPath } from './indicators-api'

/** What the drawer shows: the rows behind one figure of one county or city. */
export interface RowsRequest {
  kind: 'farmland' | 'plots'
  adcode: string
  unitName: string
  year: number
  term: string
}

/** Props of {@link RowsDrawer}. */
export interface RowsDrawerProps {
  request: RowsRequest
  onClose: () => void
}

/** A side drawer with the parcels or plots behind one figure, their total (equal to the figure) and why each counts. */
export function RowsDrawer({ request, onClose }: RowsDrawerProps) {
  const state = useJson(indicatorRowsPath(request), 0, '明细加载失败')
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])
  const data = state.status === 'done' ? state.data : null
  return (
    <aside className="rows-drawer" role="dialog" aria-label="明细" data-testid="indicator-rows">
      <header className="rows-drawer__head">
        <div>
          <h3 className="rows-drawer__title">
            {request.unitName} {request.year} 年 · {data?.termName ?? '明细'}
          </h3>
          {data && (
            <p className="rows-drawer__total" data-testid="indicator-rows-total">
              合计 {formatCount(data.total.count)} {request.kind === 'farmland' ? '个图斑' : '个地块'}，
              {formatAreaValue(data.total.areaMu)} 亩
              {data.isTruncated && `（仅列出前 ${formatCount(data.rows.length)} 条）`}
            </p>
          )}
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label="关闭"
          title="关闭"
          onClick={onClose}
          data-testid="indicator-rows-close"
        >
          ×
        </button>
      </header>
      <div className="rows-drawer__body">
        {state.status === 'loading' && <p className="panel-note">正在加载…</p>}
        {state.status === 'error' && (
          <p className="notice notice--error" role="alert">
            {state.message}
          </p>
        )}
        {data && data.rows.length === 0 && <p className="panel-note">没有记录。</p>}
        {data &&
          data.rows.length > 0 &&
          (request.kind === 'farmland' ? (
            <AccountTable rows={data.rows as AccountRow[]} />
          ) : (
            <RedevelopmentTable rows={data.rows as RedevelopmentRow[]} />
          ))}
      </div>
    </aside>
  )
}

function Generated({ isGenerated }: { isGenerated: boolean }): ReactNode {
  return isGenerated ? (
    <span className="chip chip--sample" title="样例数据，系统生成">
      示例
    </span>
  ) : null
}

function AccountTable({ rows }: { rows: AccountRow[] }) {
  return (
    <table className="ind-table ind-table--rows">
      <thead>
        <tr>
          <th>图斑编号</th>
          <th>乡镇</th>
          <th>污染程度</th>
          <th className="num">面积（亩）</th>
          <th>措施</th>
          <th>农产品</th>
          <th>计入</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="indicator-row">
            <td className="mono">
              {r.parcelId === null ? (
                <>
                  {r.parcelCode}
                  <span className="ind-muted">（图斑已不存在）</span>
                </>
              ) : (
                <a href={`/?parcel=${r.parcelId}`} title="在一张图上定位该图斑" data-testid="indicator-row-locate">
                  {r.parcelCode}
                </a>
              )}{' '}
              <Generated isGenerated={r.isGenerated} />
            </td>
            <td>{r.township ?? '—'}</td>
            <td>{r.degreeName}</td>
            <td className="num" data-testid="indicator-row-mu">
              {formatAreaValue(r.areaMu)}
            </td>
            <td>
              {r.measures.length ? r.measures.map((m) => `${m.measure}（${m.bucketName}）`).join('、') : '未落实措施'}
            </td>
            <td title={r.produceBasis ?? undefined}>
              {r.produceCompliant === null ? '—' : r.produceCompliant ? '达标' : '超标'}
            </td>
            <td
              title={r.reason}
              className={r.term ? 'ind-term' : 'ind-term ind-term--out'}
              data-testid="indicator-row-term"
            >
              {r.term ?? (
                <>
                  不计入<span className="ind-muted">：{r.reason}</span>
                </>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function RedevelopmentTable({ rows }: { rows: RedevelopmentRow[] }) {
  return (
    <table className="ind-table ind-table--rows">
      <thead>
        <tr>
          <th>地块编号</th>
          <th>地块名称</th>
          <th>年份</th>
          <th>规划用途</th>
          <th className="num">面积（亩）</th>
          <th>是否符合</th>
          <th>依据</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-testid="indicator-row">
            <td className="mono">
              {r.plotId === null ? (
                <>
                  {r.plotCode}
                  <span className="ind-muted">（已不在名录）</span>
                </>
              ) : (
                <a href={`/?plot=${r.plotId}`} title="在一张图上定位该地块">
                  {r.plotCode}
                </a>
              )}
            </td>
            <td>
              {r.plotName} <Generated isGenerated={r.isGenerated} />
            </td>
            <td>{r.year}</td>
            <td>{r.plannedUse}</td>
            <td className="num" data-testid="indicator-row-mu">
              {formatAreaValue(r.areaMu)}
            </td>
            <td>{r.meetsRequirement ? '符合' : '不符合'}</td>
            <td>{r.basis}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

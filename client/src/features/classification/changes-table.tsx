import { useState } from 'react'
import { DLBM, labelOf } from '../../../../server/src/domain/labels.ts'
import { useLayerVersion } from '../../shared/data-versions'
import { formatAreaValue, formatCount } from '../../shared/format'
import { useJson } from '../../shared/use-json'
import { ClassChip } from './class-chip'
import type { ClassChange } from '@contracts/classification'
import { classChangesPath } from './classification-api'

const PAGE_SIZE = 20

const METHOD_NAME: Record<string, string> = {
  samples: '样点判定',
  interpolated: '插值推断',
  no_data: '数据不足',
  override: '人工调整',
}

/** Props of {@link ChangesTable}. */
export interface ChangesTableProps {
  listId: number
  activeParcelId: number | null
  onSelect: (change: ClassChange) => void
}

/** The parcels whose class changes against the published class, a page at a time; a click opens the parcel. */
export function ChangesTable({ listId, activeParcelId, onSelect }: ChangesTableProps) {
  const [page, setPage] = useState(0)
  const state = useJson(
    classChangesPath(listId, page * PAGE_SIZE, PAGE_SIZE),
    useLayerVersion('classLists'),
    '变化图斑加载失败',
  )
  const total = state.status === 'done' ? state.data.total : 0
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE))

  if (state.status === 'loading' || state.status === 'idle') return <p className="panel-note">正在加载…</p>
  if (state.status === 'error')
    return (
      <p className="panel-note panel-note--error" role="alert">
        {state.message}
      </p>
    )
  if (total === 0)
    return (
      <p className="panel-note" data-testid="class-changes-empty">
        与现行已发布类别相比，没有图斑改变类别。
      </p>
    )
  return (
    <div className="changes">
      <table className="data-table data-table--clickable" data-testid="class-changes-table">
        <thead>
          <tr>
            <th scope="col">图斑编号</th>
            <th scope="col" className="changes__extra">
              乡镇
            </th>
            <th scope="col" className="changes__extra">
              地类
            </th>
            <th scope="col">原类别</th>
            <th scope="col" aria-label="变为" />
            <th scope="col">新类别</th>
            <th scope="col">面积（亩）</th>
            <th scope="col">划定方法</th>
          </tr>
        </thead>
        <tbody>
          {state.data.items.map((item) => (
            <tr
              key={item.parcelId}
              className={item.parcelId === activeParcelId ? 'data-table__row--active' : undefined}
              tabIndex={0}
              onClick={() => onSelect(item)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault()
                  onSelect(item)
                }
              }}
              data-testid="class-change-row"
              data-parcel-id={item.parcelId}
              data-code={item.code}
              title="点击在地图上定位并查看划分依据"
            >
              <td className="mono">{item.code}</td>
              <td className="changes__extra">{item.township}</td>
              <td className="changes__extra">
                {item.dlbm} {labelOf(DLBM, item.dlbm) !== item.dlbm ? labelOf(DLBM, item.dlbm) : ''}
              </td>
              <td>
                <ClassChip value={item.fromClass} />
              </td>
              <td className="changes__arrow" aria-hidden="true">
                →
              </td>
              <td>
                <ClassChip value={item.toClass} />
              </td>
              <td className="num">{formatAreaValue(item.areaMu)}</td>
              <td>{METHOD_NAME[item.method] ?? item.method}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="pager" data-testid="class-changes-pager">
        <span>
          共 {formatCount(total)} 个图斑 · 第 {page + 1} / {pages} 页
        </span>
        <button
          type="button"
          className="secondary-button"
          disabled={page === 0}
          onClick={() => setPage(page - 1)}
          data-testid="class-changes-prev"
        >
          上一页
        </button>
        <button
          type="button"
          className="secondary-button"
          disabled={page + 1 >= pages}
          onClick={() => setPage(page + 1)}
          data-testid="class-changes-next"
        >
          下一页
        </button>
      </div>
    </div>
  )
}

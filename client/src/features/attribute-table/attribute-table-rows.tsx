import { PARCEL_COLUMNS, type ParcelRow, type ParcelSortKey } from '@contracts/attribute-table'
import { formatAreaValue } from '../../shared/format'
import { ClassLabel } from '../../shared/ui/class-label'

/** Props of {@link AttributeTableRows}. */
export interface AttributeTableRowsProps {
  rows: ParcelRow[]
  sort: ParcelSortKey
  dir: 'asc' | 'desc'
  onSort: (key: ParcelSortKey) => void
  activeId: number | null
  onSelect: (row: ParcelRow) => void
  isLoading: boolean
}

const NUMERIC: ReadonlySet<ParcelSortKey> = new Set(['areaM2', 'areaMu'])

function cell(row: ParcelRow, key: ParcelSortKey) {
  switch (key) {
    case 'class':
      return <ClassLabel value={row.class} />
    case 'areaM2':
    case 'areaMu':
      return formatAreaValue(row[key])
    default:
      return row[key] ?? '—'
  }
}

/** The table of one page: a header button sorts by its column (▲ ascending, ▼ descending); a row selects its parcel. */
export function AttributeTableRows({
  rows,
  sort,
  dir,
  onSort,
  activeId,
  onSelect,
  isLoading,
}: AttributeTableRowsProps) {
  return (
    <div className={`attr-table__scroll${isLoading ? ' attr-table__scroll--loading' : ''}`} aria-busy={isLoading}>
      <table className="data-table data-table--clickable attr-table__table" data-testid="attr-rows">
        <thead>
          <tr>
            {PARCEL_COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                className={NUMERIC.has(c.key) ? 'attr-table__num' : undefined}
              >
                <button
                  type="button"
                  className="attr-table__sort"
                  onClick={() => onSort(c.key)}
                  title={`按${c.title}排序`}
                  data-testid={`attr-sort-${c.key}`}
                >
                  {c.title}
                  <span className="attr-table__arrow" aria-hidden="true">
                    {sort === c.key ? (dir === 'asc' ? '▲' : '▼') : ''}
                  </span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.adcode}/${row.id}`}
              className={row.id === activeId ? 'data-table__row--active' : undefined}
              tabIndex={0}
              onClick={() => onSelect(row)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault()
                  onSelect(row)
                }
              }}
              aria-selected={row.id === activeId}
              data-testid="attr-row"
              data-id={row.id}
              data-code={row.code}
            >
              {PARCEL_COLUMNS.map((c) => (
                <td key={c.key} className={NUMERIC.has(c.key) ? 'attr-table__num' : undefined}>
                  {cell(row, c.key)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={PARCEL_COLUMNS.length} className="data-table__empty" data-testid="attr-empty">
                没有符合筛选条件的图斑
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

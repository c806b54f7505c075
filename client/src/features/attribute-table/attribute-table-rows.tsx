import type { LayerTableDef } from './layer-table-defs'

/** A row of a layer's table: what a click needs (id, extent) and the cells. */
export interface LayerRow {
  id: number
  adcode: string
  code: string
  bbox: [number, number, number, number]
}

/** Props of {@link AttributeTableRows}. */
export interface AttributeTableRowsProps {
  def: LayerTableDef
  rows: readonly LayerRow[]
  sort: string
  dir: 'asc' | 'desc'
  onSort: (key: string) => void
  activeId: number | null
  onSelect: (row: LayerRow) => void
  isLoading: boolean
}

/**
 * One page of a layer's table: a header button sorts by its column (▲ ascending, ▼ descending); a row selects its
 * feature.
 */
export function AttributeTableRows({
  def,
  rows,
  sort,
  dir,
  onSort,
  activeId,
  onSelect,
  isLoading,
}: AttributeTableRowsProps) {
  const numeric = (key: string) => (def.numeric.has(key) ? 'attr-table__num' : undefined)
  return (
    <div className={`attr-table__scroll${isLoading ? ' attr-table__scroll--loading' : ''}`} aria-busy={isLoading}>
      <table className="data-table data-table--clickable attr-table__table" data-testid="attr-rows">
        <thead>
          <tr>
            {def.columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={sort === c.key ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                className={numeric(c.key)}
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
              {def.columns.map((c) => (
                <td key={c.key} className={numeric(c.key)}>
                  {def.cell(row as unknown as Record<string, unknown>, c.key)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={def.columns.length} className="data-table__empty" data-testid="attr-empty">
                没有符合筛选条件的{def.rowsName}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  )
}

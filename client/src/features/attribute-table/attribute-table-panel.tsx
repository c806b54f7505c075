import { Fragment } from 'react'
import type { AttributeLayer } from '@contracts/attribute-table'
import type { MapClient } from '../../map/map-client'
import { formatCount } from '../../shared/format'
import { AttributeLayerSwitch } from './attribute-layer-switch'
import { LAYER_TABLES, type FilterSelect } from './layer-table-defs'
import type { TableQuery } from './attribute-table-query'
import { AttributeTableRows, type LayerRow } from './attribute-table-rows'
import { PAGE_ROWS, exportHref, useAttributeTable } from './use-attribute-table'
import './attribute-table.css'

/** Props of {@link AttributeTablePanel}. */
export interface AttributeTablePanelProps {
  layer: AttributeLayer
  client: MapClient | null
  /** The parcel, plot or point selected or open on the map (its row is marked). */
  activeId: number | null
  onSelectRow: (row: LayerRow) => void
  onLayer: (layer: AttributeLayer) => void
  onClose: () => void
}

/**
 * The attribute table (属性表) of a layer at the foot of the map, as a GIS shows one: 当前视图 or 全县, the layer's
 * filters (乡镇 for all; 类别, 地类 and 面积 in 亩 for parcels), columns sorted by a click on their header, a page of
 * rows (a click opens the feature as a map click does and zooms to it), the count, and the export of every filtered
 * row as XLSX or CSV.
 */
export function AttributeTablePanel({
  layer,
  client,
  activeId,
  onSelectRow,
  onLayer,
  onClose,
}: AttributeTablePanelProps) {
  const def = LAYER_TABLES[layer]
  const table = useAttributeTable(client, layer)
  const { options, query, page, filter } = table
  const data = options.status === 'done' ? options.data : null
  const county = data?.counties.find((c) => c.adcode === query?.adcode)
  const total = page?.total ?? 0
  const isTooLarge = data !== null && total > data.exportMaxRows
  const offTitle = isTooLarge
    ? `筛选出 ${formatCount(total)} ${def.noun}，超过一次导出的上限 ${formatCount(data.exportMaxRows)} 个，请先缩小筛选范围`
    : `没有可导出的${def.rowsName}`
  const selects: FilterSelect[] = data
    ? [
        ...def.selects(data),
        {
          key: 'township',
          label: '乡镇',
          all: '全部乡镇',
          groups: [{ choices: (county?.townships ?? []).map((t) => ({ value: `township:${t.code}`, label: t.name })) }],
        },
      ]
    : []

  return (
    <section className="attr-table" aria-label={`${def.name}属性表`} data-testid="attribute-table" data-layer={layer}>
      <header className="attr-table__header">
        <span className="info-panel__layer">属性表</span>
        <AttributeLayerSwitch layer={layer} onLayer={onLayer} />
        {query && (
          <div className="attr-table__scope" role="group" aria-label="范围">
            {(
              [
                ['view', '当前视图'],
                ['county', '全县'],
              ] as const
            ).map(([scope, label]) => (
              <button
                key={scope}
                type="button"
                className={`attr-table__scope-button${query.scope === scope ? ' attr-table__scope-button--on' : ''}`}
                aria-pressed={query.scope === scope}
                onClick={() => filter({ scope })}
                data-testid={`attr-scope-${scope}`}
              >
                {label}
              </button>
            ))}
          </div>
        )}
        {query && data && data.counties.length > 1 && (
          <select
            className="attr-table__select"
            aria-label="区县"
            value={query.adcode}
            onChange={(e) => filter({ adcode: e.target.value })}
            data-testid="attr-county"
          >
            {data.counties.map((c) => (
              <option key={c.adcode} value={c.adcode}>
                {c.name}
              </option>
            ))}
          </select>
        )}
        <span className="attr-table__count" data-testid="attr-count" aria-live="polite">
          {page ? `共 ${formatCount(total)} ${def.noun}` : '正在加载…'}
        </span>
        <nav className="attr-table__exports" aria-label="导出属性表">
          {query &&
            (['xlsx', 'csv'] as const).map((format) =>
              isTooLarge || total === 0 ? (
                <span
                  key={format}
                  className="export-link export-link--off"
                  title={offTitle}
                  data-testid={`attr-export-${format}`}
                >
                  导出 {format.toUpperCase()}
                </span>
              ) : (
                <a
                  key={format}
                  className="export-link"
                  href={exportHref(layer, query, format)}
                  download
                  title={`导出筛选出的全部 ${formatCount(total)} ${def.noun}`}
                  data-testid={`attr-export-${format}`}
                >
                  导出 {format.toUpperCase()}
                </a>
              ),
            )}
        </nav>
        <button
          type="button"
          className="icon-button"
          aria-label="关闭属性表"
          title="关闭"
          onClick={onClose}
          data-testid="attr-close"
        >
          ×
        </button>
      </header>

      {query && data && <Filters query={query} onFilter={filter} selects={selects} hasArea={def.hasArea} />}
      {table.error && (
        <p className="panel-note panel-note--error attr-table__error" role="alert" data-testid="attr-error">
          {table.error}
        </p>
      )}
      {options.status === 'error' && (
        <p className="panel-note panel-note--error attr-table__error" role="alert">
          {options.message}
        </p>
      )}
      {query && page && (
        <AttributeTableRows
          def={def}
          rows={page.rows}
          sort={query.sort}
          dir={query.dir}
          onSort={table.sort}
          activeId={activeId}
          onSelect={onSelectRow}
          isLoading={table.isLoading}
        />
      )}
      {page && total > PAGE_ROWS && (
        <footer className="attr-table__pager">
          <button
            type="button"
            className="secondary-button"
            disabled={table.offset === 0}
            onClick={() => table.setOffset(Math.max(0, table.offset - PAGE_ROWS))}
            data-testid="attr-prev"
          >
            上一页
          </button>
          <span data-testid="attr-range">
            第 {formatCount(table.offset + 1)}–{formatCount(Math.min(total, table.offset + PAGE_ROWS))} 个
          </span>
          <button
            type="button"
            className="secondary-button"
            disabled={table.offset + PAGE_ROWS >= total}
            onClick={() => table.setOffset(table.offset + PAGE_ROWS)}
            data-testid="attr-next"
          >
            下一页
          </button>
        </footer>
      )}
    </section>
  )
}

interface FiltersProps {
  query: TableQuery
  onFilter: (changes: Partial<TableQuery>) => void
  selects: FilterSelect[]
  hasArea: boolean
}

/** The two ends of the 面积 range, in 亩. */
const AREA_BOUNDS = [
  { field: 'areaMin', placeholder: '从', label: '最小面积（亩）', testId: 'attr-filter-area-min' },
  { field: 'areaMax', placeholder: '到', label: '最大面积（亩）', testId: 'attr-filter-area-max' },
] as const

/** A select's value as its choices hold it: without the `param:` of a select setting one parameter. */
const choiceOf = (s: FilterSelect, value: string) => (s.param ? value.slice(s.param.length + 1) : value)

/** The filter row: the layer's selects, 乡镇, and (for parcels and plots) the 面积 range in 亩. */
function Filters({ query, onFilter, selects, hasArea }: FiltersProps) {
  const setSelect = (s: FilterSelect, choice: string) => {
    const value = s.param && choice ? `${s.param}:${choice}` : choice
    onFilter({ filters: { ...query.filters, [s.key]: value } })
  }
  return (
    <div className="attr-table__filters" role="group" aria-label="筛选">
      {selects.map((s) => (
        <select
          key={s.key}
          className="attr-table__select"
          aria-label={s.label}
          value={choiceOf(s, query.filters[s.key] ?? '')}
          onChange={(e) => setSelect(s, e.target.value)}
          data-testid={`attr-filter-${s.key}`}
        >
          <option value="">{s.all}</option>
          {s.groups.map((g) =>
            g.label ? (
              <optgroup key={g.label} label={g.label}>
                {g.choices.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </optgroup>
            ) : (
              g.choices.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))
            ),
          )}
        </select>
      ))}
      {hasArea && (
        <label className="attr-table__area">
          面积
          {AREA_BOUNDS.map((bound, i) => (
            <Fragment key={bound.field}>
              {i > 0 && '–'}
              <input
                type="number"
                min={0}
                step="any"
                inputMode="decimal"
                placeholder={bound.placeholder}
                aria-label={bound.label}
                value={query[bound.field]}
                onChange={(e) => onFilter({ [bound.field]: e.target.value })}
                data-testid={bound.testId}
              />
            </Fragment>
          ))}
          亩
        </label>
      )}
    </div>
  )
}

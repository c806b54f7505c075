import type { AttributeLayer, ParcelRow } from '@contracts/attribute-table'
import type { MapClient } from '../../map/map-client'
import { LAND_CODES } from '../../../../server/src/domain/parcel-attributes.ts'
import { formatCount } from '../../shared/format'
import { parcelExportHref } from './attribute-table-api'
import { AttributeLayerSwitch } from './attribute-layer-switch'
import type { TableQuery } from './attribute-table-query'
import { AttributeTableRows } from './attribute-table-rows'
import { PAGE_ROWS, useAttributeTable } from './use-attribute-table'
import './attribute-table.css'

/** Props of {@link AttributeTablePanel}. */
export interface AttributeTablePanelProps {
  client: MapClient | null
  /** The parcel selected on the map (its row is marked). */
  activeId: number | null
  onSelectRow: (row: ParcelRow) => void
  /** Switches the table to another layer. */
  onLayer: (layer: AttributeLayer) => void
  onClose: () => void
}

/** The first-level class of a two-digit prefix, as the 三调 工作分类 names it (“01 耕地”). */
function groupName(prefix: string): string {
  return LAND_CODES.find((c) => c.code.startsWith(prefix))?.group ?? prefix
}

/** The 地类 choices: each first-level class present (all its codes), then each code present. */
function landChoices(codes: { code: string; name: string }[]): { value: string; label: string }[] {
  const prefixes = [...new Set(codes.map((c) => c.code.slice(0, 2)))]
  return [
    ...prefixes.map((p) => ({ value: p, label: `${groupName(p)}（全部）` })),
    ...codes.map((c) => ({ value: c.code, label: `${c.code} ${c.name}`.trim() })),
  ]
}

/**
 * The attribute table (属性表) of the farmland parcels at the foot of the map, as a GIS shows one: 当前视图 or 全县,
 * a filter row (类别, 地类, 乡镇, 面积 in 亩), columns sorted by a click on their header, a page of rows (a click
 * selects the parcel on the map), the count, and the export of every filtered row as XLSX or CSV.
 */
export function AttributeTablePanel({ client, activeId, onSelectRow, onLayer, onClose }: AttributeTablePanelProps) {
  const table = useAttributeTable(client)
  const { options, query, page, filter } = table
  const data = options.status === 'done' ? options.data : null
  const county = data?.counties.find((c) => c.adcode === query?.adcode)
  const total = page?.total ?? 0
  const isTooLarge = data !== null && total > data.exportMaxRows
  const exportTitle = isTooLarge
    ? `筛选出 ${formatCount(total)} 个图斑，超过一次导出的上限 ${formatCount(data.exportMaxRows)} 个，请先缩小筛选范围`
    : undefined

  return (
    <section className="attr-table" aria-label="耕地图斑属性表" data-testid="attribute-table" data-layer="parcel">
      <header className="attr-table__header">
        <span className="info-panel__layer">属性表</span>
        <AttributeLayerSwitch layer="parcel" onLayer={onLayer} />
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
          {page ? `共 ${formatCount(total)} 个图斑` : '正在加载…'}
        </span>
        <nav className="attr-table__exports" aria-label="导出属性表">
          {query &&
            (['xlsx', 'csv'] as const).map((format) =>
              isTooLarge || total === 0 ? (
                <span
                  key={format}
                  className="export-link export-link--off"
                  title={exportTitle ?? '没有可导出的图斑'}
                  data-testid={`attr-export-${format}`}
                >
                  导出 {format.toUpperCase()}
                </span>
              ) : (
                <a
                  key={format}
                  className="export-link"
                  href={parcelExportHref(query, format)}
                  download
                  title={`导出筛选出的全部 ${formatCount(total)} 个图斑`}
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

      {query && data && (
        <Filters
          query={query}
          onFilter={filter}
          classes={data.classes}
          lands={landChoices(data.landCodes)}
          townships={county?.townships ?? []}
        />
      )}
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
  classes: { code: string; name: string }[]
  lands: { value: string; label: string }[]
  townships: { code: string; name: string }[]
}

/** The filter row: 类别, 地类, 乡镇 and the 面积 range in 亩. */
function Filters({ query, onFilter, classes, lands, townships }: FiltersProps) {
  return (
    <div className="attr-table__filters" role="group" aria-label="筛选">
      <select
        className="attr-table__select"
        aria-label="类别"
        value={query.classCode}
        onChange={(e) => onFilter({ classCode: e.target.value })}
        data-testid="attr-filter-class"
      >
        <option value="">全部类别</option>
        {classes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
      <select
        className="attr-table__select"
        aria-label="地类"
        value={query.landCode}
        onChange={(e) => onFilter({ landCode: e.target.value })}
        data-testid="attr-filter-land"
      >
        <option value="">全部地类</option>
        {lands.map((l) => (
          <option key={l.value} value={l.value}>
            {l.label}
          </option>
        ))}
      </select>
      <select
        className="attr-table__select"
        aria-label="乡镇"
        value={query.township}
        onChange={(e) => onFilter({ township: e.target.value })}
        data-testid="attr-filter-township"
      >
        <option value="">全部乡镇</option>
        {townships.map((t) => (
          <option key={t.code} value={t.code}>
            {t.name}
          </option>
        ))}
      </select>
      <label className="attr-table__area">
        面积
        <input
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          placeholder="从"
          aria-label="最小面积（亩）"
          value={query.areaMin}
          onChange={(e) => onFilter({ areaMin: e.target.value })}
          data-testid="attr-filter-area-min"
        />
        –
        <input
          type="number"
          min={0}
          step="any"
          inputMode="decimal"
          placeholder="到"
          aria-label="最大面积（亩）"
          value={query.areaMax}
          onChange={(e) => onFilter({ areaMax: e.target.value })}
          data-testid="attr-filter-area-max"
        />
        亩
      </label>
    </div>
  )
}

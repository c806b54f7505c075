import { useCallback, useState } from 'react'
import type { AttributeLayer, ParcelTablePage } from '@contracts/attribute-table'
import type { PlotTablePage, PointTablePage } from '@contracts/attribute-table-layers'
import type { MapClient } from '../../map/map-client'
import { apiPath } from '../../shared/api-client'
import { useLayerVersion } from '../../shared/data-versions'
import { useJson } from '../../shared/use-json'
import { LAYER_TABLES, type TableOptions } from './layer-table-defs'
import { initialQuery, queryString, setFilter, sortBy, type TableQuery } from './attribute-table-query'
import { useFollowView } from './use-follow-view'

/** Rows on one page of the table. */
export const PAGE_ROWS = 100

/** A page of the table of a layer, as the server answers it. */
type TablePage = ParcelTablePage | PlotTablePage | PointTablePage

/** The download of the whole filtered set of `layer` as `format` (XLSX or CSV). */
export function exportHref(layer: AttributeLayer, query: TableQuery, format: 'xlsx' | 'csv'): string {
  return `/api/attribute-table/${layer}?${queryString(query, { format })}`
}

/**
 * The state of the table of a layer: the filter lists, the query the officer set, the page shown (the last one stays
 * while the next loads), and the view's box followed while the scope is 当前视图.
 */
export function useAttributeTable(client: MapClient | null, layer: AttributeLayer) {
  const options = useJson(apiPath<TableOptions>(`/api/attribute-table/${layer}/options`), 0, '属性表筛选项加载失败')
  const firstCounty = options.status === 'done' ? (options.data.counties[0]?.adcode ?? '') : null
  const [query, setQuery] = useState<TableQuery | null>(null)
  const [offset, setOffset] = useState(0)
  if (query === null && firstCounty !== null) setQuery(initialQuery(firstCounty))

  const onBox = useCallback((bbox: string) => {
    setQuery((q) => (q ? { ...q, bbox } : q))
    setOffset(0)
  }, [])
  useFollowView(client, query?.scope === 'view', onBox)

  const isReady = query !== null && (query.scope === 'county' || query.bbox !== null)
  const path = isReady
    ? apiPath<TablePage>(`/api/attribute-table/${layer}?${queryString(query, { offset, limit: PAGE_ROWS })}`)
    : null
  const page = useJson(path, useLayerVersion(LAYER_TABLES[layer].data), '属性表加载失败')
  const [shown, setShown] = useState<TablePage | null>(null)
  if (page.status === 'done' && page.data !== shown) setShown(page.data)

  const change = (next: (q: TableQuery) => TableQuery) => {
    setQuery((q) => (q ? next(q) : q))
    setOffset(0)
  }
  return {
    options,
    query,
    page: shown,
    isLoading: page.status === 'loading',
    error: page.status === 'error' ? page.message : null,
    offset,
    setOffset,
    sort: (key: string) => change((q) => sortBy(q, key)),
    filter: (changes: Partial<TableQuery>) => change((q) => setFilter(q, changes)),
  }
}

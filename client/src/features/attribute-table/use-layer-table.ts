import { useCallback, useState } from 'react'
import type {
  PlotTableOptions,
  PlotTablePage,
  PointTableOptions,
  PointTablePage,
} from '@contracts/attribute-table-layers'
import type { MapClient } from '../../map/map-client'
import { apiPath } from '../../shared/api-client'
import { useLayerVersion } from '../../shared/data-versions'
import { useJson } from '../../shared/use-json'
import {
  initialLayerQuery,
  layerQueryString,
  setLayerFilter,
  sortLayerBy,
  type LayerQuery,
  type OtherLayer,
} from './layer-table-query'
import { useFollowView } from './use-follow-view'
import { PAGE_ROWS } from './use-attribute-table'

/** What the table of a layer answers: the plots' or the points' filter lists and pages. */
export type LayerOptions = PlotTableOptions | PointTableOptions
export type LayerPage = PlotTablePage | PointTablePage

/** The download of the whole filtered set of `layer` as `format` (XLSX or CSV). */
export function layerExportHref(layer: OtherLayer, query: LayerQuery, format: 'xlsx' | 'csv'): string {
  return `/api/attribute-table/${layer}?${layerQueryString(query, { format })}`
}

/**
 * The state of the table of a 污染地块 or 监测点位 layer: the filter lists, the query the officer set, the page shown
 * (the last one stays while the next loads), and the view's box followed while the scope is 当前视图.
 */
export function useLayerTable(client: MapClient | null, layer: OtherLayer) {
  const options = useJson(apiPath<LayerOptions>(`/api/attribute-table/${layer}/options`), 0, '属性表筛选项加载失败')
  const firstCounty = options.status === 'done' ? (options.data.counties[0]?.adcode ?? '') : null
  const [query, setQuery] = useState<LayerQuery | null>(null)
  const [offset, setOffset] = useState(0)
  if (query === null && firstCounty !== null) setQuery(initialLayerQuery(firstCounty))

  const onBox = useCallback((bbox: string) => {
    setQuery((q) => (q ? { ...q, bbox } : q))
    setOffset(0)
  }, [])
  useFollowView(client, query?.scope === 'view', onBox)

  const isReady = query !== null && (query.scope === 'county' || query.bbox !== null)
  const path = isReady
    ? apiPath<LayerPage>(`/api/attribute-table/${layer}?${layerQueryString(query, { offset, limit: PAGE_ROWS })}`)
    : null
  const page = useJson(path, useLayerVersion(layer === 'contaminated-plot' ? 'plots' : 'points'), '属性表加载失败')
  const [shown, setShown] = useState<LayerPage | null>(null)
  if (page.status === 'done' && page.data !== shown) setShown(page.data)

  const change = (next: (q: LayerQuery) => LayerQuery) => {
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
    sort: (key: string) => change((q) => sortLayerBy(q, key)),
    filter: (changes: Partial<LayerQuery>) => change((q) => setLayerFilter(q, changes)),
  }
}

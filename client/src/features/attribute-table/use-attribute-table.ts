import { useCallback, useState } from 'react'
import type { ParcelSortKey, ParcelTablePage } from '@contracts/attribute-table'
import type { MapClient } from '../../map/map-client'
import { useLayerVersion } from '../../shared/data-versions'
import { useJson } from '../../shared/use-json'
import { parcelOptionsPath, parcelPagePath } from './attribute-table-api'
import { initialQuery, setFilter, sortBy, type TableQuery } from './attribute-table-query'
import { useFollowView } from './use-follow-view'

/** Rows on one page of the table. */
export const PAGE_ROWS = 100

/**
 * The parcel table's state: the filter lists, the query the officer set, the page shown (the last one stays while
 * the next loads), and the view's box followed while the scope is 当前视图.
 */
export function useAttributeTable(client: MapClient | null) {
  const options = useJson(parcelOptionsPath(), 0, '属性表筛选项加载失败')
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
  const page = useJson(
    isReady ? parcelPagePath(query, offset, PAGE_ROWS) : null,
    useLayerVersion('parcels'),
    '属性表加载失败',
  )
  const [shown, setShown] = useState<ParcelTablePage | null>(null)
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
    sort: (key: ParcelSortKey) => change((q) => sortBy(q, key)),
    filter: (changes: Partial<TableQuery>) => change((q) => setFilter(q, changes)),
  }
}

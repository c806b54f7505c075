import type { AttributeLayer } from '@contracts/attribute-table'

/** The layers beside the parcels that have an attribute table. */
export type OtherLayer = Exclude<AttributeLayer, 'parcel'>

/**
 * What the officer set in the table of a 污染地块 or 监测点位 layer: scope, filters and sort. A filter's value is
 * `param:value` (one select may set either of two parameters, as 状态或名录 does).
 */
export interface LayerQuery {
  scope: 'view' | 'county'
  /** The view's box, `w,s,e,n` (only with the scope 当前视图). */
  bbox: string | null
  adcode: string
  filters: Readonly<Record<string, string>>
  areaMin: string
  areaMax: string
  sort: string
  dir: 'asc' | 'desc'
}

/** The table as it opens: the whole first county, by code. */
export function initialLayerQuery(adcode: string): LayerQuery {
  return { scope: 'county', bbox: null, adcode, filters: {}, areaMin: '', areaMax: '', sort: 'code', dir: 'asc' }
}

/** A click on a column header: that column ascending, or the other direction when it is already the sort column. */
export function sortLayerBy(query: LayerQuery, key: string): LayerQuery {
  if (query.sort === key) return { ...query, dir: query.dir === 'asc' ? 'desc' : 'asc' }
  return { ...query, sort: key, dir: 'asc' }
}

/** A filter changed: a new county clears the township, which belongs to the old one. */
export function setLayerFilter(query: LayerQuery, change: Partial<LayerQuery>): LayerQuery {
  const next = { ...query, ...change }
  if (change.adcode !== undefined && change.adcode !== query.adcode) {
    next.filters = Object.fromEntries(Object.entries(next.filters).filter(([key]) => key !== 'township'))
  }
  return next
}

/** The query string of the server's table route of a layer for `query` and the extra parameters (page or format). */
export function layerQueryString(query: LayerQuery, extra: Record<string, string | number>): string {
  const params = new URLSearchParams({ scope: query.scope, sort: query.sort, dir: query.dir })
  if (query.adcode) params.set('adcode', query.adcode)
  if (query.scope === 'view' && query.bbox) params.set('bbox', query.bbox)
  for (const value of Object.values(query.filters)) {
    const at = value.indexOf(':')
    if (at > 0) params.set(value.slice(0, at), value.slice(at + 1))
  }
  if (query.areaMin.trim()) params.set('areaMin', query.areaMin.trim())
  if (query.areaMax.trim()) params.set('areaMax', query.areaMax.trim())
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value))
  return params.toString()
}

/**
 * What the officer set in the table of a layer: scope, filters and sort (the view's box comes from the map). A
 * filter's value is `param:value` (one select may set either of two parameters, as 状态或名录 does).
 */
export interface TableQuery {
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
export function initialQuery(adcode: string): TableQuery {
  return { scope: 'county', bbox: null, adcode, filters: {}, areaMin: '', areaMax: '', sort: 'code', dir: 'asc' }
}

/** A click on a column header: that column ascending, or the other direction when it is already the sort column. */
export function sortBy(query: TableQuery, key: string): TableQuery {
  if (query.sort === key) return { ...query, dir: query.dir === 'asc' ? 'desc' : 'asc' }
  return { ...query, sort: key, dir: 'asc' }
}

/** A filter changed: a new county clears the township, which belongs to the old one. */
export function setFilter(query: TableQuery, change: Partial<TableQuery>): TableQuery {
  const next = { ...query, ...change }
  if (change.adcode !== undefined && change.adcode !== query.adcode) {
    next.filters = Object.fromEntries(Object.entries(next.filters).filter(([key]) => key !== 'township'))
  }
  return next
}

/** The query string of the server's table route of a layer for `query` and the extra parameters (page or format). */
export function queryString(query: TableQuery, extra: Record<string, string | number>): string {
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

const clamp = (v: number, limit: number) => Math.min(limit, Math.max(-limit, v))

/** `w,s,e,n` of the map's view, to 6 decimals (about 0.1 m), kept within the earth's degrees. */
export function bboxParam([w, s, e, n]: readonly number[]): string {
  return [clamp(w, 180), clamp(s, 90), clamp(e, 180), clamp(n, 90)].map((v) => v.toFixed(6)).join(',')
}

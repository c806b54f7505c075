import { CGCS2000, CRS84, parseCql2Text } from './cql2-text.ts'
import { parseDatetime, isDate, isTimestamp } from './ogc-datetime.ts'
import { compileFilter, kindOf, type SqlFilter } from './ogc-filter-sql.ts'
import { refuseFilter, type FilterNode, type Literal, type Scalar } from './ogc-filter-tree.ts'
import { isQueryable, queryablesOf, type OgcProperty } from './ogc-queryables.ts'

/**
 * The filter query parameters of an OGC API - Features items request (OGC 19-079r2 Part 3, CQL2 text of OGC 21-065r2;
 * the `datetime` parameter of Part 1 §7.15.4; property filters of Part 3 §8): each is read into a syntax tree
 * (cql2-text.ts, ogc-datetime.ts) and all are written as one parameterised SQL condition (ogc-filter-sql.ts). Pure: no
 * I/O.
 */

/** The conformance classes of filtering (Part 3; CQL2) this service implements. */
export const FILTER_CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
  'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
  'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2',
  'http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators',
  'http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions',
] as const

/** The query parameters of filtering (besides the queryable properties themselves). */
export const FILTER_PARAMETERS = ['filter', 'filter-lang', 'filter-crs', 'datetime'] as const

const single = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== 'string') refuseFilter(`参数 ${name} 只能给一次`, name)
  return value
}

/** A property filter's text value (`?class=strict`) as the literal its property's type takes. */
function propertyValue(p: OgcProperty, text: string): Literal {
  const kind = kindOf(p)
  if (kind === 'number') {
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text))
      refuseFilter(`参数 ${p.name}（${p.title}）应为数字，收到“${text}”`, p.name)
    return { kind: 'number', value: Number(text), at: 0 }
  }
  if (kind === 'boolean') {
    if (text !== 'true' && text !== 'false')
      refuseFilter(`参数 ${p.name}（${p.title}）应为 true 或 false，收到“${text}”`, p.name)
    return { kind: 'boolean', value: text === 'true', at: 0 }
  }
  if (kind === 'date' && !isDate(text))
    refuseFilter(`参数 ${p.name}（${p.title}）应为日期，如 2024-05-01，收到“${text}”`, p.name)
  if (kind === 'timestamp' && !isDate(text) && !isTimestamp(text))
    refuseFilter(`参数 ${p.name}（${p.title}）应为时间（2024-05-01T08:00:00Z）或日期，收到“${text}”`, p.name)
  return { kind: 'string', value: text, at: 0 }
}

/** The names of the queryable properties of `collection` (each also a query parameter of its items). */
export function queryableNames(collection: string): string[] {
  return (queryablesOf(collection)?.properties ?? []).filter(isQueryable).map((p) => p.name)
}

/**
 * The filter of an items request of `collection`: `filter` (CQL2 text, `filter-lang` cql2-text, coordinates in
 * `filter-crs`), `datetime`, and a property filter per queryable property given (`?class=strict`), all of which must
 * hold; null when none is given. Refused in the officer's words, with the character position of a syntax error.
 */
export function parseItemsFilter(query: Record<string, unknown>, collection: string): SqlFilter | null {
  const conditions: [FilterNode, string][] = []
  const lang = single(query['filter-lang'], 'filter-lang')
  if (lang !== undefined && lang !== 'cql2-text' && lang !== 'cql-text')
    refuseFilter(`参数 filter-lang 只支持 cql2-text，收到“${lang}”`, 'filter-lang')
  const crs = single(query['filter-crs'], 'filter-crs') ?? CRS84
  if (crs !== CRS84 && crs !== CGCS2000)
    refuseFilter(`参数 filter-crs 的坐标系“${crs}”不支持，可用：${CRS84}、${CGCS2000}`, 'filter-crs')
  const text = single(query.filter, 'filter')
  if (text !== undefined) conditions.push([parseCql2Text(text, crs), 'filter'])
  const datetime = single(query.datetime, 'datetime')
  if (datetime !== undefined) conditions.push([parseDatetime(datetime, collection), 'datetime'])
  for (const p of queryablesOf(collection)?.properties.filter(isQueryable) ?? []) {
    const value = single(query[p.name], p.name)
    if (value === undefined) continue
    const left: Scalar = { kind: 'property', name: p.name, at: 0 }
    conditions.push([{ op: '=', left, right: propertyValue(p, value) }, p.name])
  }
  return conditions.length ? compileFilter(conditions, collection) : null
}

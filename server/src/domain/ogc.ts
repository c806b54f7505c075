/**
 * OGC API - Features (OGC 17-069r4 Part 1: Core; OGC 18-058r1 Part 2: Coordinate Reference Systems by Reference):
 * the conformance classes served, the CRS identifiers and axis orders, and the query parameters of an items request,
 * checked and refused in the officer's words.
 */
import { AppError } from './errors.ts'

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
] as const

/** OGC:CRS84, longitude first: the default CRS of Part 1. */
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
/** CGCS2000 geographic (EPSG:4490); as EPSG defines it, latitude comes first. */
export const CGCS2000 = 'http://www.opengis.net/def/crs/EPSG/0/4490'

/** The CRSs features are served in; the data are stored in CGCS2000, which the map and the public page treat as CRS84. */
export const SUPPORTED_CRS = [CRS84, CGCS2000] as const
export type SupportedCrs = (typeof SUPPORTED_CRS)[number]

/** Whether coordinates in `crs` come latitude first (EPSG:4490's axis order). */
export const isLatitudeFirst = (crs: SupportedCrs) => crs === CGCS2000

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

/** A checked items request: page size, the box (in CGCS2000 longitude/latitude), output CRS and the page's start. */
export interface ItemsQuery {
  limit: number
  /** [minLon, minLat, maxLon, maxLat], or null for no box. */
  bbox: [number, number, number, number] | null
  crs: SupportedCrs
  /** Opaque to the client: where the previous page ended; null for the first page. */
  cursor: string | null
}

/** `key`: a data sharing key sent as a query parameter (the service checks it before the items are read). */
const KNOWN_PARAMETERS = new Set(['limit', 'bbox', 'bbox-crs', 'crs', 'cursor', 'f', 'key'])

function refuse(message: string, field: string): never {
  throw new AppError('VALIDATION', message, { problems: [{ code: 'INVALID_PARAMETER', message, field }] })
}

const single = (value: unknown, name: string): string | undefined => {
  if (value === undefined) return undefined
  if (typeof value !== 'string') refuse(`参数 ${name} 只能给一次`, name)
  return value
}

function parseCrs(value: string | undefined, name: string): SupportedCrs {
  if (value === undefined) return CRS84
  const found = SUPPORTED_CRS.find((c) => c === value)
  if (!found) refuse(`参数 ${name} 的坐标系“${value}”不支持，可用：${SUPPORTED_CRS.join('、')}`, name)
  return found
}

/**
 * The parameters of `/collections/{id}/items` (Part 1 §7.15; Part 2 `crs` and `bbox-crs`). Unknown parameters are
 * refused (Part 1, /req/core/query-param-unknown), as is a box outside longitude/latitude ranges.
 */
export function parseItemsQuery(query: Record<string, unknown>): ItemsQuery {
  for (const name of Object.keys(query))
    if (!KNOWN_PARAMETERS.has(name)) refuse(`不认识的参数“${name}”，可用：limit、bbox、bbox-crs、crs、cursor`, name)
  const limitText = single(query.limit, 'limit')
  let limit = DEFAULT_LIMIT
  if (limitText !== undefined) {
    if (!/^\d{1,7}$/.test(limitText) || Number(limitText) < 1)
      refuse(`参数 limit 应为 1 到 ${MAX_LIMIT} 之间的整数，收到“${limitText}”`, 'limit')
    limit = Math.min(Number(limitText), MAX_LIMIT)
  }
  const crs = parseCrs(single(query.crs, 'crs'), 'crs')
  const bboxCrs = parseCrs(single(query['bbox-crs'], 'bbox-crs'), 'bbox-crs')
  const bboxText = single(query.bbox, 'bbox')
  let bbox: ItemsQuery['bbox'] = null
  if (bboxText !== undefined) {
    const n = bboxText.split(',').map((v) => (v.trim() === '' ? NaN : Number(v)))
    if (n.length !== 4 || !n.every(Number.isFinite))
      refuse(`参数 bbox 应为逗号分隔的 4 个数（最小经度,最小纬度,最大经度,最大纬度），收到“${bboxText}”`, 'bbox')
    const [minLon, minLat, maxLon, maxLat] = isLatitudeFirst(bboxCrs) ? [n[1], n[0], n[3], n[2]] : n
    if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90 || minLon > maxLon || minLat > maxLat)
      refuse(`参数 bbox“${bboxText}”超出经纬度范围，或最小值大于最大值`, 'bbox')
    bbox = [minLon, minLat, maxLon, maxLat]
  }
  const cursor = single(query.cursor, 'cursor') ?? null
  if (cursor !== null && !/^[\w.:-]{1,64}$/.test(cursor))
    refuse('参数 cursor 无效，请从上一页的 next 链接翻页', 'cursor')
  return { limit, bbox, crs, cursor }
}

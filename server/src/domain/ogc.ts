/**
 * OGC API - Features (OGC 17-069r4 Part 1: Core; OGC 18-058r1 Part 2: Coordinate Reference Systems by Reference):
 * the conformance classes served, the CRS identifiers and axis orders, and the query parameters of an items request,
 * checked and refused in the officer's words.
 */
import { AppError } from './errors.ts'
import { FILTER_CONFORMANCE, FILTER_PARAMETERS, parseItemsFilter, queryableNames } from './ogc-filter.ts'
import type { SqlFilter } from './ogc-filter-sql.ts'

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
  ...FILTER_CONFORMANCE,
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

/** The EPSG codes of CGCS2000 / 3-degree Gauss-Kruger CM 75E … CM 135E (no zone prefix), in steps of 3°. */
export const GAUSS_KRUGER_SRIDS = { first: 4534, last: 4554 } as const
const GAUSS_KRUGER_URI = /^http:\/\/www\.opengis\.net\/def\/crs\/EPSG\/0\/(45[3-5]\d)$/

/** The URI of an EPSG CRS, as Part 2 names it. */
export const epsgCrsUri = (srid: number) => `http://www.opengis.net/def/crs/EPSG/0/${srid}`

/**
 * A CRS features may be written in: CRS84, EPSG:4490, or a CGCS2000 3° Gauss-Krüger CRS (EPSG:4534–4554, output
 * only), which the service offers for the counties it serves.
 */
export type OutputCrs = SupportedCrs | `http://www.opengis.net/def/crs/EPSG/0/${number}`

/** The EPSG code of the Gauss-Krüger CRS `crs`, or null for a geographic one. */
export function gaussKrugerSridOf(crs: string): number | null {
  const m = GAUSS_KRUGER_URI.exec(crs)
  const srid = m ? Number(m[1]) : NaN
  return srid >= GAUSS_KRUGER_SRIDS.first && srid <= GAUSS_KRUGER_SRIDS.last ? srid : null
}

/** The EPSG code features are written in for `crs` (the data are stored in EPSG:4490). */
export const outputSridOf = (crs: OutputCrs) => gaussKrugerSridOf(crs) ?? 4490

/**
 * Whether the first coordinate in `crs` points north: latitude in EPSG:4490, and northing (X) in the Gauss-Krüger
 * CRSs, whose EPSG definitions order the axes northing, easting.
 */
export const isFirstAxisNorth = (crs: OutputCrs) => crs !== CRS84

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

/** A checked items request: page size, the box (in CGCS2000 longitude/latitude), output CRS and the page's start. */
export interface ItemsQuery {
  limit: number
  /** [minLon, minLat, maxLon, maxLat], or null for no box. */
  bbox: [number, number, number, number] | null
  crs: OutputCrs
  /** Opaque to the client: where the previous page ended (or, `backward`, where the next one starts); null: the first. */
  cursor: string | null
  /** The page before `cursor` (a `prev` link: its cursor starts with `-`), read backwards on the same key. */
  backward: boolean
  /** `filter`, `datetime` and the property filters as one SQL condition over the collection's properties, or null. */
  filter: SqlFilter | null
}

/** `key`: a data sharing key sent as a query parameter (the service checks it before the items are read). */
const KNOWN_PARAMETERS = new Set<string>([
  'limit',
  'bbox',
  'bbox-crs',
  'crs',
  'cursor',
  'f',
  'key',
  ...FILTER_PARAMETERS,
])

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
  if (!found) {
    const gaussKruger =
      name === 'crs' ? '，或所在区县的 CGCS2000 3 度带高斯-克吕格投影（EPSG 4534–4554，只用于输出）' : ''
    refuse(`参数 ${name} 的坐标系“${value}”不支持，可用：${SUPPORTED_CRS.join('、')}${gaussKruger}`, name)
  }
  return found
}

/**
 * The parameters of `/collections/{id}/items` (Part 1 §7.15; Part 2 `crs` and `bbox-crs`). Unknown parameters are
 * refused (Part 1, /req/core/query-param-unknown), as is a box outside longitude/latitude ranges.
 */
export function parseItemsQuery(query: Record<string, unknown>, collection: string | null = null): ItemsQuery {
  const filterable = collection === null ? [] : queryableNames(collection)
  for (const name of Object.keys(query))
    if (!KNOWN_PARAMETERS.has(name) && !filterable.includes(name))
      refuse(
        `不认识的参数“${name}”，可用：${['limit', 'bbox', 'bbox-crs', 'crs', 'cursor', ...(collection === null ? [] : [...FILTER_PARAMETERS, ...filterable])].join('、')}`,
        name,
      )
  const limitText = single(query.limit, 'limit')
  let limit = DEFAULT_LIMIT
  if (limitText !== undefined) {
    if (!/^\d{1,7}$/.test(limitText) || Number(limitText) < 1)
      refuse(`参数 limit 应为 1 到 ${MAX_LIMIT} 之间的整数，收到“${limitText}”`, 'limit')
    limit = Math.min(Number(limitText), MAX_LIMIT)
  }
  const crsText = single(query.crs, 'crs')
  const crs =
    crsText !== undefined && gaussKrugerSridOf(crsText) !== null ? (crsText as OutputCrs) : parseCrs(crsText, 'crs')
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
  const cursorText = single(query.cursor, 'cursor') ?? null
  if (cursorText !== null && !/^-?[\w.:]{1,64}$/.test(cursorText))
    refuse('参数 cursor 无效，请从上一页的 next 链接翻页', 'cursor')
  const backward = cursorText?.startsWith('-') ?? false
  const cursor = backward ? cursorText!.slice(1) : cursorText
  return {
    limit,
    bbox,
    crs,
    cursor,
    backward,
    filter: collection === null ? null : parseItemsFilter(query, collection),
  }
}

import { CGCS2000, CRS84 } from './ogc.ts'

/** The EPSG codes of CGCS2000 Gauss-Krüger projections: [first code, last code, zone width °, whether the code carries the zone]. */
const GAUSS_KRUGER_RANGES = [
  { from: 4491, to: 4501, width: 6, withZone: true },
  { from: 4502, to: 4512, width: 6, withZone: false },
  { from: 4513, to: 4533, width: 3, withZone: true },
  { from: 4534, to: 4554, width: 3, withZone: false },
] as const

/** A CGCS2000 Gauss-Krüger projection named as an officer knows it, or null for another EPSG code. */
function gaussKrugerLabel(code: number): string | null {
  const range = GAUSS_KRUGER_RANGES.find((r) => code >= r.from && code <= r.to)
  if (!range) return null
  const index = code - range.from
  if (range.width === 6) {
    const zone = 13 + index
    const meridian = zone * 6 - 3
    return range.withZone
      ? `CGCS2000 6度带高斯-克吕格投影，第 ${zone} 带（中央经线 ${meridian}°，坐标含带号，单位米；EPSG:${code}）`
      : `CGCS2000 6度带高斯-克吕格投影，中央经线 ${meridian}°（坐标不含带号，单位米；EPSG:${code}）`
  }
  const zone = 25 + index
  const meridian = zone * 3
  return range.withZone
    ? `CGCS2000 3度带高斯-克吕格投影，第 ${zone} 带（中央经线 ${meridian}°，坐标含带号，单位米；EPSG:${code}）`
    : `CGCS2000 3度带高斯-克吕格投影，中央经线 ${meridian}°（坐标不含带号，单位米；EPSG:${code}）`
}

/**
 * A CRS identifier of OGC API - Features Part 2 (`http://www.opengis.net/def/crs/…`) in an officer's words: the
 * geodetic datum, whether coordinates are longitude/latitude or plane metres, and the code the GIS software asks for.
 * CGCS2000 is the national datum (GB/T 18522 series; 自然资源部 requires it for land survey data).
 */
export function crsLabel(uri: string): string {
  if (uri === CRS84) return '经纬度，经度在前（OGC:CRS84；QGIS、ArcGIS、GDAL 默认；数据本身为 CGCS2000）'
  if (uri === CGCS2000) return 'CGCS2000 地理坐标（EPSG:4490，纬度在前）'
  const epsg = /\/def\/crs\/EPSG\/0\/(\d+)$/.exec(uri)
  if (!epsg) return uri
  return gaussKrugerLabel(Number(epsg[1])) ?? `EPSG:${epsg[1]}`
}

const TYPE_LABEL: Readonly<Record<string, string>> = {
  string: '文本',
  integer: '整数',
  number: '数值',
  boolean: '是/否',
  date: '日期',
  'date-time': '日期时间',
  timestamp: '日期时间',
  array: '列表',
  object: '结构化数据',
}

/** A field type (JSON Schema type or format) in an officer's words; an unknown type is shown as it is. */
export function fieldTypeLabel(type: string): string {
  return TYPE_LABEL[type] ?? type
}

import type { ExportValue } from './class-list-export.ts'
import type { MappedField } from './platform-package-field-map.ts'
import type { PackageField } from './platform-package-layers.ts'
import type { PackageCounty } from './platform-package.ts'

/** The Shapefile's text encoding: what the platforms take. */
export const SHAPEFILE_ENCODING = 'GBK'
export const CGCS2000_EPSG = 4490
export const PACKAGE_CRS = {
  code: `EPSG:${CGCS2000_EPSG}`,
  name: 'CGCS2000 地理坐标系（EPSG:4490），经度在前、纬度在后，单位：度',
} as const

/** Bytes of `text` in GBK: one for ASCII, two for every other character (one a GBK encoder cannot write becomes “?”). */
export function gbkLength(text: string): number {
  let bytes = 0
  for (const ch of text) bytes += ch.codePointAt(0)! < 0x80 ? 1 : 2
  return bytes
}

/** `text` cut to at most `maxBytes` bytes of GBK on a character boundary, ending in “…” (two bytes) when cut. */
export function fitGbkBytes(text: string, maxBytes: number): string {
  if (gbkLength(text) <= maxBytes) return text
  let bytes = 0
  let out = ''
  for (const ch of text) {
    const size = gbkLength(ch)
    if (bytes + size > maxBytes - 2) break
    bytes += size
    out += ch
  }
  return `${out}…`
}

/**
 * One row as a record keyed by the platform's field names. With `isDbf` every text is cut to its dBASE width in
 * GBK bytes, so the Shapefile never splits a character.
 */
export function toPackageRecord<R>(
  fields: readonly PackageField<R>[],
  mapped: readonly MappedField[],
  row: R,
  county: PackageCounty,
  options: { isDbf?: boolean } = {},
): Record<string, ExportValue> {
  const record: Record<string, ExportValue> = {}
  fields.forEach((field, i) => {
    const value = field.value(row, county)
    record[mapped[i].name] =
      options.isDbf && field.type === 'text' && typeof value === 'string' ? fitGbkBytes(value, field.width) : value
  })
  return record
}

/** OGR SQL that gives each Shapefile column its type and dBASE width (GDAL would make every text 80 bytes wide). */
export function dbfColumnsSql(layerName: string, fields: readonly MappedField[]): string {
  const columns = fields.map((f) => {
    const type =
      f.type === 'text'
        ? `character(${f.width})`
        : f.type === 'integer'
          ? `integer(${f.width})`
          : `numeric(${f.width},${f.precision ?? 2})`
    return `CAST("${f.name}" AS ${type}) AS "${f.name}"`
  })
  return `SELECT ${columns.join(', ')} FROM "${layerName}"`
}

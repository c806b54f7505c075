/**
 * The records of a polygon Shapefile read straight from its .shp, .shx and .dbf (ESRI Shapefile Technical
 * Description, July 1998; dBASE III table file), for imports of hundreds of thousands of 图斑: each polygon becomes
 * well-known binary (ISO/IEC 13249-3, OGC 06-103r4) for PostGIS to parse, its attributes are decoded as the officer's
 * encoding says. Other files, and Shapefiles of other shapes, are read by GDAL (layer-file.ts).
 *
 * What GDAL's Shapefile driver does and this reader does the same: records marked deleted in the .dbf are skipped,
 * a feature's index is its record number from 0, a null shape has no geometry, rings stay as written, a polygon of
 * one outer ring (clockwise) is a Polygon and one of several a MultiPolygon whose holes (anticlockwise rings) go to
 * the outer ring that contains them, Z and M values are left out, text is trimmed of blanks (a blank text is null) and a blank
 * number is null. test/unit/shapefile-records.test.ts compares both readers feature by feature.
 */

/** Shape types of polygons: Polygon, PolygonZ, PolygonM. */
const POLYGON_TYPES = new Set([5, 15, 25])

const viewOf = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)

/** The shape type in the .shp header, or null when the file is too short to have one. */
export function shapeTypeOf(shp: Uint8Array): number | null {
  return shp.length >= 100 ? viewOf(shp).getInt32(32, true) : null
}

export const isPolygonShapefile = (shp: Uint8Array) => POLYGON_TYPES.has(shapeTypeOf(shp) ?? -1)

interface DbfField {
  name: string
  type: string
  offset: number
  length: number
  decimals: number
}

interface DbfTable {
  records: number
  headerLength: number
  recordLength: number
  fields: DbfField[]
}

function readDbfHeader(dbf: Uint8Array, decoder: TextDecoder): DbfTable {
  const view = viewOf(dbf)
  const table: DbfTable = {
    records: view.getUint32(4, true),
    headerLength: view.getUint16(8, true),
    recordLength: view.getUint16(10, true),
    fields: [],
  }
  let offset = 1
  for (let at = 32; at + 32 <= table.headerLength && dbf[at] !== 0x0d; at += 32) {
    const raw = dbf.subarray(at, at + 11)
    const end = raw.indexOf(0)
    const length = dbf[at + 16]
    table.fields.push({
      name: decoder.decode(raw.subarray(0, end < 0 ? 11 : end)).trim(),
      type: String.fromCharCode(dbf[at + 11]).toUpperCase(),
      offset,
      length,
      decimals: dbf[at + 17],
    })
    offset += length
  }
  return table
}

const ASCII = new TextDecoder('latin1')

/** A value of one field of a record, typed as GDAL types it (numbers, dates as YYYY-MM-DD, logicals as booleans). */
function fieldValue(field: DbfField, bytes: Uint8Array, decoder: TextDecoder): unknown {
  if (field.type === 'C' || field.type === 'M') {
    let start = 0
    let end = bytes.length
    while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--
    while (start < end && bytes[start] === 0x20) start++
    if (end === start) return null
    for (let i = start; i < end; i++) if (bytes[i] >= 0x80) return decoder.decode(bytes.subarray(start, end))
    return ASCII.decode(bytes.subarray(start, end))
  }
  const text = ASCII.decode(bytes).trim()
  if (text === '' || /^\*+$/.test(text)) return null
  if (field.type === 'N' || field.type === 'F') {
    const n = Number(text)
    return Number.isFinite(n) ? n : null
  }
  if (field.type === 'D') {
    const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
    return m && text !== '00000000' ? `${m[1]}-${m[2]}-${m[3]}` : null
  }
  if (field.type === 'L') {
    if (/^[TtYy]$/.test(text)) return true
    if (/^[FfNn]$/.test(text)) return false
    return null
  }
  return text
}

/** Twice the signed area of a ring of the .shp (x, y at `at`, `count` points): negative when clockwise. */
function ringArea2(view: DataView, at: number, count: number): number {
  let sum = 0
  for (let i = 0; i + 1 < count; i++) {
    const p = at + i * 16
    sum +=
      view.getFloat64(p, true) * view.getFloat64(p + 24, true) -
      view.getFloat64(p + 16, true) * view.getFloat64(p + 8, true)
  }
  return sum
}

/** Whether (x, y) lies inside the ring (even-odd rule). */
function ringContains(view: DataView, at: number, count: number, x: number, y: number): boolean {
  let inside = false
  for (let i = 0, j = count - 1; i < count; j = i++) {
    const xi = view.getFloat64(at + i * 16, true)
    const yi = view.getFloat64(at + i * 16 + 8, true)
    const xj = view.getFloat64(at + j * 16, true)
    const yj = view.getFloat64(at + j * 16 + 8, true)
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

interface Ring {
  /** Byte offset of its first point in the .shp. */
  at: number
  count: number
}

/** The polygons of one record: each an outer ring and its holes. */
function groupRings(view: DataView, rings: Ring[]): Ring[][] {
  if (rings.length === 1) return [rings]
  const outers: Ring[][] = []
  const holes: Ring[] = []
  for (const r of rings) {
    if (ringArea2(view, r.at, r.count) <= 0) outers.push([r])
    else holes.push(r)
  }
  for (const hole of holes) {
    const x = view.getFloat64(hole.at, true)
    const y = view.getFloat64(hole.at + 8, true)
    const owner = outers.length === 1 ? outers[0] : outers.find((o) => ringContains(view, o[0].at, o[0].count, x, y))
    if (owner) owner.push(hole)
    else outers.push([hole])
  }
  return outers
}

/** Well-known binary (little-endian) of the polygon record whose content starts at `at`, or null for no points. */
function polygonWkb(shp: Uint8Array, view: DataView, at: number): Buffer | null {
  const parts = view.getInt32(at + 36, true)
  const points = view.getInt32(at + 40, true)
  if (parts <= 0 || points <= 0) return null
  const pointsAt = at + 44 + parts * 4
  const rings: Ring[] = []
  for (let p = 0; p < parts; p++) {
    const start = view.getInt32(at + 44 + p * 4, true)
    const end = p + 1 < parts ? view.getInt32(at + 44 + (p + 1) * 4, true) : points
    if (start < 0 || end > points || end <= start) throw new RangeError('ring out of range')
    rings.push({ at: pointsAt + start * 16, count: end - start })
  }
  if (pointsAt + points * 16 > shp.length) throw new RangeError('points beyond the file')
  const polygons = groupRings(view, rings)
  const single = polygons.length === 1
  let size = single ? 0 : 9
  for (const polygon of polygons) size += 9 + polygon.reduce((s, r) => s + 4 + r.count * 16, 0)
  const out = Buffer.allocUnsafe(size)
  let w = 0
  const header = (type: number, n: number) => {
    out[w] = 1
    out.writeUInt32LE(type, w + 1)
    out.writeUInt32LE(n, w + 5)
    w += 9
  }
  if (!single) header(6, polygons.length)
  for (const polygon of polygons) {
    header(3, polygon.length)
    for (const r of polygon) {
      out.writeUInt32LE(r.count, w)
      w += 4
      out.set(shp.subarray(r.at, r.at + r.count * 16), w)
      w += r.count * 16
    }
  }
  return out
}

/** A record as read: its index from 0, its attributes and its geometry as hex WKB in the file's CRS (or null). */
export interface ShapefileRecord {
  index: number
  properties: Record<string, unknown>
  wkbHex: string | null
}

export interface ShapefileFiles {
  shp: Uint8Array
  shx: Uint8Array
  dbf: Uint8Array
  /** The .dbf's text encoding, as TextDecoder names it ('utf-8', 'gbk'). */
  encoding: string
}

/** A damaged file: the record and what is wrong, for the officer's message. */
export class ShapefileDamaged extends Error {
  constructor(readonly record: number) {
    super(`damaged at record ${record}`)
  }
}

/**
 * The records of a polygon Shapefile in file order, in batches of `batchSize`; one batch is held at a time. The
 * .shx gives each record's place in the .shp; records deleted in the .dbf are skipped.
 */
export function* shapefileRecords(files: ShapefileFiles, batchSize: number): Generator<ShapefileRecord[]> {
  const { shp, shx, dbf } = files
  const decoder = new TextDecoder(files.encoding)
  const table = readDbfHeader(dbf, decoder)
  const shpView = viewOf(shp)
  const shxView = viewOf(shx)
  const count = Math.min(Math.floor((shx.length - 100) / 8), table.records)
  let batch: ShapefileRecord[] = []
  for (let i = 0; i < count; i++) {
    const rowAt = table.headerLength + i * table.recordLength
    if (rowAt + table.recordLength > dbf.length) throw new ShapefileDamaged(i + 1)
    if (dbf[rowAt] === 0x2a) continue
    const properties: Record<string, unknown> = {}
    for (const f of table.fields)
      properties[f.name] = fieldValue(f, dbf.subarray(rowAt + f.offset, rowAt + f.offset + f.length), decoder)
    const at = shxView.getInt32(100 + i * 8, false) * 2 + 8
    const length = shxView.getInt32(104 + i * 8, false) * 2
    let wkbHex: string | null = null
    if (length >= 4) {
      if (at + length > shp.length) throw new ShapefileDamaged(i + 1)
      const type = shpView.getInt32(at, true)
      if (type !== 0) {
        if (!POLYGON_TYPES.has(type) || length < 44) throw new ShapefileDamaged(i + 1)
        try {
          wkbHex = polygonWkb(shp, shpView, at)?.toString('hex') ?? null
        } catch {
          throw new ShapefileDamaged(i + 1)
        }
      }
    }
    batch.push({ index: i, properties, wkbHex })
    if (batch.length >= batchSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length) yield batch
}

/** A polygon Shapefile described from its headers, as GDAL's ogrinfo would list it. */
export interface ShapefileSummary {
  geometryType: string
  featureCount: number
  fields: { name: string; type: string }[]
  extent: { minX: number; minY: number; maxX: number; maxY: number } | null
  /** The attributes of the first records. */
  sampleRows: Record<string, unknown>[]
}

const GEOMETRY_TYPE: Readonly<Record<number, string>> = { 5: 'Polygon', 15: '3D Polygon', 25: 'Measured Polygon' }

/** GDAL's field types of a .dbf field (OGR Shapefile driver). */
function fieldType(f: DbfField): string {
  if (f.type === 'N' || f.type === 'F') {
    if (f.decimals > 0) return 'Real'
    return f.length < 10 ? 'Integer' : f.length <= 18 ? 'Integer64' : 'Real'
  }
  if (f.type === 'D') return 'Date'
  if (f.type === 'L') return 'Integer'
  return 'String'
}

/**
 * The layer of a polygon Shapefile from its headers: shape type, records not deleted, fields and their types, the
 * extent of the .shp header, and the first records' attributes; null when the three files do not hold together
 * (GDAL then reads the file and says what is wrong).
 */
export function describeShapefile(files: ShapefileFiles, sampleCount: number): ShapefileSummary | null {
  const { shp, shx, dbf } = files
  if (shp.length < 100 || shx.length < 100 || dbf.length < 32) return null
  const shpView = viewOf(shp)
  if (shpView.getInt32(0, false) !== 9994) return null
  const type = shpView.getInt32(32, true)
  const decoder = new TextDecoder(files.encoding)
  const table = readDbfHeader(dbf, decoder)
  const count = Math.floor((shx.length - 100) / 8)
  if (!GEOMETRY_TYPE[type] || table.fields.length === 0 || count !== table.records) return null
  if (table.headerLength + table.records * table.recordLength > dbf.length) return null
  let featureCount = 0
  const sampleRows: Record<string, unknown>[] = []
  for (let i = 0; i < table.records; i++) {
    const rowAt = table.headerLength + i * table.recordLength
    if (dbf[rowAt] === 0x2a) continue
    featureCount++
    if (sampleRows.length < sampleCount) {
      const row: Record<string, unknown> = {}
      for (const f of table.fields)
        row[f.name] = fieldValue(f, dbf.subarray(rowAt + f.offset, rowAt + f.offset + f.length), decoder)
      sampleRows.push(row)
    }
  }
  const box = [36, 44, 52, 60].map((at) => shpView.getFloat64(at, true))
  return {
    geometryType: GEOMETRY_TYPE[type],
    featureCount,
    fields: table.fields.map((f) => ({ name: f.name, type: fieldType(f) })),
    extent:
      featureCount > 0 && box.every(Number.isFinite)
        ? { minX: box[0], minY: box[1], maxX: box[2], maxY: box[3] }
        : null,
    sampleRows,
  }
}

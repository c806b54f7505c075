import type { GdalJs } from 'gdal3.js/node.js'
import {
  checkExtentFits,
  detectFromCrsName,
  detectFromPrj,
  detectFromRanges,
  type CrsResult,
  type Extent,
  type MeridianHint,
} from '../domain/crs-detect.ts'
import { AppError } from '../domain/errors.ts'
import type { ZipEntry } from '../domain/zip-directory.ts'
import { runGdalInWorkspace } from './gdal.ts'
import {
  describeShapefile,
  isPolygonShapefile,
  ShapefileDamaged,
  shapefileRecords,
  type ShapefileFiles,
} from './shapefile-records.ts'
import { openArchive, runHeavyUpload, type UploadGuardSettings } from './upload-guard.ts'

/** The layer file formats every import reads. */
export type LayerFormat = 'shapefile' | 'geopackage' | 'filegdb' | 'geojson'

/** Encodings of a Shapefile's .dbf the officer can choose (GBK also reads GB2312 and CP936 files). */
export type DbfEncoding = 'UTF-8' | 'GBK'

/** How the encoding of a .dbf was decided, and a few text values decoded each way for the officer to judge. */
export interface EncodingFinding {
  encoding: DbfEncoding
  how: 'cpg' | 'content' | 'user'
  reason: string
  /** Text values of the first records (名称 fields first), decoded as UTF-8 and as GBK. */
  samples: { field: string; decoded: Record<DbfEncoding, string> }[]
}

export interface LayerField {
  name: string
  type: string
}

/** One layer of a file as GDAL lists it. */
export interface LayerSummary {
  name: string
  geometryType: string
  featureCount: number
  fields: LayerField[]
  /** Raw coordinates of the layer's features, in the file's own CRS; null for an empty layer. */
  extent: Extent | null
}

/** A file opened for import: its layers, the chosen one, the CRS found and, for a Shapefile, its text encoding. */
export interface LayerFileInfo {
  fileName: string
  format: LayerFormat
  layers: LayerSummary[]
  layer: LayerSummary
  /** The CRS the file declares, else the one its coordinate ranges suggest, or the refusal in the officer's words. */
  crs: CrsResult
  /** Why the CRS was taken, for the officer (file declaration or coordinate ranges). */
  crsReason: string
  encoding: EncodingFinding | null
  /** The attributes of the first features (decoded as `encoding` says). */
  sampleRows: Record<string, unknown>[]
}

/** A feature as read: its position in the layer, its attributes and its geometry as GeoJSON text in the file's CRS. */
export interface LayerFeature {
  index: number
  properties: Record<string, unknown>
  /**
   * GeoJSON geometry text (null for a feature without geometry), coordinates in the file's own CRS; with
   * `geometryAs: 'wkb'`, the features of a polygon Shapefile come as hex well-known binary instead (text that does
   * not start with `{`).
   */
  geometry: string | null
}

export interface LayerFileInput {
  fileName: string
  bytes: Uint8Array
}

export interface LayerFileOptions {
  guard: UploadGuardSettings
  /** The layer to read (by name); else the layer named like `preferLayer`, else the only or first polygon layer. */
  layer?: string
  /** Layer names to prefer when the officer chose none, e.g. ['DLTB']. */
  preferLayers?: readonly string[]
  /** The .dbf encoding the officer chose; else the .cpg's or the one the content shows. */
  encoding?: DbfEncoding
  /** Central meridians of the counties concerned, for unprefixed Gauss-Krüger eastings of a file without a CRS. */
  meridianHints?: MeridianHint[]
  /**
   * 'wkb': a polygon Shapefile is read record by record without GDAL (shapefile-records.ts), its geometries as hex
   * WKB, for imports of a whole county's 图斑; other files come as GeoJSON either way.
   */
  geometryAs?: 'geojson' | 'wkb'
}

const ACCEPTED =
  'Shapefile 压缩包（.zip，含 .shp/.shx/.dbf/.prj）、GeoPackage（.gpkg）、FileGDB 压缩包（.zip，含 .gdb 文件夹）或 GeoJSON（.geojson/.json）'

function refuse(message: string, reason: string): never {
  throw new AppError('VALIDATION', message, { reason })
}

/**
 * GDAL's own failure on a file it cannot read (gdal3.js rejects with an array of its messages) as the officer's
 * 400: a damaged file or one whose content is not the format its name says.
 */
async function readableBy<T>(fileName: string, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof AppError) throw error
    refuse(
      `无法读取“${fileName}”：文件已损坏，或内容与格式不符。请用原软件重新导出后上传（可接受：${ACCEPTED}）`,
      'MALFORMED_FILE',
    )
  }
}

/** A file to place in GDAL's file system, at a path relative to the working folder. */
interface PlacedFile {
  path: string
  bytes: Uint8Array
}

interface Unpacked {
  format: LayerFormat
  /** Relative path GDAL opens (a .shp, a .gpkg, a .gdb folder, a .geojson). */
  open: string
  files: PlacedFile[]
  prj?: string
  cpg?: string
  dbf?: Uint8Array
}

const extensionOf = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''

/** The files of an upload, unpacked through the upload guard (zip-bomb checks before anything is inflated). */
async function unpack(input: LayerFileInput, guard: UploadGuardSettings): Promise<Unpacked> {
  const { fileName, bytes } = input
  if (bytes.length === 0) refuse(`“${fileName}”是空文件`, 'MALFORMED_FILE')
  const ext = extensionOf(fileName)
  if (ext === 'gpkg') return { format: 'geopackage', open: 'upload.gpkg', files: [{ path: 'upload.gpkg', bytes }] }
  if (ext === 'geojson' || ext === 'json')
    return { format: 'geojson', open: 'upload.geojson', files: [{ path: 'upload.geojson', bytes }] }
  if (['shp', 'shx', 'dbf', 'prj', 'cpg'].includes(ext))
    refuse(
      `“${fileName}”是 Shapefile 的一个组成文件，请把同名的 .shp、.shx、.dbf、.prj 一起压缩成一个 .zip 文件后上传`,
      'SHAPEFILE_NOT_ZIPPED',
    )
  if (ext !== 'zip') refuse(`不支持“${fileName}”的文件格式，请上传 ${ACCEPTED}`, 'UNSUPPORTED_FORMAT')
  const archive = openArchive(
    bytes,
    {
      label: `压缩包“${fileName}”`,
      malformed: `“${fileName}”不是有效的压缩包（文件可能已损坏），请重新导出或压缩后上传`,
      hint: '请只压缩要导入的图层文件',
    },
    guard,
  )
  const entries = archive.files.filter((f) => !/(^|\/)(__MACOSX\/|\._)/.test(f.name))
  const gdbEntries = entries.filter((f) => /(^|\/)[^/]+\.gdb\/[^/]+$/i.test(f.name))
  if (gdbEntries.length) return unpackFileGdb(fileName, gdbEntries, archive.read)
  const gpkg = entries.filter((f) => /\.gpkg$/i.test(f.name))
  const shps = entries.filter((f) => /\.shp$/i.test(f.name))
  if (!shps.length && gpkg.length === 1)
    return {
      format: 'geopackage',
      open: 'upload.gpkg',
      files: [{ path: 'upload.gpkg', bytes: await archive.read(gpkg[0]) }],
    }
  return unpackShapefile(fileName, entries, shps, archive.read)
}

async function unpackFileGdb(
  fileName: string,
  entries: ZipEntry[],
  read: (e: ZipEntry) => Promise<Uint8Array>,
): Promise<Unpacked> {
  const folders = [...new Set(entries.map((f) => /^(.*?[^/]+\.gdb)\//i.exec(f.name)![1]))]
  if (folders.length > 1)
    refuse(
      `压缩包“${fileName}”中有 ${folders.length} 个 .gdb 文件夹（${folders.join('、')}），一次只能导入一个数据库`,
      'SEVERAL_DATASETS',
    )
  const files: PlacedFile[] = []
  for (const entry of entries) {
    const base = entry.name.slice(folders[0].length + 1)
    files.push({ path: `upload.gdb/${base}`, bytes: await read(entry) })
  }
  return { format: 'filegdb', open: 'upload.gdb', files }
}

async function unpackShapefile(
  fileName: string,
  entries: ZipEntry[],
  shps: ZipEntry[],
  read: (e: ZipEntry) => Promise<Uint8Array>,
): Promise<Unpacked> {
  const listed =
    entries
      .map((f) => f.name)
      .slice(0, 10)
      .join('、') || '（空）'
  if (shps.length === 0)
    refuse(
      `压缩包“${fileName}”中没有 .shp 文件、.gdb 文件夹或 .gpkg 文件（包内有：${listed}），请上传 ${ACCEPTED}`,
      'NO_LAYER_IN_ZIP',
    )
  if (shps.length > 1)
    refuse(
      `压缩包“${fileName}”中有 ${shps.length} 个 .shp 文件（${shps.map((f) => f.name).join('、')}），一次只能导入一个图层`,
      'SEVERAL_DATASETS',
    )
  const base = shps[0].name.slice(0, -4).toLowerCase()
  const sibling = (e: string) => entries.find((f) => f.name.toLowerCase() === `${base}.${e}`)
  const missing = ['shx', 'dbf'].filter((e) => !sibling(e))
  if (missing.length)
    refuse(
      `压缩包“${fileName}”中缺少与 ${shps[0].name} 同名的 ${missing.map((e) => `.${e}`).join('、')} 文件，请一起压缩后上传`,
      'SHAPEFILE_INCOMPLETE',
    )
  const layerName = /([^/]+)\.shp$/i.exec(shps[0].name)![1]
  const safeName = /^[\w-]+$/.test(layerName) ? layerName : 'upload'
  const files: PlacedFile[] = []
  let prj: string | undefined
  let cpg: string | undefined
  let dbf: Uint8Array | undefined
  for (const e of ['shp', 'shx', 'dbf', 'prj']) {
    const entry = sibling(e)
    if (!entry) continue
    const data = await read(entry)
    files.push({ path: `${safeName}.${e}`, bytes: data })
    if (e === 'prj') prj = new TextDecoder().decode(data)
    if (e === 'dbf') dbf = data
  }
  const cpgEntry = sibling('cpg')
  if (cpgEntry) cpg = new TextDecoder().decode(await read(cpgEntry)).trim()
  return { format: 'shapefile', open: `${safeName}.shp`, files, prj, cpg, dbf }
}

/** A text field of a .dbf (xBase), with its byte offset inside a record. */
interface DbfTextField {
  name: string
  offset: number
  length: number
}

/** The text fields of a .dbf and the raw bytes of its first records (dBASE III header; deleted records skipped). */
function readDbfText(dbf: Uint8Array, maxRecords: number): { fields: DbfTextField[]; records: Uint8Array[] } {
  if (dbf.length < 32) return { fields: [], records: [] }
  const view = new DataView(dbf.buffer, dbf.byteOffset, dbf.byteLength)
  const recordCount = view.getUint32(4, true)
  const headerLength = view.getUint16(8, true)
  const recordLength = view.getUint16(10, true)
  const fields: DbfTextField[] = []
  let offset = 1
  for (let at = 32; at + 32 <= headerLength && dbf[at] !== 0x0d; at += 32) {
    const nameBytes = dbf.subarray(at, at + 11)
    const end = nameBytes.indexOf(0)
    const name = new TextDecoder('latin1').decode(nameBytes.subarray(0, end < 0 ? 11 : end)).trim()
    const length = dbf[at + 16]
    if (String.fromCharCode(dbf[at + 11]) === 'C') fields.push({ name, offset, length })
    offset += length
  }
  const records: Uint8Array[] = []
  for (let i = 0; i < recordCount && records.length < maxRecords; i++) {
    const start = headerLength + i * recordLength
    if (start + recordLength > dbf.length) break
    if (dbf[start] === 0x2a) continue
    records.push(dbf.subarray(start, start + recordLength))
  }
  return { fields, records }
}

function encodingOfCpg(cpg: string): DbfEncoding | undefined {
  const t = cpg
    .trim()
    .toUpperCase()
    .replace(/[\s_-]/g, '')
  if (['UTF8', '65001'].includes(t)) return 'UTF-8'
  if (['GBK', 'CP936', '936', 'GB2312', 'GB18030', 'ANSI936', 'MS936'].includes(t)) return 'GBK'
  return undefined
}

const decodeAs = (bytes: Uint8Array, encoding: DbfEncoding) =>
  new TextDecoder(encoding === 'UTF-8' ? 'utf-8' : 'gbk').decode(bytes).replace(/[\s\0]+$/, '')

/** Fields whose names hold place names (坐落/权属单位名称) are shown first among the samples. */
const NAME_FIELDS = ['ZLDWMC', 'QSDWMC', 'XZQMC', 'DLMC']

/**
 * The encoding of a .dbf: the .cpg when it names one; else UTF-8 when every text value is valid UTF-8 (or plain
 * ASCII), else GBK (三调 databases exported from ArcGIS write the system code page, GBK, with no .cpg).
 */
function findEncoding(dbf: Uint8Array, cpg: string | undefined, chosen: DbfEncoding | undefined): EncodingFinding {
  const { fields, records } = readDbfText(dbf, 500)
  const bytesOf = (f: DbfTextField, r: Uint8Array) => r.subarray(f.offset, f.offset + f.length)
  const ordered = [
    ...NAME_FIELDS.flatMap((n) => fields.filter((f) => f.name.toUpperCase() === n)),
    ...fields.filter((f) => !NAME_FIELDS.includes(f.name.toUpperCase())),
  ]
  const samples: EncodingFinding['samples'] = []
  for (const f of ordered) {
    for (const r of records) {
      const raw = bytesOf(f, r)
      if (!raw.some((b) => b >= 0x80)) continue
      samples.push({ field: f.name, decoded: { 'UTF-8': decodeAs(raw, 'UTF-8'), GBK: decodeAs(raw, 'GBK') } })
      break
    }
    if (samples.length >= 4) break
  }
  if (chosen) return { encoding: chosen, how: 'user', reason: `按您选择的 ${chosen} 编码读取属性`, samples }
  const fromCpg = cpg === undefined ? undefined : encodingOfCpg(cpg)
  if (fromCpg) return { encoding: fromCpg, how: 'cpg', reason: `.cpg 文件注明编码为“${cpg}”`, samples }
  let nonAscii = 0
  let validUtf8 = true
  const strict = new TextDecoder('utf-8', { fatal: true })
  for (const r of records) {
    for (const f of fields) {
      const raw = bytesOf(f, r)
      if (!raw.some((b) => b >= 0x80)) continue
      nonAscii++
      try {
        strict.decode(raw)
      } catch {
        validUtf8 = false
      }
    }
  }
  const noCpg = cpg === undefined ? '没有 .cpg 编码说明文件' : `.cpg 文件的“${cpg}”不是可识别的编码`
  if (nonAscii === 0)
    return { encoding: 'UTF-8', how: 'content', reason: `${noCpg}，属性中没有中文，按 UTF-8 读取`, samples }
  if (validUtf8) return { encoding: 'UTF-8', how: 'content', reason: `${noCpg}，中文属性是有效的 UTF-8 编码`, samples }
  return {
    encoding: 'GBK',
    how: 'content',
    reason: `${noCpg}，中文属性不是 UTF-8 编码，按 GBK（ArcGIS 导出的三调数据常用）读取`,
    samples,
  }
}

function placeFiles(gdal: GdalJs, dir: string, files: PlacedFile[]) {
  const made = new Set<string>()
  for (const f of files) {
    const parts = f.path.split('/')
    for (let i = 1; i < parts.length; i++) {
      const folder = `${dir}/${parts.slice(0, i).join('/')}`
      if (made.has(folder)) continue
      gdal.Module.FS.mkdir(folder)
      made.add(folder)
    }
    gdal.Module.FS.writeFile(`${dir}/${f.path}`, f.bytes)
  }
}

/** Removes what placeFiles wrote below the input folder (the workspace's own clean removes flat files only). */
function removeTree(gdal: GdalJs, dir: string) {
  const fs = gdal.Module.FS
  for (const name of fs.readdir(dir)) {
    if (name === '.' || name === '..') continue
    const p = `${dir}/${name}`
    if (fs.isDir(fs.stat(p).mode)) {
      removeTree(gdal, p)
      fs.rmdir(p)
    } else fs.unlink(p)
  }
}

function summariseLayers(info: any): LayerSummary[] {
  return (info?.layers ?? []).map((l: any) => {
    const g = l.geometryFields?.[0]
    const e = g?.extent as number[] | undefined
    return {
      name: String(l.name),
      geometryType: String(g?.type ?? 'None'),
      featureCount: Number(l.featureCount ?? 0),
      fields: (l.fields ?? []).map((f: any) => ({ name: String(f.name), type: String(f.type) })),
      extent:
        e && e.length === 4 && e.every(Number.isFinite) ? { minX: e[0], minY: e[1], maxX: e[2], maxY: e[3] } : null,
      crsWkt: g?.coordinateSystem?.wkt as string | undefined,
      crsEpsg:
        g?.coordinateSystem?.projjson?.id?.authority === 'EPSG'
          ? Number(g.coordinateSystem.projjson.id.code)
          : undefined,
    }
  })
}

function chooseLayer(fileName: string, layers: (LayerSummary & { crsWkt?: string })[], options: LayerFileOptions) {
  if (options.layer !== undefined) {
    const named = layers.find((l) => l.name === options.layer)
    if (!named)
      refuse(
        `“${fileName}”中没有名为“${options.layer}”的图层（有：${layers.map((l) => l.name).join('、')}）`,
        'NO_SUCH_LAYER',
      )
    return named
  }
  // a layer of mixed geometry (GeoJSON: Unknown) is taken too: its features that are not polygons are refused one
  // by one in the report, instead of the whole file for one stray point
  const polygons = [
    ...layers.filter((l) => /polygon/i.test(l.geometryType)),
    ...layers.filter((l) => /^(unknown|geometry)/i.test(l.geometryType)),
  ]
  const preferred = (options.preferLayers ?? []).map((p) => p.toUpperCase())
  return (
    polygons.find((l) => preferred.includes(l.name.toUpperCase())) ??
    polygons[0] ??
    refuse(
      `“${fileName}”中没有面状图层（读到的图层：${layers.map((l) => `${l.name}（${l.geometryType}）`).join('、') || '无'}）`,
      'NO_POLYGON_LAYER',
    )
  )
}

/**
 * The longitude/latitude CRS of a 3D one: GDAL names a GeoJSON with heights WGS 84 3D (EPSG:4979), a CGCS2000 one
 * EPSG:4480; the heights are not used.
 */
const HORIZONTAL_OF_3D: Readonly<Record<number, number>> = { 4979: 4326, 4480: 4490 }

function findCrs(
  unpacked: Unpacked,
  layer: LayerSummary & { crsWkt?: string; crsEpsg?: number },
  hints: MeridianHint[] | undefined,
): { crs: CrsResult; crsReason: string } {
  let declared: CrsResult | undefined
  let reason = ''
  if (unpacked.format === 'shapefile' && unpacked.prj !== undefined) {
    declared = detectFromPrj(unpacked.prj)
    reason = '按 .prj 坐标系说明文件'
  } else if (unpacked.format !== 'shapefile' && layer.crsEpsg !== undefined) {
    declared = detectFromCrsName(`EPSG:${HORIZONTAL_OF_3D[layer.crsEpsg] ?? layer.crsEpsg}`)
    reason = `按图层注明的坐标系 EPSG:${layer.crsEpsg}`
  } else if (unpacked.format !== 'shapefile' && layer.crsWkt) {
    declared = detectFromPrj(layer.crsWkt)
    reason = '按图层注明的坐标系'
  }
  if (declared) {
    if (declared.ok && layer.extent) {
      const fits = checkExtentFits(declared.crs, layer.extent)
      if (!fits.ok) return { crs: fits, crsReason: reason }
    }
    return { crs: declared, crsReason: declared.ok ? `${reason}：${declared.crs.label}` : reason }
  }
  if (!layer.extent)
    return {
      crs: { ok: false, code: 'UNKNOWN_CRS', message: '图层没有坐标系说明，也没有可判断坐标范围的要素' },
      crsReason: '',
    }
  const guessed = detectFromRanges(layer.extent, { counties: hints })
  return {
    crs: guessed,
    crsReason: guessed.ok ? `文件没有坐标系说明，按坐标范围判断为${guessed.crs.label}` : '文件没有坐标系说明',
  }
}

interface Opened {
  info: LayerFileInfo
  unpacked: Unpacked
}

function cpgFor(encoding: DbfEncoding) {
  return encoding === 'GBK' ? 'CP936' : 'UTF-8'
}

/** The files handed to GDAL: for a Shapefile a .cpg naming the chosen encoding, so GDAL decodes the .dbf with it. */
function gdalFiles(unpacked: Unpacked, encoding: EncodingFinding | null): PlacedFile[] {
  if (unpacked.format !== 'shapefile' || !encoding) return unpacked.files
  const base = unpacked.open.slice(0, -4)
  return [...unpacked.files, { path: `${base}.cpg`, bytes: new TextEncoder().encode(cpgFor(encoding.encoding)) }]
}

type Described = {
  layers: (LayerSummary & { crsWkt?: string; crsEpsg?: number })[]
  layer: LayerSummary & { crsWkt?: string; crsEpsg?: number }
  sampleRows: Record<string, unknown>[]
}

/** The layers of the file as GDAL lists them, the chosen one and its first features' attributes. */
async function describeWithGdal(
  fileName: string,
  unpacked: Unpacked,
  encoding: EncodingFinding | null,
  options: LayerFileOptions,
): Promise<Described> {
  const { result, clean } = await readableBy(
    fileName,
    runGdalInWorkspace(async (gdal, ws) => {
      try {
        placeFiles(gdal, ws.input, gdalFiles(unpacked, encoding))
        const { datasets } = await gdal.open(`${ws.input}/${unpacked.open}`)
        if (!datasets[0])
          refuse(`无法读取“${fileName}”：文件内容与格式不符或已损坏，请用原软件重新导出后上传`, 'MALFORMED_FILE')
        try {
          const info = await gdal.ogrinfo(datasets[0], ['-so', '-al'])
          const layers = summariseLayers(info)
          const layer = chooseLayer(fileName, layers, options)
          const sampleRows = await readSampleRows(gdal, datasets[0], ws, layer.name)
          return { layers, layer, sampleRows }
        } finally {
          await gdal.close(datasets[0])
        }
      } finally {
        removeTree(gdal, ws.input)
      }
    }),
  )
  clean()
  return result
}

/**
 * A polygon Shapefile described from its headers (shapefile-records.ts) without placing it in GDAL's memory: the one
 * layer, named as GDAL names it; null for any other file.
 */
function describeWithoutGdal(
  fileName: string,
  unpacked: Unpacked,
  encoding: EncodingFinding | null,
  options: LayerFileOptions,
): Described | null {
  const files = shapefileFiles(unpacked, encoding?.encoding)
  const summary = files && describeShapefile(files, SAMPLE_ROWS)
  if (!summary) return null
  const { sampleRows, ...rest } = summary
  const layer = { name: unpacked.open.slice(0, -4), ...rest }
  return { layers: [layer], layer: chooseLayer(fileName, [layer], options), sampleRows }
}

async function openUnpacked(input: LayerFileInput, options: LayerFileOptions): Promise<Opened> {
  const unpacked = await unpack(input, options.guard)
  const encoding =
    unpacked.format === 'shapefile' && unpacked.dbf ? findEncoding(unpacked.dbf, unpacked.cpg, options.encoding) : null
  const result =
    describeWithoutGdal(input.fileName, unpacked, encoding, options) ??
    (await describeWithGdal(input.fileName, unpacked, encoding, options))
  const { crs, crsReason } = findCrs(unpacked, result.layer, options.meridianHints)
  const strip = ({ name, geometryType, featureCount, fields, extent }: LayerSummary): LayerSummary => ({
    name,
    geometryType,
    featureCount,
    fields,
    extent,
  })
  return {
    unpacked,
    info: {
      fileName: input.fileName,
      format: unpacked.format,
      layers: result.layers.map(strip),
      layer: strip(result.layer),
      crs,
      crsReason,
      encoding,
      sampleRows: result.sampleRows,
    },
  }
}

const SAMPLE_ROWS = 5

async function readSampleRows(
  gdal: GdalJs,
  dataset: Parameters<GdalJs['close']>[0],
  ws: { job: string; output: string },
  layer: string,
): Promise<Record<string, unknown>[]> {
  await gdal.ogr2ogr(
    dataset,
    ['-f', 'GeoJSON', '-limit', String(SAMPLE_ROWS), '-lco', 'RFC7946=NO', layer],
    `${ws.job}/sample`,
  )
  const text = new TextDecoder().decode(await gdal.getFileBytes(`${ws.output}/sample.geojson`))
  gdal.Module.FS.unlink(`${ws.output}/sample.geojson`)
  return (JSON.parse(text).features ?? []).map((f: { properties: Record<string, unknown> }) => f.properties ?? {})
}

/**
 * Opens an uploaded layer file (zipped Shapefile, GeoPackage, zipped FileGDB folder, GeoJSON) and describes it: its
 * layers with fields and feature counts, the layer to import, the CRS declared or suggested by the coordinates (with
 * the reason, or the refusal of a legacy or unknown CRS), and for a Shapefile the .dbf encoding with decoded samples.
 * One heavy upload is read at a time; zips go through the upload guard. Nothing is written.
 */
export async function inspectLayerFile(input: LayerFileInput, options: LayerFileOptions): Promise<LayerFileInfo> {
  return runHeavyUpload(options.guard, () => describeLayerFile(input, options))
}

/**
 * {@link inspectLayerFile} for a caller that already holds the one heavy upload (`runHeavyUpload`), e.g. an import
 * that describes the file and then reads its features.
 */
export async function describeLayerFile(input: LayerFileInput, options: LayerFileOptions): Promise<LayerFileInfo> {
  return (await openUnpacked(input, options)).info
}

/** The parts of a polygon Shapefile for shapefile-records.ts, or null for any other file (GDAL reads those). */
function shapefileFiles(unpacked: Unpacked, chosen: DbfEncoding | undefined): ShapefileFiles | null {
  if (unpacked.format !== 'shapefile' || !unpacked.dbf) return null
  const part = (ext: string) => unpacked.files.find((f) => f.path.endsWith(`.${ext}`))?.bytes
  const shp = part('shp')
  const shx = part('shx')
  if (!shp || !shx || !isPolygonShapefile(shp)) return null
  const encoding = findEncoding(unpacked.dbf, unpacked.cpg, chosen).encoding
  return { shp, shx, dbf: unpacked.dbf, encoding: encoding === 'GBK' ? 'gbk' : 'utf-8' }
}

const FEATURE_LINE = /^\{\s*"type"\s*:\s*"Feature"/

/**
 * Streams the features of the chosen layer in batches of `batchSize`, attributes decoded as the options say and
 * geometries untouched in the file's CRS. GDAL writes the layer once into its in-memory file system, one feature a
 * line; the batches are read from there piece by piece, so no more than one batch of features is held in
 * JavaScript. The working files are removed when the iteration ends or is left.
 */
export async function* readLayerFeatures(
  input: LayerFileInput,
  options: LayerFileOptions,
  batchSize: number,
): AsyncGenerator<LayerFeature[], void, undefined> {
  if (options.geometryAs === 'wkb') {
    const unpacked = await unpack(input, options.guard)
    const files = shapefileFiles(unpacked, options.encoding)
    if (files) {
      try {
        for (const batch of shapefileRecords(files, batchSize))
          yield batch.map((r) => ({ index: r.index, properties: r.properties, geometry: r.wkbHex }))
      } catch (error) {
        if (!(error instanceof ShapefileDamaged)) throw error
        refuse(
          `无法读取“${input.fileName}”：第 ${error.record} 条记录已损坏（.shp、.shx 与 .dbf 不一致）。请用原软件重新导出后上传`,
          'MALFORMED_FILE',
        )
      }
      return
    }
  }
  const { unpacked, info } = await openUnpacked(input, options)
  const { result: path, clean } = await readableBy(
    input.fileName,
    runGdalInWorkspace(async (gdal, ws) => {
      try {
        placeFiles(gdal, ws.input, gdalFiles(unpacked, info.encoding))
        const { datasets } = await gdal.open(`${ws.input}/${unpacked.open}`)
        if (!datasets[0]) refuse(`无法读取“${input.fileName}”`, 'MALFORMED_FILE')
        try {
          const args = [
            '-f',
            'GeoJSON',
            '-preserve_fid',
            '-lco',
            'RFC7946=NO',
            '-lco',
            'WRITE_BBOX=NO',
            info.layer.name,
          ]
          await gdal.ogr2ogr(datasets[0], args, `${ws.job}/features`)
        } finally {
          await gdal.close(datasets[0])
        }
        return { gdal, file: `${ws.output}/features.geojson` }
      } finally {
        removeTree(gdal, ws.input)
      }
    }),
  )
  try {
    const fs = path.gdal.Module.FS
    const stream = fs.open(path.file, 'r')
    try {
      const chunk = new Uint8Array(1 << 20)
      const decoder = new TextDecoder()
      let rest = ''
      let batch: LayerFeature[] = []
      let position = 0
      for (;;) {
        const n = fs.read(stream, chunk, 0, chunk.length, position)
        position += n
        const text = rest + decoder.decode(chunk.subarray(0, n), { stream: n > 0 })
        const lines = text.split('\n')
        rest = n > 0 ? lines.pop()! : ''
        for (const line of lines) {
          if (!FEATURE_LINE.test(line)) continue
          const f = JSON.parse(line.replace(/,\s*$/, ''))
          batch.push({
            index: Number(f.id),
            properties: f.properties ?? {},
            geometry: f.geometry ? JSON.stringify(f.geometry) : null,
          })
          if (batch.length >= batchSize) {
            yield batch
            batch = []
          }
        }
        if (n === 0) break
      }
      if (batch.length) yield batch
    } finally {
      fs.close(stream)
    }
  } finally {
    clean()
  }
}

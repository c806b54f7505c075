import type { GdalJs } from 'gdal3.js/node.js'
import type { CrsResult, Extent, MeridianHint } from '../domain/crs-detect.ts'
import { runGdalInWorkspace } from './gdal.ts'
import {
  describeShapefile,
  isPolygonShapefile,
  ShapefileDamaged,
  shapefileRecords,
  type ShapefileFiles,
} from './shapefile-records.ts'
import { runHeavyUpload, type UploadGuardSettings } from './upload-guard.ts'
import { cpgFor, findEncoding } from './layer-file-encoding.ts'
import { chooseLayer, findCrs, placeFiles, removeTree, summariseLayers } from './layer-file-layers.ts'
import { readableBy, refuse, unpack, type PlacedFile, type Unpacked } from './layer-file-unpack.ts'

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

interface Opened {
  info: LayerFileInfo
  unpacked: Unpacked
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

import type { CrsResult } from '../domain/crs-detect.ts'
import { AppError } from '../domain/errors.ts'
import {
  inspectLayerFile,
  readLayerFeatures,
  type DbfEncoding,
  type EncodingFinding,
  type LayerFileInfo,
  type LayerFileOptions,
} from './layer-file.ts'
import type { UploadGuardSettings } from './upload-guard.ts'

/** One feature of a layer: its 1-based position, attributes and GeoJSON geometry text in the layer's own CRS. */
export interface UnitFeature {
  index: number
  properties: Record<string, unknown>
  geometry: string | null
}

/** One layer of an uploaded file, with the CRS found for it (or why it is refused). */
export interface UnitLayer {
  name: string
  fields: string[]
  geometryType: string
  featureCount: number
  isPolygon: boolean
  /** The features, read only for the layers chosen. */
  features: UnitFeature[] | null
  crs: CrsResult
  crsReason: string
  encoding: EncodingFinding | null
}

/** Layer names of county and township boundaries, preferred when the administrator chose none. */
const PREFERRED_LAYERS = ['XZQ', 'XZ', 'XZJ', 'XJXZQ', 'XZQH', 'TOWN', 'TOWNSHIP']

export interface ReadUnitOptions {
  guard: UploadGuardSettings
  /** Layers whose features are read (default: every polygon layer). */
  layers?: string[]
  encoding?: DbfEncoding
  /** Central meridian of unprefixed Gauss-Krüger eastings in a file without a CRS. */
  centralMeridian?: number
}

const isPolygonType = (t: string) => /polygon/i.test(t)

/**
 * Reads an uploaded file of administrative units through the one layer-file reader (zipped Shapefile with the .dbf
 * encoding found, GeoPackage, zipped FileGDB, GeoJSON): every layer with its fields and CRS, and the features of the
 * layers chosen. Nothing is written.
 */
export async function readUnitLayers(fileName: string, bytes: Uint8Array, o: ReadUnitOptions): Promise<UnitLayer[]> {
  try {
    return await readLayers(fileName, bytes, o)
  } catch (err) {
    if (err instanceof AppError) throw err
    throw new AppError(
      'VALIDATION',
      `无法读取“${fileName}”：文件内容与格式不符或已损坏，请用原软件重新导出后上传（Shapefile 压缩包、GeoPackage、FileGDB 压缩包或 GeoJSON）`,
      { reason: 'MALFORMED_FILE' },
    )
  }
}

async function readLayers(fileName: string, bytes: Uint8Array, o: ReadUnitOptions): Promise<UnitLayer[]> {
  const input = { fileName, bytes }
  const base: LayerFileOptions = {
    guard: o.guard,
    preferLayers: PREFERRED_LAYERS,
    encoding: o.encoding,
    meridianHints:
      o.centralMeridian === undefined ? undefined : [{ county: '填写的中央经线', centralMeridian: o.centralMeridian }],
  }
  const first = await inspectLayerFile(input, base)
  const chosen = o.layers ?? first.layers.filter((l) => isPolygonType(l.geometryType)).map((l) => l.name)
  const result: UnitLayer[] = []
  for (const l of first.layers) {
    const isChosen = chosen.includes(l.name)
    const info: LayerFileInfo =
      !isChosen || l.name === first.layer.name ? first : await inspectLayerFile(input, { ...base, layer: l.name })
    let features: UnitFeature[] | null = null
    if (isChosen && info.crs.ok) {
      features = []
      for await (const batch of readLayerFeatures(input, { ...base, layer: l.name }, 5000))
        for (const f of batch)
          features.push({ index: features.length + 1, properties: f.properties, geometry: f.geometry })
    }
    const isOwn = info.layer.name === l.name
    result.push({
      name: l.name,
      fields: l.fields.map((f) => f.name),
      geometryType: l.geometryType,
      featureCount: l.featureCount,
      isPolygon: isPolygonType(l.geometryType),
      features,
      crs: isOwn ? info.crs : { ok: false, code: 'UNKNOWN_CRS', message: '未选择此图层，未判断坐标系' },
      crsReason: isOwn ? info.crsReason : '',
      encoding: info.encoding,
    })
  }
  return result
}

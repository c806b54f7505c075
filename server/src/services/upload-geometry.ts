import type { MultiPolygon, Polygon, Position } from 'geojson'
import type { Queryable } from '../db/database.ts'
import {
  centralMeridianNear,
  checkExtentFits,
  detectFromCrsName,
  detectFromPrj,
  detectFromRanges,
  WGS84_EPSG,
  type CrsResult,
  type DetectedCrs,
  type Extent,
} from '../domain/crs-detect.ts'
import { checkPolygonCoordinates, describeInvalidity } from '../domain/outline-checks.ts'
import { AppError } from '../domain/errors.ts'
import { findCountiesTouched, findCountyLongitudes, transformPolygons } from '../repos/precheck-upload.repo.ts'
import { readVectorFiles, type VectorFile } from './gdal.ts'
import { openArchive, runHeavyUpload, type UploadGuardSettings } from './upload-guard.ts'
import type { ZipEntry } from '../domain/zip-directory.ts'

/** Limits of an uploaded plot outline (config.precheckUpload; R 待核实, not from a standard). */
export interface UploadLimits {
  maxBytes: number
  /** Polygon features one file may hold. */
  maxFeatures: number
  /** Vertices of all polygons together (closing points not counted). */
  maxVertices: number
  /** Unpacking of a .zip or .kmz, and one upload read at a time. */
  uploadGuard: UploadGuardSettings
}

/** What the caller uploaded. */
export interface UploadInput {
  fileName: string
  bytes: Uint8Array
  /** Central meridian for unprefixed Gauss-Krüger eastings, when the officer gave one. */
  centralMeridian?: number
}

/** The plot outline read from an upload, in EPSG:4490; nothing of it is saved. */
export interface ParsedUpload {
  geometry: MultiPolygon
  /** The CRS found: EPSG code, PROJ name, words for the officer, and whether the file declared it or its ranges told. */
  crs: { epsg: number; name: string; label: string; how: DetectedCrs['how'] }
  /** Features of the file that gave at least one polygon. */
  features: number
  warnings: string[]
}

type Format = 'geojson' | 'kml' | 'kmz' | 'shapefile-zip' | 'dxf'

const FORMAT_OF_EXTENSION: Readonly<Record<string, Format>> = {
  geojson: 'geojson',
  json: 'geojson',
  kml: 'kml',
  kmz: 'kmz',
  zip: 'shapefile-zip',
  dxf: 'dxf',
}

const ACCEPTED =
  'GeoJSON（.geojson/.json）、KML（.kml/.kmz）、Shapefile 压缩包（.zip，含 .shp/.shx/.dbf/.prj）或 DXF（.dxf）'

function refuse(message: string, code?: string): never {
  throw new AppError('VALIDATION', message, code ? { reason: code } : undefined)
}

function refuseGeometry(message: string, code: string): never {
  throw new AppError('GEOMETRY_CHECK', message, { reason: code })
}

function formatOf(fileName: string): Format {
  const ext = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? ''
  if (ext === 'shp' || ext === 'shx' || ext === 'dbf' || ext === 'prj') {
    refuse(
      `“${fileName}”是 Shapefile 的一个组成文件，请把同名的 .shp、.shx、.dbf、.prj 一起压缩成一个 .zip 文件后上传`,
      'SHAPEFILE_NOT_ZIPPED',
    )
  }
  const format = FORMAT_OF_EXTENSION[ext]
  if (!format) refuse(`不支持“${fileName}”的文件格式，请上传 ${ACCEPTED}`, 'UNSUPPORTED_FORMAT')
  return format
}

interface LoadedZip {
  entries: ZipEntry[]
  read(entry: ZipEntry): Promise<Uint8Array>
}

/**
 * The files of a .zip or .kmz (folders and macOS side files left out), checked by the upload guard from the zip's
 * directory before anything is inflated: 413 for a zip bomb (too large unpacked, too many files, a zip inside), 400
 * when broken.
 */
function loadZip(fileName: string, bytes: Uint8Array, guard: UploadGuardSettings): LoadedZip {
  const archive = openArchive(
    bytes,
    {
      label: `压缩包“${fileName}”`,
      malformed: `“${fileName}”不是有效的压缩包（文件可能已损坏），请重新导出或压缩后上传`,
      hint: '请只压缩待核查地块的文件',
    },
    guard,
  )
  return {
    entries: archive.files.filter((f) => !/(^|\/)(__MACOSX\/|\._)/.test(f.name)),
    read: (entry: ZipEntry) => archive.read(entry),
  }
}

/** The files of the one Shapefile inside a .zip (any folder; names compared without case). */
async function unpackShapefile(
  fileName: string,
  zip: LoadedZip,
): Promise<{ files: VectorFile[]; prj: string | undefined }> {
  const { entries, read } = zip
  const shps = entries.filter((f) => /\.shp$/i.test(f.name))
  const listed =
    entries
      .map((f) => f.name)
      .slice(0, 10)
      .join('、') || '（空）'
  if (shps.length === 0)
    refuse(
      `压缩包“${fileName}”中没有 .shp 文件（包内有：${listed}），请把地块的 .shp、.shx、.dbf、.prj 一起压缩后上传`,
      'NO_SHP_IN_ZIP',
    )
  if (shps.length > 1)
    refuse(
      `压缩包“${fileName}”中有 ${shps.length} 个 .shp 文件（${shps.map((f) => f.name).join('、')}），一次只能上传一个地块图层`,
      'SEVERAL_SHP_IN_ZIP',
    )
  const base = shps[0].name.slice(0, -4).toLowerCase()
  const sibling = (ext: string) => entries.find((f) => f.name.toLowerCase() === `${base}.${ext}`)
  const missing = ['shx', 'dbf'].filter((ext) => !sibling(ext))
  if (missing.length)
    refuse(
      `压缩包“${fileName}”中缺少与 ${shps[0].name} 同名的 ${missing.map((e) => `.${e}`).join('、')} 文件，请一起压缩后上传`,
      'SHAPEFILE_INCOMPLETE',
    )
  const files: VectorFile[] = []
  for (const ext of ['shp', 'shx', 'dbf', 'cpg']) {
    const entry = sibling(ext)
    if (entry) files.push({ name: `upload.${ext}`, bytes: await read(entry) })
  }
  const prjEntry = sibling('prj')
  return { files, prj: prjEntry ? new TextDecoder().decode(await read(prjEntry)) : undefined }
}

/** The KML document inside a .kmz (doc.kml, else the first .kml). */
async function unpackKmz(fileName: string, zip: LoadedZip): Promise<Uint8Array> {
  const kmls = zip.entries.filter((f) => /\.kml$/i.test(f.name))
  const entry = kmls.find((f) => /(^|\/)doc\.kml$/i.test(f.name)) ?? kmls[0]
  if (!entry) refuse(`“${fileName}”中没有 .kml 文档，请在 Google 地球或奥维地图中重新导出`, 'MALFORMED_FILE')
  return zip.read(entry)
}

/** The `crs` member of a GeoJSON text, refusing text that is not JSON. */
function geoJsonCrsName(fileName: string, bytes: Uint8Array): string | undefined {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''))
  } catch {
    return refuse(`“${fileName}”不是有效的 GeoJSON（JSON 格式有误），请检查文件是否完整`, 'MALFORMED_FILE')
  }
  const crs = (json as { crs?: { properties?: { name?: unknown } } } | null)?.crs
  if (crs === undefined || crs === null) return undefined
  const name = crs.properties?.name
  return typeof name === 'string' ? name : JSON.stringify(crs)
}

/** Polygons of one feature's geometry: polygons as they are, closed lines (DXF polylines) as outlines. */
function polygonsOf(geometry: any): { polygons: Position[][][]; closedLines: number } {
  if (!geometry) return { polygons: [], closedLines: 0 }
  const to2d = (ring: Position[]) => ring.map((p) => [p[0], p[1]])
  const isClosed = (line: Position[]) =>
    line.length >= 4 && line[0][0] === line.at(-1)![0] && line[0][1] === line.at(-1)![1]
  switch (geometry.type) {
    case 'Polygon':
      return { polygons: geometry.coordinates.length ? [geometry.coordinates.map(to2d)] : [], closedLines: 0 }
    case 'MultiPolygon':
      return {
        polygons: geometry.coordinates
          .filter((rings: Position[][]) => rings.length)
          .map((rings: Position[][]) => rings.map(to2d)),
        closedLines: 0,
      }
    case 'LineString':
      return isClosed(geometry.coordinates)
        ? { polygons: [[to2d(geometry.coordinates)]], closedLines: 1 }
        : { polygons: [], closedLines: 0 }
    case 'MultiLineString': {
      const closed = (geometry.coordinates as Position[][]).filter(isClosed)
      return { polygons: closed.map((l) => [to2d(l)]), closedLines: closed.length }
    }
    case 'GeometryCollection': {
      const parts = (geometry.geometries ?? []).map(polygonsOf)
      return {
        polygons: parts.flatMap((p: { polygons: Position[][][] }) => p.polygons),
        closedLines: parts.reduce((n: number, p: { closedLines: number }) => n + p.closedLines, 0),
      }
    }
    default:
      return { polygons: [], closedLines: 0 }
  }
}

function extentOf(polygons: Position[][][]): Extent {
  const e = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity }
  for (const ring of polygons.flat()) {
    for (const [x, y] of ring) {
      e.minX = Math.min(e.minX, x)
      e.maxX = Math.max(e.maxX, x)
      e.minY = Math.min(e.minY, y)
      e.maxY = Math.max(e.maxY, y)
    }
  }
  return e
}

async function readWithGdal(fileName: string, files: VectorFile[]) {
  try {
    return await readVectorFiles(files)
  } catch {
    return refuse(
      `无法读取“${fileName}”：文件内容与格式不符或已损坏，请用原软件重新导出后上传（${ACCEPTED}）`,
      'MALFORMED_FILE',
    )
  }
}

function crsOrRefuse(result: CrsResult): { crs: DetectedCrs; warnings: string[] } {
  if (!result.ok) refuseGeometry(result.message, result.code)
  return { crs: result.crs, warnings: result.warnings }
}

/** The features of the file as GDAL reads them, and the CRS the file itself declares (a .prj, a GeoJSON crs, KML). */
async function readUpload(fileName: string, format: Format, bytes: Uint8Array, zip: LoadedZip | null) {
  let files: VectorFile[]
  let declared: (() => CrsResult) | undefined
  if (format === 'shapefile-zip') {
    const shp = await unpackShapefile(fileName, zip!)
    files = shp.files
    if (shp.prj !== undefined) declared = () => detectFromPrj(shp.prj!)
  } else if (format === 'geojson') {
    const crsName = geoJsonCrsName(fileName, bytes)
    files = [{ name: 'upload.geojson', bytes }]
    if (crsName !== undefined) declared = () => detectFromCrsName(crsName)
  } else if (format === 'kmz') {
    files = [{ name: 'upload.kml', bytes: await unpackKmz(fileName, zip!) }]
  } else {
    files = [{ name: `upload.${format}`, bytes }]
  }
  if (format === 'kml' || format === 'kmz') {
    declared = () => ({
      ok: true,
      crs: { epsg: WGS84_EPSG, name: 'WGS 84', label: 'WGS 84 经纬度', how: 'prj' },
      warnings: ['KML 按规范使用 WGS 84 经纬度，按 CGCS2000 经纬度使用（两者在本地相差不到 1 米）'],
    })
  }
  const { featureCollection } = await readWithGdal(fileName, files)
  return { featureCollection, declared }
}

/**
 * Reads the plot outline of an uploaded file (GeoJSON, KML/KMZ, zipped Shapefile, DXF) with GDAL, finds its CRS
 * (the file's declaration, else the coordinate ranges; docs/domain-notes.md §7), refuses legacy and unknown CRSs, and has
 * PostGIS transform it to EPSG:4490. All polygon features become one MultiPolygon (dissolved where they touch).
 * Reads only; nothing is written.
 */
export async function parseUploadedOutline(
  db: Queryable,
  adcodes: string[],
  input: UploadInput,
  limits: UploadLimits,
): Promise<ParsedUpload> {
  const { fileName, bytes } = input
  const format = formatOf(fileName)
  if (bytes.length === 0) refuse(`“${fileName}”是空文件`, 'MALFORMED_FILE')
  const zip = format === 'shapefile-zip' || format === 'kmz' ? loadZip(fileName, bytes, limits.uploadGuard) : null
  const { featureCollection, declared } = await runHeavyUpload(limits.uploadGuard, () =>
    readUpload(fileName, format, bytes, zip),
  )
  const polygons: Position[][][] = []
  let features = 0
  let ignored = 0
  let closedLines = 0
  for (const feature of featureCollection.features) {
    const found = polygonsOf(feature.geometry)
    if (found.polygons.length === 0) {
      ignored++
      continue
    }
    features++
    closedLines += found.closedLines
    polygons.push(...found.polygons)
  }
  if (features === 0) {
    refuseGeometry(
      `“${fileName}”中没有面状要素（地块范围应为多边形${format === 'dxf' ? '或闭合的多段线' : ''}）${ignored ? `，读到的 ${ignored} 个要素都是点、线或注记` : ''}`,
      'NO_POLYGON',
    )
  }
  if (features > limits.maxFeatures)
    refuseGeometry(
      `“${fileName}”有 ${features} 个面状要素，超过上限 ${limits.maxFeatures} 个；请只上传待核查地块的范围`,
      'TOO_MANY_FEATURES',
    )
  const vertices = polygons.flat().reduce((n, ring) => n + Math.max(ring.length - 1, 0), 0)
  if (vertices > limits.maxVertices)
    refuseGeometry(
      `“${fileName}”的地块边界共有 ${vertices} 个顶点，超过上限 ${limits.maxVertices} 个，请简化边界后上传`,
      'TOO_MANY_VERTICES',
    )
  const badRing = polygons.findIndex((rings) =>
    rings.some((ring) => ring.length < 4 || ring.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))),
  )
  if (badRing >= 0)
    refuseGeometry(`“${fileName}”第 ${badRing + 1} 个多边形的边界不足 3 个不同的点或含无效坐标`, 'INVALID_GEOMETRY')

  const extent = extentOf(polygons)
  const { crs, warnings } = crsOrRefuse(
    declared ? declared() : await detectFromExtent(db, adcodes, extent, input.centralMeridian),
  )
  const fits = checkExtentFits(crs, extent)
  if (!fits.ok) refuseGeometry(fits.message, fits.code)

  const polygonObjects: Polygon[] = polygons.map((coordinates) => ({ type: 'Polygon', coordinates }))
  const outline = await transformPolygons(db, polygonObjects, crs.epsg)
  if (outline.invalid) {
    const where = polygons.length > 1 ? `上传的第 ${outline.invalid.index} 个多边形` : '上传的地块'
    const [finding] = describeInvalidity(outline.invalid, where)
    refuseGeometry(finding.message, 'INVALID_GEOMETRY')
  }
  const geometry = JSON.parse(outline.geometry!) as MultiPolygon
  const outside = checkPolygonCoordinates(geometry, undefined, `换算为 CGCS2000 经纬度后，地块`)
  if (outside.length) refuseGeometry(outside[0].message, outside[0].code)

  if (adcodes.length && (await findCountiesTouched(db, adcodes, outline.geometry!)).length === 0) {
    warnings.push(
      `换算后的地块不在您负责的区县内（中心约 ${centreText(geometry)}），请核对坐标系${crs.how === 'ranges' ? '（文件没有坐标系说明，坐标系是按坐标范围判断的）' : ''}`,
    )
  }
  if (ignored) warnings.push(`忽略了 ${ignored} 个不是面的要素（点、未闭合的线或注记）`)
  if (closedLines) warnings.push(`${closedLines} 条闭合的线按地块边界读取`)
  if (polygons.length > 1) warnings.push(`${polygons.length} 个多边形已合并为一个地块范围`)
  return { geometry, crs: { epsg: crs.epsg, name: crs.name, label: crs.label, how: crs.how }, features, warnings }
}

function centreText(g: MultiPolygon): string {
  const e = extentOf(g.coordinates)
  return `${((e.minX + e.maxX) / 2).toFixed(5)}°E, ${((e.minY + e.maxY) / 2).toFixed(5)}°N`
}

/** Ranges detection with the central meridians of the caller's counties as the hint for unprefixed eastings. */
async function detectFromExtent(
  db: Queryable,
  adcodes: string[],
  extent: Extent,
  centralMeridian: number | undefined,
): Promise<CrsResult> {
  const counties = centralMeridian === undefined ? await findCountyLongitudes(db, adcodes) : []
  return detectFromRanges(extent, {
    centralMeridian,
    counties: counties.map((c) => ({ county: c.name, centralMeridian: centralMeridianNear(c.lon) })),
  })
}

import { AppError } from '../domain/errors.ts'
import type { ZipEntry } from '../domain/zip-directory.ts'
import { openArchive, type UploadGuardSettings } from './upload-guard.ts'
import type { LayerFileInput, LayerFormat } from './layer-file.ts'

/*
 * An upload's files unpacked for GDAL (Shapefile, FileGDB, GeoPackage, GeoJSON), and GDAL's refusals in the
 * officer's words.
 */

export const ACCEPTED =
  'Shapefile 压缩包（.zip，含 .shp/.shx/.dbf/.prj）、GeoPackage（.gpkg）、FileGDB 压缩包（.zip，含 .gdb 文件夹）或 GeoJSON（.geojson/.json）'

export function refuse(message: string, reason: string): never {
  throw new AppError('VALIDATION', message, { reason })
}

/**
 * GDAL's own failure on a file it cannot read (gdal3.js rejects with an array of its messages) as the officer's
 * 400: a damaged file or one whose content is not the format its name says.
 */
export async function readableBy<T>(fileName: string, work: Promise<T>): Promise<T> {
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
export interface PlacedFile {
  path: string
  bytes: Uint8Array
}

export interface Unpacked {
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
export async function unpack(input: LayerFileInput, guard: UploadGuardSettings): Promise<Unpacked> {
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

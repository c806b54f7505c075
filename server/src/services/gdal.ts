import path from 'node:path'
import { createRequire } from 'node:module'
import type { GdalJs } from 'gdal3.js/node.js'

/** A file going into or coming out of GDAL. */
export interface VectorFile {
  name: string
  bytes: Uint8Array
}

export type VectorDriver = 'ESRI Shapefile' | 'GPKG' | 'GeoJSON'

export interface ConvertOptions {
  driver: VectorDriver
  /** ASCII layer name; also the base name of the output files. */
  layerName: string
  /** EPSG code assigned to the output (the data are already in it; nothing is reprojected). */
  epsg: number
  /** An OGR SQL statement run on the input layer (e.g. casts that set Shapefile field widths). */
  sql?: string
  /** The output's geometry type (`-nlt`), for a layer whose input rows may be none. */
  geometryType?: 'MULTIPOLYGON' | 'POINT'
  layerCreationOptions?: string[]
}

/** What GDAL reads back from vector files: ogrinfo's JSON and the features as GeoJSON. */
export interface VectorContent {
  info: any
  featureCollection: { type: 'FeatureCollection'; features: { properties: Record<string, unknown>; geometry: any }[] }
}

const require = createRequire(import.meta.url)

let loading: Promise<GdalJs> | undefined
let queue: Promise<unknown> = Promise.resolve()
let runCount = 0
let gdalMessages: string[] = []

/**
 * GDAL as WebAssembly (gdal3.js), started on first use and then kept. gdal3.js reads its data package at
 * `./<path>`, so the path handed to it is relative to the working directory of the process.
 */
function loadGdal(): Promise<GdalJs> {
  if (!loading) {
    loading = (async () => {
      const { default: initGdalJs } = await import('gdal3.js/node.js')
      const dir = path.dirname(require.resolve('gdal3.js/dist/package/gdal3WebAssembly.wasm'))
      return initGdalJs({
        path: path.relative(process.cwd(), dir) || '.',
        useWorker: false,
        logHandler: () => {},
        errorHandler: (message) => {
          gdalMessages.push(message)
        },
      })
    })()
    loading.catch(() => {
      loading = undefined
    })
  }
  return loading
}

/** Runs `fn` when no other GDAL call is running: gdal3.js keeps one global error state and file system. */
function serialised<T>(fn: (gdal: GdalJs) => Promise<T>): Promise<T> {
  const run = queue.then(async () => {
    const gdal = await loadGdal()
    gdalMessages = []
    gdal.Module.ccall('CPLErrorReset', null, [], [])
    return fn(gdal)
  })
  queue = run.catch(() => {})
  return run
}

/**
 * Runs `fn` with GDAL alone and a fresh working folder pair of its in-memory file system (input and output, with
 * the output name prefix ogr2ogr takes); the folders stay until the returned `clean` is called, so files written
 * there can be read after GDAL is free for the next caller.
 */
export function runGdalInWorkspace<T>(
  fn: (gdal: GdalJs, ws: { job: string; input: string; output: string }) => Promise<T>,
): Promise<{ result: T; clean: () => void }> {
  return serialised(async (gdal) => {
    const ws = workspace(gdal)
    try {
      return { result: await fn(gdal, ws), clean: ws.clean }
    } catch (err) {
      ws.clean()
      throw err
    }
  })
}

function describeGdalError(err: unknown): Error {
  const detail = err instanceof Error ? err.message : typeof err === 'object' && err ? JSON.stringify(err) : String(err)
  return new Error(`GDAL 转换失败：${detail}${gdalMessages.length ? `；${gdalMessages.join('；')}` : ''}`)
}

/** A fresh pair of working folders in GDAL's in-memory file system, removed again by `clean`. */
function workspace(gdal: GdalJs) {
  const job = `job${++runCount}`
  const input = `/input/${job}`
  const output = `/output/${job}`
  gdal.Module.FS.mkdir(input)
  gdal.Module.FS.mkdir(output)
  const clean = () => {
    for (const dir of [input, output]) {
      for (const name of gdal.Module.FS.readdir(dir))
        if (name !== '.' && name !== '..') gdal.Module.FS.unlink(`${dir}/${name}`)
      gdal.Module.FS.rmdir(dir)
    }
  }
  return { job, input, output, clean }
}

async function readOutput(gdal: GdalJs, output: string): Promise<VectorFile[]> {
  const names = gdal.Module.FS.readdir(output)
    .filter((n) => n !== '.' && n !== '..')
    .sort()
  return Promise.all(names.map(async (name) => ({ name, bytes: await gdal.getFileBytes(`${output}/${name}`) })))
}

/** Converts a GeoJSON text into `driver`'s files (a Shapefile's .shp/.shx/.dbf/.prj/.cpg, or one .gpkg). */
export function convertGeoJson(geojson: string, options: ConvertOptions): Promise<VectorFile[]> {
  return serialised(async (gdal) => {
    const ws = workspace(gdal)
    try {
      gdal.Module.FS.writeFile(`${ws.input}/${options.layerName}.geojson`, geojson)
      const { datasets, errors } = await gdal.open(`${ws.input}/${options.layerName}.geojson`)
      if (!datasets[0]) throw describeGdalError(errors[0] ?? '无法读取 GeoJSON')
      try {
        const args = ['-f', options.driver, '-a_srs', `EPSG:${options.epsg}`, '-nln', options.layerName]
        for (const lco of options.layerCreationOptions ?? []) args.push('-lco', lco)
        if (options.sql) args.push('-sql', options.sql)
        if (options.geometryType) args.push('-nlt', options.geometryType)
        await gdal.ogr2ogr(datasets[0], args, `${ws.job}/${options.layerName}`).catch((err) => {
          throw describeGdalError(err)
        })
      } finally {
        await gdal.close(datasets[0])
      }
      return await readOutput(gdal, ws.output)
    } finally {
      ws.clean()
    }
  })
}

/**
 * Opens vector files (the first one is the dataset; the rest are its side files) and reads them back. The
 * features of every layer (KML folders, several Shapefiles of a folder) come in one collection, in layer order.
 */
export function readVectorFiles(files: VectorFile[]): Promise<VectorContent> {
  return serialised(async (gdal) => {
    const ws = workspace(gdal)
    try {
      for (const f of files) gdal.Module.FS.writeFile(`${ws.input}/${f.name}`, f.bytes)
      const { datasets, errors } = await gdal.open(`${ws.input}/${files[0].name}`)
      if (!datasets[0]) throw describeGdalError(errors[0] ?? `无法打开 ${files[0].name}`)
      try {
        const info = await gdal.ogrinfo(datasets[0], ['-so', '-al'])
        const layers: string[] = (info?.layers ?? []).map((l: { name: string }) => l.name)
        const features: VectorContent['featureCollection']['features'] = []
        for (const [i, layer] of layers.entries()) {
          await gdal.ogr2ogr(datasets[0], ['-f', 'GeoJSON', layer], `${ws.job}/read${i}`).catch((err) => {
            throw describeGdalError(err)
          })
          const bytes = await gdal.getFileBytes(`${ws.output}/read${i}.geojson`)
          features.push(...JSON.parse(new TextDecoder().decode(bytes)).features)
        }
        return { info, featureCollection: { type: 'FeatureCollection', features } }
      } finally {
        await gdal.close(datasets[0])
      }
    } finally {
      ws.clean()
    }
  })
}

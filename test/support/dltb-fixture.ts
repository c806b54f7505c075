import JSZip from 'jszip'
import { convertGeoJson, runGdalInWorkspace } from '../../server/src/services/gdal.ts'

/** One 地类图斑 of a generated DLTB layer: its attributes and its rings in the layer's coordinates. */
export interface DltbFeature {
  properties: Record<string, string | number | null>
  /** Polygon rings (outer first), coordinates as written to the file (e.g. zone-prefixed Gauss-Krüger metres). */
  rings: [number, number][][]
}

const featureCollection = (features: DltbFeature[]) =>
  JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: { type: 'Polygon', coordinates: f.rings },
    })),
  })

/**
 * A zipped DLTB Shapefile as ArcGIS writes a 三调 export on a Chinese Windows: the .dbf in GBK (CP936) with no .cpg
 * and no code page byte, a .prj of `epsg` (omitted with `withPrj: false`), the files in a folder of the zip.
 */
export async function writeDltbShapefileZip(
  features: DltbFeature[],
  options: { epsg: number; withPrj?: boolean; layerName?: string },
): Promise<Uint8Array> {
  const layerName = options.layerName ?? 'DLTB'
  const files = await convertGeoJson(featureCollection(features), {
    driver: 'ESRI Shapefile',
    layerName,
    epsg: options.epsg,
    layerCreationOptions: ['ENCODING=CP936'],
  })
  const zip = new JSZip()
  for (const f of files) {
    if (f.name.endsWith('.cpg')) continue
    if (f.name.endsWith('.prj') && options.withPrj === false) continue
    const bytes = new Uint8Array(f.bytes)
    if (f.name.endsWith('.dbf')) bytes[29] = 0
    zip.file(`三调成果/${f.name}`, bytes)
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

/** A zipped 永久基本农田图斑 Shapefile written the same way, as layer YJJBNTTB (or the older vintage's JBNTTB). */
export function writeYjjbntShapefileZip(
  features: DltbFeature[],
  options: { epsg: number; withPrj?: boolean; layerName?: 'YJJBNTTB' | 'JBNTTB' },
): Promise<Uint8Array> {
  return writeDltbShapefileZip(features, { ...options, layerName: options.layerName ?? 'YJJBNTTB' })
}

/** A GeoPackage with the features as layer `layerName` in `epsg`. */
export async function writeDltbGeoPackage(features: DltbFeature[], options: { epsg: number; layerName?: string }) {
  const [file] = await convertGeoJson(featureCollection(features), {
    driver: 'GPKG',
    layerName: options.layerName ?? 'DLTB',
    epsg: options.epsg,
  })
  return file.bytes
}

/** A zipped FileGDB folder (`<name>.gdb/…`) holding the features as layer `layerName` in `epsg`. */
export async function writeDltbFileGdbZip(
  features: DltbFeature[],
  options: { epsg: number; layerName?: string },
): Promise<Uint8Array> {
  const layerName = options.layerName ?? 'DLTB'
  const { result: files, clean } = await runGdalInWorkspace(async (gdal, ws) => {
    gdal.Module.FS.writeFile(`${ws.input}/in.geojson`, featureCollection(features))
    const { datasets } = await gdal.open(`${ws.input}/in.geojson`)
    try {
      await gdal.ogr2ogr(
        datasets[0],
        ['-f', 'OpenFileGDB', '-a_srs', `EPSG:${options.epsg}`, '-nln', layerName],
        `${ws.job}/县级三调`,
      )
    } finally {
      await gdal.close(datasets[0])
    }
    const fs = gdal.Module.FS
    const dir = `${ws.output}/县级三调.gdb`
    const names = fs.readdir(dir).filter((n) => n !== '.' && n !== '..')
    const out = names.map((n) => ({ name: n, bytes: fs.readFile(`${dir}/${n}`, { encoding: 'binary' }) }))
    for (const n of names) fs.unlink(`${dir}/${n}`)
    fs.rmdir(dir)
    fs.unlink(`${ws.input}/in.geojson`)
    return out
  })
  clean()
  const zip = new JSZip()
  for (const f of files) zip.file(`县级三调.gdb/${f.name}`, f.bytes)
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

/** A square ring of side `sizeM` metres with its south-west corner at (x, y). */
export function squareRing(x: number, y: number, sizeM: number): [number, number][] {
  return [
    [x, y],
    [x + sizeM, y],
    [x + sizeM, y + sizeM],
    [x, y + sizeM],
    [x, y],
  ]
}

import type { GdalJs } from 'gdal3.js/node.js'
import {
  checkExtentFits,
  detectFromCrsName,
  detectFromPrj,
  detectFromRanges,
  type CrsResult,
  type MeridianHint,
} from '../domain/crs-detect.ts'
import type { LayerFileOptions, LayerSummary } from './layer-file.ts'
import { refuse, type PlacedFile, type Unpacked } from './layer-file-unpack.ts'

/* The layers GDAL lists in a file, the one chosen, and its CRS (declared or judged from the coordinates). */

export function placeFiles(gdal: GdalJs, dir: string, files: PlacedFile[]) {
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
export function removeTree(gdal: GdalJs, dir: string) {
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

export function summariseLayers(info: any): LayerSummary[] {
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

export function chooseLayer(
  fileName: string,
  layers: (LayerSummary & { crsWkt?: string })[],
  options: LayerFileOptions,
) {
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

export function findCrs(
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

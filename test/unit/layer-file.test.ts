import { describe, expect, it } from 'vitest'
import { inspectLayerFile, readLayerFeatures, type LayerFeature } from '../../server/src/services/layer-file.ts'
import {
  squareRing,
  writeDltbFileGdbZip,
  writeDltbGeoPackage,
  writeDltbShapefileZip,
  type DltbFeature,
} from '../support/dltb-fixture.ts'

const guard = { maxUnpackedBytes: 50_000_000, maxEntries: 200, busyWaitMs: 60_000, retryAfterSeconds: 5 }

/** Five 图斑 in CGCS2000 3° Gauss-Krüger zone 37 (EPSG:4525), eastings zone-prefixed. */
const features: DltbFeature[] = ['龙光桥镇', '泉交河镇', '欧江岔镇', '笔架山乡', '兰溪镇'].map((town, i) => ({
  properties: { BSM: `43090321000000${i}`, DLBM: i % 2 ? '0201K' : '0101', ZLDWMC: `赫山区${town}`, TBMJ: 2500 },
  rings: [squareRing(37_630_000 + i * 100, 3_157_000, 50)],
}))

async function readAll(fileName: string, bytes: Uint8Array, batchSize: number, encoding?: 'UTF-8' | 'GBK') {
  const batches: LayerFeature[][] = []
  for await (const batch of readLayerFeatures({ fileName, bytes }, { guard, encoding }, batchSize)) batches.push(batch)
  return batches
}

describe('layer-file: the reader of uploaded layer files', () => {
  it('when a zipped Shapefile has a GBK .dbf and no .cpg, then GBK is found from the content and names decode', async () => {
    const bytes = await writeDltbShapefileZip(features, { epsg: 4525 })
    const info = await inspectLayerFile({ fileName: 'DLTB.zip', bytes }, { guard })
    expect(info.format).toBe('shapefile')
    expect(info.layer).toMatchObject({ name: 'DLTB', featureCount: 5 })
    expect(info.layer.fields.map((f) => f.name)).toEqual(['BSM', 'DLBM', 'ZLDWMC', 'TBMJ'])
    expect(info.encoding).toMatchObject({ encoding: 'GBK', how: 'content' })
    expect(info.encoding!.reason).toContain('没有 .cpg')
    expect(info.encoding!.samples[0]).toMatchObject({ field: 'ZLDWMC', decoded: { GBK: '赫山区龙光桥镇' } })
    expect(info.encoding!.samples[0].decoded['UTF-8']).not.toBe('赫山区龙光桥镇')
    expect(info.sampleRows[0]).toMatchObject({ ZLDWMC: '赫山区龙光桥镇', DLBM: '0101' })
    expect(info.crs).toMatchObject({ ok: true, crs: { epsg: 4525, how: 'prj' } })
    expect(info.crsReason).toContain('.prj')
  })

  it('when features are streamed in batches of 2, then 3 batches hold all 5 with raw prefixed coordinates', async () => {
    const bytes = await writeDltbShapefileZip(features, { epsg: 4525 })
    const batches = await readAll('DLTB.zip', bytes, 2)
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1])
    const all = batches.flat()
    expect(all.map((f) => f.properties.ZLDWMC)).toEqual(features.map((f) => f.properties.ZLDWMC))
    expect(all.map((f) => f.properties.DLBM)).toEqual(['0101', '0201K', '0101', '0201K', '0101'])
    const geometry = JSON.parse(all[1].geometry!)
    expect(geometry.type).toBe('Polygon')
    expect(geometry.coordinates[0][0]).toEqual([37_630_100, 3_157_000])
  })

  it('when the officer chooses UTF-8 for a GBK file, then the choice is kept and the names come out garbled', async () => {
    const bytes = await writeDltbShapefileZip(features.slice(0, 1), { epsg: 4525 })
    const info = await inspectLayerFile({ fileName: 'DLTB.zip', bytes }, { guard, encoding: 'UTF-8' })
    expect(info.encoding).toMatchObject({ encoding: 'UTF-8', how: 'user' })
    const [[feature]] = await readAll('DLTB.zip', bytes, 10, 'UTF-8')
    expect(feature.properties.ZLDWMC).not.toBe('赫山区龙光桥镇')
  })

  it('when the Shapefile has no .prj, then the CRS comes from the zone prefix of the eastings', async () => {
    const bytes = await writeDltbShapefileZip(features, { epsg: 4525, withPrj: false })
    const info = await inspectLayerFile({ fileName: 'DLTB.zip', bytes }, { guard })
    expect(info.crs).toMatchObject({ ok: true, crs: { epsg: 4525, how: 'ranges' } })
    expect(info.crsReason).toContain('坐标范围')
  })

  it('when a GeoPackage or a zipped FileGDB is read, then its layer, CRS and attributes come out', async () => {
    const gpkg = await writeDltbGeoPackage(features, { epsg: 4525 })
    const gpkgInfo = await inspectLayerFile({ fileName: '三调.gpkg', bytes: gpkg }, { guard })
    expect(gpkgInfo).toMatchObject({ format: 'geopackage', layer: { name: 'DLTB', featureCount: 5 }, encoding: null })
    expect(gpkgInfo.crs).toMatchObject({ ok: true, crs: { epsg: 4525 } })
    expect((await readAll('三调.gpkg', gpkg, 100)).flat().map((f) => f.properties.ZLDWMC)).toHaveLength(5)

    const gdb = await writeDltbFileGdbZip(features, { epsg: 4525 })
    const gdbInfo = await inspectLayerFile({ fileName: '县级三调.zip', bytes: gdb }, { guard, preferLayers: ['DLTB'] })
    expect(gdbInfo).toMatchObject({ format: 'filegdb', layer: { name: 'DLTB', featureCount: 5 } })
    expect(gdbInfo.crs).toMatchObject({ ok: true, crs: { epsg: 4525 } })
    const rows = (await readAll('县级三调.zip', gdb, 100)).flat()
    expect(rows.map((f) => f.properties.ZLDWMC)).toEqual(features.map((f) => f.properties.ZLDWMC))
  })

  it('when a lone .shp or an unknown format is sent, then it is refused in words', async () => {
    await expect(inspectLayerFile({ fileName: 'DLTB.shp', bytes: new Uint8Array(10) }, { guard })).rejects.toThrow(
      /组成文件/,
    )
    await expect(inspectLayerFile({ fileName: 'DLTB.dwg', bytes: new Uint8Array(10) }, { guard })).rejects.toThrow(
      /不支持/,
    )
  })
})

import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { convertGeoJson } from '../../server/src/services/gdal.ts'
import { inspectLayerFile, readLayerFeatures, type LayerFeature } from '../../server/src/services/layer-file.ts'

const guard = { maxUnpackedBytes: 50_000_000, maxEntries: 200, busyWaitMs: 60_000, retryAfterSeconds: 5 }

type Position = number[]
const square = (x: number, y: number, s: number, clockwise = true): Position[] => {
  const ring = [
    [x, y],
    [x + s, y],
    [x + s, y + s],
    [x, y + s],
    [x, y],
  ]
  return clockwise ? ring.reverse() : ring
}

/**
 * Features covering what the reader must do as GDAL does: a plain square, a square with a hole, a multipolygon of two
 * squares one with a hole (holes in the second), heights (PolygonZ), no geometry, GBK text with blanks around it, a
 * blank text, integers, reals, a blank number and a date.
 */
const x0 = 37_630_000
const y0 = 3_157_000
const geometries: (object | null)[] = [
  { type: 'Polygon', coordinates: [square(x0, y0, 50)] },
  { type: 'Polygon', coordinates: [square(x0 + 100, y0, 50), square(x0 + 110, y0 + 10, 10, false)] },
  {
    type: 'MultiPolygon',
    coordinates: [
      [square(x0 + 200, y0, 50)],
      [square(x0 + 300, y0, 50), square(x0 + 310, y0 + 10, 10, false), square(x0 + 330, y0 + 30, 10, false)],
    ],
  },
  { type: 'Polygon', coordinates: [square(x0 + 400, y0, 50).map(([x, y]) => [x, y, 42.5])] },
  null,
  { type: 'Polygon', coordinates: [square(x0 + 500, y0, 50)] },
]
const properties = geometries.map((_, i) => ({
  BSM: `43090321000000${i}`,
  DLBM: i % 2 ? '0201K' : '0101',
  ZLDWMC: i === 1 ? '  赫山区泉交河镇 ' : i === 2 ? '' : `赫山区龙光桥镇${i}村`,
  TBMJ: i === 3 ? null : 2500.25 * i,
  KCXS: 0.1 * i,
  GDPDJB: i,
  SJNF: i === 4 ? null : '2023-05-0' + (i + 1),
}))

async function zippedShapefile(): Promise<Uint8Array> {
  const files = await convertGeoJson(
    JSON.stringify({
      type: 'FeatureCollection',
      features: geometries.map((geometry, i) => ({ type: 'Feature', properties: properties[i], geometry })),
    }),
    { driver: 'ESRI Shapefile', layerName: 'DLTB', epsg: 4525, layerCreationOptions: ['ENCODING=CP936'] },
  )
  const zip = new JSZip()
  for (const f of files) {
    if (f.name.endsWith('.cpg')) continue
    const bytes = new Uint8Array(f.bytes)
    if (f.name.endsWith('.dbf')) {
      bytes[29] = 0
      // the last record marked deleted, as a Shapefile edited in ArcMap keeps it until packed
      const view = new DataView(bytes.buffer)
      const headerLength = view.getUint16(8, true)
      const recordLength = view.getUint16(10, true)
      bytes[headerLength + (geometries.length - 1) * recordLength] = 0x2a
    }
    zip.file(`三调成果/${f.name}`, bytes)
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

/** Polygons of hex WKB as coordinate arrays (the reader writes Polygon and MultiPolygon, little-endian, 2D). */
function wkbToGeoJson(hex: string): { type: string; coordinates: unknown } {
  const bytes = Buffer.from(hex, 'hex')
  let at = 0
  const u32 = () => {
    const v = bytes.readUInt32LE(at)
    at += 4
    return v
  }
  const polygon = () => {
    expect(bytes[at]).toBe(1)
    at += 1
    expect(u32()).toBe(3)
    return Array.from({ length: u32() }, () =>
      Array.from({ length: u32() }, () => {
        const p = [bytes.readDoubleLE(at), bytes.readDoubleLE(at + 8)]
        at += 16
        return p
      }),
    )
  }
  if (bytes.readUInt32LE(1) === 3) return { type: 'Polygon', coordinates: polygon() }
  at = 5
  return { type: 'MultiPolygon', coordinates: Array.from({ length: u32() }, polygon) }
}

const drop3d = (g: { type: string; coordinates: unknown }) => {
  const strip = (c: unknown): unknown =>
    Array.isArray(c) && typeof c[0] === 'number' ? c.slice(0, 2) : (c as unknown[]).map(strip)
  return { type: g.type, coordinates: strip(g.coordinates) }
}

async function readAll(bytes: Uint8Array, geometryAs?: 'wkb') {
  const out: LayerFeature[] = []
  for await (const batch of readLayerFeatures({ fileName: 'DLTB.zip', bytes }, { guard, geometryAs }, 2))
    out.push(...batch)
  return out
}

describe('shapefile-records: the polygon Shapefile reader of the 三调 import', () => {
  it('when the same zipped GBK Shapefile is read by it and by GDAL, then every feature, attribute and ring agrees', async () => {
    const bytes = await zippedShapefile()
    const byGdal = await readAll(bytes)
    const ours = await readAll(bytes, 'wkb')
    expect(byGdal).toHaveLength(geometries.length - 1)
    expect(ours.map((f) => f.index)).toEqual(byGdal.map((f) => f.index))
    expect(ours.map((f) => f.properties)).toEqual(byGdal.map((f) => f.properties))
    expect(ours[1].properties.ZLDWMC).toBe('赫山区泉交河镇')
    expect(ours.map((f) => f.geometry && wkbToGeoJson(f.geometry))).toEqual(
      byGdal.map((f) => f.geometry && drop3d(JSON.parse(f.geometry))),
    )
    expect(ours[2].geometry && wkbToGeoJson(ours[2].geometry)).toMatchObject({ type: 'MultiPolygon' })
    expect(ours[4].geometry).toBeNull()
    expect(ours.every((f) => f.geometry === null || !f.geometry.startsWith('{'))).toBe(true)
  })

  it('when the Shapefile is described from its headers, then fields, types, extent, count and samples are as GDAL lists them', async () => {
    const info = await inspectLayerFile({ fileName: 'DLTB.zip', bytes: await zippedShapefile() }, { guard })
    expect(info.layer).toMatchObject({ name: 'DLTB', geometryType: 'Polygon', featureCount: geometries.length - 1 })
    expect(info.layer.fields).toEqual([
      { name: 'BSM', type: 'String' },
      { name: 'DLBM', type: 'String' },
      { name: 'ZLDWMC', type: 'String' },
      { name: 'TBMJ', type: 'Real' },
      { name: 'KCXS', type: 'Real' },
      { name: 'GDPDJB', type: 'Integer' },
      { name: 'SJNF', type: 'Date' },
    ])
    expect(info.layer.extent).toEqual({ minX: x0, minY: y0, maxX: x0 + 550, maxY: y0 + 50 })
    expect(info.sampleRows.map((r) => r.BSM)).toEqual(properties.slice(0, 5).map((p) => p.BSM))
    expect(info.encoding).toMatchObject({ encoding: 'GBK', how: 'content' })
  })

  it('when the .shp ends inside its first record, then the file is refused naming the record, in Chinese', async () => {
    const zip = await JSZip.loadAsync(await zippedShapefile())
    const name = Object.keys(zip.files).find((n) => n.endsWith('.shp'))!
    const shp = await zip.file(name)!.async('uint8array')
    zip.file(name, shp.subarray(0, 200))
    const bytes = await zip.generateAsync({ type: 'uint8array' })
    await expect(readAll(bytes, 'wkb')).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('第 1 条记录已损坏'),
    })
  })
})

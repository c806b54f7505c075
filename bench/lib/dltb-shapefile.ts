import fs from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'

/** The generated layer: squares of 50 m every 60 m in EPSG:4525 (3° Gauss-Krüger zone 37, zone-prefixed X). */
export const DLTB_GRID = { epsg: 4525, x0: 37_480_000, y0: 3_310_000, stepM: 60, sideM: 50 } as const

/** ESRI WKT of EPSG:4525 as ArcGIS writes it into a 三调 export's .prj. */
const PRJ_4525 =
  'PROJCS["CGCS2000_3_Degree_GK_Zone_37",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",' +
  'SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],' +
  'PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",37500000.0],PARAMETER["False_Northing",0.0],' +
  'PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'

/** Land codes in turn (three of eight are 耕地) with their 地类名称 in GBK (GB/T 21010-2017). */
const CODES: [string, string][] = [
  ['0101', 'cbaeccef'], // 水田
  ['0102', 'cbaebdbdb5d8'], // 水浇地
  ['0103', 'bab5b5d8'], // 旱地
  ['0201K', 'bfc9b5f7d5fbb9fbd4b0'], // 可调整果园
  ['0301', 'c7c7c4bec1d6b5d8'], // 乔木林地
  ['1104A', 'd1f8d6b3bfd3ccc1'], // 养殖坑塘
  ['1006', 'c5a9b4e5b5c0c2b7'], // 农村道路
  ['0702', 'c5a9b4e5d5acbbf9b5d8'], // 农村宅基地
]
const ZLDWMC_GBK = Buffer.from('b2e2cab1d5f2b2e2cab1b4e5', 'hex') // 测时镇测时村

/** DBF fields: name, type, width, decimals. */
const FIELDS: [string, 'C' | 'N', number, number][] = [
  ['BSM', 'C', 18, 0],
  ['DLBM', 'C', 5, 0],
  ['DLMC', 'C', 60, 0],
  ['ZLDWDM', 'C', 19, 0],
  ['ZLDWMC', 'C', 60, 0],
  ['TBMJ', 'N', 19, 2],
  ['KCXS', 'N', 10, 4],
]
const RECORD_BYTES = 1 + FIELDS.reduce((s, f) => s + f[2], 0)
const SHP_RECORD_BYTES = 8 + 128 // header + polygon of one part, five points
const CHUNK = 10_000

/** Grid side (squares per row) for `count` features. */
const sideOf = (count: number) => Math.ceil(Math.sqrt(count))

/** The layer's extent in EPSG:4525 with a 100 m margin: [xmin, ymin, xmax, ymax]. */
export function dltbExtent(count: number): [number, number, number, number] {
  const side = sideOf(count)
  const g = DLTB_GRID
  return [g.x0 - 100, g.y0 - 100, g.x0 + side * g.stepM + 100, g.y0 + side * g.stepM + 100]
}

function shpHeader(fileBytes: number, count: number): Buffer {
  const h = Buffer.alloc(100)
  h.writeInt32BE(9994, 0)
  h.writeInt32BE(fileBytes / 2, 24)
  h.writeInt32LE(1000, 28)
  h.writeInt32LE(5, 32)
  const [xmin, ymin, xmax, ymax] = dltbExtent(count)
  h.writeDoubleLE(xmin + 100, 36)
  h.writeDoubleLE(ymin + 100, 44)
  h.writeDoubleLE(xmax - 100, 52)
  h.writeDoubleLE(ymax - 100, 60)
  return h
}

function dbfHeader(count: number): Buffer {
  const headerBytes = 32 + 32 * FIELDS.length + 1
  const h = Buffer.alloc(headerBytes)
  const now = new Date()
  h.writeUInt8(3, 0)
  h.writeUInt8(now.getUTCFullYear() - 1900, 1)
  h.writeUInt8(now.getUTCMonth() + 1, 2)
  h.writeUInt8(now.getUTCDate(), 3)
  h.writeUInt32LE(count, 4)
  h.writeUInt16LE(headerBytes, 8)
  h.writeUInt16LE(RECORD_BYTES, 10)
  // byte 29 (language driver) stays 0: no code page, as ArcGIS writes GBK without a .cpg
  FIELDS.forEach(([name, type, width, decimals], i) => {
    const o = 32 + 32 * i
    h.write(name, o, 'latin1')
    h.write(type, o + 11, 'latin1')
    h.writeUInt8(width, o + 16)
    h.writeUInt8(decimals, o + 17)
  })
  h.writeUInt8(0x0d, headerBytes - 1)
  return h
}

/**
 * Writes a zipped DLTB Shapefile of `count` 地类图斑 to `zipPath` (files in 三调成果/ inside the zip, the DBF in GBK
 * with no .cpg), streaming: the features are generated chunk by chunk and never held together. County `adcode`:
 * BSM = adcode + 12-digit number, ZLDWDM = adcode + 001 + 0000000000; TBMJ 2500 m², KCXS 0.05.
 */
export async function writeDltbZip(zipPath: string, count: number, adcode: string): Promise<{ bytes: number }> {
  const dir = fs.mkdtempSync(`${zipPath}.parts-`)
  const shp = fs.openSync(path.join(dir, 'DLTB.shp'), 'w')
  const shx = fs.openSync(path.join(dir, 'DLTB.shx'), 'w')
  const dbf = fs.openSync(path.join(dir, 'DLTB.dbf'), 'w')
  try {
    const shpBytes = 100 + count * SHP_RECORD_BYTES
    fs.writeSync(shp, shpHeader(shpBytes, count))
    fs.writeSync(shx, shpHeader(100 + count * 8, count))
    fs.writeSync(dbf, dbfHeader(count))
    const side = sideOf(count)
    const g = DLTB_GRID
    const zldwdm = `${adcode}0010000000000`
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start)
      const shpBuf = Buffer.alloc(n * SHP_RECORD_BYTES)
      const shxBuf = Buffer.alloc(n * 8)
      const dbfBuf = Buffer.alloc(n * RECORD_BYTES, 0x20)
      for (let k = 0; k < n; k++) {
        const i = start + k
        const x = g.x0 + (i % side) * g.stepM
        const y = g.y0 + Math.floor(i / side) * g.stepM
        let o = k * SHP_RECORD_BYTES
        shxBuf.writeInt32BE((100 + i * SHP_RECORD_BYTES) / 2, k * 8)
        shxBuf.writeInt32BE(64, k * 8 + 4)
        shpBuf.writeInt32BE(i + 1, o)
        shpBuf.writeInt32BE(64, o + 4)
        shpBuf.writeInt32LE(5, o + 8)
        shpBuf.writeDoubleLE(x, o + 12)
        shpBuf.writeDoubleLE(y, o + 20)
        shpBuf.writeDoubleLE(x + g.sideM, o + 28)
        shpBuf.writeDoubleLE(y + g.sideM, o + 36)
        shpBuf.writeInt32LE(1, o + 44)
        shpBuf.writeInt32LE(5, o + 48)
        shpBuf.writeInt32LE(0, o + 52)
        o += 56
        // outer ring clockwise, as the Shapefile format wants
        for (const [px, py] of [
          [x, y],
          [x, y + g.sideM],
          [x + g.sideM, y + g.sideM],
          [x + g.sideM, y],
          [x, y],
        ]) {
          shpBuf.writeDoubleLE(px, o)
          shpBuf.writeDoubleLE(py, o + 8)
          o += 16
        }
        const [code, nameHex] = CODES[i % CODES.length]
        let d = k * RECORD_BYTES + 1
        dbfBuf.write(`${adcode}${String(i).padStart(12, '0')}`, d, 'latin1')
        d += 18
        dbfBuf.write(code, d, 'latin1')
        d += 5
        Buffer.from(nameHex, 'hex').copy(dbfBuf, d)
        d += 60
        dbfBuf.write(zldwdm, d, 'latin1')
        d += 19
        ZLDWMC_GBK.copy(dbfBuf, d)
        d += 60
        dbfBuf.write('2500.00'.padStart(19), d, 'latin1')
        d += 19
        dbfBuf.write('0.0500'.padStart(10), d, 'latin1')
      }
      fs.writeSync(shp, shpBuf)
      fs.writeSync(shx, shxBuf)
      fs.writeSync(dbf, dbfBuf)
    }
    fs.writeSync(dbf, Buffer.from([0x1a]))
    fs.writeFileSync(path.join(dir, 'DLTB.prj'), PRJ_4525)
  } finally {
    for (const fd of [shp, shx, dbf]) fs.closeSync(fd)
  }
  const zip = new JSZip()
  for (const name of ['DLTB.shp', 'DLTB.shx', 'DLTB.dbf', 'DLTB.prj'])
    zip.file(`三调成果/${name}`, fs.createReadStream(path.join(dir, name)))
  await new Promise<void>((resolve, reject) =>
    zip
      .generateNodeStream({
        type: 'nodebuffer',
        streamFiles: true,
        compression: 'DEFLATE',
        compressionOptions: { level: 1 },
      })
      .pipe(fs.createWriteStream(zipPath))
      .on('finish', () => resolve())
      .on('error', reject),
  )
  fs.rmSync(dir, { recursive: true, force: true })
  return { bytes: fs.statSync(zipPath).size }
}

import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { convertGeoJson } from '../../server/src/services/gdal.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { misdeclareSize } from '../support/zip-bomb.ts'

/**
 * Every uploaded file of this test is generated here (generated test data): a 120 m × 80 m plot near the
 * centre of 赫山区, written in the CRS under test with coordinates PostGIS computed from CGCS2000.
 */

let db: Database
let app: ReturnType<typeof createTestApp>
let land: Session
/** A point inside 赫山区 (CGCS2000 lon/lat). */
let origin: { lon: number; lat: number }

const URL = '/api/precheck/parse-upload'

type Ring = [number, number][]

/** The plot's corners in `epsg`, from the CGCS2000 origin moved 120 m east and 80 m north (in that CRS). */
async function plotIn(epsg: number): Promise<Ring> {
  const {
    rows: [p],
  } = await db.query(
    `SELECT ST_X(g) AS x, ST_Y(g) AS y FROM ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), $3::int) g`,
    [origin.lon, origin.lat, epsg],
  )
  const [x, y] = epsg === 4490 ? [p.x, p.y] : [Math.round(p.x * 1000) / 1000, Math.round(p.y * 1000) / 1000]
  const [dx, dy] = epsg === 4490 ? [0.0012, 0.0007] : [120, 80]
  return [
    [x, y],
    [x + dx, y],
    [x + dx, y + dy],
    [x, y + dy],
    [x, y],
  ]
}

/** What PROJ (PostGIS) makes of the ring's corners in CGCS2000. */
async function expectedCorners(ring: Ring, epsg: number): Promise<[number, number][]> {
  const { rows } = await db.query(
    `
    SELECT ST_X(g) AS lon, ST_Y(g) AS lat
    FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS c(xy, i), ST_Transform(ST_SetSRID(ST_MakePoint((xy->>0)::float8, (xy->>1)::float8), $2::int), 4490) g
    ORDER BY i`,
    [JSON.stringify(ring.slice(0, 4)), epsg],
  )
  return rows.map((r) => [r.lon, r.lat])
}

/** Largest distance in metres from each expected corner to the nearest vertex of the answer (geodesic, PostGIS). */
async function worstCornerErrorM(answer: any, corners: [number, number][]): Promise<number> {
  const {
    rows: [r],
  } = await db.query(
    `
    WITH v AS (SELECT (ST_DumpPoints(ST_GeomFromGeoJSON($1))).geom AS p),
    c AS (SELECT ST_SetSRID(ST_MakePoint((xy->>0)::float8, (xy->>1)::float8), 4490) AS p FROM jsonb_array_elements($2::jsonb) xy)
    SELECT max((SELECT min(ST_Distance(c.p::geography, v.p::geography, false)) FROM v)) AS worst FROM c`,
    [JSON.stringify(answer), JSON.stringify(corners)],
  )
  return r.worst
}

const featureCollection = (ring: Ring, crsName?: string) =>
  JSON.stringify({
    type: 'FeatureCollection',
    ...(crsName ? { crs: { type: 'name', properties: { name: crsName } } } : {}),
    features: [
      { type: 'Feature', properties: { name: '待核查地块' }, geometry: { type: 'Polygon', coordinates: [ring] } },
    ],
  })

function kml(ring: Ring, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document>
<Folder><name>地块</name><Placemark><name>待核查地块</name><Polygon><outerBoundaryIs><LinearRing><coordinates>${ring.map(([x, y]) => `${x},${y},0`).join(' ')}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Folder>
${extra}</Document></kml>`
}

/** A minimal DXF (ENTITIES only) with one closed LWPOLYLINE (flag 70 = 1) and, optionally, a text. */
function dxf(ring: Ring, withText = false): string {
  const corners = ring.slice(0, 4)
  const vertices = corners.map(([x, y]) => `10\n${x}\n20\n${y}\n`).join('')
  const text = withText ? `0\nTEXT\n8\n0\n10\n${corners[0][0]}\n20\n${corners[0][1]}\n40\n2.5\n1\nJ-01\n` : ''
  return `0\nSECTION\n2\nENTITIES\n0\nLWPOLYLINE\n8\nDK\n90\n${corners.length}\n70\n1\n${vertices}${text}0\nENDSEC\n0\nEOF\n`
}

/** A zipped Shapefile written by GDAL in `epsg` (its .prj in ESRI WKT), with files replaced or left out. */
async function shapefileZip(
  ring: Ring,
  epsg: number,
  change: { prj?: string | null; drop?: string[]; folder?: string } = {},
): Promise<Buffer> {
  const files = await convertGeoJson(featureCollection(ring), { driver: 'ESRI Shapefile', layerName: 'plot', epsg })
  const zip = new JSZip()
  for (const f of files) {
    const ext = f.name.split('.').pop()!
    if (change.drop?.includes(ext)) continue
    if (ext === 'prj' && change.prj === null) continue
    zip.file(`${change.folder ?? ''}${f.name}`, ext === 'prj' && typeof change.prj === 'string' ? change.prj : f.bytes)
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
}

function upload(session: Session, bytes: Buffer | string, fileName: string, fields: Record<string, string> = {}) {
  let req = session.agent.post(URL).set('X-CSRF-Token', session.csrfToken)
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v)
  return req.attach('file', Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'), { filename: fileName })
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  land = await signInAs(app, 'land')
  const {
    rows: [p],
  } = await db.query(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM county WHERE adcode = '430903') s`,
  )
  origin = { lon: p.lon, lat: p.lat }
})

afterAll(async () => {
  await db.close()
})

describe('POST /api/precheck/parse-upload: formats and CRS families', () => {
  it.each([
    ['GeoJSON in CGCS2000 lon/lat without crs', 4490, 'geojson-nocrs', 'ranges'],
    ['GeoJSON with crs EPSG:4527 (3° zone 39, prefixed)', 4527, 'geojson-crs', 'prj'],
    ['GeoJSON with crs EPSG:4546 (3° CM 111E)', 4546, 'geojson-crs', 'prj'],
    ['GeoJSON in 3° zone 37 without crs (prefixed eastings)', 4525, 'geojson-nocrs', 'ranges'],
    ['GeoJSON in 6° zone 19 without crs (prefixed eastings)', 4497, 'geojson-nocrs', 'ranges'],
    ['a zipped Shapefile with .prj in CGCS2000 lon/lat', 4490, 'shp', 'prj'],
    ['a zipped Shapefile with .prj in 3° zone 37', 4525, 'shp', 'prj'],
    ['a zipped Shapefile with .prj in 3° CM 111E', 4546, 'shp', 'prj'],
    ['a zipped Shapefile with .prj in 6° zone 19', 4497, 'shp', 'prj'],
    ['a zipped Shapefile with .prj in 6° CM 111E', 4508, 'shp', 'prj'],
    ['a zipped Shapefile without .prj in 3° zone 37', 4525, 'shp-noprj', 'ranges'],
    ['a DXF in 3° zone 37 (closed polyline)', 4525, 'dxf', 'ranges'],
    ['a DXF in 3° CM 111E (meridian of 赫山区)', 4546, 'dxf', 'ranges'],
  ])(
    'when the officer uploads %s, then the outline comes back in EPSG:4490 within 1 cm of PROJ',
    async (_what, epsg, kind, how) => {
      const ring = await plotIn(epsg)
      const body =
        kind === 'geojson-crs'
          ? featureCollection(ring, `urn:ogc:def:crs:EPSG::${epsg}`)
          : kind === 'geojson-nocrs'
            ? featureCollection(ring)
            : kind === 'dxf'
              ? dxf(ring)
              : await shapefileZip(ring, epsg, kind === 'shp-noprj' ? { prj: null } : {})
      const name = kind.startsWith('geojson') ? '地块.geojson' : kind === 'dxf' ? '地块.dxf' : '地块.zip'
      const res = await upload(land, body, name)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.crs.how).toBe(how)
      expect(res.body.crs.epsg).toBe(epsg)
      expect(res.body.features).toBe(1)
      expect(res.body.geometry.type).toBe('MultiPolygon')
      expect(await worstCornerErrorM(res.body.geometry, await expectedCorners(ring, epsg))).toBeLessThan(0.01)
    },
  )

  it('when a KML (WGS 84 by definition) with a point in another folder is uploaded, then the polygon comes back, the point is ignored with a warning', async () => {
    const ring = await plotIn(4490)
    const res = await upload(
      land,
      kml(
        ring,
        `<Folder><name>界桩</name><Placemark><Point><coordinates>${ring[0][0]},${ring[0][1]},0</coordinates></Point></Placemark></Folder>`,
      ),
      '地块.kml',
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.crs).toEqual({ epsg: 4326, name: 'WGS 84', label: 'WGS 84 经纬度', how: 'prj' })
    expect(res.body.features).toBe(1)
    expect(res.body.warnings.join('\n')).toContain('忽略了 1 个不是面的要素')
    expect(res.body.warnings.join('\n')).toContain('KML 按规范使用 WGS 84')
    expect(await worstCornerErrorM(res.body.geometry, ring.slice(0, 4))).toBeLessThan(0.01)
  })

  it('when a KMZ (zipped doc.kml, as Google Earth or 奥维地图 export it) is uploaded, then its polygon comes back as from the KML', async () => {
    const ring = await plotIn(4490)
    const zip = new JSZip()
    zip.file('doc.kml', kml(ring))
    zip.file('files/icon.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    const res = await upload(land, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), '红线.kmz')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.crs.epsg).toBe(4326)
    expect(await worstCornerErrorM(res.body.geometry, ring.slice(0, 4))).toBeLessThan(0.01)
  })

  it('when a DXF with a closed polyline and a text is uploaded, then the polyline is the outline and the text is ignored', async () => {
    const ring = await plotIn(4525)
    const res = await upload(land, dxf(ring, true), 'cass.dxf')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.warnings.join('\n')).toContain('1 条闭合的线按地块边界读取')
    expect(res.body.warnings.join('\n')).toContain('忽略了 1 个不是面的要素')
  })

  it('when unprefixed eastings come without .prj, then the 3° meridian of 赫山区 (111°E) is assumed and the warning says so', async () => {
    const res = await upload(land, featureCollection(await plotIn(4546)), 'plot.geojson')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.crs).toEqual({
      epsg: 4546,
      name: 'CGCS2000 / 3-degree Gauss-Kruger CM 111E',
      label: 'CGCS2000 3 度带高斯-克吕格投影中央经线 111°E（无带号）',
      how: 'ranges',
    })
    expect(res.body.warnings[0]).toContain('按赫山区所在的 3 度带中央经线 111°E 换算')
  })

  it('when unprefixed eastings of CM 114E come with the meridian filled in, then CM 114E is used', async () => {
    const ring = await plotIn(4547)
    const res = await upload(land, featureCollection(ring), 'plot.geojson', { centralMeridian: '114' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.crs.epsg).toBe(4547)
    expect(await worstCornerErrorM(res.body.geometry, await expectedCorners(ring, 4547))).toBeLessThan(0.01)
  })

  it("when the outline lies outside the officer's counties, then a warning says so; inside 赫山区 there is none", async () => {
    const far: Ring = [
      [39_500_000, 3_000_000],
      [39_500_100, 3_000_000],
      [39_500_100, 3_000_100],
      [39_500_000, 3_000_100],
      [39_500_000, 3_000_000],
    ]
    const outside = await upload(land, featureCollection(far), 'far.geojson')
    expect(outside.status, JSON.stringify(outside.body)).toBe(200)
    expect(outside.body.warnings.join('\n')).toMatch(
      /换算后的地块不在您负责的区县内（中心约 117\.000\d\d°E, 27\.11\d\d\d°N）.*按坐标范围判断/,
    )
    const inside = await upload(land, featureCollection(await plotIn(4525)), 'near.geojson')
    expect(inside.status).toBe(200)
    expect(inside.body.warnings.join('\n')).not.toContain('不在您负责的区县内')
  })

  it('when a point is known from PROJ (cs2cs EPSG:4546 → 4490: E 500000, N 3100000 → 111°E, 28.014061169764°N), then the answer has that vertex', async () => {
    const ring: Ring = [
      [500_000, 3_100_000],
      [500_100, 3_100_000],
      [500_100, 3_100_100],
      [500_000, 3_100_100],
      [500_000, 3_100_000],
    ]
    const res = await upload(land, featureCollection(ring, 'EPSG:4546'), 'known.geojson')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(await worstCornerErrorM(res.body.geometry, [[111, 28.014061169764]])).toBeLessThan(0.01)
  })

  it('when two touching polygons are uploaded, then they come back dissolved into one outline with a warning', async () => {
    const [a, b, c, d] = await plotIn(4525)
    const right: Ring = [b, [b[0] + 60, b[1]], [c[0] + 60, c[1]], c, b]
    const body = JSON.stringify({
      type: 'FeatureCollection',
      features: [[a, b, c, d, a], right].map((ring) => ({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [ring] },
      })),
    })
    const res = await upload(land, body, 'two.geojson')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.features).toBe(2)
    expect(res.body.geometry.coordinates).toHaveLength(1)
    expect(res.body.warnings.join('\n')).toContain('2 个多边形已合并为一个地块范围')
  })

  it('when a Shapefile sits in a folder of the .zip, then it is found', async () => {
    const res = await upload(land, await shapefileZip(await plotIn(4525), 4525, { folder: '成果/' }), 'plot.zip')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.crs.epsg).toBe(4525)
    expect(res.body.crs.label).toBe('CGCS2000 3 度带高斯-克吕格投影第 37 带（带号前缀，中央经线 111°E）')
  })

  it('when a GeoJSON holds a polygon with heights and a hole, then the hole is kept and the heights dropped', async () => {
    const [a, b, c, d] = await plotIn(4525)
    const hole: Ring = [
      [a[0] + 40, a[1] + 20],
      [a[0] + 40, a[1] + 60],
      [a[0] + 80, a[1] + 60],
      [a[0] + 80, a[1] + 20],
      [a[0] + 40, a[1] + 20],
    ]
    const body = JSON.stringify({
      type: 'Feature',
      properties: {},
      geometry: {
        type: 'Polygon',
        coordinates: [[a, b, c, d, a].map(([x, y]) => [x, y, 35.2]), hole.map(([x, y]) => [x, y, 35.2])],
      },
    })
    const res = await upload(land, body, 'hole.geojson')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.geometry.coordinates[0]).toHaveLength(2)
    expect(res.body.geometry.coordinates[0][1][0]).toHaveLength(2)
    expect(await worstCornerErrorM(res.body.geometry, await expectedCorners(hole, 4525))).toBeLessThan(0.01)
  })
})

describe('POST /api/precheck/parse-upload: refusals', () => {
  it.each([
    ['Xian 1980 3° zone 37', 2361, 'Xian_1980_3_Degree_GK_Zone_37', '西安 1980 坐标系'],
    ['Beijing 1954 3° CM 111E', 2434, 'Beijing_1954_3_Degree_GK_CM_111E', '北京 1954 坐标系'],
    ['Xian 1980 geographic', 4610, 'GCS_Xian_1980', '西安 1980 坐标系'],
  ])(
    'when a zipped Shapefile in %s is uploaded, then 422 LEGACY_CRS names the CRS',
    async (_what, epsg, name, datum) => {
      const res = await upload(land, await shapefileZip(await plotIn(epsg), epsg), 'old.zip')
      expect(res.status, JSON.stringify(res.body)).toBe(422)
      expect(res.body.error.details.problems[0].code).toBe('LEGACY_CRS')
      expect(res.body.error.message).toContain(`“${name}”`)
      expect(res.body.error.message).toContain(datum)
    },
  )

  it('when a GeoJSON names EPSG:2363 (Xian 1980 zone 39), then 422 LEGACY_CRS names it', async () => {
    const res = await upload(land, featureCollection(await plotIn(4527), 'EPSG:2363'), 'old.geojson')
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain('Xian 1980 / 3-degree Gauss-Kruger zone 39')
  })

  it('when the .prj is WGS 84 UTM 49N, then 422 UNKNOWN_CRS names it', async () => {
    const prj =
      'PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    const res = await upload(land, await shapefileZip(await plotIn(4546), 4546, { prj }), 'utm.zip')
    expect(res.status).toBe(422)
    expect(res.body.error.details.problems[0].code).toBe('UNKNOWN_CRS')
    expect(res.body.error.message).toContain('“WGS_1984_UTM_Zone_49N”')
  })

  it('when the .prj is not WKT at all, then 422 UNKNOWN_CRS quotes it', async () => {
    const res = await upload(
      land,
      await shapefileZip(await plotIn(4525), 4525, { prj: '国家2000坐标系 37带' }),
      'odd.zip',
    )
    expect(res.status).toBe(422)
    expect(res.body.error.details.problems[0].code).toBe('UNKNOWN_CRS')
    expect(res.body.error.message).toContain('国家2000坐标系 37带')
  })

  it('when the .prj says zone 39 but the eastings are of zone 37, then 422 CRS_MISMATCH', async () => {
    const zone39 =
      'PROJCS["CGCS2000_3_Degree_GK_Zone_39",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",39500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    const res = await upload(land, await shapefileZip(await plotIn(4525), 4525, { prj: zone39 }), 'mismatch.zip')
    expect(res.status).toBe(422)
    expect(res.body.error.details.problems[0].code).toBe('CRS_MISMATCH')
    expect(res.body.error.message).toContain('带号 39')
  })

  it('when northing and easting are swapped (X = 北坐标), then 422 AXES_SWAPPED', async () => {
    const swapped = (await plotIn(4525)).map(([x, y]) => [y, x] as [number, number])
    const res = await upload(land, featureCollection(swapped), 'swapped.geojson')
    expect(res.status).toBe(422)
    expect(res.body.error.details.problems[0].code).toBe('AXES_SWAPPED')
  })

  it('when local engineering coordinates are uploaded, then 422 UNKNOWN_CRS with the coordinate ranges', async () => {
    const ring: Ring = [
      [100, 100],
      [200, 100],
      [200, 200],
      [100, 200],
      [100, 100],
    ]
    const res = await upload(land, dxf(ring), 'local.dxf')
    expect(res.status).toBe(422)
    expect(res.body.error.details.problems[0].code).toBe('UNKNOWN_CRS')
    expect(res.body.error.message).toContain('坐标范围 X 100–200')
  })

  it('when the meridian filled in is not a 3° meridian, then 400 naming the field', async () => {
    const res = await upload(land, featureCollection(await plotIn(4546)), 'plot.geojson', { centralMeridian: '112' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('中央经线应为 75 到 135 之间 3 的倍数')
  })

  it.each([
    [
      'a .zip without .shp',
      async () => {
        const z = new JSZip()
        z.file('说明.txt', '地块')
        z.file('plot.dbf', 'x')
        return z.generateAsync({ type: 'nodebuffer' })
      },
      'plot.zip',
      400,
      'NO_SHP_IN_ZIP',
      '没有 .shp 文件（包内有：说明.txt、plot.dbf）',
    ],
    [
      'a .zip without .shx',
      async () => shapefileZip(await plotIn(4525), 4525, { drop: ['shx'] }),
      'plot.zip',
      400,
      'SHAPEFILE_INCOMPLETE',
      '缺少与 plot.shp 同名的 .shx',
    ],
    [
      'a broken .zip',
      async () => Buffer.from('PK\u0003\u0004 this is not a zip'),
      'plot.zip',
      400,
      'MALFORMED_FILE',
      '“plot.zip”不是有效的压缩包',
    ],
    [
      'a .kmz without a .kml',
      async () => {
        const z = new JSZip()
        z.file('images/icon.png', 'x')
        return z.generateAsync({ type: 'nodebuffer' })
      },
      'plot.kmz',
      400,
      'MALFORMED_FILE',
      '“plot.kmz”中没有 .kml 文档',
    ],
    [
      'a GeoJSON that is not JSON',
      async () => Buffer.from('{"type": "FeatureCollection", "features": [', 'utf8'),
      'plot.geojson',
      400,
      'MALFORMED_FILE',
      '不是有效的 GeoJSON',
    ],
    [
      'a KML that is not XML',
      async () => Buffer.from('<kml><Document><Placemark>', 'utf8'),
      'plot.kml',
      400,
      'MALFORMED_FILE',
      '无法读取“plot.kml”',
    ],
    [
      'a DXF that is text',
      async () => Buffer.from('这不是 DXF 文件', 'utf8'),
      'plot.dxf',
      400,
      'MALFORMED_FILE',
      '无法读取“plot.dxf”',
    ],
    ['a loose .shp', async () => Buffer.from('x'), 'plot.shp', 400, 'SHAPEFILE_NOT_ZIPPED', '压缩成一个 .zip'],
    [
      'a Word file',
      async () => Buffer.from('x'),
      '红线图.docx',
      400,
      'UNSUPPORTED_FORMAT',
      '不支持“红线图.docx”的文件格式',
    ],
    ['an empty GeoJSON', async () => Buffer.from(''), 'plot.geojson', 400, 'MALFORMED_FILE', '是空文件'],
    [
      'a GeoJSON with only points',
      async () =>
        Buffer.from(
          JSON.stringify({
            type: 'FeatureCollection',
            features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [112.3, 28.5] } }],
          }),
        ),
      'points.geojson',
      422,
      'NO_POLYGON',
      '没有面状要素',
    ],
  ])('when %s is uploaded, then the refusal says what is wrong', async (_what, make, name, status, code, words) => {
    const res = await upload(land, await make(), name)
    expect(res.status, JSON.stringify(res.body)).toBe(status)
    expect(res.body.error.details.problems[0].code).toBe(code)
    expect(res.body.error.message).toContain(words)
  })

  it('when the polygon crosses itself, then 422 INVALID_GEOMETRY with the place in lon/lat', async () => {
    const [a, b, c, d] = await plotIn(4525)
    const res = await upload(land, featureCollection([a, c, b, d, a]), 'bowtie.geojson')
    expect(res.status).toBe(422)
    expect(res.body.error.details.problems[0].code).toBe('INVALID_GEOMETRY')
    expect(res.body.error.message).toMatch(/上传的地块边界自相交，位置 1\d\d\.\d{6}, \d\d\.\d{6}/)
  })

  it('when no file is sent, then 400 asks for one', async () => {
    const res = await land.agent.post(URL).set('X-CSRF-Token', land.csrfToken).field('centralMeridian', '111')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('请选择要上传的地块文件')
  })

  it('when two files are sent, then 400 says one file', async () => {
    const body = featureCollection(await plotIn(4490))
    const res = await land.agent
      .post(URL)
      .set('X-CSRF-Token', land.csrfToken)
      .attach('file', Buffer.from(body), { filename: 'a.geojson' })
      .attach('file', Buffer.from(body), { filename: 'b.geojson' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('每次只能上传 1 个文件')
  })
})

describe('POST /api/precheck/parse-upload: limits and rights', () => {
  it('when the file is larger than the limit, then 413 names the limit', async () => {
    const small = createTestApp(db, { precheckUpload: { ...loadConfig().precheckUpload, maxBytes: 1024 } })
    const session = await signInAs(small, 'land')
    const res = await upload(session, Buffer.alloc(4096, 32), 'big.geojson')
    expect(res.status).toBe(413)
    expect(res.body.error.message).toContain('文件过大：最大 1 KB')
  })

  it('when the file has more polygons or vertices than allowed, then 422 with the counts', async () => {
    const tight = createTestApp(db, {
      precheckUpload: { ...loadConfig().precheckUpload, maxBytes: 1024 * 1024, maxFeatures: 1, maxVertices: 6 },
    })
    const session = await signInAs(tight, 'land')
    const [a, b, c, d] = await plotIn(4525)
    const two = JSON.stringify({
      type: 'FeatureCollection',
      features: [0, 1000].map((dx) => ({
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [[a, b, c, d, a].map(([x, y]) => [x + dx, y])] },
      })),
    })
    const many = await upload(session, two, 'two.geojson')
    expect(many.status).toBe(422)
    expect(many.body.error.message).toContain('有 2 个面状要素，超过上限 1 个')
    const e: [number, number] = [(b[0] + c[0]) / 2 + 10, (b[1] + c[1]) / 2]
    const heptagon = featureCollection([a, b, e, c, [c[0] - 30, c[1] + 10], [d[0] + 30, d[1] + 10], d, a])
    const dense = await upload(session, heptagon, 'dense.geojson')
    expect(dense.status).toBe(422)
    expect(dense.body.error.message).toContain('共有 7 个顶点，超过上限 6 个')
  })

  it('when a small .zip unpacks to far more than the unpacking limit, then 413 with both sizes before anything is read', async () => {
    const config = loadConfig().precheckUpload
    const tight = createTestApp(db, {
      precheckUpload: {
        ...config,
        maxBytes: 64 * 1024,
        uploadGuard: { ...config.uploadGuard, maxUnpackedBytes: 512 * 1024 },
      },
    })
    const session = await signInAs(tight, 'land')
    const zip = new JSZip()
    zip.file('plot.shp', Buffer.alloc(1024 * 1024, 0))
    zip.file('plot.shx', Buffer.alloc(16, 0))
    zip.file('plot.dbf', Buffer.alloc(16, 0))
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' })
    expect(bytes.length).toBeLessThan(64 * 1024)
    const res = await upload(session, bytes, 'bomb.zip')
    expect(res.status).toBe(413)
    expect(res.body.error.message).toContain('压缩包“bomb.zip”解压后约 1 MB，超过上限 512 KB')
  })

  it("when a zipped Shapefile's .shp declares 1 KB but inflates to 64 MB (a zip bomb), then 413 and the rest is not inflated", async () => {
    const zip = new JSZip()
    zip.file('plot.shp', Buffer.alloc(64 * 1024 * 1024, 0))
    zip.file('plot.shx', Buffer.alloc(16, 0))
    zip.file('plot.dbf', Buffer.alloc(16, 0))
    const bomb = misdeclareSize(
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }),
      'plot.shp',
      1024,
    )
    const res = await upload(land, bomb, 'plot.zip')
    expect(res.status, JSON.stringify(res.body)).toBe(413)
    expect(res.body.error.details.problems[0].code).toBe('UNPACKED_TOO_LARGE')
    expect(res.body.error.message).toContain('压缩包“plot.zip”中的“plot.shp”解压后比压缩包记录的大小（1 KB）更大')
  })

  it('when a .zip holds another .zip next to the Shapefile, then 413 NESTED_ARCHIVE', async () => {
    const inner = new JSZip()
    inner.file('more.shp', Buffer.alloc(1024, 0))
    const outer = new JSZip()
    for (const f of await convertGeoJson(featureCollection(await plotIn(4525)), {
      driver: 'ESRI Shapefile',
      layerName: 'plot',
      epsg: 4525,
    }))
      outer.file(f.name, f.bytes)
    outer.file('附件/more.zip', await inner.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }))
    const res = await upload(
      land,
      await outer.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
      'plot.zip',
    )
    expect(res.status, JSON.stringify(res.body)).toBe(413)
    expect(res.body.error.details.problems[0].code).toBe('NESTED_ARCHIVE')
    expect(res.body.error.message).toContain('压缩包“plot.zip”内含压缩包“附件/more.zip”')
  })

  it('when a .zip holds more files than allowed, then 413 TOO_MANY_FILES with the count', async () => {
    const zip = new JSZip()
    for (const f of await convertGeoJson(featureCollection(await plotIn(4525)), {
      driver: 'ESRI Shapefile',
      layerName: 'plot',
      epsg: 4525,
    }))
      zip.file(f.name, f.bytes)
    for (let i = 0; i < 200; i++) zip.file(`空/${i}.txt`, '')
    const res = await upload(land, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), 'plot.zip')
    expect(res.status, JSON.stringify(res.body)).toBe(413)
    expect(res.body.error.details.problems[0].code).toBe('TOO_MANY_FILES')
    expect(res.body.error.message).toMatch(/压缩包“plot.zip”内有 20\d 个文件，最多 100 个/)
  })

  it('when an outline is read, then no pre-check record is written', async () => {
    const count = async () => Number((await db.query('SELECT count(*) AS n FROM precheck')).rows[0].n)
    const before = await count()
    const res = await upload(land, await shapefileZip(await plotIn(4525), 4525), 'plot.zip')
    expect(res.status).toBe(200)
    expect(await count()).toBe(before)
  })

  it.each([
    ['anonymous', 401],
    ['farmland', 403],
    ['environment', 200],
    ['approver', 403],
    ['admin', 403],
  ] as const)('when %s uploads, then %i', async (caller, status) => {
    const session = await signInAs(app, caller)
    const res = await upload(session, featureCollection(await plotIn(4490)), 'plot.geojson')
    expect(res.status).toBe(status)
  })

  it('when the upload has no CSRF token, then 403', async () => {
    const res = await land.agent
      .post(URL)
      .attach('file', Buffer.from(featureCollection(await plotIn(4490))), { filename: 'plot.geojson' })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('CSRF')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import {
  squareRing,
  writeDltbFileGdbZip,
  writeDltbGeoPackage,
  writeDltbShapefileZip,
  type DltbFeature,
} from '../support/dltb-fixture.ts'

/**
 * Every layer file of this test is generated here (generated test data, fictitious places): a 20 km square county
 * 南县 (430921) in CGCS2000 3° Gauss-Krüger zone 37 with zone-prefixed eastings (EPSG:4525), split into two
 * townships, written as ArcGIS writes a 三调 export (GBK .dbf without .cpg); and a county 430923 in GeoJSON with
 * 12-digit statistics codes.
 */

let db: Database
let app: ReturnType<typeof createTestApp>
let admin: Session

const PREVIEW = '/api/admin/units/preview'
const APPLY = '/api/admin/units/apply'
const NEW_COUNTY = '430921'
const GEOJSON_COUNTY = '430923'
const X0 = 37_490_000
const Y0 = 3_200_000
const KM = 1000

type Unit = [code: string, name: string, ring: [number, number][]]

/** A rectangle from (x, y) of w × h metres. */
function rect(x: number, y: number, w: number, h: number): [number, number][] {
  return [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
    [x, y],
  ]
}

const features = (units: Unit[]): DltbFeature[] =>
  units.map(([code, name, ring]) => ({ properties: { XZQDM: code, XZQMC: name }, rings: [ring] }))

/** The good file: the county and its two townships, west and east halves. */
const GOOD: Unit[] = [
  [NEW_COUNTY, '南县', squareRing(X0, Y0, 20 * KM)],
  ['430921100', '南洲镇', rect(X0, Y0, 10 * KM, 20 * KM)],
  ['430921101', '华阁镇', rect(X0 + 10 * KM, Y0, 10 * KM, 20 * KM)],
]

function shapefile(units: Unit[], options: { prj?: boolean } = {}) {
  return writeDltbShapefileZip(features(units), { epsg: 4525, layerName: 'XZQ', withPrj: options.prj })
}

function upload(session: Session, bytes: Uint8Array | string, fileName: string, fields: Record<string, string> = {}) {
  let req = session.agent.post(PREVIEW).set('X-CSRF-Token', session.csrfToken)
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v)
  return req.attach('file', Buffer.from(bytes), { filename: fileName })
}

function apply(session: Session, body: Record<string, unknown>) {
  return session.agent.post(APPLY).set('X-CSRF-Token', session.csrfToken).send(body)
}

async function countRows(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query(sql, params)
  return Number(rows[0].n)
}

const problemCodes = (body: any) => body.problems.map((p: any) => p.code)

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  admin = await signInAs(app, 'admin')
})

afterAll(async () => {
  for (const adcode of [NEW_COUNTY, GEOJSON_COUNTY]) {
    await db.query(`DELETE FROM monitoring_point WHERE adcode = $1`, [adcode])
    await db.query(`DELETE FROM farmland_parcel WHERE adcode = $1`, [adcode])
    await db.query(`DELETE FROM township WHERE adcode = $1`, [adcode])
    await db.query(`DELETE FROM coverage_version WHERE adcode = $1`, [adcode])
    await db.query(`DELETE FROM county WHERE adcode = $1`, [adcode])
    await db.query(`DELETE FROM admin_unit_import WHERE adcode = $1`, [adcode])
  }
  await db.close()
})

describe('行政区管理: a new county from a zipped Shapefile (GBK, EPSG:4525)', () => {
  let previewId: string

  it('when the administrator uploads the good file, then the preview shows the county, 2 townships, the CRS and no problem, and nothing is written', async () => {
    const historyBefore = await countRows(`SELECT count(*) AS n FROM change_history`)
    const res = await upload(admin, await shapefile(GOOD), '南县行政区.zip')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const body = res.body
    expect(body.problems.filter((p: any) => p.severity !== 'note')).toEqual([])
    expect(body.counts).toMatchObject({ features: 3, townships: 2, errors: 0 })
    expect(body.county).toMatchObject({
      adcode: NEW_COUNTY,
      name: '南县',
      province: '湖南省',
      cityCode: '430900',
      city: '益阳市',
      isNew: true,
    })
    expect(body.county.areaM2).toBeGreaterThan(399e6)
    expect(body.county.areaM2).toBeLessThan(401e6)
    expect(body.townships.map((t: any) => [t.code, t.name])).toEqual([
      ['430921100', '南洲镇'],
      ['430921101', '华阁镇'],
    ])
    const [layer] = body.layers
    expect(layer).toMatchObject({ name: 'XZQ', codeField: 'XZQDM', nameField: 'XZQMC', isSelected: true })
    expect(layer.encoding.encoding).toBe('GBK')
    expect(layer.crs).toMatchObject({ ok: true, epsg: 4525, how: 'prj' })
    expect(layer.sampleNames).toContain('南县')
    expect(body.map.features).toHaveLength(3)
    expect(body.bbox[0]).toBeGreaterThan(110.7)
    expect(body.bbox[2]).toBeLessThan(111.3)
    expect(body.previewId).toMatch(/^[\w-]{8,}$/)
    previewId = body.previewId
    expect(await countRows(`SELECT count(*) AS n FROM county WHERE adcode = $1`, [NEW_COUNTY])).toBe(0)
    expect(await countRows(`SELECT count(*) AS n FROM township WHERE adcode = $1`, [NEW_COUNTY])).toBe(0)
    expect(await countRows(`SELECT count(*) AS n FROM change_history`)).toBe(historyBefore)
  })

  it('when the preview is applied, then the county and its townships are stored, listed in the counties and the scope picker, in the history, and the map layers move on', async () => {
    const versionsBefore = (await admin.agent.get('/api/map/versions').expect(200)).body.versions
    const res = await apply(admin, { previewId, cityCode: '430900', city: '益阳市' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      adcode: NEW_COUNTY,
      name: '南县',
      isNew: true,
      townships: { added: 2, replaced: 0, removed: 0 },
      recordsOutside: [],
    })
    const counties = (await admin.agent.get('/api/counties').expect(200)).body.counties
    expect(counties.map((c: any) => c.adcode)).toContain(NEW_COUNTY)
    const scopes = (await admin.agent.get('/api/admin/scopes').expect(200)).body.scopes
    expect(scopes).toContainEqual(expect.objectContaining({ code: NEW_COUNTY, name: '益阳市南县' }))
    expect(
      await countRows(`SELECT count(*) AS n FROM township WHERE adcode = $1 AND NOT is_generated`, [NEW_COUNTY]),
    ).toBe(2)
    expect(
      await countRows(
        `SELECT count(*) AS n FROM change_history WHERE adcode = $1 AND action = 'create' AND actor = 'admin' AND entity IN ('county', 'township')`,
        [NEW_COUNTY],
      ),
    ).toBe(3)
    const versionsAfter = (await admin.agent.get('/api/map/versions').expect(200)).body.versions
    expect(versionsAfter.county).toBeGreaterThan(versionsBefore.county)
    expect(versionsAfter.township).toBeGreaterThan(versionsBefore.township)
  })

  it('when the same preview is applied a second time, then it is refused as expired', async () => {
    const res = await apply(admin, { previewId, cityCode: '430900', city: '益阳市' })
    expect(res.status).toBe(404)
    expect(res.body.error.details.problems[0].code).toBe('PREVIEW_EXPIRED')
  })
})

describe('行政区管理: problems of a file', () => {
  it('when codes are malformed, a township names another county and a code is a city code, then each is listed with its feature and no preview can be applied', async () => {
    const res = await upload(
      admin,
      await shapefile([
        ...GOOD,
        ['43092', '短代码镇', rect(X0, Y0, KM, KM)],
        ['430999100', '外县镇', rect(X0, Y0, KM, KM)],
        ['430900', '益阳市', rect(X0, Y0, KM, KM)],
      ]),
      '错代码.zip',
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const byCode = (code: string) => res.body.problems.filter((p: any) => p.code === code)
    expect(byCode('BAD_CODE')).toEqual([expect.objectContaining({ index: 4, unitCode: '43092', severity: 'error' })])
    expect(byCode('BAD_CODE')[0].message).toContain('有 5 位')
    expect(byCode('TOWNSHIP_WRONG_COUNTY')).toEqual([expect.objectContaining({ index: 5, unitName: '外县镇' })])
    expect(byCode('CITY_CODE')).toEqual([expect.objectContaining({ index: 6 })])
    expect(res.body.previewId).toBeNull()
  })

  it('when a township reaches outside the county and two townships overlap, then both are errors with their place, and the land left between townships is a gap with its area', async () => {
    const res = await upload(
      admin,
      await shapefile([
        [NEW_COUNTY, '南县', squareRing(X0, Y0, 20 * KM)],
        ['430921100', '南洲镇', rect(X0, Y0, 11 * KM, 20 * KM)],
        ['430921101', '华阁镇', rect(X0 + 10 * KM, Y0, 10 * KM + 500, 20 * KM)],
        ['430921102', '北洲镇', rect(X0, Y0 + 21 * KM, KM, KM)],
      ]),
      '重叠.zip',
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const outside = res.body.problems.filter((p: any) => p.code === 'TOWNSHIP_OUTSIDE_COUNTY')
    expect(outside.map((p: any) => p.unitCode).sort()).toEqual(['430921101', '430921102'])
    const east = outside.find((p: any) => p.unitCode === '430921101')
    expect(east.areaM2).toBeGreaterThan(9.9e6)
    expect(east.areaM2).toBeLessThan(10.1e6)
    expect(east.location[0]).toBeGreaterThan(111)
    const overlap = res.body.problems.find((p: any) => p.code === 'TOWNSHIP_OVERLAP')
    expect(overlap).toMatchObject({ unitCode: '430921100', severity: 'error' })
    expect(overlap.areaM2).toBeGreaterThan(19.9e6)
    expect(overlap.areaM2).toBeLessThan(20.1e6)
    expect(overlap.message).toContain('华阁镇')
    expect(res.body.previewId).toBeNull()

    const gapped = await upload(
      admin,
      await shapefile([
        [NEW_COUNTY, '南县', squareRing(X0, Y0, 20 * KM)],
        ['430921100', '南洲镇', rect(X0, Y0, 9 * KM, 20 * KM)],
        ['430921101', '华阁镇', rect(X0 + 10 * KM, Y0, 10 * KM, 20 * KM)],
      ]),
      '缝隙.zip',
    )
    const gap = gapped.body.problems.find((p: any) => p.code === 'GAP')
    expect(gap).toMatchObject({ severity: 'warning' })
    expect(gap.areaM2).toBeGreaterThan(19.9e6)
    expect(gap.areaM2).toBeLessThan(20.1e6)
    expect(gap.location[0]).toBeGreaterThan(110.8)
    expect(gapped.body.counts.errors).toBe(0)
  })

  it('when the .prj is Xian 1980, then the file is refused with the reason', async () => {
    const xian =
      'PROJCS["Xian_1980_3_Degree_GK_Zone_37",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",37500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]'
    const JSZip = (await import('jszip')).default
    const zip = await JSZip.loadAsync(await shapefile(GOOD))
    const prj = Object.keys(zip.files).find((n) => n.endsWith('.prj'))!
    zip.file(prj, xian)
    const res = await upload(admin, await zip.generateAsync({ type: 'uint8array' }), '西安80.zip')
    expect(res.status).toBe(422)
    expect(res.body.error.details.problems[0].code).toBe('LEGACY_CRS')
    expect(res.body.error.message).toContain('西安 1980')
  })

  it('when a farmland officer uploads a file, then it is refused (administrators only)', async () => {
    const farmland = await signInAs(app, 'farmland')
    const res = await upload(farmland, await shapefile(GOOD), '南县.zip')
    expect(res.status).toBe(403)
  })
})

describe('行政区管理: files and forms that cannot be read', () => {
  it.each([
    ['a text file', '行政区.txt', '区县代码'],
    ['an empty GeoJSON', '行政区.geojson', ''],
    ['a GeoJSON cut off in the middle', '行政区.geojson', '{"type":"FeatureCollection","features":[{"type":'],
    ['a file that is not a zip', '行政区.zip', 'PK not really'],
  ])(
    'when the administrator uploads %s, then it is refused in Chinese with 4xx and nothing is written',
    async (_what, name, text) => {
      const res = await upload(admin, text, name)
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
      expect(res.body.error.details.problems.length).toBeGreaterThan(0)
    },
  )

  it('when the apply names no city, then the fields at fault are named', async () => {
    const res = await apply(admin, { previewId: 'abcdefgh12', cityCode: '4309', city: '' })
    expect(res.status).toBe(400)
    expect(res.body.error.details.problems.map((p: any) => p.field).sort()).toEqual(['city', 'cityCode'])
  })
})

describe('行政区管理: GeoPackage and FileGDB', () => {
  it.each([
    ['a GeoPackage', '南县.gpkg', () => writeDltbGeoPackage(features(GOOD), { epsg: 4525, layerName: 'XZQ' })],
    [
      'a zipped FileGDB folder',
      '县级三调.zip',
      () => writeDltbFileGdbZip(features(GOOD), { epsg: 4525, layerName: 'XZQ' }),
    ],
  ])(
    'when the administrator uploads %s, then its layer, CRS and units are read as from the Shapefile',
    async (_what, name, write) => {
      const res = await upload(admin, await write(), name)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.layers[0]).toMatchObject({ name: 'XZQ', codeField: 'XZQDM', nameField: 'XZQMC' })
      expect(res.body.layers[0].crs).toMatchObject({ ok: true, epsg: 4525 })
      expect(res.body.counts).toMatchObject({ features: 3, townships: 2, errors: 0 })
      expect(res.body.townships.map((t: any) => t.name)).toEqual(['南洲镇', '华阁镇'])
    },
  )
})

describe('行政区管理: 12-digit statistics codes in a GeoJSON', () => {
  it('when a township layer has 12-digit codes and no county feature, then the codes are cut to 9, the county is their union and its name comes from the form', async () => {
    const ring = (lon: number) => [
      [lon, 28.0],
      [lon + 0.05, 28.0],
      [lon + 0.05, 28.05],
      [lon, 28.05],
      [lon, 28.0],
    ]
    const geojson = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { XZDM: '430923100000', XZMC: '东坪镇' },
          geometry: { type: 'Polygon', coordinates: [ring(111.0)] },
        },
        {
          type: 'Feature',
          properties: { XZDM: '430923101000', XZMC: '梅城镇' },
          geometry: { type: 'Polygon', coordinates: [ring(111.05)] },
        },
      ],
    })
    const res = await upload(admin, geojson, '乡镇.geojson')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(problemCodes(res.body)).toEqual(['CODE_CUT'])
    expect(res.body.townships.map((t: any) => t.code)).toEqual(['430923100', '430923101'])
    expect(res.body.county).toMatchObject({ adcode: GEOJSON_COUNTY, name: null, isNew: true })
    expect(res.body.layers[0].crs.ok).toBe(true)
    expect([4326, 4490]).toContain(res.body.layers[0].crs.epsg)
    const refused = await apply(admin, { previewId: res.body.previewId, cityCode: '430900', city: '益阳市' })
    expect(refused.status).toBe(400)
    expect(refused.body.error.details.problems[0].field).toBe('countyName')
    const applied = await apply(admin, {
      previewId: res.body.previewId,
      countyName: '安化县',
      cityCode: '430900',
      city: '益阳市',
    })
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    const {
      rows: [c],
    } = await db.query(`SELECT name, ST_NumGeometries(geom) AS parts, area_m2 FROM county WHERE adcode = $1`, [
      GEOJSON_COUNTY,
    ])
    expect(c.name).toBe('安化县')
    expect(c.parts).toBe(1)
  })
})

describe('行政区管理: replacing an existing county', () => {
  const WEST_PARCEL = 'AU-WEST'
  const EAST_PARCEL = 'AU-EAST'

  /** A parcel of 100 m × 100 m at (x, y) of zone 37, in township `township`. */
  async function addParcel(code: string, x: number, y: number, township: string | null) {
    await db.query(
      `INSERT INTO farmland_parcel (adcode, code, dlbm, township_code, geom)
       VALUES ($1, $2, '0101', $3, ST_Multi(ST_Transform(ST_MakeEnvelope($4::float8, $5::float8, $4::float8 + 100, $5::float8 + 100, 4525), 4490)))`,
      [NEW_COUNTY, code, township, x, y],
    )
  }

  beforeAll(async () => {
    if ((await countRows(`SELECT count(*) AS n FROM county WHERE adcode = $1`, [NEW_COUNTY])) === 0) {
      const preview = await upload(admin, await shapefile(GOOD), '南县行政区.zip').expect(200)
      await apply(admin, { previewId: preview.body.previewId, cityCode: '430900', city: '益阳市' }).expect(200)
    }
    await addParcel(WEST_PARCEL, X0 + 2 * KM, Y0 + 2 * KM, '430921100')
    await addParcel(EAST_PARCEL, X0 + 18 * KM, Y0 + 2 * KM, '430921101')
  })

  /** The west 15 km of the county: 南洲镇 as before, 华阁镇 cut to 5 km. */
  const SMALLER: Unit[] = [
    [NEW_COUNTY, '南县', rect(X0, Y0, 15 * KM, 20 * KM)],
    ['430921100', '南洲镇', rect(X0, Y0, 10 * KM, 20 * KM)],
    ['430921101', '华阁镇', rect(X0 + 10 * KM, Y0, 5 * KM, 20 * KM)],
  ]

  it('when a township still named by a parcel is left out of the file, then the preview refuses it by name', async () => {
    const res = await upload(admin, await shapefile(SMALLER.slice(0, 2)), '少乡镇.zip')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const used = res.body.problems.find((p: any) => p.code === 'TOWNSHIP_STILL_USED')
    expect(used).toMatchObject({ unitCode: '430921101', unitName: '华阁镇', severity: 'error' })
    expect(used.message).toContain('1 条')
    expect(res.body.previewId).toBeNull()
  })

  it('when an apply fails midway (a parcel came to name a left-out township after the preview), then nothing of it is written', async () => {
    await db.query(`INSERT INTO township (adcode, code, name) VALUES ($1, '430921109', '临时镇')`, [NEW_COUNTY])
    const preview = await upload(admin, await shapefile(SMALLER), '南县新界.zip')
    expect(preview.body.problems.map((p: any) => p.code)).toContain('TOWNSHIP_REMOVED')
    expect(preview.body.previewId).toBeTruthy()
    await addParcel('AU-LATE', X0 + 3 * KM, Y0 + 3 * KM, '430921109')
    const areaBefore = (await db.query(`SELECT area_m2 FROM county WHERE adcode = $1`, [NEW_COUNTY])).rows[0].area_m2
    const historyBefore = await countRows(`SELECT count(*) AS n FROM change_history WHERE adcode = $1`, [NEW_COUNTY])
    const applied = await apply(admin, { previewId: preview.body.previewId, cityCode: '430900', city: '益阳市' })
    expect(applied.status).toBe(409)
    expect(applied.body.error.details.problems[0].code).toBe('TOWNSHIP_STILL_USED')
    expect((await db.query(`SELECT area_m2 FROM county WHERE adcode = $1`, [NEW_COUNTY])).rows[0].area_m2).toBe(
      areaBefore,
    )
    expect(await countRows(`SELECT count(*) AS n FROM change_history WHERE adcode = $1`, [NEW_COUNTY])).toBe(
      historyBefore,
    )
    await db.query(`DELETE FROM farmland_parcel WHERE adcode = $1 AND code = 'AU-LATE'`, [NEW_COUNTY])
    await db.query(`DELETE FROM township WHERE adcode = $1 AND code = '430921109'`, [NEW_COUNTY])
  })

  it('when the outline is replaced by a smaller one, then every linked record stays and the parcel now outside is reported, before and after the apply', async () => {
    const preview = await upload(admin, await shapefile(SMALLER), '南县新界.zip')
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body.county).toMatchObject({ isNew: false, name: '南县', city: '益阳市' })
    const eastId = Number(
      (await db.query(`SELECT id FROM farmland_parcel WHERE adcode = $1 AND code = $2`, [NEW_COUNTY, EAST_PARCEL]))
        .rows[0].id,
    )
    expect(preview.body.recordsOutside).toEqual([
      { kind: 'farmland_parcel', count: 1, ids: [eastId], codes: [EAST_PARCEL] },
    ])
    const applied = await apply(admin, { previewId: preview.body.previewId, cityCode: '430900', city: '益阳市' })
    expect(applied.status, JSON.stringify(applied.body)).toBe(200)
    expect(applied.body).toMatchObject({
      isNew: false,
      townships: { added: 0, replaced: 2, removed: 0 },
      recordsOutside: [{ kind: 'farmland_parcel', count: 1, ids: [eastId] }],
    })
    expect(applied.body.areaM2).toBeGreaterThan(299e6)
    expect(applied.body.areaM2).toBeLessThan(301e6)
    expect(
      await countRows(`SELECT count(*) AS n FROM farmland_parcel WHERE adcode = $1 AND code IN ($2, $3)`, [
        NEW_COUNTY,
        WEST_PARCEL,
        EAST_PARCEL,
      ]),
    ).toBe(2)
  })
})

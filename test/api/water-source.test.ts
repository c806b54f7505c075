import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WaterSourceImportResult, WaterSourceZoneList } from '../../contracts/water-source.ts'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { squareRing, writeDltbShapefileZip } from '../support/dltb-fixture.ts'
import type { Session } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * 饮用水水源保护区 of a fictitious county of this file: a 3 km square in CGCS2000 3° Gauss-Krüger zone 37 (EPSG:4525),
 * and a neighbour county 10 km east. Zones are squares of the county, given by their south-west corner in metres
 * from the county's corner.
 */
const COUNTY = '439971'
const OTHER = '439972'
const EPSG = 4525
const X0 = 37_480_000
const Y0 = 3_260_000
const IMPORT = '/api/water-source-zones/import'
const PUBLICATION = '/api/water-source-zones/publication'

let db: Database
let app: ReturnType<typeof createTestApp>
let environment: Session
let farmland: Session
let stranger: Session

/** A square of `size` m at (dx, dy) m from the county's corner, as CGCS2000 longitude/latitude (from PostGIS). */
async function lonLatSquare(dx: number, dy: number, size: number): Promise<[number, number][]> {
  const { rows } = await db.query<{ g: string }>(
    `SELECT ST_AsGeoJSON(ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, ${EPSG}), 4490), 9) AS g`,
    [X0 + dx, Y0 + dy, X0 + dx + size, Y0 + dy + size],
  )
  return JSON.parse(rows[0].g).coordinates[0]
}

function geoJson(features: { properties: Record<string, unknown>; ring: [number, number][] }[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: f.properties,
      geometry: { type: 'Polygon', coordinates: [f.ring] },
    })),
  })
}

function upload(session: Session, bytes: Uint8Array | string, fileName: string, fields: Record<string, string> = {}) {
  let req = session.agent.post(IMPORT).set('X-CSRF-Token', session.csrfToken).field('adcode', COUNTY)
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v)
  return req.attach('file', Buffer.from(bytes), { filename: fileName })
}

async function storedZones() {
  const { rows } = await db.query(
    `SELECT source_name, source_type, level, approval_no, is_published, round(area_m2)::int AS area_m2
     FROM water_source_zone WHERE adcode = $1 ORDER BY level, source_name`,
    [COUNTY],
  )
  return rows
}

/** The file of the county's first approval: three zones of one river source, with 批复文号. */
async function riverFile(): Promise<string> {
  const props = (level: string) => ({
    水源地名称: '资江赫山水厂水源地',
    水源类型: '河流型',
    保护区级别: level,
    批复文号: '湘政函〔2016〕1号',
  })
  return geoJson([
    { properties: props('一级保护区'), ring: await lonLatSquare(500, 500, 200) },
    { properties: props('二级保护区'), ring: await lonLatSquare(800, 500, 400) },
    { properties: props('准保护区'), ring: await lonLatSquare(1300, 500, 400) },
  ])
}

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '水源测试县', x0: X0, y0: Y0, size: 3000, epsg: EPSG }, [])
  await addSquareCounty(db, { adcode: OTHER, name: '水源邻县', x0: X0 + 10_000, y0: Y0, size: 3000, epsg: EPSG }, [])
  app = createTestApp(db)
  environment = await signInNewUser(app, db, { role: 'environment', scopes: [COUNTY] })
  farmland = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY] })
  stranger = await signInNewUser(app, db, { role: 'environment', scopes: [OTHER] })
})

afterAll(async () => {
  await removeTestCounty(db, OTHER)
  await removeTestCounty(db, COUNTY)
  await db.close()
})

describe('饮用水水源保护区 import', () => {
  it('when a GeoJSON in CGCS2000 longitude/latitude with Chinese field names is imported, then its three zones are stored, unpublished', async () => {
    const res = await upload(environment, await riverFile(), '水源保护区.geojson')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const body = WaterSourceImportResult.parse(res.body)
    expect(body).toMatchObject({
      added: 3,
      removed: 0,
      byLevel: { level1: 1, level2: 1, quasi: 1 },
      fields: { name: '水源地名称', type: '水源类型', level: '保护区级别', approvalNo: '批复文号' },
    })
    const zones = await storedZones()
    expect(zones.map((z) => [z.level, z.source_type, z.approval_no, z.is_published])).toEqual([
      ['level1', 'river', '湘政函〔2016〕1号', false],
      ['level2', 'river', '湘政函〔2016〕1号', false],
      ['quasi', 'river', '湘政函〔2016〕1号', false],
    ])
    expect(zones[0].area_m2).toBeGreaterThan(39_000)
    expect(zones[0].area_m2).toBeLessThan(41_000)
  })

  it('when a zipped Shapefile in 3° Gauss-Krüger with a GBK .dbf and no .cpg, its values as codes, is imported, then it replaces the county zones', async () => {
    const zip = await writeDltbShapefileZip(
      [
        {
          properties: { SYDMC: '黄家湖水库水源地', SYLX: '2', BHQJB: '1' },
          rings: [squareRing(X0 + 2000, Y0 + 2000, 300)],
        },
        {
          properties: { SYDMC: '黄家湖水库水源地', SYLX: '2', BHQJB: '2' },
          rings: [squareRing(X0 + 2000, Y0 + 1500, 400)],
        },
      ],
      { epsg: EPSG, layerName: 'SYBHQ' },
    )
    const res = await upload(environment, zip, '水源保护区.zip')
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const body = WaterSourceImportResult.parse(res.body)
    expect(body).toMatchObject({ added: 2, removed: 3, byLevel: { level1: 1, level2: 1, quasi: 0 } })
    expect(body.encoding).toMatch(/^GBK/)
    const zones = await storedZones()
    expect(zones.map((z) => [z.source_name, z.source_type, z.level])).toEqual([
      ['黄家湖水库水源地', 'lake_reservoir', 'level1'],
      ['黄家湖水库水源地', 'lake_reservoir', 'level2'],
    ])
    expect(zones[0].area_m2).toBeGreaterThan(89_000)
    expect(zones[0].area_m2).toBeLessThan(91_000)
  })

  it('when some features are bad (a crossed ring, a zone in another county, an unknown level), then each is reported with its reason and place and nothing changes', async () => {
    const good = await lonLatSquare(500, 500, 200)
    const [a, b, c, d] = await lonLatSquare(1000, 1000, 200)
    const bowtie: [number, number][] = [a, c, b, d, a]
    const far = await lonLatSquare(10_500, 500, 200)
    const props = (level: string, name = '资江水源地') => ({ 水源地名称: name, 水源类型: '河流型', 保护区级别: level })
    const file = geoJson([
      { properties: props('一级'), ring: good },
      { properties: props('二级'), ring: bowtie },
      { properties: props('二级'), ring: far },
      { properties: props('三级'), ring: await lonLatSquare(1500, 1500, 200) },
    ])
    const before = await storedZones()
    const res = await upload(environment, file, '有问题的保护区.geojson')
    expect(res.status).toBe(422)
    const problems = res.body.error.details.problems as {
      code: string
      index: number
      message: string
      location?: number[]
    }[]
    expect(problems.map((p) => [p.index, p.code])).toEqual([
      [2, 'INVALID_GEOMETRY'],
      [3, 'OUTSIDE_COUNTY'],
      [4, 'UNKNOWN_ZONE_LEVEL'],
    ])
    expect(problems[0].message).toContain('第 2 个要素')
    expect(problems[1].message).toContain('水源测试县')
    expect(problems[2].message).toContain('三级')
    for (const p of problems) expect(p.location).toHaveLength(2)
    expect(res.body.error.message).toContain('未作任何修改')
    expect(await storedZones()).toEqual(before)
  })

  it('when a farmland officer or an environment officer of another county imports, then it is refused and nothing changes', async () => {
    const before = await storedZones()
    expect((await upload(farmland, await riverFile(), 'a.geojson')).status).toBe(403)
    expect((await upload(stranger, await riverFile(), 'a.geojson')).status).toBe(403)
    expect(await storedZones()).toEqual(before)
  })

  it('when the list is read, then it gives the zones with their Chinese names and the near distance', async () => {
    const res = await farmland.agent.get(`/api/water-source-zones?adcode=${COUNTY}`)
    expect(res.status).toBe(200)
    const list = WaterSourceZoneList.parse(res.body)
    expect(list.nearM).toBe(1000)
    expect(list.zones.map((z) => [z.levelName, z.sourceTypeName])).toEqual([
      ['一级保护区', '湖库型'],
      ['二级保护区', '湖库型'],
    ])
    expect((await stranger.agent.get(`/api/water-source-zones?adcode=${COUNTY}`)).status).toBe(403)
  })
})

describe('饮用水水源保护区 publication', () => {
  const publish = (s: Session, published: boolean, adcode = COUNTY) =>
    s.agent.post(PUBLICATION).set('X-CSRF-Token', s.csrfToken).send({ adcode, published })

  it('when the environment officer publishes and then withdraws, then every zone of the county follows; others are refused', async () => {
    expect((await publish(farmland, true)).status).toBe(403)
    expect((await publish(stranger, true)).status).toBe(403)
    const on = await publish(environment, true)
    expect(on.status).toBe(200)
    expect(on.body).toEqual({ adcode: COUNTY, published: true, zones: 2 })
    expect((await storedZones()).every((z) => z.is_published)).toBe(true)
    const off = await publish(environment, false)
    expect(off.body).toEqual({ adcode: COUNTY, published: false, zones: 2 })
    expect((await storedZones()).some((z) => z.is_published)).toBe(false)
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import type { Session } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * 饮用水水源保护区 on the maps: two fictitious 3 km counties side by side in EPSG:4525. The first imports a 一级保护区
 * (400 m square) with three monitoring points east of it (inside, 500 m and 1500 m from its edge); the second
 * imports a zone whose name and 批复文号 carry a marker and never publishes it.
 */
const COUNTY = '439973'
const HIDDEN = '439974'
const EPSG = 4525
const X0 = 37_490_000
const Y0 = 3_270_000
const MARKER = `WSLEAK${Date.now().toString(36)}`

let db: Database
let app: ReturnType<typeof createTestApp>
let environment: Session
let hiddenOfficer: Session
let zoneId = 0
let centres: [number, number][] = []

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

async function lonLat(x: number, y: number): Promise<[number, number]> {
  const { rows } = await db.query(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), ${EPSG}), 4490) p`,
    [X0 + x, Y0 + y],
  )
  return [rows[0].lon, rows[0].lat]
}

async function squareFile(x: number, y: number, size: number, properties: Record<string, string>): Promise<string> {
  const ring = [
    await lonLat(x, y),
    await lonLat(x + size, y),
    await lonLat(x + size, y + size),
    await lonLat(x, y + size),
    await lonLat(x, y),
  ]
  return JSON.stringify({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } }],
  })
}

function importFile(session: Session, adcode: string, text: string) {
  return session.agent
    .post('/api/water-source-zones/import')
    .set('X-CSRF-Token', session.csrfToken)
    .field('adcode', adcode)
    .attach('file', Buffer.from(text), { filename: '水源保护区.geojson' })
}

async function addPoint(code: string, x: number, sampledOn: string | null) {
  const [lon, lat] = await lonLat(x, 700)
  const {
    rows: [p],
  } = await db.query(
    `INSERT INTO monitoring_point (adcode, code, name, level, point_type, geom)
     VALUES ($1, $2, $3, 'county', 'basic', ST_SetSRID(ST_MakePoint($4, $5), 4490)) RETURNING id`,
    [COUNTY, code, `点位${code}`, lon, lat],
  )
  if (sampledOn)
    await db.query(
      `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, ph, values_mg_kg)
       VALUES ($1, $2, $3, 'soil', 6.5, '{"cd": 0.2}')`,
      [COUNTY, p.id, sampledOn],
    )
}

/** The tiles at zoom 12 holding the two zones' centres (the same tile or two). */
function zoneTiles(): string[] {
  return [...new Set(centres.map(([lon, lat]) => Object.values(tileAt(lon, lat, 12)).join('/')))]
}

/** The features of `layer` in the tiles of the two zones, read by `session` (anonymous when none). */
async function tileFeatures(layer: string, session?: Session) {
  const features = []
  for (const zxy of zoneTiles()) {
    const url = `/tiles/${layer}/${zxy}.pbf`
    const res = await (session ? session.agent.get(url) : request(app).get(url)).buffer(true).parse(binary)
    expect([200, 204]).toContain(res.status)
    features.push(...(decodeTile(new Uint8Array(res.body))[layer] ?? []))
  }
  return features
}

/** The public layer's features over the two zones, and their attributes as text. */
async function publicTileText(): Promise<{ text: string; zones: Record<string, unknown>[] }> {
  const zones = (await tileFeatures('public-water-source')).map((f) => f.properties)
  return { text: JSON.stringify(zones), zones }
}

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '水源地图县', x0: X0, y0: Y0, size: 3000, epsg: EPSG }, [])
  await addSquareCounty(db, { adcode: HIDDEN, name: '水源未公布县', x0: X0 + 3000, y0: Y0, size: 3000, epsg: EPSG }, [])
  app = createTestApp(db)
  environment = await signInNewUser(app, db, { role: 'environment', scopes: [COUNTY] })
  hiddenOfficer = await signInNewUser(app, db, { role: 'environment', scopes: [HIDDEN] })
  const zone = {
    水源地名称: '东湖水厂水源地',
    水源类型: '湖库型',
    保护区级别: '一级保护区',
    批复文号: `湘政函〔2020〕${MARKER}号`,
  }
  expect((await importFile(environment, COUNTY, await squareFile(500, 500, 400, zone))).status).toBe(200)
  const hidden = {
    水源地名称: `${MARKER} 未公布水源地`,
    水源类型: '地下水型',
    保护区级别: '二级',
    批复文号: `${MARKER}-批复`,
  }
  expect((await importFile(hiddenOfficer, HIDDEN, await squareFile(3500, 500, 400, hidden))).status).toBe(200)
  zoneId = Number((await db.query(`SELECT id FROM water_source_zone WHERE adcode = $1`, [COUNTY])).rows[0].id)
  centres = [await lonLat(700, 700), await lonLat(3700, 700)]
  await addPoint(`${COUNTY}-IN`, 700, '2024-05-01')
  await addPoint(`${COUNTY}-500`, 1400, null)
  await addPoint(`${COUNTY}-1500`, 2400, '2023-04-01')
})

afterAll(async () => {
  await db.query(`DELETE FROM monitoring_point WHERE adcode = $1`, [COUNTY])
  await removeTestCounty(db, HIDDEN)
  await removeTestCounty(db, COUNTY)
  await db.close()
})

describe('the staff map', () => {
  it('when a zone is clicked, then its info names the source, type, level, 批复文号 and the points inside or within 1000 m', async () => {
    const res = await environment.agent.get(`/api/features/water-source/${zoneId}`)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const fields = Object.fromEntries(
      (res.body.fields as { label: string; value: string }[]).map((f) => [f.label, f.value]),
    )
    expect(fields).toMatchObject({ 水源地名称: '东湖水厂水源地', 水源类型: '湖库型', 保护区级别: '一级保护区' })
    expect(fields['批复文号']).toContain(MARKER)
    const points = fields['保护区内及 1000 米内的监测点位']
    expect(points).toContain(`点位${COUNTY}-IN（${COUNTY}-IN，保护区内，最近土壤采样 2024-05-01）`)
    expect(points).toMatch(new RegExp(`点位${COUNTY}-500（${COUNTY}-500，距 (499|500|501) 米，最近土壤采样 无）`))
    expect(points).not.toContain(`${COUNTY}-1500`)
  })

  it('when WATER_SOURCE_NEAR_M is 1600, then the point 1500 m away is listed too', async () => {
    const wide = createTestApp(db, { waterSource: { ...loadConfig().waterSource, nearM: 1600 } })
    const officer = await signInNewUser(wide, db, { role: 'land', scopes: [COUNTY] })
    const res = await officer.agent.get(`/api/features/water-source/${zoneId}`)
    const field = (res.body.fields as { label: string; value: string }[]).find((f) => f.label.includes('1600 米'))
    expect(field?.value).toContain(`${COUNTY}-1500，距 1500 米，最近土壤采样 2023-04-01`)
  })

  it('when an officer of another county clicks the zone, then it is refused', async () => {
    expect((await hiddenOfficer.agent.get(`/api/features/water-source/${zoneId}`)).status).toBe(403)
  })

  it('when the staff tile is read, then it holds the zone with its level; without a session it is refused', async () => {
    const zones = await tileFeatures('water-source', environment)
    expect(zones.map((f) => [f.id, f.properties.level, f.properties.published])).toEqual([[zoneId, 'level1', false]])
    expect((await request(app).get(`/tiles/water-source/${zoneTiles()[0]}.pbf`)).status).toBe(401)
  })
})

describe('the public map (planted marker)', () => {
  const publish = (published: boolean) =>
    environment.agent
      .post('/api/water-source-zones/publication')
      .set('X-CSRF-Token', environment.csrfToken)
      .send({ adcode: COUNTY, published })

  it('when nothing is published, then the public tile holds no zone and no marker', async () => {
    const { text, zones } = await publicTileText()
    expect(zones).toEqual([])
    expect(text).not.toContain(MARKER)
  })

  it('when the county publishes, then its zone appears with its public fields only; the unpublished one and every 批复文号 stay out', async () => {
    expect((await publish(true)).status).toBe(200)
    const { text, zones } = await publicTileText()
    expect(zones).toEqual([{ name: '东湖水厂水源地', type: 'lake_reservoir', level: 'level1' }])
    expect(text).not.toContain(MARKER)
    for (const path of ['/public/style.json', `/api/public/search?q=${MARKER}`, '/api/public/control-zones']) {
      const res = await request(app).get(path)
      expect(JSON.stringify(res.body), path).not.toContain(MARKER)
    }
    const style = (await request(app).get('/public/style.json')).body
    expect(style.metadata['soil:groups'].map((g: { id: string }) => g.id)).toContain('public-water-source')
  })

  it('when the county withdraws, then the zone leaves the public tile', async () => {
    expect((await publish(false)).status).toBe(200)
    expect((await publicTileText()).zones).toEqual([])
  })
})

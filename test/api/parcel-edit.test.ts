import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { createTestUser, signInNewUser } from '../support/users.ts'
import { signIn } from '../support/session.ts'

type LonLat = [number, number]
type Ring = LonLat[]

const COUNTY = '430903'
/** Metres per degree of latitude. */
const M_PER_DEG = 111_320

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let environment: Session
const startedAt = new Date()
/** Farmland-free spots inside 赫山区, at least ~500 m apart; each test takes its own. */
let spots: LonLat[] = []
let nextSpot = 0

function takeSpot(): LonLat {
  if (nextSpot >= spots.length) throw new Error('测试用的空地不够用了')
  return spots[nextSpot++]
}

/** A point `east` and `north` metres from `origin`. */
function offset([lon, lat]: LonLat, east: number, north: number): LonLat {
  return [lon + east / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)), lat + north / M_PER_DEG]
}

/** A closed rectangle ring of `w` × `h` metres with its south-west corner `east`/`north` metres from `at`. */
function rect(at: LonLat, w: number, h: number, east = 0, north = 0): Ring {
  const sw = offset(at, east, north)
  const ne = offset(at, east + w, north + h)
  return [sw, [ne[0], sw[1]], ne, [sw[0], ne[1]], sw]
}

const polygon = (...rings: Ring[]) => ({ type: 'Polygon', coordinates: rings })

async function post(s: Session, url: string, body: unknown) {
  return s.agent.post(url).set('X-CSRF-Token', s.csrfToken).send(body as object)
}

/** Rows of parcels and parcel history now (a refused save must leave both as they were). */
async function counts(): Promise<{ parcels: number; history: number }> {
  const { rows: [r] } = await db.query(`SELECT (SELECT count(*)::int FROM farmland_parcel) AS parcels,
    (SELECT count(*)::int FROM change_history WHERE entity = 'farmland_parcel') AS history`)
  return r
}

/** Saves one new parcel (0101 水田) and answers its result. */
async function createParcel(ring: Ring, attributes: Record<string, unknown> = {}, s = farmland) {
  const res = await post(s, '/api/parcels/changes', { reason: '测试新建', changes: [{ op: 'create', geometry: polygon(ring), attributes: { dlbm: '0101', ...attributes } }] })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.results[0] as { id: number; code: string; version: number; areaM2: number; class: string }
}

/** Sends changes that must be refused with 422, checks nothing was written, and answers the problems. */
async function refused(changes: unknown[]): Promise<any[]> {
  const before = await counts()
  const res = await post(farmland, '/api/parcels/changes', { reason: '测试', changes })
  expect(res.status, JSON.stringify(res.body)).toBe(422)
  expect(res.body.error.code).toBe('GEOMETRY_CHECK')
  expect(await counts()).toEqual(before)
  return res.body.error.details.problems
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  environment = await signInAs(app, 'environment')
  const { rows } = await db.query<{ lon: number; lat: number }>(`
    WITH seed AS (SELECT ST_PointOnSurface(geom) AS p FROM farmland_parcel WHERE adcode = $1 ORDER BY id LIMIT 1 OFFSET 100),
    grid AS (SELECT ST_Translate(seed.p, dx * 0.001, dy * 0.001) AS p FROM seed, generate_series(-40, 40) dx, generate_series(-40, 40) dy)
    SELECT ST_X(g.p) AS lon, ST_Y(g.p) AS lat FROM grid g
    WHERE NOT EXISTS (SELECT 1 FROM farmland_parcel f WHERE ST_DWithin(f.geom, g.p, 0.003))
      AND EXISTS (SELECT 1 FROM township t WHERE t.adcode = $1 AND ST_Contains(t.geom, ST_Expand(g.p, 0.003)))
    ORDER BY ST_Distance(g.p, (SELECT p FROM seed))`, [COUNTY])
  for (const r of rows) {
    const p: LonLat = [Number(r.lon), Number(r.lat)]
    if (spots.every((q) => Math.abs(q[0] - p[0]) > 0.005 || Math.abs(q[1] - p[1]) > 0.005)) spots.push(p)
  }
})

afterAll(async () => {
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = $1 AND NOT is_generated AND created_at >= $2`, [COUNTY, startedAt])
  await db.query('SELECT refresh_farmland_overview($1)', [COUNTY])
  await db.close()
})

describe('parcel reads', () => {
  it('when the code lists are read, then every 三调 land code of DOMAIN §6.2 is there with its class, and the limits', async () => {
    const res = await farmland.agent.get('/api/parcels/codes').expect(200)
    expect(res.body.dlbm).toHaveLength(56)
    expect(res.body.dlbm).toContainEqual({ code: '0101', name: '水田', group: '01 耕地' })
    expect(res.body.dlbm).toContainEqual({ code: '1203', name: '田坎', group: '12 其他土地' })
    expect(res.body.gdpdjb[0]).toEqual({ code: '1', name: '≤2°' })
    expect(res.body.zzsxdm.map((c: any) => c.code)).toEqual(['LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG'])
    expect(res.body.settings).toEqual({ minAreaM2: 200, minWidthM: 2, overlapToleranceM2: 1, maxVertices: 5000 })
  })

  it('when the parcels of a small box are read, then each comes as a GeoJSON feature with its fields; a wide box is refused', async () => {
    const { rows: [p] } = await db.query(`SELECT id, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n FROM farmland_parcel WHERE adcode = $1 ORDER BY id LIMIT 1`, [COUNTY])
    const res = await farmland.agent.get(`/api/parcels?bbox=${p.w},${p.s},${p.e},${p.n}`).expect(200)
    expect(res.body.type).toBe('FeatureCollection')
    expect(res.body.truncated).toBe(false)
    const f = res.body.features.find((x: any) => x.id === Number(p.id))
    expect(f.geometry.type).toBe('MultiPolygon')
    expect(f.properties).toMatchObject({ id: Number(p.id), adcode: COUNTY, version: 1, dlmc: expect.any(String), className: expect.any(String) })
    expect(f.properties.areaMu).toBeCloseTo(f.properties.areaM2 * 0.0015, 6)
    const wide = await farmland.agent.get(`/api/parcels?bbox=112.0,28.0,112.2,28.01`)
    expect(wide.status).toBe(400)
    expect(wide.body.error.message).toBe('范围过大，请放大地图后再编辑')
    expect((await farmland.agent.get('/api/parcels?bbox=1,2,3')).status).toBe(400)
  })

  it('when a parcel that never existed is read, then 404 names its number', async () => {
    const res = await farmland.agent.get('/api/parcels/987654321')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toContain('没有编号为 987654321 的耕地图斑')
  })
})

describe('creating a parcel', () => {
  it('when a farmland officer draws a parcel in empty land, then it is saved with a new code, its township and a history row', async () => {
    const at = takeSpot()
    const before = await counts()
    const created = await createParcel(rect(at, 40, 30), { qsxz: '30', kcxs: 0.05, gdpdjb: '2', zzsxdm: 'LS', bz: '测试' })
    expect(created.code).toMatch(/^430903-\d{7}$/)
    expect(created.version).toBe(1)
    expect(created.areaM2).toBeGreaterThan(1150)
    expect(created.areaM2).toBeLessThan(1250)
    expect(await counts()).toEqual({ parcels: before.parcels + 1, history: before.history + 1 })
    const got = await farmland.agent.get(`/api/parcels/${created.id}`).expect(200)
    expect(got.body.properties).toMatchObject({ code: created.code, dlbm: '0101', dlmc: '水田', qsxz: '30', kcxs: 0.05, gdpdjb: '2', zzsxdm: 'LS',
      class: 'unclassified', updatedBy: 'gengdi', parentCodes: null })
    expect(got.body.properties.townshipCode).toMatch(/^430903\d{3}$/)
    const history = await farmland.agent.get(`/api/parcels/${created.id}/history`).expect(200)
    expect(history.body.entries).toHaveLength(1)
    expect(history.body.entries[0]).toMatchObject({ action: 'create', actionName: '新建', actor: 'gengdi', reason: '测试新建', before: null, version: 1 })
    expect(history.body.entries[0].after.geometry.type).toBe('MultiPolygon')
  })
})

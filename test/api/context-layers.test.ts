import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Express } from 'express'
import type { Database } from '../../server/src/db/database.ts'
import { landClassOf, landClassSql } from '../../server/src/domain/land-class.ts'
import { PUBLIC_MAP_LAYERS } from '../../server/src/tiles/style.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Session } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { signInNewUser } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let staff: Session
/** Where our planted features lie, and the words only they carry. */
let at: [number, number]
const tag = `CTX${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
const contextMarker = `示踪地类${tag}`
const farmlandMarker = `JBNT${tag}`

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}
const square = ([lon, lat]: [number, number], half: number) =>
  `SRID=4490;MULTIPOLYGON(((${lon - half} ${lat - half},${lon + half} ${lat - half},${lon + half} ${lat + half},${lon - half} ${lat + half},${lon - half} ${lat - half})))`

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  staff = await signInAs(app, 'farmland')
  at = await freeSpot(db, { spacing: 0.01, inside: 0.004, clearOfFarmland: 0.004 })
  await db.query(
    `INSERT INTO land_context (adcode, bsm, dlbm, dlmc, geom) VALUES ('430903', $1, '1104A', $2, ST_GeomFromEWKT($3))`,
    [tag, contextMarker, square(at, 0.0008)],
  )
  await db.query(
    `INSERT INTO basic_farmland (adcode, bsm, code, dlbm, geom) VALUES ('430903', $1, $2, '0101', ST_GeomFromEWKT($3))`,
    [tag, farmlandMarker, square(at, 0.0004)],
  )
})
afterAll(async () => {
  await db.query(`DELETE FROM land_context WHERE bsm = $1`, [tag])
  await db.query(`DELETE FROM basic_farmland WHERE bsm = $1`, [tag])
  await db.close()
})

const tileOf = async (s: Session | null, layer: string, z: number) => {
  const { x, y } = tileAt(at[0], at[1], z)
  const agent = s ? s.agent : request(app)
  return agent.get(`/tiles/${layer}/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
}

describe('the sample data on a first start', () => {
  it('when the test counties are seeded, then each has generated ground and 永久基本农田, and no ground lies on a parcel', async () => {
    const { rows } = await db.query(`
      SELECT c.adcode,
             (SELECT count(*) FROM land_context x WHERE x.adcode = c.adcode AND x.is_generated)::int AS context,
             (SELECT count(DISTINCT left(x.dlbm, 2)) FROM land_context x WHERE x.adcode = c.adcode AND x.is_generated)::int AS classes,
             (SELECT count(*) FROM basic_farmland x WHERE x.adcode = c.adcode AND x.is_generated)::int AS farmland
      FROM county c WHERE c.adcode IN ('430903', '220322') ORDER BY c.adcode`)
    expect(rows).toHaveLength(2)
    for (const r of rows) {
      expect(r.context, r.adcode).toBeGreaterThan(50)
      expect(r.classes, r.adcode).toBeGreaterThanOrEqual(5)
      expect(r.farmland, r.adcode).toBeGreaterThan(0)
    }
    const {
      rows: [overlap],
    } = await db.query(`
      SELECT count(*)::int AS n FROM land_context x JOIN farmland_parcel f ON f.adcode = x.adcode AND ST_Intersects(f.geom, x.geom)
      WHERE x.is_generated AND f.is_generated AND ST_Area(ST_Intersection(f.geom, x.geom)::geography) > 0.01`)
    expect(overlap.n).toBe(0)
  })

  it('when the generated 永久基本农田 is compared with the parcels under it, then most of them are 优先保护类 and some are not', async () => {
    const {
      rows: [r],
    } = await db.query(`
      SELECT count(*) FILTER (WHERE f.class = 'priority')::int AS priority, count(*)::int AS total
      FROM basic_farmland b JOIN farmland_parcel f ON f.adcode = b.adcode AND ST_Intersects(f.geom, b.geom)
      WHERE b.is_generated AND f.is_generated`)
    expect(r.priority / r.total).toBeGreaterThan(0.6)
    expect(r.priority).toBeLessThan(r.total)
  })
})

describe('the context base map tiles (三调 地类图斑 that are not farmland)', () => {
  it('when a staff user asks z12, z13 and z14 over a 三调 feature, then the tile holds it with its land code, name and class', async () => {
    for (const z of [12, 13, 14]) {
      const res = await tileOf(staff, 'land-context', z)
      expect(res.status, `z${z}`).toBe(200)
      const found = decodeTile(res.body)['land-context'].find((f) => f.properties.dlmc === contextMarker)
      expect(found?.properties, `z${z}`).toMatchObject({ dlbm: '1104A', class: 'water' })
    }
  })

  it('when the tile below z12 is asked, then it is empty: the ground shows from z12 only', async () => {
    for (const z of [9, 11]) {
      const res = await tileOf(staff, 'land-context', z)
      expect(res.status, `z${z}`).toBe(204)
    }
  })

  it('when the land codes are classed in SQL for the tiles, then every code gets the class the style legend gives it', async () => {
    const codes = ['0101', '0201K', '0301', '0303', '0402', '0404', '05H1', '0601', '0603', '0702', '08H2', '0810A']
    codes.push('09', '1003', '1006', '1101', '1104A', '1106', '1107A', '1202', '203', ' 1104a ', 'XX', '')
    const { rows } = await db.query(
      `SELECT ${landClassSql('code')} AS class FROM unnest($1::text[]) WITH ORDINALITY AS s(code, ord) ORDER BY ord`,
      [codes],
    )
    expect(rows.map((r) => r.class)).toEqual(codes.map(landClassOf))
  })

  it('when the 永久基本农田 tile is asked by staff, then it holds the patch with its number', async () => {
    const res = await tileOf(staff, 'basic-farmland', 14)
    expect(decodeTile(res.body)['basic-farmland'].map((f) => f.properties.code)).toContain(farmlandMarker)
  })

  it('when a user scoped to 梨树县 only asks the same tiles, then they hold nothing of 赫山区', async () => {
    const other = await signInNewUser(app as unknown as Express, db, { role: 'farmland', scopes: ['220322'] })
    for (const layer of ['land-context', 'basic-farmland']) {
      const res = await tileOf(other, layer, 14)
      expect(res.status, layer).toBe(204)
    }
  })

  it('when the staff map asks its layer versions, then both 三调 layers are in them', async () => {
    const res = await staff.agent.get('/api/map/versions').expect(200)
    expect(Object.keys(res.body.versions)).toEqual(expect.arrayContaining(['land-context', 'basic-farmland']))
  })
})

describe('三调 data is internal: nothing public serves it', () => {
  it('when anyone unsigned asks the two layers tiles or TileJSON, then the answer is 401 in Chinese and holds no feature', async () => {
    for (const layer of ['land-context', 'basic-farmland']) {
      const tile = await tileOf(null, layer, 14)
      expect(tile.status, layer).toBe(401)
      expect(tile.body.toString('utf8')).not.toContain(tag)
      const json = await request(app).get(`/tiles/${layer}.json`)
      expect(json.status, layer).toBe(401)
      expect(json.body.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('when the public style and versions are asked, then they name neither layer', async () => {
    for (const path of ['/public/style.json', '/api/public/map/versions']) {
      const text = (await request(app).get(path).expect(200)).text
      expect(text, path).not.toMatch(/land-context|basic-farmland|land_context|basic_farmland|永久基本农田|三调/)
    }
  })

  it('when every public tile layer is asked over the planted features at z12–14, then none carries their words', async () => {
    for (const layer of PUBLIC_MAP_LAYERS)
      for (const z of [12, 13, 14]) {
        const res = await tileOf(null, layer.name, z)
        expect(res.status, `${layer.name} z${z}`).toBeLessThan(400)
        const text = JSON.stringify(decodeTile(res.body))
        expect(text, `${layer.name} z${z}`).not.toContain(tag)
      }
  })

  it('when every GET route without a path parameter is asked unsigned, and the public search for the marker, then no answer carries it', async () => {
    const paths = getRoutes(app).filter((p) => !p.includes(':') && !p.includes('*'))
    expect(paths).toContain('/api/public/counties')
    paths.push(`/api/public/search?q=${encodeURIComponent(contextMarker)}`, `/api/public/search?q=${farmlandMarker}`)
    for (const path of paths) {
      const res = await request(app).get(path)
      expect(res.status, path).toBeLessThan(500)
      expect(res.text ?? '', path).not.toContain(tag)
    }
  })

  it('when a staff user asks the same tile, then it carries the marker (the check above can see it)', async () => {
    const res = await tileOf(staff, 'land-context', 14)
    expect(JSON.stringify(decodeTile(res.body))).toContain(tag)
  })
})

/** Every GET route path of the app (walking nested routers). */
function getRoutes(app: unknown): string[] {
  const out: string[] = []
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route) {
        if (layer.route.methods?.get && typeof layer.route.path === 'string') out.push(layer.route.path)
      } else if (layer.handle?.stack) walk(layer.handle.stack)
    }
  }
  walk((app as any).router?.stack ?? (app as any)._router.stack)
  return out
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { TILE_LAYERS, findTileLayer } from '../../server/src/tiles/layers.ts'
import { TileService } from '../../server/src/tiles/tile-service.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signIn, signInAs, type Session } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { BOTH_TEST_COUNTIES, createTestUser } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let parcel: { id: number; code: string; lon: number; lat: number }
/** A staff user scoped to both test counties: internal layers need a session. */
let staff: Session

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  const { rows } =
    await db.query(`SELECT id, code, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1`)
  parcel = rows[0]
  staff = await signInStaff(app)
})

async function signInStaff(on: ReturnType<typeof createTestApp>): Promise<Session> {
  const user = await createTestUser(db, { role: 'farmland', scopes: BOTH_TEST_COUNTIES })
  return signIn(on, user.username, user.password)
}
afterAll(() => db.close())

describe('GET /tiles/{layer}/{z}/{x}/{y}.pbf', () => {
  it('when a parcel tile is asked at z15, then it decodes with the parcel, its id and its attributes', async () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 15)
    const res = await staff.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    const features = decodeTile(res.body).parcel
    const found = features.find((f) => f.id === parcel.id)
    expect(found?.properties).toMatchObject({ code: parcel.code, adcode: '430903' })
    expect(['priority', 'safe_use', 'strict', 'unclassified']).toContain(found?.properties.class)
    expect(found?.type).toBe(3)
  })

  it('when the county tile is asked at z8, then the county outline is in it', async () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 8)
    const res = await request(app).get(`/tiles/county/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
    expect(decodeTile(res.body).county.map((f) => f.properties.name)).toContain('赫山区')
  })

  it('when the same tile is asked with its ETag, then the answer is 304', async () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 14)
    const first = await staff.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`)
    const second = await staff.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`).set('If-None-Match', first.headers.etag)
    expect(second.status).toBe(304)
  })

  it('when the client accepts gzip, then the cached tile is sent gzipped, and raw to a client that does not', async () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 14)
    const zipped = await staff.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`).set('Accept-Encoding', 'gzip')
    expect(zipped.headers['content-encoding']).toBe('gzip')
    const plain = await staff.agent
      .get(`/tiles/parcel/${z}/${x}/${y}.pbf`)
      .set('Accept-Encoding', 'identity')
      .buffer(true)
      .parse(binary)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(decodeTile(plain.body).parcel.length).toBeGreaterThan(0)
  })

  it('when the tile cache is off, then tiles are sent uncompressed (no gzip per request)', async () => {
    const uncached = createTestApp(db, { tiles: { ...loadConfig().tiles, cacheEntries: 0 } })
    const session = await signInStaff(uncached)
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 14)
    const res = await session.agent
      .get(`/tiles/parcel/${z}/${x}/${y}.pbf`)
      .set('Accept-Encoding', 'gzip')
      .buffer(true)
      .parse(binary)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(decodeTile(res.body).parcel.length).toBeGreaterThan(0)
  })

  it('when the database connection behind the tile service is replaced, then tiles still render', async () => {
    const own = connectTestDatabase()
    const tiles = new TileService(own, { ...loadConfig().tiles, cacheEntries: 0 })
    const layer = findTileLayer('parcel')!
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 15)
    const first = await tiles.renderTile(layer, z, x, y, ['430903'])
    ;(await own.pool.connect()).release(true)
    const second = await tiles.renderTile(layer, z, x, y, ['430903'])
    expect(second.length).toBeGreaterThan(0)
    expect(decodeTile(second).parcel.map((f) => f.id)).toEqual(decodeTile(first).parcel.map((f) => f.id))
    await own.close()
  })

  it('when a county label tile is asked far from the label point, then it holds no label', async () => {
    const {
      rows: [c],
    } = await db.query(`SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat,
      ST_XMin(geom) AS w, ST_YMax(geom) AS n FROM county WHERE adcode = '430903'`)
    const at = tileAt(c.lon, c.lat, 12)
    const corner = tileAt(c.w + 0.01, c.n - 0.01, 12)
    expect(corner).not.toEqual(at)
    const res = await request(app)
      .get(`/tiles/county-label/${corner.z}/${corner.x}/${corner.y}.pbf`)
      .buffer(true)
      .parse(binary)
    expect(decodeTile(res.body)['county-label'] ?? []).toEqual([])
    const own = await request(app).get(`/tiles/county-label/${at.z}/${at.x}/${at.y}.pbf`).buffer(true).parse(binary)
    expect(decodeTile(own.body)['county-label'].map((f) => f.properties.name)).toContain('赫山区')
  })

  it('when a zoom below the layer minimum is asked, then the tile is empty (204)', async () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 10)
    const res = await staff.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`)
    expect(res.status).toBe(204)
  })

  it('when the layer is unknown, then 404 with a JSON message naming it', async () => {
    const res = await request(app).get('/tiles/no-such-layer/1/0/0.pbf')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toContain('no-such-layer')
  })

  it.each([
    ['/tiles/parcel/a/0/0.pbf', 'z 应为非负整数'],
    ['/tiles/parcel/1/2/0.pbf', 'x=2 超出'],
    ['/tiles/parcel/1/0/5.pbf', 'y=5 超出'],
    ['/tiles/parcel/30/0/0.pbf', 'z=30 超出'],
    ['/tiles/parcel/1/0.5/0.pbf', 'x 应为非负整数'],
  ])('when %s is asked, then 400 with the reason', async (url, reason) => {
    const res = await staff.agent.get(url)
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(reason)
  })
})

describe('internal and public tile layers', () => {
  const publicLayers = TILE_LAYERS.filter((l) => l.access === 'public')
  const internalLayers = TILE_LAYERS.filter((l) => l.access === 'internal')

  it('when the layers are listed, then the parcels, plots, zones, enterprises, points and the 三调 layers are internal', () => {
    expect(internalLayers.map((l) => l.name).sort()).toEqual([
      'ban-zone',
      'basic-farmland',
      'contaminated-plot',
      'contaminated-plot-point',
      'control-zone',
      'enterprise',
      'enterprise-point',
      'land-context',
      'monitoring-point',
      'parcel',
      'parcel-overview',
      'priority-area',
      'water-source',
    ])
  })

  it("when an internal layer's tile or TileJSON is asked without a session, then 401 for every internal layer", async () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 14)
    for (const layer of internalLayers) {
      const tile = await request(app).get(`/tiles/${layer.name}/${z}/${x}/${y}.pbf`)
      expect(tile.status, layer.name).toBe(401)
      expect((await request(app).get(`/tiles/${layer.name}.json`)).status, layer.name).toBe(401)
    }
  })

  it("when a public layer's tile or TileJSON is asked without a session, then it is served and may be cached publicly", async () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 8)
    for (const layer of publicLayers) {
      expect((await request(app).get(`/tiles/${layer.name}.json`)).status, layer.name).toBe(200)
      const tile = await request(app).get(`/tiles/${layer.name}/${z}/${x}/${y}.pbf`)
      expect([200, 204], layer.name).toContain(tile.status)
      if (tile.status === 200) expect(tile.headers['cache-control'], layer.name).toMatch(/^public/)
    }
  })

  it('when an internal tile is served, then it is private to the session and varies by cookie', async () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 15)
    const res = await staff.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`)
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toMatch(/^private/)
    expect(res.headers.vary).toContain('Cookie')
  })

  it('when a user scoped to 赫山区 asks a parcel tile of 梨树县 that another user has cached, then the tile holds nothing for it', async () => {
    const {
      rows: [other],
    } = await db.query(`SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
      FROM farmland_parcel WHERE adcode = '220322' ORDER BY id LIMIT 1`)
    const { z, x, y } = tileAt(other.lon, other.lat, 15)
    const seen = await staff.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
    expect(decodeTile(seen.body).parcel.map((f) => f.id)).toContain(other.id)
    const heshanOnly = await signInAs(app, 'farmland')
    const res = await heshanOnly.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
    expect(res.status).toBe(204)
    expect(decodeTile(res.body)).toEqual({})
  })
})

describe('GET /tiles/{layer}.json and /style.json', () => {
  it('when TileJSON is asked for every layer, then each names its tile URL, zooms and fields', async () => {
    for (const layer of TILE_LAYERS) {
      const res = await staff.agent.get(`/tiles/${layer.name}.json`)
      expect(res.status).toBe(200)
      expect(res.body.tilejson).toBe('3.0.0')
      expect(res.body.tiles[0]).toMatch(new RegExp(`/tiles/${layer.name}/\\{z\\}/\\{x\\}/\\{y\\}\\.pbf\\?v=\\d+$`))
      expect(res.body.vector_layers[0].id).toBe(layer.name)
      expect(Object.keys(res.body.vector_layers[0].fields)).toEqual(Object.keys(layer.attributes))
    }
  })

  it('when TileJSON of an unknown layer is asked, then 404', async () => {
    expect((await request(app).get('/tiles/nothing.json')).status).toBe(404)
  })

  it('when the style is asked, then every source is a tile layer, every layer uses a source, and groups carry a Chinese legend', async () => {
    const res = await request(app).get('/style.json')
    expect(res.status).toBe(200)
    const style = res.body
    expect(style.version).toBe(8)
    expect(style.glyphs).toBeUndefined()
    expect(Object.keys(style.sources).sort()).toEqual(
      TILE_LAYERS.filter((l) => !l.name.startsWith('public-'))
        .map((l) => l.name)
        .sort(),
    )
    for (const layer of style.layers.filter((l: any) => l.type !== 'background')) {
      expect(style.sources[layer.source], layer.id).toBeDefined()
      expect(layer['source-layer']).toBe(layer.source)
    }
    const groups = style.metadata['soil:groups']
    expect(groups.map((g: any) => g.name)).toEqual([
      '区县',
      '乡镇（街道）',
      '耕地图斑',
      '优先保护类耕地集中区域',
      '饮用水水源保护区',
      '永久基本农田',
      '监测点位',
      '污染地块',
      '管控区域',
      '特定农产品禁止生产区域',
      '重点监管单位',
      '三调地类（底图，12 级以上）',
    ])
    expect(groups.find((g: any) => g.id === 'parcel').legend.map((i: any) => i.label)).toEqual([
      '优先保护类',
      '安全利用类',
      '严格管控类',
      '未划定',
    ])
    for (const g of groups)
      expect(
        style.layers.some((l: any) => l.metadata?.['soil:group'] === g.id),
        g.id,
      ).toBe(true)
  })
})

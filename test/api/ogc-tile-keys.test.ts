import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { TILE_LAYERS } from '../../server/src/tiles/layers.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { issueOgcKey } from '../support/ogc-keys.ts'
import { signIn, type Session } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { BOTH_TEST_COUNTIES, createTestUser } from '../support/users.ts'

/**
 * The vector tiles open with a data sharing key as the feature service does (QGIS's vector tile layer, other map
 * clients): an internal layer's tiles only for a key issued for the layer's collection, and only the key's counties.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
/** An administrator of both test counties, who issues the keys. */
let admin: Session
/** A parcel of each test county, and the zoom-14 tile holding it. */
const at: Record<string, { id: number; z: number; x: number; y: number }> = {}

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

const issue = (collections: string[], adcodes: string[]) =>
  issueOgcKey(admin, { collections, adcodes, holder: '县自然资源局（瓦片测试）' })

/** The parcel ids of a tile of the `parcel` layer read with `key` as a header. */
async function parcelIds(tile: { z: number; x: number; y: number }, key: string): Promise<number[]> {
  const res = await request(app)
    .get(`/tiles/parcel/${tile.z}/${tile.x}/${tile.y}.pbf`)
    .set('X-API-Key', key)
    .buffer(true)
    .parse(binary)
  expect([200, 204]).toContain(res.status)
  return (decodeTile(res.body).parcel ?? []).map((f) => Number(f.id))
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  const user = await createTestUser(db, { role: 'admin', scopes: BOTH_TEST_COUNTIES })
  admin = await signIn(app, user.username, user.password)
  for (const adcode of ['430903', '220322']) {
    const { rows } = await db.query<{ id: string; lon: number; lat: number }>(
      `SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
       FROM farmland_parcel WHERE adcode = $1 ORDER BY id LIMIT 1`,
      [adcode],
    )
    at[adcode] = { id: Number(rows[0].id), ...tileAt(rows[0].lon, rows[0].lat, 14) }
  }
})
afterAll(() => db.close())

describe('internal tile layers read with a data sharing key', () => {
  it('when no key and no session is sent, then the TileJSON and the tiles of an internal layer answer 401', async () => {
    const t = at['430903']
    await request(app).get('/tiles/parcel.json').expect(401)
    await request(app).get(`/tiles/parcel/${t.z}/${t.x}/${t.y}.pbf`).expect(401)
  })

  it('when a key of 赫山区 reads parcel tiles, then it gets 赫山区 parcels and none of 梨树县', async () => {
    const { key } = await issue(['farmland-parcels'], ['430903'])
    expect(await parcelIds(at['430903'], key)).toContain(at['430903'].id)
    expect(await parcelIds(at['220322'], key)).toEqual([])
    const both = await issue(['farmland-parcels'], ['430903', '220322'])
    expect(await parcelIds(at['220322'], both.key)).toContain(at['220322'].id)
  })

  it('when a key is not issued for the layer’s collection, then its tiles answer 403 in words', async () => {
    const { key } = await issue(['monitoring-points'], ['430903'])
    const t = at['430903']
    const res = await request(app).get(`/tiles/parcel/${t.z}/${t.x}/${t.y}.pbf`).set('X-API-Key', key).expect(403)
    expect(res.body.error.message).toContain('未获准读取图层')
    await request(app).get('/tiles/parcel.json').set('X-API-Key', key).expect(403)
    const point = tileAt(0, 0, 1)
    await request(app)
      .get(`/tiles/monitoring-point/${point.z}/${point.x}/${point.y}.pbf`)
      .set('X-API-Key', key)
      .expect((r) => expect([200, 204]).toContain(r.status))
  })

  it('when the TileJSON is asked for with key=, then its tile addresses carry the key and open', async () => {
    const { key } = await issue(['farmland-parcels'], ['430903'])
    const tj = await request(app).get(`/tiles/parcel.json?key=${key}`).expect(200)
    expect(tj.headers['cache-control']).toContain('private')
    const template: string = tj.body.tiles[0]
    expect(template).toContain(`key=${key}`)
    const t = at['430903']
    const path = template
      .replace(/^http:\/\/[^/]+/, '')
      .replace('{z}', String(t.z))
      .replace('{x}', String(t.x))
    const res = await request(app)
      .get(path.replace('{y}', String(t.y)))
      .buffer(true)
      .parse(binary)
      .expect(200)
    expect(decodeTile(res.body).parcel.map((f) => Number(f.id))).toContain(t.id)
  })

  it('when a key reads a tile, then the use is logged with the collection and the tile', async () => {
    const { key, record } = await issue(['farmland-parcels'], ['430903'])
    const t = at['430903']
    await parcelIds(t, key)
    const uses = await admin.agent.get(`/api/admin/ogc-keys/${record.id}/uses`).expect(200)
    expect(uses.body.uses).toEqual([
      expect.objectContaining({ collection: 'farmland-parcels', tile: `${t.z}/${t.x}/${t.y}`, featureCount: 0 }),
    ])
  })

  it('when a revoked key or a malformed key is sent, then the tile answers 401, even beside a staff session', async () => {
    const { key, record } = await issue(['farmland-parcels'], ['430903'])
    await admin.agent.post(`/api/admin/ogc-keys/${record.id}/revoke`).set('X-CSRF-Token', admin.csrfToken).expect(200)
    const t = at['430903']
    const res = await request(app).get(`/tiles/parcel/${t.z}/${t.x}/${t.y}.pbf`).set('X-API-Key', key).expect(401)
    expect(res.body.error.message).toContain('吊销')
    await admin.agent.get(`/tiles/parcel/${t.z}/${t.x}/${t.y}.pbf`).set('X-API-Key', 'sk_short').expect(401)
  })

  it('every internal tile layer a key opens names a collection a key can be issued for', async () => {
    const { body } = await admin.agent.get('/api/admin/ogc-keys').expect(200)
    const issuable = new Set((body.collections as { id: string }[]).map((c) => c.id))
    const shared = TILE_LAYERS.filter((l) => l.sharedAs).map((l) => [l.name, l.sharedAs!] as const)
    expect(shared.length).toBeGreaterThan(0)
    expect(shared.filter(([, c]) => !issuable.has(c))).toEqual([])
    expect(TILE_LAYERS.filter((l) => l.access === 'public' && l.sharedAs)).toEqual([])
  })
})

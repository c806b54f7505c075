import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { BOTH_TEST_COUNTIES, createTestUser, signInNewUser } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let parcel: { id: number; lon: number; lat: number }
/** A z8 tile holding 赫山区: the public county layer has its outline there. */
let countyTile: string

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  const { rows } = await db.query(`SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1`)
  parcel = rows[0]
  const { z, x, y } = tileAt(parcel.lon, parcel.lat, 8)
  countyTile = `/tiles/county/${z}/${x}/${y}.pbf`
})
afterAll(() => db.close())

async function countyVersion(): Promise<number> {
  const res = await request(app).get('/api/public/map/versions').expect(200)
  return res.body.versions.county
}

describe('public tiles behind an HTTP cache', () => {
  it('when a public tile is asked with the current version of its layer, then any cache may keep it for a year', async () => {
    const res = await request(app).get(`${countyTile}?v=${await countyVersion()}`)
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.headers.etag).toMatch(/^"[\w-]+"$/)
    expect(res.headers.vary).toBe('Accept-Encoding')
  })

  it('when a public tile is asked without a version, then it may be kept a minute and is checked again by its ETag', async () => {
    const first = await request(app).get(countyTile)
    expect(first.status).toBe(200)
    expect(first.headers['cache-control']).toBe('public, max-age=60')
    const again = await request(app).get(countyTile).set('If-None-Match', first.headers.etag)
    expect(again.status).toBe(304)
    expect(again.headers.etag).toBe(first.headers.etag)
    expect(again.headers['cache-control']).toBe('public, max-age=60')
  })

  it('when a public tile is asked with an old version, then every cache must check it again', async () => {
    const res = await request(app).get(`${countyTile}?v=${(await countyVersion()) - 1}`)
    expect(res.status).toBe(200)
    expect(res.headers['cache-control']).toBe('public, no-cache')
  })

  it('when the public style is read, then every tile address carries its layer’s current version', async () => {
    const style = (await request(app).get('/public/style.json').expect(200)).body
    const versions = (await request(app).get('/api/public/map/versions').expect(200)).body.versions
    for (const [name, source] of Object.entries<any>(style.sources))
      expect(source.tiles[0], name).toMatch(
        new RegExp(`/tiles/${name}/\\{z\\}/\\{x\\}/\\{y\\}\\.pbf\\?v=${versions[name]}$`),
      )
  })

  it('when a tile is answered, then it carries the security headers a tile needs, as every other answer has them', async () => {
    const tile = await request(app).get(countyTile)
    const page = await request(app).get('/api/public/map/versions')
    for (const name of ['x-content-type-options', 'strict-transport-security', 'cross-origin-resource-policy'])
      expect(tile.headers[name], name).toBe(page.headers[name])
    expect(tile.headers['x-content-type-options']).toBe('nosniff')
    expect(tile.headers['x-powered-by']).toBeUndefined()
  })
})

describe('internal tiles for a session', () => {
  const parcelTile = () => {
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 15)
    return `/tiles/parcel/${z}/${x}/${y}.pbf`
  }

  it('when the user signs out, then the same session cookie gets no tile at once', async () => {
    const s = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
    expect((await s.agent.get(parcelTile())).status).toBe(200)
    await s.agent.post('/api/auth/logout').set('X-CSRF-Token', s.csrfToken).expect(200)
    const res = await s.agent.get(parcelTile())
    expect(res.status).toBe(401)
    expect(res.body.error.message).toBe('请先登录')
  })

  it('when an administrator moves a user to another county, then the next tile holds nothing of the old one', async () => {
    const s = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
    const before = await s.agent.get(parcelTile()).buffer(true).parse(binary)
    expect(decodeTile(before.body).parcel.map((f) => f.id)).toContain(parcel.id)
    const admin = await signInNewUser(app, db, { role: 'admin', scopes: BOTH_TEST_COUNTIES })
    const listed = (await admin.agent.get('/api/admin/users')).body.users.find((u: any) => u.id === s.user.id)
    await admin.agent
      .patch(`/api/admin/users/${s.user.id}`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({
        displayName: listed.displayName,
        department: listed.department,
        role: listed.role,
        scopes: ['220322'],
        isActive: true,
        version: listed.version,
      })
      .expect(200)
    const after = await s.agent.get(parcelTile()).buffer(true).parse(binary)
    expect(after.status).toBe(204)
    expect(decodeTile(after.body)).toEqual({})
  })

  it('when a user who must still change the first password asks a tile, then 403 naming it', async () => {
    const user = await createTestUser(db, { role: 'farmland', scopes: ['430903'], mustChangePassword: true })
    const agent = request.agent(app)
    const first = await agent.get('/api/session').expect(200)
    await agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', first.body.csrfToken)
      .send({ username: user.username, password: user.password })
      .expect(200)
    const res = await agent.get(parcelTile())
    expect(res.status).toBe(403)
    expect(res.body.error.message).toBe('首次登录须先修改密码')
  })

  it('when a client refuses gzip with q=0, then the tile comes uncompressed and decodes', async () => {
    const s = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
    await s.agent.get(parcelTile()).expect(200)
    const res = await s.agent.get(parcelTile()).set('Accept-Encoding', 'gzip;q=0, identity').buffer(true).parse(binary)
    expect(res.status).toBe(200)
    expect(res.headers['content-encoding']).toBeUndefined()
    expect(decodeTile(res.body).parcel.map((f) => f.id)).toContain(parcel.id)
  })

  it('when a tile is asked with HEAD, then the headers come without a body', async () => {
    const s = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
    const res = await s.agent.head(parcelTile())
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    expect(res.headers['cache-control']).toBe('private, no-cache')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { TILE_LAYERS } from '../../server/src/tiles/layers.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'

const RULE_SET = 'map-versions-test'
const MARKER = `内部标记-${process.pid}-${Date.now().toString(36)}`

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let approver: Session
let environment: Session
let anonymous: Session
/** A parcel of 赫山区, its published class before the test and the class the test's list gives it. */
let parcel: {
  id: number
  lon: number
  lat: number
  class: string
  classListId: string | null
  classMethod: string | null
  classBasis: unknown
  newClass: string
}
const listIds: number[] = []
const plotIds: number[] = []

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}
const post = (s: Session, url: string) => s.agent.post(url).set('X-CSRF-Token', s.csrfToken)
const internalVersions = async (s: Session = farmland): Promise<Record<string, number>> =>
  (await s.agent.get('/api/map/versions').expect(200)).body.versions
const publicVersions = async (): Promise<Record<string, number>> =>
  (await request(app).get('/api/public/map/versions').expect(200)).body.versions

/** An approved class list of 赫山区 giving the test's parcel `cls`, published by the approver through the API. */
async function publishClass(cls: string): Promise<void> {
  const {
    rows: [l],
  } = await db.query(
    `
    INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by)
    VALUES ('430903', '图层版本测试清单', $1, 'approved', true, 1, 'gengdi') RETURNING id`,
    [RULE_SET],
  )
  listIds.push(Number(l.id))
  await db.query(
    `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, sample_count, basis)
    VALUES ('430903', $1, $2, $3, 'samples', 1, '{"summary": "图层版本测试"}')`,
    [l.id, parcel.id, cls],
  )
  await post(approver, `/api/reviews/class-list/${l.id}/publish`).send({}).expect(200)
}

async function parcelClassInTile(url: string): Promise<string | undefined> {
  const res = await farmland.agent.get(url).buffer(true).parse(binary).expect(200)
  return decodeTile(res.body).parcel.find((f) => f.id === parcel.id)?.properties.class as string | undefined
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  approver = await signInAs(app, 'approver')
  environment = await signInAs(app, 'environment')
  anonymous = await signInAs(app, 'anonymous')
  await db.query(
    // a whole rule set (the default's rules): files after this one on the same engine read every rule set
    `INSERT INTO class_rule_set (version, name, rules)
     SELECT $1, '图层版本测试规则', rules FROM class_rule_set WHERE is_default ON CONFLICT DO NOTHING`,
    [RULE_SET],
  )
  const {
    rows: [p],
  } = await db.query(`
    SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat, class, class_list_id::text, class_method, class_basis
    FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1 OFFSET 7`)
  parcel = {
    id: Number(p.id),
    lon: p.lon,
    lat: p.lat,
    class: p.class,
    classListId: p.class_list_id,
    classMethod: p.class_method,
    classBasis: p.class_basis,
    newClass: p.class === 'strict' ? 'safe_use' : 'strict',
  }
})

afterAll(async () => {
  await db.query(
    `UPDATE farmland_parcel SET class = $2, class_list_id = $3::bigint, class_method = $4, class_basis = $5 WHERE adcode = '430903' AND id = $1`,
    [parcel.id, parcel.class, parcel.classListId, parcel.classMethod, parcel.classBasis],
  )
  await db.query(`DELETE FROM class_list WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [listIds])
  await db.query(`DELETE FROM published_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [plotIds])
  await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [plotIds])
  await db.query(`DELETE FROM monitoring_point WHERE name LIKE $1`, [`${MARKER}%`])
  await db.close()
})

describe('GET /api/map/versions', () => {
  it('when a staff member asks, then every source of the staff style has its version, the one in its tile URL', async () => {
    const versions = await internalVersions()
    const style = (await farmland.agent.get('/style.json').expect(200)).body
    expect(Object.keys(versions).sort()).toEqual(Object.keys(style.sources).sort())
    for (const [name, source] of Object.entries<any>(style.sources)) {
      expect(Number.isSafeInteger(versions[name]), name).toBe(true)
      expect(source.tiles[0], name).toMatch(new RegExp(`\\?v=${versions[name]}$`))
    }
    expect(style.metadata['soil:versions']).toBe('/api/map/versions')
  })

  it('when nobody is signed in, then 401', async () => {
    expect((await anonymous.agent.get('/api/map/versions')).status).toBe(401)
  })

  it('when a class list is published, then the parcel layers and the 优先保护类耕地集中区域 get a new version and the other layers keep theirs, and the tile at the new version holds the new class', async () => {
    const before = await internalVersions()
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 15)
    const oldUrl = `/tiles/parcel/${z}/${x}/${y}.pbf?v=${before.parcel}`
    expect(await parcelClassInTile(oldUrl), 'the cached tile before publishing').toBe(parcel.class)

    await publishClass(parcel.newClass)
    const after = await internalVersions()
    expect(after.parcel).not.toBe(before.parcel)
    expect(after['parcel-overview']).not.toBe(before['parcel-overview'])
    // the published classes make a new version of the 优先保护类耕地集中区域 too
    expect(after['priority-area']).not.toBe(before['priority-area'])
    const changed = ['parcel', 'parcel-overview', 'priority-area']
    const unchanged = Object.keys(before).filter((l) => !changed.includes(l))
    expect(unchanged.length).toBeGreaterThan(0)
    for (const layer of unchanged) expect(after[layer], layer).toBe(before[layer])

    const newUrl = `/tiles/parcel/${z}/${x}/${y}.pbf?v=${after.parcel}`
    expect(await parcelClassInTile(newUrl)).toBe(parcel.newClass)
    const style = (await farmland.agent.get('/style.json').expect(200)).body
    expect(style.sources.parcel.tiles[0]).toMatch(new RegExp(`\\?v=${after.parcel}$`))
  })

  it('when a tile is asked at the current version, then the browser may keep it; at an older version it must ask again', async () => {
    const versions = await internalVersions()
    const { z, x, y } = tileAt(parcel.lon, parcel.lat, 15)
    const current = await farmland.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf?v=${versions.parcel}`).expect(200)
    expect(current.headers['cache-control']).toBe('private, max-age=86400, immutable')
    const stale = await farmland.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf?v=${versions.parcel - 1}`).expect(200)
    expect(stale.headers['cache-control']).toBe('private, no-cache')
    const unversioned = await farmland.agent.get(`/tiles/parcel/${z}/${x}/${y}.pbf`).expect(200)
    expect(unversioned.headers['cache-control']).toBe('private, no-cache')
  })

  it('when the server starts again, then no layer keeps a version of the previous process (a browser never reuses a tile it cached before)', async () => {
    const restarted = createTestApp(db)
    const session = await signInAs(restarted, 'farmland')
    const before = await internalVersions()
    const after = await internalVersions(session)
    for (const layer of Object.keys(before)) expect(after[layer], layer).not.toBe(before[layer])
  })
})

describe('GET /api/public/map/versions', () => {
  const publicLayers = TILE_LAYERS.filter((l) => l.access === 'public')
    .map((l) => l.name)
    .sort()

  it('when anyone asks, then the answer holds the public layers and a number for each, nothing else', async () => {
    const res = await request(app).get('/api/public/map/versions').expect(200)
    expect(res.headers['cache-control']).toBe('no-store')
    expect(Object.keys(res.body)).toEqual(['versions'])
    expect(Object.keys(res.body.versions).sort()).toEqual(publicLayers)
    for (const v of Object.values(res.body.versions)) expect(Number.isSafeInteger(v)).toBe(true)
    const style = (await request(app).get('/public/style.json').expect(200)).body
    expect(Object.keys(style.sources).sort()).toEqual(publicLayers)
    expect(style.metadata['soil:versions']).toBe('/api/public/map/versions')
  })

  it('when a plot is published, then the public plot layers get a new version, the county layers keep theirs, and the new tile shows the plot', async () => {
    const before = await publicVersions()
    const code = `430903-VT${Date.now().toString(36).slice(-6)}`.toUpperCase()
    const [lon, lat] = [parcel.lon + 0.004, parcel.lat + 0.004]
    const {
      rows: [p],
    } = await db.query(
      `
      INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, geom, review_status)
      VALUES ('430903', $1, '图层版本测试地块', 'listed', 'high', 'chemical',
        ST_Multi(ST_MakeEnvelope($2 - 0.001, $3 - 0.001, $2 + 0.001, $3 + 0.001, 4490)), 'approved') RETURNING id`,
      [code, lon, lat],
    )
    plotIds.push(Number(p.id))
    await post(approver, `/api/reviews/plot/${p.id}/publish`).send({}).expect(200)
    const after = await publicVersions()
    for (const layer of ['public-plot', 'public-plot-point']) expect(after[layer], layer).not.toBe(before[layer])
    for (const layer of ['county', 'county-label', 'township', 'township-label'])
      expect(after[layer], layer).toBe(before[layer])
    const { z, x, y } = tileAt(lon, lat, 14)
    const res = await request(app)
      .get(`/tiles/public-plot/${z}/${x}/${y}.pbf?v=${after['public-plot']}`)
      .buffer(true)
      .parse(binary)
      .expect(200)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(decodeTile(res.body)['public-plot'].map((f) => f.properties.code)).toContain(code)
  })

  it('when an internal record changes (a new monitoring point, a class list published), then the public answer neither moves nor shows anything of it', async () => {
    const before = await publicVersions()
    const code = `430903-VT${Date.now().toString(36).slice(-6)}`.toUpperCase()
    await post(environment, '/api/monitoring/points')
      .send({ code, name: `${MARKER} 点位`, level: 'county', type: 'basic', lon: parcel.lon, lat: parcel.lat })
      .expect(201)
    await publishClass(parcel.class)
    const res = await request(app).get('/api/public/map/versions').expect(200)
    expect(res.body.versions).toEqual(before)
    expect(res.text).not.toContain(MARKER)
    expect(res.text).not.toContain(code)
    expect(res.text, 'layer names and numbers only').toMatch(/^\{"versions":\{"[a-z-]+":\d+(,"[a-z-]+":\d+)*\}\}$/)
  })
})

import { execFile } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { promisify } from 'node:util'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { isGdalCliMissing, OGRINFO_PATH } from '../support/gdal-cli.ts'
import { daysFromToday, issueOgcKey } from '../support/ogc-keys.ts'
import { signInAs, type Session } from '../support/session.ts'

/**
 * 数据共享密钥 and the internal collections of /ogc: a key opens the collections and counties it was issued for and
 * nothing else, is kept only as its hash, stops working when revoked or expired, and every use is logged. A staff
 * session reads the internal collections of its own scope.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let server: Server
let admin: Session
/** Markers planted in 梨树县 (220322), a county no key of this file is issued for. */
const MARK = `LEAK${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
let markedParcelId: number

const INTERNAL = ['farmland-parcels', 'monitoring-points', 'contaminated-plots']

const issue = (extra: Record<string, unknown> = {}) =>
  issueOgcKey(admin, { collections: INTERNAL, adcodes: ['430903'], holder: '区农业农村局', note: '测试' }, extra)

/** Every feature of a collection, following the next links. */
async function sweep(collection: string, send: (r: request.Test) => request.Test, limit = 150) {
  const features: any[] = []
  let url: string | null = `/ogc/collections/${collection}/items?limit=${limit}`
  while (url) {
    const res: request.Response = await send(request(app).get(url)).expect(200)
    features.push(...res.body.features)
    const next: { href: string } | undefined = res.body.links.find((l: any) => l.rel === 'next')
    url = next ? next.href.replace(/^http:\/\/[^/]+/, '') : null
  }
  return features
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  admin = await signInAs(app, 'admin')
  const {
    rows: [parcel],
  } = await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, geom)
     SELECT '220322', $1, '0101', ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0002, ST_Y(c) - 0.0002, ST_X(c) + 0.0002, ST_Y(c) + 0.0002, 4490))
     FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '220322' ORDER BY id LIMIT 1) p
     RETURNING id`,
    [`${MARK}-P`],
  )
  markedParcelId = Number(parcel.id)
  await db.query(
    `INSERT INTO contaminated_plot (adcode, code, name, status, geom)
     SELECT '220322', $1, $1, 'suspected', geom FROM farmland_parcel WHERE adcode = '220322' AND code = $2`,
    [`${MARK}-Q`, `${MARK}-P`],
  )
  await db.query(
    `INSERT INTO monitoring_point (adcode, code, name, level, point_type, geom)
     SELECT '220322', $1, $1, 'county', 'basic', ST_PointOnSurface(geom) FROM farmland_parcel WHERE adcode = '220322' AND code = $2`,
    [`${MARK}-M`, `${MARK}-P`],
  )
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await db.close()
})

describe('internal collections without a key', () => {
  it('when no key and no session is sent, then the internal collections are not listed and answer 404 as unknown ones', async () => {
    const list = await request(app).get('/ogc/collections').expect(200)
    expect(list.body.collections.map((c: any) => c.id)).toEqual(['plots', 'control-zones', 'counties', 'townships'])
    for (const id of INTERNAL) {
      const one = await request(app).get(`/ogc/collections/${id}`).expect(404)
      expect(one.body.error.message).toBe(`没有名为“${id}”的数据集，可用：plots、control-zones、counties、townships`)
      await request(app).get(`/ogc/collections/${id}/items`).expect(404)
    }
  })

  it('when a malformed or unknown key is sent, then 401 says so in words', async () => {
    const bad = await request(app).get('/ogc/collections').set('X-API-Key', 'abc').expect(401)
    expect(bad.body.error.message).toContain('格式不对')
    const unknown = await request(app)
      .get('/ogc/collections/farmland-parcels/items')
      .query({ key: `sk_${'A'.repeat(32)}` })
      .expect(401)
    expect(unknown.body.error.message).toContain('密钥无效')
  })
})

describe('a key for one county', () => {
  it('when a key of 赫山区 sweeps every page of every internal collection, then no record of 梨树县 comes back', async () => {
    const { key } = await issue()
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{32}$/)
    const list = await request(app).get('/ogc/collections').set('X-API-Key', key).expect(200)
    expect(list.body.collections.map((c: any) => c.id)).toEqual([
      'plots',
      'control-zones',
      'counties',
      'townships',
      ...INTERNAL,
    ])
    for (const id of INTERNAL) {
      const features = await sweep(id, (r) => r.set('X-API-Key', key), 70)
      expect(features.length, id).toBeGreaterThan(0)
      expect(new Set(features.map((f) => f.properties.adcode)), id).toEqual(new Set(['430903']))
      expect(JSON.stringify(features), id).not.toContain(MARK)
    }
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM farmland_parcel WHERE adcode = '430903'`)
    expect(await sweep('farmland-parcels', (r) => r.set('X-API-Key', key), 1000)).toHaveLength(rows[0].n)
    await request(app)
      .get(`/ogc/collections/farmland-parcels/items/${markedParcelId}`)
      .set('X-API-Key', key)
      .expect(404)
  })

  it('when a parcel is read, then it carries its published class, basis summary, area in 亩 and no internal-only column', async () => {
    const { key } = await issue()
    const res = await request(app)
      .get('/ogc/collections/farmland-parcels/items?limit=1')
      .set('X-API-Key', key)
      .expect(200)
    const [f] = res.body.features
    expect(f.geometry.type).toBe('MultiPolygon')
    expect(Object.keys(f.properties).sort()).toEqual(
      [
        'adcode',
        'area_mu',
        'basis_summary',
        'class',
        'class_label',
        'class_list_id',
        'class_method',
        'code',
        'county',
        'dlbm',
        'is_generated',
        'township',
        'township_code',
        'updated_at',
      ].sort(),
    )
    const plot = await request(app).get('/ogc/collections/contaminated-plots/items?limit=1').set('X-API-Key', key)
    expect(plot.body.features[0].properties).not.toHaveProperty('contact')
    expect(plot.body.features[0].properties).not.toHaveProperty('land_user')
  })

  it('when a parcel is read, then each property is the stored value with its JSON type, times in UTC milliseconds', async () => {
    const summary = '镉 0.45 mg/kg "超筛选值"\\复核\n第二行\t制表'
    const {
      rows: [planted],
    } = await db.query(
      `INSERT INTO farmland_parcel (adcode, code, dlbm, class, class_method, class_list_id, class_basis, updated_at, geom)
       SELECT '430903', $1, '0102', 'priority', 'samples', 9876543210, jsonb_build_object('summary', $2::text),
              '2026-03-01 08:09:10.987654+08', ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0002, ST_Y(c) - 0.0002, ST_X(c) + 0.0002, ST_Y(c) + 0.0002, 4490))
       FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1) p
       RETURNING id`,
      [`${MARK}-V`, summary],
    )
    const { key } = await issue()
    const res = await request(app)
      .get(`/ogc/collections/farmland-parcels/items/${planted.id}`)
      .set('X-API-Key', key)
      .expect(200)
    expect(res.body.id).toBe(Number(planted.id))
    expect(res.body.properties).toMatchObject({
      adcode: '430903',
      code: `${MARK}-V`,
      dlbm: '0102',
      class: 'priority',
      class_label: '优先保护类',
      class_method: 'samples',
      class_list_id: 9876543210,
      basis_summary: summary,
      updated_at: '2026-03-01T00:09:10.987Z',
      is_generated: false,
      township_code: null,
      township: null,
    })
    expect(typeof res.body.properties.area_mu).toBe('number')
    const page = await request(app).get('/ogc/collections/farmland-parcels/items?limit=20').set('X-API-Key', key)
    const { rows } = await db.query(
      `SELECT id, class, class_list_id, updated_at, is_generated, round((area_m2 * 0.0015)::numeric, 2)::float8 AS area_mu
       FROM farmland_parcel WHERE id = ANY ($1::bigint[])`,
      [page.body.features.map((f: any) => f.id)],
    )
    const stored = new Map(rows.map((r) => [Number(r.id), r]))
    expect(page.body.features).toHaveLength(20)
    for (const f of page.body.features) {
      const row = stored.get(f.id)
      expect(f.properties, String(f.id)).toMatchObject({
        class: row.class,
        class_list_id: row.class_list_id,
        updated_at: row.updated_at.toISOString(),
        is_generated: row.is_generated,
        area_mu: row.area_mu,
      })
    }
  })

  it('when a key is issued for parcels only, then the other internal collections stay unknown to it', async () => {
    const { key } = await issue({ collections: ['farmland-parcels'] })
    const list = await request(app).get('/ogc/collections').set('X-API-Key', key).expect(200)
    expect(list.body.collections.map((c: any) => c.id)).toEqual([
      'plots',
      'control-zones',
      'counties',
      'townships',
      'farmland-parcels',
    ])
    await request(app).get('/ogc/collections/monitoring-points/items').set('X-API-Key', key).expect(404)
  })

  it('when the key is sent as the query parameter key, then the next links carry it', async () => {
    const { key } = await issue()
    const res = await request(app).get('/ogc/collections/farmland-parcels/items').query({ limit: 5, key }).expect(200)
    expect(res.body.features).toHaveLength(5)
    expect(res.body.links.find((l: any) => l.rel === 'next').href).toContain(`key=${key}`)
  })
})

describe('revoked and expired keys, the hash and the log', () => {
  it('when a key is revoked, then it is refused with 401 in words, and a second revocation is 409', async () => {
    const { key, record } = await issue()
    await request(app).get('/ogc/collections/farmland-parcels/items?limit=1').set('X-API-Key', key).expect(200)
    const revoked = await admin.agent
      .post(`/api/admin/ogc-keys/${record.id}/revoke`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({})
      .expect(200)
    expect(revoked.body).toMatchObject({ state: 'revoked', stateLabel: '已吊销' })
    const res = await request(app).get('/ogc/collections/farmland-parcels/items').set('X-API-Key', key).expect(401)
    expect(res.body.error.message).toContain('吊销')
    await admin.agent
      .post(`/api/admin/ogc-keys/${record.id}/revoke`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({})
      .expect(409)
  })

  it('when a key has expired, then it is refused with 401 naming the day', async () => {
    const { key, record } = await issue()
    await db.query(`UPDATE ogc_access_key SET expires_at = now() - interval '1 second' WHERE id = $1`, [record.id])
    const res = await request(app).get('/ogc/collections').set('X-API-Key', key).expect(401)
    expect(res.body.error.message).toContain('过期')
    const list = await admin.agent.get('/api/admin/ogc-keys').expect(200)
    expect(list.body.keys.find((k: any) => k.id === record.id).state).toBe('expired')
  })

  it('when a key is issued, then the plain key is in no table and the list shows only its first characters', async () => {
    const { key, record } = await issue()
    expect(record.prefix).toBe(key.slice(0, 9))
    const { rows: tables } = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    )
    for (const { table_name } of tables) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE strpos(t::text, $1) > 0`,
        [key.slice(3)],
      )
      expect(rows[0].n, table_name).toBe(0)
    }
    const list = await admin.agent.get('/api/admin/ogc-keys').expect(200)
    expect(JSON.stringify(list.body)).not.toContain(key.slice(3))
  })

  it('when a key reads a page, then the use is logged with the collection, the feature count and the address', async () => {
    const { key, record } = await issue()
    await request(app).get('/ogc/collections/monitoring-points/items?limit=7').set('X-API-Key', key).expect(200)
    const { rows } = await db.query(`SELECT * FROM ogc_key_use WHERE key_id = $1`, [record.id])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ collection: 'monitoring-points', feature_count: 7 })
    expect(rows[0].client_address).toMatch(/127\.0\.0\.1|::1/)
    const uses = await admin.agent.get(`/api/admin/ogc-keys/${record.id}/uses`).expect(200)
    expect(uses.body.uses).toEqual([
      expect.objectContaining({ keyId: record.id, collection: 'monitoring-points', featureCount: 7 }),
    ])
    const all = await admin.agent.get('/api/admin/ogc-keys/uses').expect(200)
    expect(all.body.uses.some((u: any) => u.keyId === record.id)).toBe(true)
  })
})

describe('issuing keys', () => {
  it('when a county outside the administrator scope, a past day or no collection is asked for, then it is refused in words', async () => {
    const body = {
      holder: '县自然资源局',
      holderKind: 'department',
      collections: ['farmland-parcels'],
      adcodes: ['430903'],
      expiresOn: daysFromToday(1),
      note: '',
    }
    const post = (b: Record<string, unknown>) =>
      admin.agent
        .post('/api/admin/ogc-keys')
        .set('X-CSRF-Token', admin.csrfToken)
        .send({ ...body, ...b })
    const outside = await post({ adcodes: ['220322'] })
    expect(outside.status).toBe(403)
    expect(outside.body.error.message).toContain('220322')
    const past = await post({ expiresOn: '2020-01-01' })
    expect(past.status).toBe(400)
    expect(past.body.error.message).toContain('已过')
    expect((await post({ expiresOn: '2026-02-30' })).status).toBe(400)
    expect((await post({ collections: [] })).status).toBe(400)
    expect((await post({ collections: ['plots'] })).status).toBe(400)
  })
})

describe('a staff session', () => {
  it('when a signed-in officer reads the internal collections, then he gets those of his own scope only', async () => {
    const officer = await signInAs(app, 'farmland')
    const list = await officer.agent.get('/ogc/collections').expect(200)
    expect(list.body.collections.map((c: any) => c.id)).toEqual(expect.arrayContaining(INTERNAL))
    const res = await officer.agent.get('/ogc/collections/contaminated-plots/items?limit=1000').expect(200)
    expect(res.body.features.length).toBeGreaterThan(0)
    expect(JSON.stringify(res.body)).not.toContain(MARK)
  })
})

describe.skipIf(isGdalCliMissing())('internal collections read by GDAL with a key', () => {
  it('when ogrinfo sends the key in GDAL_HTTP_HEADERS, then it reads every parcel of the key’s county, and nothing without it', async () => {
    const { key } = await issue({ collections: ['farmland-parcels'] })
    const { port } = server.address() as AddressInfo
    const base = `OAPIF:http://127.0.0.1:${port}/ogc`
    const run = promisify(execFile)
    const all = await run(
      OGRINFO_PATH,
      [
        '-ro',
        '-al',
        '-geom=NO',
        '--config',
        'GDAL_HTTP_HEADERS',
        `X-API-Key: ${key}`,
        '-oo',
        'PAGE_SIZE=150',
        base,
        'farmland-parcels',
      ],
      { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    )
    const codes = [...all.stdout.matchAll(/^\s+code \(String\) = (.+)$/gm)].map((m) => m[1])
    const { rows } = await db.query(`SELECT code FROM farmland_parcel WHERE adcode = '430903' ORDER BY code`)
    expect(codes.sort()).toEqual(rows.map((r) => r.code))
    expect(all.stdout).toContain('class_label (String) =')
    const without = await run(OGRINFO_PATH, ['-ro', '-q', base], { timeout: 60_000 })
    expect(without.stdout).not.toContain('farmland-parcels')
  })
})

import { execFile } from 'node:child_process'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { promisify } from 'node:util'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { OGC_QUERYABLES } from '../../server/src/domain/ogc-queryables.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { isGdalCliMissing, OGRINFO_PATH } from '../support/gdal-cli.ts'
import { issueOgcKey, plantOgcKey } from '../support/ogc-keys.ts'
import { signInAs } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'

/**
 * The collections of /ogc beyond the first ones: the public township outlines and the internal class list, control
 * zones, enterprises, 三调 context and 永久基本农田, each paged completely within the reader's counties; and features
 * written in a county's CGCS2000 3° Gauss-Krüger CRS (EPSG:4534–4554, northing first as EPSG declares).
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let server: Server

const NEW_INTERNAL = ['class-list', 'control-zones-internal', 'enterprises', 'land-context', 'basic-farmland']
const PUBLIC = ['plots', 'control-zones', 'counties', 'townships']
/** A county of this file only, square, in the Gauss-Krüger zone of CM 111°E, removed afterwards. */
const COUNTY = '439972'
const TOWN = '439972001'
/** Planted in 梨树县 (220322) and as unpublished records of 赫山区 (430903): never served to a reader of 赫山区 or the public. */
const MARK = `GKX${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
const RULE_SET = `ogc-collections-${process.pid}`
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
const EPSG = (srid: number) => `http://www.opengis.net/def/crs/EPSG/0/${srid}`
/** CGCS2000 / 3-degree Gauss-Kruger CM 111E (赫山区) and CM 123E (梨树县). */
const GK_111 = 4546
const GK_123 = 4550

/** The class lists of the test county: an older published one, the latest published one and a newer draft. */
const lists = { older: 0, latest: 0, draft: 0 }
const parcelIds: number[] = []
let keyOfHeshan = ''
let keyOfLishu = ''

/** A key for `collections` of `adcodes`, planted: an administrator of the test cannot issue one for a new county. */
const plantKey = (collections: string[], adcodes: string[]) =>
  plantOgcKey(db, { collections, adcodes, holder: '数据集测试' })

/** Every feature of a collection, following the next links. */
async function sweep(collection: string, key: string | null, limit = 200) {
  const features: any[] = []
  let url: string | null = `/ogc/collections/${collection}/items?limit=${limit}`
  let pages = 0
  while (url) {
    const req = request(app).get(url)
    const res: request.Response = await (key ? req.set('X-API-Key', key) : req)
    expect(res.status, `${url} ${res.text.slice(0, 200)}`).toBe(200)
    features.push(...res.body.features)
    const next: { href: string } | undefined = res.body.links.find((l: any) => l.rel === 'next')
    url = next ? next.href.replace(/^http:\/\/[^/]+/, '') : null
    pages++
    expect(pages).toBeLessThan(500)
  }
  return features
}

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query(sql, params)
  return Number(rows[0].n)
}

async function insertList(title: string, status: string, publishedDaysAgo: number | null, version: number) {
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, version,
                             published_version, published_at, created_by)
     VALUES ($1, $2, $3, $4, true, 3, $5, $6, now() - make_interval(days => $7::int), 'gengdi') RETURNING id`,
    [COUNTY, title, RULE_SET, status, version, publishedDaysAgo === null ? 0 : version, publishedDaysAgo],
  )
  return Number(r.id)
}

async function insertEntries(listId: number, classes: string[]) {
  for (const [i, parcelId] of parcelIds.entries())
    await db.query(
      `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis)
       VALUES ($1, $2, $3, $4, 'samples', 'B', '{cd}', 2, jsonb_build_object('summary', $5::text))`,
      [COUNTY, listId, parcelId, classes[i], `清单 ${listId} 图斑 ${i}`],
    )
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  await addSquareCounty(db, { adcode: COUNTY, name: '投影县', x0: 37_452_000, y0: 2_301_000, size: 3000 }, [
    { code: TOWN, name: '投影镇' },
  ])
  for (let i = 0; i < 3; i++) {
    const {
      rows: [p],
    } = await db.query(
      `INSERT INTO farmland_parcel (adcode, township_code, code, dlbm, geom)
       VALUES ($1, $2, $3, '0101', ST_Multi(ST_Transform(ST_MakeEnvelope($4::float8, 2302000, $4::float8 + 300, 2302300, 4525), 4490)))
       RETURNING id`,
      [COUNTY, TOWN, `${COUNTY}${TOWN.slice(6)}T${i}`, 37_452_500 + i * 600],
    )
    parcelIds.push(Number(p.id))
  }
  await db.query(`INSERT INTO class_rule_set (version, name, rules) VALUES ($1, '数据集测试规则', '{}')`, [RULE_SET])
  lists.older = await insertList('投影县分类清单（旧）', 'published', 20, 1)
  await insertEntries(lists.older, ['priority', 'priority', 'priority'])
  lists.latest = await insertList('投影县分类清单', 'published', 2, 2)
  await insertEntries(lists.latest, ['priority', 'safe_use', 'strict'])
  lists.draft = await insertList('投影县分类清单（草稿）', 'draft', null, 3)
  await insertEntries(lists.draft, ['strict', 'strict', 'strict'])
  const near = (adcode: string) =>
    `(SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '${adcode}' ORDER BY id LIMIT 1)`
  const square = `ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0002, ST_Y(c) - 0.0002, ST_X(c) + 0.0002, ST_Y(c) + 0.0002, 4490))`
  for (const adcode of ['220322', '430903']) {
    await db.query(
      `INSERT INTO control_zone (adcode, code, name, geom) SELECT $1, $2, $2, ${square} FROM ${near(adcode)} p`,
      [adcode, `${MARK}-Z${adcode}`],
    )
    await db.query(
      `INSERT INTO contaminated_plot (adcode, code, name, status, geom) SELECT $1, $2, $2, 'suspected', ${square} FROM ${near(adcode)} p`,
      [adcode, `${MARK}-Q${adcode}`],
    )
  }
  await db.query(
    `INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
     SELECT '220322', $1, $2, 'chemical', 'operating', ${square} FROM ${near('220322')} p`,
    [`91${MARK}`.padEnd(18, '0').slice(0, 18), `${MARK}-E`],
  )
  await db.query(
    `INSERT INTO land_context (adcode, bsm, dlbm, dlmc, tbmj, geom) SELECT '220322', $1, '1001', $1, 100, ${square} FROM ${near('220322')} p`,
    [`${MARK}-L`],
  )
  await db.query(
    `INSERT INTO basic_farmland (adcode, bsm, code, dlbm, tbmj, zldwmc, geom)
     SELECT '220322', $1, $1, '0101', 100, $1, ${square} FROM ${near('220322')} p`,
    [`${MARK}-B`],
  )
  keyOfHeshan = await plantKey(NEW_INTERNAL, ['430903', COUNTY])
  keyOfLishu = await plantKey(['farmland-parcels', ...NEW_INTERNAL], ['220322'])
  server = app.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
})

afterAll(async () => {
  if (server) await new Promise((resolve) => server.close(resolve))
  await db.query(`DELETE FROM control_zone WHERE code LIKE $1`, [`${MARK}%`])
  await db.query(`DELETE FROM contaminated_plot WHERE code LIKE $1`, [`${MARK}%`])
  await db.query(`DELETE FROM supervised_enterprise WHERE name LIKE $1`, [`${MARK}%`])
  await db.query(`DELETE FROM land_context WHERE bsm LIKE $1`, [`${MARK}%`])
  await db.query(`DELETE FROM basic_farmland WHERE bsm LIKE $1`, [`${MARK}%`])
  await removeTestCounty(db, COUNTY)
  await db.query(`DELETE FROM class_rule_set WHERE version = $1`, [RULE_SET])
  await db.close()
})

/** The SQL count of each internal collection over `adcodes`, the rows the tiles of the same layers would show. */
const DIRECT_COUNT: Record<string, string> = {
  'control-zones-internal': `SELECT count(*) AS n FROM control_zone WHERE adcode = ANY($1::bpchar[])`,
  enterprises: `SELECT count(*) AS n FROM supervised_enterprise WHERE adcode = ANY($1::bpchar[])`,
  'land-context': `SELECT count(*) AS n FROM land_context WHERE adcode = ANY($1::bpchar[])`,
  'basic-farmland': `SELECT count(*) AS n FROM basic_farmland WHERE adcode = ANY($1::bpchar[])`,
  'class-list': `SELECT count(*) AS n FROM class_list_entry e
    WHERE e.adcode = ANY($1::bpchar[]) AND e.list_id = (
      SELECT l.id FROM class_list l WHERE l.adcode = e.adcode AND l.review_status = 'published'
      ORDER BY l.published_at DESC, l.id DESC LIMIT 1)`,
}

describe('the new internal collections: within the key’s counties, paged completely', () => {
  it('when a key of 赫山区 and the test county sweeps each, then the counts equal SQL and nothing of 梨树县 or the planted marks comes back', async () => {
    const list = await request(app).get('/ogc/collections').set('X-API-Key', keyOfHeshan).expect(200)
    expect(list.body.collections.map((c: any) => c.id)).toEqual([...PUBLIC, ...NEW_INTERNAL])
    for (const id of NEW_INTERNAL) {
      const features = await sweep(id, keyOfHeshan, 97)
      const expected = await count(DIRECT_COUNT[id], [['430903', COUNTY]])
      expect(expected, id).toBeGreaterThan(0)
      expect(features, id).toHaveLength(expected)
      expect(new Set(features.map((f) => f.id)).size, id).toBe(features.length)
      for (const f of features) expect(['430903', COUNTY], id).toContain(f.properties.adcode)
      const documented = OGC_QUERYABLES[id].properties.map((p) => p.name).sort()
      expect(Object.keys(features[0].properties).sort(), id).toEqual(documented)
      const text = JSON.stringify(features)
      expect(text, id).not.toContain(`${MARK}-E`)
      expect(text, id).not.toContain(`${MARK}-L`)
      expect(text, id).not.toContain(`${MARK}-B`)
      expect(text, id).not.toContain(`${MARK}-Z220322`)
    }
  })

  it('when a key of 梨树县 reads them, then its own planted records come back, and the unpublished zone of 赫山区 does not', async () => {
    const zones = await sweep('control-zones-internal', keyOfLishu, 500)
    expect(zones.map((f) => f.properties.code)).toContain(`${MARK}-Z220322`)
    expect(zones.find((f) => f.properties.code === `${MARK}-Z220322`).properties.review_status).toBe('draft')
    expect(JSON.stringify(zones)).not.toContain(`${MARK}-Z430903`)
    const [enterprise] = (await sweep('enterprises', keyOfLishu, 500)).filter((f) => f.properties.name === `${MARK}-E`)
    expect(enterprise.properties).toMatchObject({
      credit_code: expect.stringMatching(/^91/),
      industry: 'chemical',
      industry_name: '化工',
      status_name: '在产',
    })
    expect(enterprise.geometry.type).toBe('MultiPolygon')
    const [context] = (await sweep('land-context', keyOfLishu, 1000)).filter((f) => f.properties.bsm === `${MARK}-L`)
    expect(context.properties).toMatchObject({ dlbm: '1001', land_class: 'transport', land_class_name: '交通运输用地' })
    const basic = await sweep('basic-farmland', keyOfLishu, 1000)
    expect(basic.find((f) => f.properties.bsm === `${MARK}-B`).properties).toMatchObject({ zldwmc: `${MARK}-B` })
  })

  it('when the class list is read, then it is the latest published list of the county, with its number, version and publication time', async () => {
    const features = (await sweep('class-list', keyOfHeshan, 2)).filter((f) => f.properties.adcode === COUNTY)
    expect(features.map((f) => f.id).sort()).toEqual([...parcelIds].sort())
    expect(new Set(features.map((f) => f.properties.list_id))).toEqual(new Set([lists.latest]))
    const byParcel = new Map(features.map((f) => [f.id, f.properties]))
    expect(byParcel.get(parcelIds[2])).toMatchObject({
      list_title: '投影县分类清单',
      list_version: 2,
      class: 'strict',
      class_label: '严格管控类',
      method: 'samples',
      main_pollutants: ['cd'],
      township: '投影镇',
      parcel_code: `${COUNTY}001T2`,
    })
    expect(Date.parse(byParcel.get(parcelIds[2])!.list_published_at)).toBeLessThan(Date.now() - 86_400_000)
    const one = await request(app)
      .get(`/ogc/collections/class-list/items/${parcelIds[1]}`)
      .set('X-API-Key', keyOfHeshan)
      .expect(200)
    expect(one.body.properties).toMatchObject({ class: 'safe_use', list_id: lists.latest })
    const strict = await request(app)
      .get('/ogc/collections/class-list/items')
      .query({ class: 'strict', adcode: COUNTY })
      .set('X-API-Key', keyOfHeshan)
      .expect(200)
    expect(strict.body.features.map((f: any) => f.id)).toEqual([parcelIds[2]])
  })

  it('when a staff member of 赫山区 reads with his session, then the new collections are listed and hold only his county', async () => {
    const officer = await signInAs(app, 'environment')
    const list = await officer.agent.get('/ogc/collections').expect(200)
    expect(list.body.collections.map((c: any) => c.id)).toEqual(expect.arrayContaining(NEW_INTERNAL))
    const res = await officer.agent.get('/ogc/collections/enterprises/items?limit=1000').expect(200)
    expect(new Set(res.body.features.map((f: any) => f.properties.adcode))).toEqual(new Set(['430903']))
  })
})

describe('keys and filters over the new collections', () => {
  it('when an administrator opens the key page, then the new collections can be chosen and a key issued for them', async () => {
    const admin = await signInAs(app, 'admin')
    const page = await admin.agent.get('/api/admin/ogc-keys').expect(200)
    expect(page.body.collections.map((c: any) => c.id)).toEqual(expect.arrayContaining(NEW_INTERNAL))
    const { key } = await issueOgcKey(admin, {
      collections: ['land-context', 'basic-farmland'],
      adcodes: ['430903'],
      holder: '区自然资源局',
      expiresInDays: 3,
    })
    const list = await request(app).get('/ogc/collections').set('X-API-Key', key).expect(200)
    expect(list.body.collections.map((c: any) => c.id)).toEqual([...PUBLIC, 'land-context', 'basic-farmland'])
    await request(app).get('/ogc/collections/enterprises/items').set('X-API-Key', key).expect(404)
  })

  it('when each queryable of each new collection is filtered on, then its SQL expression runs in the page statement', async () => {
    for (const id of [...NEW_INTERNAL, 'townships']) {
      for (const p of OGC_QUERYABLES[id].properties.filter((q) => q.sql !== null)) {
        const res = await request(app)
          .get(`/ogc/collections/${id}/items`)
          .query({ filter: `${p.name} IS NULL`, limit: 5 })
          .set('X-API-Key', keyOfHeshan)
        expect(res.status, `${id}.${p.name} ${res.text.slice(0, 300)}`).toBe(200)
      }
    }
  })
})

describe('public reader', () => {
  it('when no key is sent, then each new internal collection is unknown (404) and not listed', async () => {
    const list = await request(app).get('/ogc/collections').expect(200)
    expect(list.body.collections.map((c: any) => c.id)).toEqual(PUBLIC)
    for (const id of NEW_INTERNAL) {
      await request(app).get(`/ogc/collections/${id}`).expect(404)
      await request(app).get(`/ogc/collections/${id}/items`).expect(404)
      await request(app).get(`/ogc/collections/${id}/items/1`).expect(404)
    }
  })

  it('when the townships are paged, then they are every outlined township with code, name and county only', async () => {
    const features = await sweep('townships', null, 13)
    expect(features).toHaveLength(await count(`SELECT count(*) AS n FROM township WHERE geom IS NOT NULL`))
    const ours = features.find((f) => f.id === TOWN)
    expect(ours.properties).toEqual({ code: TOWN, name: '投影镇', adcode: COUNTY, county: '测试市 投影县' })
    expect(ours.geometry.type).toBe('MultiPolygon')
    expect(Object.keys(ours.properties).sort()).toEqual(OGC_QUERYABLES.townships.properties.map((p) => p.name).sort())
    const one = await request(app).get(`/ogc/collections/townships/items/${TOWN}`).expect(200)
    expect(one.body.id).toBe(TOWN)
    await request(app).get('/ogc/collections/townships/items/999999999').expect(404)
    await request(app).get('/ogc/collections/townships/items?cursor=abc').expect(400)
  })

  it('when every public collection is paged through, then no planted unpublished record or internal field appears', async () => {
    for (const id of PUBLIC) {
      const text = JSON.stringify(await sweep(id, null, 50))
      expect(text, id).not.toContain(MARK)
      expect(text, id).not.toContain('review_status')
      expect(text, id).not.toContain('credit_code')
    }
  })
})

describe('output in the county’s 3° Gauss-Krüger CRS', () => {
  it('when the collections are listed, then each offers CRS84, EPSG:4490 and the Gauss-Krüger CRS of every county served', async () => {
    const { rows } = await db.query(
      `SELECT DISTINCT 4534 + (round(ST_X(ST_Centroid(geom)) / 3) * 3 - 75) / 3 AS srid FROM county ORDER BY 1`,
    )
    const expected = [CRS84, EPSG(4490), ...rows.map((r) => EPSG(Number(r.srid)))]
    expect(expected).toEqual(expect.arrayContaining([EPSG(GK_111), EPSG(GK_123)]))
    const list = await request(app).get('/ogc/collections').set('X-API-Key', keyOfHeshan).expect(200)
    for (const c of list.body.collections) expect(c.crs, c.id).toEqual(expected)
    const one = await request(app).get('/ogc/collections/townships').expect(200)
    expect(one.body.crs).toEqual(expected)
  })

  it('when a parcel is asked in CM 111°E, then it comes northing first and equals PostGIS’s and PROJ’s transform within 1 mm', async () => {
    const id = parcelIds[0]
    const res = await request(app)
      .get(`/ogc/collections/class-list/items/${id}`)
      .query({ crs: EPSG(GK_111) })
      .set('X-API-Key', keyOfHeshan)
      .expect(200)
    expect(res.headers['content-crs']).toBe(`<${EPSG(GK_111)}>`)
    const served: [number, number][] = res.body.geometry.coordinates[0][0]
    const { rows } = await db.query(
      `SELECT i, ST_X(pt) AS lon, ST_Y(pt) AS lat, ST_X(ST_Transform(pt, $2::int)) AS e, ST_Y(ST_Transform(pt, $2::int)) AS n
       FROM (SELECT ST_ExteriorRing(ST_GeometryN(geom, 1)) AS ring FROM farmland_parcel WHERE id = $1::bigint) p
       CROSS JOIN LATERAL generate_series(1, ST_NPoints(p.ring)) AS i
       CROSS JOIN LATERAL (SELECT ST_PointN(p.ring, i) AS pt) q
       ORDER BY i`,
      [id, GK_111],
    )
    expect(served).toHaveLength(rows.length)
    for (const [i, r] of rows.entries()) {
      expect(Math.abs(served[i][0] - r.n), `northing ${i}`).toBeLessThan(0.001)
      expect(Math.abs(served[i][1] - r.e), `easting ${i}`).toBeLessThan(0.001)
    }
    // the square was drawn in EPSG:4525 (zone 37, CM 111°E with the zone prefix): the same metres without it
    expect(Math.abs(served[0][0] - 2_302_000)).toBeLessThan(0.01)
    expect(Math.abs(served[0][1] - 452_500)).toBeLessThan(0.01)
    if (isGdalCliMissing()) return
    const gdaltransform = OGRINFO_PATH.replace(/ogrinfo$/, 'gdaltransform')
    const child = execFile(gdaltransform, ['-s_srs', 'EPSG:4490', '-t_srs', `EPSG:${GK_111}`])
    const out = new Promise<string>((resolve, reject) => {
      let text = ''
      child.stdout!.on('data', (d) => (text += d))
      child.on('close', () => resolve(text))
      child.on('error', reject)
    })
    child.stdin!.end(`${rows[0].lon} ${rows[0].lat}\n`)
    const [easting, northing] = (await out).trim().split(/\s+/).map(Number)
    expect(Math.abs(served[0][0] - northing)).toBeLessThan(0.001)
    expect(Math.abs(served[0][1] - easting)).toBeLessThan(0.001)
  })

  it('when a public county is asked in the other county’s zone, then it still comes, transformed; an offered CRS of no county is refused', async () => {
    const lishu = await request(app)
      .get('/ogc/collections/counties/items/220322')
      .query({ crs: EPSG(GK_111) })
    expect(lishu.status).toBe(200)
    expect(lishu.headers['content-crs']).toBe(`<${EPSG(GK_111)}>`)
    const [northing, easting] = lishu.body.geometry.coordinates[0][0][0]
    expect(northing).toBeGreaterThan(4_500_000)
    expect(easting).toBeGreaterThan(1_300_000)
    const own = await request(app)
      .get('/ogc/collections/counties/items/220322')
      .query({ crs: EPSG(GK_123) })
    const [n2, e2] = own.body.geometry.coordinates[0][0][0]
    expect(e2).toBeGreaterThan(300_000)
    expect(e2).toBeLessThan(700_000)
    expect(Math.abs(n2 - northing)).toBeGreaterThan(1)
    const towns = await request(app)
      .get('/ogc/collections/townships/items')
      .query({ crs: EPSG(GK_111), limit: 3 })
    expect(towns.status).toBe(200)
    const far = await request(app)
      .get('/ogc/collections/plots/items')
      .query({ crs: EPSG(4534) })
      .expect(400)
    expect(far.body.error.details.problems[0].field).toBe('crs')
    expect(far.body.error.message).toContain('不是本服务所含区县的高斯-克吕格投影')
    const bad = await request(app).get('/ogc/collections/plots/items').query({ crs: 'EPSG:4546' }).expect(400)
    expect(bad.body.error.message).toContain('高斯-克吕格')
    const box = await request(app)
      .get('/ogc/collections/plots/items')
      .query({ bbox: '3100000,600000,3200000,700000', 'bbox-crs': EPSG(GK_111) })
      .expect(400)
    expect(box.body.error.details.problems[0].field).toBe('bbox-crs')
  })
})

describe.skipIf(isGdalCliMissing())('the new collections read by GDAL (the OAPIF driver QGIS also uses)', () => {
  it('when ogrinfo opens the service with a key, then it lists the new collections and reads every feature of one', async () => {
    const { port } = server.address() as AddressInfo
    const base = `OAPIF:http://127.0.0.1:${port}/ogc`
    const run = promisify(execFile)
    const header = ['--config', 'GDAL_HTTP_HEADERS', `X-API-Key: ${keyOfHeshan}`]
    const listing = await run(OGRINFO_PATH, ['-ro', '-q', ...header, base], { timeout: 60_000 })
    for (const id of [...PUBLIC, ...NEW_INTERNAL]) expect(listing.stdout).toContain(id)
    const all = await run(
      OGRINFO_PATH,
      ['-ro', '-al', '-geom=NO', ...header, '-oo', 'PAGE_SIZE=250', base, 'basic-farmland'],
      { timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    )
    const ids = [...all.stdout.matchAll(/^OGRFeature\(basic-farmland\):(\d+)$/gm)].map((m) => m[1])
    expect(ids).toHaveLength(await count(DIRECT_COUNT['basic-farmland'], [['430903', COUNTY]]))
    expect(all.stdout).toContain('zldwmc (String) =')
    const towns = await run(OGRINFO_PATH, ['-ro', '-so', base, 'townships'], { timeout: 60_000 })
    expect(towns.stdout).toContain('Geometry: Multi Polygon')
    expect(towns.stdout).toMatch(/Feature Count: \d+/)
  })
})

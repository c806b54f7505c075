import { execFile } from 'node:child_process'
import fs from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { INTERNAL_COLLECTION_IDS } from '../../server/src/domain/ogc-access.ts'
import { OGC_QUERYABLES } from '../../server/src/domain/ogc-queryables.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { isGdalCliMissing, OGRINFO_PATH } from '../support/gdal-cli.ts'
import { issueOgcKey } from '../support/ogc-keys.ts'
import { signInAs, type Session } from '../support/session.ts'

/**
 * Filtering the items of /ogc (OGC 19-079r2 Part 3 with CQL2 text, Part 1 `datetime`, property filters): each
 * operator returns exactly the rows the same condition selects in SQL, refusals are 400 in words, and a filter never
 * widens what a reader may see.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let server: Server
let admin: Session
/** The path and query of every request the server received (to see what GDAL sends). */
const received: string[] = []
/** A key for every internal collection of 赫山区 (430903) only. */
let key: string
let keyId: number
const MARK = `FLT${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
/** Three parcels of this file, updated on known instants (China Standard Time). */
const DATED = [
  { suffix: 'A', updatedAt: '2001-01-15T10:00:00+08:00' },
  { suffix: 'B', updatedAt: '2001-03-01T00:30:00+08:00' },
  { suffix: 'C', updatedAt: '2001-06-30T23:00:00+08:00' },
]
const datedIds: Record<string, number> = {}

const CGCS2000 = 'http://www.opengis.net/def/crs/EPSG/0/4490'

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  admin = await signInAs(app, 'admin')
  const issued = await issueOgcKey(admin, {
    collections: INTERNAL_COLLECTION_IDS,
    adcodes: ['430903'],
    holder: '区生态环境分局',
    note: '筛选测试',
  })
  key = issued.key
  keyId = issued.record.id
  for (const d of DATED) {
    const { rows } = await db.query(
      `INSERT INTO farmland_parcel (adcode, code, dlbm, class, updated_at, geom)
       SELECT '430903', $1, '0103', 'strict', $2::timestamptz,
              ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0001, ST_Y(c) - 0.0001, ST_X(c) + 0.0001, ST_Y(c) + 0.0001, 4490))
       FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1) p
       RETURNING id`,
      [`${MARK}-${d.suffix}`, d.updatedAt],
    )
    datedIds[d.suffix] = Number(rows[0].id)
  }
  const handler = app as unknown as (req: any, res: any) => void
  server = createServer((req, res) => {
    received.push(req.url ?? '')
    handler(req, res)
  })
  server.listen(0, '127.0.0.1')
  await new Promise((resolve) => server.once('listening', resolve))
})

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve))
  await db.query(`DELETE FROM farmland_parcel WHERE code LIKE $1`, [`${MARK}-%`])
  await db.close()
})

const withKey = (r: request.Test) => r.set('X-API-Key', key)

/** The ids of every feature of `collection` the query selects, following the next links. */
async function idsOf(collection: string, query: Record<string, string>, send = withKey, limit = 500) {
  const ids: (number | string)[] = []
  const first = new URLSearchParams({ ...query, limit: String(limit) })
  let url: string | null = `/ogc/collections/${collection}/items?${first}`
  while (url) {
    const res: request.Response = await send(request(app).get(url))
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    ids.push(...res.body.features.map((f: any) => f.id))
    const next: { href: string } | undefined = res.body.links.find((l: any) => l.rel === 'next')
    url = next ? next.href.replace(/^http:\/\/[^/]+/, '') : null
  }
  return ids.sort()
}

/** The ids of the parcels of 赫山区 the SQL condition selects. */
async function parcelIds(condition: string, params: unknown[] = []) {
  const { rows } = await db.query(
    `SELECT p.id FROM farmland_parcel p LEFT JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
     WHERE p.adcode = '430903' AND (${condition})`,
    params,
  )
  return rows.map((r) => Number(r.id)).sort()
}

const AREA_MU = 'round((p.area_m2 * 0.0015)::numeric, 2)::float8'

describe('the property dictionary', () => {
  it('when a feature of each collection is served, then its properties are exactly the dictionary’s', async () => {
    const listed = (await request(app).get('/ogc/collections').set('X-API-Key', key).expect(200)).body.collections
    expect(Object.keys(OGC_QUERYABLES).sort()).toEqual(listed.map((c: any) => c.id).sort())
    /** The collections the sample data always fill. */
    const filled = ['plots', 'control-zones', 'counties', 'farmland-parcels', 'monitoring-points', 'contaminated-plots']
    for (const id of Object.keys(OGC_QUERYABLES)) {
      const res = await withKey(request(app).get(`/ogc/collections/${id}/items?limit=1`)).expect(200)
      if (!filled.includes(id) && res.body.features.length === 0) continue
      expect(res.body.features, id).toHaveLength(1)
      const served = Object.keys(res.body.features[0].properties).sort()
      expect(served, id).toEqual(OGC_QUERYABLES[id].properties.map((p) => p.name).sort())
    }
  })

  it('when the queryables are read, then they are a JSON Schema linked from the collection', async () => {
    const collection = await withKey(request(app).get('/ogc/collections/farmland-parcels')).expect(200)
    const link = collection.body.links.find((l: any) => l.rel === 'http://www.opengis.net/def/rel/ogc/1.0/queryables')
    expect(link.href).toMatch(/\/ogc\/collections\/farmland-parcels\/queryables$/)
    const res = await withKey(request(app).get('/ogc/collections/farmland-parcels/queryables')).expect(200)
    expect(res.headers['content-type']).toContain('application/schema+json')
    expect(res.body).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        geometry: { format: 'geometry-multipolygon' },
        class: { title: '类别代码', type: 'string', enum: ['priority', 'safe_use', 'strict', 'unclassified'] },
        updated_at: { type: 'string', format: 'date-time' },
      },
    })
    expect(res.body.$id).toMatch(/^http:\/\/.+\/ogc\/collections\/farmland-parcels\/queryables$/)
    expect(res.body.properties.class.description).toContain('严格管控类')
    expect(res.body.properties.class_label).toBeUndefined()
    const conformance = await request(app).get('/ogc/conformance').expect(200)
    expect(conformance.body.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
        'http://www.opengis.net/spec/cql2/1.0/conf/cql2-text',
      ]),
    )
    await request(app).get('/ogc/collections/farmland-parcels/queryables').expect(404)
  })
})

describe('CQL2 text filters return exactly what SQL selects', () => {
  it.each([
    ["class = 'strict'", "p.class = 'strict'"],
    ["class <> 'priority'", "p.class <> 'priority'"],
    ['area_mu < 2', `${AREA_MU} < 2`],
    ['area_mu <= 2.5 AND area_mu > 1', `${AREA_MU} <= 2.5 AND ${AREA_MU} > 1`],
    ["area_mu >= 5 AND dlbm = '0101'", `${AREA_MU} >= 5 AND p.dlbm = '0101'`],
    ["class = 'strict' OR class = 'safe_use'", "p.class IN ('strict', 'safe_use')"],
    ["NOT (dlbm = '0101')", "p.dlbm <> '0101'"],
    ["code LIKE '%7'", "p.code LIKE '%7'"],
    ["code NOT LIKE '%7'", "p.code NOT LIKE '%7'"],
    ["dlbm IN ('0102', '0103')", "p.dlbm IN ('0102', '0103')"],
    ["dlbm NOT IN ('0101')", "p.dlbm <> '0101'"],
    ['area_mu BETWEEN 1 AND 3', `${AREA_MU} BETWEEN 1 AND 3`],
    ['class_list_id IS NULL', 'p.class_list_id IS NULL'],
    ['township IS NOT NULL', 't.name IS NOT NULL'],
    ['is_generated = false', 'NOT p.is_generated'],
    ["updated_at < TIMESTAMP('2001-03-01T00:00:00+08:00')", `p.updated_at < '2001-03-01T00:00:00+08:00'`],
    [
      "\"class\" = 'strict' AND (dlbm = '0101' OR NOT area_mu > 3)",
      `p.class = 'strict' AND (p.dlbm = '0101' OR ${AREA_MU} <= 3)`,
    ],
  ])('when the parcels are filtered with %s, then the ids are those SQL selects', async (filter, condition) => {
    const expected = await parcelIds(condition)
    expect(await idsOf('farmland-parcels', { filter, 'filter-lang': 'cql2-text' })).toEqual(expected)
  })

  it('when S_INTERSECTS is given a BBOX, a POLYGON or a POINT, in CRS84 or EPSG:4490 order, then the ids are PostGIS’s', async () => {
    const {
      rows: [box],
    } = await db.query(
      `SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1, ST_X(c) AS cx, ST_Y(c) AS cy
       FROM (SELECT ST_Expand(ST_Envelope(geom), 0.003) AS e, ST_PointOnSurface(geom) AS c FROM farmland_parcel
             WHERE adcode = '430903' ORDER BY id LIMIT 1) s`,
    )
    const { x0, y0, x1, y1, cx, cy } = box
    const envelope = 'ST_MakeEnvelope($1, $2, $3, $4, 4490)'
    const expected = await parcelIds(`ST_Intersects(p.geom, ${envelope})`, [x0, y0, x1, y1])
    expect(expected.length).toBeGreaterThan(1)
    const bbox = await idsOf('farmland-parcels', { filter: `S_INTERSECTS(geometry, BBOX(${x0}, ${y0}, ${x1}, ${y1}))` })
    expect(bbox).toEqual(expected)
    const latLon = await idsOf('farmland-parcels', {
      filter: `S_INTERSECTS(geometry, BBOX(${y0}, ${x0}, ${y1}, ${x1}))`,
      'filter-crs': CGCS2000,
    })
    expect(latLon).toEqual(expected)
    const ring = `${x0} ${y0}, ${x1} ${y0}, ${x1} ${y1}, ${x0} ${y1}, ${x0} ${y0}`
    const polygonOnly = await idsOf('farmland-parcels', { filter: `S_INTERSECTS(geometry, POLYGON((${ring})))` })
    expect(polygonOnly).toEqual(expected)
    const point = await idsOf('farmland-parcels', { filter: `S_INTERSECTS(geometry, POINT(${cx} ${cy}))` })
    expect(point).toEqual(await parcelIds('ST_Intersects(p.geom, ST_SetSRID(ST_MakePoint($1, $2), 4490))', [cx, cy]))
    expect(point.length).toBeGreaterThan(0)
  })

  it('when property filters are given, then they hold together with filter and bbox', async () => {
    const expected = await parcelIds("p.class = 'strict' AND p.dlbm = '0103'")
    expect(expected.length).toBeGreaterThanOrEqual(DATED.length)
    expect(await idsOf('farmland-parcels', { class: 'strict', dlbm: '0103' })).toEqual(expected)
    const both = await idsOf('farmland-parcels', { class: 'strict', filter: `code LIKE '${MARK}%'` })
    expect(both).toEqual(Object.values(datedIds).sort())
  })

  it('when the pages are followed, then each next link carries the filter', async () => {
    const res = await withKey(
      request(app)
        .get('/ogc/collections/farmland-parcels/items')
        .query({ filter: `code LIKE '${MARK}%'`, limit: 2 }),
    ).expect(200)
    expect(res.body.features).toHaveLength(2)
    const next = new URL(res.body.links.find((l: any) => l.rel === 'next').href)
    expect(next.searchParams.get('filter')).toBe(`code LIKE '${MARK}%'`)
    expect(await idsOf('farmland-parcels', { filter: `code LIKE '${MARK}%'` }, withKey, 1)).toEqual(
      Object.values(datedIds).sort(),
    )
  })

  it('when the other collections are filtered, then they too return what SQL selects', async () => {
    const { rows: points } = await db.query(
      `SELECT id FROM monitoring_point WHERE adcode = '430903' AND level IN ('national', 'provincial')`,
    )
    expect(await idsOf('monitoring-points', { filter: "level IN ('national', 'provincial')" })).toEqual(
      points.map((r) => Number(r.id)).sort(),
    )
    const { rows: plots } = await db.query(
      `SELECT id FROM contaminated_plot WHERE adcode = '430903' AND status <> 'suspected'`,
    )
    expect(await idsOf('contaminated-plots', { filter: "status <> 'suspected'" })).toEqual(
      plots.map((r) => Number(r.id)).sort(),
    )
    const publicPlots = (await request(app).get('/api/public/plots')).body.plots as any[]
    const control = publicPlots.filter((p) => p.list === 'control').map((p) => p.id)
    expect(await idsOf('plots', { list: 'control' }, (r) => r)).toEqual(control.sort())
    const notSuspected = publicPlots.filter((p) => p.list !== 'suspected').map((p) => p.id)
    expect(await idsOf('plots', { filter: "list <> 'suspected'" }, (r) => r)).toEqual(notSuspected.sort())
    expect(await idsOf('counties', { filter: "name = '赫山区'" }, (r) => r)).toEqual(['430903'])
  })
})

describe('datetime', () => {
  const dated = (...suffixes: string[]) => suffixes.map((s) => datedIds[s]).sort()
  const marked = { filter: `code LIKE '${MARK}%'` }

  it.each([
    ['2001-01-15', ['A']],
    ['2001-03-01T00:30:00+08:00', ['B']],
    ['2001-01-01/2001-03-01', ['A', 'B']],
    ['2001-03-01/..', ['B', 'C']],
    ['../2001-02-28', ['A']],
    ['2001-06-30/', ['C']],
    ['2001-01-15T02:00:00Z/2001-06-30T14:59:59Z', ['A', 'B']],
  ])('when the parcels are asked for datetime=%s, then those updated then come back', async (datetime, expected) => {
    expect(await idsOf('farmland-parcels', { ...marked, datetime })).toEqual(dated(...expected))
  })

  it('when monitoring points are asked for an open interval, then the latest sampling date decides', async () => {
    const { rows } = await db.query(
      `SELECT m.id FROM monitoring_point m
       JOIN LATERAL (SELECT sampled_on FROM monitoring_result WHERE adcode = m.adcode AND point_id = m.id
                     ORDER BY sampled_on DESC, id DESC LIMIT 1) r ON true
       WHERE m.adcode = '430903' AND r.sampled_on >= '2020-01-01'`,
    )
    expect(await idsOf('monitoring-points', { datetime: '2020-01-01/..' })).toEqual(
      rows.map((r) => Number(r.id)).sort(),
    )
  })
})

describe('refusals and what a filter may not widen', () => {
  it.each([
    ['filter', "colour = 'red'", '没有属性“colour”'],
    ['filter', "class_label = '严格管控类'", '不能用于筛选'],
    ['filter', 'class = 3', "应写成带单引号的文字，如 'strict'"],
    ['filter', "class = 'Strict'", '没有取值“Strict”'],
    ['filter', "area_mu > 'big'", '是数字'],
    ['filter', "class = = 'strict'", '第 9 个字符处'],
    ['filter', "class = 'strict", '缺少结尾的单引号'],
    ['filter', "class = 'strict' AND", '不完整'],
    ['filter', "CASEI(class) = 'strict'", '不支持'],
    ['filter', 'S_INTERSECTS(geometry, BBOX(200, 20, 201, 21))', '超出经纬度范围'],
    ['filter', 'S_INTERSECTS(geometry, POLYGON((112 28, 113 28, 113 29)))', '首尾相同'],
    ['filter-lang', 'cql2-json', 'cql2-text'],
    ['datetime', '2024-13-01', '无效'],
    ['datetime', '2024-05-01/2024-01-01', '开始晚于结束'],
    ['datetime', '../..', '无效'],
    ['area_mu', 'abc', '应为数字'],
    ['is_generated', 'yes', 'true 或 false'],
  ])('when %s is %s, then 400 says what is wrong in words', async (name, value, words) => {
    const res = await withKey(
      request(app)
        .get('/ogc/collections/farmland-parcels/items')
        .query({ [name]: value }),
    )
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(words)
    expect(res.body.error.details.problems[0].field).toBe(name)
  })

  it('when a syntax error is found, then its character position is given', async () => {
    const res = await withKey(
      request(app).get('/ogc/collections/farmland-parcels/items').query({ filter: "class = = 'strict'" }),
    ).expect(400)
    expect(res.body.error.details.position).toBe(9)
  })

  it('when a collection without dates is asked for datetime, then 400 says so', async () => {
    const res = await request(app).get('/ogc/collections/counties/items?datetime=2024-01-01').expect(400)
    expect(res.body.error.message).toContain('没有时间属性')
  })

  it('when an internal collection is filtered without a key, then it is still unknown (404)', async () => {
    await request(app).get('/ogc/collections/farmland-parcels/items').query({ filter: "class = 'strict'" }).expect(404)
    await request(app).get('/ogc/collections/farmland-parcels/items?class=strict').expect(404)
  })

  it('when a key for 赫山区 filters on 梨树县, then no feature comes back, and the use is logged with its count', async () => {
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM farmland_parcel WHERE adcode = '220322'`)
    expect(rows[0].n).toBeGreaterThan(0)
    expect(await idsOf('farmland-parcels', { filter: "adcode = '220322'" })).toEqual([])
    expect(await idsOf('farmland-parcels', { adcode: '220322' })).toEqual([])
    expect(await idsOf('farmland-parcels', { filter: "adcode = '220322' OR TRUE" })).toEqual(await parcelIds('TRUE'))
    await withKey(
      request(app)
        .get('/ogc/collections/farmland-parcels/items')
        .query({ filter: `code LIKE '${MARK}%'` }),
    )
    const { rows: uses } = await db.query(
      `SELECT feature_count FROM ogc_key_use WHERE key_id = $1 AND collection = 'farmland-parcels' ORDER BY id DESC LIMIT 1`,
      [keyId],
    )
    expect(uses[0].feature_count).toBe(DATED.length)
  })
})

describe.skipIf(isGdalCliMissing())('filters sent by GDAL (the OAPIF driver QGIS also uses)', () => {
  it('when ogr2ogr copies the parcels with -where, then the package holds exactly the strict parcels of the key’s county', async () => {
    const { port } = server.address() as AddressInfo
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogc-filter-'))
    const run = promisify(execFile)
    const ogr2ogr = path.join(path.dirname(OGRINFO_PATH), 'ogr2ogr')
    const header = ['--config', 'GDAL_HTTP_HEADERS', `X-API-Key: ${key}`]
    const codesIn = async (file: string) => {
      const out = await run(OGRINFO_PATH, ['-ro', '-al', '-geom=NO', file], { maxBuffer: 64 * 1024 * 1024 })
      return [...out.stdout.matchAll(/^\s+code \(String\) = (.+)$/gm)].map((m) => m[1]).sort()
    }
    const { rows } = await db.query(
      `SELECT code FROM farmland_parcel WHERE adcode = '430903' AND class = 'strict' ORDER BY code`,
    )
    const expected = rows.map((r) => r.code).sort()
    try {
      received.length = 0
      const where = path.join(dir, 'where.gpkg')
      await run(
        ogr2ogr,
        [
          ...header,
          '-f',
          'GPKG',
          where,
          `OAPIF:http://127.0.0.1:${port}/ogc`,
          'farmland-parcels',
          '-where',
          "class = 'strict'",
        ],
        { timeout: 180_000 },
      )
      expect(await codesIn(where)).toEqual(expected)
      const itemRequests = received.filter((u) => u.includes('/collections/farmland-parcels/items'))
      expect(itemRequests.length).toBeGreaterThan(0)
      const direct = path.join(dir, 'direct.gpkg')
      received.length = 0
      const filter = encodeURIComponent("class = 'strict'")
      await run(
        ogr2ogr,
        [
          ...header,
          '-f',
          'GPKG',
          direct,
          `OAPIF:http://127.0.0.1:${port}/ogc/collections/farmland-parcels?filter=${filter}`,
        ],
        { timeout: 180_000 },
      )
      expect(await codesIn(direct)).toEqual(expected)
      const sent = received.filter((u) => u.includes('/collections/farmland-parcels/items'))
      expect(sent.length).toBeGreaterThan(0)
      for (const u of sent) expect(new URL(u, 'http://x').searchParams.get('filter')).toBe("class = 'strict'")
      console.info(
        `GDAL -where sent to the server: ${itemRequests.some((u) => u.includes('filter=')) ? 'filter=' : itemRequests.some((u) => u.includes('class=')) ? 'class=' : 'no filter (evaluated by GDAL)'}`,
      )
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

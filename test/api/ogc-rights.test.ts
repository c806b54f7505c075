import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { OGC_QUERYABLES } from '../../server/src/domain/ogc-queryables.ts'
import { ROLES, ROLE_LABEL } from '../../server/src/domain/roles.ts'
import { publishControlZones, publishPlots } from '../../server/src/repos/review.repo.ts'
import { OgcService } from '../../server/src/services/ogc.service.ts'
import { sha256 } from '../../server/src/services/password.ts'
import { TILE_LAYERS, type TileLayer } from '../../server/src/tiles/layers.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { plantOgcKey } from '../support/ogc-keys.ts'
import { signIn } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { createTestUser } from '../support/users.ts'

/**
 * The rights matrix of the data sharing service (/ogc) and of the vector tiles a key opens: every collection the
 * service lists, for every kind of reader (nobody, each staff role of 赫山区, an administrator of 湖南省, a user who
 * must still change his password, keys right and wrong, expired, revoked, of the other county), answers the status
 * its rights give it and serves nothing outside the reader's counties. Then the leak sweep: unpublished, draft and
 * internal-only records planted in 赫山区 (430903), each text carrying a marker, never reach a public collection in any
 * CRS, filtered or not, as JSON or as a web page, nor the API document; an internal key holder does see them, so the
 * sweep can fail.
 */
let db: Database
let app: ReturnType<typeof createTestApp>

/** Every text planted below carries it; keys and accounts of this file are named with it. */
const MARK = `QXH7${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
const HESHAN = '430903'
const LISHU = '220322'

interface Listed {
  id: string
  access: 'public' | 'internal'
}
/** The collections as the service lists them. */
let collections: Listed[] = []
let internalIds: string[] = []

/** A key stored as the service stores one (its hash only), held by this file's marker. */
const plantKey = (collections: string[], adcodes: string[], state: 'active' | 'expired' | 'revoked' = 'active') =>
  plantOgcKey(db, { collections, adcodes, holder: `${MARK} 权限矩阵`, state })

/** Who reads, and what the rights give him. */
interface Reader {
  name: string
  /** A GET of `url` as this reader, for collection `id` (the key of a per-collection reader depends on it). */
  get(url: string, id: string): request.Test
  /** The status of `/collections/{id}` and below: 200, 404 (an internal collection not his), 401 (a bad key). */
  statusOf(c: Listed): 200 | 401 | 404
  /** The status of an internal tile layer shared as collection `sharedAs`. */
  tileStatusOf(sharedAs: string): 200 | 401 | 403
  /** Whether the internal records of county `adcode` are his. */
  owns(adcode: string): boolean
}

const readers: Reader[] = []
/** Per internal collection: a feature id in 赫山区 and in 梨树县. */
const samples: Record<string, Record<string, string>> = {}
/** The feature ids of each public collection as nobody reads them. */
const publicIds: Record<string, string[]> = {}
/** A key of every internal collection of 赫山区: the internal reader who must see what was planted. */
let insiderKey = ''
/** The key of 梨树县, sent as the parameter `key`. */
let lishuKey = ''
const usernames: string[] = []

/** What this file plants in 赫山区 (ids, the unoutlined township's code), removed after all. */
const planted = {
  township: '',
  parcelId: 0,
  draftPlotId: 0,
  editedPlotId: 0,
  draftZoneId: 0,
  editedZoneId: 0,
  listIds: [] as number[],
  pointId: 0,
  enterpriseId: 0,
  contextId: 0,
  basicId: 0,
}

/** Every feature of `url`'s pages, following the next links. */
async function sweep(url: string, send: (u: string) => request.Test): Promise<{ features: any[]; text: string }> {
  const features: any[] = []
  let text = ''
  let next: string | null = url
  for (let pages = 0; next; pages++) {
    expect(pages, url).toBeLessThan(50)
    const res: request.Response = await send(next)
    expect(res.status, `${next} ${res.text.slice(0, 300)}`).toBe(200)
    text += res.text
    features.push(...res.body.features)
    const link: { href: string } | undefined = res.body.links.find((l: any) => l.rel === 'next')
    next = link ? link.href.replace(/^http:\/\/[^/]+/, '') : null
  }
  return { features, text }
}

const anonymous = (url: string) => request(app).get(url)
const withKey = (key: string) => (url: string) => request(app).get(url).set('X-API-Key', key)

/** The point on the first parcel of `adcode`, as a subquery yielding `c`. */
const near = (adcode: string) =>
  `(SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '${adcode}' ORDER BY id LIMIT 1)`
/** A square of `half` degrees around `c` moved `dx` degrees east, as SQL. */
const square = (half: number, dx = 0) =>
  `ST_Multi(ST_MakeEnvelope(ST_X(c) + ${dx} - ${half}, ST_Y(c) - ${half}, ST_X(c) + ${dx} + ${half}, ST_Y(c) + ${half}, 4490))`

async function insertId(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query(sql, params)
  return Number(rows[0].id)
}

async function plantRecords() {
  const {
    rows: [free],
  } = await db.query(
    `SELECT $1 || lpad(n::text, 3, '0') AS code FROM generate_series(999, 900, -1) n
     WHERE NOT EXISTS (SELECT 1 FROM township WHERE code = ($1 || lpad(n::text, 3, '0'))::bpchar) LIMIT 1`,
    [HESHAN],
  )
  planted.township = free.code
  await db.query(`INSERT INTO township (adcode, code, name) VALUES ($1, $2, $3)`, [
    HESHAN,
    planted.township,
    `${MARK}乡（未勾绘）`,
  ])
  planted.parcelId = await insertId(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, township_code, class_basis, bz, zldwmc, qsdwmc, geom)
     SELECT $1, $2, '0101', $3, jsonb_build_object('summary', $4::text), $5, $6, $6, ${square(0.0002, 0.0011)}
     FROM ${near(HESHAN)} p RETURNING id`,
    [HESHAN, `${MARK}-图斑`, planted.township, `${MARK}-划分依据`, `${MARK}-备注`, `${MARK}村`],
  )
  const plot = (code: string, name: string, review: string, dx: number) =>
    insertId(
      `INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, land_user, address, contact,
                                      review_status, review_reason, geom)
       SELECT $1, $2, $3, 'listed', 'high', 'chemical', $4, $5, $6, $7, $8, ${square(0.0003, dx)}
       FROM ${near(HESHAN)} p RETURNING id`,
      [HESHAN, code, name, `${MARK}-使用权人`, `${MARK}-地址`, `${MARK}-联系电话`, review, `${MARK}-审核意见`],
    )
  planted.draftPlotId = await plot(`430903-${MARK}-Q1`, `${MARK} 未发布地块`, 'draft', 0.002)
  const suffix = Date.now().toString().slice(-6)
  planted.editedPlotId = await plot(`430903-QXH7${suffix}`, `权限测试公开地块${suffix}`, 'published', 0.003)
  await db.query(
    `UPDATE contaminated_plot SET land_user = NULL, address = '赫山区测试路 1 号', contact = NULL WHERE id = $1`,
    [planted.editedPlotId],
  )
  const zone = (code: string, name: string, review: string, no: string, text: string, dx: number) =>
    insertId(
      `INSERT INTO control_zone (adcode, code, name, review_status, announcement_no, announcement_date, announcement_text,
                                 review_reason, geom)
       SELECT $1, $2, $3, $4, $5, '2026-03-01', $6, $7, ${square(0.001, dx)} FROM ${near(HESHAN)} p RETURNING id`,
      [HESHAN, code, name, review, no, text, review === 'published' ? null : `${MARK}-审核意见`],
    )
  planted.draftZoneId = await zone(
    `430903-GK${MARK}`,
    `${MARK} 未发布管控区域`,
    'draft',
    `${MARK}-文号`,
    `${MARK}-公告`,
    0.006,
  )
  planted.editedZoneId = await zone(
    `430903-GKQX${suffix}`,
    `权限测试公开管控区域${suffix}`,
    'published',
    `赫环公告〔2026〕${suffix}号`,
    '本区域内暂不开发利用。',
    0.009,
  )
  for (const zoneId of [planted.draftZoneId, planted.editedZoneId]) {
    await db.query(`INSERT INTO control_zone_plot (adcode, zone_id, plot_id) VALUES ($1, $2, $3), ($1, $2, $4)`, [
      HESHAN,
      zoneId,
      planted.draftPlotId,
      planted.editedPlotId,
    ])
    await db.query(
      `INSERT INTO control_zone_sign (adcode, zone_id, label, geom) SELECT $1, $2, $3, ST_SetSRID(ST_Centroid(geom), 4490)
       FROM control_zone WHERE id = $2`,
      [HESHAN, zoneId, zoneId === planted.draftZoneId ? `${MARK}-标识牌` : '东侧标识牌'],
    )
  }
  await db.transaction(async (tx) => {
    await publishPlots(tx, HESHAN, [planted.editedPlotId])
    await publishControlZones(tx, HESHAN, [planted.editedZoneId])
  })
  await db.query(
    `UPDATE contaminated_plot SET name = $2, land_user = $3, contact = $4, review_status = 'draft', review_reason = $5
     WHERE id = $1`,
    [planted.editedPlotId, `${MARK} 改名未发布`, `${MARK}-使用权人`, `${MARK}-联系电话`, `${MARK}-审核意见`],
  )
  await db.query(`UPDATE control_zone SET announcement_text = $2, review_status = 'draft' WHERE id = $1`, [
    planted.editedZoneId,
    `${MARK}-修改中的公告`,
  ])
  await db.query(
    `INSERT INTO control_zone_sign (adcode, zone_id, label, geom) SELECT $1, $2, $3, ST_Centroid(geom) FROM control_zone WHERE id = $2`,
    [HESHAN, planted.editedZoneId, `${MARK}-新增标识牌`],
  )
  const list = (adcode: string, title: string, status: string) =>
    insertId(
      `INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, version,
                               published_version, published_at, review_reason, created_by)
       VALUES ($1, $2, (SELECT version FROM class_rule_set ORDER BY version LIMIT 1), $3, true, 1, 1,
               CASE WHEN $3 = 'published' THEN 1 ELSE 0 END, CASE WHEN $3 = 'published' THEN now() END, $4, 'gengdi')
       RETURNING id`,
      [adcode, title, status, `${MARK}-清单审核意见`],
    )
  const entry = (adcode: string, listId: number, parcelId: string, summary: string) =>
    db.query(
      `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis, override_reason)
       VALUES ($1, $2, $3, 'priority', 'samples', 'A', '{}', 1, jsonb_build_object('summary', $4::text), $5)`,
      [adcode, listId, parcelId, summary, `${MARK}-调整理由`],
    )
  const published = await list(HESHAN, `${MARK} 已发布清单`, 'published')
  await entry(HESHAN, published, String(planted.parcelId), `${MARK}-清单依据`)
  const draft = await list(HESHAN, `${MARK}-草稿清单`, 'draft')
  await entry(HESHAN, draft, String(planted.parcelId), `${MARK}-草稿依据`)
  const {
    rows: [lishuParcel],
  } = await db.query(`SELECT id FROM farmland_parcel WHERE adcode = $1 ORDER BY id LIMIT 1`, [LISHU])
  const lishu = await list(LISHU, '梨树县权限测试清单', 'published')
  await entry(LISHU, lishu, lishuParcel.id, '梨树县权限测试')
  planted.listIds = [published, draft, lishu]
  planted.pointId = await insertId(
    `INSERT INTO monitoring_point (adcode, code, name, level, point_type, township_code, soil_type, created_by, geom)
     SELECT $1, $2, $3, 'county', 'basic', $4, $5, 'gengdi', ST_Translate(c, 0.0011, 0) FROM ${near(HESHAN)} p RETURNING id`,
    [HESHAN, `${MARK}-M`, `${MARK} 监测点`, planted.township, `${MARK}-土壤类型`],
  )
  planted.enterpriseId = await insertId(
    `INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
     SELECT $1, $2, $3, 'chemical', 'operating', ${square(0.0004, 0.004)} FROM ${near(HESHAN)} p RETURNING id`,
    [HESHAN, `91${MARK}`.padEnd(18, '0').slice(0, 18), `${MARK} 化工厂`],
  )
  planted.contextId = await insertId(
    `INSERT INTO land_context (adcode, bsm, dlbm, dlmc, tbmj, geom)
     SELECT $1, $2, '1001', $3, 100, ${square(0.0002, -0.002)} FROM ${near(HESHAN)} p RETURNING id`,
    [HESHAN, `${MARK}-L`, `${MARK} 地类名称`],
  )
  planted.basicId = await insertId(
    `INSERT INTO basic_farmland (adcode, bsm, code, dlbm, tbmj, zldwdm, zldwmc, geom)
     SELECT $1, $2, $2, '0101', 100, $3, $4, ${square(0.0002, 0.0011)} FROM ${near(HESHAN)} p RETURNING id`,
    [HESHAN, `${MARK}-B`, `${planted.township}001`, `${MARK}镇某村`],
  )
}

/** A reader of the internal collections of `owned` counties (everything public, always). */
function reader(
  name: string,
  get: Reader['get'],
  opens: (id: string) => boolean,
  owned: (adcode: string) => boolean,
  tiles: (sharedAs: string) => 200 | 401 | 403,
): Reader {
  return {
    name,
    get,
    statusOf: (c) => (c.access === 'public' || opens(c.id) ? 200 : 404),
    tileStatusOf: tiles,
    owns: owned,
  }
}

/** A reader whose key is refused: 401 on every resource of /ogc and every internal tile. */
function refused(name: string, key: string): Reader {
  return { name, get: withKey(key), statusOf: () => 401, tileStatusOf: () => 401, owns: () => false }
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  collections = new OgcService(db, loadConfig({ port: 0 }).coverage).collections.map(({ id, access }) => ({
    id,
    access,
  }))
  internalIds = collections.filter((c) => c.access === 'internal').map((c) => c.id)
  expect(internalIds.length).toBeGreaterThan(0)
  await plantRecords()

  const nobody = () => false
  readers.push(reader('无凭据', anonymous, nobody, nobody, () => 401))
  for (const role of ROLES) {
    const user = await createTestUser(db, {
      role,
      scopes: [HESHAN],
      username: `h7-${role}-${MARK}`.toLowerCase().slice(0, 32),
    })
    usernames.push(user.username)
    const session = await signIn(app, user.username, user.password)
    readers.push(
      reader(
        `${ROLE_LABEL[role]}（赫山区）`,
        (url) => session.agent.get(url),
        () => true,
        (a) => a === HESHAN,
        () => 200,
      ),
    )
  }
  const province = await createTestUser(db, {
    role: 'admin',
    scopes: ['430000'],
    username: `h7-prov-${MARK}`.toLowerCase().slice(0, 32),
  })
  usernames.push(province.username)
  const provinceSession = await signIn(app, province.username, province.password)
  readers.push(
    reader(
      '系统管理员（湖南省）',
      (url) => provinceSession.agent.get(url),
      () => true,
      (a) => a.startsWith('43'),
      () => 200,
    ),
  )
  const noCounty = await createTestUser(db, {
    role: 'land',
    scopes: ['460000'],
    username: `h7-hn-${MARK}`.toLowerCase().slice(0, 32),
  })
  usernames.push(noCounty.username)
  const noCountySession = await signIn(app, noCounty.username, noCounty.password)
  readers.push(
    reader(
      '用地核查员（海南省，尚无区县）',
      (url) => noCountySession.agent.get(url),
      nobody,
      nobody,
      () => 200,
    ),
  )
  const mustChange = await createTestUser(db, {
    role: 'farmland',
    scopes: [HESHAN],
    mustChangePassword: true,
    username: `h7-pw-${MARK}`.toLowerCase().slice(0, 32),
  })
  usernames.push(mustChange.username)
  const mustChangeSession = await signIn(app, mustChange.username, mustChange.password)
  readers.push(
    reader(
      '须先修改密码的用户',
      (url) => mustChangeSession.agent.get(url),
      nobody,
      nobody,
      () => 403,
    ),
  )

  const exactKeys: Record<string, string> = {}
  for (const id of internalIds) exactKeys[id] = await plantKey([id], [HESHAN])
  /** The key of collection `id`, or of the first internal collection for a public one. */
  const exactKeyOf = (id: string) => exactKeys[id] ?? exactKeys[internalIds[0]]
  readers.push(
    reader(
      '只签发给该数据集的密钥（赫山区）',
      (url, id) => withKey(exactKeyOf(id))(url),
      () => true,
      (a) => a === HESHAN,
      () => 200,
    ),
  )
  /** The key of another internal collection than `id`. */
  const otherKeyOf = (id: string) => exactKeys[internalIds[(internalIds.indexOf(id) + 1) % internalIds.length]]
  readers.push(
    reader(
      '签发给其他数据集的密钥',
      (url, id) => withKey(otherKeyOf(id))(url),
      nobody,
      nobody,
      () => 403,
    ),
  )
  readers.push(refused('已过期的密钥', await plantKey(internalIds, [HESHAN], 'expired')))
  readers.push(refused('已吊销的密钥', await plantKey(internalIds, [HESHAN], 'revoked')))
  lishuKey = await plantKey(internalIds, [LISHU])
  readers.push(
    reader(
      '梨树县的密钥（作为参数 key）',
      (url) => request(app).get(url.includes('key=') ? url : `${url}${url.includes('?') ? '&' : '?'}key=${lishuKey}`),
      () => true,
      (a) => a === LISHU,
      () => 200,
    ),
  )
  insiderKey = await plantKey(internalIds, [HESHAN])
  const bothKey = await plantKey(internalIds, [HESHAN, LISHU])
  for (const id of internalIds) {
    const { features } = await sweep(`/ogc/collections/${id}/items?limit=1000`, withKey(bothKey))
    samples[id] = {}
    for (const adcode of [HESHAN, LISHU]) {
      const f = features.find((x) => x.properties.adcode === adcode)
      expect(f, `${id} ${adcode}`).toBeDefined()
      samples[id][adcode] = String(f.id)
    }
  }
  for (const c of collections.filter((x) => x.access === 'public')) {
    const { features } = await sweep(`/ogc/collections/${c.id}/items?limit=1000`, anonymous)
    expect(features.length, c.id).toBeGreaterThan(0)
    publicIds[c.id] = features.map((f) => String(f.id))
  }
})

afterAll(async () => {
  await db.query(`DELETE FROM class_list WHERE id = ANY($1::bigint[])`, [planted.listIds])
  await db.query(`DELETE FROM ogc_key_use WHERE key_id IN (SELECT id FROM ogc_access_key WHERE holder = $1)`, [
    `${MARK} 权限矩阵`,
  ])
  await db.query(`DELETE FROM ogc_access_key WHERE holder = $1`, [`${MARK} 权限矩阵`])
  await db.query(`DELETE FROM control_zone WHERE id = ANY($1::bigint[])`, [[planted.draftZoneId, planted.editedZoneId]])
  await db.query(`DELETE FROM contaminated_plot WHERE id = ANY($1::bigint[])`, [
    [planted.draftPlotId, planted.editedPlotId],
  ])
  await db.query(`DELETE FROM monitoring_point WHERE id = $1`, [planted.pointId])
  await db.query(`DELETE FROM supervised_enterprise WHERE id = $1`, [planted.enterpriseId])
  await db.query(`DELETE FROM land_context WHERE id = $1`, [planted.contextId])
  await db.query(`DELETE FROM basic_farmland WHERE id = $1`, [planted.basicId])
  await db.query(`DELETE FROM farmland_parcel WHERE id = $1`, [planted.parcelId])
  await db.query(`DELETE FROM township WHERE code = $1`, [planted.township])
  await db.query(`DELETE FROM app_user WHERE username = ANY($1::text[])`, [usernames])
  await db.close()
})

const READER_NAMES = [
  '无凭据',
  ...ROLES.map((role) => `${ROLE_LABEL[role]}（赫山区）`),
  '系统管理员（湖南省）',
  '用地核查员（海南省，尚无区县）',
  '须先修改密码的用户',
  '只签发给该数据集的密钥（赫山区）',
  '签发给其他数据集的密钥',
  '已过期的密钥',
  '已吊销的密钥',
  '梨树县的密钥（作为参数 key）',
]

describe('the rights matrix of /ogc: every collection × reader', () => {
  it('lists every reader the matrix runs (the names below are those of the readers made before all)', () => {
    expect(readers.map((r) => r.name)).toEqual(READER_NAMES)
  })

  for (const name of READER_NAMES)
    it(`when ${name} reads every collection, then each resource answers as his rights say and nothing lies outside his counties`, async () => {
      const r = readers.find((x) => x.name === name)!
      for (const c of collections) {
        const status = r.statusOf(c)
        const where = `${r.name} · ${c.id}`
        const list = await r.get('/ogc/collections', c.id)
        if (status === 401) {
          expect(list.status, where).toBe(401)
          expect(list.body.error.message, where).toMatch(/过期|吊销/)
        } else {
          expect(list.status, where).toBe(200)
          expect(
            list.body.collections.some((x: any) => x.id === c.id),
            where,
          ).toBe(status === 200)
        }
        expect((await r.get(`/ogc/collections/${c.id}`, c.id)).status, `${where} /collections/{id}`).toBe(status)
        expect((await r.get(`/ogc/collections/${c.id}/queryables`, c.id)).status, `${where} queryables`).toBe(status)
        const items = await r.get(`/ogc/collections/${c.id}/items?limit=1000`, c.id)
        expect(items.status, `${where} items`).toBe(status)
        const page = await r.get(`/ogc/collections/${c.id}/items?limit=1000&f=html`, c.id)
        expect(page.status, `${where} items 网页`).toBe(status)
        expect(page.type, `${where} items 网页`).toBe('text/html')
        if (status !== 200) {
          if (c.access === 'internal')
            for (const fid of Object.values(samples[c.id]))
              expect((await r.get(`/ogc/collections/${c.id}/items/${fid}`, c.id)).status, `${where} item`).toBe(status)
          continue
        }
        const { features } = await sweep(`/ogc/collections/${c.id}/items?limit=1000`, (u) => r.get(u, c.id))
        if (c.access === 'public') {
          expect(
            features.map((f) => String(f.id)),
            `${where} 与无凭据者所见相同`,
          ).toEqual(publicIds[c.id])
          const one = await r.get(`/ogc/collections/${c.id}/items/${publicIds[c.id][0]}`, c.id)
          expect(one.status, `${where} item`).toBe(200)
          continue
        }
        expect(features.length, `${where} 应读到本区县的要素`).toBeGreaterThan(0)
        const either = encodeURIComponent(`adcode = '${LISHU}' OR adcode = '${HESHAN}' OR adcode LIKE '%'`)
        const widened = await sweep(`/ogc/collections/${c.id}/items?limit=1000&filter=${either}`, (u) => r.get(u, c.id))
        expect(widened.features.length, `${where} OR 条件`).toBe(features.length)
        const outside = [...features, ...widened.features]
          .filter((f) => !r.owns(f.properties.adcode))
          .map((f) => `${f.properties.adcode}:${f.id}`)
        expect(outside, `${where} 超出其区县的要素`).toEqual([])
        for (const [adcode, fid] of Object.entries(samples[c.id])) {
          const one = await r.get(`/ogc/collections/${c.id}/items/${fid}`, c.id)
          expect(one.status, `${where} item of ${adcode}`).toBe(r.owns(adcode) ? 200 : 404)
          if (one.status === 200) expect(one.body.properties.adcode, where).toBe(adcode)
        }
      }
    })
})

describe('the keys in use', () => {
  it('when keys were sent as a header and as the parameter key, then no table holds one of them in clear', async () => {
    await request(app).get(`/ogc/collections/farmland-parcels/items?limit=5&key=${lishuKey}`).expect(200)
    await withKey(insiderKey)('/ogc/collections/farmland-parcels/items?limit=5').expect(200)
    const { rows: uses } = await db.query(
      `SELECT count(*)::int AS n FROM ogc_key_use u JOIN ogc_access_key k ON k.id = u.key_id WHERE k.key_hash = $1`,
      [sha256(lishuKey)],
    )
    expect(uses[0].n, '梨树县密钥的使用记录').toBeGreaterThan(0)
    const { rows: tables } = await db.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    )
    for (const { table_name } of tables)
      for (const key of [lishuKey, insiderKey]) {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM "${table_name}" t WHERE strpos(t::text, $1) > 0`,
          [key.slice(3)],
        )
        expect(rows[0].n, table_name).toBe(0)
      }
  })
})

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

/** The tile of `layer` holding a feature of `adcode`, at zoom 14 or the nearest zoom the layer is drawn at. */
async function tileOf(layer: TileLayer, adcode: string) {
  const order = layer.id ?? 'cell_x, cell_y'
  const {
    rows: [row],
  } = await db.query(
    `SELECT ${layer.id ?? 'NULL'} AS id, ST_X(p) AS lon, ST_Y(p) AS lat
     FROM (SELECT *, ST_Transform(ST_PointOnSurface(geom_3857), 4326) AS p FROM ${layer.table} WHERE adcode = $1
           ORDER BY ${order} LIMIT 1) t`,
    [adcode],
  )
  expect(row, `${layer.name} ${adcode}`).toBeDefined()
  const z = Math.min(Math.max(14, layer.minzoom), layer.maxzoom)
  return { id: row.id === null ? null : Number(row.id), ...tileAt(row.lon, row.lat, z) }
}

describe('the vector tiles of internal layers shared with keys: every layer × reader', () => {
  const shared = TILE_LAYERS.filter((l) => l.sharedAs)

  it('every shared layer is internal and names a collection of the service', () => {
    expect(shared.length).toBeGreaterThan(0)
    for (const l of shared) {
      expect(l.access, l.name).toBe('internal')
      expect(internalIds, l.name).toContain(l.sharedAs)
    }
  })

  for (const name of READER_NAMES)
    it(`when ${name} reads the tiles of every shared layer, then they answer as his rights say and show only his counties`, async () => {
      const r = readers.find((x) => x.name === name)!
      for (const layer of shared) {
        const where = `${r.name} · ${layer.name}`
        const status = r.tileStatusOf(layer.sharedAs!)
        expect((await r.get(`/tiles/${layer.name}.json`, layer.sharedAs!)).status, `${where} TileJSON`).toBe(status)
        for (const adcode of [HESHAN, LISHU]) {
          const t = await tileOf(layer, adcode)
          const res = await r
            .get(`/tiles/${layer.name}/${t.z}/${t.x}/${t.y}.pbf`, layer.sharedAs!)
            .buffer(true)
            .parse(binary)
          if (status !== 200) {
            expect(res.status, `${where} ${adcode}`).toBe(status)
            continue
          }
          expect([200, 204], `${where} ${adcode}`).toContain(res.status)
          const features = res.status === 204 ? [] : (decodeTile(res.body)[layer.name] ?? [])
          if (!r.owns(adcode)) {
            expect(features, `${where}：不应看到 ${adcode} 的要素`).toEqual([])
            continue
          }
          expect(features.length, `${where}：应看到 ${adcode} 的要素`).toBeGreaterThan(0)
          if (t.id !== null)
            expect(
              features.map((f) => f.id),
              where,
            ).toContain(t.id)
        }
      }
    })
})

function expectNoMark(text: string, where: string) {
  const at = text.indexOf(MARK)
  expect(at, `${where} 含有未公开内容：${text.slice(Math.max(0, at - 80), at + 80)}`).toBe(-1)
}

describe('the leak sweep: unpublished and internal records of 赫山区 never reach a public collection', () => {
  const publicOnes = () => collections.filter((c) => c.access === 'public')

  it('when every page of every public collection is read in every CRS offered, in a box, filtered on the mark and with an internal key, then the mark never appears', async () => {
    const described = await anonymous('/ogc/collections').expect(200)
    const {
      rows: [at],
    } = await db.query(`SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM ${near(HESHAN)} p`)
    const box = [at.lon - 0.03, at.lat - 0.03, at.lon + 0.03, at.lat + 0.03].join(',')
    for (const c of publicOnes()) {
      const offered: string[] = described.body.collections.find((x: any) => x.id === c.id).crs
      expect(offered.length, c.id).toBeGreaterThan(2)
      for (const crs of offered) {
        const { text } = await sweep(
          `/ogc/collections/${c.id}/items?limit=1000&crs=${encodeURIComponent(crs)}`,
          anonymous,
        )
        expectNoMark(text, `${c.id} ${crs}`)
      }
      const inBox = await sweep(`/ogc/collections/${c.id}/items?limit=1000&bbox=${box}`, anonymous)
      expect(inBox.features.length, `${c.id} bbox`).toBeGreaterThan(0)
      expectNoMark(inBox.text, `${c.id} bbox`)
      const texts = OGC_QUERYABLES[c.id].properties.filter((p) => p.type === 'string' && p.sql && !p.enum && !p.format)
      expect(texts.length, c.id).toBeGreaterThan(0)
      const filter = texts.map((p) => `${p.name} LIKE '%${MARK}%'`).join(' OR ')
      const filtered = await sweep(
        `/ogc/collections/${c.id}/items?limit=1000&filter=${encodeURIComponent(filter)}`,
        anonymous,
      )
      expect(filtered.features, `${c.id} ${filter}`).toEqual([])
      for (const p of texts) {
        const byProperty = await sweep(
          `/ogc/collections/${c.id}/items?limit=1000&${p.name}=${encodeURIComponent(`${MARK} 改名未发布`)}`,
          anonymous,
        )
        expect(byProperty.features, `${c.id} ${p.name}=`).toEqual([])
      }
      const asInsider = await sweep(`/ogc/collections/${c.id}/items?limit=1000`, withKey(insiderKey))
      expectNoMark(asInsider.text, `${c.id}（持内部密钥）`)
      expect(
        asInsider.features.map((f) => String(f.id)),
        c.id,
      ).toEqual(publicIds[c.id])
    }
  })

  it('when the planted records are asked for by id in the public collections, as JSON and as web pages, then the unpublished ones are unknown and the published ones show their published text', async () => {
    const asked: [string, string | number, number][] = [
      ['plots', planted.draftPlotId, 404],
      ['plots', planted.editedPlotId, 200],
      ['control-zones', planted.draftZoneId, 404],
      ['control-zones', planted.editedZoneId, 200],
      ['townships', planted.township, 404],
      ['counties', HESHAN, 200],
    ]
    for (const [id, fid, status] of asked) {
      expect(publicOnes().map((c) => c.id)).toContain(id)
      for (const f of ['json', 'html']) {
        const res = await anonymous(`/ogc/collections/${id}/items/${fid}?f=${f}`)
        expect(res.status, `${id}/${fid} ${f}`).toBe(status)
        expectNoMark(res.text, `${id}/${fid} ${f}`)
      }
    }
    const plot = await anonymous(`/ogc/collections/plots/items/${planted.editedPlotId}`).expect(200)
    expect(plot.body.properties.name).toMatch(/^权限测试公开地块/)
    const zone = await anonymous(`/ogc/collections/control-zones/items/${planted.editedZoneId}`).expect(200)
    expect(zone.body.properties.announcement.text).toBe('本区域内暂不开发利用。')
    expect(JSON.stringify(zone.body.properties)).toContain(plot.body.properties.code)
    expect(zone.body.properties.signs.map((s: any) => s.label)).toEqual(['东侧标识牌'])
  })

  it('when the web pages of the service and the API document are read, then the mark never appears', async () => {
    const pages = ['/ogc?f=html', '/ogc/collections?f=html', '/ogc/conformance?f=html', '/ogc/api', '/ogc/api?f=html']
    for (const c of publicOnes())
      pages.push(
        `/ogc/collections/${c.id}?f=html`,
        `/ogc/collections/${c.id}/queryables?f=html`,
        `/ogc/collections/${c.id}/items?f=html&limit=1000`,
        `/ogc/collections/${c.id}/items?f=html&limit=1000&bbox=${[111, 27, 114, 30].join(',')}`,
      )
    for (const page of pages) {
      const res = await anonymous(page)
      expect(res.status, page).toBe(200)
      expectNoMark(res.text, page)
      for (const id of internalIds) expect(res.text, `${page} 不应列出内部数据集`).not.toContain(`collections/${id}`)
    }
  })

  it('when a key of every internal collection of 赫山区 reads them, then it sees what was planted (so the sweep above can fail)', async () => {
    const expected: Record<string, string[]> = {
      'farmland-parcels': [`${MARK}-图斑`, `${MARK}-划分依据`, `${MARK}乡（未勾绘）`],
      'contaminated-plots': [`${MARK} 未发布地块`, `${MARK} 改名未发布`],
      'control-zones-internal': [`${MARK} 未发布管控区域`, `${MARK}-文号`],
      'class-list': [`${MARK} 已发布清单`, `${MARK}-清单依据`],
      'monitoring-points': [`${MARK} 监测点`],
      enterprises: [`${MARK} 化工厂`],
      'land-context': [`${MARK} 地类名称`],
      'basic-farmland': [`${MARK}镇某村`],
    }
    expect(Object.keys(expected).sort()).toEqual([...internalIds].sort())
    for (const id of internalIds) {
      const { text } = await sweep(`/ogc/collections/${id}/items?limit=1000`, withKey(insiderKey))
      for (const mark of expected[id]) expect(text, `${id} 应含 ${mark}`).toContain(JSON.stringify(mark).slice(1, -1))
    }
    const classList = await sweep('/ogc/collections/class-list/items?limit=1000', withKey(insiderKey))
    expect(classList.text, '草稿清单').not.toContain(`${MARK}-草稿`)
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM class_list_entry WHERE basis ->> 'summary' = $1`, [
      `${MARK}-草稿依据`,
    ])
    expect(rows[0].n).toBe(1)
  })
})

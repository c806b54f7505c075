import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { queryablesOf } from '../../server/src/domain/ogc-queryables.ts'
import { SharingCatalogueResponse } from '../../contracts/sharing-catalogue.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signInAs, type Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * 资源共享目录 (GET /api/sharing/catalogue): every collection of the data sharing service with its fields, its
 * features counted within the reader's counties (public ones: all), its last change, and the holders of active keys
 * for it, named only to those who manage keys. Staff only.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let officerA: Session
let officerB: Session
let admin: Session
const MARK = `SC${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
/** A change time no sample record has: the parcel planted in 梨树县 carries it. */
const FUTURE_CHANGE = '2031-05-06T07:08:09.000Z'

let keysMade = 0
/** A data sharing key stored as the service stores one (its hash only). */
async function plantKey(key: {
  holder: string
  collections: string[]
  adcodes: string[]
  expiresAt?: string
  revoked?: boolean
}) {
  keysMade++
  await db.query(
    `INSERT INTO ogc_access_key (key_hash, key_prefix, holder, holder_kind, collections, adcodes, expires_at, created_by,
                                 revoked_at, revoked_by)
     VALUES ($1, 'sk_test', $2, 'department', $3, $4, coalesce($5::timestamptz, now() + interval '30 days'), 'admin',
             CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN 'admin' END)`,
    [
      `${MARK}${keysMade}`.padEnd(43, 'x').slice(0, 43),
      key.holder,
      key.collections,
      key.adcodes,
      key.expiresAt ?? null,
      key.revoked ?? false,
    ],
  )
}

async function catalogueOf(session: Session, host?: string) {
  const req = session.agent.get('/api/sharing/catalogue')
  if (host) req.set('Host', host)
  const res = await req.expect(200)
  return readContract(SharingCatalogueResponse, res.body)
}

const byId = (catalogue: SharingCatalogueResponse, id: string) => {
  const found = catalogue.collections.find((c) => c.id === id)
  if (!found) throw new Error(`collection ${id} missing from the catalogue`)
  return found
}

/** Each collection's features counted straight from its table: all of a public one, those of $1 for an internal one. */
const DIRECT_COUNT: Record<string, string> = {
  plots: 'SELECT count(*) AS n FROM published_plot',
  'control-zones': 'SELECT count(*) AS n FROM published_control_zone',
  counties: 'SELECT count(*) AS n FROM county',
  townships: 'SELECT count(*) AS n FROM township WHERE geom IS NOT NULL',
  'farmland-parcels': 'SELECT count(*) AS n FROM farmland_parcel WHERE adcode = ANY ($1)',
  'monitoring-points': 'SELECT count(*) AS n FROM monitoring_point WHERE adcode = ANY ($1)',
  'contaminated-plots': 'SELECT count(*) AS n FROM contaminated_plot WHERE adcode = ANY ($1)',
  'control-zones-internal': 'SELECT count(*) AS n FROM control_zone WHERE adcode = ANY ($1)',
  enterprises: 'SELECT count(*) AS n FROM supervised_enterprise WHERE adcode = ANY ($1)',
  'land-context': 'SELECT count(*) AS n FROM land_context WHERE adcode = ANY ($1)',
  'basic-farmland': 'SELECT count(*) AS n FROM basic_farmland WHERE adcode = ANY ($1)',
  'class-list': `SELECT count(*) AS n FROM class_list_entry e
                 JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
                 WHERE e.adcode = ANY ($1) AND e.list_id = (
                   SELECT id FROM class_list l WHERE l.adcode = e.adcode AND l.review_status = 'published'
                     AND l.published_at IS NOT NULL ORDER BY l.published_at DESC, l.id DESC LIMIT 1)`,
}

async function countOf(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await db.query<{ n: string }>(sql, params)
  return Number(rows[0].n)
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officerA = await signInAs(app, 'farmland')
  officerB = await signInNewUser(app, db, { role: 'farmland', scopes: ['220322'] })
  admin = await signInAs(app, 'admin')
  await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, geom, updated_at)
     SELECT '220322', $1, '0101', ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0002, ST_Y(c) - 0.0002, ST_X(c) + 0.0002, ST_Y(c) + 0.0002, 4490)), $2
     FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '220322' ORDER BY id LIMIT 1) p`,
    [`${MARK}-P`, FUTURE_CHANGE],
  )
  await plantKey({
    holder: `${MARK} 区生态环境局`,
    collections: ['farmland-parcels', 'monitoring-points'],
    adcodes: ['430903'],
  })
  await plantKey({ holder: `${MARK} 县农业农村局`, collections: ['farmland-parcels'], adcodes: ['220322'] })
  await plantKey({ holder: `${MARK} 已吊销`, collections: ['farmland-parcels'], adcodes: ['430903'], revoked: true })
  await plantKey({
    holder: `${MARK} 已过期`,
    collections: ['farmland-parcels'],
    adcodes: ['430903'],
    expiresAt: '2020-01-01T00:00:00Z',
  })
})

afterAll(async () => {
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = '220322' AND code = $1`, [`${MARK}-P`])
  await db.query(`DELETE FROM ogc_access_key WHERE holder LIKE $1`, [`${MARK} %`])
  await db.close()
})

describe('who may read the catalogue', () => {
  it('when nobody is signed in, then 401 says to sign in', async () => {
    const res = await request(app).get('/api/sharing/catalogue').expect(401)
    expect(res.body.error.message).toBe('请先登录')
  })

  it('when a user must still change the first password, then 403', async () => {
    const fresh = await signInNewUser(app, db, { role: 'land', scopes: ['430903'], mustChangePassword: true })
    await fresh.agent.get('/api/sharing/catalogue').expect(403)
  })
})

describe('the collections and their fields', () => {
  it('when an officer reads the catalogue, then every collection of the service is listed with all its fields', async () => {
    const catalogue = await catalogueOf(officerA)
    const served = await officerA.agent.get('/ogc/collections').expect(200)
    const servedIds = served.body.collections.map((c: { id: string }) => c.id)
    expect(servedIds.length).toBeGreaterThanOrEqual(6)
    expect(catalogue.collections.map((c) => c.id)).toEqual(servedIds)
    for (const c of catalogue.collections) {
      const dictionary = queryablesOf(c.id)
      expect(dictionary, `property dictionary of ${c.id}`).not.toBeNull()
      expect(c.fields.map((f) => [f.name, f.title, f.meaning])).toEqual(
        dictionary!.properties.map((p) => [p.name, p.title, p.description]),
      )
      expect(c.fields.every((f) => f.typeLabel !== '')).toBe(true)
      expect(c.accessLabel).toBe(c.access === 'public' ? '公开' : '内部')
    }
  })

  it("when the CRSs are read, then CGCS2000 is the storage CRS and each offered CRS, 赫山区's Gauss-Krüger zone too, is named in words", async () => {
    const parcels = byId(await catalogueOf(officerA), 'farmland-parcels')
    expect(parcels.storageCrs.label).toBe('CGCS2000 地理坐标（EPSG:4490，纬度在前）')
    expect(parcels.crs.map((c) => c.uri)).toContain('http://www.opengis.net/def/crs/OGC/1.3/CRS84')
    expect(parcels.crs).toContainEqual({
      uri: 'http://www.opengis.net/def/crs/EPSG/0/4546',
      label: 'CGCS2000 3度带高斯-克吕格投影，中央经线 111°（坐标不含带号，单位米；EPSG:4546）',
    })
    expect(parcels.crs.every((c) => !c.label.startsWith('http'))).toBe(true)
  })

  it('when the page is reached under another host name, then the service addresses use it', async () => {
    const catalogue = await catalogueOf(officerA, 'gis.example.cn:8443')
    expect(catalogue.serviceUrl).toBe('http://gis.example.cn:8443/ogc')
    expect(byId(catalogue, 'plots').url).toBe('http://gis.example.cn:8443/ogc/collections/plots')
  })
})

describe('feature counts and last changes', () => {
  it('when an officer of 赫山区 reads the counts, then internal ones are those of 赫山区 and public ones all, as SQL counts them', async () => {
    const catalogue = await catalogueOf(officerA)
    for (const c of catalogue.collections) {
      const sql = DIRECT_COUNT[c.id]
      expect(sql, `a direct count of ${c.id} in this test`).toBeDefined()
      expect(c.featureCount, c.id).toBe(await countOf(sql, c.access === 'internal' ? [['430903']] : []))
    }
    expect(byId(catalogue, 'farmland-parcels').featureCount).toBeGreaterThan(0)
    expect(byId(catalogue, 'farmland-parcels').countScope).toBe('您管辖的区县：赫山区')
    expect(byId(catalogue, 'plots').countScope).toBe('全部公开数据')
  })

  it('when an officer of 梨树县 reads the counts, then he gets 梨树县 figures and none of 赫山区', async () => {
    const a = await catalogueOf(officerA)
    const b = await catalogueOf(officerB)
    const parcelsB = byId(b, 'farmland-parcels')
    expect(parcelsB.featureCount).toBe(
      await countOf(`SELECT count(*) AS n FROM farmland_parcel WHERE adcode = '220322'`),
    )
    expect(parcelsB.featureCount).not.toBe(byId(a, 'farmland-parcels').featureCount)
    expect(parcelsB.countScope).toBe('您管辖的区县：梨树县')
    expect(byId(b, 'plots').featureCount).toBe(byId(a, 'plots').featureCount)
  })

  it('when a parcel of 梨树县 changed last, then 梨树县 shows that time and 赫山区 its own', async () => {
    const parcelsB = byId(await catalogueOf(officerB), 'farmland-parcels')
    expect(parcelsB.updatedAt).toBe(FUTURE_CHANGE)
    const parcelsA = byId(await catalogueOf(officerA), 'farmland-parcels')
    const {
      rows: [last],
    } = await db.query<{ at: Date }>(`SELECT max(updated_at) AS at FROM farmland_parcel WHERE adcode = '430903'`)
    expect(parcelsA.updatedAt).toBe(last.at.toISOString())
  })
})

describe('who holds keys', () => {
  it('when an administrator reads the catalogue, then he sees the holders of active keys of his counties by name', async () => {
    const catalogue = await catalogueOf(admin)
    expect(catalogue.canManageKeys).toBe(true)
    const parcels = byId(catalogue, 'farmland-parcels')
    const names = parcels.keys.holders!.map((h) => h.holder)
    expect(names).toContain(`${MARK} 区生态环境局`)
    expect(names.filter((n) => n.startsWith(MARK))).toEqual([`${MARK} 区生态环境局`])
    const holder = parcels.keys.holders!.find((h) => h.holder === `${MARK} 区生态环境局`)!
    expect(holder).toMatchObject({ holderKind: 'department', holderKindLabel: '部门', counties: ['赫山区'] })
    expect(parcels.keys.count).toBe(parcels.keys.holders!.length)
    expect(byId(catalogue, 'monitoring-points').keys.holders!.map((h) => h.holder)).toContain(`${MARK} 区生态环境局`)
    expect(byId(catalogue, 'contaminated-plots').keys.holders!.map((h) => h.holder)).not.toContain(
      `${MARK} 区生态环境局`,
    )
  })

  it('when an officer who does not manage keys reads it, then he sees how many keys, never who holds them', async () => {
    const res = await officerA.agent.get('/api/sharing/catalogue').expect(200)
    const catalogue = readContract(SharingCatalogueResponse, res.body)
    expect(catalogue.canManageKeys).toBe(false)
    const parcels = byId(catalogue, 'farmland-parcels')
    expect(parcels.keys.holders).toBeNull()
    expect(parcels.keys.count).toBe(byId(await catalogueOf(admin), 'farmland-parcels').keys.count)
    expect(parcels.keys.count).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(res.body)).not.toContain(MARK)
  })

  it('when keys of 梨树县 exist, then an officer of 梨树县 counts them and one of 赫山区 does not', async () => {
    const countA = byId(await catalogueOf(officerA), 'farmland-parcels').keys.count
    const countB = byId(await catalogueOf(officerB), 'farmland-parcels').keys.count
    const active = (adcode: string) =>
      countOf(
        `SELECT count(*) AS n FROM ogc_access_key WHERE revoked_at IS NULL AND expires_at > now()
           AND 'farmland-parcels' = ANY (collections) AND $1::bpchar = ANY (adcodes)`,
        [adcode],
      )
    expect(countA).toBe(await active('430903'))
    expect(countB).toBe(await active('220322'))
  })
})

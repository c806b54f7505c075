import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import type { Session } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * 特定农产品禁止生产区域 in a fictitious county of this file: two adjoining 严格管控类 parcels S1, S2 (镉 from a
 * published class list), a 优先保护类 parcel P, and a 严格管控类 parcel X of a neighbouring county.
 */
const COUNTY = '439971'
const OTHER = '439972'
const EPSG = 4525
const X0 = 37_480_000
const Y0 = 3_260_000
const MARKER = `BANLEAK${Date.now().toString(36)}`
const YEAR = 2061

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let approver: Session
const ids: Record<'S1' | 'S2' | 'P' | 'X', number> = { S1: 0, S2: 0, P: 0, X: 0 }
let center: { lon: number; lat: number }

async function addParcel(name: keyof typeof ids, adcode: string, cls: string, x: number, listId: number | null) {
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, class, class_list_id, geom)
     VALUES ($1, $2, '0101', $3, $4, ST_Multi(ST_Transform(ST_MakeEnvelope($5, $6, $7, $8, ${EPSG}), 4490)))
     RETURNING id`,
    [adcode, `${adcode}-JZ${name}`, cls, listId, X0 + x, Y0 + 1000, X0 + x + 100, Y0 + 1100],
  )
  ids[name] = Number(r.id)
}

const post = (s: Session, url: string, body: object = {}) =>
  s.agent.post(url).set('X-CSRF-Token', s.csrfToken).send(body)
const patch = (s: Session, url: string, body: object = {}) =>
  s.agent.patch(url).set('X-CSRF-Token', s.csrfToken).send(body)

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

/** The public tile's features of `layer` around the parcels, at zoom 12. */
async function publicTile(layer: string): Promise<{ text: string; features: Record<string, unknown>[] }> {
  const { z, x, y } = tileAt(center.lon, center.lat, 12)
  const res = await request(app).get(`/tiles/${layer}/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
  expect([200, 204]).toContain(res.status)
  const features = res.status === 204 ? [] : (decodeTile(res.body)[layer] ?? []).map((f) => f.properties)
  return { text: res.status === 204 ? '' : Buffer.from(res.body).toString('latin1'), features }
}

async function step(s: Session, id: number, action: string, reason?: string) {
  return post(s, `/api/reviews/ban-zone/${id}/${action}`, reason ? { reason } : {})
}

const announcement = {
  announcementNo: '测政农〔2026〕7 号',
  announcementDate: '2026-03-01',
  announcementText: '禁止在本区域内种植食用农产品。',
}

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '禁产测试县', x0: X0, y0: Y0, size: 3000, epsg: EPSG }, [])
  await addSquareCounty(db, { adcode: OTHER, name: '禁产邻县', x0: X0 + 10_000, y0: Y0, size: 3000, epsg: EPSG }, [])
  const {
    rows: [l],
  } = await db.query(
    `INSERT INTO class_list (adcode, title, rule_set_version, is_complete, parcel_count, created_by, review_status)
     VALUES ($1, '禁产测试清单', (SELECT version FROM class_rule_set WHERE is_default), true, 3, 'gengdi', 'published')
     RETURNING id`,
    [COUNTY],
  )
  await addParcel('S1', COUNTY, 'strict', 1000, Number(l.id))
  await addParcel('S2', COUNTY, 'strict', 1100, Number(l.id))
  await addParcel('P', COUNTY, 'priority', 1400, Number(l.id))
  await addParcel('X', OTHER, 'strict', 1000, null)
  for (const name of ['S1', 'S2'] as const)
    await db.query(
      `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis)
       VALUES ($1, $2, $3, 'strict', 'samples', 'C', '{Cd}', 2, '{}')`,
      [COUNTY, l.id, ids[name]],
    )
  const {
    rows: [c],
  } = await db.query(
    `SELECT ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat FROM farmland_parcel WHERE id = $1`,
    [ids.S1],
  )
  center = { lon: c.lon, lat: c.lat }
  app = createTestApp(db)
  farmland = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY, OTHER] })
  approver = await signInNewUser(app, db, { role: 'approver', scopes: [COUNTY] })
})

afterAll(async () => {
  await db.query(`DELETE FROM safe_use_account WHERE adcode = $1`, [COUNTY])
  await db.query(`DELETE FROM safe_use_ledger WHERE adcode = $1`, [COUNTY])
  await removeTestCounty(db, OTHER)
  await removeTestCounty(db, COUNTY)
  await db.close()
})

const zoneCount = async () =>
  (await db.query(`SELECT count(*)::int AS n FROM ban_zone WHERE adcode = $1`, [COUNTY])).rows[0].n

describe('proposing a 禁止生产区域', () => {
  it('when a 优先保护类 parcel is chosen, then 422 names the parcel and its class, and nothing is written', async () => {
    const res = await post(farmland, '/api/ban-zones', { adcode: COUNTY, name: '禁产区一', parcelIds: [ids.S1, ids.P] })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain(`图斑 ${COUNTY}-JZP 已公布的类别为优先保护类，不是严格管控类`)
    expect(res.body.error.details.problems).toMatchObject([{ code: 'PARCEL_NOT_STRICT', field: 'parcelIds' }])
    expect(await zoneCount()).toBe(0)
  })

  it('when a 严格管控类 parcel of another county is chosen, then 422 names the parcel and both counties', async () => {
    const res = await post(farmland, '/api/ban-zones', { adcode: COUNTY, name: '禁产区一', parcelIds: [ids.S1, ids.X] })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain(`图斑 ${OTHER}-JZX 属于禁产邻县，不是禁产测试县的图斑`)
    expect(res.body.error.details.problems).toMatchObject([{ code: 'PARCEL_OTHER_COUNTY' }])
    expect(await zoneCount()).toBe(0)
  })

  it('when an environment officer proposes one, then 403', async () => {
    const env = await signInNewUser(app, db, { role: 'environment', scopes: [COUNTY] })
    const res = await post(env, '/api/ban-zones', { adcode: COUNTY, name: '禁产区一', parcelIds: [ids.S1] })
    expect(res.status).toBe(403)
  })
})

describe('the workflow of a 禁止生产区域 and the public side', () => {
  let zoneId = 0
  let leakId = 0

  it('when two adjoining strict parcels are chosen, then a draft holds their union, 食用农产品 and the computed basis', async () => {
    const res = await post(farmland, '/api/ban-zones', {
      adcode: COUNTY,
      name: '禁产测试区',
      parcelIds: [ids.S1, ids.S2],
      // a basis typed by the client is not a field: the server reads it from the published classes
      basis: '伪造的依据',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    zoneId = res.body.id
    expect(res.body).toMatchObject({ code: `JZ${COUNTY}-001`, products: ['食用农产品'], isEditable: true })
    expect(res.body.review).toMatchObject({ kind: 'ban-zone', status: 'draft' })
    expect(res.body.areaMu).toBeCloseTo(30, 0)
    expect(res.body.geometry.type).toBe('MultiPolygon')
    expect(res.body.geometry.coordinates).toHaveLength(1)
    expect(res.body.basis.map((b: any) => [b.parcelCode, b.className, b.pollutants])).toEqual([
      [`${COUNTY}-JZS1`, '严格管控类', ['镉']],
      [`${COUNTY}-JZS2`, '严格管控类', ['镉']],
    ])
    expect(res.body.basisSummary).toBe('已公布的严格管控类耕地 2 块，主要污染物 镉，依据监测点位 4 个')
    const list = await farmland.agent.get('/api/ban-zones').query({ adcode: COUNTY })
    expect(list.body.items).toMatchObject([{ id: zoneId, parcelCount: 2, reviewStatus: 'draft' }])
    const strict = await farmland.agent.get('/api/ban-zones/strict-parcels').query({ adcode: COUNTY })
    expect(strict.body.parcels.map((p: any) => [p.code, p.zoneCodes])).toEqual([
      [`${COUNTY}-JZS1`, [`JZ${COUNTY}-001`]],
      [`${COUNTY}-JZS2`, [`JZ${COUNTY}-001`]],
    ])
  })

  it('when a second draft carries a marker, then it is planted for the leak checks', async () => {
    const res = await post(farmland, '/api/ban-zones', {
      adcode: COUNTY,
      name: `${MARKER} 未发布禁产区`,
      parcelIds: [ids.S2],
      products: [`${MARKER}水稻`],
      announcementNo: `${MARKER}-文号`,
      announcementText: `${MARKER}-公告`,
    })
    expect(res.status).toBe(201)
    leakId = res.body.id
  })

  it('when submitted without an announcement, then refused; with it, it goes 提交 → 退回 → 提交 → 审定 → 发布', async () => {
    const refused = await step(farmland, zoneId, 'submit')
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('缺少公告文号、公告日期、公告内容')
    const edited = await patch(farmland, `/api/ban-zones/${zoneId}`, { ...announcement, version: 1 })
    expect(edited.status, JSON.stringify(edited.body)).toBe(200)
    expect((await step(farmland, zoneId, 'submit')).status).toBe(200)
    const queue = await approver.agent.get('/api/reviews')
    expect(queue.body.items.some((i: any) => i.kind === 'ban-zone' && i.id === zoneId)).toBe(true)
    const noReason = await step(approver, zoneId, 'return')
    expect(noReason.status).toBe(400)
    const returned = await step(approver, zoneId, 'return', '公告内容请写明禁止种植的作物')
    expect(returned.body).toMatchObject({ status: 'returned', reason: '公告内容请写明禁止种植的作物' })
    expect((await step(farmland, zoneId, 'submit')).status).toBe(200)
    expect((await step(approver, zoneId, 'approve')).status).toBe(200)
    expect((await request(app).get('/api/public/ban-zones')).body.zones.some((z: any) => z.id === zoneId)).toBe(false)
    expect((await publicTile('public-ban-zone')).features).toEqual([])
    const published = await step(approver, zoneId, 'publish')
    expect(published.body).toMatchObject({ status: 'published', publishedVersion: 1 })
  })

  it('when published, then the public list and the public tile carry it with public fields only', async () => {
    const res = await request(app).get('/api/public/ban-zones').query({ adcode: COUNTY })
    expect(res.body.zones).toHaveLength(1)
    expect(res.body.zones[0]).toMatchObject({
      id: zoneId,
      code: `JZ${COUNTY}-001`,
      products: ['食用农产品'],
      basis: '已公布的严格管控类耕地 2 块，主要污染物 镉，依据监测点位 4 个',
      announcement: { number: announcement.announcementNo, date: '2026-03-01' },
      parcelCount: 2,
    })
    expect(Object.keys(res.body.zones[0])).not.toContain('parcelIds')
    const tile = await publicTile('public-ban-zone')
    expect(tile.features).toEqual([
      {
        code: `JZ${COUNTY}-001`,
        name: '禁产测试区',
        products: '食用农产品',
        announcement_no: announcement.announcementNo,
      },
    ])
  })

  it('when the staff map is clicked on the zone, then its info names products, parcels, basis and review status', async () => {
    const res = await farmland.agent.get(`/api/features/ban-zone/${zoneId}`)
    expect(res.status).toBe(200)
    const field = (label: string) => res.body.fields.find((f: any) => f.label === label)?.value
    expect(field('禁止生产')).toBe('食用农产品')
    expect(field('耕地图斑')).toBe(`${COUNTY}-JZS1、${COUNTY}-JZS2`)
    expect(field('审核状态')).toBe('已发布')
    expect(field('划定依据')).toContain('主要污染物 镉')
    expect(res.body.review).toMatchObject({ kind: 'ban-zone', status: 'published' })
  })

  it('when the marked draft is looked for in every public answer, then it is never there', async () => {
    expect(leakId).toBeGreaterThan(0)
    for (const url of ['/api/public/ban-zones', `/api/public/ban-zones?adcode=${COUNTY}`, '/api/public/control-zones'])
      expect((await request(app).get(url)).text).not.toContain(MARKER)
    expect((await request(app).get('/api/public/search').query({ q: MARKER })).text).not.toContain(MARKER)
    const tile = await publicTile('public-ban-zone')
    expect(tile.text).not.toContain(MARKER)
    expect(JSON.stringify(tile.features)).not.toContain(MARKER)
    // the staff layer shows the draft: the marker is really planted where a leak would come from
    const { z, x, y } = tileAt(center.lon, center.lat, 12)
    const staff = await farmland.agent.get(`/tiles/ban-zone/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
    expect(JSON.stringify(decodeTile(staff.body)['ban-zone'].map((f) => f.properties))).toContain(MARKER)
  })
})

describe('the safe-use ledger', () => {
  it('when a 重度 parcel without measures lies in a published 禁止生产区域, then it counts under 严格管控类措施', async () => {
    await db.query(
      `INSERT INTO safe_use_account (adcode, year, parcel_id, parcel_code, dlbm, pollution_degree, area_m2)
       VALUES ($1, $2, $3, $4, '0101', 'severe', 1000), ($1, $2, $5, $6, '0101', 'severe', 1000)`,
      [COUNTY, YEAR, ids.S1, `${COUNTY}-JZS1`, ids.P, `${COUNTY}-JZP`],
    )
    const res = await farmland.agent.get('/api/safe-use-ledger').query({ adcode: COUNTY, year: YEAR })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const row = (code: string) => res.body.rows.find((r: any) => r.parcelCode === code)
    expect(row(`${COUNTY}-JZS1`).term).not.toBeNull()
    expect(row(`${COUNTY}-JZS1`).termReason).toContain('严格管控类措施')
    // the same degree outside any zone, no measure: not counted
    expect(row(`${COUNTY}-JZP`).term).toBeNull()
    expect(row(`${COUNTY}-JZP`).termReason).toContain('未落实任何措施')
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { refreshPriorityAreas } from '../../server/src/repos/priority-area.repo.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import type { Session } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * 优先保护类耕地集中区域 of a fictitious county of this file: three 100 m × 100 m 优先保护类 parcels in a row, A and B
 * 49 m apart, B and C 51 m apart (in the county's own Gauss-Krüger zone), A and B in the west township, C in the east.
 */
const COUNTY = '439951'
const OTHER = '439952'
const WEST = '439951001'
const EAST = '439951002'
const EPSG = 4525
const X0 = 37_470_000
const Y0 = 3_250_000

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let approver: Session
let stranger: Session
const ids: Record<'A' | 'B' | 'C', number> = { A: 0, B: 0, C: 0 }
const areaM2: Record<'A' | 'B' | 'C', number> = { A: 0, B: 0, C: 0 }
const MU = 10_000 / 15

async function addParcel(name: 'A' | 'B' | 'C', x: number, town: string) {
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, class, township_code, geom)
     VALUES ($1, $2, '0101', 'priority', $3, ST_Multi(ST_Transform(ST_MakeEnvelope($4, $5, $6, $7, ${EPSG}), 4490)))
     RETURNING id, area_m2`,
    [COUNTY, `${COUNTY}-PA${name}`, town, X0 + x, Y0 + 1000, X0 + x + 100, Y0 + 1100],
  )
  ids[name] = Number(r.id)
  areaM2[name] = r.area_m2
}

/** The areas of the county's latest version, largest first. */
async function latestAreas() {
  const { rows } = await db.query(
    `SELECT area_no, parcel_count, area_m2, townships FROM priority_area_current WHERE adcode = $1 ORDER BY area_no`,
    [COUNTY],
  )
  return rows as { area_no: number; parcel_count: number; area_m2: number; townships: { name: string }[] }[]
}

const post = (s: Session, url: string, body: object = {}) =>
  s.agent.post(url).set('X-CSRF-Token', s.csrfToken).send(body)

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '集中测试县', x0: X0, y0: Y0, size: 3000, epsg: EPSG }, [
    { code: WEST, name: '西集镇', from: 0, to: 1500 },
    { code: EAST, name: '东集镇', from: 1500, to: 3000 },
  ])
  await addSquareCounty(db, { adcode: OTHER, name: '集中邻县', x0: X0 + 10_000, y0: Y0, size: 3000, epsg: EPSG }, [])
  await addParcel('A', 1251, WEST)
  await addParcel('B', 1400, WEST) // 49 m east of A
  await addParcel('C', 1551, EAST) // 51 m east of B
  app = createTestApp(db, { priorityAreas: { gapM: 50, minAreaMu: 20 } })
  farmland = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY] })
  approver = await signInNewUser(app, db, { role: 'approver', scopes: [COUNTY] })
  stranger = await signInNewUser(app, db, { role: 'farmland', scopes: [OTHER] })
})

afterAll(async () => {
  await removeTestCounty(db, OTHER)
  await removeTestCounty(db, COUNTY)
  await db.close()
})

describe('the cluster rule of 优先保护类耕地集中区域', () => {
  it('when parcels are 49 m apart and the gap is 50 m, then they form one area; 51 m apart, they do not', async () => {
    await refreshPriorityAreas(db, COUNTY, { gapM: 50, minAreaMu: 0 }, null)
    const areas = await latestAreas()
    expect(areas.map((a) => a.parcel_count)).toEqual([2, 1])
    expect(areas[0].area_m2).toBeCloseTo(areaM2.A + areaM2.B, 3)
    expect(areas[0].townships.map((t) => t.name)).toEqual(['西集镇'])
    // a gap of 52 m joins C too, and the area names both townships, the larger share first
    await refreshPriorityAreas(db, COUNTY, { gapM: 52, minAreaMu: 0 }, null)
    const joined = await latestAreas()
    expect(joined.map((a) => a.parcel_count)).toEqual([3])
    expect(joined[0].townships.map((t) => t.name)).toEqual(['西集镇', '东集镇'])
  })

  it('when the parcels of an area total exactly the least area, then it counts; a little more asked, then it does not', async () => {
    const pair = (areaM2.A + areaM2.B) / MU
    await refreshPriorityAreas(db, COUNTY, { gapM: 50, minAreaMu: pair }, null)
    expect((await latestAreas()).map((a) => a.parcel_count)).toEqual([2])
    await refreshPriorityAreas(db, COUNTY, { gapM: 50, minAreaMu: pair + 0.01 }, null)
    expect(await latestAreas()).toEqual([])
    const { rows } = await db.query(
      `SELECT area_count, priority_m2 FROM priority_area_version WHERE adcode = $1 ORDER BY version DESC LIMIT 1`,
      [COUNTY],
    )
    // the county's 优先保护类 area is kept with the version even when no area passes
    expect(rows[0]).toMatchObject({ area_count: 0 })
    expect(rows[0].priority_m2).toBeCloseTo(areaM2.A + areaM2.B + areaM2.C, 3)
  })
})

describe('versions over the class lists', () => {
  it('when a class list that makes B 安全利用类 is published, then a new version is made and the statistics show the fall per township', async () => {
    await refreshPriorityAreas(db, COUNTY, { gapM: 50, minAreaMu: 20 }, null)
    const {
      rows: [l],
    } = await db.query(
      `INSERT INTO class_list (adcode, title, rule_set_version, is_complete, parcel_count, created_by)
      VALUES ($1, '集中区域测试清单', (SELECT version FROM class_rule_set WHERE is_default), true, 3, 'gengdi') RETURNING id`,
      [COUNTY],
    )
    await db.query(
      `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, sample_count, basis)
      SELECT $1, $2, p.id, CASE WHEN p.id = $3 THEN 'safe_use' ELSE 'priority' END, 'samples', 1, '{"summary": "测试"}'
      FROM farmland_parcel p WHERE p.adcode = $1`,
      [COUNTY, l.id, ids.B],
    )
    for (const [s, action] of [
      [farmland, 'submit'],
      [approver, 'approve'],
      [approver, 'publish'],
    ] as const) {
      const res = await post(s, `/api/reviews/class-list/${l.id}/${action}`, {
        reason: '图斑 B 经复核为安全利用类，优先保护类面积减少',
      })
      expect(res.status, `${action} ${res.text}`).toBe(200)
    }
    // only A is left of the pair: 15 亩, under the 20 亩 of this app's setting
    expect(await latestAreas()).toEqual([])

    const res = await farmland.agent.get(`/api/priority-areas?adcode=${COUNTY}`).expect(200)
    expect(res.body.settings).toMatchObject({ gapM: 50, minAreaMu: 20, note: expect.stringContaining('本地设置') })
    const [county] = res.body.counties
    expect(county).toMatchObject({ adcode: COUNTY, county: '集中测试县' })
    const [latest, before] = county.versions
    expect(latest).toMatchObject({
      source: '分类清单“集中区域测试清单”第 1 版发布',
      areaCount: 0,
      areaMu: 0,
      hasFallen: true,
    })
    expect(before).toMatchObject({ areaCount: 1, source: '示例数据（生成）的耕地类别' })
    expect(latest.changeMu).toBeCloseTo(-before.areaMu, 2)
    expect(latest.townships).toContainEqual(
      expect.objectContaining({ name: '西集镇', areaMu: 0, beforeMu: before.areaMu, changeMu: -before.areaMu }),
    )
    expect(latest.priorityMu).toBeCloseTo(((areaM2.A + areaM2.C) * 15) / 10_000, 1)
  })

  it("when a user of another county asks, then 403 names the county; without a county, the other's are not listed", async () => {
    const res = await stranger.agent.get(`/api/priority-areas?adcode=${COUNTY}`).expect(403)
    expect(res.body.error.message).toContain(COUNTY)
    const own = await stranger.agent.get('/api/priority-areas').expect(200)
    expect(own.body.counties.map((c: { adcode: string }) => c.adcode)).not.toContain(COUNTY)
    await farmland.agent.get('/api/priority-areas?adcode=43').expect(400)
    await request(app).get(`/api/priority-areas?adcode=${COUNTY}`).expect(401)
  })
})

describe('the map layer', () => {
  it('when an area exists, then staff tiles carry it with its area and the info panel describes it; the public map has no such layer', async () => {
    await refreshPriorityAreas(db, COUNTY, { gapM: 250, minAreaMu: 0 }, null)
    const {
      rows: [{ lon, lat }],
    } = await db.query(
      `SELECT ST_X(ST_Centroid(geom)) AS lon, ST_Y(ST_Centroid(geom)) AS lat FROM priority_area_current WHERE adcode = $1`,
      [COUNTY],
    )
    const { z, x, y } = tileAt(lon, lat, 14)
    const tile = await farmland.agent
      .get(`/tiles/priority-area/${z}/${x}/${y}.pbf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => cb(null, Buffer.concat(chunks)))
      })
      .expect(200)
    const [feature] = decodeTile(tile.body)['priority-area']
    expect(feature.properties).toMatchObject({ code: `PA${COUNTY}-001`, parcels: 2 })
    const info = await farmland.agent.get(`/api/features/priority-area/${feature.id}`).expect(200)
    expect(info.body.title).toBe(`优先保护类耕地集中区域 PA${COUNTY}-001`)
    expect(JSON.stringify(info.body.fields)).toContain('本地设置')
    await stranger.agent.get(`/api/features/priority-area/${feature.id}`).expect(403)
    await request(app).get(`/tiles/priority-area/${z}/${x}/${y}.pbf`).expect(401)
    const publicStyle = await request(app).get('/public/style.json').expect(200)
    expect(JSON.stringify(publicStyle.body)).not.toContain('priority-area')
  })
})

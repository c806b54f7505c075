import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { pdfText, squash } from '../support/pdf-text.ts'
import type { Session } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * 建设项目选址核查 in a fictitious county of this file (a 24 km square in the Gauss-Krüger zone EPSG:4525): each
 * case takes a 100 m square site in a cell of its own, 4 km apart, and plants the features it needs at a distance
 * measured in metres of the zone (the zone's scale differs from the spheroid by about 1 cm per km here), 2 m inside
 * or outside the default distances: 1000 m 优先保护类耕地集中区域 and water sources, 500 m ban and control zones.
 */
const COUNTY = '439971'
const OTHER = '439972'
const EPSG = 4525
const X0 = 37_470_000
const Y0 = 3_300_000
const SIZE = 24_000

let db: Database
let officer: Session
let landOfficer: Session
let approver: Session
let farmland: Session
let stranger: Session
let cell = 0
let areaNo = 0
let made = 0
const fresh = (prefix: string) =>
  `${prefix}-S${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()

/** A rectangle in metres of the zone as SQL (EPSG:4490). */
const rectSql = (x: number, y: number, w: number, h: number) =>
  `ST_Multi(ST_Transform(ST_MakeEnvelope(${X0 + x}, ${Y0 + y}, ${X0 + x + w}, ${Y0 + y + h}, ${EPSG}), 4490))`

/** The south-west corner of the next free cell, in metres from the county's corner. */
function nextCell(): [number, number] {
  const n = cell++
  return [2000 + (n % 5) * 4000, 2000 + Math.floor(n / 5) * 4000]
}

/** A site: a 100 m square at the corner given, as GeoJSON in EPSG:4490. */
async function siteAt(x: number, y: number, w = 100, h = 100): Promise<unknown> {
  const { rows } = await db.query(`SELECT ST_AsGeoJSON(ST_GeometryN(${rectSql(x, y, w, h)}, 1), 9)::json AS g`)
  return rows[0].g
}

/** A 优先保护类耕地集中区域 of the county's version 1, 100 m wide, its south edge `gapM` north of the site's north edge. */
async function priorityArea([x, y]: [number, number], gapM: number): Promise<string> {
  const no = ++areaNo
  await db.query(
    `INSERT INTO priority_area (adcode, version, area_no, geom, area_m2, parcel_count) VALUES ($1, 1, $2, ${rectSql(x, y + 100 + gapM, 100, 300)}, 30000, 3)`,
    [COUNTY, no],
  )
  return `PA${COUNTY}-${String(no).padStart(3, '0')}`
}

/** A 饮用水水源保护区 north of the site (`gapM` < 0 overlaps it by that much). */
async function waterZone([x, y]: [number, number], level: string, gapM: number, isPublished = true): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO water_source_zone (adcode, source_name, source_type, level, is_published, published_at, geom, file_name, feature_index, imported_by)
     VALUES ($1, $2, 'river', $3, $4, CASE WHEN $4 THEN now() END, ${rectSql(x, y + 100 + gapM, 100, 300)}, 't.geojson', 1, 'test')
     RETURNING id`,
    [COUNTY, fresh('选址测试水源地'), level, isPublished],
  )
  return Number(rows[0].id)
}

/** A 特定农产品禁止生产区域 north of the site, published or a draft only. */
async function banZone([x, y]: [number, number], gapM: number, isPublished = true): Promise<string> {
  const code = fresh('JZ')
  const { rows } = await db.query(
    `INSERT INTO ban_zone (adcode, code, name, review_status, geom, created_by, published_version)
     VALUES ($1, $2, '选址测试禁止生产区域', $3, ${rectSql(x, y + 100 + gapM, 100, 300)}, 'test', $4) RETURNING id`,
    [COUNTY, code, isPublished ? 'published' : 'draft', isPublished ? 1 : 0],
  )
  if (isPublished)
    await db.query(
      `INSERT INTO published_ban_zone (adcode, id, version, code, name, products, basis_summary, parcel_count, geom)
       SELECT adcode, id, 1, code, name, products, '严格管控类耕地 1 块', 1, geom FROM ban_zone WHERE adcode = $1 AND id = $2`,
      [COUNTY, rows[0].id],
    )
  return code
}

/** A 管控区域 north of the site, published or a draft only. */
async function controlZone([x, y]: [number, number], gapM: number, isPublished = true): Promise<string> {
  const code = fresh('GK')
  const { rows } = await db.query(
    `INSERT INTO control_zone (adcode, code, name, review_status, geom, published_version)
     VALUES ($1, $2, '选址测试管控区域', $3, ${rectSql(x, y + 100 + gapM, 100, 300)}, $4) RETURNING id`,
    [COUNTY, code, isPublished ? 'published' : 'draft', isPublished ? 1 : 0],
  )
  if (isPublished)
    await db.query(
      `INSERT INTO published_control_zone (adcode, id, version, code, name, monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom)
       SELECT adcode, id, 1, code, name, true, false, false, false, geom FROM control_zone WHERE adcode = $1 AND id = $2`,
      [COUNTY, rows[0].id],
    )
  return code
}

type Reason = { code: string; severity: string; featureCode: string | null; distanceM: number | null; basis: string }
const check = (s: Session, body: Record<string, unknown>) =>
  s.agent
    .post('/api/siting-checks')
    .set('X-CSRF-Token', s.csrfToken)
    .send({ industry: 'chemical', projectName: '选址测试项目', ...body })
const reasonsOf = (body: { reasons: Reason[] }, code: string | null) =>
  body.reasons.filter((r) => r.featureCode === code)
const countChecks = async () => Number((await db.query(`SELECT count(*) AS n FROM siting_check`)).rows[0].n)

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '选址测试县', x0: X0, y0: Y0, size: SIZE, epsg: EPSG }, [
    { code: `${COUNTY}001`, name: '选址镇' },
  ])
  await addSquareCounty(db, { adcode: OTHER, name: '选址邻县', x0: X0 + 40_000, y0: Y0, size: 3000, epsg: EPSG }, [])
  await db.query(
    `INSERT INTO priority_area_version (adcode, version, gap_m, min_area_m2, area_count, area_m2, parcel_count, priority_m2)
     VALUES ($1, 1, 100, 66667, 0, 0, 0, 0)`,
    [COUNTY],
  )
  const app = createTestApp(db)
  officer = await signInNewUser(app, db, { role: 'environment', scopes: [COUNTY] })
  landOfficer = await signInNewUser(app, db, { role: 'land', scopes: [COUNTY] })
  approver = await signInNewUser(app, db, { role: 'approver', scopes: [COUNTY] })
  farmland = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY] })
  stranger = await signInNewUser(app, db, { role: 'environment', scopes: [OTHER] })
})

afterAll(async () => {
  // the records are immutable (a trigger refuses DELETE): the cleanup of this file's county goes round it
  await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL session_replication_role = replica`)
    await tx.query(`DELETE FROM siting_check WHERE adcode IN ($1, $2)`, [COUNTY, OTHER])
  })
  await db.query(`DELETE FROM precheck_counter WHERE adcode IN ($1, $2)`, [COUNTY, OTHER])
  await db.query(`DELETE FROM control_zone WHERE adcode = $1`, [COUNTY])
  await db.query(`DELETE FROM monitoring_point WHERE adcode = $1`, [COUNTY])
  await db.query(`DELETE FROM precheck_feature_version WHERE adcode = $1`, [COUNTY])
  await db.query(`DELETE FROM precheck_source_count WHERE adcode = $1`, [COUNTY])
  await db.query(`DELETE FROM priority_area_version WHERE adcode = $1`, [COUNTY])
  await removeTestCounty(db, OTHER)
  await removeTestCounty(db, COUNTY)
  await db.close()
})

describe('优先保护类耕地集中区域 at the distance edge', () => {
  it('when a 化工 site lies 998 m from an area, then it is 严格控制 citing 土十条（八）, and at 1002 m the area is not named', async () => {
    const near = nextCell()
    const nearCode = await priorityArea(near, 998)
    const res = await check(officer, { geometry: await siteAt(...near) }).expect(201)
    expect(res.body).toMatchObject({ verdict: 'controlled', verdictName: '严格控制', isControlledIndustry: true })
    const [r] = reasonsOf(res.body, nearCode)
    expect(r).toMatchObject({ code: 'PRIORITY_AREA_CONTROLLED', severity: 'controlled' })
    expect(r.distanceM).toBeGreaterThan(996)
    expect(r.distanceM).toBeLessThan(1000)
    expect(r.basis).toContain('《土壤污染防治行动计划》（八）')
    expect(res.body.number).toMatch(/^选址核查〔\d{4}〕\d{4}号$/)

    const far = nextCell()
    const farCode = await priorityArea(far, 1002)
    const beyond = await check(officer, { geometry: await siteAt(...far) }).expect(201)
    expect(reasonsOf(beyond.body, farCode)).toEqual([])
    expect(beyond.body.verdict).toBe('clear')
    expect(beyond.body.reasons.map((x: Reason) => x.code)).toEqual(['NO_LIMIT_FOUND'])
  })

  it('when an industry outside the controlled list is sited 998 m from an area, then the area is a note and nothing is found to limit it', async () => {
    const at = nextCell()
    const code = await priorityArea(at, 998)
    const res = await check(landOfficer, { geometry: await siteAt(...at), industry: 'pharmaceutical' }).expect(201)
    expect(res.body).toMatchObject({ verdict: 'clear', verdictName: '未发现限制', isControlledIndustry: false })
    expect(reasonsOf(res.body, code)).toMatchObject([{ code: 'PRIORITY_AREA_NEAR', severity: 'note' }])
  })
})

describe('饮用水水源保护区, 禁止生产区域 and 管控区域', () => {
  it('when the site lies inside a published 一级保护区, then it is 严格控制 citing the 管理规定; inside a 准保护区 须专项论证', async () => {
    const a = nextCell()
    const level1 = await waterZone(a, 'level1', -20)
    const res = await check(officer, { geometry: await siteAt(...a) }).expect(201)
    expect(res.body.verdict).toBe('controlled')
    const [r] = reasonsOf(res.body, String(level1))
    expect(r).toMatchObject({ code: 'WATER_SOURCE_LEVEL1', severity: 'controlled' })
    expect(r.basis).toContain('《饮用水水源保护区污染防治管理规定》')

    const b = nextCell()
    const quasi = await waterZone(b, 'quasi', -20)
    const inQuasi = await check(officer, { geometry: await siteAt(...b) }).expect(201)
    expect(inQuasi.body.verdict).toBe('assess')
    expect(reasonsOf(inQuasi.body, String(quasi))).toMatchObject([{ code: 'WATER_SOURCE_QUASI', severity: 'assess' }])
  })

  it('when a published 二级保护区 lies 998 m away, then 须专项论证; at 1002 m, or unpublished and overlapping, it is not read', async () => {
    const a = nextCell()
    const near = await waterZone(a, 'level2', 998)
    const res = await check(officer, { geometry: await siteAt(...a) }).expect(201)
    expect(res.body.verdict).toBe('assess')
    expect(reasonsOf(res.body, String(near))).toMatchObject([{ code: 'WATER_SOURCE_NEAR', severity: 'assess' }])

    const b = nextCell()
    await waterZone(b, 'level2', 1002)
    await waterZone(b, 'level1', -20, false)
    const clear = await check(officer, { geometry: await siteAt(...b) }).expect(201)
    expect(clear.body.verdict).toBe('clear')
    expect(clear.body.reasons.map((x: Reason) => x.code)).toEqual(['NO_LIMIT_FOUND'])
  })

  it('when a published ban zone lies 498 m away, then 须专项论证; at 502 m, or a draft overlapping, it is not read', async () => {
    const a = nextCell()
    const near = await banZone(a, 498)
    const res = await check(officer, { geometry: await siteAt(...a) }).expect(201)
    expect(res.body.verdict).toBe('assess')
    const [r] = reasonsOf(res.body, near)
    expect(r).toMatchObject({ code: 'BAN_ZONE_NEAR', severity: 'assess' })
    expect(r.basis).toContain('第四十九条')

    const b = nextCell()
    await banZone(b, 502)
    await banZone(b, -20, false)
    const clear = await check(officer, { geometry: await siteAt(...b) }).expect(201)
    expect(clear.body.verdict).toBe('clear')
  })

  it('when the site lies in a published control zone, then 严格控制; 498 m away 须专项论证; 502 m away or a draft, not read', async () => {
    const a = nextCell()
    const inside = await controlZone(a, -20)
    const res = await check(officer, { geometry: await siteAt(...a) }).expect(201)
    expect(res.body.verdict).toBe('controlled')
    expect(reasonsOf(res.body, inside)).toMatchObject([{ code: 'CONTROL_ZONE_INSIDE', severity: 'controlled' }])

    const b = nextCell()
    const near = await controlZone(b, 498)
    const nearRes = await check(officer, { geometry: await siteAt(...b) }).expect(201)
    expect(reasonsOf(nearRes.body, near)).toMatchObject([{ code: 'CONTROL_ZONE_NEAR', severity: 'assess' }])

    const c = nextCell()
    await controlZone(c, 502)
    await controlZone(c, -20, false)
    const clear = await check(officer, { geometry: await siteAt(...c) }).expect(201)
    expect(clear.body.verdict).toBe('clear')
  })
})

describe('monitoring results near the site', () => {
  it('when a point with a soil result lies 300 m away, then it is listed with its distance and flag, and the verdict is left alone', async () => {
    const [x, y] = nextCell()
    const code = fresh(`${COUNTY}-JC`)
    const { rows } = await db.query(
      `INSERT INTO monitoring_point (adcode, code, name, level, point_type, land_use, geom, created_by)
       VALUES ($1, $2, '选址测试点位', 'county', 'basic', '0101', ST_Transform(ST_SetSRID(ST_MakePoint(${X0 + x + 50}, ${Y0 + y + 400}), ${EPSG}), 4490), 'test')
       RETURNING id`,
      [COUNTY, code],
    )
    await db.query(
      `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, ph, values_mg_kg) VALUES ($1, $2, '2025-06-01', 'soil', 6.0, '{"cd": 0.9}')`,
      [COUNTY, rows[0].id],
    )
    const res = await check(officer, { geometry: await siteAt(x, y) }).expect(201)
    expect(res.body.verdict).toBe('clear')
    const [p] = res.body.monitoring
    expect(p).toMatchObject({ code, sampledOn: '2025-06-01', flag: 'screening', flagName: '超筛选值' })
    expect(p.distanceM).toBeGreaterThan(298)
    expect(p.distanceM).toBeLessThan(302)
    expect(p.exceedances.join('')).toContain('镉')
  })
})

describe('records, list, report and scope', () => {
  it('when a check is recorded, then it is listed under its filters, read back, and printed with its number, verdict and reasons', async () => {
    const at = nextCell()
    const code = await priorityArea(at, 10)
    const made = await check(officer, {
      geometry: await siteAt(...at),
      industry: 'electroplating',
      reference: '发改备〔2026〕7号',
    }).expect(201)
    const { id, number } = made.body
    const list = await approver.agent
      .get('/api/siting-checks')
      .query({ verdict: 'controlled', industry: 'electroplating', q: '发改备' })
      .expect(200)
    expect(list.body.items.map((i: { id: number }) => i.id)).toContain(id)
    const one = await landOfficer.agent.get(`/api/siting-checks/${id}`).expect(200)
    expect(one.body).toMatchObject({ id, number, industryName: '电镀', verdict: 'controlled' })

    const pdf = await approver.agent.get(`/api/siting-checks/${id}/report.pdf`).responseType('blob').expect(200)
    expect(pdf.headers['content-type']).toBe('application/pdf')
    const { text } = await pdfText(pdf.body as Buffer)
    const flat = squash(text)
    expect(flat).toContain('建设项目选址核查意见书')
    expect(flat).toContain(squash(number))
    expect(flat).toContain('严格控制')
    expect(flat).toContain(code)
    expect(flat).toContain('《土壤污染防治行动计划》（八）')
  })

  it('when an officer of another county checks a site here or reads a record, then 403; an unknown record 404', async () => {
    const at = nextCell()
    const before = await countChecks()
    const res = await check(stranger, { geometry: await siteAt(...at) }).expect(403)
    expect(res.body.error.message).toContain('选址测试县')
    expect(await countChecks()).toBe(before)
    const mine = await check(officer, { geometry: await siteAt(...nextCell()) }).expect(201)
    await stranger.agent.get(`/api/siting-checks/${mine.body.id}`).expect(403)
    await stranger.agent.get(`/api/siting-checks/${mine.body.id}/report.pdf`).expect(403)
    expect((await stranger.agent.get('/api/siting-checks').expect(200)).body.items).toEqual([])
    await officer.agent.get('/api/siting-checks/999999999999').expect(404)
    await check(farmland, { geometry: await siteAt(...nextCell()) }).expect(403)
  })

  it('when the input is bad, then 4xx in Chinese naming what is wrong, and nothing is written', async () => {
    const [x, y] = nextCell()
    const before = await countChecks()
    const site = await siteAt(x, y)
    const unknown = await check(officer, { geometry: site, industry: 'steel' }).expect(400)
    expect(JSON.stringify(unknown.body)).toContain('拟建项目行业应为以下之一')
    const noName = await check(officer, { geometry: site, projectName: ' ' }).expect(400)
    expect(JSON.stringify(noName.body)).toContain('建设项目名称')
    const ring = (site as { coordinates: number[][][] }).coordinates[0]
    const bowtie = { type: 'Polygon', coordinates: [[ring[0], ring[2], ring[1], ring[3], ring[0]]] }
    const invalid = await check(officer, { geometry: bowtie }).expect(422)
    expect(JSON.stringify(invalid.body)).toContain('拟选址')
    const sea = {
      type: 'Polygon',
      coordinates: [
        [
          [125, 20],
          [125.001, 20],
          [125.001, 20.001],
          [125, 20.001],
          [125, 20],
        ],
      ],
    }
    const outside = await check(officer, { geometry: sea }).expect(422)
    expect(outside.body.error.message).toMatch(/[\u4e00-\u9fa5]/)
    const straddling = await check(officer, { geometry: await siteAt(SIZE - 50, y) }).expect(422)
    expect(JSON.stringify(straddling.body)).toContain('拟选址')
    expect(await countChecks()).toBe(before)
  })

  it('when the industry list is asked for, then the plan’s six are marked 严格控制 and the distances are given', async () => {
    const res = await landOfficer.agent.get('/api/reference/siting-industries').expect(200)
    const controlled = res.body.industries.filter((i: { isControlled: boolean }) => i.isControlled)
    expect(controlled.map((i: { name: string }) => i.name)).toEqual([
      '有色金属冶炼',
      '石油加工',
      '化工',
      '焦化',
      '电镀',
      '制革',
    ])
    expect(res.body.industries.map((i: { name: string }) => i.name)).toContain('铅酸蓄电池制造')
    expect(res.body.distancesM).toMatchObject({ priorityArea: 1000, waterSource: 1000, banZone: 500, controlZone: 500 })
  })
})

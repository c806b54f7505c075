import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let approver: Session
let farmland: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'environment')
  approver = await signInAs(app, 'approver')
  farmland = await signInAs(app, 'farmland')
})
afterAll(() => db.close())

let made = 0
const unique = (prefix: string) =>
  `${prefix}-T${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()

/** A spot of a county (the surface point of one of its parcels; each call takes another). */
async function spot(adcode = '430903'): Promise<[number, number]> {
  made++
  const {
    rows: [r],
  } = await db.query(
    `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM farmland_parcel WHERE adcode = $1 ORDER BY id OFFSET $2 LIMIT 1`,
    [adcode, (made * 7) % 390],
  )
  return [Number(r.lon), Number(r.lat)]
}

/** A square of side 2·`half` degrees around a point. */
function square([lon, lat]: [number, number], half: number) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  }
}

/** A plot of our own in `status`, about 60 m wide around `at`. */
async function insertPlot(
  at: [number, number],
  status = 'listed',
  reviewStatus = 'published',
  adcode = '430903',
): Promise<{ id: number; code: string }> {
  const code = unique('GKDK')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, geom, review_status)
    VALUES ($1, $2, '管控测试地块 ' || $2, $3, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($4), 4490)), $5) RETURNING id`,
    [adcode, code, status, JSON.stringify(square(at, 0.0003)), reviewStatus],
  )
  return { id: Number(r.id), code }
}

/** A complete zone body around a listed plot: outline ~200 m, one sign inside, announcement, monitoring. */
async function completeBody(overrides: Record<string, unknown> = {}) {
  const at = await spot()
  const plot = await insertPlot(at)
  return {
    plot,
    at,
    body: {
      name: unique('测试管控区域'),
      geometry: square(at, 0.001),
      plotIds: [plot.id],
      signs: [{ label: '东门标识牌', lon: at[0] + 0.0009, lat: at[1] }],
      announcementNo: '赫环公告〔2026〕7号',
      announcementDate: '2026-03-01',
      announcementText: '该区域为暂不开发利用的污染地块管控区域，禁止擅自开挖。',
      monitorSoil: true,
      monitorSurfaceWater: false,
      monitorGroundwater: true,
      monitorAir: false,
      ...overrides,
    },
  }
}

const post = (s: Session, body: unknown) =>
  s.agent
    .post('/api/control-zones')
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
const patch = (s: Session, id: number, body: unknown) =>
  s.agent
    .patch(`/api/control-zones/${id}`)
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
const review = (s: Session, id: number, action: string, body: Record<string, unknown> = {}) =>
  s.agent.post(`/api/reviews/control-zone/${id}/${action}`).set('X-CSRF-Token', s.csrfToken).send(body)

async function zonesNamed(name: string): Promise<number> {
  return Number((await db.query(`SELECT count(*) FROM control_zone WHERE name = $1`, [name])).rows[0].count)
}

async function historyOf(id: number) {
  return (
    await db.query(
      `SELECT action, actor, reason, before, after FROM change_history WHERE entity = 'control_zone' AND entity_id = $1 ORDER BY id`,
      [id],
    )
  ).rows
}

describe('POST /api/control-zones', () => {
  it('when an officer draws a complete zone around a listed plot, then it is a draft with the next county code, its plot, sign, announcement, monitoring and a create history row', async () => {
    const { body, plot } = await completeBody()
    const res = await post(officer, body)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      name: body.name,
      adcode: '430903',
      version: 1,
      reviewStatus: 'draft',
      reviewStatusName: '草稿',
      isEditable: true,
      isComplete: true,
      plots: [{ id: plot.id, code: plot.code, status: 'listed', listName: '建设用地土壤污染风险管控和修复名录' }],
      signs: [{ label: '东门标识牌', distanceM: 0 }],
      announcement: { number: '赫环公告〔2026〕7号', date: '2026-03-01', text: body.announcementText },
      monitoring: { soil: true, surfaceWater: false, groundwater: true, air: false },
      monitoringNames: ['土壤', '地下水'],
      missingForSubmit: [],
      updatedBy: 'huanjing',
    })
    expect(res.body.code).toMatch(/^430903-GK\d{3}$/)
    expect(res.body.review.actions.map((a: { action: string }) => a.action)).toEqual(['submit'])
    expect(res.body.areaM2).toBeGreaterThan(30_000)
    const history = await historyOf(res.body.id)
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({
      action: 'create',
      actor: 'huanjing',
      before: null,
      after: { code: res.body.code, plotIds: [plot.id] },
    })
    const second = await post(officer, (await completeBody()).body)
    expect(Number(second.body.code.slice(-3))).toBe(Number(res.body.code.slice(-3)) + 1)
  })

  it('when the outline crosses itself, then 422 says where, and nothing is written', async () => {
    const { body, at } = await completeBody()
    const [x, y] = at
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [x - 0.001, y - 0.001],
          [x + 0.001, y + 0.001],
          [x + 0.001, y - 0.001],
          [x - 0.001, y + 0.001],
          [x - 0.001, y - 0.001],
        ],
      ],
    }
    const res = await post(officer, { ...body, geometry: bowTie })
    expect(res.status).toBe(422)
    expect(res.body.error.code).toBe('GEOMETRY_CHECK')
    expect(res.body.error.message).toMatch(/管控区域边界边界自相交，位置 \d+\.\d+, \d+\.\d+/)
    expect(res.body.error.details.problems[0]).toMatchObject({ code: 'INVALID_GEOMETRY', field: 'geometry' })
    expect(await zonesNamed(body.name)).toBe(0)
  })

  it('when the outline is not a polygon or is in projected metres, then 422 names the problem', async () => {
    const { body } = await completeBody()
    const point = await post(officer, { ...body, geometry: { type: 'Point', coordinates: [112.3, 28.5] } })
    expect(point.status).toBe(422)
    expect(point.body.error.message).toContain('类型应为 Polygon 或 MultiPolygon')
    const metres = await post(officer, { ...body, geometry: square([38_500_000, 3_160_000], 100) })
    expect(metres.status).toBe(422)
    expect(metres.body.error.details.problems[0].code).toBe('WRONG_CRS')
    expect(await zonesNamed(body.name)).toBe(0)
  })

  it('when a sign stands more than 50 m outside the zone, then 422 names that sign and its distance, and nothing is written', async () => {
    const { body, at } = await completeBody()
    const res = await post(officer, {
      ...body,
      signs: [body.signs[0], { label: '北侧标识牌', lon: at[0], lat: at[1] + 0.0025 }],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toMatch(
      /第 2 个标识“北侧标识牌”距管控区域边界 1\d\d\.\d 米，标识应设在区域内或边界外 50 米以内/,
    )
    expect(res.body.error.details.problems).toEqual([
      expect.objectContaining({ code: 'SIGN_TOO_FAR', field: 'signs.1' }),
    ])
    expect(await zonesNamed(body.name)).toBe(0)
  })

  it('when a sign stands 30 m outside the zone, then it is accepted with its distance', async () => {
    const { body, at } = await completeBody()
    const res = await post(officer, {
      ...body,
      signs: [{ label: '路口标识牌', lon: at[0], lat: at[1] + 0.001 + 30 / 111_000 }],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.signs[0].distanceM).toBeGreaterThan(25)
    expect(res.body.signs[0].distanceM).toBeLessThan(35)
  })

  it('when a protected plot is only suspected, then 400 names the plot, its state and the states allowed', async () => {
    const { body, at } = await completeBody()
    const suspected = await insertPlot([at[0] + 0.0005, at[1]], 'suspected')
    const res = await post(officer, { ...body, plotIds: [...body.plotIds, suspected.id] })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('VALIDATION')
    expect(res.body.error.message).toContain(`地块 ${suspected.code}`)
    expect(res.body.error.message).toContain(
      '当前为“疑似污染地块”，不能划入管控区域；只有“列入风险管控和修复名录”、“污染地块”',
    )
    expect(await zonesNamed(body.name)).toBe(0)
  })

  it('when a protected plot lies outside the zone, then 422 says the zone must cover it', async () => {
    const { body } = await completeBody()
    const far = await insertPlot(await spot())
    const res = await post(officer, { ...body, plotIds: [far.id] })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain(`地块 ${far.code}`)
    expect(res.body.error.message).toContain('不在管控区域范围内')
  })

  it('when a plot id does not exist or repeats, then 400 says so', async () => {
    const { body } = await completeBody()
    const missing = await post(officer, { ...body, plotIds: [999_999_999] })
    expect(missing.status).toBe(400)
    expect(missing.body.error.message).toContain('没有编号为 999999999 的污染地块')
    const twice = await post(officer, { ...body, plotIds: [body.plotIds[0], body.plotIds[0]] })
    expect(twice.status).toBe(400)
    expect(twice.body.error.message).toContain('重复')
  })

  it('when a plot of another county is named, then 400 says where it lies', async () => {
    const { body } = await completeBody()
    const jilin = await insertPlot(await spot('220322'), 'listed', 'published', '220322')
    const res = await post(officer, { ...body, plotIds: [jilin.id] })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('位于梨树县，管控区域在赫山区')
  })

  it('when the fields are missing or wrong, then 400 names each, and nothing is written', async () => {
    const { body } = await completeBody()
    const res = await post(officer, {
      ...body,
      name: ' ',
      monitorAir: undefined,
      announcementDate: '2999-01-01',
      signs: [{ label: '', lon: 200, lat: 28 }],
    })
    expect(res.status).toBe(400)
    for (const words of [
      '管控区域名称必填',
      '须说明是否监测环境空气',
      '公告日期不能晚于今天',
      '标识名称必填',
      '标识经度应在 73–136° 之间',
    ]) {
      expect(res.body.error.message).toContain(words)
    }
    const badDate = await post(officer, { ...body, announcementDate: '2026-02-30' })
    expect(badDate.body.error.message).toContain('公告日期不是有效的日期')
    expect(await zonesNamed(body.name)).toBe(0)
  })

  it("when the outline lies in a county outside the officer's scope, then 403 names that county", async () => {
    const { body } = await completeBody()
    const res = await post(officer, { ...body, geometry: square(await spot('220322'), 0.001), plotIds: [], signs: [] })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('OUT_OF_SCOPE')
    expect(res.body.error.message).toContain('梨树县')
    expect(await zonesNamed(body.name)).toBe(0)
  })

  it('when the outline lies in another county than the one named, or in no county, then 422 says so, and nothing is written', async () => {
    const { body } = await completeBody()
    const elsewhere = await post(officer, {
      ...body,
      adcode: '430903',
      geometry: square(await spot('220322'), 0.001),
      plotIds: [],
      signs: [],
    })
    expect(elsewhere.status).toBe(422)
    expect(elsewhere.body.error.details.problems[0]).toMatchObject({ code: 'OUTSIDE_COUNTY', field: 'geometry' })
    expect(elsewhere.body.error.message).toContain('超出赫山区边界')
    const sea = await post(officer, { ...body, geometry: square([121.5, 20.5], 0.001), plotIds: [], signs: [] })
    expect(sea.status).toBe(422)
    expect(sea.body.error.message).toBe('管控区域边界不在本系统的任何区县内')
    expect(await zonesNamed(body.name)).toBe(0)
  })

  it('when the outline has more vertices than the setting allows, then 422 names the count and the limit', async () => {
    const strict = createTestApp(db, { registry: { zoneMaxVertices: 4, signMaxDistanceM: 50, feedVersions: 10 } })
    const s = await signInAs(strict, 'environment')
    const { body, at } = await completeBody()
    const [x, y] = at
    const pentagon = {
      type: 'Polygon',
      coordinates: [
        [
          [x - 0.001, y - 0.001],
          [x + 0.001, y - 0.001],
          [x + 0.0012, y],
          [x + 0.001, y + 0.001],
          [x - 0.001, y + 0.001],
          [x - 0.001, y - 0.001],
        ],
      ],
    }
    const res = await post(s, { ...body, geometry: pentagon })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toBe('管控区域边界有 5 个顶点，超过上限 4 个，请简化边界')
    expect(await zonesNamed(body.name)).toBe(0)
  })

  it('when a farmland officer creates a zone, then 403 and nothing is written', async () => {
    const { body } = await completeBody()
    const res = await post(farmland, body)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
    expect(await zonesNamed(body.name)).toBe(0)
  })
})

describe('PATCH /api/control-zones/:id', () => {
  it('when the officer adds a sign and changes the announcement, then the version goes up and the history holds before and after', async () => {
    const { body, at } = await completeBody()
    const zone = (await post(officer, body)).body
    const res = await patch(officer, zone.id, {
      version: 1,
      announcementNo: '赫环公告〔2026〕8号',
      signs: [...body.signs, { label: '西门标识牌', lon: at[0] - 0.0009, lat: at[1] }],
      reason: '补设标识',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      version: 2,
      announcement: { number: '赫环公告〔2026〕8号', date: '2026-03-01' },
      name: body.name,
    })
    expect(res.body.signs.map((s: { label: string }) => s.label)).toEqual(['东门标识牌', '西门标识牌'])
    const history = await historyOf(zone.id)
    expect(history.map((h) => h.action)).toEqual(['create', 'update'])
    expect(history[1]).toMatchObject({
      reason: '补设标识',
      before: { announcementNo: '赫环公告〔2026〕7号', version: 1 },
      after: { announcementNo: '赫环公告〔2026〕8号', version: 2 },
    })
  })

  it('when the officer edits an old version, then 409 says who changed it and when, and nothing is written', async () => {
    const zone = (await post(officer, (await completeBody()).body)).body
    expect((await patch(officer, zone.id, { version: 1, name: `${zone.name}（改）` })).status).toBe(200)
    const stale = await patch(officer, zone.id, { version: 1, name: '不应保存' })
    expect(stale.status).toBe(409)
    expect(stale.body.error.message).toMatch(
      /已被 生态环境管理员（示例）（huanjing）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改（您看到的是第 1 版，当前为第 2 版）/,
    )
    expect(stale.body.error.details).toMatchObject({ yourVersion: 1, currentVersion: 2, changedBy: 'huanjing' })
    expect((await db.query(`SELECT name FROM control_zone WHERE id = $1`, [zone.id])).rows[0].name).toBe(
      `${zone.name}（改）`,
    )
  })

  it('when the new outline leaves a sign far outside, then 422 and the zone keeps its outline', async () => {
    const { body, at } = await completeBody()
    const zone = (await post(officer, body)).body
    const res = await patch(officer, zone.id, {
      version: 1,
      geometry: square([at[0] - 0.0006, at[1]], 0.0004),
      plotIds: [],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain('第 1 个标识“东门标识牌”')
    expect((await db.query(`SELECT version FROM control_zone WHERE id = $1`, [zone.id])).rows[0].version).toBe(1)
  })

  it('when a submitted zone is edited, then 409 says to wait for the review', async () => {
    const zone = (await post(officer, (await completeBody()).body)).body
    expect((await review(officer, zone.id, 'submit')).status).toBe(200)
    const res = await patch(officer, zone.id, { version: 2, name: '不应保存' })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('当前为“已提交”，不能修改')
  })

  it('when the zone is moved to another county by its adcode, then 400', async () => {
    const zone = (await post(officer, (await completeBody()).body)).body
    const res = await patch(officer, zone.id, { version: 1, adcode: '220322' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('不能改到其他区县')
  })
})

describe('submitting a control zone for review', () => {
  it('when the announcement, the signs and the plots are missing, then the submission is refused naming each, and the zone stays a draft', async () => {
    const { body } = await completeBody({
      announcementNo: null,
      announcementDate: null,
      announcementText: '  ',
      signs: [],
      plotIds: [],
    })
    const zone = (await post(officer, body)).body
    expect(zone.missingForSubmit).toEqual(['公告文号', '公告日期', '公告内容', '至少一个标识', '至少一个受管控的地块'])
    const res = await review(officer, zone.id, 'submit')
    expect(res.status).toBe(409)
    expect(res.body.error.message).toBe(
      `管控区域“${body.name}”：缺少公告文号、公告日期、公告内容、至少一个标识、至少一个受管控的地块，不能提交审定；请补全后再提交`,
    )
    expect(
      (await db.query(`SELECT review_status, version FROM control_zone WHERE id = $1`, [zone.id])).rows[0],
    ).toEqual({ review_status: 'draft', version: 1 })
  })

  it('when only the sign is missing, then only the sign is named', async () => {
    const zone = (await post(officer, (await completeBody({ signs: [] })).body)).body
    const res = await review(officer, zone.id, 'submit')
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('缺少至少一个标识，不能提交审定')
  })

  it('when a complete zone is submitted, approved and published, then the public map lists it with its announcement and signs', async () => {
    const { body } = await completeBody()
    const zone = (await post(officer, body)).body
    expect((await review(officer, zone.id, 'submit', { version: 1 })).status).toBe(200)
    expect((await review(approver, zone.id, 'approve')).status).toBe(200)
    expect((await review(approver, zone.id, 'publish')).status).toBe(200)
    const pub = await approver.agent.get('/api/public/control-zones?adcode=430903')
    const shown = pub.body.zones.find((z: { code: string }) => z.code === zone.code)
    expect(shown).toMatchObject({
      name: body.name,
      announcement: { number: '赫环公告〔2026〕7号' },
      signs: [{ label: '东门标识牌' }],
      monitoring: ['土壤', '地下水'],
    })
    const after = (await officer.agent.get(`/api/control-zones/${zone.id}`)).body
    expect(after).toMatchObject({ reviewStatus: 'published', isEditable: false })
    const edit = await patch(officer, zone.id, { version: after.version, name: '不应保存' })
    expect(edit.status).toBe(409)
    expect(edit.body.error.message).toContain('请先“重新编辑”')
  })
})

describe('GET /api/control-zones', () => {
  it('when an officer lists the zones of the county, then each comes with its state and counts; another county is refused by name', async () => {
    const zone = (await post(officer, (await completeBody()).body)).body
    const res = await officer.agent.get('/api/control-zones?adcode=430903')
    expect(res.status).toBe(200)
    expect(res.body.items.find((z: { id: number }) => z.id === zone.id)).toMatchObject({
      code: zone.code,
      reviewStatus: 'draft',
      plotCount: 1,
      signCount: 1,
      version: 1,
    })
    expect(res.body.items.some((z: { code: string }) => z.code === '430903-GK001')).toBe(true)
    const other = await officer.agent.get('/api/control-zones?adcode=220322')
    expect(other.status).toBe(403)
    expect(other.body.error.message).toContain('梨树县')
    expect((await officer.agent.get('/api/control-zones?adcode=999999')).status).toBe(404)
    expect((await officer.agent.get('/api/control-zones?adcode=abc')).status).toBe(400)
  })

  it('when a zone of another county or an unknown zone is opened, then 403 naming the county, or 404', async () => {
    const {
      rows: [jilin],
    } = await db.query(`SELECT id FROM control_zone WHERE adcode = '220322' LIMIT 1`)
    const other = await officer.agent.get(`/api/control-zones/${jilin.id}`)
    expect(other.status).toBe(403)
    expect(other.body.error.message).toContain('梨树县')
    expect((await officer.agent.get('/api/control-zones/999999999')).status).toBe(404)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import { inject } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { FARMLAND_CLASS } from '../../server/src/domain/labels.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { BOTH_TEST_COUNTIES, signInNewUser } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
/** A staff user scoped to both test counties, so the old checks across 赫山区 and 梨树县 still hold. */
let staff: Session
/** The sample environment officer, scoped to 赫山区 (430903) only. */
let heshanOnly: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  staff = await signInNewUser(app, db, { role: 'environment', scopes: BOTH_TEST_COUNTIES })
  heshanOnly = await signInAs(app, 'environment')
})
afterAll(() => db.close())

describe('GET /api/health', () => {
  it('when asked, then it says which database mode runs and the PostgreSQL and PostGIS versions', async () => {
    const res = await request(app).get('/api/health')
    expect(res.status).toBe(200)
    expect(res.body.mode).toBe(inject('databaseMode'))
    expect(res.body.postgresVersion).toMatch(/^\d+\.\d+/)
    expect(res.body.postgisVersion).toMatch(/^3\.\d+/)
    expect(res.body.counties).toBe(2)
  })
})

describe('GET /api/search', () => {
  it('when a county name is searched, then the county comes first with its extent', async () => {
    const res = await staff.agent.get('/api/search').query({ q: '赫山' })
    expect(res.status).toBe(200)
    const [first] = res.body.results
    expect(first).toMatchObject({ kind: 'county', kindName: '区县', code: '430903', name: '赫山区' })
    expect(first.bbox[0]).toBeGreaterThan(112)
    expect(first.bbox[2]).toBeGreaterThan(first.bbox[0])
  })

  it('when a county code is searched, then the county is found', async () => {
    const res = await staff.agent.get('/api/search').query({ q: '220322' })
    expect(res.body.results[0]).toMatchObject({ kind: 'county', name: '梨树县' })
  })

  it('when a township name or code is searched, then the township is found with its county as context', async () => {
    const byName = await staff.agent.get('/api/search').query({ q: '赫山街道' })
    expect(byName.body.results).toContainEqual(
      expect.objectContaining({ kind: 'township', code: '430903001', context: '益阳市 赫山区' }),
    )
    const byCode = await staff.agent.get('/api/search').query({ q: '430903001' })
    expect(byCode.body.results.some((r: any) => r.kind === 'township' && r.name === '赫山街道')).toBe(true)
  })

  it('when a parcel code is searched, then the parcel is found with its id', async () => {
    const { rows } = await db.query(
      `SELECT id, code FROM farmland_parcel WHERE adcode = '220322' ORDER BY code LIMIT 1`,
    )
    const res = await staff.agent.get('/api/search').query({ q: rows[0].code })
    expect(res.body.results).toContainEqual(
      expect.objectContaining({ kind: 'parcel', id: rows[0].id, code: rows[0].code }),
    )
  })

  it('when part of a plot name is searched, then the plot is found', async () => {
    const { rows } = await db.query(`SELECT id, name FROM contaminated_plot ORDER BY id LIMIT 1`)
    const res = await staff.agent.get('/api/search').query({ q: rows[0].name.slice(0, 6) })
    expect(res.body.results).toContainEqual(
      expect.objectContaining({ kind: 'plot', kindName: '污染地块', id: rows[0].id }),
    )
  })

  it('when a monitoring point code or part of its name is searched, then the point is found with its id, only within the scope', async () => {
    const {
      rows: [point],
    } = await db.query(
      `SELECT id, code, name FROM monitoring_point WHERE adcode = '220322' AND is_generated ORDER BY code LIMIT 1`,
    )
    const byCode = await staff.agent.get('/api/search').query({ q: point.code })
    expect(byCode.body.results).toContainEqual(
      expect.objectContaining({ kind: 'point', kindName: '监测点位', id: point.id, code: point.code }),
    )
    const byName = await staff.agent.get('/api/search').query({ q: point.name.slice(0, 6) })
    expect(byName.body.results).toContainEqual(expect.objectContaining({ kind: 'point', id: point.id }))
    const outside = await heshanOnly.agent.get('/api/search').query({ q: point.code })
    expect(outside.status).toBe(200)
    expect(outside.body.results.filter((r: { kind: string }) => r.kind === 'point')).toEqual([])
  })

  it('when LIKE wildcards are searched, then they match literally, not everything', async () => {
    const res = await staff.agent.get('/api/search').query({ q: '%%' })
    expect(res.status).toBe(200)
    expect(res.body.results).toEqual([])
  })

  it.each([
    ['', '请输入检索内容'],
    ['   ', '请输入检索内容'],
    ['省'.repeat(51), '检索内容过长'],
  ])('when q is %j, then 400 with the reason', async (q, reason) => {
    const res = await staff.agent.get('/api/search').query({ q })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(reason)
  })

  it('when q is missing, then 400', async () => {
    expect((await staff.agent.get('/api/search')).status).toBe(400)
  })
})

describe('GET /api/features/{layer}/{id}', () => {
  it('when a parcel is asked, then its attributes come in Chinese with class, land code and area in 亩', async () => {
    const { rows } = await db.query(
      `SELECT id, code, class FROM farmland_parcel WHERE is_generated ORDER BY class = 'strict' DESC, id LIMIT 1`,
    )
    const res = await staff.agent.get(`/api/features/parcel/${rows[0].id}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ layer: 'parcel', layerName: '耕地图斑', title: `耕地图斑 ${rows[0].code}` })
    const fields = Object.fromEntries(res.body.fields.map((f: any) => [f.label, f.value]))
    expect(fields['类别']).toBe(FARMLAND_CLASS[rows[0].class as keyof typeof FARMLAND_CLASS])
    expect(fields['地类']).toMatch(/^01(01 水田|02 水浇地|03 旱地)|0201 果园/)
    expect(fields['面积']).toMatch(/^\d+\.\d\d 亩（\d+\.\d\d 公顷）$/)
    expect(fields['数据来源']).toContain('示例数据')
  })

  it.each([
    ['county', '行政区划代码', `SELECT adcode::int AS id FROM county LIMIT 1`],
    ['township', '乡镇代码', `SELECT code::bigint AS id FROM township LIMIT 1`],
    ['monitoring-point', '点位级别', `SELECT id FROM monitoring_point LIMIT 1`],
    ['contaminated-plot', '负面清单', `SELECT id FROM contaminated_plot LIMIT 1`],
    ['contaminated-plot-point', '地块编号', `SELECT id FROM contaminated_plot LIMIT 1`],
    ['control-zone', '公告文号', `SELECT id FROM control_zone LIMIT 1`],
    ['enterprise', '统一社会信用代码', `SELECT id FROM supervised_enterprise LIMIT 1`],
    ['enterprise-point', '行业', `SELECT id FROM supervised_enterprise LIMIT 1`],
  ])('when a %s feature is asked, then its panel has the field %s', async (layer, label, sql) => {
    const { rows } = await db.query(sql)
    const res = await staff.agent.get(`/api/features/${layer}/${rows[0].id}`)
    expect(res.status).toBe(200)
    expect(res.body.fields.map((f: any) => f.label)).toContain(label)
    expect(res.body.bbox).toHaveLength(4)
  })

  it("when an enterprise of industry 其他 is asked, then its panel names 其他 and the officer's words, not a code", async () => {
    const { rows } = await db.query(`SELECT id, industry, industry_other FROM supervised_enterprise LIMIT 1`)
    await db.query(
      `UPDATE supervised_enterprise SET industry = 'other', industry_other = '废旧电池回收' WHERE id = $1`,
      [rows[0].id],
    )
    try {
      const res = await staff.agent.get(`/api/features/enterprise/${rows[0].id}`).expect(200)
      const fields = Object.fromEntries(res.body.fields.map((f: any) => [f.label, f.value]))
      expect(fields['行业']).toBe('其他（废旧电池回收）')
    } finally {
      await db.query(`UPDATE supervised_enterprise SET industry = $2, industry_other = $3 WHERE id = $1`, [
        rows[0].id,
        rows[0].industry,
        rows[0].industry_other,
      ])
    }
  })

  it('when the id does not exist, then 404 naming the layer and id', async () => {
    const res = await staff.agent.get('/api/features/parcel/999999999')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toContain('耕地图斑')
    expect(res.body.error.message).toContain('999999999')
  })

  it('when the id is not a number, then 400', async () => {
    const res = await staff.agent.get('/api/features/parcel/abc')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('要素编号应为数字')
  })

  it('when the layer has no attributes to show, then 404', async () => {
    expect((await staff.agent.get('/api/features/parcel-overview/1')).status).toBe(404)
    expect((await staff.agent.get('/api/features/nothing/1')).status).toBe(404)
  })
})

describe('GET /api/counties', () => {
  it('when asked, then every county comes with its extent, and the union extent covers them', async () => {
    const res = await staff.agent.get('/api/counties')
    expect(res.body.counties.map((c: any) => c.name).sort()).toEqual(['梨树县', '赫山区'].sort())
    const [w, s, e, n] = res.body.bbox
    for (const c of res.body.counties) {
      expect(c.bbox[0]).toBeGreaterThanOrEqual(w)
      expect(c.bbox[3]).toBeLessThanOrEqual(n)
    }
    expect(e).toBeGreaterThan(w)
    expect(n).toBeGreaterThan(s)
  })
})

describe("internal map routes and the user's county scope", () => {
  it.each(['/api/counties', '/api/search?q=赫山', '/api/features/parcel/1'])(
    'when %s is asked without a session, then 401 asking to sign in',
    async (url) => {
      const res = await request(app).get(url)
      expect(res.status).toBe(401)
      expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' })
    },
  )

  it('when a user scoped to 赫山区 lists counties, then only 赫山区 comes back', async () => {
    const res = await heshanOnly.agent.get('/api/counties')
    expect(res.status).toBe(200)
    expect(res.body.counties.map((c: any) => c.adcode)).toEqual(['430903'])
  })

  it('when a user scoped to 赫山区 searches a parcel code or a plot name of 梨树县, then nothing of 梨树县 is found', async () => {
    const {
      rows: [parcel],
    } = await db.query(`SELECT code FROM farmland_parcel WHERE adcode = '220322' ORDER BY code LIMIT 1`)
    const {
      rows: [plot],
    } = await db.query(`SELECT name FROM contaminated_plot WHERE adcode = '220322' ORDER BY id LIMIT 1`)
    for (const q of [parcel.code, plot.name]) {
      const res = await heshanOnly.agent.get('/api/search').query({ q })
      expect(res.status).toBe(200)
      expect(res.body.results.filter((r: any) => r.kind !== 'county')).toEqual([])
    }
    const both = await staff.agent.get('/api/search').query({ q: parcel.code })
    expect(both.body.results.some((r: any) => r.kind === 'parcel')).toBe(true)
  })

  it("when a user scoped to 赫山区 opens a parcel of 梨树县, then 403 naming 梨树县 and the user's own county", async () => {
    const {
      rows: [parcel],
    } = await db.query(`SELECT id FROM farmland_parcel WHERE adcode = '220322' ORDER BY id LIMIT 1`)
    const res = await heshanOnly.agent.get(`/api/features/parcel/${parcel.id}`)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('OUT_OF_SCOPE')
    expect(res.body.error.message).toContain('梨树县')
    expect(res.body.error.message).toContain('赫山区')
    expect((await staff.agent.get(`/api/features/parcel/${parcel.id}`)).status).toBe(200)
  })
})

describe('bad requests', () => {
  it('when an unknown API path is asked, then 404 JSON in Chinese', async () => {
    const res = await request(app).get('/api/nothing')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toContain('没有这个接口')
  })

  it('when malformed JSON is posted, then 400 saying so', async () => {
    const res = await request(app).post('/api/search').set('Content-Type', 'application/json').send('{"q":')
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('INVALID_JSON')
  })

  it('when an oversize body is posted, then 413', async () => {
    const res = await request(app)
      .post('/api/search')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ q: 'x'.repeat(3_000_000) }))
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE')
  })
})

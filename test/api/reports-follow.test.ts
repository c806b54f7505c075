import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signIn, signInAs, type Caller, type Session } from '../support/session.ts'
import { createTestUser } from '../support/users.ts'
import { tileAt } from '../support/tiles.ts'
import { readContract } from '../support/contract.ts'
import {
  NearbyEnterprisesResponse,
  ReportHistoryResponse,
  ReportItem,
  ReportReceived,
  ReportTracking,
} from '../../contracts/reports.ts'

/** Planted in every internal field of the reports this file makes; it must never reach a public answer. */
const MARKER = `RPTLEAK${Date.now().toString(36)}`
const DEPARTMENT = `${MARKER}执法大队`
const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/

let db: Database
let app: ReturnType<typeof createTestApp>
let at: { lon: number; lat: number }
let otherCountyAt: { lon: number; lat: number }
let officer: string
const env = {} as Session

const settings = (overrides: Partial<ReturnType<typeof loadConfig>['reports']> = {}) => ({
  reports: {
    ...loadConfig().reports,
    perWindow: 1000,
    lookupsPerWindow: 1000,
    departments: [DEPARTMENT, '农业农村局'],
    nearbyEnterpriseM: 1000,
    ...overrides,
  },
})

let sent = 0
/** Sends a report from the public form at `where`; the contact and the description carry the marker. */
async function sendReport(target = app, where = at): Promise<{ id: number; trackingCode: string }> {
  sent++
  const { agent, csrfToken } = await signIn(target, null)
  const res = await agent
    .post('/api/public/reports')
    .set('X-CSRF-Token', csrfToken)
    .field('lon', String(where.lon))
    .field('lat', String(where.lat))
    .field('description', `${MARKER} 第${sent}条：河堤边堆放的废渣散发刺鼻气味，雨后有黑水流入稻田。`)
    .field('contact', `${MARKER}-举报人 13700001111`)
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return readContract(ReportReceived, res.body)
}

async function reportNow(id: number): Promise<ReportItem> {
  const res = await env.agent.get('/api/reports')
  return res.body.reports.find((r: ReportItem) => r.id === id)
}

function post(session: Session, url: string, body: object) {
  return session.agent.post(url).set('X-CSRF-Token', session.csrfToken).send(body)
}

let credit = 0
/** A supervised enterprise of 赫山区 whose site is a 40 m square `eastM` metres east of the reported point. */
async function enterpriseEastOf(eastM: number, adcode = '430903'): Promise<number> {
  credit++
  const code = `91${crypto.randomBytes(8).toString('hex').toUpperCase()}`.slice(0, 17) + String(credit % 10)
  const dLon = 1 / (111_320 * Math.cos((at.lat * Math.PI) / 180))
  const x = at.lon + eastM * dLon
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
     VALUES ($1, $2, $3, 'electroplating', 'operating',
             ST_Multi(ST_MakeEnvelope($4::float8, $5::float8 - 0.0002, $4::float8 + 40 * $6::float8, $5::float8 + 0.0002, 4490)))
     RETURNING id`,
    [adcode, code, `举报测试电镀厂${credit}号`, x, at.lat, dLon],
  )
  return Number(r.id)
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db, settings())
  const {
    rows: [t],
  } = await db.query(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
       SELECT ST_PointOnSurface(geom) AS p FROM township WHERE adcode = '430903' ORDER BY code OFFSET 3 LIMIT 1) s`,
  )
  at = { lon: t.lon, lat: t.lat }
  const {
    rows: [o],
  } = await db.query(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM county WHERE adcode = '220322') s`,
  )
  otherCountyAt = o
  officer = (await createTestUser(db, { role: 'environment', scopes: ['430903'], displayName: `${MARKER}承办人` }))
    .username
  Object.assign(env, await signInAs(app, 'environment'))
})

afterAll(async () => {
  const plots = (
    await db.query(`SELECT plot_id FROM public_report WHERE description LIKE $1 AND plot_id IS NOT NULL`, [
      `${MARKER}%`,
    ])
  ).rows.map((r) => r.plot_id)
  await db.query(`DELETE FROM public_report WHERE description LIKE $1`, [`${MARKER}%`])
  await db.query(`DELETE FROM contaminated_plot WHERE id = ANY($1::bigint[])`, [plots])
  await db.query(`DELETE FROM supervised_enterprise WHERE name LIKE '举报测试电镀厂%'`)
  await db.close()
})

describe('the tracking code', () => {
  it('when a report is sent, then the answer carries a 12-character code in groups, and only its hash is stored', async () => {
    const { id, trackingCode } = await sendReport()
    expect(trackingCode).toMatch(CODE_FORMAT)
    const {
      rows: [row],
    } = await db.query(`SELECT to_jsonb(r) - 'photo' AS r FROM public_report r WHERE id = $1`, [id])
    expect(JSON.stringify(row.r)).not.toContain(trackingCode.replace(/-/g, ''))
    expect(JSON.stringify(row.r)).not.toContain(trackingCode)
    expect(row.r.tracking_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('when the code is looked up (in any case, with or without dashes), then only the state, the dates and the reply come back', async () => {
    const { trackingCode } = await sendReport()
    for (const typed of [trackingCode, trackingCode.toLowerCase().replace(/-/g, ' ')]) {
      const res = await request(app).get(`/api/public/reports/track/${encodeURIComponent(typed)}`)
      expect(res.status).toBe(200)
      expect(res.headers['cache-control']).toBe('no-store')
      const body = readContract(ReportTracking, res.body)
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'handledAt',
          'publicReply',
          'receivedAt',
          'repliedAt',
          'status',
          'statusChangedAt',
          'statusName',
          'trackingCode',
        ].sort(),
      )
      expect(body).toMatchObject({ trackingCode, status: 'new', statusName: '已受理', publicReply: null })
      expectNoMarker(res.text, 'tracking page')
    }
  })

  it('when a well-formed code no report has is looked up, then 404 in Chinese naming the code; text that cannot be a code is 400', async () => {
    const res = await request(app).get('/api/public/reports/track/2222-3333-4444')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toContain('没有查询码为 2222-3333-4444 的举报')
    const bad = await request(app).get(`/api/public/reports/track/${encodeURIComponent('ABC-!!')}`)
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('查询码格式不对')
  })

  it('when one address looks up more codes than the window allows, then 429 with a Chinese message', async () => {
    const limited = createTestApp(db, settings({ lookupsPerWindow: 2, lookupWindowMinutes: 10 }))
    expect((await request(limited).get('/api/public/reports/track/2222-3333-4444')).status).toBe(404)
    expect((await request(limited).get('/api/public/reports/track/2222-3333-4445')).status).toBe(404)
    const third = await request(limited).get('/api/public/reports/track/2222-3333-4446')
    expect(third.status).toBe(429)
    expect(third.body.error.message).toContain('10 分钟内最多查询 2 次')
  })
})

describe('following a report up', () => {
  it('when the officer assigns, notes, replies and closes at the versions seen, then the reporter sees 核查中, then the reply and 已办结, and the history lists each step', async () => {
    const { id, trackingCode } = await sendReport()
    const track = async () =>
      readContract(ReportTracking, (await request(app).get(`/api/public/reports/track/${trackingCode}`)).body)
    let item = await reportNow(id)
    expect(item).toMatchObject({ status: 'new', statusName: '已受理', version: 1, department: null })

    const assigned = await post(env, `/api/reports/${id}/assign`, {
      version: item.version,
      department: DEPARTMENT,
      assignee: officer,
    })
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200)
    item = readContract(ReportItem, assigned.body)
    expect(item).toMatchObject({ status: 'verifying', department: DEPARTMENT, assignee: officer, version: 2 })
    expect(item.assigneeName).toBe(`${MARKER}承办人`)
    expect((await track()).statusName).toBe('核查中')

    const noted = await post(env, `/api/reports/${id}/notes`, {
      version: 2,
      note: `${MARKER}-内部备注：疑为电镀厂偷排`,
    })
    expect(noted.status).toBe(200)
    const early = await post(env, `/api/reports/${id}/status`, { version: 3, status: 'handled' })
    expect(early.status).toBe(400)
    expect(early.body.error.message).toContain('办结前请先填写公开答复')
    const replied = await post(env, `/api/reports/${id}/reply`, {
      version: 3,
      reply: '经现场核查，废渣已清运，责令相关单位整改。感谢您的监督！',
    })
    expect(replied.status).toBe(200)
    const closed = await post(env, `/api/reports/${id}/status`, { version: 4, status: 'handled' })
    expect(closed.status).toBe(200)
    expect(closed.body).toMatchObject({ status: 'handled', statusName: '已办结', handledBy: 'huanjing', version: 5 })

    const seen = await track()
    expect(seen).toMatchObject({
      status: 'handled',
      statusName: '已办结',
      publicReply: '经现场核查，废渣已清运，责令相关单位整改。感谢您的监督！',
    })
    expect(seen.handledAt).toMatch(/^\d{4}-/)
    expect(seen.repliedAt).toMatch(/^\d{4}-/)

    const history = readContract(ReportHistoryResponse, (await env.agent.get(`/api/reports/${id}/history`)).body)
    expect(history.events.map((e) => [e.action, e.actor])).toEqual([
      ['assign', 'huanjing'],
      ['note', 'huanjing'],
      ['reply', 'huanjing'],
      ['status', 'huanjing'],
    ])
    expect(history.events[1].body).toContain('疑为电镀厂偷排')
    expect(history.events[3].detail).toEqual({ from: 'verifying', to: 'handled' })
  })

  it('when a change is sent at a version older than the report, then 409 in Chinese names who changed it and nothing is written', async () => {
    const { id } = await sendReport()
    expect((await post(env, `/api/reports/${id}/reply`, { version: 1, reply: '已收到，正在安排核查。' })).status).toBe(
      200,
    )
    const stale = await post(env, `/api/reports/${id}/notes`, { version: 1, note: '过期版本的备注' })
    expect(stale.status).toBe(409)
    expect(stale.body.error.message).toMatch(/已被 .*huanjing.* 修改（您看到的是第 1 版，当前为第 2 版），请刷新后重试/)
    const staleHandle = await post(env, `/api/reports/${id}/handle`, { version: 1, note: '过期版本的办结' })
    expect(staleHandle.status).toBe(409)
    const {
      rows: [r],
    } = await db.query(
      `SELECT version, status, (SELECT count(*)::int FROM public_report_event e WHERE e.report_id = r.id) AS events
       FROM public_report r WHERE id = $1`,
      [id],
    )
    expect(r).toEqual({ version: 2, status: 'new', events: 1 })
  })

  it('when the department is not in the list or the officer is not of the county, then 400 names it and nothing changes', async () => {
    const { id } = await sendReport()
    const dept = await post(env, `/api/reports/${id}/assign`, { version: 1, department: '不存在的科室' })
    expect(dept.status).toBe(400)
    expect(dept.body.error.message).toContain('承办部门“不存在的科室”不在可选部门中')
    const stranger = (await createTestUser(db, { role: 'environment', scopes: ['220322'] })).username
    const who = await post(env, `/api/reports/${id}/assign`, { version: 1, department: DEPARTMENT, assignee: stranger })
    expect(who.status).toBe(400)
    expect(who.body.error.message).toContain(`承办人“${stranger}”不是`)
    expect((await reportNow(id)).version).toBe(1)
  })

  it("when a report of another county is changed, then 403 naming the county; the queue lists only the officer's counties with the officers who may take it", async () => {
    const { id } = await sendReport(app, otherCountyAt)
    const res = await post(env, `/api/reports/${id}/notes`, { version: 1, note: '越界' })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toContain('梨树县')
    expect((await env.agent.get(`/api/reports/${id}/history`)).status).toBe(403)
    const queue = await env.agent.get('/api/reports')
    expect(queue.body.reports.some((r: ReportItem) => r.id === id)).toBe(false)
    expect(queue.body.departments).toEqual([DEPARTMENT, '农业农村局'])
    expect(queue.body.officers.map((o: { username: string }) => o.username)).toContain(officer)
  })
})

describe('turning a report into a suspected plot or an inspection', () => {
  it('when the environment officer turns a report into a suspected plot, then a draft plot of the county lies on the point with the description in its 大事记 and not the contact; a second time is 409', async () => {
    const { id } = await sendReport()
    const res = await post(env, `/api/reports/${id}/to-plot`, {
      version: 1,
      name: `${MARKER}河堤废渣堆放点`,
      formerIndustry: 'chemical',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const item = readContract(ReportItem, res.body)
    expect(item).toMatchObject({ status: 'verifying', version: 2 })
    expect(item.plotId).not.toBeNull()
    expect(item.plotCode).toMatch(/^430903/)
    const {
      rows: [p],
    } = await db.query(
      `SELECT p.adcode::text, p.status, p.review_status, p.former_industry, p.contact, p.name,
              ST_Contains(p.geom, ST_SetSRID(ST_MakePoint($2, $3), 4490)) AS on_point, round(p.area_m2) AS area,
              (SELECT e.reason FROM plot_event e WHERE e.adcode = p.adcode AND e.plot_id = p.id ORDER BY e.id LIMIT 1) AS origin
       FROM contaminated_plot p WHERE p.id = $1`,
      [item.plotId, at.lon, at.lat],
    )
    expect(p).toMatchObject({
      adcode: '430903',
      status: 'suspected',
      review_status: 'draft',
      former_industry: 'chemical',
      contact: null,
      on_point: true,
    })
    expect(Number(p.area)).toBeGreaterThan(2000)
    expect(p.origin).toContain(`由公众举报 No.${id} 转入`)
    expect(p.origin).toContain('河堤边堆放的废渣')
    expect(p.origin).not.toContain('13700001111')
    const again = await post(env, `/api/reports/${id}/to-plot`, {
      version: 2,
      name: '重复',
      formerIndustry: 'chemical',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toContain('已转为疑似污染地块')
  })

  it.each<[Caller, number]>([
    ['approver', 403],
    ['admin', 403],
    ['farmland', 403],
  ])('when %s turns a report into a plot or an inspection, then %i and nothing is made', async (caller, status) => {
    const { id } = await sendReport()
    const enterpriseId = await enterpriseEastOf(100)
    const session = await signInAs(app, caller)
    const plot = await post(session, `/api/reports/${id}/to-plot`, {
      version: 1,
      name: '越权地块',
      formerIndustry: 'chemical',
    })
    expect(plot.status).toBe(status)
    const visit = await post(session, `/api/reports/${id}/to-inspection`, { version: 1, enterpriseId })
    expect(visit.status).toBe(status)
    const {
      rows: [r],
    } = await db.query(
      `SELECT plot_id, version, (SELECT count(*)::int FROM enterprise_inspection i WHERE i.report_id = r.id) AS visits
       FROM public_report r WHERE id = $1`,
      [id],
    )
    expect(r).toEqual({ plot_id: null, version: 1, visits: 0 })
  })

  it('when the nearby enterprises are asked, then those of the county within the distance come nearest first; an inspection of one is made and written in its history, one farther away is refused', async () => {
    const { id } = await sendReport()
    const near = await enterpriseEastOf(150)
    const nearer = await enterpriseEastOf(60)
    const far = await enterpriseEastOf(3000)
    const nearby = readContract(
      NearbyEnterprisesResponse,
      (await env.agent.get(`/api/reports/${id}/nearby-enterprises`)).body,
    )
    expect(nearby.withinM).toBe(1000)
    const ids = nearby.enterprises.map((e) => e.id)
    expect(ids).toContain(near)
    expect(ids.indexOf(nearer)).toBeLessThan(ids.indexOf(near))
    expect(ids).not.toContain(far)
    const nearerRow = nearby.enterprises.find((e) => e.id === nearer)!
    expect(nearerRow.distanceM).toBeGreaterThan(40)
    expect(nearerRow.distanceM).toBeLessThan(80)
    expect(nearerRow.industryName).toBe('电镀')

    const refused = await post(env, `/api/reports/${id}/to-inspection`, { version: 1, enterpriseId: far })
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toContain('不在举报位置 1000 米范围内')

    const res = await post(env, `/api/reports/${id}/to-inspection`, { version: 1, enterpriseId: nearer })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const item = readContract(ReportItem, res.body)
    expect(item.status).toBe('verifying')
    expect(item.inspections).toEqual([
      expect.objectContaining({ enterpriseId: nearer, enterpriseName: expect.stringMatching(/^举报测试电镀厂/) }),
    ])
    const {
      rows: [v],
    } = await db.query(
      `SELECT adcode::text, status, created_by, reason FROM enterprise_inspection WHERE report_id = $1`,
      [id],
    )
    expect(v).toMatchObject({ adcode: '430903', status: 'planned', created_by: 'huanjing' })
    expect(v.reason).toContain(`公众举报 No.${id}`)
    const { rows: h } = await db.query(
      `SELECT actor, reason FROM change_history WHERE entity = 'supervised_enterprise' AND entity_id = $1`,
      [nearer],
    )
    expect(h).toEqual([{ actor: 'huanjing', reason: expect.stringContaining('安排现场检查') }])
  })
})

function expectNoMarker(text: string, where: string) {
  expect(text.includes(MARKER), `${where} 含有举报的内部内容`).toBe(false)
  expect(text.includes('13700001111'), `${where} 含有举报人联系方式`).toBe(false)
}

describe('nothing internal reaches the public side', () => {
  it('when a report is assigned, noted, replied, closed and turned into a plot, then neither the tracking page nor any public route or tile shows its notes, assignee, department, description or contact', async () => {
    const { id, trackingCode } = await sendReport()
    await post(env, `/api/reports/${id}/assign`, { version: 1, department: DEPARTMENT, assignee: officer })
    await post(env, `/api/reports/${id}/notes`, { version: 2, note: `${MARKER}-内部备注` })
    await post(env, `/api/reports/${id}/to-plot`, { version: 3, name: `${MARKER}地块`, formerIndustry: 'coking' })
    await post(env, `/api/reports/${id}/handle`, { version: 4, note: `${MARKER}-办结意见` })
    expect((await reportNow(id)).status).toBe('handled')
    const { x, y } = tileAt(at.lon, at.lat, 14)
    for (const path of [
      `/api/public/reports/track/${trackingCode}`,
      '/api/public/counties',
      '/api/public/plots',
      '/api/public/control-zones',
      '/public/style.json',
      `/api/public/search?q=${encodeURIComponent(MARKER)}`,
      `/tiles/public-plot/14/${x}/${y}.pbf`,
      `/tiles/public-plot-point/14/${x}/${y}.pbf`,
    ]) {
      const res = await request(app).get(path).buffer(true)
      expect([200, 204], path).toContain(res.status)
      expectNoMarker(Buffer.isBuffer(res.body) ? res.body.toString('latin1') + res.text : res.text, path)
    }
  })
})

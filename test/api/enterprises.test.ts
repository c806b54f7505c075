import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let farmland: Session
let approver: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'environment')
  farmland = await signInAs(app, 'farmland')
  approver = await signInAs(app, 'approver')
})
afterAll(() => db.close())

let made = 0
/** A credit code no enterprise has: 18 characters of the GB 32100 alphabet. */
function creditCode(): string {
  made++
  return `91430903QY${String(process.pid % 1000).padStart(3, '0')}${String(made).padStart(5, '0')}`
}

async function spot(adcode = '430903'): Promise<[number, number]> {
  made++
  const {
    rows: [r],
  } = await db.query(
    `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat
    FROM farmland_parcel WHERE adcode = $1 ORDER BY id OFFSET $2 LIMIT 1`,
    [adcode, (made * 11) % 390],
  )
  return [Number(r.lon), Number(r.lat)]
}

function square([lon, lat]: [number, number], half = 0.0006) {
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

async function body(overrides: Record<string, unknown> = {}) {
  return {
    name: `测试电镀有限公司${++made}`,
    creditCode: creditCode(),
    industry: 'electroplating',
    status: 'operating',
    geometry: square(await spot()),
    ...overrides,
  }
}

const post = (s: Session, b: unknown) =>
  s.agent
    .post('/api/enterprises')
    .set('X-CSRF-Token', s.csrfToken)
    .send(b as object)
const patch = (s: Session, id: number, b: unknown) =>
  s.agent
    .patch(`/api/enterprises/${id}`)
    .set('X-CSRF-Token', s.csrfToken)
    .send(b as object)
const decide = (s: Session, id: number, action: 'confirm' | 'dismiss', b: Record<string, unknown> = {}) =>
  s.agent.post(`/api/plot-proposals/${id}/${action}`).set('X-CSRF-Token', s.csrfToken).send(b)

async function enterprisesNamed(name: string) {
  return Number((await db.query(`SELECT count(*) FROM supervised_enterprise WHERE name = $1`, [name])).rows[0].count)
}
async function proposalsOf(enterpriseId: number) {
  return (
    await db.query(
      `SELECT id, status, enterprise_status, plot_id, reason, decided_by FROM plot_proposal WHERE enterprise_id = $1 ORDER BY id`,
      [enterpriseId],
    )
  ).rows
}
async function historyOf(id: number) {
  return (
    await db.query(
      `SELECT action, actor, reason, before, after FROM change_history WHERE entity = 'supervised_enterprise' AND entity_id = $1 ORDER BY id`,
      [id],
    )
  ).rows
}

describe('POST /api/enterprises', () => {
  it('when an officer registers an operating enterprise, then it is stored with its site, a create history row and no proposal', async () => {
    const b = await body()
    const res = await post(officer, b)
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      name: b.name,
      creditCode: b.creditCode,
      adcode: '430903',
      industry: 'electroplating',
      industryName: '电镀',
      status: 'operating',
      statusName: '在产',
      version: 1,
      proposals: [],
      createdProposalId: null,
      proposalNote: null,
      updatedBy: 'huanjing',
    })
    expect(res.body.geometry.type).toBe('MultiPolygon')
    expect((await historyOf(res.body.id)).map((h) => h.action)).toEqual(['create'])
  })

  it('when an enterprise is registered as already closed, then its site is proposed at once', async () => {
    const res = await post(officer, await body({ status: 'closed' }))
    expect(res.status).toBe(201)
    expect(res.body.createdProposalId).toEqual(expect.any(Number))
    expect(res.body.proposals).toEqual([
      expect.objectContaining({ status: 'pending', statusName: '待确认', enterpriseStatus: 'closed' }),
    ])
  })

  it('when the credit code is malformed, the industry unknown or the name blank, then 400 names each, and nothing is written', async () => {
    const b = await body({ creditCode: '91430903MA0000000I', industry: 'bakery', name: ' ' })
    const res = await post(officer, b)
    expect(res.status).toBe(400)
    for (const words of [
      '统一社会信用代码应为 18 位数字或大写字母',
      '行业应为：nonferrous_smelting（有色金属冶炼）',
      '企业名称必填',
    ])
      expect(res.body.error.message).toContain(words)
    expect((await post(officer, { ...(await body()), status: 'bankrupt' })).body.error.message).toContain(
      '企业状态应为：operating（在产）、closed（关闭）、relocated（搬迁）',
    )
  })

  it('when the credit code is already registered in the county, then 409 names the enterprise holding it', async () => {
    const first = (await post(officer, await body())).body
    const again = await body({ creditCode: first.creditCode })
    const res = await post(officer, again)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toBe(
      `统一社会信用代码 ${first.creditCode} 已登记为“${first.name}”（编号 ${first.id}），同一区县不能重复登记`,
    )
    expect(await enterprisesNamed(again.name)).toBe(0)
  })

  it('when the site outline crosses itself or lies outside the scope, then 422 or 403, and nothing is written', async () => {
    const [x, y] = await spot()
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.001, y + 0.001],
          [x + 0.001, y],
          [x, y + 0.001],
          [x, y],
        ],
      ],
    }
    const bad = await body({ geometry: bowTie })
    const res = await post(officer, bad)
    expect(res.status).toBe(422)
    expect(res.body.error.message).toContain('企业场地边界边界自相交')
    const jilin = await body({ geometry: square(await spot('220322')) })
    const out = await post(officer, jilin)
    expect(out.status).toBe(403)
    expect(out.body.error.message).toContain('梨树县')
    expect((await enterprisesNamed(bad.name)) + (await enterprisesNamed(jilin.name))).toBe(0)
  })

  it('when a farmland officer registers an enterprise, then 403', async () => {
    const b = await body()
    expect((await post(farmland, b)).status).toBe(403)
    expect(await enterprisesNamed(b.name)).toBe(0)
  })
})

describe('PATCH /api/enterprises/:id and the site proposals', () => {
  it('when an operating enterprise closes, then in the same change its site is proposed as a suspected plot, with both history rows', async () => {
    const e = (await post(officer, await body())).body
    const res = await patch(officer, e.id, { version: 1, status: 'closed', reason: '2026 年停产关闭' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ status: 'closed', statusName: '关闭', version: 2 })
    expect(res.body.proposalNote).toBe(
      '企业状态由“在产”改为“关闭”，已生成疑似污染地块建议，请确认是否列入疑似污染地块名单',
    )
    const proposals = await proposalsOf(e.id)
    expect(proposals).toEqual([
      expect.objectContaining({ id: res.body.createdProposalId, status: 'pending', enterprise_status: 'closed' }),
    ])
    expect((await historyOf(e.id)).map((h) => [h.action, h.reason])).toEqual([
      ['create', null],
      ['update', '2026 年停产关闭'],
      ['propose', null],
    ])
    const pending = await officer.agent.get('/api/plot-proposals?status=pending&adcode=430903')
    expect(pending.body.items.find((p: { id: number }) => p.id === res.body.createdProposalId)).toMatchObject({
      enterpriseName: e.name,
      industryName: '电镀',
      enterpriseStatusName: '关闭',
      statusName: '待确认',
      geometry: { type: 'MultiPolygon' },
    })
  })

  it('when a closed enterprise with a pending proposal relocates, then no second proposal is made and the answer says why', async () => {
    const e = (await post(officer, await body({ status: 'closed' }))).body
    const res = await patch(officer, e.id, { version: 1, status: 'relocated' })
    expect(res.status).toBe(200)
    expect(res.body.createdProposalId).toBeNull()
    expect(res.body.proposalNote).toContain('该场地已有待确认的疑似污染地块建议，未重复生成')
    expect(await proposalsOf(e.id)).toHaveLength(1)
  })

  it('when only the name changes, then no proposal is made', async () => {
    const e = (await post(officer, await body())).body
    const res = await patch(officer, e.id, { version: 1, name: `${e.name}（更名）` })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ createdProposalId: null, proposalNote: null, name: `${e.name}（更名）` })
    expect(await proposalsOf(e.id)).toHaveLength(0)
  })

  it('when the closing change also carries a broken outline, then 422 and neither the status nor a proposal is written', async () => {
    const e = (await post(officer, await body())).body
    const res = await patch(officer, e.id, {
      version: 1,
      status: 'closed',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [112, 28],
            [112.001, 28],
          ],
        ],
      },
    })
    expect(res.status).toBe(422)
    expect((await db.query(`SELECT status, version FROM supervised_enterprise WHERE id = $1`, [e.id])).rows[0]).toEqual(
      { status: 'operating', version: 1 },
    )
    expect(await proposalsOf(e.id)).toHaveLength(0)
  })

  it('when an officer changes an old version, then 409 says who changed it and when', async () => {
    const e = (await post(officer, await body())).body
    expect((await patch(officer, e.id, { version: 1, industry: 'chemical' })).status).toBe(200)
    const stale = await patch(officer, e.id, { version: 1, status: 'closed' })
    expect(stale.status).toBe(409)
    expect(stale.body.error.message).toMatch(
      /重点监管单位“.+”已被 生态环境管理员（示例）（huanjing）于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 修改（您看到的是第 1 版，当前为第 2 版）/,
    )
    expect(await proposalsOf(e.id)).toHaveLength(0)
  })

  it('when the enterprise is moved to another county by its adcode, or an unknown one is changed, then 400 or 404', async () => {
    const e = (await post(officer, await body())).body
    const moved = await patch(officer, e.id, { version: 1, adcode: '220322' })
    expect(moved.status).toBe(400)
    expect(moved.body.error.message).toBe(`重点监管单位“${e.name}”属于赫山区，不能改到其他区县`)
    const missing = await patch(officer, 999_999_999, { version: 1, status: 'closed' })
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe('没有编号为 999999999 的重点监管单位')
    expect((await patch(officer, e.id, { status: 'closed' })).body.error.message).toBe('版本号（version）必填')
  })

  it("when the credit code is changed to another enterprise's, then 409", async () => {
    const a = (await post(officer, await body())).body
    const b = (await post(officer, await body())).body
    const res = await patch(officer, b.id, { version: 1, creditCode: a.creditCode })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain(`已登记为“${a.name}”`)
  })

  it("when the officer confirms a proposal, then a draft suspected plot is made on the site with the enterprise's industry, and the proposal is closed", async () => {
    const e = (await post(officer, await body({ status: 'relocated', industry: 'tanning' }))).body
    const res = await decide(officer, e.createdProposalId, 'confirm', {})
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      status: 'confirmed',
      statusName: '已确认为疑似污染地块',
      decidedBy: 'huanjing',
      plotCode: expect.stringMatching(/^430903-DK\d{4,9}$/),
    })
    const {
      rows: [plot],
    } = await db.query(
      `SELECT p.name, p.status, p.former_industry, p.land_user, p.review_status,
        ST_HausdorffDistance(p.geom, e.geom) < 1e-7 AS same_site FROM contaminated_plot p, supervised_enterprise e WHERE p.id = $1 AND e.id = $2`,
      [res.body.plotId, e.id],
    )
    expect(plot).toEqual({
      name: `原${e.name}地块`,
      status: 'suspected',
      former_industry: 'tanning',
      land_user: e.name,
      review_status: 'draft',
      same_site: true,
    })
    const plotHistory = (
      await db.query(`SELECT action, actor FROM change_history WHERE entity = 'contaminated_plot' AND entity_id = $1`, [
        res.body.plotId,
      ])
    ).rows
    expect(plotHistory).toEqual([{ action: 'create', actor: 'huanjing' }])
    const profile = await officer.agent.get(`/api/plots/${res.body.plotId}`)
    expect(profile.status).toBe(200)
    expect(profile.body.events).toHaveLength(1)
    expect(profile.body.events[0]).toMatchObject({ to: 'suspected', actor: 'huanjing' })
    expect(profile.body.events[0].reason).toContain(e.name)
    expect((await historyOf(e.id)).map((h) => h.action)).toEqual(['create', 'propose', 'confirm'])
    const again = await decide(officer, e.createdProposalId, 'dismiss', { reason: '重复' })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toMatch(
      /该建议已由 生态环境管理员（示例） 于 .+ 处理为“已确认为疑似污染地块”，不能再次处理/,
    )
    const closedAgain = await patch(officer, e.id, { version: 1, status: 'closed' })
    expect(closedAgain.body.proposalNote).toContain(`该场地已确认为疑似污染地块 ${res.body.plotCode}，未重复生成建议`)
  })

  it('when the officer gives the plot a name, then the plot carries it', async () => {
    const e = (await post(officer, await body({ status: 'closed' }))).body
    const res = await decide(officer, e.createdProposalId, 'confirm', { name: '原电镀厂东区地块' })
    expect((await db.query(`SELECT name FROM contaminated_plot WHERE id = $1`, [res.body.plotId])).rows[0].name).toBe(
      '原电镀厂东区地块',
    )
  })

  it('when the officer dismisses without a reason, then 400 and the proposal still waits; with a reason it is closed and no plot is made', async () => {
    const e = (await post(officer, await body({ status: 'closed' }))).body
    const blank = await decide(officer, e.createdProposalId, 'dismiss', { reason: '  ' })
    expect(blank.status).toBe(400)
    expect(blank.body.error.message).toBe('不予列入的理由必填')
    expect((await proposalsOf(e.id))[0].status).toBe('pending')
    const res = await decide(officer, e.createdProposalId, 'dismiss', { reason: '场地仅为办公区，无生产活动' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      status: 'dismissed',
      statusName: '不予列入',
      reason: '场地仅为办公区，无生产活动',
      plotId: null,
    })
    expect((await proposalsOf(e.id))[0]).toMatchObject({ status: 'dismissed', decided_by: 'huanjing', plot_id: null })
    const confirmAfter = await decide(officer, e.createdProposalId, 'confirm')
    expect(confirmAfter.status).toBe(409)
    const dismissedList = await officer.agent.get('/api/plot-proposals?status=dismissed')
    expect(dismissedList.body.items.some((p: { id: number }) => p.id === e.createdProposalId)).toBe(true)
    expect(
      (await officer.agent.get('/api/plot-proposals')).body.items.some(
        (p: { id: number }) => p.id === e.createdProposalId,
      ),
    ).toBe(false)
  })

  it('when an approver decides a proposal or an unknown one is decided, then 403 or 404, and nothing changes', async () => {
    const e = (await post(officer, await body({ status: 'closed' }))).body
    expect((await decide(approver, e.createdProposalId, 'confirm')).status).toBe(403)
    expect((await decide(officer, 999_999_999, 'confirm')).status).toBe(404)
    expect((await proposalsOf(e.id))[0].status).toBe('pending')
    expect((await officer.agent.get('/api/plot-proposals?status=waiting')).status).toBe(400)
  })
})

describe('GET /api/enterprises', () => {
  it('when the list is filtered by status and industry, then only those come back, each with its pending proposal; another county is refused by name', async () => {
    const e = (await post(officer, await body({ status: 'closed', industry: 'coking' }))).body
    const res = await officer.agent.get('/api/enterprises?status=closed&industry=coking')
    expect(res.status).toBe(200)
    expect(res.body.items.length).toBeGreaterThan(0)
    expect(
      res.body.items.every(
        (i: { status: string; industry: string }) => i.status === 'closed' && i.industry === 'coking',
      ),
    ).toBe(true)
    expect(res.body.items.find((i: { id: number }) => i.id === e.id)).toMatchObject({
      pendingProposalId: e.createdProposalId,
      statusName: '关闭',
      industryName: '焦化',
    })
    const operating = await officer.agent.get('/api/enterprises?adcode=430903&status=operating')
    expect(operating.body.items.some((i: { isSample: boolean }) => i.isSample)).toBe(true)
    expect((await officer.agent.get('/api/enterprises?adcode=220322')).status).toBe(403)
    expect((await officer.agent.get('/api/enterprises?status=open')).status).toBe(400)
  })

  it('when an enterprise is opened, then its history and proposals come with it; one of another county is refused', async () => {
    const e = (await post(officer, await body())).body
    await patch(officer, e.id, { version: 1, status: 'closed' })
    const res = await farmland.agent.get(`/api/enterprises/${e.id}`)
    expect(res.status).toBe(200)
    expect(res.body.history.map((h: { actionName: string }) => h.actionName)).toEqual([
      '生成疑似地块建议',
      '修改',
      '新建',
    ])
    expect(res.body.proposals).toHaveLength(1)
    const {
      rows: [jilin],
    } = await db.query(`SELECT id FROM supervised_enterprise WHERE adcode = '220322' LIMIT 1`)
    expect((await officer.agent.get(`/api/enterprises/${jilin.id}`)).status).toBe(403)
    expect((await officer.agent.get('/api/enterprises/999999999')).status).toBe(404)
  })
})

describe('sample enterprises', () => {
  it('when the sample data is loaded, then every sample county has generated enterprises, at least one of them operating', async () => {
    const { rows } = await db.query(`SELECT c.adcode::text,
        count(e.id) FILTER (WHERE e.is_generated) AS generated,
        count(e.id) FILTER (WHERE e.is_generated AND e.status = 'operating') AS operating,
        bool_and(e.name LIKE '%（示例）%') FILTER (WHERE e.is_generated) AS is_marked
      FROM county c LEFT JOIN supervised_enterprise e USING (adcode) GROUP BY c.adcode ORDER BY c.adcode`)
    expect(rows.length).toBeGreaterThan(0)
    for (const r of rows) {
      expect(Number(r.generated), r.adcode).toBeGreaterThan(0)
      expect(Number(r.operating), r.adcode).toBeGreaterThan(0)
      expect(r.is_marked, r.adcode).toBe(true)
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { BOTH_TEST_COUNTIES, signInNewUser } from '../support/users.ts'
import { ReviewInfo } from '../../contracts/review.ts'
import { readContract } from '../support/contract.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let approver: Session
let farmland: Session
let admin: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'environment')
  approver = await signInAs(app, 'approver')
  farmland = await signInAs(app, 'farmland')
  admin = await signInAs(app, 'admin')
})
afterAll(() => db.close())

let made = 0
function uniqueCode(prefix: string): string {
  made++
  return `${prefix}-T${process.pid.toString(36)}${Date.now().toString(36)}${made}`.toUpperCase()
}

interface Inserted {
  id: number
  code: string
  name: string
  adcode: string
}

/** A plot of our own, in a county, next to one of its parcels, with its internal fields and a negative list. */
async function insertPlot(adcode = '430903', reviewStatus = 'draft'): Promise<Inserted> {
  const code = uniqueCode('DK')
  const name = `测试地块 ${code}`
  const {
    rows: [row],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, land_user, address, contact, geom, review_status)
    SELECT $1, $2, $3, 'listed', 'high', '化工', '测试用地单位', '测试路 1 号', '张三 13800000000',
           ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0005, ST_Y(c) - 0.0005, ST_X(c) + 0.0005, ST_Y(c) + 0.0005, 4490)), $4
    FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = $1 ORDER BY id OFFSET $5 LIMIT 1) p
    RETURNING id`,
    [adcode, code, name, reviewStatus, made % 300],
  )
  await db.query(
    `INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis) VALUES ($1, $2, 'A', '《土壤污染防治法》第六十一条'), ($1, $2, 'R', '《土壤污染防治法》第六十一条')`,
    [adcode, row.id],
  )
  return { id: Number(row.id), code, name, adcode }
}

/** A control zone of our own protecting `plots`, with one sign. */
async function insertZone(adcode: string, plots: Inserted[], reviewStatus = 'draft'): Promise<Inserted> {
  const code = uniqueCode('GK')
  const name = `测试管控区 ${code}`
  const {
    rows: [row],
  } = await db.query(
    `
    INSERT INTO control_zone (adcode, code, name, review_status, announcement_no, announcement_date, announcement_text, monitor_groundwater, geom)
    SELECT $1, $2, $3, $4, '测试公告〔2026〕1号', DATE '2026-03-01', '禁止开挖', true,
           ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.002, ST_Y(c) - 0.002, ST_X(c) + 0.002, ST_Y(c) + 0.002, 4490))
    FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = $1 ORDER BY id OFFSET $5 LIMIT 1) p
    RETURNING id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat`,
    [adcode, code, name, reviewStatus, made % 300],
  )
  for (const p of plots)
    await db.query(`INSERT INTO control_zone_plot (adcode, zone_id, plot_id) VALUES ($1, $2, $3)`, [
      adcode,
      row.id,
      p.id,
    ])
  await db.query(
    `INSERT INTO control_zone_sign (adcode, zone_id, label, geom) VALUES ($1, $2, '东门标识牌', ST_SetSRID(ST_MakePoint($3, $4), 4490))`,
    [adcode, row.id, row.lon, row.lat],
  )
  return { id: Number(row.id), code, name, adcode }
}

const TABLE = { plot: 'contaminated_plot', 'control-zone': 'control_zone' } as const
type Kind = keyof typeof TABLE

function act(s: Session, kind: Kind, id: number, action: string, body: Record<string, unknown> = {}) {
  return s.agent.post(`/api/reviews/${kind}/${id}/${action}`).set('X-CSRF-Token', s.csrfToken).send(body)
}

async function stateOf(kind: Kind, id: number) {
  const {
    rows: [r],
  } = await db.query(
    `SELECT review_status, review_reason, version, published_version FROM ${TABLE[kind]} WHERE id = $1`,
    [id],
  )
  return r
}

async function historyOf(kind: Kind, id: number) {
  return (
    await db.query(
      `SELECT action, actor, reason, before, after FROM change_history WHERE entity = $1 AND entity_id = $2 ORDER BY id`,
      [TABLE[kind], id],
    )
  ).rows
}

/** Every stored trace of a record: its row, its history and its published copy. */
async function snapshot(kind: Kind, id: number) {
  const published = kind === 'plot' ? 'published_plot' : 'published_control_zone'
  return {
    state: await stateOf(kind, id),
    history: await historyOf(kind, id),
    published: (await db.query(`SELECT version, name FROM ${published} WHERE id = $1`, [id])).rows,
  }
}

/** Runs a step that must succeed and checks it wrote exactly one history row with who, why, before and after. */
async function step(
  s: Session,
  kind: Kind,
  id: number,
  action: string,
  actor: string,
  body: Record<string, unknown> = {},
) {
  const before = await stateOf(kind, id)
  const history = await historyOf(kind, id)
  const res = await act(s, kind, id, action, body)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  const after = await stateOf(kind, id)
  const added = (await historyOf(kind, id)).slice(history.length)
  expect(added).toHaveLength(1)
  expect(added[0]).toMatchObject({
    action,
    actor,
    reason: typeof body.reason === 'string' ? body.reason : null,
    before: { reviewStatus: before.review_status, version: before.version, publishedVersion: before.published_version },
    after: { reviewStatus: after.review_status, version: after.version, publishedVersion: after.published_version },
  })
  expect(after.version).toBe(before.version + 1)
  return readContract(ReviewInfo, res.body)
}

describe('the review workflow of a plot', () => {
  it('when a plot goes submit → return → resubmit → approve → publish → reopen → publish, then each step is stored and the public copy follows', async () => {
    const plot = await insertPlot()
    expect(await stateOf('plot', plot.id)).toMatchObject({ review_status: 'draft', version: 1, published_version: 0 })

    const info = await officer.agent.get(`/api/features/contaminated-plot/${plot.id}`)
    expect(info.body.review).toMatchObject({
      kind: 'plot',
      id: plot.id,
      status: 'draft',
      statusName: '草稿',
      version: 1,
      publishedVersion: 0,
      actions: [{ action: 'submit', label: '提交审定', isReasonRequired: false }],
    })

    const submitted = await step(officer, 'plot', plot.id, 'submit', 'huanjing', { version: 1 })
    expect(submitted).toMatchObject({
      kind: 'plot',
      id: plot.id,
      status: 'submitted',
      statusName: '已提交',
      version: 2,
      publishedVersion: 0,
      actions: [],
    })

    const noReason = await act(approver, 'plot', plot.id, 'return', { version: 2 })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.message).toContain('退回须填写理由')
    expect(noReason.body.error.message).toContain(plot.name)
    const blank = await act(approver, 'plot', plot.id, 'return', { reason: '   ' })
    expect(blank.status).toBe(400)

    const returned = await step(approver, 'plot', plot.id, 'return', 'shending', {
      reason: '边界与现场不符，请核实',
      version: 2,
    })
    expect(returned).toMatchObject({
      status: 'returned',
      statusName: '退回',
      reason: '边界与现场不符，请核实',
      version: 3,
    })
    expect((await stateOf('plot', plot.id)).review_reason).toBe('边界与现场不符，请核实')
    const seen = await officer.agent.get(`/api/features/contaminated-plot/${plot.id}`)
    expect(seen.body.review).toMatchObject({
      status: 'returned',
      reason: '边界与现场不符，请核实',
      actions: [{ action: 'submit' }],
    })

    const resubmitted = await step(officer, 'plot', plot.id, 'submit', 'huanjing', { version: 3 })
    expect(resubmitted).toMatchObject({ status: 'submitted', reason: null, version: 4 })
    expect((await stateOf('plot', plot.id)).review_reason).toBeNull()

    const approved = await step(approver, 'plot', plot.id, 'approve', 'shending', { version: 4 })
    expect(approved).toMatchObject({
      status: 'approved',
      statusName: '已审定',
      actions: [{ action: 'return' }, { action: 'publish' }],
    })
    expect((await db.query(`SELECT 1 FROM published_plot WHERE id = $1`, [plot.id])).rows).toEqual([])

    const published = await step(approver, 'plot', plot.id, 'publish', 'shending', { version: 5 })
    expect(published).toMatchObject({ status: 'published', statusName: '已发布', version: 6, publishedVersion: 1 })
    const {
      rows: [copy],
    } = await db.query(`SELECT * FROM published_plot WHERE id = $1`, [plot.id])
    expect(copy).toMatchObject({
      adcode: '430903',
      code: plot.code,
      name: plot.name,
      status: 'listed',
      risk_level: 'high',
      former_industry: '化工',
      address: '测试路 1 号',
      version: 1,
    })
    expect(copy.negative_uses).toEqual([
      { useCode: 'R', basis: '《中华人民共和国土壤污染防治法》第六十一条' },
      { useCode: 'A', basis: '《中华人民共和国土壤污染防治法》第六十一条' },
      { useCode: '*', basis: '《中华人民共和国土壤污染防治法》第六十六条' },
    ])
    for (const internal of ['contact', 'land_user', 'review_reason', 'review_status'])
      expect(copy).not.toHaveProperty(internal)
    expect(JSON.stringify(copy)).not.toContain('13800000000')
    expect(JSON.stringify(copy)).not.toContain('测试用地单位')

    const noReopenReason = await act(officer, 'plot', plot.id, 'reopen', { version: 6 })
    expect(noReopenReason.status).toBe(400)
    const reopened = await step(officer, 'plot', plot.id, 'reopen', 'huanjing', { reason: '补充调查结果', version: 6 })
    expect(reopened).toMatchObject({ status: 'draft', publishedVersion: 1 })
    expect((await db.query(`SELECT version FROM published_plot WHERE id = $1`, [plot.id])).rows).toEqual([
      { version: 1 },
    ])

    await db.query(`UPDATE contaminated_plot SET name = $2 WHERE id = $1`, [plot.id, `${plot.name}（修订）`])
    await step(officer, 'plot', plot.id, 'submit', 'huanjing')
    await step(approver, 'plot', plot.id, 'approve', 'shending')
    const republished = await step(approver, 'plot', plot.id, 'publish', 'shending')
    expect(republished).toMatchObject({ status: 'published', publishedVersion: 2 })
    expect((await db.query(`SELECT version, name FROM published_plot WHERE id = $1`, [plot.id])).rows).toEqual([
      { version: 2, name: `${plot.name}（修订）` },
    ])
    expect(await stateOf('plot', plot.id)).toMatchObject({
      review_status: 'published',
      published_version: 2,
      version: 10,
    })

    const history = await officer.agent.get(`/api/history/plot/${plot.id}`)
    expect(history.status).toBe(200)
    expect(history.body.entries.map((e: any) => e.action)).toEqual([
      'publish',
      'approve',
      'submit',
      'reopen',
      'publish',
      'approve',
      'submit',
      'return',
      'submit',
    ])
    expect(history.body.entries.map((e: any) => e.actionName)).toEqual([
      '发布',
      '审定通过',
      '提交审定',
      '重新编辑',
      '发布',
      '审定通过',
      '提交审定',
      '退回',
      '提交审定',
    ])
    const returnEntry = history.body.entries.find((e: any) => e.action === 'return')
    expect(returnEntry).toMatchObject({
      actor: 'shending',
      actorName: '审定人（示例）',
      reason: '边界与现场不符，请核实',
      before: { reviewStatus: 'submitted', version: 2 },
      after: { reviewStatus: 'returned', version: 3 },
    })
    expect(Date.parse(returnEntry.changedAt)).not.toBeNaN()
  })

  it('when a plot is published, then the public tiles show it to anyone, and a draft plot never', async () => {
    const plot = await insertPlot()
    const draft = await insertPlot()
    const {
      rows: [c],
    } = await db.query(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM contaminated_plot WHERE id = $1`,
      [plot.id],
    )
    const { z, x, y } = tileAt(c.lon, c.lat, 15)
    const idsOnPublicTile = async () => {
      const res = await request(app)
        .get(`/tiles/public-plot/${z}/${x}/${y}.pbf`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = []
          r.on('data', (d: Buffer) => chunks.push(d))
          r.on('end', () => cb(null, Buffer.concat(chunks)))
        })
      return (decodeTile(res.body)['public-plot'] ?? []).map((f) => f.id)
    }
    expect(await idsOnPublicTile()).not.toContain(plot.id)
    for (const [s, a] of [
      [officer, 'submit'],
      [approver, 'approve'],
      [approver, 'publish'],
    ] as const)
      expect((await act(s, 'plot', plot.id, a)).status).toBe(200)
    const ids = await idsOnPublicTile()
    expect(ids).toContain(plot.id)
    expect(ids).not.toContain(draft.id)
  })
})

describe('the review workflow of a control zone', () => {
  it('when a zone is submitted, approved and published, then the public copy holds its announcement, signs and only published plots; republishing makes version 2', async () => {
    const publishedPlot = await insertPlot()
    for (const [s, a] of [
      [officer, 'submit'],
      [approver, 'approve'],
      [approver, 'publish'],
    ] as const)
      expect((await act(s, 'plot', publishedPlot.id, a)).status).toBe(200)
    const draftPlot = await insertPlot()
    const zone = await insertZone('430903', [publishedPlot, draftPlot])

    expect(await step(officer, 'control-zone', zone.id, 'submit', 'huanjing', { version: 1 })).toMatchObject({
      kind: 'control-zone',
      status: 'submitted',
    })
    await step(approver, 'control-zone', zone.id, 'approve', 'shending', { version: 2 })
    expect(await step(approver, 'control-zone', zone.id, 'publish', 'shending', { version: 3 })).toMatchObject({
      status: 'published',
      publishedVersion: 1,
    })

    const {
      rows: [copy],
    } = await db.query(
      `SELECT *, announcement_date::text AS announcement_date FROM published_control_zone WHERE id = $1`,
      [zone.id],
    )
    expect(copy).toMatchObject({
      adcode: '430903',
      code: zone.code,
      name: zone.name,
      announcement_no: '测试公告〔2026〕1号',
      announcement_date: '2026-03-01',
      announcement_text: '禁止开挖',
      monitor_soil: true,
      monitor_groundwater: true,
      monitor_surface_water: false,
      monitor_air: false,
      version: 1,
    })
    expect(copy.plot_codes).toEqual([publishedPlot.code])
    expect(copy.signs).toHaveLength(1)
    expect(copy.signs[0]).toMatchObject({ label: '东门标识牌' })
    expect(copy.signs[0].lon).toBeGreaterThan(110)

    await step(officer, 'control-zone', zone.id, 'reopen', 'huanjing', { reason: '调整管控范围' })
    await step(officer, 'control-zone', zone.id, 'submit', 'huanjing')
    await step(approver, 'control-zone', zone.id, 'approve', 'shending')
    await step(approver, 'control-zone', zone.id, 'publish', 'shending')
    expect((await db.query(`SELECT version FROM published_control_zone WHERE id = $1`, [zone.id])).rows).toEqual([
      { version: 2 },
    ])
    const history = await approver.agent.get(`/api/history/control-zone/${zone.id}`)
    expect(history.body.entries.map((e: any) => e.action)).toEqual([
      'publish',
      'approve',
      'submit',
      'reopen',
      'publish',
      'approve',
      'submit',
    ])
  })
})

describe('refused steps write nothing', () => {
  it.each([
    ['publish', 'draft'],
    ['approve', 'draft'],
    ['return', 'draft'],
    ['submit', 'submitted'],
    ['reopen', 'approved'],
    ['publish', 'published'],
  ])(
    'when %s is asked of a plot in %s, then 409 naming the status, and the row and history are unchanged',
    async (action, status) => {
      const plot = await insertPlot('430903', status)
      const before = await snapshot('plot', plot.id)
      const by = ['submit', 'reopen'].includes(action) ? officer : approver
      const res = await act(by, 'plot', plot.id, action, { reason: '理由' })
      expect(res.status).toBe(409)
      expect(res.body.error.code).toBe('CONFLICT')
      expect(res.body.error.message).toContain(plot.name)
      expect(res.body.error.message).toMatch(/当前状态为“(草稿|已提交|已审定|已发布)”/)
      expect(await snapshot('plot', plot.id)).toEqual(before)
    },
  )

  it.each([
    ['farmland', 'submit', 'draft', '只能由记录的主管部门操作'],
    ['land', 'submit', 'draft', '只能由记录的主管部门操作'],
    ['admin', 'submit', 'draft', '只能由记录的主管部门操作'],
    ['environment', 'approve', 'submitted', '只能由审定人操作'],
    ['environment', 'publish', 'approved', '只能由审定人操作'],
    ['approver', 'submit', 'draft', '只能由记录的主管部门操作'],
    ['approver', 'reopen', 'published', '只能由记录的主管部门操作'],
  ] as const)(
    'when %s tries %s on a plot in %s, then 403 and nothing is written',
    async (role, action, status, message) => {
      const plot = await insertPlot('430903', status)
      const before = await snapshot('plot', plot.id)
      const s = { farmland, land: await signInAs(app, 'land'), admin, environment: officer, approver }[role]
      const res = await act(s, 'plot', plot.id, action, { reason: '理由' })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('FORBIDDEN')
      expect(res.body.error.message).toContain(message)
      expect(await snapshot('plot', plot.id)).toEqual(before)
    },
  )

  it('when the version sent is not the current one, then 409 telling both versions, and nothing is written', async () => {
    const plot = await insertPlot()
    await act(officer, 'plot', plot.id, 'submit', { version: 1 })
    const before = await snapshot('plot', plot.id)
    const res = await act(approver, 'plot', plot.id, 'approve', { version: 1 })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('已被他人修改')
    expect(res.body.error.message).toContain('第 1 版')
    expect(res.body.error.message).toContain('第 2 版')
    expect(res.body.error.details).toEqual({
      currentVersion: 2,
      currentStatus: 'submitted',
      problems: [{ code: 'CONFLICT', message: res.body.error.message }],
    })
    expect(await snapshot('plot', plot.id)).toEqual(before)
  })

  it('when a record of 梨树县 is acted on, read or listed by users of 赫山区, then 403 OUT_OF_SCOPE naming 梨树县, and it is not in their queue', async () => {
    const plot = await insertPlot('220322', 'submitted')
    const zone = await insertZone('220322', [], 'submitted')
    const before = await snapshot('plot', plot.id)
    for (const [s, kind, id, action] of [
      [approver, 'plot', plot.id, 'approve'],
      [officer, 'plot', plot.id, 'submit'],
      [approver, 'control-zone', zone.id, 'approve'],
    ] as const) {
      const res = await act(s, kind, id, action)
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('OUT_OF_SCOPE')
      expect(res.body.error.message).toContain('梨树县')
      expect(res.body.error.message).toContain('赫山区')
    }
    expect(await snapshot('plot', plot.id)).toEqual(before)
    const history = await approver.agent.get(`/api/history/plot/${plot.id}`)
    expect(history.status).toBe(403)
    expect(history.body.error.message).toContain('梨树县')
    const feature = await approver.agent.get(`/api/features/contaminated-plot/${plot.id}`)
    expect(feature.status).toBe(403)

    const own = await insertPlot('430903', 'submitted')
    const queue = await approver.agent.get('/api/reviews')
    expect(queue.status).toBe(200)
    const ids = queue.body.items.map((i: any) => `${i.kind}:${i.id}`)
    expect(ids).toContain(`plot:${own.id}`)
    expect(ids).not.toContain(`plot:${plot.id}`)
    expect(ids).not.toContain(`control-zone:${zone.id}`)
    expect(queue.body.items.every((i: any) => i.adcode === '430903')).toBe(true)

    const both = await signInNewUser(app, db, { role: 'approver', scopes: BOTH_TEST_COUNTIES })
    const wide = (await both.agent.get('/api/reviews')).body.items.map((i: any) => `${i.kind}:${i.id}`)
    expect(wide).toEqual(expect.arrayContaining([`plot:${own.id}`, `plot:${plot.id}`, `control-zone:${zone.id}`]))
    expect((await act(both, 'plot', plot.id, 'approve')).status).toBe(200)
  })

  it.each([
    ['/api/reviews/plot/abc/submit', '记录编号应为数字'],
    ['/api/reviews/parcel/1/submit', '记录类型应为'],
    ['/api/reviews/plot/1/delete', '操作应为'],
  ])('when %s is posted, then 400 with the reason', async (url, reason) => {
    const res = await officer.agent.post(url).set('X-CSRF-Token', officer.csrfToken).send({})
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(reason)
  })

  it('when the reason is longer than 500 characters or the version not a number, then 400', async () => {
    const plot = await insertPlot('430903', 'submitted')
    expect((await act(approver, 'plot', plot.id, 'return', { reason: '长'.repeat(501) })).status).toBe(400)
    expect((await act(approver, 'plot', plot.id, 'approve', { version: '2' })).status).toBe(400)
  })

  it('when the record does not exist, then 404 naming it', async () => {
    const res = await act(officer, 'plot', 999999999, 'submit')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toContain('999999999')
    expect((await officer.agent.get('/api/history/control-zone/999999999')).status).toBe(404)
  })
})

describe('GET /api/reviews', () => {
  it('when an approver asks, then submitted and approved records come with the buttons the approver may press', async () => {
    const submitted = await insertPlot('430903', 'submitted')
    const approved = await insertPlot('430903', 'approved')
    const draft = await insertPlot('430903', 'draft')
    const res = await approver.agent.get('/api/reviews')
    const byId = new Map(res.body.items.filter((i: any) => i.kind === 'plot').map((i: any) => [i.id, i]))
    expect(byId.get(submitted.id)).toMatchObject({
      kindName: '污染地块',
      county: '赫山区',
      code: submitted.code,
      name: submitted.name,
      review: { status: 'submitted', actions: [{ action: 'approve' }, { action: 'return', isReasonRequired: true }] },
    })
    expect(byId.get(approved.id)).toMatchObject({
      review: { status: 'approved', actions: [{ action: 'return' }, { action: 'publish' }] },
    })
    expect(byId.has(draft.id)).toBe(false)
  })

  it('when a status filter is given, then only those statuses come; an unknown status is 400', async () => {
    const returned = await insertPlot('430903', 'returned')
    const res = await officer.agent.get('/api/reviews').query({ status: 'returned' })
    expect(res.status).toBe(200)
    expect(res.body.items.every((i: any) => i.review.status === 'returned')).toBe(true)
    expect(res.body.items.map((i: any) => i.id)).toContain(returned.id)
    const bad = await officer.agent.get('/api/reviews').query({ status: 'returned,lost' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('状态应为')
  })
})

/**
 * The embedded engine (pglite-socket) answers a failed extended-protocol message with an extra ReadyForQuery
 * (electric-sql/pglite#958), so the connection that ran the failed transaction later receives a reply it did not
 * expect and the pool drops it. That error is the engine's, not the app's; anything else the pool reports fails.
 */
function isKnownEmbeddedDesync(err: Error): boolean {
  return db.mode === 'embedded' && /^Received unexpected \w+ message from backend\.$/.test(err.message)
}

describe('one transaction per step', () => {
  it('when the database fails while the history row is written, then neither the status, the version nor the published copy is changed', async () => {
    const plot = await insertPlot('430903', 'approved')
    const before = await snapshot('plot', plot.id)
    const constraint = `fail_history_${plot.id}`
    const poolErrors: Error[] = []
    const onPoolError = (err: Error) => poolErrors.push(err)
    db.pool.on('error', onPoolError)
    try {
      await db.query(`ALTER TABLE change_history ADD CONSTRAINT ${constraint}
        CHECK (NOT (entity = 'contaminated_plot' AND entity_id = ${plot.id})) NOT VALID`)
      try {
        const res = await act(approver, 'plot', plot.id, 'publish')
        expect(res.status).toBe(500)
        expect(res.body.error).toEqual({ code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' })
        expect(JSON.stringify(res.body)).not.toContain(constraint)
      } finally {
        await db.query(`ALTER TABLE change_history DROP CONSTRAINT IF EXISTS ${constraint}`)
      }
      expect((await db.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }])
      expect((await db.query('SELECT 2 AS two')).rows).toEqual([{ two: 2 }])
      expect(await snapshot('plot', plot.id)).toEqual(before)
      expect(before.published).toEqual([])
      expect(before.state).toMatchObject({ review_status: 'approved', published_version: 0 })

      const retried = await act(approver, 'plot', plot.id, 'publish')
      expect(retried.status).toBe(200)
      expect((await snapshot('plot', plot.id)).published).toEqual([{ version: 1, name: plot.name }])
    } finally {
      db.pool.off('error', onPoolError)
    }
    expect(poolErrors.filter((e) => !isKnownEmbeddedDesync(e))).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { PlotProfile } from '../../contracts/registry.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let approver: Session
let farmland: Session
/** A point well inside 赫山区 (on a parcel) and one inside 梨树县 (outside every sample account's scope). */
let inside: { lon: number; lat: number }
let lishu: { lon: number; lat: number }

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'environment')
  approver = await signInAs(app, 'approver')
  farmland = await signInAs(app, 'farmland')
  const point = async (adcode: string) =>
    (
      await db.query(
        `
    SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_PointOnSurface(geom) AS c FROM county WHERE adcode = $1) p`,
        [adcode],
      )
    ).rows[0]
  inside = await point('430903')
  lishu = await point('220322')
})
afterAll(() => db.close())

let made = 0
/** A square of about `halfM` × 2 metres a side around a point, shifted so each test plot has its own place. */
function square(at: { lon: number; lat: number }, halfM = 50) {
  made++
  const d = halfM / 100_000
  const lon = at.lon + ((made % 20) - 10) * 0.003
  const lat = at.lat + ((Math.floor(made / 20) % 10) - 5) * 0.003
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
      ],
    ],
  }
}

const post = (s: Session, url: string, body: unknown) =>
  s.agent
    .post(url)
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
const patch = (s: Session, url: string, body: unknown) =>
  s.agent
    .patch(url)
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
const del = (s: Session, url: string, body: unknown = {}) =>
  s.agent
    .delete(url)
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)

const today = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
}).format(new Date())
const doc = (title: string) => ({
  title,
  date: '2026-01-15',
  body: `${title}：结论见正文，超标点位已圈定。`,
  attachmentName: `${title}.pdf`,
})

/** A new suspected plot of 赫山区 made through the API, as the officer sees it. */
async function createPlot(extra: Record<string, unknown> = {}) {
  const res = await post(officer, '/api/plots', {
    name: `测试化工厂地块 ${made}`,
    formerIndustry: 'chemical',
    address: '赫山区测试路',
    contact: '李四 13900000000',
    geometry: square(inside),
    ...extra,
  })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body
}

async function counts() {
  const {
    rows: [r],
  } = await db.query(`SELECT
    (SELECT count(*) FROM contaminated_plot)::int AS plots, (SELECT count(*) FROM plot_event)::int AS events,
    (SELECT count(*) FROM plot_pollutant)::int AS pollutants, (SELECT count(*) FROM plot_negative_use)::int AS uses,
    (SELECT count(*) FROM change_history WHERE entity = 'contaminated_plot')::int AS history`)
  return r
}

async function step(
  plot: { id: number; version: number },
  action: string,
  body: Record<string, unknown> = {},
  who = officer,
) {
  return post(who, `/api/plots/${plot.id}/transitions`, { action, version: plot.version, ...body })
}

/** Moves a plot of ours straight to a state (for tests of later steps), as a draft. */
async function forceStatus(id: number, status: string, riskLevel: string | null = null) {
  const {
    rows: [r],
  } = await db.query(
    `UPDATE contaminated_plot SET status = $2, risk_level = coalesce($3, risk_level), version = version + 1 WHERE id = $1 RETURNING version`,
    [id, status, riskLevel],
  )
  return { id, version: r.version as number }
}

describe('sample plots', () => {
  it('when a generated sample plot is opened, then its chronology starts with the import in its current state, said to be generated', async () => {
    const {
      rows: [sample],
    } = await db.query(
      `SELECT id, status FROM contaminated_plot WHERE adcode = '430903' AND is_generated AND status <> 'suspected' ORDER BY id LIMIT 1`,
    )
    const res = await officer.agent.get(`/api/plots/${sample.id}`)
    expect(res.status).toBe(200)
    expect(res.body.events[0]).toMatchObject({
      action: 'import',
      label: '示例数据导入',
      to: sample.status,
      actor: 'sample-data',
    })
    expect(res.body.events[0].reason).toContain('生成')
  })
})

describe('POST /api/plots', () => {
  it('when an environment officer draws a plot, then it is a suspected draft of 赫山区 with a sample-style code, a first chronology entry and a history row', async () => {
    const plot = await createPlot({ plannedLandClass: 'second', landUser: '测试置业有限公司' })
    expect(plot).toMatchObject({
      adcode: '430903',
      status: 'suspected',
      statusName: '疑似污染地块',
      list: { code: 'suspected', name: '疑似污染地块名单' },
      reviewStatus: 'draft',
      version: 1,
      formerIndustry: 'chemical',
      formerIndustryName: '化工',
      plannedLandClass: 'second',
      landClassName: '第二类用地',
      landUser: '测试置业有限公司',
      contact: '李四 13900000000',
      negativeList: [],
      pollutants: [],
    })
    expect(plot.code).toMatch(/^430903-DK\d{4,9}$/)
    expect(plot.areaM2).toBeGreaterThan(9000)
    expect(plot.events).toEqual([
      expect.objectContaining({ action: 'create', label: '列入疑似污染地块名单', to: 'suspected', actor: 'huanjing' }),
    ])
    expect(plot.history).toEqual([expect.objectContaining({ action: 'create', actor: 'huanjing' })])
    expect(plot.transitions).toEqual([
      expect.objectContaining({
        action: 'start_preliminary',
        label: '开展初步调查',
        to: 'preliminary_investigation',
        isAllowed: true,
        requires: [],
      }),
    ])
  })

  it('when two plots are created, then their codes follow each other', async () => {
    const a = await createPlot()
    const b = await createPlot()
    expect(Number(b.code.split('DK')[1])).toBe(Number(a.code.split('DK')[1]) + 1)
  })

  it('when the county already has a plot numbered past DK9999, then the next code follows it in full', async () => {
    const a = await createPlot()
    const long = `430903-DK${Number(a.code.split('DK')[1]) + 123_456}`
    await db.query(`UPDATE contaminated_plot SET code = $2 WHERE adcode = '430903' AND id = $1`, [a.id, long])
    const b = await createPlot()
    expect(b.code).toBe(`430903-DK${Number(long.split('DK')[1]) + 1}`)
  })

  it.each([
    ['the name is missing', { name: '' }, 400, /地块名称必填/],
    ['the former industry is unknown', { formerIndustry: 'bakery' }, 400, /原行业类别应为/],
    ['the planned land class is unknown', { plannedLandClass: 'third' }, 400, /规划用地类别/],
    ['the geometry is missing', { geometry: null }, 400, /地块边界（geometry）必填/],
    ['the county does not exist', { adcode: '999999' }, 400, /区县代码“999999”不存在/],
  ])('when %s, then 400 names the field and nothing is written', async (_what, extra, status, message) => {
    const before = await counts()
    const res = await post(officer, '/api/plots', {
      name: '坏数据地块',
      formerIndustry: 'chemical',
      geometry: square(inside),
      ...extra,
    })
    expect(res.status).toBe(status)
    expect(res.body.error.message).toMatch(message)
    expect(await counts()).toEqual(before)
  })

  it('when the boundary crosses itself, then 422 says 边界自相交 and nothing is written', async () => {
    const before = await counts()
    const { lon, lat } = inside
    const bowTie = {
      type: 'Polygon',
      coordinates: [
        [
          [lon, lat],
          [lon + 0.001, lat + 0.001],
          [lon + 0.001, lat],
          [lon, lat + 0.001],
          [lon, lat],
        ],
      ],
    }
    const res = await post(officer, '/api/plots', { name: '自相交地块', formerIndustry: 'chemical', geometry: bowTie })
    expect(res.status).toBe(422)
    expect(res.body.error).toMatchObject({ code: 'GEOMETRY_CHECK', message: expect.stringContaining('边界自相交') })
    expect(await counts()).toEqual(before)
  })

  it('when the coordinates are projected metres, then 422 asks for CGCS2000 longitude/latitude', async () => {
    const res = await post(officer, '/api/plots', {
      name: '投影坐标地块',
      formerIndustry: 'chemical',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [38500000, 3150000],
            [38500100, 3150000],
            [38500100, 3150100],
            [38500000, 3150000],
          ],
        ],
      },
    })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toMatch(/EPSG:4490/)
  })

  it('when the plot is too small, then 422 names the minimum area', async () => {
    const res = await post(officer, '/api/plots', {
      name: '过小地块',
      formerIndustry: 'chemical',
      geometry: square(inside, 3),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toMatch(/小于最小上图面积/)
  })

  it('when the plot lies in 梨树县, then 403 OUT_OF_SCOPE names the county and nothing is written', async () => {
    const before = await counts()
    const res = await post(officer, '/api/plots', {
      name: '外县地块',
      formerIndustry: 'chemical',
      geometry: square(lishu),
    })
    expect(res.status).toBe(403)
    expect(res.body.error).toMatchObject({ code: 'OUT_OF_SCOPE', message: expect.stringContaining('梨树县') })
    expect(await counts()).toEqual(before)
  })

  it('when the officer names 梨树县 as the county, then 403 OUT_OF_SCOPE', async () => {
    const res = await post(officer, '/api/plots', {
      name: '外县地块',
      formerIndustry: 'chemical',
      adcode: '220322',
      geometry: square(inside),
    })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toMatch(/梨树县/)
  })

  it('when the given county is 赫山区 but the plot lies outside it, then 422 says it crosses the county boundary', async () => {
    const res = await post(officer, '/api/plots', {
      name: '跨县地块',
      formerIndustry: 'chemical',
      adcode: '430903',
      geometry: square({ lon: inside.lon + 3, lat: inside.lat }),
    })
    expect(res.status).toBe(422)
    expect(res.body.error.message).toMatch(/超出赫山区边界/)
  })

  it('when a farmland officer creates a plot, then 403 and nothing is written', async () => {
    const before = await counts()
    const res = await post(farmland, '/api/plots', {
      name: '越权地块',
      formerIndustry: 'chemical',
      geometry: square(inside),
    })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toMatch(/生态环境管理员/)
    expect(await counts()).toEqual(before)
  })
})

describe('GET /api/plots and /api/plots/:id', () => {
  it('when filtered by state, list and search, then only matching plots of the scope come back', async () => {
    const plot = await createPlot({ name: `筛选测试地块 ${Date.now()}` })
    const bySearch = await officer.agent.get('/api/plots').query({ q: plot.name }).expect(200)
    expect(bySearch.body.items).toEqual([
      expect.objectContaining({
        id: plot.id,
        code: plot.code,
        status: 'suspected',
        statusName: '疑似污染地块',
        list: 'suspected',
        listName: '疑似污染地块名单',
        reviewStatus: 'draft',
        county: '赫山区',
      }),
    ])
    expect(bySearch.body.items[0].areaMu).toBeCloseTo(plot.areaM2 * 0.0015, 1)
    const other = await officer.agent.get('/api/plots').query({ q: plot.name, list: 'control' }).expect(200)
    expect(other.body.items).toEqual([])
    const byStatus = await officer.agent
      .get('/api/plots')
      .query({ status: 'suspected,listed', adcode: '430903' })
      .expect(200)
    expect(byStatus.body.items.length).toBeGreaterThan(0)
    expect(byStatus.body.items.every((i: { status: string }) => ['suspected', 'listed'].includes(i.status))).toBe(true)
  })

  it('when the state filter is unknown, then 400 lists the states', async () => {
    const res = await officer.agent.get('/api/plots').query({ status: 'burning' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/状态应为/)
  })

  it('when the county asked for is out of scope, then 403 names it', async () => {
    const res = await officer.agent.get('/api/plots').query({ adcode: '220322' })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toMatch(/梨树县/)
  })

  it('when any staff role reads a plot of its county, then it gets the profile; a plot of 梨树县 is 403 and an unknown id 404', async () => {
    const plot = await createPlot()
    const seen = await farmland.agent.get(`/api/plots/${plot.id}`).expect(200)
    expect(seen.body.transitions[0]).toMatchObject({
      action: 'start_preliminary',
      isAllowed: false,
      refusal: expect.stringContaining('生态环境管理员'),
    })
    const {
      rows: [far],
    } = await db.query(
      `
      INSERT INTO contaminated_plot (adcode, code, name, status, geom)
      SELECT '220322', '220322-DKT' || $1, '梨树县测试地块', 'suspected', ST_Multi(ST_Buffer(ST_PointOnSurface(geom), 0.0005)) FROM county WHERE adcode = '220322'
      RETURNING id`,
      [String(Date.now()).slice(-8)],
    )
    const out = await officer.agent.get(`/api/plots/${far.id}`)
    expect(out.status).toBe(403)
    expect(out.body.error).toMatchObject({ code: 'OUT_OF_SCOPE', message: expect.stringContaining('梨树县') })
    expect((await officer.agent.get('/api/plots/987654321')).status).toBe(404)
  })
})

describe('POST /api/plots/:id/transitions', () => {
  it('when the officer takes a plot from suspicion to the provincial list, then every step is in the chronology and the history, and the negative list follows the state', async () => {
    let plot = await createPlot()
    let res = await step(plot, 'start_preliminary')
    expect(res.status).toBe(200)
    plot = res.body
    expect(plot).toMatchObject({ status: 'preliminary_investigation', version: 2 })
    expect(plot.transitions.map((t: { action: string }) => t.action)).toEqual([
      'preliminary_clear',
      'preliminary_confirm',
    ])
    expect(plot.transitions[1]).toMatchObject({ isAllowed: false, refusal: expect.stringContaining('筛选值') })

    res = await post(officer, `/api/plots/${plot.id}/pollutants`, {
      version: plot.version,
      substance: 'Pb',
      valueMgKg: 520,
      sampledOn: '2026-01-10',
      depthM: 0.5,
    })
    expect(res.status).toBe(201)
    plot = res.body
    expect(plot.pollutants[0]).toMatchObject({
      substance: 'Pb',
      screening: 400,
      intervention: 800,
      exceedsScreening: true,
      exceedsIntervention: false,
      ratio: 1.3,
    })

    res = await step(plot, 'preliminary_confirm', { riskLevel: 'high', document: doc('初步调查报告') })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    plot = res.body
    expect(plot).toMatchObject({
      status: 'contaminated',
      riskLevel: 'high',
      list: { code: 'contaminated', name: '污染地块名录' },
    })
    expect(plot.negativeList).toEqual([
      expect.objectContaining({
        useCode: 'R',
        isDefault: true,
        basis: expect.stringContaining('《土壤污染防治行动计划》（十六）'),
      }),
      expect.objectContaining({ useCode: 'A', isDefault: true }),
    ])

    plot = (await step(plot, 'start_detailed')).body
    res = await step(plot, 'start_assessment', { document: doc('详细调查报告') })
    expect(res.status).toBe(200)
    plot = res.body
    res = await step(plot, 'list', { document: doc('风险评估报告'), reviewDocument: doc('省级评审意见') })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    plot = res.body
    expect(plot).toMatchObject({ status: 'listed', statusName: '列入风险管控和修复名录', list: { code: 'control' } })
    expect(plot.negativeList.map((u: { useCode: string; basis: string }) => [u.useCode, u.basis])).toEqual([
      ['R', '《中华人民共和国土壤污染防治法》第六十一条'],
      ['A', '《中华人民共和国土壤污染防治法》第六十一条'],
      ['*', '《中华人民共和国土壤污染防治法》第六十六条'],
    ])
    expect(plot.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'start_preliminary',
      'preliminary_confirm',
      'start_detailed',
      'start_assessment',
      'list',
    ])
    expect(plot.events[2]).toMatchObject({
      from: 'preliminary_investigation',
      to: 'contaminated',
      riskLevel: 'high',
      document: doc('初步调查报告'),
      actorName: expect.any(String),
    })
    expect(plot.events[5]).toMatchObject({ document: doc('风险评估报告'), reviewDocument: doc('省级评审意见') })
    const { rows } = await db.query(
      `SELECT action, before ->> 'status' AS "from", after ->> 'status' AS "to" FROM change_history WHERE entity = 'contaminated_plot' AND entity_id = $1 AND action = 'transition' ORDER BY id`,
      [plot.id],
    )
    expect(rows).toEqual([
      { action: 'transition', from: 'suspected', to: 'preliminary_investigation' },
      { action: 'transition', from: 'preliminary_investigation', to: 'contaminated' },
      { action: 'transition', from: 'contaminated', to: 'detailed_investigation' },
      { action: 'transition', from: 'detailed_investigation', to: 'risk_assessment' },
      { action: 'transition', from: 'risk_assessment', to: 'listed' },
    ])
  })

  it('when the step is illegal from the state, then 409 names both states and the allowed next steps, and nothing is written', async () => {
    const plot = await createPlot()
    const before = await counts()
    const res = await step(plot, 'list', { document: doc('风险评估报告'), reviewDocument: doc('省级评审意见') })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toBe(
      `地块 ${plot.code}：地块当前状态为“疑似污染地块”，不能“列入风险管控和修复名录”（该步只能从“风险评估”进行，转入“列入风险管控和修复名录”）；可进行的下一步：“开展初步调查”`,
    )
    expect(res.body.error.details).toEqual({
      problems: [{ code: 'NOT_ALLOWED_FROM_STATUS', message: res.body.error.message }],
    })
    expect(await counts()).toEqual(before)
  })

  it('when the action is unknown, then 400 lists the next steps', async () => {
    const plot = await createPlot()
    const res = await step(plot, 'demolish')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/没有“demolish”这一步；可进行的下一步：“开展初步调查”/)
  })

  it("when no pollutant is above the screening value of the plot's land class, then 409 says so and nothing is written", async () => {
    let plot = await createPlot({ plannedLandClass: 'second' })
    plot = (await step(plot, 'start_preliminary')).body
    plot = (
      await post(officer, `/api/plots/${plot.id}/pollutants`, {
        version: plot.version,
        substance: 'Pb',
        valueMgKg: 520,
        sampledOn: '2026-01-10',
      })
    ).body
    expect(plot.pollutants[0]).toMatchObject({ screening: 800, exceedsScreening: false })
    const before = await counts()
    const res = await step(plot, 'preliminary_confirm', { riskLevel: 'low', document: doc('初步调查报告') })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(/尚无任何污染物检测值超过 GB 36600-2018 第二类用地筛选值/)
    expect(res.body.error.details.problems).toMatchObject([{ code: 'NO_EXCEEDANCE' }])
    expect(await counts()).toEqual(before)
  })

  it('when arsenic is above screening and no background value is set, then it counts as an exceedance with the background note', async () => {
    let plot = await createPlot()
    plot = (await step(plot, 'start_preliminary')).body
    plot = (
      await post(officer, `/api/plots/${plot.id}/pollutants`, {
        version: plot.version,
        substance: 'As',
        valueMgKg: 25,
        sampledOn: '2026-01-10',
      })
    ).body
    expect(plot.pollutants[0]).toMatchObject({
      exceedsScreening: true,
      isExceedance: true,
      background: { valueMgKg: null, isWithinBackground: null, note: expect.stringContaining('待核实') },
    })
    expect((await step(plot, 'preliminary_confirm', { riskLevel: 'low', document: doc('初步调查报告') })).status).toBe(
      200,
    )
  })

  it('when arsenic is above screening but within the configured background value, then it does not count as an exceedance', async () => {
    const withBackground = createTestApp(db, { plots: { backgroundMgKg: { As: 30, Co: null, V: null } } })
    const me = await signInAs(withBackground, 'environment')
    let plot = (
      await post(me, '/api/plots', { name: '背景值测试地块', formerIndustry: 'chemical', geometry: square(inside) })
    ).body
    plot = (await step(plot, 'start_preliminary', {}, me)).body
    plot = (
      await post(me, `/api/plots/${plot.id}/pollutants`, {
        version: plot.version,
        substance: 'As',
        valueMgKg: 25,
        sampledOn: '2026-01-10',
      })
    ).body
    expect(plot.pollutants[0]).toMatchObject({
      exceedsScreening: true,
      isExceedance: false,
      background: { valueMgKg: 30, isWithinBackground: true },
    })
    const res = await step(plot, 'preliminary_confirm', { riskLevel: 'low', document: doc('初步调查报告') }, me)
    expect(res.status).toBe(409)
    expect(res.body.error.details.problems).toMatchObject([{ code: 'NO_EXCEEDANCE' }])
  })

  it.each([
    ['the report is missing', { riskLevel: 'high' }, /缺少初步调查报告/, 'document'],
    [
      'the report has no title',
      { riskLevel: 'high', document: { ...doc('x'), title: ' ' } },
      /初步调查报告缺少“标题”/,
      'document.title',
    ],
    [
      'the report has no date',
      { riskLevel: 'high', document: { ...doc('x'), date: '' } },
      /初步调查报告缺少“日期”/,
      'document.date',
    ],
    [
      'the report date is not a date',
      { riskLevel: 'high', document: { ...doc('x'), date: '2026-02-30' } },
      /不是有效的?日期/,
      'document.date',
    ],
    [
      'the report is dated in the future',
      { riskLevel: 'high', document: { ...doc('x'), date: '2999-01-01' } },
      /晚于今天/,
      'document.date',
    ],
    [
      'the summary is too short',
      { riskLevel: 'high', document: { ...doc('x'), body: '超标' } },
      /结论摘要太短/,
      'document.body',
    ],
    [
      'the attachment has no extension',
      { riskLevel: 'high', document: { ...doc('x'), attachmentName: '报告' } },
      /附件文件名“报告”无效/,
      'document.attachmentName',
    ],
    [
      'the attachment name is missing',
      { riskLevel: 'high', document: { ...doc('x'), attachmentName: undefined } },
      /缺少“附件文件名”/,
      'document.attachmentName',
    ],
    ['the risk level is missing', { document: doc('初步调查报告') }, /须确定风险等级/, 'riskLevel'],
    [
      'the risk level is unknown',
      { riskLevel: 'extreme', document: doc('初步调查报告') },
      /风险等级“extreme”无效/,
      'riskLevel',
    ],
  ])(
    'when %s on 确认为污染地块, then 400 names the field and nothing is written',
    async (_what, body, message, field) => {
      let plot = await createPlot()
      plot = (await step(plot, 'start_preliminary')).body
      plot = (
        await post(officer, `/api/plots/${plot.id}/pollutants`, {
          version: plot.version,
          substance: 'Cd',
          valueMgKg: 30,
          sampledOn: '2026-01-10',
        })
      ).body
      const before = await counts()
      const res = await step(plot, 'preliminary_confirm', body)
      expect(res.status).toBe(400)
      expect(res.body.error.message).toMatch(message)
      expect(res.body.error.details).toEqual({
        problems: [{ code: expect.any(String), field, message: res.body.error.message }],
      })
      expect(await counts()).toEqual(before)
    },
  )

  it('when 确认为污染地块 misses the report date, its summary and the risk level, then one 400 names all three fields', async () => {
    let plot = await createPlot()
    plot = (await step(plot, 'start_preliminary')).body
    plot = (
      await post(officer, `/api/plots/${plot.id}/pollutants`, {
        version: plot.version,
        substance: 'Cd',
        valueMgKg: 30,
        sampledOn: '2026-01-10',
      })
    ).body
    const before = await counts()
    const res = await step(plot, 'preliminary_confirm', { document: { ...doc('x'), date: '', body: '' } })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/共 3 处须补正/)
    expect(res.body.error.details.problems.map((p: any) => p.field)).toEqual([
      'document.date',
      'document.body',
      'riskLevel',
    ])
    expect(await counts()).toEqual(before)
  })

  it('when 列入名录 comes without the provincial review opinion, then 400 names 省级评审意见', async () => {
    const plot = await forceStatus((await createPlot()).id, 'risk_assessment', 'medium')
    const res = await step(plot, 'list', { document: doc('风险评估报告') })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/缺少省级评审意见/)
  })

  it('when 暂不开发利用 comes without a reason, then 400; with one, the plot is in 管控区域 state with the reason in the chronology', async () => {
    const plot = await forceStatus((await createPlot()).id, 'contaminated', 'low')
    const refused = await step(plot, 'defer', { reason: '  ' })
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toMatch(/须填写暂不开发利用的理由/)
    const res = await step(plot, 'defer', { reason: '规划未定，暂不开发利用' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'control_zone', list: { code: 'control' } })
    expect(res.body.events.at(-1)).toMatchObject({ action: 'defer', reason: '规划未定，暂不开发利用' })
  })

  it('when the officer approves a removal, then 403 says only 审定人 may; the approver approves with the opinion and the plot is removed with no default negative list', async () => {
    const plot = await forceStatus((await createPlot()).id, 'removal_applied', 'low')
    const before = await counts()
    const mine = await step(plot, 'approve_removal', { document: doc('省级移出评审意见') })
    expect(mine.status).toBe(403)
    expect(mine.body.error.message).toMatch(/“同意移出名录”只能由审定人操作/)
    expect(await counts()).toEqual(before)
    const res = await step(plot, 'approve_removal', { document: doc('省级移出评审意见') }, approver)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'removed', list: { code: 'removed' }, negativeList: [] })
  })

  it('when the approver rejects a removal without a reason, then 400; with one, the plot goes back to 效果评估', async () => {
    const plot = await forceStatus((await createPlot()).id, 'removal_applied', 'low')
    expect((await step(plot, 'reject_removal', {}, approver)).status).toBe(400)
    const res = await step(plot, 'reject_removal', { reason: '地下水指标未达到修复目标' }, approver)
    expect(res.status).toBe(200)
    expect(res.body.status).toBe('effect_evaluation')
  })

  it("when the approver tries an officer's step, then 403; a farmland officer gets 403 on any step", async () => {
    const plot = await createPlot()
    const res = await step(plot, 'start_preliminary', {}, approver)
    expect(res.status).toBe(403)
    expect(res.body.error.message).toMatch(/只能由生态环境管理员操作/)
    expect((await step(plot, 'start_preliminary', {}, farmland)).status).toBe(403)
  })

  it('when the version is stale, then 409 says who changed the plot and when, and nothing is written', async () => {
    const plot = await createPlot()
    await step(plot, 'start_preliminary')
    const before = await counts()
    const res = await step(plot, 'start_preliminary')
    expect(res.status).toBe(409)
    const {
      rows: [me],
    } = await db.query(`SELECT display_name FROM app_user WHERE username = 'huanjing'`)
    expect(res.body.error.message).toMatch(
      new RegExp(
        `已被 ${me.display_name}（huanjing）于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 修改（您看到的是第 1 版，当前为第 2 版）`,
      ),
    )
    expect(res.body.error.details).toMatchObject({ yourVersion: 1, currentVersion: 2, changedBy: 'huanjing' })
    expect(await counts()).toEqual(before)
  })

  it('when two officers take the same step at the same time, then one succeeds and the other gets 409, with one event and one history row', async () => {
    const plot = await createPlot()
    const answers = await Promise.all([step(plot, 'start_preliminary'), step(plot, 'start_preliminary')])
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409])
    const {
      rows: [n],
    } = await db.query(
      `SELECT (SELECT count(*) FROM plot_event WHERE plot_id = $1 AND action = 'start_preliminary')::int AS events,
      (SELECT count(*) FROM change_history WHERE entity = 'contaminated_plot' AND entity_id = $1 AND action = 'transition')::int AS history`,
      [plot.id],
    )
    expect(n).toEqual({ events: 1, history: 1 })
  })

  it('when the plot waits for review, then every write is refused with 409', async () => {
    const plot = await createPlot()
    await db.query(`UPDATE contaminated_plot SET review_status = 'submitted' WHERE id = $1`, [plot.id])
    const res = await step(plot, 'start_preliminary')
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(/正在审定中（已提交）/)
    const seen = await officer.agent.get(`/api/plots/${plot.id}`).expect(200)
    expect(seen.body.transitions[0]).toMatchObject({ isAllowed: false, refusal: expect.stringContaining('审定中') })
  })

  it('when a published plot changes state, then it becomes a draft again and its published copy stays as it was', async () => {
    const plot = await createPlot()
    await db.query(`UPDATE contaminated_plot SET review_status = 'published' WHERE id = $1`, [plot.id])
    await db.query(
      `INSERT INTO published_plot (adcode, id, version, code, name, status, geom) SELECT adcode, id, 1, code, name, status, geom FROM contaminated_plot WHERE id = $1`,
      [plot.id],
    )
    const res = await step(plot, 'start_preliminary')
    expect(res.status).toBe(200)
    expect(res.body.reviewStatus).toBe('draft')
    const {
      rows: [pub],
    } = await db.query(`SELECT status FROM published_plot WHERE id = $1`, [plot.id])
    expect(pub.status).toBe('suspected')
    await db.query(`DELETE FROM published_plot WHERE id = $1`, [plot.id])
  })
})

describe('publishing', () => {
  it('when a listed plot is submitted, approved and published, then its public copy carries the negative list of its state with the legal basis', async () => {
    let plot: any = await forceStatus((await createPlot()).id, 'risk_assessment', 'high')
    plot = (await step(plot, 'list', { document: doc('风险评估报告'), reviewDocument: doc('省级评审意见') })).body
    plot = (
      await post(officer, `/api/plots/${plot.id}/negative-uses`, {
        version: plot.version,
        useCode: 'B',
        reason: '紧邻居民区',
      })
    ).body
    expect((await post(officer, `/api/reviews/plot/${plot.id}/submit`, {})).status).toBe(200)
    expect((await post(approver, `/api/reviews/plot/${plot.id}/approve`, {})).status).toBe(200)
    expect((await post(approver, `/api/reviews/plot/${plot.id}/publish`, {})).status).toBe(200)
    const anonymous = await signInAs(app, 'anonymous')
    const res = await anonymous.agent.get('/api/public/plots').query({ adcode: '430903' }).expect(200)
    const published = res.body.plots.find((p: { code: string }) => p.code === plot.code)
    expect(published.status).toBe('listed')
    expect(published.negativeUses).toEqual([
      { useCode: 'R', useName: '居住用地', basis: '《中华人民共和国土壤污染防治法》第六十一条' },
      { useCode: 'A', useName: '公共管理与公共服务设施用地', basis: '《中华人民共和国土壤污染防治法》第六十一条' },
      { useCode: '*', useName: '与风险管控、修复无关的建设项目', basis: '《中华人民共和国土壤污染防治法》第六十六条' },
      { useCode: 'B', useName: '商业服务业设施用地', basis: '生态环境主管部门增列' },
    ])
    expect(JSON.stringify(published)).not.toMatch(/李四|紧邻居民区/)
  })
})

describe('pollutants', () => {
  it.each([
    ['the substance is not in GB 36600', { substance: 'gold' }, /“gold”不在 GB 36600-2018 表1、表2 中/],
    ['the value is negative', { valueMgKg: -1 }, /检测值不能为负数/],
    ['the value is text', { valueMgKg: '12' }, /检测值（mg\/kg）应为数字/],
    ['the sampling date is in the future', { sampledOn: '2999-01-01' }, /晚于今天/],
    ['the sampling date is not a date', { sampledOn: '2026-13-01' }, /采样日期不是有效的?日期/],
    ['the depth is negative', { depthM: -0.5 }, /采样深度不能为负数/],
  ])('when %s, then 400 and nothing is written', async (_what, extra, message) => {
    const plot = await createPlot()
    const before = await counts()
    const res = await post(officer, `/api/plots/${plot.id}/pollutants`, {
      version: plot.version,
      substance: 'Pb',
      valueMgKg: 100,
      sampledOn: '2026-01-10',
      ...extra,
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(message)
    expect(await counts()).toEqual(before)
  })

  it('when values exceed intervention, then the profile marks them with the ratios; removing one with a stale version is 409 and with the right one writes history', async () => {
    let plot = await createPlot()
    plot = (
      await post(officer, `/api/plots/${plot.id}/pollutants`, {
        version: plot.version,
        substance: 'benzo_a_pyrene',
        valueMgKg: 6,
        sampledOn: today,
        note: 'S3 点位',
      })
    ).body
    expect(plot.pollutants[0]).toMatchObject({
      name: '苯并[a]芘',
      cas: '50-32-8',
      screening: 0.55,
      intervention: 5.5,
      exceedsScreening: true,
      exceedsIntervention: true,
      ratio: 10.9,
      interventionRatio: 1.09,
      note: 'S3 点位',
      sampledOn: today,
    })
    const pid = plot.pollutants[0].id
    const before = await counts()
    const stale = await del(officer, `/api/plots/${plot.id}/pollutants/${pid}?version=${plot.version - 1}`)
    expect(stale.status).toBe(409)
    expect(await counts()).toEqual(before)
    expect((await del(officer, `/api/plots/${plot.id}/pollutants/999999999?version=${plot.version}`)).status).toBe(404)
    expect((await del(officer, `/api/plots/${plot.id}/pollutants/${pid}`)).status).toBe(400)
    const res = await del(officer, `/api/plots/${plot.id}/pollutants/${pid}?version=${plot.version}`, {
      reason: '录入错误',
    })
    expect(res.status).toBe(200)
    expect(res.body.pollutants).toEqual([])
    expect(res.body.history[0]).toMatchObject({
      action: 'pollutant',
      actionName: '污染物检测结果',
      reason: '录入错误',
      before: { removed: { substance: 'benzo_a_pyrene' } },
    })
  })

  it('when a farmland officer adds a pollutant, then 403', async () => {
    const plot = await createPlot()
    expect(
      (
        await post(farmland, `/api/plots/${plot.id}/pollutants`, {
          version: plot.version,
          substance: 'Pb',
          valueMgKg: 1,
          sampledOn: '2026-01-10',
        })
      ).status,
    ).toBe(403)
  })
})

describe('negative uses', () => {
  it('when the officer adds a use with a reason, then it is listed after the defaults and can be removed with a reason; defaults cannot be removed', async () => {
    let plot = await forceStatus((await createPlot()).id, 'listed', 'high')
    const before = await counts()
    const noReason = await post(officer, `/api/plots/${plot.id}/negative-uses`, { version: plot.version, useCode: 'B' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.error.message).toMatch(/增列禁止用途“商业服务业设施用地（B）”须填写理由/)
    const unknown = await post(officer, `/api/plots/${plot.id}/negative-uses`, {
      version: plot.version,
      useCode: 'Z9',
      reason: '测试',
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.message).toMatch(/不是 GB 50137-2011 城市用地分类代码/)
    const isDefault = await post(officer, `/api/plots/${plot.id}/negative-uses`, {
      version: plot.version,
      useCode: 'R',
      reason: '测试',
    })
    expect(isDefault.status).toBe(409)
    expect(isDefault.body.error.message).toMatch(/已是法定禁止用途/)
    expect(await counts()).toEqual(before)

    const added = await post(officer, `/api/plots/${plot.id}/negative-uses`, {
      version: plot.version,
      useCode: 'b',
      reason: '地下水污染羽下游，不宜商业开发',
    })
    expect(added.status).toBe(201)
    plot = readContract(PlotProfile, added.body)
    expect(
      added.body.negativeList.map((u: { useCode: string; isDefault: boolean }) => [u.useCode, u.isDefault]),
    ).toEqual([
      ['R', true],
      ['A', true],
      ['*', true],
      ['B', false],
    ])
    expect(added.body.negativeList[3]).toMatchObject({
      useName: '商业服务业设施用地',
      reason: '地下水污染羽下游，不宜商业开发',
      basis: '生态环境主管部门增列',
    })
    const again = await post(officer, `/api/plots/${plot.id}/negative-uses`, {
      version: plot.version,
      useCode: 'B',
      reason: '重复',
    })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toMatch(/已在负面清单中/)

    const removeDefault = await del(officer, `/api/plots/${plot.id}/negative-uses/R`, {
      version: plot.version,
      reason: '测试',
    })
    expect(removeDefault.status).toBe(409)
    expect(removeDefault.body.error.message).toMatch(
      /“居住用地”是法定禁止用途（依据《中华人民共和国土壤污染防治法》第六十一条），不能删除/,
    )
    const removeStar = await del(officer, `/api/plots/${plot.id}/negative-uses/%2A`, {
      version: plot.version,
      reason: '测试',
    })
    expect(removeStar.status).toBe(409)
    expect(removeStar.body.error.message).toMatch(
      /“与风险管控、修复无关的建设项目”是法定禁止用途（依据《中华人民共和国土壤污染防治法》第六十六条）/,
    )
    expect((await del(officer, `/api/plots/${plot.id}/negative-uses/B`, { version: plot.version })).status).toBe(400)
    expect(
      (await del(officer, `/api/plots/${plot.id}/negative-uses/M`, { version: plot.version, reason: '测试' })).status,
    ).toBe(404)
    const removed = await del(officer, `/api/plots/${plot.id}/negative-uses/B`, {
      version: plot.version,
      reason: '规划调整为工业用地',
    })
    expect(removed.status).toBe(200)
    readContract(PlotProfile, removed.body)
    expect(removed.body.negativeList.map((u: { useCode: string }) => u.useCode)).toEqual(['R', 'A', '*'])
    expect(
      removed.body.history.slice(0, 2).map((h: { action: string; reason: string }) => [h.action, h.reason]),
    ).toEqual([
      ['negative_use', '规划调整为工业用地'],
      ['negative_use', '地下水污染羽下游，不宜商业开发'],
    ])
  })

  it("when a plot is on the provincial list, then the map's info panel shows the same negative list as the profile", async () => {
    const plot = await forceStatus((await createPlot()).id, 'listed', 'high')
    const res = await officer.agent.get(`/api/features/contaminated-plot/${plot.id}`).expect(200)
    const field = JSON.stringify(res.body)
    expect(field).toContain('不得用作居住用地（《中华人民共和国土壤污染防治法》第六十一条）')
    expect(field).toContain('不得建设与风险管控、修复无关的建设项目（《中华人民共和国土壤污染防治法》第六十六条）')
  })

  it('when the sample data stored R and A for a listed plot, then they show once, as the defaults', async () => {
    const plot = await forceStatus((await createPlot()).id, 'listed', 'high')
    await db.query(
      `INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis, created_by) VALUES ('430903', $1, 'R', '《中华人民共和国土壤污染防治法》第六十一条', 'sample-data')`,
      [plot.id],
    )
    const seen = await officer.agent.get(`/api/plots/${plot.id}`).expect(200)
    expect(seen.body.negativeList.map((u: { useCode: string }) => u.useCode)).toEqual(['R', 'A', '*'])
  })
})

describe('PATCH /api/plots/:id', () => {
  it('when the officer changes facts and the boundary, then a new version with a history row holding before and after', async () => {
    const plot = await createPlot()
    const res = await patch(officer, `/api/plots/${plot.id}`, {
      version: 1,
      name: '改名后的地块',
      plannedLandClass: null,
      contact: '',
      geometry: square(inside, 80),
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({
      name: '改名后的地块',
      version: 2,
      contact: null,
      plannedLandClass: null,
      landClassName: '第一类用地',
    })
    expect(res.body.areaM2).toBeGreaterThan(plot.areaM2 * 2)
    expect(res.body.history[0]).toMatchObject({
      action: 'update',
      before: { name: plot.name, version: 1 },
      after: { name: '改名后的地块', version: 2 },
    })
  })

  it('when nothing is sent but the version, then 400; a bad boundary is 422 and the plot stays as it was', async () => {
    const plot = await createPlot()
    expect((await patch(officer, `/api/plots/${plot.id}`, { version: 1 })).status).toBe(400)
    const before = await counts()
    const res = await patch(officer, `/api/plots/${plot.id}`, {
      version: 1,
      name: '不应保存',
      geometry: { type: 'Point', coordinates: [inside.lon, inside.lat] },
    })
    expect(res.status).toBe(422)
    expect(await counts()).toEqual(before)
    const seen = await officer.agent.get(`/api/plots/${plot.id}`).expect(200)
    expect(seen.body).toMatchObject({ name: plot.name, version: 1 })
  })

  it('when the version is stale, then 409', async () => {
    const plot = await createPlot()
    await patch(officer, `/api/plots/${plot.id}`, { version: 1, name: '第一次修改' })
    const res = await patch(officer, `/api/plots/${plot.id}`, { version: 1, name: '第二次修改' })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(/当前为第 2 版/)
  })
})

describe('reference lists', () => {
  it('when staff ask for GB 36600, then both tables come back with every item and its four values', async () => {
    const res = await farmland.agent.get('/api/reference/gb36600').expect(200)
    expect(res.body.substances).toHaveLength(85)
    expect(res.body.substances.find((s: { key: string }) => s.key === 'tph_c10_c40')).toMatchObject({
      name: '石油烃 (C10–C40)',
      table: 'GB 36600-2018 表2（其他项目）',
      screening: { first: 826, second: 4500 },
      intervention: { first: 5000, second: 9000 },
    })
    expect(res.body.substances.find((s: { key: string }) => s.key === 'As')).toMatchObject({
      cas: '7440-38-2',
      hasBackgroundNote: true,
    })
    expect(res.body.backgroundMgKg.note).toMatch(/待核实/)
  })

  it('when staff ask for GB 50137, then codes come with their GB 36600 land class', async () => {
    const res = await officer.agent.get('/api/reference/gb50137').expect(200)
    const byCode = Object.fromEntries(
      res.body.codes.map((c: { code: string; landClass: string }) => [c.code, c.landClass]),
    )
    expect(byCode).toMatchObject({
      R: 'first',
      A33: 'first',
      A5: 'first',
      A6: 'first',
      G1: 'first',
      A1: 'second',
      M: 'second',
      B: 'second',
      A: 'first',
    })
  })

  it('when nobody is signed in, then 401', async () => {
    const anonymous = await signInAs(app, 'anonymous')
    expect((await anonymous.agent.get('/api/reference/gb36600')).status).toBe(401)
    expect((await anonymous.agent.get('/api/plots')).status).toBe(401)
  })
})

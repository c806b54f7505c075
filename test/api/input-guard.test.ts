import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signIn, signInAs, type Session } from '../support/session.ts'
import { createTestUser } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let environment: Session
let land: Session
let approver: Session
let admin: Session
let anonymous: Session
let parcel: { id: number; version: number }
let plot: { id: number; version: number }
let point: { id: number }
let reportId: number
let userId: number
let userVersion: number
let inside: { lon: number; lat: number }

const CJK = /[\u4e00-\u9fff]/
const ENGLISH_ZOD = /Invalid input|expected|received|Unrecognized|Too (big|small)|Invalid (option|discriminator)/i

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

function square(at: { lon: number; lat: number }, halfM = 50) {
  const d = halfM / 100_000
  return {
    type: 'Polygon',
    coordinates: [
      [
        [at.lon - d, at.lat - d],
        [at.lon + d, at.lat - d],
        [at.lon + d, at.lat + d],
        [at.lon - d, at.lat + d],
        [at.lon - d, at.lat - d],
      ],
    ],
  }
}

/** Row counts and version sums of every table a form writes: equal before and after means nothing was written. */
async function fingerprint() {
  const {
    rows: [r],
  } = await db.query(`SELECT
    (SELECT count(*) FROM change_history)::int AS history,
    (SELECT coalesce(sum(version), 0) FROM farmland_parcel WHERE adcode = '430903')::int AS parcel_versions,
    (SELECT count(*) FROM farmland_parcel)::int AS parcels,
    (SELECT count(*) FROM contaminated_plot)::int AS plots,
    (SELECT coalesce(sum(version), 0) FROM contaminated_plot)::int AS plot_versions,
    (SELECT count(*) FROM plot_event)::int AS events,
    (SELECT count(*) FROM plot_pollutant)::int AS pollutants,
    (SELECT count(*) FROM control_zone)::int AS zones,
    (SELECT count(*) FROM supervised_enterprise)::int AS enterprises,
    (SELECT count(*) FROM precheck)::int AS prechecks,
    (SELECT count(*) FROM public_report)::int AS reports,
    (SELECT count(*) FILTER (WHERE status = 'handled') FROM public_report)::int AS handled,
    (SELECT count(*) FROM monitoring_point)::int AS points,
    (SELECT count(*) FROM monitoring_result)::int AS results,
    (SELECT count(*) FROM monitoring_import)::int AS imports,
    (SELECT coalesce(sum(version), 0) FROM app_user)::int AS user_versions`)
  return r
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  environment = await signInAs(app, 'environment')
  land = await signInAs(app, 'land')
  approver = await signInAs(app, 'approver')
  admin = await signInAs(app, 'admin')
  anonymous = await signIn(app, null)
  const {
    rows: [p],
  } = await db.query(`SELECT id::int, version FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1`)
  parcel = p
  const {
    rows: [c],
  } = await db.query(
    `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_PointOnSurface(geom) AS c FROM county WHERE adcode = '430903') p`,
  )
  inside = c
  const {
    rows: [t],
  } = await db.query(
    `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_PointOnSurface(geom) AS c FROM township WHERE code = '430903002') p`,
  )
  const created = await post(environment, '/api/plots', {
    name: '输入检查测试地块',
    formerIndustry: 'chemical',
    geometry: square(t, 30),
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  const started = await post(environment, `/api/plots/${created.body.id}/transitions`, {
    action: 'start_preliminary',
    version: created.body.version,
  })
  expect(started.status, JSON.stringify(started.body)).toBe(200)
  const polluted = await post(environment, `/api/plots/${created.body.id}/pollutants`, {
    version: started.body.version,
    substance: 'Cd',
    valueMgKg: 30,
    sampledOn: '2026-01-10',
  })
  expect(polluted.status, JSON.stringify(polluted.body)).toBe(201)
  plot = { id: polluted.body.id, version: polluted.body.version }
  const {
    rows: [pt],
  } = await db.query(
    `SELECT id::int FROM monitoring_point WHERE adcode = '430903' AND status = 'active' ORDER BY id LIMIT 1`,
  )
  point = pt
  const report = await anonymous.agent
    .post('/api/public/reports')
    .set('X-CSRF-Token', anonymous.csrfToken)
    .field('lon', String(inside.lon))
    .field('lat', String(inside.lat))
    .field('description', '输入检查测试：河边堆放了大量废渣，下雨后有黑水流出。')
  expect(report.status, JSON.stringify(report.body)).toBe(201)
  reportId = (await db.query(`SELECT max(id)::int AS id FROM public_report`)).rows[0].id
  const user = await createTestUser(db, { role: 'land', scopes: ['430903'] })
  userId = user.id
  userVersion = (await db.query(`SELECT version FROM app_user WHERE id = $1`, [userId])).rows[0].version
})
afterAll(async () => {
  await db.query(`DELETE FROM public_report WHERE description LIKE '输入检查测试：%'`)
  await db.close()
})

type Case = [what: string, field: RegExp, send: (bad: string) => request.Test]

/** Every form and query the issue names, each sending `bad` in one text field; the field's name must be in the answer. */
const CASES: Case[] = [
  [
    'parcel 备注 (bz)',
    /备注/,
    (bad) =>
      post(farmland, '/api/parcels/changes', {
        reason: '测试',
        changes: [{ op: 'update', ...parcel, attributes: { bz: bad } }],
      }),
  ],
  [
    'parcel 权属单位名称 (qsdwmc)',
    /权属单位名称/,
    (bad) =>
      post(farmland, '/api/parcels/check', { changes: [{ op: 'update', ...parcel, attributes: { qsdwmc: bad } }] }),
  ],
  [
    'parcel change reason',
    /理由/,
    (bad) =>
      post(farmland, '/api/parcels/changes', {
        reason: bad,
        changes: [{ op: 'update', ...parcel, attributes: { bz: '正常' } }],
      }),
  ],
  [
    'plot name',
    /地块名称/,
    (bad) => post(environment, '/api/plots', { name: bad, formerIndustry: 'chemical', geometry: square(inside) }),
  ],
  [
    'plot contact',
    /联系人及电话/,
    (bad) =>
      post(environment, '/api/plots', {
        name: '测试地块',
        contact: bad,
        formerIndustry: 'chemical',
        geometry: square(inside),
      }),
  ],
  [
    'plot address',
    /地址/,
    (bad) => patch(environment, `/api/plots/${plot.id}`, { version: plot.version, address: bad }),
  ],
  [
    'plot transition reason',
    /理由/,
    (bad) =>
      post(environment, `/api/plots/${plot.id}/transitions`, {
        action: 'preliminary_confirm',
        version: plot.version,
        riskLevel: 'high',
        reason: bad,
      }),
  ],
  [
    'pollutant note',
    /备注/,
    (bad) =>
      post(environment, `/api/plots/${plot.id}/pollutants`, {
        version: plot.version,
        substance: 'Pb',
        valueMgKg: 1,
        sampledOn: '2024-05-01',
        note: bad,
      }),
  ],
  [
    'zone announcement',
    /公告内容/,
    (bad) =>
      post(environment, '/api/control-zones', {
        name: '测试管控区',
        geometry: square(inside),
        announcementText: bad,
        monitorSoil: true,
        monitorSurfaceWater: false,
        monitorGroundwater: false,
        monitorAir: false,
      }),
  ],
  [
    'pre-check name',
    /地块名称/,
    (bad) => post(land, '/api/precheck', { geometry: square(inside), plannedUse: 'R2', name: bad }),
  ],
  [
    'report description (multipart, no login)',
    /举报内容/,
    (bad) =>
      anonymous.agent
        .post('/api/public/reports')
        .set('X-CSRF-Token', anonymous.csrfToken)
        .field('lon', String(inside.lon))
        .field('lat', String(inside.lat))
        .field('description', `输入检查测试：河边有废渣${bad}堆放了很久`),
  ],
  [
    'report contact (multipart, no login)',
    /联系方式/,
    (bad) =>
      anonymous.agent
        .post('/api/public/reports')
        .set('X-CSRF-Token', anonymous.csrfToken)
        .field('lon', String(inside.lon))
        .field('lat', String(inside.lat))
        .field('description', '输入检查测试：河边有废渣堆放了很久')
        .field('contact', bad),
  ],
  ['report handling note', /处理意见/, (bad) => post(approver, `/api/reports/${reportId}/handle`, { note: bad })],
  [
    'enterprise name',
    /企业名称/,
    (bad) =>
      post(environment, '/api/enterprises', {
        name: bad,
        creditCode: '91430900MA4L000001',
        industry: 'chemical',
        status: 'operating',
        geometry: square(inside),
      }),
  ],
  [
    'user display name',
    /姓名/,
    (bad) =>
      patch(admin, `/api/admin/users/${userId}`, {
        displayName: bad,
        department: '',
        role: 'land',
        scopes: ['430903'],
        isActive: true,
        version: userVersion,
      }),
  ],
  [
    'monitoring result crop',
    /作物/,
    (bad) =>
      post(environment, `/api/monitoring/points/${point.id}/results`, {
        sampledOn: '2024-05-01',
        crop: bad,
        values: { cd: 0.2 },
      }),
  ],
  ['staff search', /检索内容/, (bad) => farmland.agent.get('/api/search').query({ q: bad })],
  ['public search', /检索内容/, (bad) => anonymous.agent.get('/api/public/search').query({ q: bad })],
  [
    'a key of an object',
    /名称/,
    (bad) =>
      post(environment, `/api/monitoring/points/${point.id}/results`, {
        sampledOn: '2024-05-01',
        values: { [`cd${bad}`]: 0.2 },
      }),
  ],
]

/** Control characters a form refuses, each with a short name for the test title. */
const BAD: [name: string, text: string, position: number][] = [
  ['NUL', 'ab\u0000c', 3],
  ['BEL', '\u0007', 1],
  ['ESC', '名称\u001b', 3],
  ['DEL', '中\u007f', 2],
  ['C1 NEL', '\u0085x', 1],
  ['lone high surrogate', 'x\uD800', 2],
  ['lone low surrogate', '\uDC00', 1],
  ['non-character U+FFFE', '地块\uFFFE', 3],
  ['non-character U+1FFFF', '\u{1F600}\u{1FFFF}', 2],
  ['non-character U+FDD0', '\uFDD0', 1],
]

describe('control characters in any text field', () => {
  it.each(CASES)(
    'when %s holds a NUL, then 400 naming the field and the position, and nothing is written',
    async (_what, field, send) => {
      const before = await fingerprint()
      const res = await send('备\u0000注')
      expect(res.status, JSON.stringify(res.body)).toBe(400)
      expect(res.body.error.code).toBe('VALIDATION')
      expect(res.body.error.message).toMatch(field)
      expect(res.body.error.message).toMatch(/含有不可见的控制字符（位置 \d+），请删除后重试/)
      expect(await fingerprint()).toEqual(before)
    },
  )

  it.each(BAD)('when a plot name holds %s, then 400 with its position', async (_name, text, position) => {
    const before = await fingerprint()
    const res = await post(environment, '/api/plots', {
      name: text,
      formerIndustry: 'chemical',
      geometry: square(inside),
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe(`「地块名称」含有不可见的控制字符（位置 ${position}），请删除后重试`)
    expect(await fingerprint()).toEqual(before)
  })

  it('when a nested list field holds one, then the answer names the item and the path', async () => {
    const res = await post(farmland, '/api/parcels/check', {
      changes: [
        { op: 'update', ...parcel, attributes: { bz: '正常' } },
        { op: 'update', ...parcel, attributes: { zldwmc: 'x\u0001' } },
      ],
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toBe(
      '第 2 项的「坐落单位名称」（changes.1.attributes.zldwmc）含有不可见的控制字符（位置 2），请删除后重试',
    )
    expect(res.body.error.details).toEqual({
      problems: [{ code: 'CONTROL_CHARACTER', field: 'changes.1.attributes.zldwmc', message: res.body.error.message }],
    })
  })

  it('when a body nests 10,000 arrays deep, then 400 in Chinese instead of a stack overflow, and nothing is written', async () => {
    const before = await fingerprint()
    const deep = `{"version":${plot.version},"name":"深层","geometry":${'['.repeat(10_000)}${']'.repeat(10_000)}}`
    const res = await environment.agent
      .patch(`/api/plots/${plot.id}`)
      .set('X-CSRF-Token', environment.csrfToken)
      .set('Content-Type', 'application/json')
      .send(deep)
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.error.message).toBe('「geometry.0.0」下的内容嵌套超过 100 层，不是本系统接受的数据，请检查后重试')
    expect(await fingerprint()).toEqual(before)
  })

  it('when a GeoJSON geometry nests as usual, then the guard lets it through', async () => {
    const res = await post(land, '/api/precheck', {
      geometry: square(inside),
      plannedUse: 'R2',
      name: '嵌套正常的核查地块\t（含制表符）',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
  })

  it('when the path of the address holds one, then 400 instead of a database error', async () => {
    const res = await environment.agent.get('/api/plots/1%00')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toMatch(/网址.*不可见的控制字符/)
  })

  it('when a monitoring import file holds one in a text cell, then 400 naming row and column, and nothing is imported', async () => {
    const {
      rows: [pt],
    } = await db.query(`SELECT code FROM monitoring_point WHERE id = $1`, [point.id])
    const file = Buffer.from(
      `\uFEFF点位编号,采样日期,介质,作物,镉（mg/kg）\r\n${pt.code},2024-05-01,农产品,水\u0000稻,0.2\r\n`,
      'utf8',
    )
    const before = await fingerprint()
    const res = await post(environment, '/api/monitoring/import?mode=all', undefined).attach('file', file, {
      filename: '结果.csv',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.error.message).toMatch(/第 2 行「作物」含有不可见的控制字符（位置 2）/)
    expect(await fingerprint()).toEqual(before)
  })

  it('when text holds tabs and line breaks, then they are kept (they are not control characters here)', async () => {
    const res = await post(approver, `/api/reports/${reportId}/handle`, { note: '已核实：\r\n\t1. 现场清理完毕' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
  })
})

describe('dates out of range', () => {
  const DATE_CASES: [what: string, field: RegExp, send: (date: string) => request.Test][] = [
    [
      'pollutant sampling date',
      /采样日期/,
      (d) =>
        post(environment, `/api/plots/${plot.id}/pollutants`, {
          version: plot.version,
          substance: 'Pb',
          valueMgKg: 1,
          sampledOn: d,
        }),
    ],
    [
      'monitoring result sampling date',
      /采样日期/,
      (d) => post(environment, `/api/monitoring/points/${point.id}/results`, { sampledOn: d, values: { cd: 0.2 } }),
    ],
    [
      'zone announcement date',
      /公告日期/,
      (d) =>
        post(environment, '/api/control-zones', {
          name: '测试管控区',
          geometry: square(inside),
          announcementDate: d,
          monitorSoil: true,
          monitorSurfaceWater: false,
          monitorGroundwater: false,
          monitorAir: false,
        }),
    ],
    ['pre-check list start', /起始日期/, (d) => land.agent.get('/api/precheck').query({ from: d })],
    ['pre-check list end', /截止日期/, (d) => land.agent.get('/api/precheck').query({ to: d })],
    [
      'plot document date',
      /初步调查报告的日期/,
      (d) =>
        post(environment, `/api/plots/${plot.id}/transitions`, {
          action: 'preliminary_confirm',
          version: plot.version,
          riskLevel: 'high',
          document: { title: '初步调查报告', date: d },
        }),
    ],
  ]
  const far = `${new Date().getUTCFullYear() + 3}-01-01`
  it.each(
    DATE_CASES.flatMap(
      ([what, field, send]) =>
        [
          [what, '0000-01-01', field, send],
          [what, '1899-12-31', field, send],
          [what, far, field, send],
          [what, '2024-02-30', field, send],
        ] as const,
    ),
  )('when the %s is %s, then 400 naming the date and nothing is written', async (_what, date, field, send) => {
    const before = await fingerprint()
    const res = await send(date)
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.error.message).toMatch(field)
    expect(res.body.error.message).toMatch(CJK)
    expect(await fingerprint()).toEqual(before)
  })
})

describe('validation messages are Chinese and name the field', () => {
  const MESSAGE_CASES: [what: string, field: RegExp, send: () => request.Test][] = [
    [
      'a parcel change without attributes',
      /图斑属性/,
      () => post(farmland, '/api/parcels/check', { changes: [{ op: 'create', geometry: square(inside) }] }),
    ],
    ['a bbox with NaN', /bbox/, () => farmland.agent.get('/api/parcels').query({ bbox: 'NaN,1,2,3' })],
    [
      'a JSON array as the login body',
      /请求内容/,
      () => post(anonymous, '/api/auth/login', [{ username: 'a', password: 'b' }]),
    ],
    [
      'a JSON array as a review body',
      /请求内容/,
      () => post(environment, `/api/reviews/plot/${plot.id}/submit`, [1, 2]),
    ],
    [
      'an unknown element in a monitoring result',
      /检测值.*Xx/,
      () =>
        post(environment, `/api/monitoring/points/${point.id}/results`, {
          sampledOn: '2024-05-01',
          values: { cd: 0.2, Xx: 1 },
        }),
    ],
    [
      'a number where a reason is expected',
      /修改原因/,
      () => post(farmland, '/api/parcels/changes', { reason: 5, changes: [{ op: 'delete', ...parcel }] }),
    ],
    [
      'a string where a version is expected',
      /版本号/,
      () =>
        post(environment, `/api/plots/${plot.id}/pollutants`, {
          version: 'x',
          substance: 'Pb',
          valueMgKg: 1,
          sampledOn: '2024-05-01',
        }),
    ],
    ['a JSON array as a user body', /请求内容/, () => post(admin, '/api/admin/users', [])],
  ]
  it.each(MESSAGE_CASES)('when %s is sent, then 400 in Chinese naming the field', async (_what, field, send) => {
    const before = await fingerprint()
    const res = await send()
    expect(res.status, JSON.stringify(res.body)).toBe(400)
    expect(res.body.error.message).toMatch(CJK)
    expect(res.body.error.message).not.toMatch(ENGLISH_ZOD)
    expect(res.body.error.message).toMatch(field)
    for (const d of res.body.error.details.problems) expect(d.message).not.toMatch(ENGLISH_ZOD)
    if (process.env.SHOW_MESSAGES) console.log(res.body.error.message)
    expect(await fingerprint()).toEqual(before)
  })
})

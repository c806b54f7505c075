import crypto from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signIn, signInAs, type Caller } from '../support/session.ts'
import { ReportItem, ReportReceived } from '../../contracts/reports.ts'
import { readContract } from '../support/contract.ts'

/** Every report this file sends carries this tag in its description, so it can find and remove them. */
const TAG = `举报测试${Date.now().toString(36)}`
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(60, 1)])
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([40, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(28, 0),
])

let db: Database
/** The app with a generous report limit, so the rate limit never gets in the way of the other tests. */
let app: ReturnType<typeof createTestApp>
let inside: { lon: number; lat: number; township: string }
let otherCounty: { lon: number; lat: number }

const reportsConfig = (overrides: Partial<ReturnType<typeof loadConfig>['reports']>) => ({
  reports: { ...loadConfig().reports, ...overrides },
})

async function sendReport(
  target: ReturnType<typeof createTestApp>,
  fields: Record<string, string>,
  photo?: { bytes: Buffer; name: string; type: string },
) {
  const { agent, csrfToken } = await signIn(target, null)
  let req = agent.post('/api/public/reports').set('X-CSRF-Token', csrfToken)
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v)
  if (photo) req = req.attach('photo', photo.bytes, { filename: photo.name, contentType: photo.type })
  return req
}

const validFields = (extra: Record<string, string> = {}) => ({
  lon: String(inside.lon),
  lat: String(inside.lat),
  description: `${TAG} 河道边的空地上堆放了大量废渣，下雨后有黑水流入农田。`,
  ...extra,
})

async function storedReports(descriptionLike: string) {
  return (
    await db.query(
      `SELECT id, adcode::text, description, contact, photo, photo_type, client_hash, status FROM public_report WHERE description LIKE $1 ORDER BY id`,
      [descriptionLike],
    )
  ).rows
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db, reportsConfig({ perWindow: 1000 }))
  const {
    rows: [t],
  } = await db.query(
    `SELECT name, ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT name, ST_PointOnSurface(geom) AS p FROM township WHERE code = '430903001') s`,
  )
  inside = { lon: t.lon, lat: t.lat, township: t.name }
  const {
    rows: [o],
  } = await db.query(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM county WHERE adcode = '220322') s`,
  )
  otherCounty = o
})

afterAll(async () => {
  await db.query(`DELETE FROM public_report WHERE description LIKE $1`, [`%${TAG}%`])
  await db.close()
})

describe('POST /api/public/reports', () => {
  it('when a valid report with a photo and a contact is sent without login, then 201, it is stored in its county, and the contact is not echoed', async () => {
    const contact = `13712345678 ${TAG}`
    const res = await sendReport(
      app,
      validFields({ description: `${TAG} 成功提交：厂区围墙外有刺鼻气味，持续一周。`, contact }),
      { bytes: PNG, name: '现场.png', type: 'image/png' },
    )
    expect(res.status).toBe(201)
    expect(readContract(ReportReceived, res.body).message).toMatch(/^已收到您的举报/)
    expect(res.text).not.toContain('13712345678')
    const [row] = await storedReports(`${TAG} 成功提交%`)
    expect(row).toMatchObject({ id: res.body.id, adcode: '430903', contact, photo_type: 'image/png', status: 'new' })
    expect(Buffer.compare(row.photo, PNG)).toBe(0)
    const candidates = ['::ffff:127.0.0.1', '127.0.0.1', '::1'].map((a) =>
      crypto.createHash('sha256').update(a).digest('hex'),
    )
    expect(candidates).toContain(row.client_hash)
  })

  it.each([
    ['JPEG', JPEG, 'image/jpeg'],
    ['WebP', WEBP, 'image/webp'],
  ])('when a %s photo is sent, then its type is read from its bytes', async (name, bytes, type) => {
    const res = await sendReport(app, validFields({ description: `${TAG} 照片类型 ${name}：路边倾倒油污桶。` }), {
      bytes,
      name: 'photo.bin',
      type: 'application/octet-stream',
    })
    expect(res.status).toBe(201)
    const [row] = await storedReports(`${TAG} 照片类型 ${name}%`)
    expect(row.photo_type).toBe(type)
  })

  it('when the honeypot field is filled, then the answer is the same 201 but nothing is stored', async () => {
    const res = await sendReport(
      app,
      validFields({ description: `${TAG} 蜜罐：自动程序填写的内容。`, website: 'http://spam.example' }),
    )
    expect(res.status).toBe(201)
    expect(res.body.message).toMatch(/^已收到您的举报/)
    expect(Object.keys(res.body).sort()).toEqual(['id', 'message', 'trackingCode'])
    expect(res.body.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    expect(await storedReports(`${TAG} 蜜罐%`)).toEqual([])
  })

  it('when the photo is a text file declared as PNG, then 400 names the allowed types and nothing is stored', async () => {
    const res = await sendReport(app, validFields({ description: `${TAG} 假图片：其实是文本文件。` }), {
      bytes: Buffer.from('这不是图片，只是一段文字'),
      name: 'fake.png',
      type: 'image/png',
    })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('JPEG、PNG 或 WebP')
    expect(await storedReports(`${TAG} 假图片%`)).toEqual([])
  })

  it('when the photo is larger than the limit, then 413 says the limit and nothing is stored', async () => {
    const small = createTestApp(db, reportsConfig({ perWindow: 1000, maxPhotoBytes: 1024 }))
    const big = Buffer.concat([PNG, Buffer.alloc(2048, 7)])
    const res = await sendReport(small, validFields({ description: `${TAG} 超大照片：照片超过上限。` }), {
      bytes: big,
      name: 'big.png',
      type: 'image/png',
    })
    expect(res.status).toBe(413)
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE')
    expect(res.body.error.message).toContain('照片过大：最大 1 KB')
    expect(await storedReports(`${TAG} 超大照片%`)).toEqual([])
  })

  it('when the point lies outside every county served, then 400 says so and names the counties', async () => {
    const res = await sendReport(
      app,
      validFields({ lon: '100.5', lat: '30.2', description: `${TAG} 区外：位置在服务范围以外。` }),
    )
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('不在本系统服务的区县范围内')
    expect(res.body.error.message).toContain('赫山区')
    expect(await storedReports(`${TAG} 区外%`)).toEqual([])
  })

  it.each([
    ['a 3-character description', { description: '太短了' }, '至少 10 个字'],
    ['a 2001-character description', { description: '长'.repeat(2001) }, '最多 2000 个字'],
    ['an empty longitude', { lon: '' }, '经度'],
    ['a latitude that is not a number', { lat: 'abc' }, '纬度'],
    ['longitude 181', { lon: '181' }, '经度超出范围'],
    ['a 101-character contact', { contact: '电'.repeat(101) }, '联系方式最多 100 个字'],
  ])('when the form has %s, then 400 with the reason', async (_label, change, reason) => {
    const res = await sendReport(app, { ...validFields(), ...change })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain(reason)
  })

  it('when the CSRF token is missing, then 403 and nothing is stored', async () => {
    const res = await request(app)
      .post('/api/public/reports')
      .field('lon', String(inside.lon))
      .field('lat', String(inside.lat))
      .field('description', `${TAG} 无令牌：没有安全令牌的请求。`)
    expect(res.status).toBe(403)
    expect(await storedReports(`${TAG} 无令牌%`)).toEqual([])
  })

  it('when one address sends more reports than the window allows, then 429 with a clear message', async () => {
    const limited = createTestApp(db, reportsConfig({ perWindow: 2, windowMinutes: 60 }))
    const fields = validFields({ description: `${TAG} 频率：用蜜罐避免写入。`, website: 'x' })
    expect((await sendReport(limited, fields)).status).toBe(201)
    expect((await sendReport(limited, fields)).status).toBe(201)
    const third = await sendReport(limited, fields)
    expect(third.status).toBe(429)
    expect(third.body.error.message).toContain('60 分钟内最多提交 2 次')
  })
})

describe('the staff queue of reports', () => {
  let reportId: number
  let otherCountyId: number

  beforeAll(async () => {
    const res = await sendReport(
      app,
      validFields({ description: `${TAG} 队列：村口小作坊夜间排放废水。`, contact: `王先生 13911112222 ${TAG}` }),
      { bytes: PNG, name: 'a.png', type: 'image/png' },
    )
    reportId = res.body.id
    const other = await sendReport(
      app,
      validFields({
        lon: String(otherCounty.lon),
        lat: String(otherCounty.lat),
        description: `${TAG} 外县：梨树县的举报。`,
      }),
      { bytes: PNG, name: 'b.png', type: 'image/png' },
    )
    otherCountyId = other.body.id
  })

  it.each<[Caller, number]>([
    ['anonymous', 401],
    ['farmland', 403],
    ['land', 403],
    ['environment', 200],
    ['approver', 200],
    ['admin', 200],
  ])('when %s asks for the queue, then %i', async (caller, status) => {
    const { agent } = await signInAs(app, caller)
    expect((await agent.get('/api/reports')).status).toBe(status)
    expect((await agent.get(`/api/reports/${reportId}/photo`)).status).toBe(status)
  })

  it.each<[Caller, number]>([
    ['anonymous', 401],
    ['farmland', 403],
    ['land', 403],
  ])('when %s tries to handle a report, then %i and it stays new', async (caller, status) => {
    const { agent, csrfToken } = await signInAs(app, caller)
    const res = await agent
      .post(`/api/reports/${reportId}/handle`)
      .set('X-CSRF-Token', csrfToken)
      .send({ note: '越权处理' })
    expect(res.status).toBe(status)
    expect((await db.query(`SELECT status FROM public_report WHERE id = $1`, [reportId])).rows[0].status).toBe('new')
  })

  it("when the environment officer opens the queue, then the report of their county shows with township, contact and photo, and the other county's does not", async () => {
    const { agent } = await signInAs(app, 'environment')
    const res = await agent.get('/api/reports').query({ status: 'new' })
    expect(res.status).toBe(200)
    const item = res.body.reports.find((r: any) => r.id === reportId)
    expect(item).toMatchObject({
      adcode: '430903',
      county: '益阳市 赫山区',
      township: inside.township,
      contact: `王先生 13911112222 ${TAG}`,
      hasPhoto: true,
      photoUrl: `/api/reports/${reportId}/photo`,
      photoType: 'image/png',
      status: 'new',
      statusName: '已受理',
      handledNote: null,
    })
    expect(item.lon).toBeCloseTo(inside.lon, 6)
    expect(item.description).toContain('村口小作坊')
    expect(res.body.reports.some((r: any) => r.id === otherCountyId)).toBe(false)
    expect(res.body.reports.every((r: any) => r.adcode === '430903')).toBe(true)
    expect((await agent.get('/api/reports').query({ status: 'gone' })).status).toBe(400)
  })

  it("when the photo is asked, then it comes inline with its type and nosniff; another county's photo is 403", async () => {
    const { agent } = await signInAs(app, 'environment')
    const res = await agent.get(`/api/reports/${reportId}/photo`).buffer(true)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('image/png')
    expect(res.headers['content-disposition']).toBe('inline')
    expect(res.headers['x-content-type-options']).toBe('nosniff')
    expect(Buffer.compare(res.body, PNG)).toBe(0)
    const other = await agent.get(`/api/reports/${otherCountyId}/photo`)
    expect(other.status).toBe(403)
    expect(other.body.error.message).toContain('梨树县')
    expect((await agent.get('/api/reports/999999999/photo')).status).toBe(404)
  })

  it('when a report is handled without a note, then 400 and it stays new', async () => {
    const { agent, csrfToken } = await signInAs(app, 'environment')
    const res = await agent.post(`/api/reports/${reportId}/handle`).set('X-CSRF-Token', csrfToken).send({ note: '  ' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('请填写处理意见')
  })

  it('when a report of another county is handled, then 403 naming the county', async () => {
    const { agent, csrfToken } = await signInAs(app, 'approver')
    const res = await agent
      .post(`/api/reports/${otherCountyId}/handle`)
      .set('X-CSRF-Token', csrfToken)
      .send({ note: '越界' })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('OUT_OF_SCOPE')
  })

  it('when the environment officer handles a report, then it is marked with the note and a history row; a second handling is 409', async () => {
    const { agent, csrfToken } = await signInAs(app, 'environment')
    const res = await agent
      .post(`/api/reports/${reportId}/handle`)
      .set('X-CSRF-Token', csrfToken)
      .send({ note: '已转执法大队现场核查，责令停止排放。' })
    expect(res.status).toBe(200)
    expect(readContract(ReportItem, res.body)).toMatchObject({
      id: reportId,
      status: 'handled',
      statusName: '已办结',
      handledNote: '已转执法大队现场核查，责令停止排放。',
      handledBy: 'huanjing',
    })
    expect(res.body.handledAt).toMatch(/^\d{4}-/)
    const { rows } = await db.query(
      `SELECT action, actor, reason, before, after FROM change_history WHERE entity = 'public_report' AND entity_id = $1`,
      [reportId],
    )
    expect(rows).toEqual([
      {
        action: 'update',
        actor: 'huanjing',
        reason: '已转执法大队现场核查，责令停止排放。',
        before: { status: 'new' },
        after: { status: 'handled', handledNote: '已转执法大队现场核查，责令停止排放。' },
      },
    ])
    const again = await agent
      .post(`/api/reports/${reportId}/handle`)
      .set('X-CSRF-Token', csrfToken)
      .send({ note: '重复处理' })
    expect(again.status).toBe(409)
    expect(again.body.error.message).toContain('已由 huanjing')
    expect(
      (
        await db.query(
          `SELECT count(*)::int AS n FROM change_history WHERE entity = 'public_report' AND entity_id = $1`,
          [reportId],
        )
      ).rows[0].n,
    ).toBe(1)
    const handled = await agent.get('/api/reports').query({ status: 'handled' })
    expect(handled.body.reports.map((r: any) => r.id)).toContain(reportId)
    const fresh = await agent.get('/api/reports').query({ status: 'new' })
    expect(fresh.body.reports.map((r: any) => r.id)).not.toContain(reportId)
  })

  it('when the public side is read after reports were sent, then no reporter contact appears in any public answer', async () => {
    for (const path of [
      '/api/public/counties',
      '/api/public/plots',
      '/api/public/control-zones',
      '/public/style.json',
      `/api/public/search?q=${encodeURIComponent('王先生')}`,
      `/api/public/search?q=${encodeURIComponent(TAG)}`,
    ]) {
      const res = await request(app).get(path)
      expect(res.status, path).toBe(200)
      expect(res.text, path).not.toContain('13911112222')
      expect(res.text, path).not.toContain(TAG)
    }
  })
})

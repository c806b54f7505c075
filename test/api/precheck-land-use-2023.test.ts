import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { polygon, rect, type LonLat } from '../support/map-input.ts'
import { signInAs, type Session } from '../support/session.ts'

/** The pre-check with a planned use written in the 2023 用地用海分类 codes, beside the same check in GB 50137 codes. */

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'land')
})
afterAll(() => db.close())

let made = 0
const unique = (prefix: string) =>
  `${prefix}-Y${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()
const spot = () =>
  freeSpot(db, { adcode: '430903', spacing: 0.02, inside: 0.01, clearOfFarmland: 0.006, clearOfPoints: 0.012 })
/** A square of side 2·`halfM` metres around a point. */
const square = (at: LonLat, halfM = 50) => polygon(rect(at, 2 * halfM, 2 * halfM, -halfM, -halfM))

async function publishedZone(geometry: unknown): Promise<void> {
  const code = unique('GK')
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO control_zone (adcode, code, name, review_status, geom, announcement_no, published_version)
    VALUES ('430903', $1, '分类测试管控区域 ' || $1, 'published', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), '赫环公告〔2026〕7号', 1) RETURNING id`,
    [code, JSON.stringify(geometry)],
  )
  await db.query(
    `INSERT INTO published_control_zone (adcode, id, version, code, name, announcement_no, monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom)
    SELECT adcode, id, 1, code, name, announcement_no, true, false, false, false, geom FROM control_zone WHERE id = $1`,
    [r.id],
  )
}

/** A published plot of the contaminated-plot registry (no default negative list) with `uses` added by officers. */
async function publishedPlot(geometry: unknown, uses: string[]): Promise<string> {
  const code = unique('WRDK')
  const negative = JSON.stringify(uses.map((useCode) => ({ useCode, basis: '生态环境主管部门增列' })))
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO contaminated_plot (adcode, code, name, status, geom, review_status, published_version)
    VALUES ('430903', $1, '分类测试地块 ' || $1, 'contaminated', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), 'published', 1) RETURNING id`,
    [code, JSON.stringify(geometry)],
  )
  await db.query(
    `INSERT INTO published_plot (adcode, id, version, code, name, status, geom, negative_uses)
    SELECT adcode, id, 1, code, name, status, geom, $2::jsonb FROM contaminated_plot WHERE id = $1`,
    [r.id, negative],
  )
  return code
}

const check = (plannedUse: string, geometry: unknown, s = officer) =>
  s.agent.post('/api/precheck').set('X-CSRF-Token', s.csrfToken).send({ geometry, plannedUse })
type Reason = { code: string; severity: string; message: string; basis: string }
const found = (body: { reasons: Reason[] }) => body.reasons.map((r) => `${r.code}/${r.severity}`)

describe('the pre-check with a 2023 用地用海分类 code', () => {
  it('when the same plot over a control zone is checked with 0701 and with R2, then the verdict and the reasons are the same', async () => {
    const at = await spot()
    await publishedZone(square(at, 100))
    const y2023 = await check('0701', square(at)).expect(201)
    const gb = await check('R2', square(at)).expect(201)
    expect(y2023.body).toMatchObject({
      verdict: 'refused',
      plannedUse: '0701',
      plannedUseName: '城镇住宅用地',
      landClass: '第一类',
    })
    expect(y2023.body.verdict).toBe(gb.body.verdict)
    expect(found(y2023.body)).toEqual(found(gb.body))
    expect(found(y2023.body)).toContain('LAW59_USE_CHANGE/investigate')
    // the record keeps the code as the officer wrote it
    const stored = await officer.agent.get(`/api/precheck/${y2023.body.id}`).expect(200)
    expect(stored.body).toMatchObject({ plannedUse: '0701', plannedUseName: '城镇住宅用地' })
  })

  it('when a negative list forbids R and the use is 070102, or lists 0901 and the use is B1, then both are refused', async () => {
    const at = await spot()
    await publishedPlot(square(at, 100), ['R', '0901'])
    const housing = await check('070102', square(at)).expect(201)
    expect(housing.body.verdict).toBe('refused')
    expect(housing.body.reasons[0]).toMatchObject({ code: 'NEGATIVE_LIST', severity: 'refuse' })
    expect(housing.body.reasons[0].message).toContain('禁止“居住用地（R）”，规划用途“二类城镇住宅用地（070102）”')
    const shops = await check('B1', square(at)).expect(201)
    expect(shops.body.verdict).toBe('refused')
    expect(shops.body.reasons[0].message).toContain('禁止“商业用地（0901）”')
    // industry is on neither list: the plot needs investigation, not refusal
    const industry = await check('1001', square(at)).expect(201)
    expect(industry.body.verdict).toBe('investigate')
    expect(industry.body).toMatchObject({ landClass: '第二类', plannedUseName: '工业用地' })
  })

  it('when the class of the code is a judgement, then the check says so; a county setting changes the class', async () => {
    const at = await spot()
    const park = await check('1401', square(at)).expect(201)
    expect(park.body.landClass).toBe('第一类')
    const note = park.body.reasons.find((r: Reason) => r.code === 'LAND_CLASS_JUDGEMENT')
    expect(note).toMatchObject({ severity: 'note', basis: 'GB 36600-2018 第3.4、5.3.1条' })
    expect(note.message).toContain('本地设置')
    const school = await check('080403', square(at)).expect(201)
    expect(school.body.reasons.map((r: Reason) => r.code)).not.toContain('LAND_CLASS_JUDGEMENT')

    const base = loadConfig({ port: 0 }).precheck
    const local = createTestApp(db, { precheck: { ...base, landUse2023Classes: { '1401': 'second' } } })
    const other = await signInAs(local, 'land')
    const set = await check('1401', square(at), other).expect(201)
    expect(set.body.landClass).toBe('第二类')
    expect(set.body.reasons.find((r: Reason) => r.code === 'LAND_CLASS_JUDGEMENT').message).toContain(
      '本县已设置为第二类用地',
    )
    const stored = await other.agent.get(`/api/precheck/${set.body.id}`).expect(200)
    expect(stored.body.dataVersion.rules.settings.landUse2023Classes).toEqual({ '1401': 'second' })
  })

  it('when a code is not a construction-land code of the 2023 list, then 400 names the list and nothing is saved', async () => {
    const before = Number((await db.query(`SELECT count(*) FROM precheck`)).rows[0].count)
    const res = await check('0101', square(await spot())).expect(400)
    expect(res.body.error.message).toContain('国土空间用地用海分类（2023）的建设用地代码')
    expect(Number((await db.query(`SELECT count(*) FROM precheck`)).rows[0].count)).toBe(before)
  })

  it('when the reference list is read, then every code comes with its class, basis and whether it is a judgement', async () => {
    const res = await officer.agent.get('/api/reference/land-use-2023').expect(200)
    expect(res.body.standard).toContain('用地用海分类')
    expect(res.body.codes).toContainEqual(
      expect.objectContaining({
        code: '080403',
        name: '中小学用地',
        landClass: 'first',
        judgement: false,
        gb50137: 'A33',
      }),
    )
    expect(res.body.codes.find((c: { code: string }) => c.code === '080404')).toMatchObject({ judgement: true })
    await request(app).get('/api/reference/land-use-2023').expect(401)
  })
})

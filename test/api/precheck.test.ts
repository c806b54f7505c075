import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { PRECHECK_BASIS } from '../../server/src/domain/precheck-reasons.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let approver: Session
let environment: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'land')
  approver = await signInAs(app, 'approver')
  environment = await signInAs(app, 'environment')
})
afterAll(() => db.close())

let made = 0
const unique = (prefix: string) =>
  `${prefix}-T${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()

/**
 * Spots of a county about 2 km apart, each at least 1 km from any monitoring point and 500 m from any farmland
 * parcel, plot, zone or enterprise of the sample data, inside the county: each test draws around its own spot.
 */
async function spot(adcode = '430903'): Promise<[number, number]> {
  return freeSpot(db, { adcode, spacing: 0.02, inside: 0.01, clearOfFarmland: 0.006, clearOfPoints: 0.012 })
}

/** A square of side 2·`half` degrees around a point. */
function square([lon, lat]: [number, number], half = 0.0005) {
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
const wkt = (g: unknown) => JSON.stringify(g)
const areaM2 = async (g: unknown) =>
  Number(
    (await db.query(`SELECT ST_Area(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)::geography) AS a`, [wkt(g)])).rows[0].a,
  )

/** A plot of ours, published in `status` (or left unpublished), over `geometry`. */
async function publishedPlot(
  geometry: unknown,
  status: string,
  isPublished = true,
): Promise<{ id: number; code: string }> {
  const code = unique('YSDK')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, geom, review_status, published_version)
    VALUES ('430903', $1, '核查测试地块 ' || $1, $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4490)), $4, $5) RETURNING id`,
    [code, status, wkt(geometry), isPublished ? 'published' : 'draft', isPublished ? 1 : 0],
  )
  if (isPublished) {
    await db.query(
      `INSERT INTO published_plot (adcode, id, version, code, name, status, geom)
      SELECT adcode, id, 1, code, name, status, geom FROM contaminated_plot WHERE id = $1`,
      [r.id],
    )
  }
  return { id: Number(r.id), code }
}

async function publishedZone(geometry: unknown): Promise<{ id: number; code: string }> {
  const code = unique('GK')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO control_zone (adcode, code, name, review_status, geom, announcement_no, published_version)
    VALUES ('430903', $1, '核查测试管控区域 ' || $1, 'published', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), '赫环公告〔2026〕9号', 1) RETURNING id`,
    [code, wkt(geometry)],
  )
  await db.query(
    `INSERT INTO published_control_zone (adcode, id, version, code, name, announcement_no, monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom)
    SELECT adcode, id, 1, code, name, announcement_no, true, false, false, false, geom FROM control_zone WHERE id = $1`,
    [r.id],
  )
  return { id: Number(r.id), code }
}

let credit = 0
async function enterprise(geometry: unknown, status: string): Promise<number> {
  credit++
  const code =
    `91430903PC${(process.pid % 1000).toString().padStart(3, '0')}${(Date.now() % 100000).toString().padStart(5, '0')}`.slice(
      0,
      13,
    ) + String(credit).padStart(5, '0')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
    VALUES ('430903', $1, '核查测试电镀有限公司', 'electroplating', $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4490))) RETURNING id`,
    [code, status, wkt(geometry)],
  )
  return Number(r.id)
}

/** A farmland parcel of ours over `geometry`, in a newly published class list of 赫山区 with `cls`. */
async function classedFarmland(geometry: unknown, cls: string): Promise<{ id: number; code: string }> {
  const code = unique('430903-PC')
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO farmland_parcel (adcode, code, dlbm, class, geom) VALUES ('430903', $1, '0101', $2, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4490))) RETURNING id`,
    [code, cls, wkt(geometry)],
  )
  await db.query(
    `INSERT INTO class_rule_set (version, name, rules) SELECT 'precheck-test', '核查测试规则', rules FROM class_rule_set WHERE is_default ON CONFLICT DO NOTHING`,
  )
  const {
    rows: [l],
  } = await db.query(`
    INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by, published_version, published_at)
    VALUES ('430903', '核查测试清单', 'precheck-test', 'published', true, 1, 'gengdi', 1, now()) RETURNING id`)
  await db.query(
    `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, sample_count, basis)
    VALUES ('430903', $1, $2, $3, 'samples', 1, '{"summary": "核查测试"}')`,
    [l.id, p.id, cls],
  )
  return { id: Number(p.id), code }
}

/** A monitoring point of ours at `at` with one soil result. */
async function monitoringPoint(
  at: [number, number],
  values: Record<string, number>,
): Promise<{ id: number; code: string }> {
  const code = unique('JC')
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO monitoring_point (adcode, code, name, level, point_type, geom) VALUES ('430903', $1, '核查测试点位 ' || $1, 'county', 'risk', ST_SetSRID(ST_MakePoint($2, $3), 4490)) RETURNING id`,
    [code, at[0], at[1]],
  )
  await db.query(
    `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, values_mg_kg) VALUES ('430903', $1, DATE '2025-09-01', 'soil', '{"cd": 0.2}'),
    ('430903', $1, DATE '2025-10-01', 'soil', $2)`,
    [p.id, JSON.stringify(values)],
  )
  return { id: Number(p.id), code }
}

const post = (s: Session, body: unknown) =>
  s.agent
    .post('/api/precheck')
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
const rerun = (s: Session, id: number) =>
  s.agent.post(`/api/precheck/${id}/rerun`).set('X-CSRF-Token', s.csrfToken).send({})
const count = async () => Number((await db.query(`SELECT count(*) FROM precheck`)).rows[0].count)
type Reason = {
  code: string
  severity: string
  basis: string
  featureType: string | null
  featureId: number | null
  featureCode: string | null
  featureName: string | null
  overlapM2: number | null
  overlapMu: number | null
  message: string
  distanceM?: number
}
const findings = (body: { reasons: Reason[] }) => body.reasons.filter((r) => r.severity !== 'clear')

describe('POST /api/precheck', () => {
  it('when a residential plot overlaps a published control zone, then it is refused with the zone, the overlap and the article, and recorded with a number', async () => {
    const at = await spot()
    const z = await publishedZone(square(at, 0.001))
    const geometry = square(at)
    const res = await post(officer, { geometry, plannedUse: 'R2', name: '测试住宅地块', reference: 'PC-REF-1' }).expect(
      201,
    )
    expect(res.body).toMatchObject({
      verdict: 'refused',
      verdictName: '不得进入用地程序',
      landClass: '第一类',
      plannedUse: 'R2',
      plannedUseName: '二类居住用地',
      name: '测试住宅地块',
      reference: 'PC-REF-1',
      adcode: '430903',
      checkedBy: 'ziyuan',
    })
    expect(res.body.number).toMatch(/^准入核查〔20\d\d〕\d{4}号$/)
    const r = res.body.reasons[0] as Reason
    expect(r).toMatchObject({
      code: 'CONTROL_ZONE',
      severity: 'refuse',
      featureType: 'control-zone',
      featureId: z.id,
      featureCode: z.code,
      basis: PRECHECK_BASIS.controlZone,
    })
    const expected = await areaM2(geometry)
    expect(r.overlapM2).toBeCloseTo(expected, 0)
    expect(r.overlapMu).toBeCloseTo(expected * 0.0015, 1)
    expect(res.body.areaM2).toBe(Math.round(expected))
    expect(findings(res.body).map((x) => x.code)).toContain('LAW59_USE_CHANGE')
    const stored = await officer.agent.get(`/api/precheck/${res.body.id}`).expect(200)
    expect(stored.body).toMatchObject({ number: res.body.number, verdict: 'refused', reasons: res.body.reasons })
    expect(stored.body.geometry.type).toBe('MultiPolygon')
    expect(stored.body.dataVersion.features[`control-zone:${z.id}`]).toBe(1)
    expect(stored.body.dataVersion.rules.settings.monitoringRadiusM).toBe(500)
  })

  it('when a plot touches nothing, then it may enter the land-supply process with what was checked, each with its basis', async () => {
    const res = await post(officer, { geometry: square(await spot()), plannedUse: 'M1' }).expect(201)
    expect(res.body).toMatchObject({ verdict: 'allowed', verdictName: '可进入用地程序', landClass: '第二类' })
    expect(res.body.reasons.map((r: Reason) => r.code)).toEqual([
      'NO_MONITORING',
      'CLEAR_PLOTS',
      'CLEAR_CONTROL_ZONES',
      'CLEAR_ENTERPRISES',
      'CLEAR_FARMLAND',
      'CLEAR_LAW59',
    ])
    expect(res.body.reasons.every((r: Reason) => r.basis.length > 0 && r.message.length > 0)).toBe(true)
  })

  it.each([
    ['suspected', 'M1', 'SUSPECTED_PLOT', 'investigate'],
    ['contaminated', 'M1', 'CONTAMINATED_PLOT', 'investigate'],
    ['contaminated', 'R2', 'NEGATIVE_LIST', 'refused'],
    ['listed', 'M1', 'NEGATIVE_LIST', 'refused'],
    ['removed', 'M1', 'REMOVED_PLOT', 'allowed'],
  ])(
    'when the plot overlaps a published %s plot and the use is %s, then the reason is %s and the verdict %s',
    async (status, plannedUse, code, verdict) => {
      const at = await spot()
      const p = await publishedPlot(square([at[0] + 0.0004, at[1]], 0.0003), status)
      const res = await post(officer, { geometry: square(at), plannedUse }).expect(201)
      expect(res.body.verdict).toBe(verdict)
      const r = findings(res.body).find((x) => x.featureType === 'plot')!
      expect(r).toMatchObject({ code, featureId: p.id, featureCode: p.code })
      expect(r.overlapM2).toBeGreaterThan(1000)
      expect(r.overlapM2).toBeLessThan(await areaM2(square(at)))
    },
  )

  it('when the plot overlaps a plot that is not published, then it is not counted (published data only)', async () => {
    const at = await spot()
    await publishedPlot(square(at, 0.0003), 'listed', false)
    const res = await post(officer, { geometry: square(at), plannedUse: 'R2' }).expect(201)
    expect(res.body.verdict).toBe('allowed')
    expect(res.body.reasons.map((r: Reason) => r.code)).toContain('CLEAR_PLOTS')
  })

  it('when the plot overlaps a closed supervised enterprise and the use is residential, then art. 67 and art. 59 ask for an investigation', async () => {
    const at = await spot()
    const id = await enterprise(square(at, 0.0003), 'closed')
    const res = await post(officer, { geometry: square(at), plannedUse: 'R2' }).expect(201)
    expect(res.body.verdict).toBe('investigate')
    expect(findings(res.body).map((r) => r.code)).toEqual(['ENTERPRISE_SITE', 'LAW59_USE_CHANGE', 'NO_MONITORING'])
    expect(findings(res.body)[0]).toMatchObject({
      featureType: 'enterprise',
      featureId: id,
      basis: PRECHECK_BASIS.law67,
      featureName: '核查测试电镀有限公司',
    })
  })

  it('when the plot overlaps strict-class farmland of the published class list, then an investigation is required (setting, 待核实)', async () => {
    const at = await spot()
    const f = await classedFarmland(square(at, 0.0003), 'strict')
    const res = await post(officer, { geometry: square(at), plannedUse: 'M1' }).expect(201)
    expect(res.body.verdict).toBe('investigate')
    expect(findings(res.body)[0]).toMatchObject({
      code: 'STRICT_FARMLAND',
      featureType: 'farmland',
      featureId: f.id,
      featureCode: f.code,
    })
    expect(findings(res.body)[0].basis).toContain('待核实')
  })

  it('when the plot overlaps priority-class farmland, then a note about farmland protection is given and the verdict is unchanged', async () => {
    const at = await spot()
    await classedFarmland(square(at, 0.0003), 'priority')
    const res = await post(officer, { geometry: square(at), plannedUse: 'M1' }).expect(201)
    expect(res.body.verdict).toBe('allowed')
    expect(findings(res.body).map((r) => r.code)).toContain('PRIORITY_FARMLAND')
  })

  it('when a monitoring result inside the plot is above the GB 36600 intervention value, then it is refused; the older result is not read', async () => {
    const at = await spot()
    const p = await monitoringPoint(at, { cd: 50, pb: 30 })
    const res = await post(officer, { geometry: square(at), plannedUse: 'R2' }).expect(201)
    expect(res.body.verdict).toBe('refused')
    const r = findings(res.body).find((x) => x.featureType === 'monitoring-point')!
    expect(r).toMatchObject({ code: 'MONITORING_INTERVENTION', severity: 'refuse', featureId: p.id, distanceM: 0 })
    expect(r.message).toContain('2025-10-01')
    expect(r.basis).toContain('GB 36600-2018')
  })

  it('when a monitoring result 300 m away is above the screening value for first-class land, then an investigation is required; for industry it is clean', async () => {
    const at = await spot()
    await monitoringPoint([at[0] + 0.0035, at[1]], { cd: 30 })
    const residential = await post(officer, { geometry: square(at), plannedUse: 'R2' }).expect(201)
    expect(residential.body.verdict).toBe('investigate')
    const r = findings(residential.body).find((x) => x.code === 'MONITORING_SCREENING')!
    expect(r.distanceM).toBeGreaterThan(250)
    expect(r.distanceM).toBeLessThan(350)
    const industry = await post(officer, { geometry: square(at), plannedUse: 'M1' }).expect(201)
    expect(industry.body.verdict).toBe('allowed')
    expect(industry.body.reasons.map((x: Reason) => x.code)).toContain('CLEAR_MONITORING')
  })

  it('when the outline is a MultiPolygon whose second part touches a zone, then the zone is found with the overlap of that part', async () => {
    const at = await spot()
    const far: [number, number] = [at[0] + 0.003, at[1]]
    const z = await publishedZone(square(far, 0.0002))
    const geometry = { type: 'MultiPolygon', coordinates: [square(at).coordinates, square(far, 0.0004).coordinates] }
    const res = await post(officer, { geometry, plannedUse: 'B1' }).expect(201)
    expect(res.body.verdict).toBe('refused')
    const r = findings(res.body)[0]
    expect(r).toMatchObject({ code: 'CONTROL_ZONE', featureId: z.id })
    expect(r.overlapM2).toBeCloseTo(await areaM2(square(far, 0.0002)), 0)
    expect(res.body.areaM2).toBe(Math.round(await areaM2(geometry)))
  })

  it('when a zone and a suspected plot are both hit, then the strictest reason decides and comes first', async () => {
    const at = await spot()
    await publishedPlot(square([at[0] - 0.0004, at[1]], 0.0003), 'suspected')
    await publishedZone(square([at[0] + 0.0004, at[1]], 0.0003))
    const res = await post(officer, { geometry: square(at), plannedUse: 'M1' }).expect(201)
    expect(res.body.verdict).toBe('refused')
    expect(findings(res.body).map((r) => r.code)).toEqual(['CONTROL_ZONE', 'SUSPECTED_PLOT', 'NO_MONITORING'])
  })

  it('when two checks of one county run at the same time, then they get consecutive numbers', async () => {
    const a = await spot()
    const b = await spot()
    const [x, y] = await Promise.all([
      post(officer, { geometry: square(a), plannedUse: 'B1' }),
      post(officer, { geometry: square(b), plannedUse: 'B1' }),
    ])
    expect([x.status, y.status]).toEqual([201, 201])
    const seq = (n: string) => Number(/〕(\d+)号$/.exec(n)![1])
    expect([seq(x.body.number), seq(y.body.number)].sort((p, q) => p - q)).toEqual([
      Math.min(seq(x.body.number), seq(y.body.number)),
      Math.min(seq(x.body.number), seq(y.body.number)) + 1,
    ])
    const {
      rows: [c],
    } = await db.query(`SELECT last FROM precheck_counter WHERE adcode = '430903' ORDER BY year DESC LIMIT 1`)
    expect(Math.max(seq(x.body.number), seq(y.body.number))).toBe(Number(c.last))
  })
})

describe('refusals: nothing is saved', () => {
  it.each([
    [
      'an unknown use code',
      async () => ({ geometry: square(await spot()), plannedUse: 'X9' }),
      400,
      /规划用途代码“X9”不是 GB 50137-2011/,
    ],
    ['no use code', async () => ({ geometry: square(await spot()) }), 400, /规划用途/],
    ['no outline', async () => ({ plannedUse: 'R2' }), 400, /核查地块边界/],
    [
      'a line instead of a polygon',
      async () => ({
        geometry: {
          type: 'LineString',
          coordinates: [
            [112.3, 28.5],
            [112.4, 28.6],
          ],
        },
        plannedUse: 'R2',
      }),
      422,
      /核查地块.*Polygon/,
    ],
    [
      'a self-intersecting outline',
      async () => {
        const [lon, lat] = await spot()
        return {
          geometry: {
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
          },
          plannedUse: 'R2',
        }
      },
      422,
      /核查地块.*自相交/,
    ],
    [
      'projected coordinates',
      async () => ({
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
        plannedUse: 'R2',
      }),
      422,
      /核查地块/,
    ],
    [
      'an outline outside every county of the system',
      async () => ({ geometry: square([116.4, 39.9]), plannedUse: 'R2' }),
      422,
      /核查地块不在本系统的任何区县内/,
    ],
  ])('when the request has %s, then it is refused with a clear message', async (_what, body, status, message) => {
    const before = await count()
    const res = await post(officer, await body()).expect(status)
    expect(res.body.error.message).toMatch(message)
    expect(await count()).toBe(before)
  })

  it('when the outline crosses the boundary of the county, then 422 says how much lies outside and nothing is saved', async () => {
    const {
      rows: [v],
    } = await db.query(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1) AS p FROM county WHERE adcode = '430903') x`,
    )
    const before = await count()
    const res = await post(officer, {
      geometry: square([Number(v.lon), Number(v.lat)], 0.002),
      plannedUse: 'R2',
    }).expect(422)
    expect(res.body.error.message).toMatch(/核查地块有 .*平方米.*超出赫山区边界/)
    expect(await count()).toBe(before)
  })

  it("when the outline lies in a county outside the officer's scope, then 403 names the county and nothing is saved", async () => {
    const before = await count()
    const res = await post(officer, { geometry: square(await spot('220322')), plannedUse: 'R2' }).expect(403)
    expect(res.body.error).toMatchObject({ code: 'OUT_OF_SCOPE' })
    expect(res.body.error.message).toContain('梨树县')
    expect(await count()).toBe(before)
  })

  it('when an environment officer or an approver asks for a check, then 403 and nothing is saved', async () => {
    const before = await count()
    await post(environment, { geometry: square(await spot()), plannedUse: 'R2' }).expect(403)
    await post(approver, { geometry: square(await spot()), plannedUse: 'R2' }).expect(403)
    expect(await count()).toBe(before)
  })

  it('when a check does not exist, then 404', async () => {
    const res = await officer.agent.get('/api/precheck/999999999').expect(404)
    expect(res.body.error.message).toContain('999999999')
  })
})

describe('re-run', () => {
  it('when a check is read back, then its outline has the coordinates as checked (a re-run reads the same outline, not one rounded to about a millimetre)', async () => {
    const [lon, lat] = await spot()
    const d = 0.000987654321
    const ring = [
      [lon + 0.000000001234, lat + 0.000000004321],
      [lon + d, lat + 0.000000004321],
      [lon + d, lat + d],
      [lon + 0.000000001234, lat + d],
      [lon + 0.000000001234, lat + 0.000000004321],
    ]
    const first = await post(officer, { geometry: { type: 'Polygon', coordinates: [ring] }, plannedUse: 'R2' }).expect(
      201,
    )
    const read = await officer.agent.get(`/api/precheck/${first.body.id}`).expect(200)
    const coordinates =
      read.body.geometry.type === 'MultiPolygon' ? read.body.geometry.coordinates[0] : read.body.geometry.coordinates
    expect(coordinates[0]).toEqual(expect.arrayContaining([ring[0]]))
  })

  it('when a zone was published over a clean plot since the check, then the re-run is recorded, names the earlier check and says what changed', async () => {
    const at = await spot()
    const first = await post(officer, { geometry: square(at), plannedUse: 'R2', name: '复核地块' }).expect(201)
    expect(first.body.verdict).toBe('allowed')
    const same = await rerun(officer, first.body.id).expect(201)
    expect(same.body.comparison).toMatchObject({
      isDifferent: false,
      isVerdictChanged: false,
      added: [],
      removed: [],
      dataChanges: [],
    })
    const z = await publishedZone(square(at, 0.001))
    const before = await count()
    const res = await rerun(officer, first.body.id).expect(201)
    expect(await count()).toBe(before + 1)
    expect(res.body.previous).toMatchObject({ id: first.body.id, number: first.body.number, verdict: 'allowed' })
    expect(res.body.check).toMatchObject({
      verdict: 'refused',
      rerunOf: first.body.id,
      name: '复核地块',
      plannedUse: 'R2',
    })
    expect(res.body.check.number).not.toBe(first.body.number)
    expect(res.body.comparison).toMatchObject({
      isDifferent: true,
      isVerdictChanged: true,
      previousVerdict: 'allowed',
      verdict: 'refused',
    })
    expect(res.body.comparison.added.map((r: Reason) => [r.code, r.featureId])).toEqual([
      ['CONTROL_ZONE', z.id],
      ['LAW59_USE_CHANGE', null],
    ])
    expect(res.body.comparison.removed.map((r: Reason) => r.code)).toEqual(['CLEAR_CONTROL_ZONES', 'CLEAR_LAW59'])
    expect(res.body.comparison.dataChanges).toContain('已发布的管控区域已更新')
    expect(res.body.comparison.summary).toContain('结论由“可进入用地程序”变为“不得进入用地程序”')
  })

  it('when an approver asks for a re-run, then 403', async () => {
    const first = await post(officer, { geometry: square(await spot()), plannedUse: 'M1' }).expect(201)
    await rerun(approver, first.body.id).expect(403)
  })
})

describe("GET /api/precheck (the officer's list)", () => {
  it('when the list is filtered by number, verdict, text and date, then only matching checks of the scope come back, newest first', async () => {
    const at = await spot()
    const tag = unique('清单')
    await publishedZone(square(at, 0.001))
    const refused = await post(officer, { geometry: square(at), plannedUse: 'R2', name: `${tag} 甲` }).expect(201)
    const allowed = await post(officer, { geometry: square(await spot()), plannedUse: 'M1', name: `${tag} 乙` }).expect(
      201,
    )
    const byText = await officer.agent.get(`/api/precheck?q=${encodeURIComponent(tag)}`).expect(200)
    expect(byText.body.items.map((i: { id: number }) => i.id)).toEqual([allowed.body.id, refused.body.id])
    expect(byText.body.items[0]).toMatchObject({
      number: allowed.body.number,
      verdictName: '可进入用地程序',
      plannedUseName: '一类工业用地',
      checkedByName: expect.any(String),
    })
    const byVerdict = await officer.agent.get(`/api/precheck?q=${encodeURIComponent(tag)}&verdict=refused`).expect(200)
    expect(byVerdict.body.items.map((i: { id: number }) => i.id)).toEqual([refused.body.id])
    const byNumber = await approver.agent
      .get(`/api/precheck?number=${encodeURIComponent(refused.body.number)}`)
      .expect(200)
    expect(byNumber.body.items.map((i: { id: number }) => i.id)).toEqual([refused.body.id])
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
    const byDate = await officer.agent
      .get(`/api/precheck?q=${encodeURIComponent(tag)}&from=${today}&to=${today}`)
      .expect(200)
    expect(byDate.body.items).toHaveLength(2)
    const before = await officer.agent.get(`/api/precheck?q=${encodeURIComponent(tag)}&to=2020-01-01`).expect(200)
    expect(before.body.items).toHaveLength(0)
  })

  it('when a land officer of another county lists or opens checks, then he sees none of 赫山区 and may not open them', async () => {
    const mine = await post(officer, { geometry: square(await spot()), plannedUse: 'M1', name: unique('他县') }).expect(
      201,
    )
    const other = await signInNewUser(app, db, { role: 'land', scopes: ['220322'] })
    const list = await other.agent.get(`/api/precheck?q=${encodeURIComponent(mine.body.name)}`).expect(200)
    expect(list.body.items).toEqual([])
    const res = await other.agent.get(`/api/precheck/${mine.body.id}`).expect(403)
    expect(res.body.error.message).toContain('赫山区')
    await other.agent
      .post(`/api/precheck/${mine.body.id}/rerun`)
      .set('X-CSRF-Token', other.csrfToken)
      .send({})
      .expect(403)
  })

  it.each([
    ['verdict=maybe', /核查结论应为/],
    ['from=2026-02-30', /起始日期不是有效的日期/],
    ['from=2026-03-02&to=2026-03-01', /起始日期不能晚于截止日期/],
    ['adcode=43', /6 位数字/],
  ])('when the list is asked with %s, then 400 says what is wrong', async (query, message) => {
    const res = await officer.agent.get(`/api/precheck?${query}`).expect(400)
    expect(res.body.error.message).toMatch(message)
  })

  it('when the records are changed in the database, then the database refuses (a check is a record)', async () => {
    const res = await post(officer, { geometry: square(await spot()), plannedUse: 'M1' }).expect(201)
    await expect(db.query(`UPDATE precheck SET verdict = 'refused' WHERE id = $1`, [res.body.id])).rejects.toThrow(
      /不能修改或删除/,
    )
  })
})

describe('what a check read', () => {
  const features = (s: Session, id: number) => s.agent.get(`/api/precheck/${id}/features`)
  /** Area in m² of the part of `a` not in `b` plus that of `b` not in `a` (both GeoJSON). */
  const differenceM2 = async (a: unknown, b: unknown) =>
    Number(
      (
        await db.query(
          `
    SELECT ST_Area(ST_SymDifference(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490), ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))::geography) AS d`,
          [wkt(a), wkt(b)],
        )
      ).rows[0].d,
    )

  it('when a zone, a plot and an enterprise site hit by a check are changed and withdrawn afterwards, then its features are still the outlines the check read', async () => {
    const at = await spot()
    const zoneRead = square(at, 0.001)
    const z = await publishedZone(zoneRead)
    const plotRead = square([at[0] + 0.0006, at[1]], 0.0002)
    const p = await publishedPlot(plotRead, 'suspected')
    const siteRead = square([at[0] - 0.0006, at[1]], 0.0002)
    const e = await enterprise(siteRead, 'closed')
    const check = await post(officer, { geometry: square(at), plannedUse: 'R2' }).expect(201)

    const moved = square([at[0] + 0.0003, at[1] + 0.0003], 0.0012)
    await db.query(
      `UPDATE published_control_zone SET geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), version = 2, published_at = now() WHERE id = $1`,
      [z.id, wkt(moved)],
    )
    await db.query(
      `UPDATE published_plot SET status = 'contaminated', geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), version = 2 WHERE id = $1`,
      [p.id, wkt(square([at[0] + 0.0007, at[1]], 0.0001))],
    )
    await db.query(
      `UPDATE supervised_enterprise SET geom = ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), version = version + 1 WHERE id = $1`,
      [e, wkt(square([at[0] - 0.0007, at[1]], 0.0001))],
    )
    const rerunAfterChange = await rerun(officer, check.body.id).expect(201)
    await db.query(`DELETE FROM published_control_zone WHERE id = $1`, [z.id])
    await db.query(`DELETE FROM published_plot WHERE id = $1`, [p.id])

    const res = await features(officer, check.body.id).expect(200)
    expect(res.body.type).toBe('FeatureCollection')
    const byType = (body: typeof res.body, type: string) =>
      body.features.find((f: { properties: { type: string } }) => f.properties.type === type)
    const zone = byType(res.body, 'control-zone')
    expect(zone.properties).toMatchObject({ id: z.id, code: z.code, severity: 'refuse', version: 1, isAsRead: true })
    expect(await differenceM2(zone.geometry, zoneRead)).toBeLessThan(1)
    const plot = byType(res.body, 'plot')
    expect(plot.properties).toMatchObject({ id: p.id, code: p.code, style: 'suspected', version: 1, isAsRead: true })
    expect(await differenceM2(plot.geometry, plotRead)).toBeLessThan(1)
    const site = byType(res.body, 'enterprise')
    expect(site.properties).toMatchObject({ id: e, style: 'closed', version: 1, isAsRead: true })
    expect(await differenceM2(site.geometry, siteRead)).toBeLessThan(1)

    const later = await features(officer, rerunAfterChange.body.check.id).expect(200)
    expect(byType(later.body, 'control-zone').properties).toMatchObject({ id: z.id, version: 2, isAsRead: true })
    expect(await differenceM2(byType(later.body, 'control-zone').geometry, moved)).toBeLessThan(1)
    expect(await differenceM2(byType(later.body, 'control-zone').geometry, zoneRead)).toBeGreaterThan(1000)

    const approverView = await features(approver, check.body.id).expect(200)
    expect(approverView.body.features).toHaveLength(res.body.features.length)
  })

  it('when a check names farmland and a monitoring point, then its features give them as they are today, said so', async () => {
    const at = await spot()
    const f = await classedFarmland(square(at, 0.0003), 'strict')
    const m = await monitoringPoint([at[0] + 0.0002, at[1]], { cd: 70 })
    const check = await post(officer, { geometry: square(at), plannedUse: 'M1' }).expect(201)
    const res = await features(officer, check.body.id).expect(200)
    const farmland = res.body.features.find((x: { properties: { type: string } }) => x.properties.type === 'farmland')
    expect(farmland.properties).toMatchObject({ id: f.id, code: f.code, severity: 'investigate', isAsRead: false })
    const point = res.body.features.find(
      (x: { properties: { type: string } }) => x.properties.type === 'monitoring-point',
    )
    expect(point.properties).toMatchObject({ id: m.id, code: m.code, severity: 'investigate', isAsRead: false })
    expect(point.geometry).toMatchObject({ type: 'Point' })
  })

  it('when a land officer of another county or an environment officer asks for the features, then 403; an unknown check 404', async () => {
    const check = await post(officer, { geometry: square(await spot()), plannedUse: 'M1' }).expect(201)
    await features(environment, check.body.id).expect(403)
    const other = await signInNewUser(app, db, { role: 'land', scopes: ['220322'] })
    const res = await features(other, check.body.id).expect(403)
    expect(res.body.error.message).toContain('赫山区')
    await features(officer, 999999999).expect(404)
  })

  it('when soil results, plots, zones and enterprises are added, changed and removed, then the data version counts what a recount finds', async () => {
    const at = await spot()
    const m = await monitoringPoint(at, { cd: 0.1 })
    await db.query(
      `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, crop, values_mg_kg) VALUES ('430903', $1, DATE '2025-08-01', 'crop', 'rice', '{"cd": 0.1}')`,
      [m.id],
    )
    await db.query(
      `UPDATE monitoring_result SET medium = 'crop', crop = 'rice' WHERE point_id = $1 AND sampled_on = DATE '2025-09-01'`,
      [m.id],
    )
    await db.query(
      `DELETE FROM monitoring_result WHERE point_id = $1 AND medium = 'crop' AND sampled_on = DATE '2025-08-01'`,
      [m.id],
    )
    const p = await publishedPlot(square([at[0] + 0.03, at[1]], 0.0002), 'suspected')
    await db.query(`DELETE FROM published_plot WHERE id = $1`, [p.id])
    await publishedZone(square([at[0] + 0.03, at[1] + 0.01], 0.0002))
    await enterprise(square([at[0] + 0.03, at[1] - 0.01], 0.0002), 'operating')
    const check = await post(officer, { geometry: square(await spot()), plannedUse: 'M1' }).expect(201)
    expect(check.body.dataVersion.monitoring.lastSampledOn).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // one statement, one snapshot: the kept counts of every county against a recount (other test files write too)
    const { rows } = await db.query(`
      WITH recount AS (
        SELECT adcode, 'published_plot' AS source, count(*) AS rows FROM published_plot GROUP BY 1
        UNION ALL SELECT adcode, 'published_control_zone', count(*) FROM published_control_zone GROUP BY 1
        UNION ALL SELECT adcode, 'supervised_enterprise', count(*) FROM supervised_enterprise GROUP BY 1
        UNION ALL SELECT adcode, 'soil_result', count(*) FROM monitoring_result WHERE medium = 'soil' GROUP BY 1
      )
      SELECT coalesce(r.adcode, k.adcode)::text AS adcode, coalesce(r.source, k.source) AS source, coalesce(r.rows, 0)::int AS recount, coalesce(k.rows, 0)::int AS kept
      FROM recount r FULL JOIN precheck_source_count k ON k.adcode = r.adcode AND k.source = r.source
      ORDER BY 1, 2`)
    expect(rows.filter((r) => r.adcode === '430903')).toHaveLength(4)
    expect(rows.filter((r) => r.kept !== r.recount)).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { DEFAULT_COVERAGE_SETTINGS } from '../../server/src/domain/coverage.ts'
import { addFarmlandBlock, findUncoveredSpot } from '../support/farmland-block.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { AcceptGapResponse } from '../../contracts/coverage.ts'
import { readContract } from '../support/contract.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let environment: Session
let farmland: Session
let admin: Session

/** Coverage distance of this file's app (the sample's 400 parcels lie close to its 40 points; our own block does not). */
const D = 1000
const settings = { ...loadConfig().coverage, distanceM: D }
const SUFFIX = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
const plannedIds: number[] = []

/**
 * Our own farmland: a 3 km × 3 km block of 7 × 7 small 水田 parcels 500 m apart in 赫山区, at a spot whose
 * centre is at least 2.7 km from every monitoring point, so every parcel of it is uncovered at D = 1 km and the
 * block holds at least one node of a 2.5 km grid. Removed after the file.
 */
async function addUncoveredBlock(): Promise<void> {
  await addFarmlandBlock(db, await findUncoveredSpot(db), { codePrefix: `COV-${SUFFIX}` })
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db, { coverage: settings })
  environment = await signInAs(app, 'environment')
  farmland = await signInAs(app, 'farmland')
  admin = await signInAs(app, 'admin')
  await addUncoveredBlock()
})
afterAll(async () => {
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = '430903' AND code LIKE $1`, [`COV-${SUFFIX}-%`])
  await db.query(`DELETE FROM monitoring_point WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [plannedIds])
  await db.close()
})

/**
 * Independent figures of a county: active points by level from the table, farmland (耕地 01xx) and the parcels
 * whose nearest active point (one KNN LATERAL query, not the service's NOT EXISTS) is farther than D.
 */
async function expectedFigures(adcode: string) {
  const {
    rows: [r],
  } = await db.query(
    `
    SELECT (SELECT count(*) FROM monitoring_point WHERE adcode = $1 AND status = 'active')::int AS points,
           (SELECT count(*) FROM monitoring_point WHERE adcode = $1 AND status = 'active' AND level = 'national')::int AS national,
           (SELECT count(*) FROM monitoring_point WHERE adcode = $1 AND status = 'planned')::int AS planned,
           count(*)::int AS parcels, sum(p.area_m2) AS farmland_m2,
           count(*) FILTER (WHERE n.d > $2)::int AS uncovered, coalesce(sum(p.area_m2) FILTER (WHERE n.d > $2), 0) AS uncovered_m2
    FROM farmland_parcel p
    CROSS JOIN LATERAL (
      SELECT ST_Distance(m.geom_3857, p.geom_3857) * cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)) AS d
      FROM monitoring_point m WHERE m.status = 'active' ORDER BY m.geom_3857 <-> p.geom_3857 LIMIT 1
    ) n
    WHERE p.adcode = $1 AND p.dlbm LIKE '01%'`,
    [adcode, D],
  )
  return r
}

const mu = (m2: number) => Math.round(m2 * 0.0015 * 10) / 10

describe('GET /api/coverage', () => {
  it('when the environment officer reads coverage, then 赫山区 figures equal an independent KNN query and the county is 已覆盖 by the default rule', async () => {
    const res = await environment.agent.get('/api/coverage').expect(200)
    expect(res.body.counties.map((c: any) => c.adcode)).toEqual(['430903'])
    const c = res.body.counties[0]
    const e = await expectedFigures('430903')
    expect(c.points).toBe(e.points)
    expect(c.byLevel.find((l: any) => l.level === 'national').points).toBe(e.national)
    expect(c.plannedPoints).toBe(e.planned)
    expect(c.farmlandParcels).toBe(e.parcels)
    expect(c.farmlandMu).toBeCloseTo(mu(Number(e.farmland_m2)), 1)
    expect(c.uncoveredParcels).toBe(e.uncovered)
    expect(c.uncoveredMu).toBeCloseTo(mu(Number(e.uncovered_m2)), 1)
    expect(c.uncoveredParcels).toBeGreaterThan(0)
    expect(c.farmlandMuPerPoint).toBe(Math.round((Number(e.farmland_m2) * 0.0015) / e.points))
    expect(c.byType.reduce((s: number, t: any) => s + t.points, 0)).toBe(e.points)
    expect(c.isCovered).toBe(true)
    expect(c.verdictName).toBe('已覆盖')
    expect(c.checks.find((k: any) => k.code === 'MIN_POINTS').message).toContain('国控点位')
    expect(res.body.settings.distanceM).toBe(D)
    expect(res.body.settings.isLocalRule).toBe(true)
    expect(res.body.cities).toEqual([{ code: '430900', name: '益阳市', counties: 1, covered: 1, coveredShare: 1 }])
  })

  it('when the service counts a parcel uncovered, then its geodesic distance to every active point exceeds the distance (within 1 %), and covered ones are within it', async () => {
    const { rows } = await db.query(
      `
      SELECT p.id,
             NOT EXISTS (SELECT 1 FROM monitoring_point m WHERE m.status = 'active'
                         AND ST_DWithin(m.geom_3857, p.geom_3857, $2::float8 / cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)))) AS is_uncovered,
             (SELECT min(ST_Distance(m.geom::geography, p.geom::geography)) FROM monitoring_point m WHERE m.status = 'active' AND ST_DWithin(m.geom, p.geom, 0.2)) AS geodesic_m
      FROM farmland_parcel p WHERE p.adcode = $1 AND p.dlbm LIKE '01%'`,
      ['430903', D],
    )
    const res = await environment.agent.get('/api/coverage/uncovered?adcode=430903').expect(200)
    const served = new Set(res.body.features.map((f: any) => f.id))
    for (const r of rows) {
      expect(served.has(Number(r.id))).toBe(r.is_uncovered)
      if (r.is_uncovered) expect(r.geodesic_m === null || Number(r.geodesic_m) > D * 0.99).toBe(true)
      else expect(Number(r.geodesic_m)).toBeLessThanOrEqual(D * 1.01)
    }
    expect(res.body.total).toBe(rows.filter((r) => r.is_uncovered).length)
    expect(res.body.truncated).toBe(false)
    expect(res.body.features[0].geometry.type).toBe('MultiPolygon')
  })

  it('when there are more uncovered parcels than the map answer may hold, then the largest come first and the answer says how many there are', async () => {
    const capped = createTestApp(db, { coverage: { ...settings, maxUncoveredFeatures: 5 } })
    const officer = await signInAs(capped, 'environment')
    const res = await officer.agent.get('/api/coverage/uncovered?adcode=430903').expect(200)
    const county = (await environment.agent.get('/api/coverage?adcode=430903')).body.counties[0]
    expect(res.body.features).toHaveLength(5)
    expect(res.body.total).toBe(county.uncoveredParcels)
    expect(res.body.truncated).toBe(true)
    expect(res.body.message).toBe(`未覆盖图斑共 ${county.uncoveredParcels} 个，地图只显示面积最大的 5 个`)
    const areas = res.body.features.map((f: any) => f.properties.areaMu)
    expect([...areas].sort((a, b) => b - a)).toEqual(areas)
  })

  it('when the rule asks for more 国控 points than a county has, then it is 未覆盖 with the reason naming the shortfall', async () => {
    const strict = createTestApp(db, {
      coverage: { ...settings, minPointsByLevel: { ...DEFAULT_COVERAGE_SETTINGS.minPointsByLevel, national: 50 } },
    })
    const officer = await signInAs(strict, 'admin')
    const res = await officer.agent.get('/api/coverage').expect(200)
    const heshan = res.body.counties.find((c: any) => c.adcode === '430903')
    const national = heshan.byLevel.find((l: any) => l.level === 'national').points
    expect(heshan.isCovered).toBe(false)
    expect(heshan.verdictName).toBe('未覆盖')
    expect(heshan.reasons).toContain(`国控点位 ${national} 个，少于要求的 50 个`)
    expect(res.body.settings.rule).toContain('国控点位不少于 50 个')
    expect(res.body.cities.find((c: any) => c.code === '430900')).toMatchObject({ covered: 0, coveredShare: 0 })
  })

  it('when the administrator of 湖南省 reads coverage, then only Hunan counties are listed and 吉林 梨树县 is refused with its name', async () => {
    const res = await admin.agent.get('/api/coverage').expect(200)
    expect(res.body.counties.every((c: any) => c.adcode.startsWith('43'))).toBe(true)
    expect(res.body.provinces).toEqual([
      expect.objectContaining({ code: '430000', counties: res.body.counties.length }),
    ])
    const refused = await admin.agent.get('/api/coverage?adcode=220322').expect(403)
    expect(refused.body.error.code).toBe('OUT_OF_SCOPE')
    expect(refused.body.error.message).toContain('220322')
  })

  it('when the adcode is malformed or unknown, then 400 and 404 say so in Chinese', async () => {
    const bad = await environment.agent.get('/api/coverage?adcode=43090').expect(400)
    expect(bad.body.error.message).toContain('6 位数字')
    const unknown = await environment.agent.get('/api/coverage/townships?adcode=999999').expect(404)
    expect(unknown.body.error.message).toContain('999999')
    const missing = await environment.agent.get('/api/coverage/uncovered').expect(400)
    expect(missing.body.error.message).toContain('区县代码')
  })

  it('when the townships of 赫山区 are read, then they add up to the county figures', async () => {
    const county = (await environment.agent.get('/api/coverage?adcode=430903').expect(200)).body.counties[0]
    const res = await environment.agent.get('/api/coverage/townships?adcode=430903').expect(200)
    const sum = (key: string) => res.body.townships.reduce((s: number, t: any) => s + t[key], 0)
    expect(sum('points')).toBe(county.points)
    expect(sum('plannedPoints')).toBe(county.plannedPoints)
    expect(sum('farmlandParcels')).toBe(county.farmlandParcels)
    expect(sum('uncoveredParcels')).toBe(county.uncoveredParcels)
    expect(sum('farmlandMu')).toBeCloseTo(county.farmlandMu, 0)
    expect(res.body.townships.length).toBeGreaterThan(1)
    expect(res.body.townships.every((t: any) => typeof t.name === 'string' && t.name.length > 0)).toBe(true)
  })
})

describe('POST /api/coverage/gaps', () => {
  it('when k = 3 at 2.5 km, then the gains do not grow, add up to the cumulative figure, and the first equals the uncovered farmland within reach of it', async () => {
    const res = await farmland.agent
      .post('/api/coverage/gaps')
      .set('X-CSRF-Token', farmland.csrfToken)
      .send({ adcode: '430903', k: 3, spacingKm: 2.5 })
      .expect(200)
    const { proposals } = res.body
    expect(proposals.length).toBeGreaterThanOrEqual(1)
    expect(proposals.length).toBeLessThanOrEqual(3)
    expect(res.body.crs).toContain('EPSG:4546')
    for (let i = 1; i < proposals.length; i++) expect(proposals[i].gainM2).toBeLessThanOrEqual(proposals[i - 1].gainM2)
    const total = proposals.reduce((s: number, p: any) => s + p.gainM2, 0)
    const last = proposals.at(-1)
    expect(last.cumulativeMu).toBeCloseTo(mu(total), 0)
    expect(proposals[0].gainM2).toBeGreaterThan(0)
    expect(res.body.uncoveredMu).toBeCloseTo(
      (await environment.agent.get('/api/coverage?adcode=430903')).body.counties[0].uncoveredMu,
      0,
    )
    const first = proposals[0]
    const {
      rows: [g],
    } = await db.query(
      `
      WITH pt AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4490), 3857) AS g)
      SELECT coalesce(sum(p.area_m2), 0) AS m2 FROM farmland_parcel p, pt
      WHERE p.adcode = $1 AND p.dlbm LIKE '01%'
        AND ST_DWithin(p.geom_3857, pt.g, $4::float8 / cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)))
        AND NOT EXISTS (SELECT 1 FROM monitoring_point m WHERE m.status = 'active'
                        AND ST_DWithin(m.geom_3857, p.geom_3857, $4::float8 / cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2))))`,
      ['430903', first.lon, first.lat, D],
    )
    expect(first.gainM2).toBeCloseTo(Number(g.m2), 0)
    expect(last.cumulativeShare).toBeLessThanOrEqual(1)
  })

  it('when k, the spacing or the county is wrong, then 400 or 403 with a Chinese message', async () => {
    const post = (body: object) =>
      farmland.agent.post('/api/coverage/gaps').set('X-CSRF-Token', farmland.csrfToken).send(body)
    expect((await post({ adcode: '430903', k: 0, spacingKm: 5 }).expect(400)).body.error.message).toContain('1–20')
    expect((await post({ adcode: '430903', k: 21, spacingKm: 5 }).expect(400)).body.error.message).toContain('最多 20')
    expect((await post({ adcode: '430903', k: 3, spacingKm: 3 }).expect(400)).body.error.message).toContain(
      '2.5、5、10',
    )
    const scope = await post({ adcode: '220322', k: 3, spacingKm: 5 }).expect(403)
    expect(scope.body.error.code).toBe('OUT_OF_SCOPE')
  })
})

describe('POST /api/coverage/gaps/accept', () => {
  const accept = (s: Session, body: object) =>
    s.agent.post('/api/coverage/gaps/accept').set('X-CSRF-Token', s.csrfToken).send(body)
  const countPoints = async () =>
    Number((await db.query(`SELECT count(*) AS n FROM monitoring_point WHERE adcode = '430903'`)).rows[0].n)

  it('when the environment officer accepts a proposal, then a planned point with the next code, its basis and a history row is written, and coverage counts it apart', async () => {
    const before = (await environment.agent.get('/api/coverage?adcode=430903')).body.counties[0]
    const gaps = await environment.agent
      .post('/api/coverage/gaps')
      .set('X-CSRF-Token', environment.csrfToken)
      .send({ adcode: '430903', k: 1, spacingKm: 2.5 })
      .expect(200)
    const p = gaps.body.proposals[0]
    const {
      rows: [seq],
    } = await db.query(
      `SELECT coalesce(max(substring(code FROM '-GH([0-9]+)$')::int), 0) + 1 AS n FROM monitoring_point WHERE adcode = '430903' AND code ~ '-GH[0-9]+$'`,
    )
    const res = await accept(environment, {
      adcode: '430903',
      lon: p.lon,
      lat: p.lat,
      level: 'county',
      type: 'basic',
      basis: { spacingKm: 2.5, rank: p.rank, gainM2: p.gainM2, ranAt: gaps.body.ranAt },
    }).expect(201)
    const point = readContract(AcceptGapResponse, res.body).point
    plannedIds.push(point.id)
    expect(point.code).toBe(`430903-GH${String(seq.n).padStart(4, '0')}`)
    expect(point).toMatchObject({
      status: 'planned',
      statusName: '规划',
      level: 'county',
      levelName: '县控',
      type: 'basic',
      version: 1,
      createdBy: 'huanjing',
    })
    expect(point.plannedBasis).toMatchObject({
      spacingKm: 2.5,
      rank: p.rank,
      gainM2: p.gainM2,
      distanceM: D,
      source: '缺口分析',
    })
    expect(point.townshipCode).toMatch(/^430903\d{3}$/)
    const { rows: history } = await db.query(
      `SELECT action, actor, reason, after FROM change_history WHERE adcode = '430903' AND entity = 'monitoring_point' AND entity_id = $1`,
      [point.id],
    )
    expect(history).toHaveLength(1)
    expect(history[0]).toMatchObject({ action: 'create', actor: 'huanjing' })
    expect(history[0].after.code).toBe(point.code)
    const after = (await environment.agent.get('/api/coverage?adcode=430903')).body.counties[0]
    expect(after.points).toBe(before.points)
    expect(after.uncoveredMu).toBe(before.uncoveredMu)
    expect(after.plannedPoints).toBe(before.plannedPoints + 1)
    const map = await environment.agent.get('/api/coverage/points?adcode=430903').expect(200)
    expect(map.body.features.find((f: any) => f.properties.code === point.code).properties).toMatchObject({
      status: 'planned',
      statusName: '规划',
    })

    const again = await accept(environment, {
      adcode: '430903',
      lon: p.lon,
      lat: p.lat,
      level: 'county',
      type: 'basic',
      basis: { spacingKm: 2.5, rank: p.rank, gainM2: p.gainM2 },
    }).expect(409)
    expect(again.body.error.message).toContain(point.code)
  })

  it('when the place is outside the county, the role is not environment, the body is incomplete or the county out of scope, then nothing is written', async () => {
    const n = await countPoints()
    const body = {
      adcode: '430903',
      lon: 125.0,
      lat: 43.3,
      level: 'county',
      type: 'basic',
      basis: { spacingKm: 5, rank: 1, gainM2: 1000 },
    }
    const outside = await accept(environment, body).expect(422)
    expect(outside.body.error.message).toContain('不在益阳市赫山区境内')
    const forbidden = await accept(farmland, { ...body, lon: 112.4, lat: 28.5 }).expect(403)
    expect(forbidden.body.error.message).toContain('生态环境管理员')
    const noBasis = await accept(environment, { ...body, basis: undefined }).expect(400)
    expect(noBasis.body.error.message).toContain('采纳依据')
    const badLevel = await accept(environment, { ...body, level: 'village' }).expect(400)
    expect(badLevel.body.error.message).toContain('国控')
    const scope = await accept(environment, { ...body, adcode: '220322', lon: 124.3, lat: 43.3 }).expect(403)
    expect(scope.body.error.code).toBe('OUT_OF_SCOPE')
    expect(scope.body.error.message).toContain('220322')
    expect(await countPoints()).toBe(n)
  })
})

describe('GET /api/public/counties', () => {
  it('when anyone reads the public coverage, then it counts active points only and gives the same verdict as the staff view, without point names or places', async () => {
    const anonymous = await signInAs(app, 'anonymous')
    const res = await anonymous.agent.get('/api/public/counties').expect(200)
    const heshan = res.body.counties.find((c: any) => c.adcode === '430903')
    const staff = (await environment.agent.get('/api/coverage?adcode=430903')).body.counties[0]
    expect(heshan.coverage.points).toBe(staff.points)
    expect(heshan.coverage.isCovered).toBe(staff.isCovered)
    expect(heshan.coverage.verdictName).toBe(staff.verdictName)
    expect(heshan.coverage.reasons).toEqual(staff.reasons)
    // the public figure is whole 亩 from m², the staff one 0.1 亩: they differ by at most the two roundings (0.5 + 0.05)
    expect(Math.abs(heshan.coverage.farmlandMu - staff.farmlandMu)).toBeLessThanOrEqual(0.55)
    expect(Number.isInteger(heshan.coverage.farmlandMu)).toBe(true)
    const text = JSON.stringify(res.body)
    expect(text).not.toContain('-JC0')
    expect(text).not.toContain('-GH0')
    expect(text).not.toContain('号监测点')
  })
})

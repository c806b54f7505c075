import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { coverageCacheStats } from '../../server/src/services/coverage-cache.ts'
import { addFarmlandBlock, findUncoveredSpot } from '../support/farmland-block.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let environment: Session

/** Coverage distance of this file's app. */
const D = 1000
const settings = { ...loadConfig().coverage, distanceM: D }
const SUFFIX = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
/** A county of this file beside 赫山区 (沅江市's code), removed after the file. */
const NEIGHBOUR = '430981'
/** Centre of this file's block of farmland. */
let block: { lon: number; lat: number }

/** Degrees of longitude and latitude of `m` metres east and north at the block. */
const east = (m: number) => m / (111320 * Math.cos((block.lat * Math.PI) / 180))
const north = (m: number) => m / 111320

/**
 * Our own farmland: 7 × 7 small 水田 parcels 500 m apart in 赫山区, at a spot at least 2.7 km from every monitoring
 * point, so every parcel of it is uncovered at D = 1 km until this file adds points.
 */
async function addUncoveredBlock(): Promise<void> {
  block = await findUncoveredSpot(db, { isFarthest: true })
  await addFarmlandBlock(db, block, { codePrefix: `CACHE-${SUFFIX}` })
}

/** Adds an active point of the county at lon, lat (our code). */
async function addActivePoint(adcode: string, name: string, lon: number, lat: number): Promise<number> {
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO monitoring_point (adcode, code, name, level, point_type, status, geom, created_by)
    VALUES ($1, $2, $3, 'county', 'basic', 'active', ST_SetSRID(ST_MakePoint($4::float8, $5::float8), 4490), 'test') RETURNING id`,
    [adcode, `CACHE-${SUFFIX}-${name}`, `缓存测试点位 ${name}`, lon, lat],
  )
  return Number(p.id)
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db, { coverage: settings })
  environment = await signInAs(app, 'environment')
  await addUncoveredBlock()
})
afterAll(async () => {
  await db.query(`DELETE FROM monitoring_point WHERE code LIKE $1`, [`CACHE-${SUFFIX}-%`])
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = '430903' AND code LIKE $1`, [`CACHE-${SUFFIX}-%`])
  await db.query(`DELETE FROM county WHERE adcode = $1`, [NEIGHBOUR])
  await db.close()
})

/**
 * Independent figures of 赫山区: points counted from the table, farmland (耕地 01xx) and the parcels whose nearest
 * active point of any county (one KNN LATERAL query, not the service's NOT EXISTS) is farther than D.
 */
async function expectedFigures() {
  const {
    rows: [r],
  } = await db.query(
    `
    SELECT (SELECT count(*) FROM monitoring_point WHERE adcode = '430903' AND status = 'active')::int AS points,
           (SELECT count(*) FROM monitoring_point WHERE adcode = '430903' AND status = 'planned')::int AS planned,
           count(*)::int AS parcels, sum(p.area_m2) AS farmland_m2,
           count(*) FILTER (WHERE n.d > $1)::int AS uncovered, coalesce(sum(p.area_m2) FILTER (WHERE n.d > $1), 0) AS uncovered_m2
    FROM farmland_parcel p
    CROSS JOIN LATERAL (
      SELECT ST_Distance(m.geom_3857, p.geom_3857) * cos(radians((ST_YMin(p.geom) + ST_YMax(p.geom)) / 2)) AS d
      FROM monitoring_point m WHERE m.status = 'active' ORDER BY m.geom_3857 <-> p.geom_3857 LIMIT 1
    ) n
    WHERE p.adcode = '430903' AND p.dlbm LIKE '01%'`,
    [D],
  )
  return r
}

const mu = (m2: number) => Math.round(m2 * 0.0015 * 10) / 10

/** Reads 赫山区 and checks that it was computed again (not served from the cache) and equals the independent figures. */
async function expectRecomputed() {
  const before = coverageCacheStats(db)
  const c = (await environment.agent.get('/api/coverage?adcode=430903').expect(200)).body.counties[0]
  const after = coverageCacheStats(db)
  expect(after.misses).toBe(before.misses + 1)
  expect(after.hits).toBe(before.hits)
  const e = await expectedFigures()
  expect(c.points).toBe(e.points)
  expect(c.plannedPoints).toBe(e.planned)
  expect(c.farmlandParcels).toBe(e.parcels)
  expect(c.farmlandMu).toBeCloseTo(mu(Number(e.farmland_m2)), 1)
  expect(c.uncoveredParcels).toBe(e.uncovered)
  expect(c.uncoveredMu).toBeCloseTo(mu(Number(e.uncovered_m2)), 1)
  return c
}

const readHeshan = async () => (await environment.agent.get('/api/coverage?adcode=430903').expect(200)).body.counties[0]

/** Reads 赫山区 and checks that it was served from the cache. */
async function expectCached() {
  const before = coverageCacheStats(db)
  const c = (await environment.agent.get('/api/coverage?adcode=430903').expect(200)).body.counties[0]
  const after = coverageCacheStats(db)
  expect(after.hits).toBe(before.hits + 1)
  expect(after.misses).toBe(before.misses)
  return c
}

describe('coverage cache', () => {
  it('when coverage is read twice with nothing changed, then the second answer equals the first and is served from the cache', async () => {
    const first = await environment.agent.get('/api/coverage').expect(200)
    const computed = coverageCacheStats(db)
    const second = await environment.agent.get('/api/coverage').expect(200)
    const after = coverageCacheStats(db)
    expect(after.misses).toBe(computed.misses)
    expect(after.hits).toBe(computed.hits + 1)
    expect(second.body).toEqual(first.body)
    const township = await environment.agent.get('/api/coverage/townships?adcode=430903').expect(200)
    expect(coverageCacheStats(db).misses).toBe(computed.misses)
    expect(township.body.townships.reduce((s: number, t: any) => s + t.uncoveredParcels, 0)).toBe(
      second.body.counties[0].uncoveredParcels,
    )
  })

  it('when a farmland parcel is added, changed and removed, then each read is computed again and equals an independent computation', async () => {
    const base = await readHeshan()
    await db.query(
      `
      INSERT INTO farmland_parcel (adcode, code, dlbm, geom)
      VALUES ('430903', $1, '0103', ST_Multi(ST_Expand(ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4490), 0.0003)))`,
      [`CACHE-${SUFFIX}-X`, block.lon + east(250), block.lat + north(250)],
    )
    const added = await expectRecomputed()
    expect(added.uncoveredParcels).toBe(base.uncoveredParcels + 1)
    await expectCached()
    await db.query(`UPDATE farmland_parcel SET dlbm = '0201' WHERE adcode = '430903' AND code = $1`, [
      `CACHE-${SUFFIX}-X`,
    ])
    const changed = await expectRecomputed()
    expect(changed.uncoveredParcels).toBe(base.uncoveredParcels)
    await db.query(`UPDATE farmland_parcel SET dlbm = '0101' WHERE adcode = '430903' AND code = $1`, [
      `CACHE-${SUFFIX}-X`,
    ])
    expect((await expectRecomputed()).uncoveredParcels).toBe(base.uncoveredParcels + 1)
    await db.query(
      `UPDATE farmland_parcel SET geom = ST_Multi(ST_Translate(geom, $2::float8, 0)) WHERE adcode = '430903' AND code = $1`,
      [`CACHE-${SUFFIX}-X`, east(20)],
    )
    await expectRecomputed()
    await db.query(`DELETE FROM farmland_parcel WHERE adcode = '430903' AND code = $1`, [`CACHE-${SUFFIX}-X`])
    expect((await expectRecomputed()).uncoveredParcels).toBe(base.uncoveredParcels)
  })

  it('when a parcel is only reclassified, then the figures are still served from the cache', async () => {
    await environment.agent.get('/api/coverage?adcode=430903').expect(200)
    await db.query(`UPDATE farmland_parcel SET class = 'priority' WHERE adcode = '430903' AND code = $1`, [
      `CACHE-${SUFFIX}-0-0`,
    ])
    await expectCached()
    await db.query(`UPDATE farmland_parcel SET class = 'unclassified' WHERE adcode = '430903' AND code = $1`, [
      `CACHE-${SUFFIX}-0-0`,
    ])
  })

  it('when an active point is added away from the block, moved onto it and retired, then each read is computed again and equals an independent computation', async () => {
    const base = await readHeshan()
    const id = await addActivePoint('430903', 'M', block.lon + east(6000), block.lat)
    await expectRecomputed()
    await db.query(
      `UPDATE monitoring_point SET geom = ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4490) WHERE id = $1`,
      [id, block.lon, block.lat],
    )
    const moved = await expectRecomputed()
    expect(moved.uncoveredParcels).toBeLessThan(base.uncoveredParcels)
    await expectCached()
    await db.query(`UPDATE monitoring_point SET status = 'retired' WHERE id = $1`, [id])
    const retired = await expectRecomputed()
    expect(retired.uncoveredParcels).toBe(base.uncoveredParcels)
    expect(retired.points).toBe(base.points)
  })

  it('when an active point of a neighbouring county is added within reach of 赫山区 farmland, then 赫山区 is computed again and counts those parcels covered', async () => {
    const base = await readHeshan()
    const lon = block.lon - east(2300)
    await db.query(
      `
      INSERT INTO county (adcode, name, city_code, city, province, geom, source)
      VALUES ($1, '缓存测试县', '430900', '益阳市', '湖南省', ST_Multi(ST_MakeEnvelope($2::float8 - 0.03, $3::float8 - 0.03, $2::float8 + 0.004, $3::float8 + 0.03, 4490)), 'test')`,
      [NEIGHBOUR, lon, block.lat],
    )
    await addActivePoint(NEIGHBOUR, 'N', lon, block.lat)
    const covered = await expectRecomputed()
    expect(covered.uncoveredParcels).toBeLessThan(base.uncoveredParcels)
    expect(covered.points).toBe(base.points)
  })

  it('when a point far away in 梨树县 is retired and restored, then 赫山区 figures are still served from the cache', async () => {
    await environment.agent.get('/api/coverage?adcode=430903').expect(200)
    const {
      rows: [far],
    } = await db.query(
      `SELECT id FROM monitoring_point WHERE adcode = '220322' AND status = 'active' ORDER BY id LIMIT 1`,
    )
    await db.query(`UPDATE monitoring_point SET status = 'retired' WHERE id = $1`, [far.id])
    await db.query(`UPDATE monitoring_point SET status = 'active' WHERE id = $1`, [far.id])
    await expectCached()
  })
})

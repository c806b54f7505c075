import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { polygon, rect, type LonLat } from '../support/map-input.ts'
import { signInAs, type Session } from '../support/session.ts'

/** The pre-check of a plot inside a 饮用水水源保护区 of 赫山区, at each zone level, with the default settings and others. */

let db: Database
let officer: Session
const zoneIds: number[] = []

const spot = () =>
  freeSpot(db, { adcode: '430903', spacing: 0.02, inside: 0.01, clearOfFarmland: 0.006, clearOfPoints: 0.012 })
/** A square of side 2·`halfM` metres around a point. */
const square = (at: LonLat, halfM = 50) => polygon(rect(at, 2 * halfM, 2 * halfM, -halfM, -halfM))

async function zone(at: LonLat, level: string): Promise<void> {
  const { rows } = await db.query(
    `INSERT INTO water_source_zone (adcode, source_name, source_type, level, geom, file_name, feature_index, imported_by)
     VALUES ('430903', '核查测试水源地', 'river', $1, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), 't.geojson', 1, 't')
     RETURNING id`,
    [level, JSON.stringify(square(at, 200))],
  )
  zoneIds.push(Number(rows[0].id))
}

type Reason = { code: string; severity: string; message: string; basis: string; featureType: string | null }
const check = (s: Session, geometry: unknown) =>
  s.agent.post('/api/precheck').set('X-CSRF-Token', s.csrfToken).send({ geometry, plannedUse: 'M1' })
const waterReasons = (body: { reasons: Reason[] }) => body.reasons.filter((r) => r.featureType === 'water-source')

beforeAll(async () => {
  db = connectTestDatabase()
  officer = await signInAs(createTestApp(db), 'land')
})
afterAll(async () => {
  await db.query(`DELETE FROM water_source_zone WHERE id = ANY ($1::bigint[])`, [zoneIds])
  await db.close()
})

describe('a plot in a 饮用水水源保护区', () => {
  it('when the plot lies in a 一级保护区, then it is refused citing 水污染防治法 第六十五条', async () => {
    const at = await spot()
    await zone(at, 'level1')
    const res = await check(officer, square(at)).expect(201)
    expect(res.body.verdict).toBe('refused')
    const [r] = waterReasons(res.body)
    expect(r).toMatchObject({ code: 'WATER_SOURCE_LEVEL1', severity: 'refuse' })
    expect(r.message).toContain('饮用水水源一级保护区（核查测试水源地，河流型）')
    expect(r.basis).toContain('第六十五条')
  })

  it('when the plot lies in a 二级保护区, then it needs an investigation citing 第六十六条', async () => {
    const at = await spot()
    await zone(at, 'level2')
    const res = await check(officer, square(at)).expect(201)
    expect(res.body.verdict).toBe('investigate')
    expect(waterReasons(res.body)).toMatchObject([{ code: 'WATER_SOURCE_LEVEL2', severity: 'investigate' }])
    expect(waterReasons(res.body)[0].basis).toContain('第六十六条')
  })

  it('when the plot lies in a 准保护区, then it is a note citing 第六十七条 and the verdict is left alone', async () => {
    const at = await spot()
    await zone(at, 'quasi')
    const res = await check(officer, square(at)).expect(201)
    expect(res.body.verdict).toBe('allowed')
    expect(waterReasons(res.body)).toMatchObject([{ code: 'WATER_SOURCE_QUASI', severity: 'note' }])
    expect(waterReasons(res.body)[0].basis).toContain('第六十七条')
  })

  it('when the settings make a 一级保护区 须调查评估, then the same plot needs an investigation instead', async () => {
    const at = await spot()
    await zone(at, 'level1')
    const lenient = createTestApp(db, {
      precheck: {
        ...loadConfig().precheck,
        waterSourceSeverity: { level1: 'investigate', level2: 'note', quasi: 'note' },
      },
    })
    const res = await check(await signInAs(lenient, 'land'), square(at)).expect(201)
    expect(res.body.verdict).toBe('investigate')
    expect(waterReasons(res.body)).toMatchObject([{ code: 'WATER_SOURCE_LEVEL1', severity: 'investigate' }])
  })

  it('when the plot lies beside a zone, then no water-source reason is given', async () => {
    const at = await spot()
    await zone(at, 'level1')
    const beside = polygon(rect(at, 100, 100, 300, -50))
    const res = await check(officer, beside).expect(201)
    expect(waterReasons(res.body)).toEqual([])
  })
})

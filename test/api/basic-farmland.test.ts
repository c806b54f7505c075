import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Express } from 'express'
import { BasicFarmlandDisagreements } from '../../contracts/basic-farmland.ts'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let land: Session
const tag = `BF${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
let made = 0
const fresh = (prefix: string) => `${prefix}-${tag}${++made}`

/** A rectangle `w` × `h` degrees with its south-west corner at `[lon, lat]`, as EWKT. */
const rect = ([lon, lat]: [number, number], w: number, h = w) =>
  `SRID=4490;MULTIPOLYGON(((${lon} ${lat},${lon + w} ${lat},${lon + w} ${lat + h},${lon} ${lat + h},${lon} ${lat})))`
const polygon = ([lon, lat]: [number, number], w: number, h = w) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + w, lat],
      [lon + w, lat + h],
      [lon, lat + h],
      [lon, lat],
    ],
  ],
})

async function addParcel(at: [number, number], w: number, cls: string): Promise<{ id: number; code: string }> {
  const code = fresh('BF')
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, class, geom) VALUES ('430903', $1, '0101', $2, ST_GeomFromEWKT($3)) RETURNING id`,
    [code, cls, rect(at, w)],
  )
  return { id: Number(r.id), code }
}
async function addBasicFarmland(at: [number, number], w: number, h = w): Promise<string> {
  const code = fresh('JBNT')
  await db.query(
    `INSERT INTO basic_farmland (adcode, bsm, code, dlbm, geom) VALUES ('430903', $1, $2, '0101', ST_GeomFromEWKT($3))`,
    [tag, code, rect(at, w, h)],
  )
  return code
}
const m2 = async (ewkt: string) =>
  Number((await db.query(`SELECT ST_Area(ST_GeomFromEWKT($1)::geography) AS a`, [ewkt])).rows[0].a)

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  land = await signInAs(app, 'land')
})
afterAll(async () => {
  await db.query(`DELETE FROM farmland_parcel WHERE code LIKE $1`, [`BF-${tag}%`])
  await db.query(`DELETE FROM basic_farmland WHERE bsm = $1`, [tag])
  await db.close()
})

describe('GET /api/basic-farmland/disagreements', () => {
  let strict: { id: number; code: string }
  let safeUse: { id: number; code: string }
  let priorityInside: { id: number; code: string }
  let priorityOutside: { id: number; code: string }
  let patch: string
  let at: [number, number]
  let priorityOutsideBefore: number

  beforeAll(async () => {
    at = await freeSpot(db, { spacing: 0.01, inside: 0.004, clearOfFarmland: 0.004 })
    const [lon, lat] = at
    patch = await addBasicFarmland([lon, lat], 0.002, 0.001)
    strict = await addParcel([lon + 0.0002, lat + 0.0002], 0.0004, 'strict')
    // half of it inside the patch, which ends at lon + 0.002
    safeUse = await addParcel([lon + 0.0018, lat + 0.0002], 0.0004, 'safe_use')
    priorityInside = await addParcel([lon + 0.001, lat + 0.0002], 0.0004, 'priority')
    priorityOutsideBefore = await priorityOutsideCount()
    priorityOutside = await addParcel([lon + 0.0002, lat + 0.002], 0.0004, 'priority')
  })

  const get = (s: Session, query: string) => s.agent.get(`/api/basic-farmland/disagreements?${query}`)
  const priorityOutsideCount = async () =>
    (await get(farmland, 'adcode=430903').expect(200)).body.kinds.find((k: any) => k.kind === 'priority_outside')
      .count as number

  it('when 严格管控类 and 安全利用类 parcels lie in 永久基本农田, then they are listed with their area, the part inside and where they are', async () => {
    const res = await get(farmland, 'adcode=430903').expect(200)
    expect(() => BasicFarmlandDisagreements.parse(res.body)).not.toThrow()
    expect(res.body.basis).toBe('《中华人民共和国土壤污染防治法》第五十条')
    expect(res.body.classesFrom).toBe('现行已发布类别')
    const byCode = new Map(res.body.parcels.map((p: any) => [p.code, p]))
    const s = byCode.get(strict.code) as any
    expect(s).toMatchObject({ kind: 'restricted_inside', parcelId: strict.id, className: '严格管控类' })
    const area = await m2(rect([at[0] + 0.0002, at[1] + 0.0002], 0.0004))
    expect(s.areaMu).toBeCloseTo(area * 0.0015, 1)
    expect(s.insideMu).toBeCloseTo(area * 0.0015, 1)
    expect(s.farmlandCodes).toBe(patch)
    expect(s.bbox[0]).toBeCloseTo(at[0] + 0.0002, 6)
    expect(s.message).toContain(strict.code)
    expect(s.message).toContain('永久基本农田')
    const u = byCode.get(safeUse.code) as any
    expect(u.kind).toBe('restricted_inside')
    expect(u.insideShare).toBeGreaterThan(0.45)
    expect(u.insideShare).toBeLessThan(0.55)
  })

  it('when a 优先保护类 parcel lies outside 永久基本农田, then it is listed for information, and one inside is not listed', async () => {
    const res = await get(farmland, 'adcode=430903').expect(200)
    const codes = res.body.parcels.map((p: any) => p.code)
    const kind = res.body.kinds.find((k: any) => k.kind === 'priority_outside')
    expect(kind.level).toBe('info')
    expect(kind.count).toBe(priorityOutsideBefore + 1)
    expect(res.body.parcels.filter((p: any) => p.kind === 'priority_outside')).toHaveLength(Math.min(kind.count, 200))
    expect(codes).not.toContain(priorityInside.code)
    expect(priorityOutside.code).toMatch(/^BF-/)
    const restricted = res.body.kinds.find((k: any) => k.kind === 'restricted_inside')
    expect(restricted.count).toBeGreaterThanOrEqual(2)
    expect(restricted.level).toBe('warning')
    expect(res.body.basicFarmland.patches).toBeGreaterThanOrEqual(1)
  })

  it('when the county is outside the user’s scope, or unknown, or malformed, then 403, 404 and 400 in Chinese', async () => {
    const other = await signInNewUser(app as unknown as Express, db, { role: 'farmland', scopes: ['220322'] })
    expect((await get(other, 'adcode=430903').expect(403)).body.error.message).toContain('赫山区')
    expect((await get(farmland, 'adcode=990999').expect(404)).body.error.message).toContain('990999')
    expect((await get(farmland, 'adcode=43').expect(400)).body.error.message).toMatch(/区县代码/)
    expect((await get(farmland, 'adcode=430903&listId=x').expect(400)).body.error.message).toMatch(/清单编号/)
    expect((await get(farmland, 'adcode=430903&listId=999999999').expect(404)).body.error.message).toContain('分类清单')
  })

  it('when nobody is signed in, then 401', async () => {
    const anonymous = await signInAs(app, 'anonymous')
    await get(anonymous, 'adcode=430903').expect(401)
  })
})

describe('pre-check: a plot over 永久基本农田', () => {
  const post = (body: unknown) =>
    land.agent
      .post('/api/precheck')
      .set('X-CSRF-Token', land.csrfToken)
      .send(body as object)

  it('when the plot overlaps 永久基本农田, then a 提示 names the patch and the overlapping area, citing law art. 50, and the verdict is not changed by it', async () => {
    const at = await freeSpot(db, { spacing: 0.01, inside: 0.004, clearOfFarmland: 0.004 })
    const patch = await addBasicFarmland(at, 0.001)
    const plot = polygon([at[0] + 0.0005, at[1] + 0.0005], 0.001)
    const res = await post({ geometry: plot, plannedUse: 'M1' }).expect(201)
    const reason = res.body.reasons.find((r: any) => r.code === 'BASIC_FARMLAND')
    expect(reason).toMatchObject({
      severity: 'note',
      severityName: '提示',
      basis: '《中华人民共和国土壤污染防治法》第五十条',
      featureType: 'basic-farmland',
      featureTypeName: '永久基本农田',
      featureCode: patch,
    })
    const overlap = await m2(rect([at[0] + 0.0005, at[1] + 0.0005], 0.0005))
    expect(reason.overlapM2).toBeCloseTo(overlap, -1)
    expect(reason.message).toContain(patch)
    expect(res.body.reasons.every((r: any) => r.severity !== 'refuse')).toBe(true)
  })

  it('when the plot does not touch 永久基本农田, then there is no such note', async () => {
    const at = await freeSpot(db, { spacing: 0.01, inside: 0.004, clearOfFarmland: 0.004 })
    const res = await post({ geometry: polygon(at, 0.001), plannedUse: 'M1' }).expect(201)
    expect(res.body.reasons.map((r: any) => r.code)).not.toContain('BASIC_FARMLAND')
  })
})

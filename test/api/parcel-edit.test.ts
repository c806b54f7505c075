import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { offset, polygon, rect, type LonLat, type Ring } from '../support/map-input.ts'
import { signInAs, type Session } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { createTestUser } from '../support/users.ts'
import { signIn } from '../support/session.ts'

const COUNTY = '430903'
/** Metres per degree of latitude. */

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let environment: Session
const startedAt = new Date()
/** Farmland-free spots inside 赫山区, at least ~500 m apart; each test takes its own. */
const spots: LonLat[] = []
let nextSpot = 0

function takeSpot(): LonLat {
  if (nextSpot >= spots.length) throw new Error('测试用的空地不够用了')
  return spots[nextSpot++]
}

/** A point `east` and `north` metres from `origin`. */

async function post(s: Session, url: string, body: unknown) {
  return s.agent
    .post(url)
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
}

/** Rows of parcels and parcel history now (a refused save must leave both as they were). */
async function counts(): Promise<{ parcels: number; history: number }> {
  const {
    rows: [r],
  } = await db.query(`SELECT (SELECT count(*)::int FROM farmland_parcel) AS parcels,
    (SELECT count(*)::int FROM change_history WHERE entity = 'farmland_parcel') AS history`)
  return r
}

/** Saves one new parcel (0101 水田) and answers its result. */
async function createParcel(ring: Ring, attributes: Record<string, unknown> = {}, s = farmland) {
  const res = await post(s, '/api/parcels/changes', {
    reason: '测试新建',
    changes: [{ op: 'create', geometry: polygon(ring), attributes: { dlbm: '0101', ...attributes } }],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.results[0] as { id: number; code: string; version: number; areaM2: number; class: string }
}

/** Sends changes that must be refused with 422, checks nothing was written, and answers the problems. */
async function refused(changes: unknown[]): Promise<any[]> {
  const before = await counts()
  const res = await post(farmland, '/api/parcels/changes', { reason: '测试', changes })
  expect(res.status, JSON.stringify(res.body)).toBe(422)
  expect(res.body.error.code).toBe('GEOMETRY_CHECK')
  expect(await counts()).toEqual(before)
  return res.body.error.details.problems
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  environment = await signInAs(app, 'environment')
  for (let i = 0; i < 30; i++) spots.push(await freeSpot(db, { adcode: COUNTY, spacing: 0.006 }))
})

afterAll(async () => {
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = $1 AND NOT is_generated AND created_at >= $2`, [
    COUNTY,
    startedAt,
  ])
  await db.query('SELECT refresh_farmland_overview($1)', [COUNTY])
  await db.close()
})

describe('parcel reads', () => {
  it('when the code lists are read, then every 三调 land code of the 工作分类 is there with its class, and the limits', async () => {
    const res = await farmland.agent.get('/api/parcels/codes').expect(200)
    expect(res.body.dlbm).toHaveLength(56)
    expect(res.body.dlbm).toContainEqual({ code: '0101', name: '水田', group: '01 耕地' })
    expect(res.body.dlbm).toContainEqual({ code: '1203', name: '田坎', group: '12 其他土地' })
    expect(res.body.gdpdjb[0]).toEqual({ code: '1', name: '≤2°' })
    expect(res.body.zzsxdm.map((c: any) => c.code)).toEqual(['LS', 'FLS', 'LYFL', 'XG', 'LLJZ', 'WG'])
    expect(res.body.settings).toEqual({ minAreaM2: 200, minWidthM: 2, overlapToleranceM2: 1, maxVertices: 5000 })
  })

  it('when the parcels of a small box are read, then each comes as a GeoJSON feature with its fields; a wide box is refused', async () => {
    const {
      rows: [p],
    } = await db.query(
      `SELECT id, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n FROM farmland_parcel WHERE adcode = $1 ORDER BY id LIMIT 1`,
      [COUNTY],
    )
    const res = await farmland.agent.get(`/api/parcels?bbox=${p.w},${p.s},${p.e},${p.n}`).expect(200)
    expect(res.body.type).toBe('FeatureCollection')
    expect(res.body.truncated).toBe(false)
    const f = res.body.features.find((x: any) => x.id === Number(p.id))
    expect(f.geometry.type).toBe('MultiPolygon')
    expect(f.properties).toMatchObject({
      id: Number(p.id),
      adcode: COUNTY,
      version: 1,
      dlmc: expect.any(String),
      className: expect.any(String),
    })
    expect(f.properties.areaMu).toBeCloseTo(f.properties.areaM2 * 0.0015, 6)
    const wide = await farmland.agent.get(`/api/parcels?bbox=112.0,28.0,112.2,28.01`)
    expect(wide.status).toBe(400)
    expect(wide.body.error.message).toBe('范围过大，请放大地图后再编辑')
    expect((await farmland.agent.get('/api/parcels?bbox=1,2,3')).status).toBe(400)
  })

  it('when a parcel that never existed is read, then 404 names its number', async () => {
    const res = await farmland.agent.get('/api/parcels/987654321')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toContain('没有编号为 987654321 的耕地图斑')
  })
})

describe('creating a parcel', () => {
  it('when a farmland officer draws a parcel in empty land, then it is saved with a new code, its township and a history row', async () => {
    const at = takeSpot()
    const before = await counts()
    const created = await createParcel(rect(at, 40, 30), {
      qsxz: '30',
      kcxs: 0.05,
      gdpdjb: '2',
      zzsxdm: 'LS',
      bz: '测试',
    })
    expect(created.code).toMatch(/^430903-\d{7}$/)
    expect(created.version).toBe(1)
    expect(created.areaM2).toBeGreaterThan(1150)
    expect(created.areaM2).toBeLessThan(1250)
    expect(await counts()).toEqual({ parcels: before.parcels + 1, history: before.history + 1 })
    const got = await farmland.agent.get(`/api/parcels/${created.id}`).expect(200)
    expect(got.body.properties).toMatchObject({
      code: created.code,
      dlbm: '0101',
      dlmc: '水田',
      qsxz: '30',
      kcxs: 0.05,
      gdpdjb: '2',
      zzsxdm: 'LS',
      class: 'unclassified',
      updatedBy: 'gengdi',
      parentCodes: null,
    })
    expect(got.body.properties.townshipCode).toMatch(/^430903\d{3}$/)
    const history = await farmland.agent.get(`/api/parcels/${created.id}/history`).expect(200)
    expect(history.body.entries).toHaveLength(1)
    expect(history.body.entries[0]).toMatchObject({
      action: 'create',
      actionName: '新建',
      actor: 'gengdi',
      reason: '测试新建',
      before: null,
      version: 1,
    })
    expect(history.body.entries[0].after.geometry.type).toBe('MultiPolygon')
  })
})

describe('checks: each refuses the save, says what and where, and writes nothing', () => {
  it('when the geometry is not a closed polygon, then INVALID_GEOJSON says which ring', async () => {
    const ring = rect(takeSpot(), 30, 30).slice(0, 4)
    const [p] = await refused([{ op: 'create', geometry: polygon(ring), attributes: { dlbm: '0101' } }])
    expect(p).toMatchObject({ index: 0, code: 'INVALID_GEOJSON' })
    expect(p.message).toContain('第 1 个环')
    const [q] = await refused([
      { op: 'create', geometry: { type: 'Point', coordinates: [112.3, 28.5] }, attributes: { dlbm: '0101' } },
    ])
    expect(q.code).toBe('INVALID_GEOJSON')
    expect(q.message).toContain('Polygon 或 MultiPolygon')
    const [r] = await refused([
      {
        op: 'create',
        geometry: polygon([
          [112.3, 28.5],
          ['x', 28.5],
          [112.3, 28.6],
          [112.3, 28.5],
        ] as any),
        attributes: { dlbm: '0101' },
      },
    ])
    expect(r.message).toContain('第 2 个点不是 [经度, 纬度] 数字对')
  })

  it('when the coordinates are Gauss-Krüger metres or a foreign CRS, then WRONG_CRS asks for CGCS2000 longitude/latitude', async () => {
    const gk: Ring = [
      [38512345, 3151234],
      [38512395, 3151234],
      [38512395, 3151284],
      [38512345, 3151284],
      [38512345, 3151234],
    ]
    const [p] = await refused([{ op: 'create', geometry: polygon(gk), attributes: { dlbm: '0101' } }])
    expect(p.code).toBe('WRONG_CRS')
    expect(p.message).toContain('坐标看起来是投影坐标（如高斯-克吕格 X=')
    expect(p.message).toContain('请使用 CGCS2000 经纬度（EPSG:4490）')
    const [q] = await refused([
      {
        op: 'create',
        geometry: { ...polygon(rect(takeSpot(), 30, 30)), crs: { type: 'name', properties: { name: 'EPSG:3857' } } },
        attributes: { dlbm: '0101' },
      },
    ])
    expect(q.code).toBe('WRONG_CRS')
    expect(q.message).toContain('EPSG:3857')
  })

  it('when a point lies outside China, then OUT_OF_RANGE names the ring and the point', async () => {
    const at = takeSpot()
    const hole = rect(at, 10, 10, 10, 10)
    hole[2] = [140.5, 40.25]
    const [p] = await refused([
      { op: 'create', geometry: polygon(rect(at, 40, 40), hole), attributes: { dlbm: '0101' } },
    ])
    expect(p.code).toBe('OUT_OF_RANGE')
    expect(p.message).toContain('第 2 个环第 3 个点 (140.500000, 40.250000) 超出中国范围')
    expect(p.location).toEqual([140.5, 40.25])
  })

  it('when the boundary crosses itself, then INVALID_GEOMETRY says 边界自相交 at the crossing', async () => {
    const [sw, se, ne, nw] = rect(takeSpot(), 40, 40)
    const [p] = await refused([{ op: 'create', geometry: polygon([sw, ne, se, nw, sw]), attributes: { dlbm: '0101' } }])
    expect(p.code).toBe('INVALID_GEOMETRY')
    expect(p.message).toContain('边界自相交')
    const centre = [(sw[0] + ne[0]) / 2, (sw[1] + ne[1]) / 2]
    expect(p.location[0]).toBeCloseTo(centre[0], 6)
    expect(p.location[1]).toBeCloseTo(centre[1], 6)
  })

  it('when a parcel has more vertices than allowed, then TOO_MANY_VERTICES gives the count and the limit', async () => {
    const strict = createTestApp(db, { parcelEdit: { ...loadConfig().parcelEdit, maxVertices: 10 } })
    const officer = await signInAs(strict, 'farmland')
    const at = takeSpot()
    const ring: Ring = Array.from({ length: 12 }, (_, i) =>
      offset(at, 20 * Math.cos((i * Math.PI) / 6), 20 * Math.sin((i * Math.PI) / 6)),
    )
    ring.push(ring[0])
    const before = await counts()
    const res = await post(officer, '/api/parcels/changes', {
      changes: [{ op: 'create', geometry: polygon(ring), attributes: { dlbm: '0101' } }],
    })
    expect(res.status).toBe(422)
    expect(res.body.error.details.problems[0]).toMatchObject({
      code: 'TOO_MANY_VERTICES',
      message: '新图斑有 12 个顶点，超过上限 10 个，请简化边界',
    })
    expect(await counts()).toEqual(before)
  })

  it('when a parcel is below the minimum area, then TOO_SMALL gives its area in m² and 亩 and the minimum', async () => {
    const [p] = await refused([
      { op: 'create', geometry: polygon(rect(takeSpot(), 10, 10)), attributes: { dlbm: '0101' } },
    ])
    expect(p.code).toBe('TOO_SMALL')
    expect(p.message).toMatch(/新图斑面积 (99|100)(\.\d)? 平方米（0\.15 亩），小于最小上图面积 200 平方米（0\.30 亩）/)
    expect(p.location).toHaveLength(2)
  })

  it('when a parcel is a long thin strip, then SLIVER gives its width', async () => {
    const [p] = await refused([
      { op: 'create', geometry: polygon(rect(takeSpot(), 200, 1.5)), attributes: { dlbm: '0101' } },
    ])
    expect(p.code).toBe('SLIVER')
    expect(p.message).toMatch(/狭长图斑：最小宽度 1\.[45]\d 米，小于 2 米/)
  })

  it('when a parcel overlaps an existing one, then OVERLAP names the neighbour with the overlap area and its outline', async () => {
    const {
      rows: [n],
    } = await db.query(
      `SELECT code, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM farmland_parcel WHERE adcode = $1 ORDER BY id OFFSET 50 LIMIT 1`,
      [COUNTY],
    )
    const ring = rect([Number(n.lon), Number(n.lat)], 20, 20, -10, -10)
    const {
      rows: [expected],
    } = await db.query(
      `SELECT ST_Area(ST_Intersection(p.geom, ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))::geography) AS m2 FROM farmland_parcel p WHERE code = $1`,
      [n.code, JSON.stringify(polygon(ring))],
    )
    const problems = await refused([{ op: 'create', geometry: polygon(ring), attributes: { dlbm: '0101' } }])
    const p = problems.find((x) => x.neighbourCode === n.code)
    expect(p).toMatchObject({ code: 'OVERLAP', neighbourCode: n.code })
    expect(p.overlapM2).toBeCloseTo(Number(expected.m2), 1)
    expect(p.message).toContain(`与图斑 ${n.code} 重叠`)
    expect(p.message).toContain('平方米')
    expect(['Polygon', 'MultiPolygon']).toContain(p.geometry.type)
    expect(p.location).toHaveLength(2)
  })

  it('when a parcel reaches over the county boundary or lies in no county, then OUTSIDE_COUNTY says how much and where', async () => {
    const {
      rows: [v],
    } = await db.query(
      `
      SELECT ST_X(v.p) AS lon, ST_Y(v.p) AS lat
      FROM (SELECT (ST_DumpPoints(ST_Boundary(geom))).geom AS p FROM county WHERE adcode = $1) v
      WHERE NOT EXISTS (SELECT 1 FROM farmland_parcel f WHERE ST_DWithin(f.geom, v.p, 0.003)) LIMIT 1`,
      [COUNTY],
    )
    const [p] = await refused([
      {
        op: 'create',
        geometry: polygon(rect([Number(v.lon), Number(v.lat)], 40, 40, -20, -20)),
        attributes: { dlbm: '0101' },
      },
    ])
    expect(p.code).toBe('OUTSIDE_COUNTY')
    expect(p.message).toMatch(/新图斑有 [\d.,]+ 平方米（[\d.]+ 亩）超出赫山区边界/)
    expect(p.location).toHaveLength(2)
    const [q] = await refused([
      { op: 'create', geometry: polygon(rect([116.39, 39.9], 40, 40)), attributes: { dlbm: '0101' } },
    ])
    expect(q).toMatchObject({ code: 'OUTSIDE_COUNTY', message: '新图斑不在本系统的任何区县内' })
  })

  it('when attributes are wrong, then UNKNOWN_CODE, UNKNOWN_TOWNSHIP and INVALID_ATTRIBUTE name the field, also beside a geometry problem', async () => {
    const problems = await refused([
      {
        op: 'create',
        geometry: polygon(rect(takeSpot(), 40, 40)),
        attributes: { dlbm: '0999', townshipCode: '220322100', kcxs: 1.2, gdpdjb: '7', bz: '备'.repeat(255) },
      },
    ])
    expect(problems.map((p) => [p.code, p.field]).sort()).toEqual([
      ['INVALID_ATTRIBUTE', 'bz'],
      ['INVALID_ATTRIBUTE', 'gdpdjb'],
      ['INVALID_ATTRIBUTE', 'kcxs'],
      ['UNKNOWN_CODE', 'dlbm'],
      ['UNKNOWN_TOWNSHIP', 'townshipCode'],
    ])
    expect(problems.find((p) => p.field === 'dlbm').message).toContain('“0999”不是三调工作分类的编码')
    expect(problems.find((p) => p.field === 'kcxs').message).toContain('应不小于 0 且小于 1')
    const both = await refused([
      { op: 'create', geometry: polygon(rect(takeSpot(), 10, 10)), attributes: { dlbm: '9999' } },
    ])
    expect(both.map((p) => p.code).sort()).toEqual(['TOO_SMALL', 'UNKNOWN_CODE'])
  })
})

describe('locking and rights', () => {
  it('when a parcel was changed by someone else since it was loaded, then 409 says who and when and carries the current version', async () => {
    const created = await createParcel(rect(takeSpot(), 40, 30))
    const other = await createTestUser(db, { role: 'farmland', scopes: [COUNTY], displayName: '王测绘' })
    const otherSession = await signIn(app, other.username, other.password)
    const first = await post(otherSession, '/api/parcels/changes', {
      reason: '改地类',
      changes: [{ op: 'update', id: created.id, version: 1, attributes: { dlbm: '0103' } }],
    })
    expect(first.status, JSON.stringify(first.body)).toBe(200)
    expect(first.body.results[0]).toMatchObject({ op: 'update', version: 2 })
    const before = await counts()
    const stale = await post(farmland, '/api/parcels/changes', {
      changes: [{ op: 'update', id: created.id, version: 1, attributes: { dlbm: '0102' } }],
    })
    expect(stale.status).toBe(409)
    expect(stale.body.error.code).toBe('CONFLICT')
    expect(stale.body.error.message).toMatch(
      new RegExp(
        `^图斑 ${created.code} 已被 王测绘（${other.username}）于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 修改（您编辑的是第 1 版，当前为第 2 版）$`,
      ),
    )
    expect(stale.body.error.details).toMatchObject({
      id: created.id,
      code: created.code,
      yourVersion: 1,
      currentVersion: 2,
      changedBy: other.username,
      changedByName: '王测绘',
    })
    expect(stale.body.error.details.current.properties).toMatchObject({ version: 2, dlbm: '0103' })
    expect(await counts()).toEqual(before)

    const removed = await post(otherSession, '/api/parcels/changes', {
      reason: '删除',
      changes: [{ op: 'delete', id: created.id, version: 2 }],
    })
    expect(removed.status).toBe(200)
    const gone = await post(farmland, '/api/parcels/changes', {
      changes: [{ op: 'update', id: created.id, version: 2, attributes: { dlbm: '0102' } }],
    })
    expect(gone.status).toBe(409)
    expect(gone.body.error.message).toContain('删除')
    expect(gone.body.error.details).toMatchObject({ current: null, currentVersion: null, changedByName: '王测绘' })
    const read = await farmland.agent.get(`/api/parcels/${created.id}`)
    expect(read.status).toBe(404)
    expect(read.body.error.details).toMatchObject({ deleted: true, lastHistoryId: expect.any(Number) })
  })

  it('when an officer of 赫山区 edits or draws in 梨树县, then 403 OUT_OF_SCOPE names 梨树县 and nothing is written', async () => {
    const {
      rows: [p],
    } = await db.query(
      `SELECT id, version, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM farmland_parcel WHERE adcode = '220322' ORDER BY id LIMIT 1`,
    )
    const before = await counts()
    const edit = await post(farmland, '/api/parcels/changes', {
      changes: [{ op: 'update', id: Number(p.id), version: p.version, attributes: { dlbm: '0103' } }],
    })
    expect(edit.status).toBe(403)
    expect(edit.body.error).toMatchObject({ code: 'OUT_OF_SCOPE' })
    expect(edit.body.error.message).toContain('梨树县')
    const draw = await post(farmland, '/api/parcels/check', {
      changes: [
        { op: 'create', geometry: polygon(rect([Number(p.lon), Number(p.lat)], 20, 20)), attributes: { dlbm: '0101' } },
      ],
    })
    expect(draw.status).toBe(403)
    expect(draw.body.error.message).toContain('梨树县')
    expect((await farmland.agent.get(`/api/parcels/${p.id}`)).status).toBe(403)
    expect(await counts()).toEqual(before)
  })

  it('when an environment officer saves a parcel, then 403 FORBIDDEN; reading is allowed', async () => {
    const res = await post(environment, '/api/parcels/changes', {
      changes: [{ op: 'create', geometry: polygon(rect(takeSpot(), 40, 40)), attributes: { dlbm: '0101' } }],
    })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('FORBIDDEN')
    await environment.agent.get('/api/parcels/codes').expect(200)
  })
})

describe('batches and the dry run', () => {
  it('when the second change of a batch fails, then the first is not written either', async () => {
    const at = takeSpot()
    const problems = await refused([
      { op: 'create', geometry: polygon(rect(at, 40, 40)), attributes: { dlbm: '0101' } },
      { op: 'create', geometry: polygon(rect(at, 10, 10, 100, 0)), attributes: { dlbm: '0101' } },
    ])
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ index: 1, code: 'TOO_SMALL' })
  })

  it('when a batch deletes a parcel and draws a new one in its place, then the later change sees the earlier one', async () => {
    const at = takeSpot()
    const old = await createParcel(rect(at, 40, 40))
    const res = await post(farmland, '/api/parcels/changes', {
      reason: '重画',
      changes: [
        { op: 'delete', id: old.id, version: 1 },
        { op: 'create', geometry: polygon(rect(at, 50, 50, -5, -5)), attributes: { dlbm: '0102' } },
      ],
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.results.map((r: any) => r.op)).toEqual(['delete', 'create'])
  })

  it('when changes are checked, then the answer is what a save would give and nothing is written', async () => {
    const at = takeSpot()
    const before = await counts()
    const ok = await post(farmland, '/api/parcels/check', {
      changes: [{ op: 'create', geometry: polygon(rect(at, 40, 40)), attributes: { dlbm: '0101' } }],
    })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ ok: true, problems: [] })
    expect(ok.body.results[0]).toMatchObject({ index: 0, op: 'create', version: 1, class: 'unclassified' })
    expect(ok.body.results[0].code).toMatch(/^430903-\d{7}$/)
    const bad = await post(farmland, '/api/parcels/check', {
      changes: [{ op: 'create', geometry: polygon(rect(at, 10, 10)), attributes: { dlbm: '0101' } }],
    })
    expect(bad.status).toBe(200)
    expect(bad.body.ok).toBe(false)
    expect(bad.body.problems[0].code).toBe('TOO_SMALL')
    expect(await counts()).toEqual(before)
  })

  it('when a parcel is saved, then its tile and the overview cell show it', async () => {
    const at = takeSpot()
    const tile = tileAt(at[0] + 0.0002, at[1] + 0.0002, 16)
    const url = `/tiles/parcel/${tile.z}/${tile.x}/${tile.y}.pbf`
    const cellOf = async () =>
      (
        await db.query(
          `
      SELECT coalesce(sum(o.parcel_count), 0)::int AS n FROM farmland_overview o
      WHERE o.adcode = $1 AND ST_Intersects(o.geom_3857, ST_Transform(ST_SetSRID(ST_MakePoint($2, $3), 4490), 3857))`,
          [COUNTY, at[0] + 0.0002, at[1] + 0.0002],
        )
      ).rows[0].n
    const cellBefore = await cellOf()
    const tileBefore = decodeTile((await farmland.agent.get(url).buffer(true).parse(binary)).body).parcel ?? []
    const created = await createParcel(rect(at, 40, 40))
    expect(await cellOf()).toBe(cellBefore + 1)
    const tileAfter = decodeTile((await farmland.agent.get(url).buffer(true).parse(binary)).body).parcel ?? []
    expect(tileBefore.some((f) => f.id === created.id)).toBe(false)
    expect(tileAfter.find((f) => f.id === created.id)?.properties).toMatchObject({ code: created.code, dlbm: '0101' })
  })
})

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'

/** Generated test data: one 水田 feature of 赫山区 (430903) in CGCS2000 longitude/latitude with hostile attribute text. */
let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'farmland')
})
afterAll(async () => db.close())

const ring = [
  [112.3, 28.5],
  [112.301, 28.5],
  [112.301, 28.501],
  [112.3, 28.501],
  [112.3, 28.5],
]
const file = (properties: Record<string, unknown>) =>
  JSON.stringify({
    type: 'FeatureCollection',
    name: 'DLTB',
    crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
    features: [{ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates: [ring] } }],
  })

describe('三调图斑导入: attribute text a 三调 file cannot hold', () => {
  it('when a feature’s BSM is 200 000 characters then the dry run refuses that feature naming 标识码 with the length, shows the land code without its control character, and stores and answers no such text', async () => {
    const res = await officer.agent
      .post('/api/land-imports')
      .set('X-CSRF-Token', officer.csrfToken)
      .field('adcode', '430903')
      .attach(
        'file',
        Buffer.from(
          file({
            BSM: '4'.repeat(200_000),
            DLBM: '0101\u0007',
            DLMC: '水\u0001田',
            ZLDWDM: '4309031000010000000',
            TBMJ: 10850,
          }),
        ),
        { filename: '控制字符.geojson' },
      )
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201)
    const id = res.body.import.id
    const report = await officer.agent.get(`/api/land-imports/${id}`).expect(200)
    const text = JSON.stringify(report.body)
    expect(text).toContain('标识码“444444')
    expect(text).toContain('（共 200000 个字符）')
    expect(text, 'the report names the land code without its control character').toContain('地类编码“0101�”')
    expect(text.length, 'the answer does not carry the 200 000 characters').toBeLessThan(50_000)
    const { rows } = await db.query(`SELECT max(length(bsm))::int AS n FROM land_import_feature WHERE import_id = $1`, [
      id,
    ])
    expect(rows[0].n ?? 0).toBeLessThanOrEqual(18)
  })
})

describe('三调图斑导入: a layer of mixed geometry', () => {
  const point = { type: 'Point', coordinates: [112.3005, 28.5005] }
  const upload = (features: object[]) =>
    officer.agent
      .post('/api/land-imports')
      .set('X-CSRF-Token', officer.csrfToken)
      .field('adcode', '430903')
      .attach(
        'file',
        Buffer.from(
          JSON.stringify({
            type: 'FeatureCollection',
            name: 'DLTB',
            crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } },
            features,
          }),
        ),
        { filename: '混合图层.geojson' },
      )
  const props = (bsm: string) => ({ BSM: bsm, DLBM: '0101', DLMC: '水田', ZLDWDM: '4309031000010000000', TBMJ: 10850 })

  it('when one stray point is among the polygons, then the dry run reads the layer and refuses only that feature as not a polygon', async () => {
    const res = await upload([
      { type: 'Feature', properties: props('430903210000000001'), geometry: { type: 'Polygon', coordinates: [ring] } },
      { type: 'Feature', properties: props('430903210000000002'), geometry: point },
    ])
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201)
    const report = await officer.agent.get(`/api/land-imports/${res.body.import.id}`).expect(200)
    const text = JSON.stringify(report.body)
    expect(text).toContain('不是面')
    const { rows } = await db.query(
      `SELECT seq, problems::text AS problems FROM land_import_feature WHERE import_id = $1 ORDER BY seq`,
      [res.body.import.id],
    )
    expect(rows.map((r: any) => r.problems.includes('NOT_POLYGON'))).toEqual([false, true])
  })

  it('when the layer holds points only, then the file is refused naming the layer and its geometry', async () => {
    const res = await upload([{ type: 'Feature', properties: props('430903210000000003'), geometry: point }])
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('没有面状图层')
    expect(res.body.error.message).toContain('DLTB（Point）')
  })
})

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { LandImportRunner } from '../../server/src/services/land-import-runner.ts'
import { LandUpdateRunner } from '../../server/src/services/land-update-runner.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { squareRing, writeDltbShapefileZip, type DltbFeature } from '../support/dltb-fixture.ts'
import { signInAs, type Session } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * Double clicks and races on the county set-up (行政区管理, 年度变更调查). Generated test data, fictitious places: a
 * county 430957 loaded from a zipped Shapefile in CGCS2000 3° Gauss-Krüger zone 37 (EPSG:4525), and a 4 km square
 * county of a random code whose parcels come from a first-year DLTB file and are retired by the next year's.
 */

const UNIT_COUNTY = '430957'
const COUNTY = `42${8000 + Math.floor(Math.random() * 999)}`.slice(0, 6)
const TOWN = `${COUNTY}001`
const X0 = 37_470_000
const Y0 = 3_340_000

let db: Database
let app: ReturnType<typeof createApp>
let imports: LandImportRunner
let updates: LandUpdateRunner
let admin: Session
let officer: Session
let onBatch: ((importId: number, done: number) => Promise<void> | void) | undefined

const bsm = (tag: string) => `${COUNTY}2100000${tag}`
function dltb(tag: string, dx: number): DltbFeature {
  return {
    properties: {
      BSM: bsm(tag),
      TBBH: tag,
      DLBM: '0101',
      DLMC: '水田',
      QSXZ: '30',
      ZLDWDM: `${TOWN}0010000000`,
      ZLDWMC: '复核镇甲村',
      TBMJ: 2500,
      KCXS: 0.05,
      GDPDJB: '2',
      SJNF: 2023,
    },
    rings: [squareRing(X0 + dx, Y0 + 2000, 50)],
  }
}

const post = (session: Session, path: string, body: object = {}) =>
  session.agent.post(path).set('X-CSRF-Token', session.csrfToken).send(body)

async function uploadDltb(features: DltbFeature[], name: string): Promise<number> {
  const zip = await writeDltbShapefileZip(features, { epsg: 4525 })
  const res = await officer.agent
    .post('/api/land-imports')
    .set('X-CSRF-Token', officer.csrfToken)
    .field('adcode', COUNTY)
    .attach('file', Buffer.from(zip), name)
    .expect(201)
  return res.body.import.id as number
}

async function parcelId(tag: string): Promise<number | undefined> {
  const { rows } = await db.query(`SELECT id::int FROM farmland_parcel WHERE adcode = $1 AND bsm = $2`, [
    COUNTY,
    bsm(tag),
  ])
  return rows[0]?.id
}

async function countRows(sql: string, params: unknown[]): Promise<number> {
  const { rows } = await db.query(sql, params)
  return Number(rows[0].n)
}

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '复核县', x0: X0, y0: Y0, size: 4000 }, [
    { code: TOWN, name: '复核镇' },
  ])
  imports = new LandImportRunner(db, { batchSize: 2 })
  updates = new LandUpdateRunner(db, { batchSize: 1, onBatch: (id, done) => onBatch?.(id, done) })
  app = createApp({ db, config: loadConfig({ port: 0 }), landImport: imports, landUpdate: updates })
  admin = await signInAs(app, 'admin')
  officer = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY] })
})

afterAll(async () => {
  await updates?.idle()
  await imports?.idle()
  await removeTestCounty(db, COUNTY)
  await db.query(`DELETE FROM township WHERE adcode = $1`, [UNIT_COUNTY])
  await db.query(`DELETE FROM county WHERE adcode = $1`, [UNIT_COUNTY])
  await db.query(`DELETE FROM admin_unit_import WHERE adcode = $1`, [UNIT_COUNTY])
  await db.close()
})

describe('行政区管理: one preview is applied once', () => {
  it('when the administrator clicks 导入 twice at once, then one apply is done and the other answers 404, one import recorded', async () => {
    const zip = await writeDltbShapefileZip(
      [
        { properties: { XZQDM: UNIT_COUNTY, XZQMC: '复核区' }, rings: [squareRing(37_700_000, 3_100_000, 8000)] },
        {
          properties: { XZQDM: `${UNIT_COUNTY}100`, XZQMC: '复核街道' },
          rings: [squareRing(37_700_000, 3_100_000, 8000)],
        },
      ],
      { epsg: 4525, layerName: 'XZQ' },
    )
    const preview = await admin.agent
      .post('/api/admin/units/preview')
      .set('X-CSRF-Token', admin.csrfToken)
      .attach('file', Buffer.from(zip), { filename: '复核区行政区.zip' })
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body.previewId).toBeTruthy()
    const body = { previewId: preview.body.previewId, cityCode: '430900', city: '益阳市' }
    const answers = await Promise.all([
      post(admin, '/api/admin/units/apply', body),
      post(admin, '/api/admin/units/apply', body),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404])
    expect(answers.find((a) => a.status === 404)!.body.error.message).toContain('预览已过期或不存在')
    expect(await countRows(`SELECT count(*) AS n FROM admin_unit_import WHERE adcode = $1`, [UNIT_COUNTY])).toBe(1)
    expect(
      await countRows(`SELECT count(*) AS n FROM change_history WHERE adcode = $1 AND entity = 'county'`, [
        UNIT_COUNTY,
      ]),
    ).toBe(1)
  })
})

let restoredId: number
const retiredId = () => restoredId

describe('年度变更调查: a retired parcel is restored once', () => {
  let retiredId: number

  it('given parcels of a first import and an update that retires one of them', async () => {
    const first = await uploadDltb([dltb('A001', 500), dltb('B001', 1000), dltb('C001', 1500)], '2023年图斑.zip')
    await post(officer, `/api/land-imports/${first}/apply`, { mode: 'all' }).expect(202)
    await imports.idle()
    retiredId = (await parcelId('B001'))!
    restoredId = retiredId
    expect(retiredId).toBeGreaterThan(0)
    const second = await uploadDltb([dltb('A001', 500), dltb('C001', 1500)], '2024年图斑.zip')
    await post(officer, `/api/land-updates/${second}`).expect(201)
    await post(officer, `/api/land-updates/${second}/apply`).expect(202)
    await updates.idle()
    expect(await parcelId('B001')).toBeUndefined()
  })

  it('when the officer clicks 恢复 twice at once, then one restores and the other answers 404, never a 5xx', async () => {
    const path = `/api/land-updates/retired/${retiredId}/restore`
    const answers = await Promise.all([post(officer, path), post(officer, path)])
    expect(answers.map((a) => a.status).sort()).toEqual([200, 404])
    expect(answers.find((a) => a.status === 404)!.body.error.message).toContain(`${retiredId}`)
    expect(await countRows(`SELECT count(*) AS n FROM farmland_parcel WHERE id = $1`, [retiredId])).toBe(1)
    expect(
      await countRows(
        `SELECT count(*) AS n FROM change_history WHERE entity = 'farmland_parcel' AND entity_id = $1 AND action = 'restore'`,
        [retiredId],
      ),
    ).toBe(1)
  })
})

describe('年度变更调查: two plans of one county', () => {
  it('when two files of the same year are planned and both applied, then the second is refused and the new parcel is added once', async () => {
    const year = [dltb('A001', 500), dltb('B001', 1000), dltb('C001', 1500), dltb('G001', 2500)]
    const x = await uploadDltb(year, '2026年图斑（甲）.zip')
    const y = await uploadDltb(year, '2026年图斑（乙）.zip')
    await post(officer, `/api/land-updates/${x}`).expect(201)
    const planned = await post(officer, `/api/land-updates/${y}`).expect(201)
    expect(planned.body.totals.added.parcels).toBe(1)
    await post(officer, `/api/land-updates/${x}/apply`).expect(202)
    await updates.idle()
    expect((await officer.agent.get(`/api/land-updates/${x}/status`).expect(200)).body.status).toBe('applied')
    const second = await post(officer, `/api/land-updates/${y}/apply`)
    await updates.idle()
    const status = await officer.agent.get(`/api/land-updates/${y}/status`).expect(200)
    expect([second.status, status.body.status]).not.toEqual([202, 'applied'])
    expect(`${second.body.error?.message ?? ''}${status.body.message ?? ''}`).toContain('重新生成变更预览')
    expect(
      await countRows(`SELECT count(*) AS n FROM farmland_parcel WHERE adcode = $1 AND bsm = $2`, [
        COUNTY,
        bsm('G001'),
      ]),
    ).toBe(1)
  })
})

describe('年度变更调查: a restore while an update of the county is applied', () => {
  it('when a retired parcel is restored while an update that adds a parcel in its place is being applied, then the restore answers 409 and no two parcels overlap', async () => {
    const retire = await uploadDltb([dltb('A001', 500), dltb('C001', 1500), dltb('G001', 2500)], '2027年图斑.zip')
    await post(officer, `/api/land-updates/${retire}`).expect(201)
    await post(officer, `/api/land-updates/${retire}/apply`).expect(202)
    await updates.idle()
    expect(await parcelId('B001')).toBeUndefined()
    const inPlace = { ...dltb('H001', 1000) }
    const next = await uploadDltb(
      [dltb('A001', 500), dltb('C001', 1500), dltb('G001', 2500), inPlace],
      '2028年图斑.zip',
    )
    await post(officer, `/api/land-updates/${next}`).expect(201)
    const path = `/api/land-updates/retired/${retiredId()}/restore`
    let restore: Promise<{ status: number; body: any }> | undefined
    onBatch = async () => {
      if (restore) return
      restore = post(officer, path).then((r) => r)
      if (inject('databaseMode') !== 'embedded') await restore
    }
    try {
      await post(officer, `/api/land-updates/${next}/apply`).expect(202)
      await updates.idle()
    } finally {
      onBatch = undefined
    }
    const res = await restore!
    expect(res.status, JSON.stringify(res.body)).toBe(409)
    expect((await officer.agent.get(`/api/land-updates/${next}/status`).expect(200)).body.status).toBe('applied')
    expect(
      await countRows(
        `SELECT count(*) AS n FROM farmland_parcel a JOIN farmland_parcel b ON a.id < b.id AND ST_Overlaps(a.geom, b.geom)
         WHERE a.adcode = $1 AND b.adcode = $1`,
        [COUNTY],
      ),
    ).toBe(0)
  })
})

describe('行政区管理: a GeoJSON with heights', () => {
  it('when the outlines carry a Z value (GDAL names the CRS WGS 84 3D, EPSG:4979), then the preview reads them as longitude/latitude', async () => {
    const ring = [
      [112.3, 28.5, 35],
      [112.4, 28.5, 35],
      [112.4, 28.6, 35],
      [112.3, 28.6, 35],
      [112.3, 28.5, 35],
    ]
    const text = JSON.stringify({
      type: 'FeatureCollection',
      name: 'XZQ',
      features: [
        {
          type: 'Feature',
          properties: { XZQDM: '430958', XZQMC: '高程区' },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
      ],
    })
    const res = await admin.agent
      .post('/api/admin/units/preview')
      .set('X-CSRF-Token', admin.csrfToken)
      .attach('file', Buffer.from(text), { filename: '高程区.geojson' })
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200)
    expect(res.body.layers[0].crs).toMatchObject({ ok: true })
    expect(res.body.county).toMatchObject({ adcode: '430958', name: '高程区' })
  })
})

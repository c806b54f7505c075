import JSZip from 'jszip'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { LandImportRunner } from '../../server/src/services/land-import-runner.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { squareRing, writeDltbShapefileZip, type DltbFeature } from '../support/dltb-fixture.ts'
import type { Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * A fictitious county made here: a 6 km square in CGCS2000 3° Gauss-Krüger zone 37 (EPSG:4525, eastings with the
 * zone prefix) split into two townships, and its DLTB layer written as ArcGIS writes a 三调 export (GBK .dbf, no
 * .cpg) with 17 features: 5 valid farmland parcels (one repaired, one whose TBMJ is off), 3 valid other land codes,
 * and 9 refused (a bow-tie, an overlapping pair, a duplicate BSM pair, one outside the county, one coded for
 * another county, KCXS and GDPDJB out of range).
 */
const COUNTY = `42${9000 + Math.floor(Math.random() * 999)}`.slice(0, 6)
const WEST = `${COUNTY}001`
const EAST = `${COUNTY}002`
const X0 = 37_480_000
const Y0 = 3_310_000

let db: Database
let app: ReturnType<typeof createApp>
let runner: LandImportRunner
let officer: Session
let onBatch: ((importId: number, done: number) => Promise<void> | void) | undefined

const zl = (town: string) => `${town}0010000000`
function dltb(no: number, dlbm: string, rings: [number, number][][], extra: Record<string, string | number> = {}) {
  return {
    properties: {
      BSM: `${COUNTY}2100000${String(no).padStart(4, '0')}`,
      TBBH: String(no),
      DLBM: dlbm,
      DLMC:
        { '0101': '水田', '0102': '水浇地', '0103': '旱地', '0201K': '果园', '1104A': '养殖坑塘', '0301': '乔木林地' }[
          dlbm
        ] ?? '',
      QSXZ: '30',
      QSDWDM: zl(WEST),
      QSDWMC: '测试镇甲村',
      ZLDWDM: zl(WEST),
      ZLDWMC: '测试镇甲村',
      TBMJ: 2500,
      KCXS: 0.05,
      GDLX: 'T',
      GDPDJB: '2',
      ZZSXDM: 'LS',
      ZZSXMC: '粮食',
      SJNF: 2023,
      BZ: '',
      ...extra,
    },
    rings,
  } satisfies DltbFeature
}
const sq = (dx: number, dy: number, size = 50) => [squareRing(X0 + dx, Y0 + dy, size)]
const bowTie = (dx: number, dy: number): [number, number][][] => [
  [
    [X0 + dx, Y0 + dy],
    [X0 + dx + 50, Y0 + dy + 50],
    [X0 + dx + 50, Y0 + dy],
    [X0 + dx, Y0 + dy + 50],
    [X0 + dx, Y0 + dy],
  ],
]
/** A 100 m square whose ring touches itself at one vertex, closing a triangular notch (an ESRI-style hole). */
const selfTouching = (dx: number, dy: number): [number, number][][] => {
  const p = (x: number, y: number): [number, number] => [X0 + dx + x, Y0 + dy + y]
  return [[p(0, 0), p(100, 0), p(100, 100), p(50, 100), p(60, 50), p(40, 50), p(50, 100), p(0, 100), p(0, 0)]]
}

const FEATURES: DltbFeature[] = [
  dltb(1, '0101', sq(500, 2000)),
  dltb(2, '0102', sq(4000, 2000), { ZLDWDM: zl(EAST), ZLDWMC: '测试乡乙村' }),
  dltb(3, '0103', sq(1000, 2000), { ZLDWDM: '' }),
  dltb(4, '0201K', sq(1500, 2000)),
  dltb(5, '1104A', sq(2000, 2000)),
  dltb(6, '0301', sq(2500, 2000)),
  dltb(7, '0101', bowTie(500, 3000)),
  dltb(8, '0101', selfTouching(1000, 3000), { TBMJ: 9500 }),
  dltb(9, '0102', sq(1500, 3000)),
  dltb(10, '0103', sq(1525, 3000)),
  { ...dltb(11, '0101', sq(2000, 4000)), properties: { ...dltb(11, '0101', []).properties, BSM: `${COUNTY}DUP` } },
  { ...dltb(12, '0101', sq(2500, 4000)), properties: { ...dltb(12, '0101', []).properties, BSM: `${COUNTY}DUP` } },
  dltb(13, '0101', sq(10_000, 2000)),
  dltb(14, '0101', sq(3500, 4000), { ZLDWDM: '4309031010010000000' }),
  dltb(15, '0101', sq(4500, 4000), { KCXS: 1.5 }),
  dltb(16, '0101', sq(5000, 4000), { GDPDJB: '7' }),
  dltb(17, '0102', sq(5000, 2000), { TBMJ: 3000, ZLDWDM: zl(EAST) }),
]
const VALID_FARMLAND = [1, 2, 3, 8, 17]
const VALID_CONTEXT = [4, 5, 6]

let zipBytes: Uint8Array

const bsmOf = (no: number) => FEATURES[no - 1].properties.BSM as string

function upload(path: string, fields: Record<string, string> = {}) {
  let req = officer.agent.post(path).set('X-CSRF-Token', officer.csrfToken)
  for (const [k, v] of Object.entries({ adcode: COUNTY, ...fields })) req = req.field(k, v)
  return req.attach('file', Buffer.from(zipBytes), '三调地类图斑.zip')
}

async function waitForEnd(id: number) {
  await runner.idle()
  const res = await officer.agent.get(`/api/land-imports/${id}/status`).expect(200)
  return res.body
}

const countyRows = async (table: string) =>
  (await db.query(`SELECT count(*)::int AS n FROM ${table} WHERE adcode = $1`, [COUNTY])).rows[0].n as number

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '测试县', x0: X0, y0: Y0, size: 6000 }, [
    { code: WEST, name: '测试镇', from: 0, to: 3000 },
    { code: EAST, name: '测试乡', from: 3000, to: 6000 },
  ])
  runner = new LandImportRunner(db, { batchSize: 2, onBatch: (id, done) => onBatch?.(id, done) })
  app = createApp({ db, config: loadConfig({ port: 0 }), landImport: runner })
  officer = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY] })
  zipBytes = await writeDltbShapefileZip(FEATURES, { epsg: 4525 })
})

afterAll(async () => {
  await runner?.idle()
  await db.query(`DROP FUNCTION IF EXISTS test_land_import_crash() CASCADE`)
  await removeTestCounty(db, COUNTY)
  await db.close()
})

describe('三调图斑导入: a DLTB Shapefile (GBK, no .cpg, EPSG:4525 zone-prefixed)', () => {
  let importId: number

  it('when the file is inspected, then GBK, the CRS with its reason and the default field mapping are shown', async () => {
    const res = await upload('/api/land-imports/inspect').expect(200)
    expect(res.body.encoding).toMatchObject({ encoding: 'GBK', how: 'content' })
    expect(res.body.encoding.samples[0]).toMatchObject({ field: 'ZLDWMC', decoded: { GBK: '测试镇甲村' } })
    expect(res.body.crs).toMatchObject({ ok: true, epsg: 4525, how: 'prj' })
    expect(res.body.crs.reason).toContain('.prj')
    expect(res.body.fieldMap).toMatchObject({ bsm: 'BSM', dlbm: 'DLBM', tbmj: 'TBMJ', kcxs: 'KCXS', zldwdm: 'ZLDWDM' })
    expect(res.body.file.layer.featureCount).toBe(17)
    expect(res.body.farmlandCodes).toEqual(['0101', '0102', '0103'])
  })

  it('when the dry run reads it, then the report counts by land code, township and problem and lists the refused', async () => {
    const res = await upload('/api/land-imports').expect(201)
    importId = res.body.import.id
    expect(res.body.totals).toEqual({ features: 17, refused: 9, warned: 2, farmlandValid: 5, contextValid: 3 })
    expect(res.body.import.crs).toMatchObject({ epsg: 4525, isOverride: false })
    const byCode = Object.fromEntries(res.body.byLandCode.map((c: any) => [c.dlbm, c]))
    expect(byCode['0201K']).toMatchObject({ features: 1, refused: 0, isFarmland: false })
    expect(byCode['1104A']).toMatchObject({ features: 1, isFarmland: false })
    expect(byCode['0101']).toMatchObject({ features: 9, refused: 7, isFarmland: true })
    const byProblem = Object.fromEntries(res.body.byProblem.map((p: any) => [p.code, p.features]))
    expect(byProblem).toEqual({
      INVALID_GEOMETRY: 1,
      REPAIRED: 1,
      OVERLAP: 2,
      DUPLICATE_BSM: 2,
      OUTSIDE_COUNTY: 1,
      WRONG_COUNTY_CODE: 1,
      KCXS_OUT_OF_RANGE: 1,
      GDPDJB_OUT_OF_RANGE: 1,
      AREA_MISMATCH: 1,
    })
    const townships = Object.fromEntries(res.body.byTownship.map((t: any) => [t.code, t]))
    expect(townships[WEST]).toMatchObject({ name: '测试镇', farmland: 3 })
    expect(townships[EAST]).toMatchObject({ name: '测试乡', farmland: 2 })
    // a feature refused before the place check (attributes, outline, duplicate 标识码) has no township; one refused by
    // the place or overlap check keeps the township it was found in
    expect(res.body.byTownship.map((t: any) => [t.code, t.features, t.refused, t.farmland])).toEqual([
      [WEST, 9, 3, 3],
      [EAST, 2, 0, 2],
      [null, 6, 6, 0],
    ])
    const refused = res.body.problems.filter((f: any) => f.isRefused)
    expect(refused.map((f: any) => f.seq).sort((a: number, b: number) => a - b)).toEqual([
      7, 9, 10, 11, 12, 13, 14, 15, 16,
    ])
    const bowTie = refused.find((f: any) => f.seq === 7)
    expect(bowTie.bsm).toBe(bsmOf(7))
    expect(bowTie.problems[0].message).toContain('图斑边界无效')
    expect(bowTie.problems[0].location[0]).toBeGreaterThan(110)
    const overlap = refused.find((f: any) => f.seq === 9).problems.find((p: any) => p.code === 'OVERLAP')
    expect(overlap.message).toContain(`与图斑 ${bsmOf(10)} 重叠`)
    expect(Number(overlap.message.match(/重叠 ([\d.]+)/)[1])).toBeCloseTo(1250, -1)
    const repaired = res.body.problems.find((f: any) => f.seq === 8)
    expect(repaired).toMatchObject({ isRefused: false, problems: [{ code: 'REPAIRED', severity: 'warning' }] })
    expect(res.body.canApplyAll).toBe(false)
    expect(res.body.canApplyValid).toBe(true)
  })

  it('when the report is viewed again, then its counts come from those stored when the checks ended', async () => {
    const stored = await db.query(`SELECT report_counts FROM land_import WHERE id = $1`, [importId])
    expect(stored.rows[0].report_counts).toMatchObject({ farmland_valid: 5, context_valid: 3 })
    await db.query(
      `UPDATE land_import SET report_counts = jsonb_set(report_counts, '{context_valid}', '4') WHERE id = $1`,
      [importId],
    )
    try {
      const again = await officer.agent.get(`/api/land-imports/${importId}`).expect(200)
      expect(again.body.totals.contextValid).toBe(4)
    } finally {
      await db.query(
        `UPDATE land_import SET report_counts = jsonb_set(report_counts, '{context_valid}', '3') WHERE id = $1`,
        [importId],
      )
    }
  })

  it('when the report is downloaded, then the XLSX lists every problem feature with its BSM and place', async () => {
    const res = await officer.agent
      .get(`/api/land-imports/${importId}/report.xlsx`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => cb(null, Buffer.concat(chunks)))
      })
      .expect(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.body)
    const sheet = wb.getWorksheet('问题图斑')!
    const rows = sheet.getSheetValues().slice(2) as unknown[][]
    const refusedBsm = new Set(rows.filter((r) => r[4] === '不通过').map((r) => r[2]))
    expect(refusedBsm).toEqual(new Set([7, 9, 10, 11, 13, 14, 15, 16].map(bsmOf)))
    expect(wb.getWorksheet('概况')!.getCell('B1').value).toBe(`测试县（${COUNTY}）`)
  })

  it('when a refused feature is located, then its outline comes in EPSG:4490', async () => {
    const res = await officer.agent.get(`/api/land-imports/${importId}/features/13`).expect(200)
    expect(res.body).toMatchObject({ type: 'Feature', properties: { bsm: bsmOf(13) }, geometry: { type: 'Polygon' } })
  })

  it('when the officer asks for all or nothing, then it is refused and nothing is written', async () => {
    const res = await officer.agent
      .post(`/api/land-imports/${importId}/apply`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ mode: 'all' })
      .expect(422)
    expect(res.body.error.message).toContain('9 个图斑未通过检查')
    expect(await countyRows('farmland_parcel')).toBe(0)
  })

  it('when the apply fails half way (a database error on the context features), then nothing is left', async () => {
    await db.query(`CREATE FUNCTION test_land_import_crash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'test crash'; END $$`)
    await db.query(`CREATE TRIGGER test_land_import_crash BEFORE INSERT ON land_context
      FOR EACH ROW WHEN (NEW.adcode = '${COUNTY}') EXECUTE FUNCTION test_land_import_crash()`)
    let farmlandSeenInTransaction = 0
    onBatch = async (_id, done) => {
      farmlandSeenInTransaction = Math.max(farmlandSeenInTransaction, done)
    }
    await officer.agent
      .post(`/api/land-imports/${importId}/apply`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ mode: 'valid' })
      .expect(202)
    const status = await waitForEnd(importId)
    onBatch = undefined
    await db.query(`DROP FUNCTION test_land_import_crash() CASCADE`)
    expect(farmlandSeenInTransaction).toBe(5)
    expect(status).toMatchObject({ status: 'failed' })
    expect(status.message).toContain('已全部撤销')
    expect(await countyRows('farmland_parcel')).toBe(0)
    expect(await countyRows('land_context')).toBe(0)
  })

  it('when the officer cancels during the apply, then nothing is written', async () => {
    onBatch = (id, done) => {
      if (done >= 2) runner.cancel(id)
    }
    await officer.agent
      .post(`/api/land-imports/${importId}/apply`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ mode: 'valid' })
      .expect(202)
    const status = await waitForEnd(importId)
    onBatch = undefined
    expect(status).toMatchObject({ status: 'cancelled' })
    expect(await countyRows('farmland_parcel')).toBe(0)
    expect(await countyRows('land_context')).toBe(0)
  })

  it('when the valid features are applied, then exactly those load: farmland as 未划定 parcels, the rest as context', async () => {
    const progress: number[] = []
    onBatch = (id) => {
      progress.push(runner.progressOf(id)!.done)
    }
    const started = await officer.agent
      .post(`/api/land-imports/${importId}/apply`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ mode: 'valid' })
      .expect(202)
    expect(started.body).toMatchObject({ status: 'applying', progress: { total: 8 } })
    const status = await waitForEnd(importId)
    onBatch = undefined
    expect(status).toMatchObject({ status: 'applied', farmlandAdded: 5, contextAdded: 3, progress: { done: 8 } })
    expect(progress.at(-1)).toBe(8)
    const parcels = (
      await db.query(
        `SELECT code, bsm, dlbm, class, township_code, import_id::int AS import_id, tbmj, zldwdm, kcxs::float AS kcxs
         FROM farmland_parcel WHERE adcode = $1 ORDER BY code`,
        [COUNTY],
      )
    ).rows
    expect(parcels.map((p) => p.bsm)).toEqual(VALID_FARMLAND.map(bsmOf))
    // numbered in file order without gaps across the apply's batches
    expect(parcels.map((p) => p.code)).toEqual(
      VALID_FARMLAND.map((_, i) => `${COUNTY}-${String(i + 1).padStart(7, '0')}`),
    )
    expect(parcels[0]).toMatchObject({
      code: `${COUNTY}-0000001`,
      dlbm: '0101',
      class: 'unclassified',
      township_code: WEST,
      import_id: importId,
      tbmj: 2500,
      kcxs: 0.05,
    })
    expect(parcels.map((p) => p.township_code)).toEqual([WEST, EAST, WEST, WEST, EAST])
    const context = (await db.query(`SELECT bsm, dlbm FROM land_context WHERE adcode = $1 ORDER BY bsm`, [COUNTY])).rows
    expect(context).toEqual(VALID_CONTEXT.map((n) => ({ bsm: bsmOf(n), dlbm: FEATURES[n - 1].properties.DLBM })))
    const history = (
      await db.query(
        `SELECT count(*)::int AS n, min(reason) AS reason FROM change_history
         WHERE adcode = $1 AND entity = 'farmland_parcel' AND action = 'import'`,
        [COUNTY],
      )
    ).rows[0]
    expect(history.n).toBe(5)
    expect(history.reason).toContain(`第 ${importId} 次导入`)
    expect(await countyRows('farmland_overview')).toBeGreaterThan(0)
  })

  it('when a county that has parcels gets a first import, then the report says so and apply is refused', async () => {
    const res = await upload('/api/land-imports').expect(201)
    expect(res.body.blockers[0]).toContain('已有 5 个耕地图斑')
    const refused = await officer.agent
      .post(`/api/land-imports/${res.body.import.id}/apply`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ mode: 'valid' })
      .expect(409)
    expect(refused.body.error.details.problems[0].code).toBe('COUNTY_HAS_PARCELS')
  })

  it('when the officer chooses a CRS that does not fit the coordinates, then it is refused naming it', async () => {
    const res = await upload('/api/land-imports', { epsg: '4526' }).expect(400)
    expect(res.body.error.message).toContain('带号 38')
  })

  it('when a file is damaged or not the format its name says, then it is refused in words and nothing is staged', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM land_import')
    const damaged = new JSZip()
    damaged.file('a.shp', 'garbage'.repeat(20)).file('a.shx', 'x'.repeat(100)).file('a.dbf', 'y'.repeat(100))
    const files: [string, Uint8Array][] = [
      ['损坏的地类图斑.zip', await damaged.generateAsync({ type: 'uint8array' })],
      ['损坏.gpkg', new TextEncoder().encode('SQLite format 3\0' + 'x'.repeat(2000))],
    ]
    for (const [name, bytes] of files) {
      for (const path of ['/api/land-imports/inspect', '/api/land-imports']) {
        const res = await officer.agent
          .post(path)
          .set('X-CSRF-Token', officer.csrfToken)
          .field('adcode', COUNTY)
          .attach('file', Buffer.from(bytes), name)
        expect(res.status, `${path} ${name}`).toBe(400)
        expect(res.body.error.message).toContain(`无法读取“${name}”`)
      }
    }
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM land_import')
    expect(after.rows[0].n).toBe(before.rows[0].n)
  })

  it('when an environment officer or another county tries, then it is refused', async () => {
    const env = await signInNewUser(app, db, { role: 'environment', scopes: [COUNTY] })
    await env.agent
      .post('/api/land-imports/inspect')
      .set('X-CSRF-Token', env.csrfToken)
      .field('adcode', COUNTY)
      .attach('file', Buffer.from(zipBytes), 'dltb.zip')
      .expect(403)
    const other = await signInNewUser(app, db, { role: 'farmland', scopes: ['430903'] })
    await other.agent.get(`/api/land-imports/${importId}`).expect(403)
  })
})

describe('三调图斑导入: attribute text holding a tab, a backslash and a newline', () => {
  it('when a feature’s DLMC and ZLDWMC hold a tab, a backslash and a newline, then they are staged as written', async () => {
    const dlmc = '水田\t（含\\田坎）\n备注'
    const zldwmc = '测试镇\t甲村\\一组\n二组'
    const bytes = await writeDltbShapefileZip([dltb(1, '0101', sq(500, 5000), { DLMC: dlmc, ZLDWMC: zldwmc })], {
      epsg: 4525,
    })
    const res = await officer.agent
      .post('/api/land-imports')
      .set('X-CSRF-Token', officer.csrfToken)
      .field('adcode', COUNTY)
      .attach('file', Buffer.from(bytes), '特殊字符.zip')
      .expect(201)
    expect(res.body.totals).toMatchObject({ features: 1, refused: 0 })
    expect(res.body.byLandCode).toMatchObject([{ dlbm: '0101', dlmc }])
    const staged = await db.query(
      `SELECT dlmc, zldwmc, attrs ->> 'ZLDWMC' AS raw FROM land_import_feature WHERE import_id = $1`,
      [res.body.import.id],
    )
    expect(staged.rows).toEqual([{ dlmc, zldwmc, raw: zldwmc }])
  })
})

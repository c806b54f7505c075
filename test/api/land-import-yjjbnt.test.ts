import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { LandImportRunner } from '../../server/src/services/land-import-runner.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { squareRing, writeYjjbntShapefileZip, type DltbFeature } from '../support/dltb-fixture.ts'
import type { Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * A fictitious county made here: a 6 km square in CGCS2000 3° Gauss-Krüger zone 37 (EPSG:4525, zone-prefixed) with
 * one township, two 永久基本农田 patches of the sample generator, a 严格管控类 parcel S and a 优先保护类 parcel P.
 * Its 永久基本农田 layer (YJJBNTTB, GBK .dbf, no .cpg) has 10 features: 3 valid (the first covers S) and 7 refused
 * (a bow-tie, an overlapping pair, a duplicate BSM pair, one outside the county, one coded for another county).
 * The next year's layer comes in the older vintage (JBNTTB with JBNTTBBH and JBNTMJ): 2 patches, one covering P.
 */
const COUNTY = `46${9000 + Math.floor(Math.random() * 999)}`.slice(0, 6)
const TOWN = `${COUNTY}001`
const X0 = 37_480_000
const Y0 = 3_310_000

let db: Database
let app: ReturnType<typeof createApp>
let runner: LandImportRunner
let officer: Session

const zl = `${TOWN}0010000000`
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
function yjjbnt(no: number, rings: [number, number][][], extra: Record<string, string | number> = {}): DltbFeature {
  return {
    properties: {
      BSM: `${COUNTY}3100000${String(no).padStart(4, '0')}`,
      YJJBNTTBBH: `JB${String(no).padStart(4, '0')}`,
      DLBM: '0101',
      TBMJ: 2500,
      ZLDWDM: zl,
      ZLDWMC: '测试镇甲村',
      ...extra,
    },
    rings,
  }
}
const FIRST: DltbFeature[] = [
  yjjbnt(1, sq(500, 2000, 100), { TBMJ: 10000 }),
  yjjbnt(2, sq(1500, 2000)),
  yjjbnt(3, sq(2500, 2000), { DLBM: '0102' }),
  yjjbnt(4, bowTie(500, 3000)),
  yjjbnt(5, sq(1500, 3000)),
  yjjbnt(6, sq(1525, 3000)),
  yjjbnt(7, sq(2000, 4000), { BSM: `${COUNTY}DUP` }),
  yjjbnt(8, sq(2500, 4000), { BSM: `${COUNTY}DUP` }),
  yjjbnt(9, sq(10_000, 2000)),
  yjjbnt(10, sq(3500, 4000), { ZLDWDM: '4309031010010000000' }),
]
/** The older vintage: 基本农田图斑编号 JBNTTBBH and 基本农田面积 JBNTMJ. */
const older = (no: number, rings: [number, number][][]): DltbFeature => ({
  properties: {
    BSM: `${COUNTY}3200000${String(no).padStart(4, '0')}`,
    JBNTTBBH: `JBX${no}`,
    DLBM: '0101',
    JBNTMJ: 10000,
    ZLDWDM: zl,
    ZLDWMC: '测试镇甲村',
  },
  rings,
})
const SECOND: DltbFeature[] = [older(1, sq(4000, 1000, 100)), older(2, sq(5000, 1000, 100))]

/** Parcels S (严格管控类, under the first layer's patch 1) and P (优先保护类, under the sample patch and the second layer's patch 1). */
const STRICT = `${COUNTY}-YJ0001`
const PRIORITY = `${COUNTY}-YJ0002`

const gk = (dx: number, dy: number, size: number) =>
  `ST_Multi(ST_Transform(ST_MakeEnvelope(${X0 + dx}, ${Y0 + dy}, ${X0 + dx + size}, ${Y0 + dy + size}, 4525), 4490))`

function upload(path: string, bytes: Uint8Array, fields: Record<string, string> = {}) {
  let req = officer.agent.post(path).set('X-CSRF-Token', officer.csrfToken)
  for (const [k, v] of Object.entries({ adcode: COUNTY, kind: 'yjjbnt', ...fields })) req = req.field(k, v)
  return req.attach('file', Buffer.from(bytes), '永久基本农田.zip')
}

async function applyValid(id: number) {
  await officer.agent
    .post(`/api/land-imports/${id}/apply`)
    .set('X-CSRF-Token', officer.csrfToken)
    .send({ mode: 'valid' })
    .expect(202)
  await runner.idle()
  return (await officer.agent.get(`/api/land-imports/${id}/status`).expect(200)).body
}

const patches = async () =>
  (
    await db.query(
      `SELECT bsm, code, dlbm, tbmj, zldwdm, zldwmc, import_id::int AS import_id, is_generated
       FROM basic_farmland WHERE adcode = $1 ORDER BY bsm`,
      [COUNTY],
    )
  ).rows

const disagreements = async () => {
  const res = await officer.agent.get(`/api/basic-farmland/disagreements?adcode=${COUNTY}`).expect(200)
  return JSON.stringify(res.body)
}
const basicFarmlandVersion = async () =>
  (await officer.agent.get('/api/map/versions').expect(200)).body.versions['basic-farmland'] as number

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '测试县', x0: X0, y0: Y0, size: 6000 }, [
    { code: TOWN, name: '测试镇' },
  ])
  await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, class, geom)
     VALUES ($1, $2, '0101', 'strict', ${gk(520, 2020, 50)}), ($1, $3, '0101', 'priority', ${gk(4020, 1020, 50)})`,
    [COUNTY, STRICT, PRIORITY],
  )
  await db.query(
    `INSERT INTO basic_farmland (adcode, bsm, code, dlbm, geom, is_generated)
     VALUES ($1, 'GEN1', 'GEN1', '0101', ${gk(4000, 1000, 100)}, true), ($1, 'GEN2', 'GEN2', '0101', ${gk(200, 200, 100)}, true)`,
    [COUNTY],
  )
  runner = new LandImportRunner(db, { batchSize: 2 })
  app = createApp({ db, config: loadConfig({ port: 0 }), landImport: runner })
  officer = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY] })
})

afterAll(async () => {
  await runner?.idle()
  await removeTestCounty(db, COUNTY)
  await db.close()
})

describe('永久基本农田图斑导入: a YJJBNTTB Shapefile (GBK, no .cpg, EPSG:4525 zone-prefixed)', () => {
  let firstZip: Uint8Array
  let secondZip: Uint8Array
  let firstId: number
  let secondId: number

  beforeAll(async () => {
    firstZip = await writeYjjbntShapefileZip(FIRST, { epsg: 4525 })
    secondZip = await writeYjjbntShapefileZip(SECOND, { epsg: 4525, layerName: 'JBNTTB' })
  })

  it('when either vintage is inspected, then the 永久基本农田 attributes are mapped to its own column names', async () => {
    const first = await upload('/api/land-imports/inspect', firstZip).expect(200)
    expect(first.body.file.layer.name).toBe('YJJBNTTB')
    expect(first.body.fieldMap).toEqual({
      bsm: 'BSM',
      code: 'YJJBNTTBBH',
      dlbm: 'DLBM',
      tbmj: 'TBMJ',
      zldwdm: 'ZLDWDM',
      zldwmc: 'ZLDWMC',
    })
    expect(first.body.attributes.map((a: { label: string }) => a.label)).toContain('永久基本农田图斑编号')
    const second = await upload('/api/land-imports/inspect', secondZip).expect(200)
    expect(second.body.fieldMap).toMatchObject({ code: 'JBNTTBBH', tbmj: 'JBNTMJ' })
  })

  it('when the dry run reads it, then the report counts the valid and the refused and names what it replaces', async () => {
    const res = await upload('/api/land-imports', firstZip).expect(201)
    firstId = res.body.import.id
    expect(res.body.import.kind).toBe('yjjbnt')
    expect(res.body.totals).toMatchObject({ features: 10, refused: 7, farmlandValid: 3, contextValid: 0 })
    const byProblem = Object.fromEntries(
      res.body.byProblem.map((p: { code: string; features: number }) => [p.code, p.features]),
    )
    expect(byProblem).toEqual({
      INVALID_GEOMETRY: 1,
      OVERLAP: 2,
      DUPLICATE_BSM: 2,
      OUTSIDE_COUNTY: 1,
      WRONG_COUNTY_CODE: 1,
    })
    const refused = res.body.problems.filter((f: { isRefused: boolean }) => f.isRefused)
    expect(refused.map((f: { seq: number }) => f.seq).sort((a: number, b: number) => a - b)).toEqual([
      4, 5, 6, 7, 8, 9, 10,
    ])
    expect(res.body.replaces).toMatchObject({ imported: 0, generated: 2 })
    expect(res.body.replaces.message).toContain('示例数据生成的 2 个永久基本农田图斑')
    expect(res.body.blockers).toEqual([])
    expect(res.body).toMatchObject({ canApplyAll: false, canApplyValid: true })
    expect(await patches()).toHaveLength(2)
  })

  it('when the officer asks for all or nothing, then it is refused and the sample patches stay', async () => {
    const res = await officer.agent
      .post(`/api/land-imports/${firstId}/apply`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ mode: 'all' })
      .expect(422)
    expect(res.body.error.message).toContain('7 个图斑未通过检查')
    expect((await patches()).map((p) => p.bsm)).toEqual(['GEN1', 'GEN2'])
  })

  it('when the valid ones are applied, then exactly they replace the sample patches and the map layer moves on', async () => {
    const before = await disagreements()
    expect(before).not.toContain(STRICT)
    expect(before).not.toContain(PRIORITY)
    const version = await basicFarmlandVersion()
    const status = await applyValid(firstId)
    expect(status).toMatchObject({ status: 'applied', farmlandAdded: 3, contextAdded: 0 })
    expect(status.message).toBe('导入永久基本农田图斑 3 个，移除了示例数据生成的 2 个')
    expect(await patches()).toEqual(
      [1, 2, 3].map((no) => ({
        bsm: FIRST[no - 1].properties.BSM,
        code: FIRST[no - 1].properties.YJJBNTTBBH,
        dlbm: no === 3 ? '0102' : '0101',
        tbmj: no === 1 ? 10000 : 2500,
        zldwdm: zl,
        zldwmc: '测试镇甲村',
        import_id: firstId,
        is_generated: false,
      })),
    )
    expect(await basicFarmlandVersion()).not.toBe(version)
  })

  it('when the classes are compared, then the imported layer is the one the disagreements are measured against', async () => {
    const res = await officer.agent.get(`/api/basic-farmland/disagreements?adcode=${COUNTY}`).expect(200)
    const text = JSON.stringify(res.body)
    expect(text).toContain(STRICT)
    expect(text).toContain('JB0001')
    expect(text).toContain(PRIORITY)
  })

  it('when the next vintage is imported, then it replaces the earlier import in the same apply', async () => {
    const res = await upload('/api/land-imports', secondZip).expect(201)
    secondId = res.body.import.id
    expect(res.body.totals).toMatchObject({ features: 2, refused: 0, farmlandValid: 2 })
    expect(res.body.replaces).toMatchObject({ imported: 3, generated: 0 })
    const status = await applyValid(secondId)
    expect(status).toMatchObject({ status: 'applied', farmlandAdded: 2 })
    expect(status.message).toBe('导入永久基本农田图斑 2 个，替换了此前导入的 3 个')
    const now = await patches()
    expect(now.map((p) => [p.bsm, p.code, p.tbmj, p.import_id])).toEqual([
      [SECOND[0].properties.BSM, 'JBX1', 10000, secondId],
      [SECOND[1].properties.BSM, 'JBX2', 10000, secondId],
    ])
    const text = await disagreements()
    expect(text).not.toContain(STRICT)
    expect(text).not.toContain(PRIORITY)
    expect(await countParcels()).toBe(2)
  })
})

const countParcels = async () =>
  (await db.query(`SELECT count(*)::int AS n FROM farmland_parcel WHERE adcode = $1`, [COUNTY])).rows[0].n as number

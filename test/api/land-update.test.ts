import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { LandImportRunner } from '../../server/src/services/land-import-runner.ts'
import { LandUpdateRunner } from '../../server/src/services/land-update-runner.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { squareRing, writeDltbShapefileZip, type DltbFeature } from '../support/dltb-fixture.ts'
import type { Session } from '../support/session.ts'
import { RestoredParcel, RetiredParcelsAnswer } from '../../contracts/land-update.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * A fictitious county (a 6 km square in CGCS2000 3° Gauss-Krüger zone 37, EPSG:4525) whose parcels came from a
 * first-year DLTB file, then the next year's file (年度变更调查) with known changes: A unchanged, B reshaped (a
 * 严格管控类 parcel), C another land code, D gone (a 优先保护类 parcel), E the same outline under a new 标识码, F
 * edited in the system meanwhile and reshaped by the new file (a conflict), G new; one woodland feature each year
 * for the context layer.
 */
const COUNTY = `41${9000 + Math.floor(Math.random() * 999)}`.slice(0, 6)
const TOWN = `${COUNTY}001`
const X0 = 37_480_000
const Y0 = 3_330_000

let db: Database
let app: ReturnType<typeof createApp>
let imports: LandImportRunner
let updates: LandUpdateRunner
let officer: Session
let onBatch: ((importId: number, done: number) => Promise<void> | void) | undefined

const bsm = (tag: string) => `${COUNTY}2100000${tag}`
function dltb(tag: string, dlbm: string, dx: number, size = 50, dy = 2000): DltbFeature {
  return {
    properties: {
      BSM: bsm(tag),
      TBBH: tag,
      DLBM: dlbm,
      DLMC: { '0101': '水田', '0102': '水浇地', '0103': '旱地', '0301': '乔木林地' }[dlbm] ?? '',
      QSXZ: '30',
      ZLDWDM: `${TOWN}0010000000`,
      ZLDWMC: '更新镇甲村',
      TBMJ: size * size,
      KCXS: 0.05,
      GDPDJB: '2',
      SJNF: 2023,
    },
    rings: [squareRing(X0 + dx, Y0 + dy, size)],
  }
}

const YEAR1 = [
  dltb('A001', '0101', 500),
  dltb('B001', '0101', 1000),
  dltb('C001', '0101', 1500),
  dltb('D001', '0102', 2000),
  dltb('E001', '0103', 2500),
  dltb('F001', '0101', 3000),
  dltb('W001', '0301', 3500),
]
const YEAR2 = [
  dltb('A001', '0101', 500),
  dltb('B001', '0101', 1000, 70),
  dltb('C001', '0102', 1500),
  dltb('E999', '0103', 2500),
  dltb('F001', '0101', 3000, 60),
  dltb('G001', '0101', 4000),
  dltb('W002', '0301', 4500),
]

async function upload(features: DltbFeature[], name: string) {
  const zip = await writeDltbShapefileZip(features, { epsg: 4525 })
  const res = await officer.agent
    .post('/api/land-imports')
    .set('X-CSRF-Token', officer.csrfToken)
    .field('adcode', COUNTY)
    .attach('file', Buffer.from(zip), name)
    .expect(201)
  return res.body.import.id as number
}

const post = (path: string, body: object = {}) =>
  officer.agent.post(path).set('X-CSRF-Token', officer.csrfToken).send(body)

async function parcelByBsm(tag: string) {
  const { rows } = await db.query(
    `SELECT id::int, code, class, version, dlbm::text AS dlbm, bsm, round(area_m2)::int AS area FROM farmland_parcel
     WHERE adcode = $1 AND bsm = $2`,
    [COUNTY, bsm(tag)],
  )
  return rows[0]
}

const entriesOf = async (id: number) =>
  (await db.query(`SELECT count(*)::int AS n FROM class_list_entry WHERE adcode = $1 AND parcel_id = $2`, [COUNTY, id]))
    .rows[0].n as number

async function priorityCount(): Promise<number> {
  const res = await officer.agent.get(`/api/statistics/farmland?adcode=${COUNTY}`).expect(200)
  const county = res.body.counties.find((c: any) => c.adcode === COUNTY)
  return county?.byClass.find((c: any) => c.class === 'priority')?.count ?? 0
}

function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

async function tileIds(parcelId: number): Promise<number[]> {
  const { rows } = await db.query(
    `SELECT ST_X(pt) AS lon, ST_Y(pt) AS lat FROM (SELECT ST_PointOnSurface(geom) AS pt FROM farmland_parcel WHERE id = $1
     UNION ALL SELECT ST_PointOnSurface(geom) FROM retired_parcel WHERE id = $1) x`,
    [parcelId],
  )
  const t = tileAt(rows[0].lon, rows[0].lat, 16)
  const res = await officer.agent.get(`/tiles/parcel/${t.z}/${t.x}/${t.y}.pbf`).buffer(true).parse(binary)
  return (decodeTile(res.body).parcel ?? []).map((f) => Number(f.id))
}

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: COUNTY, name: '更新县', x0: X0, y0: Y0, size: 6000 }, [
    { code: TOWN, name: '更新镇' },
  ])
  const config = loadConfig({ port: 0 })
  imports = new LandImportRunner(db, { batchSize: 3 })
  updates = new LandUpdateRunner(db, { batchSize: 2, onBatch: (id, done) => onBatch?.(id, done) })
  app = createApp({ db, config, landImport: imports, landUpdate: updates })
  officer = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY] })
})

afterAll(async () => {
  await updates?.idle()
  await imports?.idle()
  await removeTestCounty(db, COUNTY)
  await db.close()
})

describe('年度变更调查: the next year’s DLTB against parcels of an earlier import', () => {
  const first: Record<string, { id: number; code: string }> = {}
  let updateId: number

  it('when a county has no parcels yet, then a file cannot be planned as an update', async () => {
    const id = await upload(YEAR1, '2023年地类图斑.zip')
    const res = await post(`/api/land-updates/${id}`).expect(409)
    expect(res.body.error.message).toContain('还没有耕地图斑')
    await post(`/api/land-imports/${id}/apply`, { mode: 'all' }).expect(202)
    await imports.idle()
    for (const tag of ['A001', 'B001', 'C001', 'D001', 'E001', 'F001']) first[tag] = await parcelByBsm(tag)
    expect(Object.values(first).every((p) => p?.id)).toBe(true)
  })

  it('given classes, a class list and an edit in the system, when the next year is planned, then the preview counts each kind', async () => {
    const { rows } = await db.query(
      `INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by)
       SELECT $1, '2023年分类清单', version, 'published', true, 3, 'test' FROM class_rule_set WHERE is_default
       RETURNING id`,
      [COUNTY],
    )
    const listId = rows[0].id
    for (const [tag, cls] of [
      ['A001', 'priority'],
      ['B001', 'strict'],
      ['D001', 'priority'],
    ] as const) {
      await db.query(
        `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, basis) VALUES ($1, $2, $3, $4, 'no_data', '{}')`,
        [COUNTY, listId, first[tag].id, cls],
      )
      await db.query(`UPDATE farmland_parcel SET class = $2, class_list_id = $3 WHERE id = $1`, [
        first[tag].id,
        cls,
        listId,
      ])
    }
    await db.query(
      `UPDATE farmland_parcel SET bz = '农户反映边界有误，已现场核实', version = version + 1 WHERE id = $1`,
      [first.F001.id],
    )
    await db.query(
      `INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, before, after)
       VALUES ($1, 'farmland_parcel', $2, 'update', 'officer-f', '现场核实', '{}', '{}')`,
      [COUNTY, first.F001.id],
    )
    expect(await priorityCount()).toBe(2)

    updateId = await upload(YEAR2, '2024年地类图斑.zip')
    const refused = await post(`/api/land-imports/${updateId}/apply`, { mode: 'valid' }).expect(409)
    expect(refused.body.error.message).toContain('年度变更调查')

    const res = await post(`/api/land-updates/${updateId}`).expect(201)
    const parcels = Object.fromEntries(
      Object.entries(res.body.totals as Record<string, { parcels: number }>).map(([k, v]) => [k, v.parcels]),
    )
    expect(parcels).toEqual({ unchanged: 2, changed: 3, added: 1, retired: 1 })
    expect(res.body.totals.retired.areaMu).toBeCloseTo(3.75, 1)
    const priority = res.body.byClass.find((c: any) => c.class === 'priority')
    expect(priority.kinds).toMatchObject({ unchanged: { parcels: 1 }, retired: { parcels: 1 } })
    expect(res.body.byTownship).toHaveLength(1)
    expect(res.body.byTownship[0]).toMatchObject({ code: TOWN, name: '更新镇' })
    expect(res.body.warnings.map((w: any) => [w.code, w.kind, w.class])).toEqual([
      [first.B001.code, 'changed', 'strict'],
      [first.D001.code, 'retired', 'priority'],
    ])
    expect(res.body.warnings[1].message).toContain('下一版分类清单')
    expect(res.body.conflicts).toHaveLength(1)
    const conflict = res.body.conflicts[0]
    expect(conflict).toMatchObject({ parcelId: first.F001.id, kind: 'changed', decision: null })
    expect(conflict.ours).toMatchObject({ code: first.F001.code, version: 2, editedBy: 'officer-f' })
    expect(conflict.theirs).toMatchObject({ bsm: bsm('F001'), dlbm: '0101' })
    expect(conflict.theirs.areaMu).toBeGreaterThan(conflict.ours.areaMu)
    expect(res.body.canApply).toBe(false)

    const map = await officer.agent.get(`/api/land-updates/${updateId}/features`).expect(200)
    const kinds = map.body.features.map((f: any) => f.properties.kind).sort()
    expect(kinds).toEqual(['added', 'changed', 'changed', 'changed', 'retired'])
  })

  it('when a conflict is undecided, then apply is refused and nothing changes', async () => {
    const res = await post(`/api/land-updates/${updateId}/apply`).expect(409)
    expect(res.body.error.message).toContain('1 个冲突图斑没有选择处理方式')
    const bad = await post(`/api/land-updates/${updateId}/decisions`, {
      decision: 'theirs',
      parcelIds: [first.A001.id],
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('不是本次年度变更的冲突图斑')
    expect((await parcelByBsm('B001')).version).toBe(1)
  })

  it('when the apply fails midway, then nothing of it is written', async () => {
    await post(`/api/land-updates/${updateId}/decisions`, { decision: 'theirs' }).expect(200)
    onBatch = (_id, done) => {
      if (done >= 4) throw new Error('模拟中途崩溃')
    }
    await post(`/api/land-updates/${updateId}/apply`).expect(202)
    await updates.idle()
    onBatch = undefined
    const status = await officer.agent.get(`/api/land-updates/${updateId}/status`).expect(200)
    expect(status.body.status).toBe('failed')
    expect(status.body.message).toContain('已全部撤销')
    expect(await parcelByBsm('D001')).toMatchObject({ id: first.D001.id })
    expect(await parcelByBsm('G001')).toBeUndefined()
    expect((await parcelByBsm('B001')).version).toBe(1)
  })

  it('when the conflicts are decided and it is applied, then ids, classes, entries and history are kept', async () => {
    const decided = await post(`/api/land-updates/${updateId}/decisions`, {
      decision: 'theirs',
      parcelIds: [first.F001.id],
    }).expect(200)
    expect(decided.body).toEqual({ decided: 1, undecided: 0 })
    const before = await tileIds(first.D001.id)
    expect(before).toContain(first.D001.id)
    await post(`/api/land-updates/${updateId}/apply`).expect(202)
    await updates.idle()
    const status = await officer.agent.get(`/api/land-updates/${updateId}/status`).expect(200)
    expect(status.body).toMatchObject({
      status: 'applied',
      result: { unchanged: 2, changed: 3, added: 1, retired: 1, kept: 0 },
    })

    const a = await parcelByBsm('A001')
    expect(a).toMatchObject({ id: first.A001.id, code: first.A001.code, class: 'priority', version: 1 })
    expect(await entriesOf(a.id)).toBe(1)
    const b = await parcelByBsm('B001')
    expect(b).toMatchObject({ id: first.B001.id, code: first.B001.code, class: 'strict', version: 2 })
    expect(b.area).toBeGreaterThan(4500)
    expect(await entriesOf(b.id)).toBe(1)
    expect(await parcelByBsm('C001')).toMatchObject({ id: first.C001.id, dlbm: '0102', version: 2 })
    expect(await parcelByBsm('E999')).toMatchObject({ id: first.E001.id, code: first.E001.code, version: 1 })
    expect(await parcelByBsm('F001')).toMatchObject({ id: first.F001.id, version: 3 })
    const g = await parcelByBsm('G001')
    expect(g).toMatchObject({ class: 'unclassified', version: 1 })
    expect(Object.values(first).map((p) => p.code)).not.toContain(g.code)
    expect(await parcelByBsm('D001')).toBeUndefined()

    const history = await db.query(
      `SELECT action, reason FROM change_history WHERE entity = 'farmland_parcel' AND entity_id = $1 ORDER BY changed_at, id`,
      [first.B001.id],
    )
    expect(history.rows.map((r) => r.action)).toEqual(['import', 'import'])
    expect(history.rows[1].reason).toContain(`第 ${updateId} 次导入`)
    const context = await db.query(`SELECT bsm FROM land_context WHERE adcode = $1`, [COUNTY])
    expect(context.rows.map((r) => r.bsm)).toEqual([bsm('W002')])

    expect(await priorityCount()).toBe(1)
    expect(await tileIds(first.D001.id)).not.toContain(first.D001.id)
    const search = await officer.agent.get(`/api/search?q=${encodeURIComponent(first.D001.code)}`).expect(200)
    expect(search.body.results.filter((r: any) => r.kind === 'parcel')).toEqual([])
    await post(`/api/land-updates/${updateId}/apply`).expect(409)
  })

  it('when a live parcel holds a retired parcel’s code, then the restore answers 409 naming it and nothing changes', async () => {
    await db.query(`UPDATE farmland_parcel SET code = $2 WHERE id = $1`, [first.A001.id, first.D001.code])
    try {
      const res = await post(`/api/land-updates/retired/${first.D001.id}/restore`).expect(409)
      expect(res.body.error.message).toBe(
        `耕地图斑编号 ${first.D001.code} 已被图斑 ${first.A001.id} 使用，不能恢复；请先修改该图斑的编号`,
      )
    } finally {
      await db.query(`UPDATE farmland_parcel SET code = $2 WHERE id = $1`, [first.A001.id, first.A001.code])
    }
    const list = await officer.agent.get(`/api/land-updates/retired?adcode=${COUNTY}`).expect(200)
    expect(list.body.parcels.map((p: any) => p.id)).toEqual([first.D001.id])
  })

  it('when a retired parcel is restored, then it comes back with its id, class and class-list entry', async () => {
    const list = await officer.agent.get(`/api/land-updates/retired?adcode=${COUNTY}`).expect(200)
    expect(() => RetiredParcelsAnswer.parse(list.body)).not.toThrow()
    expect(list.body.parcels).toEqual([
      expect.objectContaining({
        id: first.D001.id,
        code: first.D001.code,
        class: 'priority',
        dlbm: '0102',
        dlmc: '水浇地',
        classListEntries: 1,
      }),
    ])
    const res = await post(`/api/land-updates/retired/${first.D001.id}/restore`).expect(200)
    expect(RestoredParcel.parse(res.body)).toEqual({ id: first.D001.id, code: first.D001.code, classListEntries: 1 })
    expect(await parcelByBsm('D001')).toMatchObject({ id: first.D001.id, class: 'priority', version: 2 })
    expect(await entriesOf(first.D001.id)).toBe(1)
    expect(await priorityCount()).toBe(2)
    expect(await tileIds(first.D001.id)).toContain(first.D001.id)
    const actions = await db.query(
      `SELECT action FROM change_history WHERE entity = 'farmland_parcel' AND entity_id = $1 ORDER BY changed_at, id`,
      [first.D001.id],
    )
    expect(actions.rows.map((r) => r.action)).toEqual(['import', 'retire', 'restore'])
    await post(`/api/land-updates/retired/${first.D001.id}/restore`).expect(404)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { offset, polygon, rect, type LonLat, type Ring } from '../support/map-input.ts'
import type { Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'

/** A county of this file only (a 6 km square far from the sample counties), removed afterwards. */
const COUNTY = '439971'
const CENTRE: LonLat = [111.03, 26.03]

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let approver: Session
let land: Session

const post = (s: Session, url: string, body: object = {}) =>
  s.agent.post(url).set('X-CSRF-Token', s.csrfToken).send(body)

/** A spot `n` × 300 m east of the centre row `row` (each test takes its own). */
const spotAt = (n: number, row: number): LonLat => offset(CENTRE, n * 300 - 1500, row * 400 - 1500)

async function createParcel(ring: Ring) {
  const res = await post(farmland, '/api/parcels/changes', {
    reason: '测试新建',
    changes: [{ op: 'create', geometry: polygon(ring), attributes: { dlbm: '0101' } }],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.results[0] as { id: number; code: string; version: number; areaM2: number; class: string }
}

/** A soil sample that makes the land around `at` 严格管控类 (Cd above the GB 15618-2018 表3 管制值 at pH 6.0). */
async function pollutedPoint(at: LonLat) {
  const {
    rows: [p],
  } = await db.query(
    `INSERT INTO monitoring_point (adcode, code, name, level, point_type, land_use, geom)
    VALUES ($1, $2, '发布测试点位', 'county', 'risk', '0101', ST_SetSRID(ST_MakePoint($3, $4), 4490)) RETURNING id`,
    [COUNTY, `FB-${Date.now()}-${Math.round(at[0] * 1e6)}`, at[0], at[1]],
  )
  await db.query(
    `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, ph, values_mg_kg) VALUES ($1, $2, DATE '2026-05-01', 'soil', 6.0, '{"cd": 6.0}')`,
    [COUNTY, p.id],
  )
}

/**
 * Puts a complete county-wide draft list through 提交 → 审定 → 发布: `classes` (parcel id → class) for the parcels
 * named, every other parcel of the county with the class it has now.
 */
async function publishList(classes: Map<number, string>) {
  const {
    rows: [l],
  } = await db.query(
    `INSERT INTO class_list (adcode, title, rule_set_version, is_complete, parcel_count, created_by)
    VALUES ($1, '发布测试清单', (SELECT version FROM class_rule_set WHERE is_default), true, (SELECT count(*) FROM farmland_parcel WHERE adcode = $1), 'gengdi')
    RETURNING id`,
    [COUNTY],
  )
  await db.query(
    `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, sample_count, basis)
    SELECT $1, $2, p.id, coalesce(e.class, p.class), 'samples', 1, '{"summary": "发布测试"}'
    FROM farmland_parcel p LEFT JOIN unnest($3::bigint[], $4::text[]) AS e(id, class) ON e.id = p.id WHERE p.adcode = $1`,
    [COUNTY, l.id, [...classes.keys()], [...classes.values()]],
  )
  await publishListById(Number(l.id))
  return Number(l.id)
}

async function publishListById(id: number) {
  for (const [s, action] of [
    [farmland, 'submit'],
    [approver, 'approve'],
    [approver, 'publish'],
  ] as const) {
    const res = await post(
      s,
      `/api/reviews/class-list/${id}/${action}`,
      action === 'submit' ? { reason: '图斑编辑后部分优先保护类图斑面积变化，已逐块核实' } : {},
    )
    expect(res.status, `${action} ${JSON.stringify(res.body)}`).toBe(200)
  }
}

/** The county's class lists as the list page shows them. */
async function lists(): Promise<any[]> {
  const res = await farmland.agent.get(`/api/class-lists?adcode=${COUNTY}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.lists
}

/**
 * `/statistics` (按已发布的分类清单统计) against the latest published class list in SQL: every parcel of the county
 * counted under its entry in that list (未划定 when it has none), and the list's own parcel count.
 */
async function expectStatisticsMatchPublishedList(step: string) {
  const res = await farmland.agent.get(`/api/statistics/farmland?adcode=${COUNTY}`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  const { rows } = await db.query(
    `
    WITH pl AS (SELECT id FROM class_list WHERE adcode = $1 AND review_status = 'published' ORDER BY published_at DESC, id DESC LIMIT 1)
    SELECT coalesce(e.class, 'unclassified') AS class, count(*)::int AS n, sum(p.area_m2) AS m2
    FROM farmland_parcel p LEFT JOIN class_list_entry e ON e.adcode = p.adcode AND e.list_id = (SELECT id FROM pl) AND e.parcel_id = p.id
    WHERE p.adcode = $1 GROUP BY 1`,
    [COUNTY],
  )
  const byClass = res.body.counties[0].byClass as { class: string; count: number; areaMu: number }[]
  for (const cls of ['priority', 'safe_use', 'strict', 'unclassified']) {
    const sql = rows.find((r) => r.class === cls) ?? { n: 0, m2: 0 }
    const shown = byClass.find((b) => b.class === cls) ?? { count: 0, areaMu: 0 }
    expect(shown.count, `${step}：${cls} 图斑数`).toBe(sql.n)
    expect(shown.areaMu, `${step}：${cls} 面积（亩）`).toBeCloseTo(Number(sql.m2) * 0.0015, 1)
  }
  const published = (await lists()).find((l) => l.isCurrent)
  const {
    rows: [entries],
  } = await db.query('SELECT count(*)::int AS n FROM class_list_entry WHERE adcode = $1 AND list_id = $2', [
    COUNTY,
    published.id,
  ])
  expect(published.parcelCount, `${step}：已发布清单的图斑数`).toBe(entries.n)
}

async function classShown(id: number): Promise<string> {
  const info = await farmland.agent.get(`/api/features/parcel/${id}`)
  expect(info.status, JSON.stringify(info.body)).toBe(200)
  return info.body.fields.find((f: any) => f.label === '类别').value
}

/** The farmland finding a pre-check of `ring` gives for parcel `id`, or undefined. */
async function precheckHit(ring: Ring, id: number) {
  const res = await post(land, '/api/precheck', { geometry: polygon(ring), plannedUse: 'M1' })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return (res.body.reasons as any[]).find((r) => r.featureType === 'farmland' && r.featureId === id)?.code as
    string | undefined
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  await db.query(
    `INSERT INTO county (adcode, name, city_code, city, province, geom, source)
    VALUES ($1, '发布测试县', '439900', '测试市', '湖南省', ST_Multi(ST_MakeEnvelope($2::float8 - 0.03, $3::float8 - 0.03, $2::float8 + 0.03, $3::float8 + 0.03, 4490)), 'test')`,
    [COUNTY, CENTRE[0], CENTRE[1]],
  )
  farmland = await signInNewUser(app, db, { role: 'farmland', scopes: [COUNTY] })
  approver = await signInNewUser(app, db, { role: 'approver', scopes: [COUNTY] })
  land = await signInNewUser(app, db, { role: 'land', scopes: [COUNTY] })
})

afterAll(async () => {
  const { rows } =
    await db.query(`SELECT table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = 'public' AND c.column_name = 'adcode' AND t.table_type = 'BASE TABLE' AND c.table_name NOT IN ('county', 'county_sub')`)
  let left = rows.map((r) => r.table_name as string)
  for (let pass = 0; pass < 6 && left.length; pass++) {
    const failed: string[] = []
    for (const table of left)
      await db.query(`DELETE FROM ${table} WHERE adcode = $1`, [COUNTY]).catch(() => failed.push(table))
    left = failed
  }
  await db.transaction(async (tx) => {
    // a pre-check is a record that can never be deleted; only this county's own go, with the triggers off
    await tx.query('SET LOCAL session_replication_role = replica')
    await tx.query('DELETE FROM precheck WHERE adcode = $1', [COUNTY])
    await tx.query('DELETE FROM precheck_counter WHERE adcode = $1', [COUNTY])
  })
  await db.query('DELETE FROM county WHERE adcode = $1', [COUNTY])
  await db.close()
})

describe('published classes after parcel edits', () => {
  it('when parcels are split, merged, reshaped, re-attributed, created and deleted with 按监测数据重新计算, then /statistics still agrees with the published class list after each edit', async () => {
    const at = spotAt(0, 0)
    const split = await createParcel(rect(at, 60, 30))
    const mergeA = await createParcel(rect(at, 30, 30, 100, 0))
    const mergeB = await createParcel(rect(at, 30, 30, 130, 0))
    const reshaped = await createParcel(rect(at, 40, 40, 200, 0))
    const renamed = await createParcel(rect(at, 40, 40, 300, 0))
    const removed = await createParcel(rect(at, 40, 40, 400, 0))
    await pollutedPoint(offset(at, 45, 15))
    await pollutedPoint(offset(at, 145, 15))
    await publishList(
      new Map([
        [split.id, 'priority'],
        [mergeA.id, 'priority'],
        [mergeB.id, 'safe_use'],
        [reshaped.id, 'priority'],
        [renamed.id, 'safe_use'],
        [removed.id, 'priority'],
      ]),
    )
    await expectStatisticsMatchPublishedList('发布后')

    const cut = await post(farmland, '/api/parcels/split', {
      id: split.id,
      version: 1,
      line: { type: 'LineString', coordinates: [offset(at, 25, -10), offset(at, 25, 40)] },
      reason: '按田埂分割',
      classMode: 'recompute',
    })
    expect(cut.status, JSON.stringify(cut.body)).toBe(200)
    await expectStatisticsMatchPublishedList('分割后')
    for (const c of cut.body.children) expect(c.class).toBe('priority')

    const merged = await post(farmland, '/api/parcels/merge', {
      parcels: [mergeA, mergeB].map((p) => ({ id: p.id, version: 1 })),
      reason: '合并田块',
      classMode: 'recompute',
    })
    expect(merged.status, JSON.stringify(merged.body)).toBe(200)
    await expectStatisticsMatchPublishedList('合并后')
    expect(merged.body.child.class).toBe('safe_use')

    const reshape = await post(farmland, '/api/parcels/changes', {
      reason: '修边',
      changes: [
        {
          op: 'update',
          id: reshaped.id,
          version: 1,
          geometry: polygon(rect(at, 50, 40, 200, 0)),
          classMode: 'recompute',
        },
      ],
    })
    expect(reshape.status, JSON.stringify(reshape.body)).toBe(200)
    await expectStatisticsMatchPublishedList('修改边界后')

    const attributes = await post(farmland, '/api/parcels/changes', {
      reason: '改地类',
      changes: [{ op: 'update', id: renamed.id, version: 1, attributes: { dlbm: '0103' }, classMode: 'recompute' }],
    })
    expect(attributes.status, JSON.stringify(attributes.body)).toBe(200)
    await expectStatisticsMatchPublishedList('修改属性后')

    const created = await post(farmland, '/api/parcels/changes', {
      reason: '新增',
      changes: [
        {
          op: 'create',
          geometry: polygon(rect(at, 40, 40, 500, 0)),
          attributes: { dlbm: '0101' },
          classMode: 'recompute',
        },
      ],
    })
    expect(created.status, JSON.stringify(created.body)).toBe(200)
    await expectStatisticsMatchPublishedList('新建后')

    const deleted = await post(farmland, '/api/parcels/changes', {
      reason: '删除',
      changes: [{ op: 'delete', id: removed.id, version: 1 }],
    })
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200)
    await expectStatisticsMatchPublishedList('删除后')

    const history = await farmland.agent.get(`/api/parcels/${removed.id}/history`).expect(200)
    const restored = await post(farmland, `/api/parcels/${removed.id}/restore`, {
      historyId: history.body.entries[0].id,
      reason: '误删',
    })
    expect(restored.status, JSON.stringify(restored.body)).toBe(200)
    await expectStatisticsMatchPublishedList('恢复删除的图斑后')
    expect(restored.body.class).toBe('priority')
    const first = (await farmland.agent.get(`/api/parcels/${reshaped.id}/history`).expect(200)).body.entries.at(-1)
    const back = await post(farmland, `/api/parcels/${reshaped.id}/restore`, {
      historyId: first.id,
      version: 2,
      reason: '恢复原边界',
    })
    expect(back.status, JSON.stringify(back.body)).toBe(200)
    await expectStatisticsMatchPublishedList('恢复旧版本后')
    expect(back.body.class).toBe('priority')
  })

  it('when a split child is recomputed from monitoring data, then its new class is only in the draft list, and reaches the map and the pre-check once an approver publishes that list', async () => {
    const at = spotAt(0, 2)
    const parent = await createParcel(rect(at, 80, 40))
    await pollutedPoint(offset(at, 70, 20))
    await publishList(new Map([[parent.id, 'priority']]))

    const cut = await post(farmland, '/api/parcels/split', {
      id: parent.id,
      version: 1,
      line: { type: 'LineString', coordinates: [offset(at, 40, -10), offset(at, 40, 50)] },
      reason: '按田埂分割',
      classMode: 'recompute',
    })
    expect(cut.status, JSON.stringify(cut.body)).toBe(200)
    const {
      rows: [east],
    } = await db.query(
      `SELECT p.id FROM farmland_parcel p WHERE p.id = ANY($1::bigint[]) AND ST_Intersects(p.geom, ST_SetSRID(ST_MakePoint($2, $3), 4490))`,
      [cut.body.children.map((c: any) => c.id), ...offset(at, 70, 20)],
    )
    const childId = Number(east.id)
    const childRing = rect(at, 30, 30, 45, 5)

    expect(await classShown(childId)).toBe('优先保护类')
    expect(await precheckHit(childRing, childId)).toBe('PRIORITY_FARMLAND')
    const {
      rows: [published],
    } = await db.query('SELECT class FROM farmland_parcel WHERE id = $1', [childId])
    expect(published.class).toBe('priority')

    const draft = (await lists()).find((l) => l.review.status === 'draft')
    expect(draft, '重新计算的类别应写入分类清单草稿').toBeDefined()
    const entry = await farmland.agent.get(`/api/class-lists/${draft.id}/entries/${childId}`)
    expect(entry.status, JSON.stringify(entry.body)).toBe(200)
    expect(entry.body.entry).toMatchObject({ class: 'strict', method: 'samples', publishedClass: 'priority' })
    expect(entry.body.entry.basis.edit).toMatchObject({ mode: 'recompute', from: [parent.code] })

    await publishListById(draft.id)
    expect(await classShown(childId)).toBe('严格管控类')
    expect(await precheckHit(childRing, childId)).toBe('STRICT_FARMLAND')
    await expectStatisticsMatchPublishedList('草稿清单发布后')
  })
})

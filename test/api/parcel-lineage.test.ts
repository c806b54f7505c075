import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { offset, polygon, rect, type LonLat, type Ring } from '../support/map-input.ts'
import { signInAs, type Session } from '../support/session.ts'

const COUNTY = '430903'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
const startedAt = new Date()
const spots: LonLat[] = []
let nextSpot = 0

function takeSpot(): LonLat {
  if (nextSpot >= spots.length) throw new Error('测试用的空地不够用了')
  return spots[nextSpot++]
}

/** A north-south line `east` metres from `at`, from `south` to `north` metres. */
const meridian = (at: LonLat, east: number, south: number, north: number) => ({
  type: 'LineString',
  coordinates: [offset(at, east, south), offset(at, east, north)],
})

async function post(s: Session, url: string, body: unknown) {
  return s.agent
    .post(url)
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
}

async function counts(): Promise<{ parcels: number; history: number }> {
  const {
    rows: [r],
  } = await db.query(`SELECT (SELECT count(*)::int FROM farmland_parcel) AS parcels,
    (SELECT count(*)::int FROM change_history WHERE entity = 'farmland_parcel') AS history`)
  return r
}

async function createParcel(ring: Ring, attributes: Record<string, unknown> = {}) {
  const res = await post(farmland, '/api/parcels/changes', {
    reason: '测试新建',
    changes: [{ op: 'create', geometry: polygon(ring), attributes: { dlbm: '0101', ...attributes } }],
  })
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.results[0] as { id: number; code: string; version: number; areaM2: number; class: string }
}

async function historyOf(id: number): Promise<any[]> {
  const res = await farmland.agent.get(`/api/parcels/${id}/history`)
  expect(res.status, JSON.stringify(res.body)).toBe(200)
  return res.body.entries
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  for (let i = 0; i < 15; i++) spots.push(await freeSpot(db, { adcode: COUNTY, spacing: 0.006 }))
})

afterAll(async () => {
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = $1 AND NOT is_generated AND created_at >= $2`, [
    COUNTY,
    startedAt,
  ])
  await db.query(`DELETE FROM class_list WHERE adcode = $1 AND created_at >= $2`, [COUNTY, startedAt])
  await db.query('SELECT refresh_farmland_overview($1)', [COUNTY])
  await db.close()
})

describe('split, merge and restore', () => {
  it('when a parcel is split by a line across it, then the children keep the area and the attributes, record the parent, and the parent can only come back if they go', async () => {
    const at = takeSpot()
    const parent = await createParcel(rect(at, 60, 30), { qsxz: '30', zzsxdm: 'LS', bz: '母图斑' })
    await db.query(
      `UPDATE farmland_parcel SET class = 'safe_use', class_method = 'samples', class_basis = '{"summary": "测试依据"}' WHERE id = $1`,
      [parent.id],
    )
    const line = meridian(at, 25, -10, 40)

    const preview = await post(farmland, '/api/parcels/split/preview', { id: parent.id, version: 1, line })
    expect(preview.status, JSON.stringify(preview.body)).toBe(200)
    expect(preview.body.parts).toHaveLength(2)
    expect(preview.body.parentAreaM2).toBeCloseTo(parent.areaM2, 3)
    expect(preview.body.areaDiffRatio).toBeLessThan(1e-4)

    const beforeRefusals = await counts()
    const missing = await post(farmland, '/api/parcels/split', {
      id: parent.id,
      version: 1,
      line: meridian(at, 25, -10, 15),
      reason: '测试',
      classMode: 'recompute',
    })
    expect(missing.status).toBe(422)
    expect(missing.body.error.details.problems[0]).toMatchObject({
      code: 'SPLIT_LINE_MISSES',
      message: `分割线没有完整穿过图斑 ${parent.code}，请让线的两端都落在图斑外`,
    })
    const noReason = await post(farmland, '/api/parcels/split', {
      id: parent.id,
      version: 1,
      line,
      reason: '测试',
      classMode: 'keep',
    })
    expect(noReason.status).toBe(422)
    expect(noReason.body.error.details.problems.map((p: any) => p.code)).toEqual(['CLASS_REASON_REQUIRED'])
    const sliver = await post(farmland, '/api/parcels/split', {
      id: parent.id,
      version: 1,
      line: meridian(at, 59, -10, 40),
      reason: '测试',
      classMode: 'recompute',
    })
    expect(sliver.status).toBe(422)
    expect(sliver.body.error.details.problems.map((p: any) => p.code)).toEqual(['TOO_SMALL'])
    expect(await counts()).toEqual(beforeRefusals)

    const split = await post(farmland, '/api/parcels/split', {
      id: parent.id,
      version: 1,
      line,
      reason: '按田埂分割',
      classMode: 'keep',
      classReason: '同一田块，监测点位相同',
    })
    expect(split.status, JSON.stringify(split.body)).toBe(200)
    expect(split.body.parent).toEqual({ id: parent.id, code: parent.code })
    expect(split.body.children).toHaveLength(2)
    const total = split.body.children.reduce((s: number, c: any) => s + c.areaM2, 0)
    expect(Math.abs(total - parent.areaM2) / parent.areaM2).toBeLessThan(1e-4)
    expect(split.body.areaDiffRatio).toBeLessThan(1e-4)
    const childCodes = split.body.children.map((c: any) => c.code)
    for (const c of split.body.children) {
      const got = await farmland.agent.get(`/api/parcels/${c.id}`).expect(200)
      expect(got.body.properties).toMatchObject({
        parentCodes: [parent.code],
        dlbm: '0101',
        qsxz: '30',
        zzsxdm: 'LS',
        bz: '母图斑',
        class: 'safe_use',
        classMethod: 'samples',
        version: 1,
      })
      expect(got.body.properties.classBasis.edit).toEqual({
        mode: 'keep',
        reason: '同一田块，监测点位相同',
        from: [parent.code],
      })
      const [created] = await historyOf(c.id)
      expect(created).toMatchObject({ action: 'create', reason: '按田埂分割', before: null })
      expect(created.after.parentCodes).toEqual([parent.code])
    }
    const gone = await farmland.agent.get(`/api/parcels/${parent.id}`)
    expect(gone.status).toBe(404)
    const [splitEntry] = await historyOf(parent.id)
    expect(splitEntry).toMatchObject({
      action: 'split',
      actionName: '分割',
      reason: '按田埂分割',
      after: { childCodes, childIds: split.body.children.map((c: any) => c.id) },
    })
    expect(splitEntry.before.code).toBe(parent.code)

    const deleted = await farmland.agent.get(`/api/parcels/deleted?adcode=${COUNTY}`).expect(200)
    expect(deleted.body.items.find((i: any) => i.id === parent.id)).toMatchObject({
      code: parent.code,
      action: 'split',
      historyId: splitEntry.id,
      deletedBy: 'gengdi',
      county: '赫山区',
    })

    const beforeRestore = await counts()
    const restore = await post(farmland, `/api/parcels/${parent.id}/restore`, {
      historyId: splitEntry.id,
      reason: '分割有误',
    })
    expect(restore.status).toBe(422)
    const overlaps = restore.body.error.details.problems.filter((p: any) => p.code === 'OVERLAP')
    expect(overlaps.map((p: any) => p.neighbourCode).sort()).toEqual([...childCodes].sort())
    for (const p of overlaps) {
      expect(p.message, 'a restore keeps the old outline: it cannot be adjusted').not.toContain('请调整边界')
      expect(p.message).toContain(`请先修改或删除图斑 ${p.neighbourCode} 的重叠部分`)
    }
    expect(await counts()).toEqual(beforeRestore)

    const mergePreview = await post(farmland, '/api/parcels/merge/preview', {
      parcels: split.body.children.map((c: any) => ({ id: c.id, version: 1 })),
    })
    expect(mergePreview.status, JSON.stringify(mergePreview.body)).toBe(200)
    expect(mergePreview.body.geometry.type).toBe('Polygon')
    expect(mergePreview.body.areaDiffRatio).toBeLessThan(1e-4)
    const larger = split.body.children.reduce((a: any, b: any) => (b.areaM2 > a.areaM2 ? b : a))
    expect(mergePreview.body.attributesFrom).toBe(larger.id)
    expect(mergePreview.body.classes).toEqual(['safe_use', 'safe_use'])

    const merge = await post(farmland, '/api/parcels/merge', {
      parcels: split.body.children.map((c: any) => ({ id: c.id, version: 1 })),
      reason: '合并回原田块',
      classMode: 'recompute',
    })
    expect(merge.status, JSON.stringify(merge.body)).toBe(200)
    expect(merge.body.parents.map((p: any) => p.code).sort()).toEqual([...childCodes].sort())
    expect(Math.abs(merge.body.child.areaM2 - total) / total).toBeLessThan(1e-4)
    expect(Math.abs(merge.body.child.areaM2 - parent.areaM2) / parent.areaM2).toBeLessThan(1e-4)
    const merged = await farmland.agent.get(`/api/parcels/${merge.body.child.id}`).expect(200)
    expect([...merged.body.properties.parentCodes].sort()).toEqual([...childCodes].sort())
    expect(merged.body.properties).toMatchObject({ class: 'safe_use', classMethod: 'samples' })
    expect(merged.body.properties.classBasis.edit).toEqual({ mode: 'inherit', from: childCodes })
    for (const c of split.body.children) {
      expect((await farmland.agent.get(`/api/parcels/${c.id}`)).status).toBe(404)
      const [entry] = await historyOf(c.id)
      expect(entry).toMatchObject({
        action: 'merge',
        actionName: '合并',
        after: { childCodes: [merge.body.child.code], childIds: [merge.body.child.id] },
      })
    }
  })

  it('when parcels that do not touch are merged, then NOT_ADJACENT names the one apart and nothing is written', async () => {
    const at = takeSpot()
    const a = await createParcel(rect(at, 30, 30))
    const b = await createParcel(rect(at, 30, 30, 30, 0))
    const c = await createParcel(rect(at, 30, 30, 120, 0))
    const before = await counts()
    const res = await post(farmland, '/api/parcels/merge', {
      parcels: [a, b, c].map((p) => ({ id: p.id, version: 1 })),
      reason: '测试',
      classMode: 'keep',
      classReason: '同一田块',
    })
    expect(res.status).toBe(422)
    const [p] = res.body.error.details.problems
    expect(p.code).toBe('NOT_ADJACENT')
    expect(p.message).toBe(`图斑 ${c.code} 与其他图斑不相邻（没有公共边），不能合并`)
    expect(await counts()).toEqual(before)
    const keep = await post(farmland, '/api/parcels/merge', {
      parcels: [a, b].map((p) => ({ id: p.id, version: 1 })),
      reason: '测试',
      classMode: 'keep',
      classReason: '同一田块',
      attributesFrom: b.id,
    })
    expect(keep.status, JSON.stringify(keep.body)).toBe(200)
    expect(keep.body.child.class).toBe('unclassified')
    const stale = await post(farmland, '/api/parcels/merge/preview', {
      parcels: [
        { id: c.id, version: 2 },
        { id: a.id, version: 1 },
      ],
    })
    expect(stale.status).toBe(409)
  })

  it('when an updated parcel is restored to its first version, then it gets a new version with the old geometry', async () => {
    const at = takeSpot()
    const created = await createParcel(rect(at, 40, 40))
    const moved = await post(farmland, '/api/parcels/changes', {
      reason: '平移',
      changes: [
        {
          op: 'update',
          id: created.id,
          version: 1,
          geometry: polygon(rect(at, 40, 40, 15, 0)),
          attributes: { dlbm: '0103' },
        },
      ],
    })
    expect(moved.status, JSON.stringify(moved.body)).toBe(200)
    const [, first] = await historyOf(created.id)
    expect(first.action).toBe('create')
    const missingVersion = await post(farmland, `/api/parcels/${created.id}/restore`, {
      historyId: first.id,
      reason: '恢复',
    })
    expect(missingVersion.status).toBe(400)
    const res = await post(farmland, `/api/parcels/${created.id}/restore`, {
      historyId: first.id,
      version: 2,
      reason: '平移有误',
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ op: 'restore', id: created.id, code: created.code, version: 3 })
    const {
      rows: [same],
    } = await db.query(
      `SELECT ST_Equals(ST_SnapToGrid(p.geom, 1e-7), ST_SnapToGrid(ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), 1e-7)) AS eq, p.dlbm
      FROM farmland_parcel p WHERE id = $1`,
      [created.id, JSON.stringify(first.after.geometry)],
    )
    expect(same).toEqual({ eq: true, dlbm: '0101' })
    const [latest] = await historyOf(created.id)
    expect(latest).toMatchObject({ action: 'restore', actionName: '恢复', reason: '平移有误', version: 3 })
    expect(latest.before.version).toBe(2)
  })

  it('when a deleted parcel is restored, then it comes back with its id and code and leaves the list of removed parcels', async () => {
    const at = takeSpot()
    const created = await createParcel(rect(at, 40, 40))
    const del = await post(farmland, '/api/parcels/changes', {
      reason: '误删测试',
      changes: [{ op: 'delete', id: created.id, version: 1 }],
    })
    expect(del.status).toBe(200)
    const [removal] = await historyOf(created.id)
    expect(removal).toMatchObject({ action: 'delete', after: null, version: 1 })
    const listed = await farmland.agent.get('/api/parcels/deleted').expect(200)
    expect(listed.body.items[0]).toMatchObject({
      id: created.id,
      code: created.code,
      action: 'delete',
      historyId: removal.id,
      reason: '误删测试',
      deletedByName: expect.any(String),
    })
    const res = await post(farmland, `/api/parcels/${created.id}/restore`, { historyId: removal.id, reason: '误删' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body).toMatchObject({ op: 'restore', id: created.id, code: created.code, version: 2 })
    const got = await farmland.agent.get(`/api/parcels/${created.id}`).expect(200)
    expect(got.body.properties).toMatchObject({ code: created.code, version: 2 })
    const after = await farmland.agent.get('/api/parcels/deleted').expect(200)
    expect(after.body.items.some((i: any) => i.id === created.id)).toBe(false)
    const out = await farmland.agent.get('/api/parcels/deleted?adcode=220322')
    expect(out.status).toBe(403)
  })
})

describe('vertex limits on split and merge results', () => {
  it('when a 9,001-point zig-zag line would cut children of more than PARCEL_MAX_VERTICES vertices, then 422 names the child and the limit and nothing is written', async () => {
    const at = takeSpot()
    const parent = await createParcel(rect(at, 60, 30))
    const coordinates = Array.from({ length: 9001 }, (_, i) => offset(at, -10 + (80 * i) / 9000, i % 2 ? 20 : 10))
    const before = await counts()
    const res = await post(farmland, '/api/parcels/split', {
      id: parent.id,
      version: 1,
      line: { type: 'LineString', coordinates },
      reason: '测试',
      classMode: 'recompute',
    })
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(422)
    const tooMany = res.body.error.details.problems.filter((p: any) => p.code === 'TOO_MANY_VERTICES')
    expect(tooMany.length).toBeGreaterThan(0)
    expect(tooMany[0].message).toMatch(/^分割后的第 \d 块有 \d+ 个顶点，超过上限 5000 个，请简化边界$/)
    expect(res.body.error.message).toContain('超过上限 5000 个')
    expect(await counts()).toEqual(before)
    expect((await farmland.agent.get(`/api/parcels/${parent.id}`)).body.properties.version).toBe(1)
  })

  it('when two parcels within the limit would merge into one of more than PARCEL_MAX_VERTICES vertices, then 422 names the merged parcel and the limit and nothing is written', async () => {
    const at = takeSpot()
    const teeth = 2700
    const zigzag = (east0: number, east1: number) =>
      Array.from({ length: teeth }, (_, i) =>
        offset(at, east0 + ((east1 - east0) * i) / (teeth - 1), i % 2 ? 29.5 : 30),
      )
    const west = await createParcel([offset(at, 0, 0), offset(at, 30, 0), ...zigzag(30, 0), offset(at, 0, 0)])
    const east = await createParcel([offset(at, 30, 0), offset(at, 60, 0), ...zigzag(60, 30), offset(at, 30, 0)])
    const before = await counts()
    const res = await post(farmland, '/api/parcels/merge', {
      parcels: [west, east].map((p) => ({ id: p.id, version: 1 })),
      reason: '测试',
      classMode: 'recompute',
    })
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(422)
    expect(res.body.error.details.problems[0]).toMatchObject({ code: 'TOO_MANY_VERTICES' })
    expect(res.body.error.details.problems[0].message).toMatch(
      /^合并后的图斑有 \d+ 个顶点，超过上限 5000 个，请简化边界$/,
    )
    expect(await counts()).toEqual(before)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import { createApp } from '../../server/src/app.ts'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { ClassificationRunner } from '../../server/src/services/classification-runner.ts'
import {
  ClassChangesResponse,
  ClassListSummary,
  ClassListsResponse,
  EntryResponse,
  JobResponse,
  RuleSetResponse,
} from '../../contracts/classification.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signInAs, type Session } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'

const COUNTY = '430903'
const BATCH = 100

let db: Database
let runner: ClassificationRunner
let app: ReturnType<typeof createApp>
let farmland: Session
let approver: Session
let environment: Session
/** What the next batch of a job does (observe progress, cancel, hold the job). */
let onBatch: ((jobId: number, done: number) => Promise<void> | void) | undefined
/** The published classes of the county before this file ran; restored afterwards. */
let savedClasses: { id: number; class: string }[]

beforeAll(async () => {
  db = connectTestDatabase()
  runner = new ClassificationRunner(db, { batchSize: BATCH, onBatch: (id, done) => onBatch?.(id, done) })
  app = createApp({ db, config: loadConfig({ port: 0 }), classification: runner })
  farmland = await signInAs(app, 'farmland')
  approver = await signInAs(app, 'approver')
  environment = await signInAs(app, 'environment')
  savedClasses = (await db.query(`SELECT id, class FROM farmland_parcel WHERE adcode = $1 ORDER BY id`, [COUNTY])).rows
})
afterAll(async () => {
  onBatch = undefined
  await runner.idle()
  await db.query(
    `UPDATE farmland_parcel p SET class = s.class, class_list_id = NULL, class_method = NULL, class_basis = NULL
    FROM unnest($2::bigint[], $3::text[]) AS s(id, class) WHERE p.adcode = $1 AND p.id = s.id`,
    [COUNTY, savedClasses.map((s) => s.id), savedClasses.map((s) => s.class)],
  )
  await db.query('SELECT refresh_farmland_overview($1)', [COUNTY])
  await db.close()
})

const post = (s: Session, url: string, body: object = {}) =>
  s.agent.post(url).set('X-CSRF-Token', s.csrfToken).send(body)

async function publishedClasses(): Promise<string> {
  const { rows } = await db.query(
    `SELECT string_agg(id || ':' || class || ':' || coalesce(class_list_id::text, '-'), ',' ORDER BY id) AS s
    FROM farmland_parcel WHERE adcode = $1`,
    [COUNTY],
  )
  return rows[0].s
}

async function parcelCount(): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM farmland_parcel WHERE adcode = $1`, [COUNTY])).rows[0].n
}

/** Starts a job through the API and waits until the runner has ended it; returns the final job. */
async function runJob(body: object = { adcode: COUNTY }) {
  const res = await post(farmland, '/api/classification/jobs', body)
  expect(res.status, JSON.stringify(res.body)).toBe(202)
  readContract(JobResponse, res.body)
  await runner.idle()
  const final = await farmland.agent.get(`/api/classification/jobs/${res.body.job.id}`).expect(200)
  readContract(JobResponse, final.body)
  return { started: res.body.job, job: final.body.job }
}

let completeListId: number

describe('county-wide classification job', () => {
  it('when a farmland officer starts a job, then it answers 202 at once and runs in batches to done, with progress after each batch', async () => {
    const before = await publishedClasses()
    const seen: number[] = []
    const publishedDuringJob: string[] = []
    onBatch = async (_id, done) => {
      seen.push(done)
      publishedDuringJob.push(await publishedClasses())
    }
    const total = await parcelCount()
    const { started, job } = await runJob()
    onBatch = undefined
    expect(['queued', 'running']).toContain(started.status)
    expect(started).toMatchObject({ adcode: COUNTY, county: '赫山区', total, done: 0 })
    expect(job).toMatchObject({ status: 'done', statusName: '已完成', total, done: total, progress: 1, error: null })
    expect(job.finishedAt).not.toBeNull()
    const expected = Array.from({ length: Math.ceil(total / BATCH) }, (_, i) => Math.min(total, (i + 1) * BATCH))
    expect(seen).toEqual(expected)
    expect(publishedDuringJob.every((p) => p === before)).toBe(true)
    expect(await publishedClasses()).toBe(before)

    const lists = await farmland.agent.get(`/api/class-lists?adcode=${COUNTY}`).expect(200)
    readContract(ClassListsResponse, lists.body)
    const list = lists.body.lists.find((l: any) => l.id === job.listId)
    expect(list).toMatchObject({
      isComplete: true,
      parcelCount: total,
      ruleSetVersion: 'default-2026.1',
      jobStatus: 'done',
      review: { kind: 'class-list', status: 'draft', statusName: '草稿' },
    })
    expect(list.review.actions.map((a: any) => a.action)).toEqual(['submit'])
    completeListId = job.listId

    const {
      rows: [h],
    } = await db.query(
      `SELECT * FROM change_history WHERE entity = 'class_list' AND entity_id = $1 AND action = 'classify'`,
      [job.listId],
    )
    expect(h).toMatchObject({
      actor: 'gengdi',
      after: { jobId: job.id, parcelCount: total, ruleSetVersion: 'default-2026.1' },
    })
  })

  it('when the job is done, then every parcel has an entry with its basis, and a parcel with a sampled point inside names that point', async () => {
    const {
      rows: [counts],
    } = await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE basis->>'summary' <> '' AND basis->>'ruleSetVersion' = 'default-2026.1')::int AS with_basis
      FROM class_list_entry WHERE list_id = $1`,
      [completeListId],
    )
    expect(counts.n).toBe(await parcelCount())
    expect(counts.with_basis).toBe(counts.n)
    const {
      rows: [inside],
    } = await db.query(
      `
      SELECT p.id, mp.code FROM farmland_parcel p JOIN monitoring_point mp ON mp.adcode = p.adcode AND ST_Intersects(mp.geom, p.geom)
      WHERE p.adcode = $1 AND EXISTS (SELECT 1 FROM monitoring_result r WHERE r.adcode = mp.adcode AND r.point_id = mp.id AND r.medium = 'soil')
      ORDER BY p.id LIMIT 1`,
      [COUNTY],
    )
    const res = await farmland.agent.get(`/api/class-lists/${completeListId}/entries/${inside.id}`).expect(200)
    readContract(EntryResponse, res.body)
    expect(res.body.entry).toMatchObject({
      parcelId: Number(inside.id),
      method: 'samples',
      methodName: '样点判定',
      overrideReason: null,
    })
    expect(res.body.entry.basis.samples.map((s: any) => s.pointCode)).toContain(inside.code)
    expect(res.body.entry.basis.summary.length).toBeGreaterThan(5)
    expect(res.body.entry.sampleCount).toBeGreaterThanOrEqual(1)

    const {
      rows: [far],
    } = await db.query(
      `SELECT parcel_id FROM class_list_entry WHERE list_id = $1 AND method = 'interpolated' LIMIT 1`,
      [completeListId],
    )
    const interpolated = await farmland.agent
      .get(`/api/class-lists/${completeListId}/entries/${far.parcel_id}`)
      .expect(200)
    readContract(EntryResponse, interpolated.body)
    expect(interpolated.body.entry.basis.samples.length).toBeGreaterThan(0)
    for (const s of interpolated.body.entry.basis.samples) expect(s.distanceM).toBeLessThanOrEqual(1000)
  })

  it('when a job is cancelled after its first batch, then it stops there, its list stays incomplete and cannot be submitted, and the published classes are untouched', async () => {
    const before = await publishedClasses()
    onBatch = async (id, done) => {
      if (done === BATCH)
        readContract(JobResponse, (await post(farmland, `/api/classification/jobs/${id}/cancel`).expect(200)).body)
    }
    const { job } = await runJob()
    onBatch = undefined
    expect(job).toMatchObject({ status: 'cancelled', statusName: '已取消', done: BATCH })
    expect(job.error).toContain('已发布的分类未受影响')
    expect(await publishedClasses()).toBe(before)
    const {
      rows: [list],
    } = await db.query(
      `SELECT is_complete, (SELECT count(*)::int FROM class_list_entry WHERE list_id = $1) AS entries FROM class_list WHERE id = $1`,
      [job.listId],
    )
    expect(list).toEqual({ is_complete: false, entries: BATCH })

    const submit = await post(farmland, `/api/reviews/class-list/${job.listId}/submit`)
    expect(submit.status).toBe(409)
    expect(submit.body.error.message).toContain('清单不完整，不能提交审定')
    const again = await post(farmland, `/api/classification/jobs/${job.id}/cancel`)
    expect(again.status).toBe(409)
    expect(again.body.error.message).toContain('已结束')
  })

  it('when an entry cannot be written midway, then the job fails with a message for the officer, the list stays incomplete and the published classes are untouched', async () => {
    const before = await publishedClasses()
    const {
      rows: [third],
    } = await db.query(`SELECT id FROM farmland_parcel WHERE adcode = $1 ORDER BY id OFFSET $2 LIMIT 1`, [
      COUNTY,
      BATCH * 2 + 5,
    ])
    await db.query(`CREATE FUNCTION test_refuse_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.parcel_id = ${Number(third.id)} THEN RAISE EXCEPTION 'test: refused entry'; END IF; RETURN NEW; END $$`)
    await db.query(
      `CREATE TRIGGER test_refuse_entry BEFORE INSERT ON class_list_entry FOR EACH ROW EXECUTE FUNCTION test_refuse_entry()`,
    )
    try {
      const { job } = await runJob()
      expect(job).toMatchObject({ status: 'failed', statusName: '失败', done: BATCH * 2 })
      expect(job.error).toContain('已发布的分类未受影响')
      expect(job.error).not.toContain('test: refused')
      const {
        rows: [list],
      } = await db.query(
        `SELECT is_complete, (SELECT count(*)::int FROM class_list_entry WHERE list_id = $1) AS entries FROM class_list WHERE id = $1`,
        [job.listId],
      )
      expect(list).toEqual({ is_complete: false, entries: BATCH * 2 })
    } finally {
      await db.query('DROP TRIGGER test_refuse_entry ON class_list_entry')
      await db.query('DROP FUNCTION test_refuse_entry()')
    }
    expect(await publishedClasses()).toBe(before)
    const health = await request(app).get('/api/health').expect(200)
    expect(health.body.status).toBe('ok')
  })

  it('when a job runs for the county, then a second one gets 409 naming the county, and other requests are still answered meanwhile', async () => {
    let release!: () => void
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let answered: { second: request.Response; counties: request.Response } | undefined
    onBatch = async (_id, done) => {
      if (done !== BATCH) return
      answered = {
        second: await post(farmland, '/api/classification/jobs', { adcode: COUNTY }),
        counties: await farmland.agent.get('/api/counties'),
      }
      release()
    }
    const { job } = await runJob()
    await held
    onBatch = undefined
    expect(job.status).toBe('done')
    expect(answered!.second.status).toBe(409)
    expect(answered!.second.body.error.message).toContain('赫山区已有一个分类任务正在运行')
    expect(answered!.counties.status).toBe(200)
  })

  it("when the county is outside the officer's scope, then starting a job or reading its lists is refused naming the county", async () => {
    const res = await post(farmland, '/api/classification/jobs', { adcode: '220322' })
    expect(res.status).toBe(403)
    expect(res.body.error).toMatchObject({ code: 'OUT_OF_SCOPE' })
    expect(res.body.error.message).toContain('梨树县')
    const lists = await farmland.agent.get('/api/class-lists?adcode=220322')
    expect(lists.status).toBe(403)
    expect(lists.body.error.message).toContain('梨树县')
    const stats = await farmland.agent.get('/api/statistics/farmland?adcode=220322')
    expect(stats.status).toBe(403)
    const bad = await post(farmland, '/api/classification/jobs', { adcode: '4309' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('区县代码应为 6 位数字')
    const unknownRules = await post(farmland, '/api/classification/jobs', {
      adcode: COUNTY,
      ruleSetVersion: 'no-such-rules',
    })
    expect(unknownRules.status).toBe(404)
    expect(unknownRules.body.error.message).toContain('no-such-rules')
  })
})

describe('a class list before review', () => {
  it('when an override has no reason, then 400 and nothing changes; with a reason, the class changes as an override with the computed class and basis kept, and a history row', async () => {
    const {
      rows: [e],
    } = await db.query(
      `SELECT parcel_id, class, basis FROM class_list_entry WHERE list_id = $1 AND class <> 'strict' ORDER BY parcel_id LIMIT 1`,
      [completeListId],
    )
    const url = `/api/class-lists/${completeListId}/entries/${e.parcel_id}/override`
    const missing = await post(farmland, url, { class: 'strict' })
    expect(missing.status).toBe(400)
    expect(missing.body.error.message).toContain('调整类别须填写理由')
    const blank = await post(farmland, url, { class: 'strict', reason: '   ' })
    expect(blank.status).toBe(400)
    const wrongClass = await post(farmland, url, { class: 'bad', reason: '现场核实' })
    expect(wrongClass.status).toBe(400)
    expect(wrongClass.body.error.message).toContain('类别应为')
    expect((await post(environment, url, { class: 'strict', reason: '现场核实' })).status).toBe(403)
    const {
      rows: [unchanged],
    } = await db.query(`SELECT class, method FROM class_list_entry WHERE list_id = $1 AND parcel_id = $2`, [
      completeListId,
      e.parcel_id,
    ])
    expect(unchanged.class).toBe(e.class)

    const ok = await post(farmland, url, { class: 'strict', reason: '现场核实有尾矿堆放' })
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    readContract(EntryResponse, ok.body)
    expect(ok.body.entry).toMatchObject({
      class: 'strict',
      className: '严格管控类',
      method: 'override',
      methodName: '人工调整',
      computedClass: e.class,
      overrideReason: '现场核实有尾矿堆放',
      overrideBy: 'gengdi',
    })
    expect(ok.body.entry.basis).toEqual(e.basis)
    const again = await post(farmland, url, { class: 'safe_use', reason: '复核后改为安全利用' })
    expect(again.body.entry).toMatchObject({ class: 'safe_use', computedClass: e.class })
    const history = await farmland.agent.get(`/api/history/class-list/${completeListId}`).expect(200)
    const overrides = history.body.entries.filter((h: any) => h.action === 'override')
    expect(overrides).toHaveLength(2)
    expect(overrides[1]).toMatchObject({
      actionName: '人工调整类别',
      reason: '现场核实有尾矿堆放',
      before: { class: e.class },
      after: { class: 'strict' },
    })
  })

  it('when the summary is read, then its counts and areas by class, township and change match a recount in SQL, with the 优先保护 warnings where that area falls', async () => {
    const res = await farmland.agent.get(`/api/class-lists/${completeListId}/summary`).expect(200)
    readContract(ClassListSummary, res.body)
    const { rows: listed } = await db.query(
      `SELECT e.class, count(*)::int AS n, sum(p.area_m2) AS m2 FROM class_list_entry e
      JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id WHERE e.list_id = $1 GROUP BY 1`,
      [completeListId],
    )
    const { rows: published } = await db.query(
      `SELECT class, count(*)::int AS n, sum(area_m2) AS m2 FROM farmland_parcel WHERE adcode = $1 GROUP BY 1`,
      [COUNTY],
    )
    for (const cls of ['priority', 'safe_use', 'strict', 'unclassified']) {
      const row = res.body.byClass.find((b: any) => b.class === cls)
      const l = listed.find((r) => r.class === cls) ?? { n: 0, m2: 0 }
      const p = published.find((r) => r.class === cls) ?? { n: 0, m2: 0 }
      expect(row.count).toBe(l.n)
      expect(row.areaMu).toBeCloseTo(l.m2 * 0.0015, 1)
      expect(row.areaHa).toBeCloseTo(l.m2 / 10_000, 2)
      expect(row.publishedCount).toBe(p.n)
      expect(row.publishedAreaMu).toBeCloseTo(p.m2 * 0.0015, 1)
    }
    const townshipTotal = res.body.byTownship.reduce(
      (s: number, t: any) => s + t.byClass.reduce((a: number, b: any) => a + b.count, 0),
      0,
    )
    expect(townshipTotal).toBe(await parcelCount())

    const {
      rows: [changes],
    } = await db.query(
      `SELECT count(*)::int AS n, coalesce(sum(p.area_m2), 0) AS m2 FROM class_list_entry e
      JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id WHERE e.list_id = $1 AND e.class <> p.class`,
      [completeListId],
    )
    expect(res.body.changes.count).toBe(changes.n)
    expect(res.body.changes.areaMu).toBeCloseTo(changes.m2 * 0.0015, 1)
    expect(res.body.changes.byTransition.reduce((s: number, t: any) => s + t.count, 0)).toBe(changes.n)
    const page = await farmland.agent.get(`/api/class-lists/${completeListId}/changes?offset=0&limit=5`).expect(200)
    readContract(ClassChangesResponse, page.body)
    expect(page.body.total).toBe(changes.n)
    expect(page.body.items.length).toBe(Math.min(5, changes.n))
    for (const item of page.body.items) expect(item.fromClass).not.toBe(item.toClass)
    const pastEnd = await farmland.agent
      .get(`/api/class-lists/${completeListId}/changes?offset=100000&limit=5`)
      .expect(200)
    expect(pastEnd.body).toEqual({ total: changes.n, items: [] })

    const { rows: falls } = await db.query(
      `
      WITH l AS (SELECT p.township_code, sum(p.area_m2) FILTER (WHERE e.class = 'priority') AS m2 FROM class_list_entry e
                 JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id WHERE e.list_id = $1 GROUP BY 1),
           pub AS (SELECT township_code, sum(area_m2) FILTER (WHERE class = 'priority') AS m2 FROM farmland_parcel WHERE adcode = $2 GROUP BY 1)
      SELECT coalesce(t.name, '未落乡镇') AS name FROM pub JOIN l ON l.township_code IS NOT DISTINCT FROM pub.township_code
      LEFT JOIN township t ON t.adcode = $2 AND t.code = pub.township_code
      WHERE round((coalesce(l.m2, 0) * 0.0015)::numeric, 2) < round((coalesce(pub.m2, 0) * 0.0015)::numeric, 2)`,
      [completeListId, COUNTY],
    )
    const townshipWarnings = res.body.warnings.filter((w: any) => w.scope === 'township')
    expect(townshipWarnings.map((w: any) => w.name).sort()).toEqual(falls.map((f) => f.name).sort())
    const countyPriority = res.body.byClass.find((b: any) => b.class === 'priority')
    const countyWarning = res.body.warnings.find((w: any) => w.scope === 'county')
    expect(Boolean(countyWarning)).toBe(countyPriority.areaMu < countyPriority.publishedAreaMu)
    for (const w of res.body.warnings) {
      expect(w.code).toBe('PRIORITY_AREA_FALLS')
      expect(w.toMu).toBeLessThan(w.fromMu)
      expect(w.message).toContain('优先保护类耕地面积将由')
    }
  })
})

describe('a class list whose 优先保护类 area falls', () => {
  it('when it is submitted without a written explanation, then it is refused with every township named; with one, the explanation is kept with the list and shown to the approver', async () => {
    const { rows: published } = await db.query(`SELECT id, class FROM farmland_parcel WHERE adcode = $1`, [COUNTY])
    await db.query(`UPDATE farmland_parcel SET class = 'priority' WHERE adcode = $1`, [COUNTY])
    try {
      const summary = await farmland.agent.get(`/api/class-lists/${completeListId}/summary`).expect(200)
      expect(summary.body.warnings.length).toBeGreaterThan(0)
      expect(summary.body.warnings[0].message).not.toContain('请核实原因后再提交')

      for (const reason of [undefined, '  太少  ']) {
        const refused = await post(
          farmland,
          `/api/reviews/class-list/${completeListId}/submit`,
          reason ? { reason } : {},
        )
        expect(refused.status, JSON.stringify(refused.body)).toBe(400)
        expect(refused.body.error.message).toContain('减少原因说明')
        for (const w of summary.body.warnings) expect(refused.body.error.message).toContain(w.name)
        expect(refused.body.error.details.problems).toEqual([
          expect.objectContaining({ code: 'PRIORITY_FALL_EXPLANATION_REQUIRED', field: 'reason' }),
        ])
      }
      const {
        rows: [untouched],
      } = await db.query(`SELECT review_status, priority_fall_explanation FROM class_list WHERE id = $1`, [
        completeListId,
      ])
      expect(untouched).toEqual({ review_status: 'draft', priority_fall_explanation: null })

      const explanation = '泉交河镇部分优先保护类耕地经详查加密采样为安全利用类，附详查报告'
      const submitted = await post(farmland, `/api/reviews/class-list/${completeListId}/submit`, {
        reason: explanation,
      })
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
      const lists = await approver.agent.get(`/api/class-lists?adcode=${COUNTY}`).expect(200)
      expect(lists.body.lists.find((l: any) => l.id === completeListId).priorityFallExplanation).toBe(explanation)
      const reviewed = await approver.agent.get(`/api/class-lists/${completeListId}/summary`).expect(200)
      expect(reviewed.body.list.priorityFallExplanation).toBe(explanation)
      const history = await approver.agent.get(`/api/history/class-list/${completeListId}`).expect(200)
      expect(history.body.entries.find((e: any) => e.action === 'submit').reason).toBe(explanation)

      const returned = await post(approver, `/api/reviews/class-list/${completeListId}/return`, {
        reason: '请附详查报告后再提交',
      })
      expect(returned.status, JSON.stringify(returned.body)).toBe(200)
    } finally {
      await db.query(
        `UPDATE farmland_parcel p SET class = s.class FROM unnest($2::bigint[], $3::text[]) AS s (id, class)
        WHERE p.adcode = $1 AND p.id = s.id`,
        [COUNTY, published.map((r) => r.id), published.map((r) => r.class)],
      )
    }
  })
})

describe('review and publication of a class list', () => {
  it('when a complete list is submitted, approved and published, then farmland_parcel carries its classes and basis, the parcel tile and the parcel info show them', async () => {
    const {
      rows: [changed],
    } = await db.query(
      `SELECT e.parcel_id, e.class, ST_X(ST_PointOnSurface(p.geom)) AS lon, ST_Y(ST_PointOnSurface(p.geom)) AS lat
      FROM class_list_entry e JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
      WHERE e.list_id = $1 AND e.class <> p.class ORDER BY e.parcel_id LIMIT 1`,
      [completeListId],
    )
    expect(changed).toBeDefined()
    const { z, x, y } = tileAt(changed.lon, changed.lat, 16)
    const classOnTile = async () => {
      const res = await farmland.agent
        .get(`/tiles/parcel/${z}/${x}/${y}.pbf`)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = []
          r.on('data', (d: Buffer) => chunks.push(d))
          r.on('end', () => cb(null, Buffer.concat(chunks)))
        })
      return (decodeTile(res.body).parcel ?? []).find((f) => f.id === Number(changed.parcel_id))?.properties.class
    }
    const before = await classOnTile()
    expect(before).not.toBe(changed.class)

    for (const [s, action] of [
      [farmland, 'submit'],
      [approver, 'approve'],
    ] as const) {
      const res = await post(s, `/api/reviews/class-list/${completeListId}/${action}`, {
        reason: action === 'submit' ? '样点加密后部分图斑改划为安全利用类，详见评价报告' : undefined,
      })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
    }
    const queue = await approver.agent.get('/api/reviews').expect(200)
    expect(queue.body.items.find((i: any) => i.kind === 'class-list' && i.id === completeListId)).toMatchObject({
      kindName: '耕地分类清单',
      county: '赫山区',
    })
    expect((await post(farmland, `/api/classification/jobs`, { adcode: '4309xx' })).status).toBe(400)
    expect(await classOnTile()).toBe(before)
    const overrideApproved = await post(
      farmland,
      `/api/class-lists/${completeListId}/entries/${changed.parcel_id}/override`,
      { class: 'priority', reason: '试图在审定后修改' },
    )
    expect(overrideApproved.status).toBe(409)

    const published = await post(approver, `/api/reviews/class-list/${completeListId}/publish`)
    expect(published.status, JSON.stringify(published.body)).toBe(200)
    expect(published.body).toMatchObject({ kind: 'class-list', status: 'published', publishedVersion: 1 })

    const {
      rows: [mismatch],
    } = await db.query(
      `SELECT count(*)::int AS n FROM class_list_entry e JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
      WHERE e.list_id = $1 AND (p.class <> e.class OR p.class_list_id <> e.list_id OR p.class_method <> e.method OR p.class_basis->>'summary' <> e.basis->>'summary')`,
      [completeListId],
    )
    expect(mismatch.n).toBe(0)
    const {
      rows: [overview],
    } = await db.query(
      `SELECT
        (SELECT sum(strict_m2) FROM farmland_overview WHERE adcode = $1) AS overview_m2,
        (SELECT coalesce(sum(area_m2), 0) FROM farmland_parcel WHERE adcode = $1 AND class = 'strict') AS parcel_m2`,
      [COUNTY],
    )
    expect(overview.overview_m2).toBeCloseTo(overview.parcel_m2, 0)
    expect(await classOnTile()).toBe(changed.class)

    const info = await farmland.agent.get(`/api/features/parcel/${changed.parcel_id}`).expect(200)
    const field = (label: string) => info.body.fields.find((f: any) => f.label === label)?.value
    expect(field('划定方法')).toBeTruthy()
    expect(field('分类依据').length).toBeGreaterThan(5)
    expect(field('规则版本')).toContain('default-2026.1')

    const lists = await farmland.agent.get(`/api/class-lists?adcode=${COUNTY}`).expect(200)
    expect(lists.body.lists.find((l: any) => l.id === completeListId)).toMatchObject({
      isCurrent: true,
      review: { status: 'published' },
    })
  })

  it('when the statistics are read, then the published parcels and areas per county and township match the sums in SQL', async () => {
    const res = await farmland.agent.get('/api/statistics/farmland').expect(200)
    expect(res.body.counties.map((c: any) => c.adcode)).toEqual([COUNTY])
    const { rows } = await db.query(
      `SELECT class, count(*)::int AS n, sum(area_m2) AS m2 FROM farmland_parcel WHERE adcode = $1 GROUP BY 1`,
      [COUNTY],
    )
    const county = res.body.counties[0]
    for (const r of rows) {
      const b = county.byClass.find((x: any) => x.class === r.class)
      expect(b.count).toBe(r.n)
      expect(b.areaMu).toBeCloseTo(r.m2 * 0.0015, 1)
      expect(b.areaHa).toBeCloseTo(r.m2 / 10_000, 2)
    }
    expect(county.totalMu).toBeCloseTo(rows.reduce((s, r) => s + r.m2, 0) * 0.0015, 1)
    const {
      rows: [t],
    } = await db.query(
      `SELECT p.township_code, t.name, count(*) FILTER (WHERE class = 'priority')::int AS n
      FROM farmland_parcel p JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code WHERE p.adcode = $1 GROUP BY 1, 2 ORDER BY 1 LIMIT 1`,
      [COUNTY],
    )
    const township = res.body.townships.find((x: any) => x.code === t.township_code)
    expect(township).toMatchObject({ name: t.name, adcode: COUNTY })
    expect(township.byClass.find((b: any) => b.class === 'priority').count).toBe(t.n)
    const one = await approver.agent.get(`/api/statistics/farmland?adcode=${COUNTY}`).expect(200)
    expect(one.body.counties[0]).toEqual(county)
  })
})

describe('rule sets', () => {
  const province = (version: string, overrides: Record<string, unknown> = {}) => ({
    version,
    name: '某省耕地类别划分规则（测试）',
    rules: {
      matrix: {
        A: { none: 'priority', ok: 'priority', slight: 'safe_use', serious: 'strict' },
        B: { none: 'safe_use', ok: 'safe_use', slight: 'safe_use', serious: 'strict' },
        C: { none: 'strict', ok: 'strict', slight: 'strict', serious: 'strict' },
      },
      cropSeriousRatio: 1.5,
      aggregation: 'worst',
      interpolation: { method: 'nearest', maxDistanceM: 500, maxSamples: 1, power: 2 },
      gb2762Edition: 'GB 2762-2022',
      notes: ['测试规则'],
      ...overrides,
    },
  })

  it('when an administrator stores a province rule set, then it is listed, a job can use it and its list records the version; the same version again is 409', async () => {
    const admin = await signInAs(app, 'admin')
    const version = `test-${Date.now().toString(36)}`
    const created = await post(admin, '/api/classification/rule-sets', province(version))
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    readContract(RuleSetResponse, created.body)
    expect(created.body.ruleSet).toMatchObject({
      version,
      isDefault: false,
      rules: { aggregation: 'worst', cropSeriousRatio: 1.5 },
    })
    const listed = await farmland.agent.get('/api/classification/rule-sets').expect(200)
    expect(listed.body.ruleSets.map((r: { version: string }) => r.version)).toContain(version)
    const again = await post(admin, '/api/classification/rule-sets', province(version))
    expect(again.status).toBe(409)
    expect(again.body.error.message).toContain(version)
    const { job } = await runJob({ adcode: COUNTY, ruleSetVersion: version })
    expect(job.status).toBe('done')
    const list = await db.query('SELECT rule_set_version FROM class_list WHERE adcode = $1 AND id = $2', [
      COUNTY,
      job.listId,
    ])
    expect(list.rows[0].rule_set_version).toBe(version)
  })

  it('when a rule set is incomplete or wrong, then 400 says what is wrong and nothing is stored; other roles get 403', async () => {
    const admin = await signInAs(app, 'admin')
    const version = `bad-${Date.now().toString(36)}`
    const bad = await post(
      admin,
      '/api/classification/rule-sets',
      province(version, {
        gb2762Edition: 'GB 2762-1999',
        interpolation: { method: 'nearest', maxDistanceM: -5, maxSamples: 1, power: 2 },
      }),
    )
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('GB 2762-1999')
    expect(bad.body.error.message).toContain('插值最大距离')
    const missing = await post(admin, '/api/classification/rule-sets', { version, name: '缺少内容' })
    expect(missing.status).toBe(400)
    expect(missing.body.error.message).toContain('rules')
    expect(
      (await db.query('SELECT count(*)::int AS n FROM class_rule_set WHERE version = $1', [version])).rows[0].n,
    ).toBe(0)
    expect((await post(farmland, '/api/classification/rule-sets', province(`${version}-f`))).status).toBe(403)
  })
})

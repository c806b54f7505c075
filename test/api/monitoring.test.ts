import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let environment: Session
let farmland: Session
let land: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  environment = await signInAs(app, 'environment')
  farmland = await signInAs(app, 'farmland')
  land = await signInAs(app, 'land')
})
afterAll(() => db.close())

let made = 0
const unique = (prefix: string) =>
  `${prefix}-T${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()

/** Positions inside a county, none on a farmland parcel, about 1 km apart (a fresh one per call). */
async function spot(adcode = '430903'): Promise<[number, number]> {
  return freeSpot(db, { adcode, spacing: 0.01, inside: 0.002, clearOfFarmland: 0.001 })
}

/** A point of ours straight in the database. */
async function freshPoint(
  opts: { adcode?: string; type?: string; landUse?: string | null; status?: string; level?: string } = {},
): Promise<{ id: number; code: string; adcode: string }> {
  const adcode = opts.adcode ?? '430903'
  const code = unique(`${adcode}-JC`)
  const [lon, lat] = await spot(adcode)
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO monitoring_point (adcode, code, name, level, point_type, status, land_use, geom, created_by)
    VALUES ($1, $2, '测试点位 ' || $2, $3, $4, $5, $6, ST_SetSRID(ST_MakePoint($7, $8), 4490), 'test') RETURNING id`,
    [
      adcode,
      code,
      opts.level ?? 'county',
      opts.type ?? 'basic',
      opts.status ?? 'active',
      opts.landUse === undefined ? '0101' : opts.landUse,
      lon,
      lat,
    ],
  )
  return { id: Number(r.id), code, adcode }
}

async function addResultRow(
  point: { id: number; adcode: string },
  r: { sampledOn: string; medium?: string; crop?: string; ph?: number | null; values: Record<string, number> },
) {
  await db.query(
    `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, crop, ph, values_mg_kg) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [point.adcode, point.id, r.sampledOn, r.medium ?? 'soil', r.crop ?? null, r.ph ?? null, JSON.stringify(r.values)],
  )
}

const resultCount = async (pointIds: number[]) =>
  Number(
    (await db.query(`SELECT count(*) AS n FROM monitoring_result WHERE point_id = ANY ($1::bigint[])`, [pointIds]))
      .rows[0].n,
  )
const post = (s: Session, url: string) => s.agent.post(url).set('X-CSRF-Token', s.csrfToken)
const patch = (s: Session, url: string) => s.agent.patch(url).set('X-CSRF-Token', s.csrfToken)

describe('GET /api/monitoring/points', () => {
  it('when an officer of 赫山区 lists points, then only points of 赫山区 come, with counts by level, type and status that add up to the total', async () => {
    const res = await environment.agent.get('/api/monitoring/points').expect(200)
    expect(res.body.items.length).toBeGreaterThan(0)
    expect(res.body.items.every((p: { adcode: string }) => p.adcode === '430903')).toBe(true)
    const {
      rows: [c],
    } = await db.query(`SELECT count(*) AS n FROM monitoring_point WHERE adcode = '430903'`)
    expect(res.body.total).toBe(Number(c.n))
    for (const d of ['level', 'type', 'status']) {
      expect(
        res.body.counts[d].reduce((s: number, x: { count: number }) => s + x.count, 0),
        d,
      ).toBe(res.body.total)
    }
    expect(res.body.counts.level.map((x: { name: string }) => x.name)).toEqual(['国控', '省控', '市控', '县控'])
  })

  it('when filtered by level and type, then every point has that level and type and the counts follow the filter', async () => {
    const mine = await freshPoint({ level: 'national', type: 'produce' })
    const res = await environment.agent.get('/api/monitoring/points?level=national&type=produce').expect(200)
    expect(res.body.items.some((p: { id: number }) => p.id === mine.id)).toBe(true)
    expect(
      res.body.items.every(
        (p: { level: string; type: string; levelName: string }) =>
          p.level === 'national' && p.type === 'produce' && p.levelName === '国控',
      ),
    ).toBe(true)
    expect(res.body.counts.level.find((x: { key: string }) => x.key === 'national').count).toBe(res.body.total)
  })

  it('when searched by code, then the point is found with its result count and last sampling date', async () => {
    const mine = await freshPoint()
    await addResultRow(mine, { sampledOn: '2021-05-01', ph: 6, values: { cd: 0.2 } })
    await addResultRow(mine, { sampledOn: '2024-05-01', ph: 6, values: { cd: 0.2 } })
    const res = await environment.agent.get(`/api/monitoring/points?q=${encodeURIComponent(mine.code)}`).expect(200)
    expect(res.body.items).toHaveLength(1)
    expect(res.body.items[0]).toMatchObject({
      id: mine.id,
      results: 2,
      lastSampledOn: '2024-05-01',
      statusName: '在用',
    })
  })

  it('when more points match than the list limit, then the first ones by code come, the total counts them all and the list says it is cut', async () => {
    const small = createTestApp(db, { monitoring: { ...loadConfig().monitoring, listLimit: 3 } })
    const s = await signInAs(small, 'environment')
    const res = await s.agent.get('/api/monitoring/points').expect(200)
    const {
      rows: [c],
    } = await db.query(`SELECT count(*) AS n FROM monitoring_point WHERE adcode = '430903'`)
    expect(res.body).toMatchObject({ total: Number(c.n), isTruncated: true })
    const { rows: first } = await db.query(
      `SELECT code FROM monitoring_point WHERE adcode = '430903' ORDER BY code LIMIT 3`,
    )
    expect(res.body.items.map((p: { code: string }) => p.code)).toEqual(first.map((r) => r.code))
  })

  it('when a county outside the scope or an unknown level is asked for, then 403 naming the county and 400 naming the allowed levels', async () => {
    const out = await environment.agent.get('/api/monitoring/points?adcode=220322').expect(403)
    expect(out.body.error.code).toBe('OUT_OF_SCOPE')
    expect(out.body.error.message).toContain('220322')
    const bad = await environment.agent.get('/api/monitoring/points?level=world').expect(400)
    expect(bad.body.error.message).toContain('国控')
  })
})

describe('GET /api/monitoring/points/:id', () => {
  it('when a paddy point has results over time, then each value is flagged against GB 15618 for the pH of that sample with threshold, table and ratio', async () => {
    const point = await freshPoint({ landUse: '0101' })
    await addResultRow(point, { sampledOn: '2018-06-01', ph: 5.0, values: { cd: 0.3, as: 31 } })
    await addResultRow(point, { sampledOn: '2021-06-01', ph: 5.0, values: { cd: 0.35 } })
    await addResultRow(point, { sampledOn: '2024-06-01', ph: 6.0, values: { cd: 2.1, zn: 150 } })
    const res = await land.agent.get(`/api/monitoring/points/${point.id}`).expect(200)
    expect(res.body.standard.kind).toBe('gb15618')
    expect(res.body.standard.label).toContain('水田')
    const [r2018, r2021, r2024] = res.body.results
    const cd2018 = r2018.flags.find((f: { key: string }) => f.key === 'cd')
    expect(cd2018).toMatchObject({ level: 'ok', ratio: 1 })
    expect(cd2018.thresholds[0]).toEqual({
      kind: 'screening',
      valueMgKg: 0.3,
      basis: 'GB 15618-2018 表1 镉 水田 pH≤5.5',
    })
    expect(cd2018.thresholds[1]).toEqual({ kind: 'intervention', valueMgKg: 1.5, basis: 'GB 15618-2018 表3 镉 pH≤5.5' })
    expect(r2018.flags.find((f: { key: string }) => f.key === 'as')).toMatchObject({
      level: 'screening',
      label: '超筛选值',
      ratio: 1.03,
    })
    expect(r2021.flags[0]).toMatchObject({ key: 'cd', level: 'screening', ratio: 1.17 })
    expect(r2021.worst).toBe('screening')
    const cd2024 = r2024.flags.find((f: { key: string }) => f.key === 'cd')
    expect(cd2024).toMatchObject({ level: 'intervention', label: '超管制值' })
    expect(cd2024.thresholds.map((t: { valueMgKg: number }) => t.valueMgKg)).toEqual([0.4, 2.0])
    expect(cd2024.message).toContain('超过管制值 2')
    expect(r2024.flags.find((f: { key: string }) => f.key === 'zn')).toMatchObject({
      level: 'ok',
      thresholds: [{ kind: 'screening', valueMgKg: 200 }],
    })
    expect(r2024.worstLabel).toBe('超管制值')
  })

  it('when a soil sample has no pH, then every value is flagged 缺少 pH，无法判定 without a threshold (no default pH)', async () => {
    const point = await freshPoint({ landUse: '0103' })
    await addResultRow(point, { sampledOn: '2022-06-01', ph: null, values: { cd: 5, pb: 20 } })
    const res = await environment.agent.get(`/api/monitoring/points/${point.id}`).expect(200)
    for (const flag of res.body.results[0].flags) {
      expect(flag).toMatchObject({ level: 'no-ph', label: '缺少 pH，无法判定', thresholds: [], ratio: null })
    }
  })

  it('when a point is on industrial land, then GB 36600 第一类用地 values judge it and total Cr is not compared with 六价铬', async () => {
    const point = await freshPoint({ landUse: '0601' })
    await addResultRow(point, { sampledOn: '2023-06-01', ph: 7, values: { pb: 450, cr: 90, as: 20 } })
    const res = await environment.agent.get(`/api/monitoring/points/${point.id}`).expect(200)
    expect(res.body.standard).toMatchObject({ kind: 'gb36600' })
    expect(res.body.standard.label).toContain('第一类用地')
    const flags = Object.fromEntries(res.body.results[0].flags.map((f: { key: string }) => [f.key, f]))
    expect(flags.pb).toMatchObject({ level: 'screening', ratio: 1.13 })
    expect(flags.pb.thresholds).toEqual([
      { kind: 'screening', valueMgKg: 400, basis: 'GB 36600-2018 表1（基本项目） 铅 Pb 第一类用地筛选值' },
      { kind: 'intervention', valueMgKg: 800, basis: 'GB 36600-2018 表1（基本项目） 铅 Pb 第一类用地管制值' },
    ])
    expect(flags.as).toMatchObject({ level: 'ok', ratio: 1 })
    expect(flags.cr).toMatchObject({ level: 'no-standard', thresholds: [] })
    expect(flags.cr.message).toContain('六价铬')
  })

  it('when the construction-land class is set to 第二类, then the second-class values are used', async () => {
    const app2 = createTestApp(db, { monitoring: { ...loadConfig().monitoring, constructionLandClass: 'second' } })
    const s = await signInAs(app2, 'environment')
    const point = await freshPoint({ landUse: '0601' })
    await addResultRow(point, { sampledOn: '2023-06-01', values: { pb: 450 } })
    const res = await s.agent.get(`/api/monitoring/points/${point.id}`).expect(200)
    expect(res.body.results[0].flags[0]).toMatchObject({
      level: 'ok',
      thresholds: [{ valueMgKg: 800 }, { valueMgKg: 2500 }],
    })
  })

  it('when a produce point has a rice result, then it is judged against GB 2762 with the limit and ratio', async () => {
    const point = await freshPoint({ type: 'produce' })
    await addResultRow(point, { sampledOn: '2024-09-01', medium: 'crop', crop: '稻谷', values: { cd: 0.25, pb: 0.1 } })
    const res = await environment.agent.get(`/api/monitoring/points/${point.id}`).expect(200)
    const [crop] = res.body.results
    expect(crop).toMatchObject({ medium: 'crop', mediumName: '农产品', crop: '稻谷', worst: 'limit' })
    expect(crop.flags[0]).toMatchObject({
      key: 'cd',
      level: 'limit',
      label: '超限量',
      ratio: 1.25,
      thresholds: [{ kind: 'limit', valueMgKg: 0.2 }],
    })
    expect(crop.flags[0].thresholds[0].basis).toContain('GB 2762-2022')
    expect(crop.flags[1]).toMatchObject({ key: 'pb', level: 'ok' })
  })

  it('when a point has forest land or no land code, then no standard is applied and the answer says why', async () => {
    const forest = await freshPoint({ landUse: '0301' })
    await addResultRow(forest, { sampledOn: '2023-06-01', ph: 6, values: { cd: 9 } })
    const res = await environment.agent.get(`/api/monitoring/points/${forest.id}`).expect(200)
    expect(res.body.standard.kind).toBe('none')
    expect(res.body.results[0].flags[0]).toMatchObject({ level: 'no-standard' })
    const none = await freshPoint({ landUse: null })
    const res2 = await environment.agent.get(`/api/monitoring/points/${none.id}`).expect(200)
    expect(res2.body.standard.label).toContain('未登记土地利用类型')
  })

  it('when the rights of the caller are asked, then environment edits, farmland enters produce results only, others read', async () => {
    const basic = await freshPoint({ type: 'basic' })
    const produce = await freshPoint({ type: 'produce' })
    expect((await environment.agent.get(`/api/monitoring/points/${basic.id}`)).body.rights).toEqual({
      canEdit: true,
      canEnterResults: true,
    })
    expect((await farmland.agent.get(`/api/monitoring/points/${basic.id}`)).body.rights).toEqual({
      canEdit: false,
      canEnterResults: false,
    })
    expect((await farmland.agent.get(`/api/monitoring/points/${produce.id}`)).body.rights).toEqual({
      canEdit: false,
      canEnterResults: true,
    })
    expect((await land.agent.get(`/api/monitoring/points/${produce.id}`)).body.rights).toEqual({
      canEdit: false,
      canEnterResults: false,
    })
  })

  it('when a point of another county or an unknown point is opened, then 403 naming the county and 404', async () => {
    const other = await freshPoint({ adcode: '220322' })
    const res = await environment.agent.get(`/api/monitoring/points/${other.id}`).expect(403)
    expect(res.body.error.message).toContain('梨树县')
    await environment.agent.get('/api/monitoring/points/999999999').expect(404)
  })
})

describe('POST /api/monitoring/points', () => {
  it("when the environment officer registers a point on a parcel, then it is stored in its county and township with the parcel's land code and a history row", async () => {
    const {
      rows: [p],
    } = await db.query(`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat, dlbm, township_code FROM farmland_parcel
      WHERE adcode = '430903' AND township_code IS NOT NULL ORDER BY id DESC LIMIT 1`)
    const code = unique('430903-JC')
    const res = await post(environment, '/api/monitoring/points')
      .send({ code, name: '新登记点位', level: 'provincial', type: 'risk', lon: p.lon, lat: p.lat })
      .expect(201)
    expect(res.body).toMatchObject({
      adcode: '430903',
      code,
      level: 'provincial',
      levelName: '省控',
      type: 'risk',
      status: 'active',
      landUse: p.dlbm,
      version: 1,
    })
    expect(res.body.township).toBeTruthy()
    const {
      rows: [m],
    } = await db.query(`SELECT township_code::text, created_by FROM monitoring_point WHERE id = $1`, [res.body.id])
    expect(m).toEqual({ township_code: p.township_code, created_by: 'huanjing' })
    const { rows: h } = await db.query(
      `SELECT action, actor FROM change_history WHERE entity = 'monitoring_point' AND entity_id = $1`,
      [res.body.id],
    )
    expect(h).toEqual([{ action: 'create', actor: 'huanjing' }])
  })

  it('when a point is registered and then renamed, then the cached point tile is dropped each time and shows the point with its new name', async () => {
    const [lon, lat] = await spot()
    const { z, x, y } = tileAt(lon, lat, 14)
    const namesIn = async () => {
      const res = await land.agent.get(`/tiles/monitoring-point/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
      expect([200, 204]).toContain(res.status)
      return Object.fromEntries(
        (decodeTile(new Uint8Array(res.body ?? []))['monitoring-point'] ?? []).map((f) => [
          f.properties.code,
          f.properties.name,
        ]),
      )
    }
    const code = unique('430903-JC')
    expect(await namesIn()).not.toHaveProperty(code)
    const res = await post(environment, '/api/monitoring/points')
      .send({ code, name: '瓦片测试点位', level: 'county', type: 'basic', lon, lat })
      .expect(201)
    expect(await namesIn()).toHaveProperty(code, '瓦片测试点位')
    await patch(environment, `/api/monitoring/points/${res.body.id}`)
      .send({ version: 1, name: '瓦片测试点位（改）' })
      .expect(200)
    expect(await namesIn()).toHaveProperty(code, '瓦片测试点位（改）')
  })

  it('when the code is taken, the position lies outside every county, in a county outside the scope or not in the county named, then 409, 422, 403, 422 and nothing is stored', async () => {
    const taken = await freshPoint()
    const [lon, lat] = await spot()
    const dup = await post(environment, '/api/monitoring/points')
      .send({ code: taken.code, name: '重复', level: 'county', type: 'basic', lon, lat })
      .expect(409)
    expect(dup.body.error.message).toContain(taken.code)
    const sea = await post(environment, '/api/monitoring/points')
      .send({ code: unique('X'), name: '海上', level: 'county', type: 'basic', lon: 124, lat: 30 })
      .expect(422)
    expect(sea.body.error.message).toContain('不在任何已登记的区县内')
    const [olon, olat] = await spot('220322')
    const out = await post(environment, '/api/monitoring/points')
      .send({ code: unique('X'), name: '外县', level: 'county', type: 'basic', lon: olon, lat: olat })
      .expect(403)
    expect(out.body.error.code).toBe('OUT_OF_SCOPE')
    const wrong = await post(environment, '/api/monitoring/points')
      .send({ adcode: '220322', code: unique('X'), name: '错县', level: 'county', type: 'basic', lon, lat })
      .expect(422)
    expect(wrong.body.error.message).toContain('不在所选区县')
    const {
      rows: [n],
    } = await db.query(`SELECT count(*) AS n FROM monitoring_point WHERE name IN ('重复', '海上', '外县', '错县')`)
    expect(Number(n.n)).toBe(0)
  })

  it('when the body is incomplete or the farmland officer registers, then 400 naming the field and 403', async () => {
    const [lon, lat] = await spot()
    const bad = await post(environment, '/api/monitoring/points')
      .send({ code: 'A B', name: '', level: 'county', type: 'basic', lon, lat })
      .expect(400)
    expect(bad.body.error.message).toMatch(/点位编号|点位名称/)
    await post(farmland, '/api/monitoring/points')
      .send({ code: unique('X'), name: '农业', level: 'county', type: 'produce', lon, lat })
      .expect(403)
  })
})

describe('PATCH /api/monitoring/points/:id', () => {
  it('when level, type, status and name change with the version read, then the next version is stored with history; an old version gets 409', async () => {
    const point = await freshPoint()
    const res = await patch(environment, `/api/monitoring/points/${point.id}`)
      .send({ version: 1, level: 'city', type: 'risk', status: 'retired', name: '改名点位' })
      .expect(200)
    expect(res.body).toMatchObject({
      version: 2,
      level: 'city',
      type: 'risk',
      status: 'retired',
      statusName: '已撤销',
      name: '改名点位',
    })
    const stale = await patch(environment, `/api/monitoring/points/${point.id}`)
      .send({ version: 1, status: 'active' })
      .expect(409)
    expect(stale.body.error.message).toContain('第 2 版')
    expect(stale.body.error.details).toEqual({
      currentVersion: 2,
      problems: [{ code: 'CONFLICT', message: stale.body.error.message }],
    })
    const { rows } = await db.query(
      `SELECT action, before->>'level' AS before, after->>'level' AS after FROM change_history WHERE entity = 'monitoring_point' AND entity_id = $1`,
      [point.id],
    )
    expect(rows).toEqual([{ action: 'update', before: 'county', after: 'city' }])
  })

  it('when nothing is to change, an unknown status is sent or another role edits, then 400, 400 and 403', async () => {
    const point = await freshPoint()
    expect(
      (await patch(environment, `/api/monitoring/points/${point.id}`).send({ version: 1 }).expect(400)).body.error
        .message,
    ).toContain('没有要修改的内容')
    expect(
      (await patch(environment, `/api/monitoring/points/${point.id}`).send({ version: 1, status: 'gone' }).expect(400))
        .body.error.message,
    ).toContain('在用')
    await patch(farmland, `/api/monitoring/points/${point.id}`).send({ version: 1, status: 'retired' }).expect(403)
  })
})

describe('POST /api/monitoring/points/:id/results', () => {
  it('when a valid soil result is entered, then it is stored with who entered it and answered with its flags', async () => {
    const point = await freshPoint({ landUse: '0101' })
    const res = await post(environment, `/api/monitoring/points/${point.id}/results`)
      .send({
        sampledOn: '2025-05-10',
        medium: 'soil',
        ph: 5.2,
        organicMatterGKg: 25,
        ploughDepthCm: 18,
        values: { cd: 0.45, pb: 30 },
      })
      .expect(201)
    expect(res.body.result).toMatchObject({
      sampledOn: '2025-05-10',
      ph: 5.2,
      organicMatterGKg: 25,
      ploughDepthCm: 18,
      worst: 'screening',
      enteredBy: 'huanjing',
    })
    expect(res.body.point.results).toHaveLength(1)
    const {
      rows: [r],
    } = await db.query(`SELECT values_mg_kg, entered_by FROM monitoring_result WHERE point_id = $1`, [point.id])
    expect(r).toEqual({ values_mg_kg: { cd: 0.45, pb: 30 }, entered_by: 'huanjing' })
  })

  it('when pH is 15, a value is not a number, the date lies in the future or the unit looks wrong, then 400 naming each field and nothing is stored', async () => {
    const point = await freshPoint()
    const res = await post(environment, `/api/monitoring/points/${point.id}/results`)
      .send({ sampledOn: '2999-01-01', ph: 15, values: { cd: 'abc', pb: 50000 } })
      .expect(400)
    const msg = res.body.error.message
    expect(msg).toContain('「pH」：数值 15 超出合理范围')
    expect(msg).toContain('「镉」：数值「abc」不是数字')
    expect(msg).toContain('「采样日期」：2999-01-01 晚于今天')
    expect(msg).toContain('「铅」：数值 50000 超出合理范围')
    expect(res.body.error.details.problems.map((d: { field: string }) => d.field).sort()).toEqual([
      'cd',
      'pb',
      'ph',
      'sampledOn',
    ])
    expect(await resultCount([point.id])).toBe(0)
  })

  it('when a crop result has no crop name or carries soil fields, then 400', async () => {
    const point = await freshPoint({ type: 'produce' })
    const res = await post(environment, `/api/monitoring/points/${point.id}/results`)
      .send({ sampledOn: '2024-09-01', medium: 'crop', ph: 6, values: { zn: 1 } })
      .expect(400)
    expect(res.body.error.message).toContain('「作物」')
    expect(res.body.error.message).toContain('「pH」：是土壤指标')
    expect(res.body.error.message).toContain('「锌」')
  })

  it('when the same point, date and medium is entered twice, then the second gets 409 and one result stays', async () => {
    const point = await freshPoint()
    const body = { sampledOn: '2024-05-10', ph: 6, values: { cd: 0.2 } }
    await post(environment, `/api/monitoring/points/${point.id}/results`).send(body).expect(201)
    const res = await post(environment, `/api/monitoring/points/${point.id}/results`).send(body).expect(409)
    expect(res.body.error.message).toContain('已录入，不能重复录入')
    expect(await resultCount([point.id])).toBe(1)
  })

  it('when the point is planned, then 409 saying it is not yet in service', async () => {
    const point = await freshPoint({ status: 'planned' })
    const res = await post(environment, `/api/monitoring/points/${point.id}/results`)
      .send({ sampledOn: '2024-05-10', ph: 6, values: { cd: 0.2 } })
      .expect(409)
    expect(res.body.error.message).toContain('规划点位')
  })

  it('when the farmland officer enters at a produce point and at a basic point, then 201 and 403 naming the point type; the land officer gets 403', async () => {
    const produce = await freshPoint({ type: 'produce' })
    const basic = await freshPoint({ type: 'basic' })
    await post(farmland, `/api/monitoring/points/${produce.id}/results`)
      .send({ sampledOn: '2024-09-01', medium: 'crop', crop: '稻谷', values: { cd: 0.1 } })
      .expect(201)
    const res = await post(farmland, `/api/monitoring/points/${basic.id}/results`)
      .send({ sampledOn: '2024-09-01', ph: 6, values: { cd: 0.1 } })
      .expect(403)
    expect(res.body.error.message).toContain('只能录入农产品产地点位')
    await post(land, `/api/monitoring/points/${produce.id}/results`)
      .send({ sampledOn: '2024-09-02', medium: 'crop', crop: '稻谷', values: { cd: 0.1 } })
      .expect(403)
    expect(await resultCount([basic.id])).toBe(0)
  })
})

describe('import template', () => {
  it('when the XLSX template is downloaded, then it has the columns with units, an example row marked 示例 and a 说明 sheet naming every column', async () => {
    const res = await land.agent.get('/api/monitoring/import-template.xlsx').buffer(true).parse(binary).expect(200)
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''")
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.body)
    const sheet = book.getWorksheet('监测结果')!
    const header = (sheet.getRow(1).values as string[]).slice(1)
    expect(header.slice(0, 4)).toEqual(['点位编号', '采样日期', '介质', '作物'])
    expect(header).toContain('镉（mg/kg）')
    expect(header).toContain('有机质（g/kg）')
    expect(String(sheet.getRow(2).getCell(header.length).value)).toBe('示例')
    const notes = book.getWorksheet('说明')!
    const names: string[] = []
    notes.eachRow((row) => names.push(String(row.getCell(1).value)))
    for (const column of [
      '点位编号',
      '采样日期',
      '介质',
      '作物',
      'pH',
      '有机质',
      '耕层厚度',
      '镉',
      '汞',
      '砷',
      '铅',
      '铬',
      '铜',
      '镍',
      '锌',
      '备注',
    ])
      expect(names).toContain(column)
  })

  it('when the CSV template is downloaded, then it is UTF-8 with a BOM, the header and the example row', async () => {
    const res = await land.agent.get('/api/monitoring/import-template.csv').buffer(true).parse(binary).expect(200)
    const text = Buffer.from(res.body).toString('utf8')
    expect(text.startsWith('\uFEFF点位编号,采样日期,介质,作物,pH,有机质（g/kg）')).toBe(true)
    expect(text.split('\r\n')[1].endsWith(',示例')).toBe(true)
  })
})

describe('POST /api/monitoring/import', () => {
  const HEADER = '点位编号,采样日期,介质,作物,pH,有机质（g/kg）,镉（mg/kg）,铅（mg/kg）'
  const csv = (...lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8')
  const send = (s: Session, query: string, bytes: Buffer, name = '结果.csv') =>
    post(s, `/api/monitoring/import?${query}`).attach('file', bytes, { filename: name })

  it('when one row of a file has a bad value and the mode is all, then 422 with the row report and nothing is written', async () => {
    const a = await freshPoint()
    const b = await freshPoint()
    const file = csv(
      `${a.code},2024-05-01,土壤,,6.1,25,0.2,30`,
      `${b.code},2024-05-02,土壤,,6.0,24,abc,31`,
      `${b.code},2024-05-03,,,5.9,,0.5,`,
    )
    const res = await send(environment, 'mode=all', file).expect(422)
    expect(res.body.error.code).toBe('IMPORT_REJECTED')
    expect(res.body.error.message).toContain('未导入任何结果')
    expect(res.body.error.details).toMatchObject({ rows: 3, imported: 0, failed: 1, importId: null })
    expect(res.body.error.details.errors).toEqual([
      { row: 3, column: '镉', message: '第 3 行「镉」：数值「abc」不是数字' },
    ])
    expect(await resultCount([a.id, b.id])).toBe(0)
  })

  it('when the same file is tried as a dry run, then the report comes with 200 and nothing is written; valid-only then imports the good rows and records the import', async () => {
    const a = await freshPoint()
    const b = await freshPoint()
    const file = csv(
      `${a.code},2024-05-01,土壤,,6.1,25,0.2,30`,
      `${b.code},2024-05-02,土壤,,6.0,24,abc,31`,
      `${b.code},2024-05-03,,,5.9,,0.5,`,
    )
    const dry = await send(environment, 'mode=valid-only&dryRun=true', file).expect(200)
    expect(dry.body).toMatchObject({ isDryRun: true, rows: 3, imported: 2, failed: 1, importId: null })
    expect(await resultCount([a.id, b.id])).toBe(0)
    const res = await send(environment, 'mode=valid-only', file, '监测结果2024.csv').expect(201)
    expect(res.body).toMatchObject({ isDryRun: false, rows: 3, imported: 2, failed: 1, fileName: '监测结果2024.csv' })
    expect(await resultCount([a.id, b.id])).toBe(2)
    const {
      rows: [imp],
    } = await db.query(
      `SELECT file_name, mode, rows_total, rows_imported, rows_failed, errors, imported_by FROM monitoring_import WHERE id = $1`,
      [res.body.importId],
    )
    expect(imp).toMatchObject({
      file_name: '监测结果2024.csv',
      mode: 'valid-only',
      rows_total: 3,
      rows_imported: 2,
      rows_failed: 1,
      imported_by: 'huanjing',
    })
    expect(imp.errors[0].message).toBe('第 3 行「镉」：数值「abc」不是数字')
    const { rows: written } = await db.query(
      `SELECT import_id, entered_by, medium FROM monitoring_result WHERE point_id = ANY ($1::bigint[])`,
      [[a.id, b.id]],
    )
    expect(
      written.every(
        (w) => Number(w.import_id) === res.body.importId && w.entered_by === 'huanjing' && w.medium === 'soil',
      ),
    ).toBe(true)
  })

  it('when rows name an unknown point, a point of another county, a planned point, repeat a row or a stored result, then each row is refused with its reason', async () => {
    const mine = await freshPoint()
    const planned = await freshPoint({ status: 'planned' })
    const other = await freshPoint({ adcode: '220322' })
    await addResultRow(mine, { sampledOn: '2020-05-01', ph: 6, values: { cd: 0.1 } })
    const file = csv(
      'NO-SUCH-POINT,2024-05-01,土壤,,6,,0.2,',
      `${other.code},2024-05-01,土壤,,6,,0.2,`,
      `${planned.code},2024-05-01,土壤,,6,,0.2,`,
      `${mine.code},2024-05-01,土壤,,6,,0.2,`,
      `${mine.code},2024-05-01,土壤,,6,,0.3,`,
      `${mine.code},2020-05-01,土壤,,6,,0.3,`,
      `${mine.code},2024-05-01,农产品,稻谷,,,0.1,`,
    )
    const res = await send(environment, 'mode=valid-only', file).expect(201)
    const byRow = Object.fromEntries(res.body.errors.map((e: { row: number; message: string }) => [e.row, e.message]))
    expect(byRow[2]).toBe('第 2 行「点位编号」：没有编号为「NO-SUCH-POINT」的监测点位')
    expect(byRow[3]).toBe(`第 3 行「点位编号」：没有编号为「${other.code}」的监测点位`)
    expect(byRow[4]).toContain('规划点位')
    expect(byRow[5]).toBeUndefined()
    expect(byRow[6]).toContain('与第 5 行重复')
    expect(byRow[7]).toContain('已录入，不能重复导入')
    expect(byRow[8]).toBeUndefined()
    expect(res.body).toMatchObject({ rows: 7, imported: 2, failed: 5 })
    expect(await resultCount([mine.id])).toBe(3)
    expect(await resultCount([planned.id, other.id])).toBe(0)
  })

  it('when an officer of 梨树县 imports a row for a point of 赫山区, dry run or real, then the row is refused exactly as an unknown code and 赫山区 is never named', async () => {
    const heshan = await freshPoint({ adcode: '430903' })
    const unknown = unique('430903-JC')
    const lishu = await signInNewUser(app, db, { role: 'environment', scopes: ['220322'] })
    const file = csv(`${heshan.code},2024-05-01,土壤,,6,,0.2,`, `${unknown},2024-05-01,土壤,,6,,0.2,`)
    const dry = await send(lishu, 'mode=valid-only&dryRun=true', file).expect(200)
    const real = await send(lishu, 'mode=valid-only', file).expect(422)
    for (const report of [dry.body, real.body.error.details]) {
      const [other, none] = report.errors
      expect(other).toEqual({
        row: 2,
        column: '点位编号',
        message: `第 2 行「点位编号」：没有编号为「${heshan.code}」的监测点位`,
      })
      expect(none).toEqual({
        row: 3,
        column: '点位编号',
        message: `第 3 行「点位编号」：没有编号为「${unknown}」的监测点位`,
      })
      expect(JSON.stringify(report)).not.toContain('赫山区')
    }
    expect(JSON.stringify(real.body)).not.toContain('赫山区')
    expect(await resultCount([heshan.id])).toBe(0)
  })

  it('when the farmland officer imports rows of a produce and a basic point, then only the produce row is imported', async () => {
    const produce = await freshPoint({ type: 'produce' })
    const basic = await freshPoint({ type: 'basic' })
    const res = await send(
      farmland,
      'mode=valid-only',
      csv(`${produce.code},2024-09-01,农产品,稻谷,,,0.1,0.05`, `${basic.code},2024-09-01,土壤,,6,,0.2,`),
    ).expect(201)
    expect(res.body).toMatchObject({ imported: 1, failed: 1 })
    expect(res.body.errors[0].message).toContain('耕地管理员只能录入农产品产地点位的结果')
  })

  it('when an XLSX file (the template filled in, example row kept) and a CSV without BOM are imported, then both are read', async () => {
    const point = await freshPoint()
    const template = await land.agent.get('/api/monitoring/import-template.xlsx').buffer(true).parse(binary).expect(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(template.body)
    const sheet = book.getWorksheet('监测结果')!
    sheet.addRow([point.code, new Date(Date.UTC(2023, 4, 6)), '土壤', null, 6.3, 30, 21, 0.25, 0.1])
    const xlsx = Buffer.from(await book.xlsx.writeBuffer())
    const res = await send(environment, 'mode=all', xlsx, '结果.xlsx').expect(201)
    expect(res.body).toMatchObject({ rows: 1, imported: 1, failed: 0 })
    const {
      rows: [r],
    } = await db.query(
      `SELECT to_char(sampled_on, 'YYYY-MM-DD') AS d, ph, organic_matter_g_kg, plough_depth_cm, values_mg_kg FROM monitoring_result WHERE point_id = $1`,
      [point.id],
    )
    expect(r).toEqual({
      d: '2023-05-06',
      ph: 6.3,
      organic_matter_g_kg: 30,
      plough_depth_cm: 21,
      values_mg_kg: { cd: 0.25, hg: 0.1 },
    })
    const noBom = Buffer.from(`${HEADER}\n${point.code},2024/5/7,土壤,,6.2,,0.3,\n`, 'utf8')
    expect((await send(environment, 'mode=all', noBom).expect(201)).body.imported).toBe(1)
  })

  it('when the file is GBK, has unknown headers, no data rows or another extension, then 400 with what to do', async () => {
    const gbk = Buffer.from([0xb5, 0xe3, 0xce, 0xbb, 0xb1, 0xe0, 0xba, 0xc5, 0x0d, 0x0a])
    expect((await send(environment, 'mode=all', gbk).expect(400)).body.error.message).toContain('CSV UTF-8')
    expect(
      (await send(environment, 'mode=all', Buffer.from('点位编号,采样日期,钡\r\n')).expect(400)).body.error.message,
    ).toContain('「钡」')
    expect(
      (await send(environment, 'mode=all', Buffer.from(`${HEADER}\r\n`)).expect(400)).body.error.message,
    ).toContain('没有数据行')
    expect((await send(environment, 'mode=all', Buffer.from('x'), 'a.txt').expect(400)).body.error.message).toContain(
      '.xlsx 或 .csv',
    )
    expect((await send(environment, 'mode=everything', csv()).expect(400)).body.error.message).toContain('仅导入有效行')
  })

  it('when the file is over the size limit, then 413 with the limit in the message', async () => {
    const small = createTestApp(db, { monitoring: { ...loadConfig().monitoring, importMaxBytes: 1024 } })
    const s = await signInAs(small, 'environment')
    const res = await post(s, '/api/monitoring/import?mode=all')
      .attach('file', Buffer.alloc(4096, 0x41), { filename: 'big.csv' })
      .expect(413)
    expect(res.body.error.message).toContain('文件过大')
  })
})

/** Reads a binary answer into a Buffer (supertest leaves unknown types unparsed). */
function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { INDICATOR_EXPORT_COLUMNS } from '../../server/src/services/indicators-export.service.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'
import { TargetRow } from '../../contracts/indicators.ts'
import { readContract } from '../support/contract.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let admin: Session
let lishu: Session
const createdTargets: number[] = []

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  admin = await signInAs(app, 'admin')
  lishu = await signInNewUser(app, db, { role: 'farmland', scopes: ['220322'] })
})
afterAll(async () => {
  if (createdTargets.length)
    await db.query(`DELETE FROM indicator_target WHERE id = ANY($1::bigint[])`, [createdTargets])
  await db.close()
})

/** B, C, D and E of 赫山区 in a year by the strictest-measure rule, summed in SQL independently of the server. */
async function independentFigures(adcode: string, year: number) {
  const {
    rows: [r],
  } = await db.query(
    `
    WITH a AS (
      SELECT a.area_m2, a.pollution_degree AS degree, a.produce_compliant AS ok,
             (SELECT max(CASE m.bucket WHEN 'strict' THEN 3 WHEN 'safe_use' THEN 2 ELSE 1 END) FROM safe_use_measure m
              WHERE m.adcode = a.adcode AND m.account_id = a.id) AS rank
      FROM safe_use_account a WHERE a.adcode = $1 AND a.year = $2
    )
    SELECT coalesce(sum(area_m2) FILTER (WHERE rank = 1 AND degree = 'slight'), 0) AS b,
           coalesce(sum(area_m2) FILTER (WHERE rank = 2 AND degree <> 'severe' AND ok), 0) AS c,
           coalesce(sum(area_m2) FILTER (WHERE rank = 3), 0) AS d,
           coalesce(sum(area_m2), 0) AS e, count(*)::int AS n
    FROM a`,
    [adcode, year],
  )
  return r as { b: number; c: number; d: number; e: number; n: number }
}

describe('受污染耕地安全利用率', () => {
  it('when 赫山区 2025 is read, then B, C, D, E and A equal sums taken in SQL by the same rule', async () => {
    const res = await farmland.agent.get('/api/indicators/farmland?year=2025').expect(200)
    expect(res.body.rule.code).toBe('strictest')
    const heshan = res.body.counties.find((c: any) => c.adcode === '430903')
    const sql = await independentFigures('430903', 2025)
    expect(sql.n).toBeGreaterThan(0)
    expect(heshan.B.areaM2).toBeCloseTo(sql.b, 1)
    expect(heshan.C.areaM2).toBeCloseTo(sql.c, 1)
    expect(heshan.D.areaM2).toBeCloseTo(sql.d, 1)
    expect(heshan.E.areaM2).toBeCloseTo(sql.e, 1)
    expect(heshan.E.count).toBe(sql.n)
    expect(heshan.E.areaMu).toBeCloseTo(sql.e * 0.0015, 1)
    expect(heshan.ratePct).toBeCloseTo(Math.round(((sql.b + sql.c + sql.d) / sql.e) * 1000) / 10, 5)
    expect(res.body.years).toEqual([2025, 2020])
  })

  it('when the rows behind B, C, D, E and the uncounted area are opened, then each set sums to its figure and B, C, D and the rest split E', async () => {
    const { body } = await farmland.agent.get('/api/indicators/farmland?year=2025&adcode=430903').expect(200)
    const figures = body.counties[0]
    const ids: Record<string, number[]> = {}
    for (const term of ['B', 'C', 'D', 'E', 'none']) {
      const rows = (
        await farmland.agent.get(`/api/indicators/farmland/rows?adcode=430903&year=2025&term=${term}`).expect(200)
      ).body
      const figure = term === 'none' ? figures.notCounted : figures[term]
      expect(rows.rows).toHaveLength(figure.count)
      expect(rows.total.count).toBe(figure.count)
      expect(rows.rows.reduce((s: number, r: any) => s + r.areaM2, 0)).toBeCloseTo(figure.areaM2, 1)
      expect(rows.isTruncated).toBe(false)
      for (const r of rows.rows) expect(r.term ?? 'none').toBe(term === 'E' ? (r.term ?? 'none') : term)
      ids[term] = rows.rows.map((r: any) => r.id)
    }
    expect([...ids.B, ...ids.C, ...ids.D, ...ids.none].sort()).toEqual([...ids.E].sort())
    const withMeasures = (
      await farmland.agent.get('/api/indicators/farmland/rows?adcode=430903&year=2025&term=D').expect(200)
    ).body.rows[0]
    if (withMeasures)
      expect(withMeasures.measures.some((m: any) => m.bucket === 'strict' && m.bucketName === '严格管控类措施')).toBe(
        true,
      )
  })

  it('when the city 益阳市 is read, then its figures are the sums of the counties of the scope in it, and it says how many those are', async () => {
    const { body } = await farmland.agent.get('/api/indicators/farmland?year=2025').expect(200)
    const city = body.cities.find((c: any) => c.cityCode === '430900')
    const counties = body.counties.filter((c: any) => c.cityCode === '430900')
    expect(city.countiesIncluded).toBe(counties.length)
    expect(city.countiesInCity).toBeGreaterThanOrEqual(counties.length)
    expect(city.E.areaM2).toBeCloseTo(
      counties.reduce((s: number, c: any) => s + c.E.areaM2, 0),
      1,
    )
    const rows = (await farmland.agent.get('/api/indicators/farmland/rows?adcode=430900&year=2025&term=B').expect(200))
      .body
    expect(rows.total.count).toBe(city.B.count)
  })

  it("when 赫山区 is read for 2020 and 2025, then 益阳市's 91 % applies in 2020 and the national 93 % 左右 in 2025, with the source, and met follows the rate", async () => {
    const y2020 = (await farmland.agent.get('/api/indicators/farmland?year=2020&adcode=430903').expect(200)).body
      .counties[0]
    expect(y2020.target).toMatchObject({
      jurisdiction: '430900',
      jurisdictionName: '益阳市',
      levelName: '市级',
      year: 2020,
      targetPct: 91,
    })
    expect(y2020.target.source).toContain('益阳市')
    expect(y2020.isMet).toBe(y2020.ratePct >= 91)
    const y2025 = (await farmland.agent.get('/api/indicators/farmland?year=2025&adcode=430903').expect(200)).body
      .counties[0]
    expect(y2025.target).toMatchObject({
      jurisdiction: '000000',
      jurisdictionName: '全国',
      year: 2025,
      targetPct: 93,
      comparatorName: '左右',
    })
    expect(y2025.isMet).toBe(y2025.ratePct >= 93)
  })

  it('when the term rule is set to the degree, then a parcel with strict and safe-use measures moves between C and D but E is unchanged and still split once', async () => {
    const degreeApp = createTestApp(db, { indicators: { ...loadConfig().indicators, farmlandTermRule: 'degree' } })
    const session = await signInAs(degreeApp, 'farmland')
    const { body } = await session.agent.get('/api/indicators/farmland?year=2025&adcode=430903').expect(200)
    const c = body.counties[0]
    expect(body.rule.code).toBe('degree')
    expect(c.E.areaM2).toBeCloseTo((await independentFigures('430903', 2025)).e, 1)
    expect(c.B.areaM2 + c.C.areaM2 + c.D.areaM2 + c.notCounted.areaM2).toBeCloseTo(c.E.areaM2, 1)
  })

  it('when a county outside the scope, an unknown code or an unknown term is asked for, then 403, 404 and 400 with Chinese messages', async () => {
    const out = await farmland.agent.get('/api/indicators/farmland/rows?adcode=220322&year=2025&term=E').expect(403)
    expect(out.body.error).toMatchObject({ code: 'OUT_OF_SCOPE' })
    expect(out.body.error.message).toContain('梨树县')
    expect(
      (await farmland.agent.get('/api/indicators/farmland/rows?adcode=220300&year=2025&term=E').expect(403)).body.error
        .message,
    ).toContain('四平市')
    expect(
      (await farmland.agent.get('/api/indicators/farmland/rows?adcode=999999&year=2025&term=E').expect(404)).body.error
        .message,
    ).toContain('999999')
    expect(
      (await farmland.agent.get('/api/indicators/farmland/rows?adcode=430903&year=2025&term=X').expect(400)).body.error
        .message,
    ).toContain('核算项')
    expect((await farmland.agent.get('/api/indicators/farmland?year=20x5').expect(400)).body.error.message).toContain(
      '年份',
    )
  })
})

describe('污染地块安全利用率', () => {
  it('when 赫山区 2025 is read, then the count of redeveloped plots up to 2025 and of those meeting the requirement equal SQL counts, and the rows sum to them', async () => {
    const { body } = await farmland.agent.get('/api/indicators/plots?year=2025&adcode=430903').expect(200)
    const c = body.counties[0]
    const {
      rows: [r],
    } =
      await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE meets_requirement)::int AS met, coalesce(sum(area_m2), 0) AS area
      FROM plot_redevelopment WHERE adcode = '430903' AND year <= 2025`)
    expect(r.n).toBeGreaterThan(0)
    expect(c.total.count).toBe(r.n)
    expect(c.met.count).toBe(r.met)
    expect(c.total.areaM2).toBeCloseTo(r.area, 1)
    expect(body.basis.code).toBe('count')
    expect(c.ratePct).toBeCloseTo(Math.round((r.met / r.n) * 1000) / 10, 5)
    expect(c.target).toMatchObject({ jurisdiction: '000000', year: 2030, targetPct: 95 })
    for (const term of ['total', 'met', 'unmet'] as const) {
      const rows = (
        await farmland.agent.get(`/api/indicators/plots/rows?adcode=430903&year=2025&term=${term}`).expect(200)
      ).body
      expect(rows.rows).toHaveLength(c[term].count)
      expect(rows.rows.reduce((s: number, x: any) => s + x.areaM2, 0)).toBeCloseTo(c[term].areaM2, 1)
      for (const x of rows.rows) {
        expect(x.isGenerated).toBe(true)
        expect(x.basis).toBeTruthy()
        if (term !== 'total') expect(x.meetsRequirement).toBe(term === 'met')
      }
    }
  })

  it('when 2020 is read, then only plots redeveloped up to 2020 count and the national 2020 target ≥ 90 % applies', async () => {
    const c = (await farmland.agent.get('/api/indicators/plots?year=2020&adcode=430903').expect(200)).body.counties[0]
    const {
      rows: [r],
    } = await db.query(`SELECT count(*)::int AS n FROM plot_redevelopment WHERE adcode = '430903' AND year <= 2020`)
    expect(c.total.count).toBe(r.n)
    expect(c.target).toMatchObject({ jurisdiction: '000000', year: 2020, targetPct: 90, comparatorName: '不低于' })
  })
})

describe('targets', () => {
  it("when the administrator sets a county target, then it is stored with a version and wins over the city's for 赫山区", async () => {
    const res = await admin.agent
      .post('/api/indicators/targets')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({
        jurisdiction: '430903',
        indicator: 'farmland',
        year: 2020,
        targetPct: 92.5,
        comparator: 'at_least',
        source: '赫山区测试规划',
      })
      .expect(201)
    createdTargets.push(readContract(TargetRow, res.body).id)
    expect(res.body).toMatchObject({
      jurisdictionName: '赫山区',
      levelName: '县级',
      version: 1,
      confidence: 'R',
      updatedBy: 'admin',
    })
    const c = (await farmland.agent.get('/api/indicators/farmland?year=2020&adcode=430903').expect(200)).body
      .counties[0]
    expect(c.target).toMatchObject({ jurisdiction: '430903', targetPct: 92.5, source: '赫山区测试规划' })
    await db.query(`DELETE FROM indicator_target WHERE id = $1`, [res.body.id])
  })

  it('when a target is edited at its version, then it changes and the history has it; at an old version, then 409 with the current one', async () => {
    const created = await admin.agent
      .post('/api/indicators/targets')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({
        jurisdiction: '430900',
        indicator: 'plot',
        year: 2019,
        targetPct: 90,
        comparator: 'at_least',
        source: '益阳市测试规划',
      })
      .expect(201)
    createdTargets.push(created.body.id)
    const edited = await admin.agent
      .patch(`/api/indicators/targets/${created.body.id}`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ targetPct: 96, comparator: 'about', source: '益阳市测试规划（修订）', version: 1 })
      .expect(200)
    expect(readContract(TargetRow, edited.body)).toMatchObject({ targetPct: 96, comparator: 'about', version: 2 })
    const stale = await admin.agent
      .patch(`/api/indicators/targets/${created.body.id}`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ targetPct: 97, comparator: 'about', source: '另一次修改', version: 1 })
      .expect(409)
    expect(stale.body.error.message).toContain('已被 admin 修改')
    expect(stale.body.error.details.current).toMatchObject({ targetPct: 96, version: 2 })
    const { rows } = await db.query(
      `SELECT action, before, after FROM change_history WHERE entity = 'indicator_target' AND entity_id = $1 ORDER BY id`,
      [created.body.id],
    )
    expect(rows.map((r) => r.action)).toEqual(['create', 'update'])
    expect(rows[1].before.targetPct).toBe(90)
    expect(rows[1].after.targetPct).toBe(96)
  })

  it("when a target is out of 0–100, of an unknown jurisdiction, already set, outside the administrator's scope or sent by another role, then it is refused with a message and nothing is written", async () => {
    const {
      rows: [before],
    } = await db.query(`SELECT count(*)::int AS n FROM indicator_target`)
    const send = (s: Session, body: object) =>
      s.agent.post('/api/indicators/targets').set('X-CSRF-Token', s.csrfToken).send(body)
    const base = {
      jurisdiction: '430903',
      indicator: 'farmland',
      year: 2034,
      targetPct: 90,
      comparator: 'at_least',
      source: '测试规划',
    }
    expect((await send(admin, { ...base, targetPct: 101 }).expect(400)).body.error.message).toContain('0–100')
    expect((await send(admin, { ...base, jurisdiction: '999900' }).expect(400)).body.error.message).toContain('999900')
    expect(
      (await send(admin, { ...base, jurisdiction: '000000', year: 2020 }).expect(409)).body.error.message,
    ).toContain('全国已有 2020 年的受污染耕地安全利用率目标')
    const out = await send(admin, { ...base, jurisdiction: '220300' }).expect(403)
    expect(out.body.error).toMatchObject({ code: 'OUT_OF_SCOPE' })
    expect(out.body.error.message).toContain('四平市')
    expect((await send(farmland, base).expect(403)).body.error.code).toBe('FORBIDDEN')
    expect((await send(admin, { ...base, source: '' }).expect(400)).body.error.message).toContain('目标依据')
    const {
      rows: [after],
    } = await db.query(`SELECT count(*)::int AS n FROM indicator_target`)
    expect(after.n).toBe(before.n)
  })

  it('when the targets are listed, then the seeded plan targets are there with their jurisdiction names and sources', async () => {
    const { body } = await farmland.agent.get('/api/indicators/targets').expect(200)
    const find = (j: string, i: string, y: number) =>
      body.targets.find((t: any) => t.jurisdiction === j && t.indicator === i && t.year === y)
    expect(find('000000', 'farmland', 2020)).toMatchObject({
      targetPct: 90,
      comparator: 'about',
      confidence: 'V',
      jurisdictionName: '全国',
    })
    expect(find('000000', 'farmland', 2025)).toMatchObject({ targetPct: 93, comparator: 'about', confidence: 'S' })
    expect(find('000000', 'farmland', 2030)).toMatchObject({ targetPct: 95, comparator: 'at_least' })
    expect(find('430900', 'farmland', 2020)).toMatchObject({ targetPct: 91, jurisdictionName: '益阳市' })
    expect(find('511700', 'farmland', 2020)).toMatchObject({ targetPct: 94 })
    expect(find('000000', 'plot', 2020)).toMatchObject({ targetPct: 90 })
    expect(find('000000', 'plot', 2030)).toMatchObject({ targetPct: 95 })
    expect(body.jurisdictions.map((j: any) => j.code)).toEqual(
      expect.arrayContaining(['000000', '430000', '430900', '430903', '220300', '220322']),
    )
  })
})

describe('黑土区 local indicator', () => {
  it("when 梨树县 is read by an officer of it, then each township's share equals a count of its cropland points' latest results meeting both thresholds", async () => {
    const { body } = await lishu.agent.get('/api/indicators/black-soil?adcode=220322').expect(200)
    expect(body.settings).toMatchObject({ minOrganicMatterGKg: 20, minPloughDepthCm: 20 })
    // unverified, and said so in an officer's words rather than a developer's mark
    expect(body.settings.source).toContain('待核实')
    expect(body.settings.source).not.toContain('R 待核实')
    const { rows } = await db.query(`
      SELECT coalesce(p.township_code, '') AS township, count(*)::int AS points,
             count(*) FILTER (WHERE r.organic_matter_g_kg >= 20 AND r.plough_depth_cm >= 20)::int AS meeting,
             count(*) FILTER (WHERE r.organic_matter_g_kg IS NOT NULL AND r.plough_depth_cm IS NOT NULL)::int AS judged
      FROM monitoring_point p
      LEFT JOIN LATERAL (SELECT organic_matter_g_kg, plough_depth_cm FROM monitoring_result
                         WHERE adcode = p.adcode AND point_id = p.id AND medium = 'soil' ORDER BY sampled_on DESC, id DESC LIMIT 1) r ON true
      WHERE p.adcode = '220322' AND p.land_use LIKE '01%' AND p.status <> 'planned'
      GROUP BY 1`)
    expect(rows.length).toBeGreaterThan(0)
    expect(body.townships).toHaveLength(rows.length)
    for (const r of rows) {
      const t = body.townships.find((x: any) => (x.code ?? '') === r.township.trim())
      expect(t, r.township).toBeTruthy()
      expect(t).toMatchObject({ pointCount: r.points, meeting: r.meeting, judged: r.judged })
      expect(t.points).toHaveLength(r.points)
      for (const p of t.points) expect(p.reasons.length).toBeGreaterThan(0)
    }
    expect(body.total.pointCount).toBe(rows.reduce((s, r) => s + r.points, 0))
  })

  it("when a cropland point's latest result has no plough-layer depth, then it is listed as not judged with that reason", async () => {
    const {
      rows: [p],
    } = await db.query(
      `SELECT id FROM monitoring_point WHERE adcode = '220322' AND land_use LIKE '01%' ORDER BY id LIMIT 1`,
    )
    const {
      rows: [r],
    } = await db.query(
      `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, organic_matter_g_kg, values_mg_kg)
      VALUES ('220322', $1, DATE '2026-06-01', 'soil', 31, '{}') RETURNING id`,
      [p.id],
    )
    try {
      const { body } = await lishu.agent.get('/api/indicators/black-soil?adcode=220322').expect(200)
      const point = body.townships.flatMap((t: any) => t.points).find((x: any) => x.id === p.id)
      expect(point).toMatchObject({
        judged: false,
        meets: null,
        sampledOn: '2026-06-01',
        reasons: ['缺少耕层厚度，无法判定'],
      })
      const y2025 = (await lishu.agent.get('/api/indicators/black-soil?adcode=220322&year=2025').expect(200)).body
      expect(y2025.townships.flatMap((t: any) => t.points).find((x: any) => x.id === p.id).sampledOn).not.toBe(
        '2026-06-01',
      )
    } finally {
      await db.query(`DELETE FROM monitoring_result WHERE adcode = '220322' AND id = $1`, [r.id])
    }
  })

  it('when the indicator is asked for a county without it or outside the scope, then 404 and 403 name the county', async () => {
    expect(
      (await farmland.agent.get('/api/indicators/black-soil?adcode=430903').expect(404)).body.error.message,
    ).toContain('赫山区')
    expect(
      (await farmland.agent.get('/api/indicators/black-soil?adcode=220322').expect(403)).body.error.message,
    ).toContain('梨树县')
  })

  it('when the farmland page is read by an officer of 梨树县, then it names 梨树县 as a black-soil county of the scope', async () => {
    const { body } = await lishu.agent.get('/api/indicators/farmland').expect(200)
    expect(body.blackSoilCounties).toEqual([{ adcode: '220322', name: '梨树县' }])
    expect((await farmland.agent.get('/api/indicators/farmland').expect(200)).body.blackSoilCounties).toEqual([])
  })
})

describe('export', () => {
  it('when the table is exported as CSV, then it has a BOM, the Chinese headers, and the figures of the dashboard', async () => {
    const res = await farmland.agent
      .get('/api/indicators/export.csv?year=2025')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => cb(null, Buffer.concat(chunks)))
      })
      .expect(200)
    expect(res.headers['content-type']).toContain('text/csv')
    expect(res.headers['content-disposition']).toContain('safe-use-rates_2025.csv')
    const text = (res.body as Buffer).toString('utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const lines = text
      .slice(1)
      .trim()
      .split('\r\n')
      .map((l) => l.split(','))
    expect(lines[0]).toEqual([...INDICATOR_EXPORT_COLUMNS])
    const heshan = lines.find((l) => l[1] === '430903')!
    const figures = (await farmland.agent.get('/api/indicators/farmland?year=2025&adcode=430903').expect(200)).body
      .counties[0]
    expect(Number(heshan[7])).toBeCloseTo(figures.E.areaMu, 2)
    expect(Number(heshan[9])).toBe(figures.ratePct)
    expect(heshan[12]).toBe(figures.isMet ? '达标' : '未达标')
    expect(lines.some((l) => l[1] === '430900' && l[0].startsWith('地级市'))).toBe(true)
  })

  it('when the table is exported as XLSX, then it opens with a 安全利用率 sheet holding the same figures and a 说明 sheet', async () => {
    const res = await farmland.agent
      .get('/api/indicators/export.xlsx?year=2020')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c))
        r.on('end', () => cb(null, Buffer.concat(chunks)))
      })
      .expect(200)
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(res.body)
    const sheet = book.getWorksheet('安全利用率')!
    expect(sheet.getRow(1).getCell(10).value).toBe('受污染耕地安全利用率 A（%）')
    const figures = (await farmland.agent.get('/api/indicators/farmland?year=2020&adcode=430903').expect(200)).body
      .counties[0]
    let found = false
    sheet.eachRow((row, n) => {
      if (n === 1 || row.getCell(2).value !== '430903') return
      found = true
      expect(row.getCell(4).value).toBe(2020)
      expect(row.getCell(10).value).toBe(figures.ratePct)
      expect(row.getCell(11).value).toBe(91)
    })
    expect(found).toBe(true)
    expect(book.getWorksheet('说明')).toBeTruthy()
  })
})

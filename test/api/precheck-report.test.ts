import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { PRECHECK_BASIS } from '../../server/src/domain/precheck-reasons.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { pdfText, squash } from '../support/pdf-text.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let approver: Session
let environment: Session
let anonymous: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'land')
  approver = await signInAs(app, 'approver')
  environment = await signInAs(app, 'environment')
  anonymous = await signInAs(app, 'anonymous')
})
afterAll(() => db.close())

/** PDFs of this file, kept to look at. */
const OUT_DIR = path.join('test-results', 'precheck-report')

let made = 0
const unique = (prefix: string) =>
  `${prefix}-R${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()

/** Spots of 赫山区 about 2 km apart and clear of the sample data's features, nearest the county centre first. */
async function spot(): Promise<[number, number]> {
  return freeSpot(db, { spacing: 0.02, inside: 0.01, clearOfFarmland: 0.006, clearOfPoints: 0.012 })
}

/** A square of side 2·`half` degrees around a point. */
function square([lon, lat]: [number, number], half = 0.0005) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  }
}

async function publishedZone(geometry: unknown): Promise<{ id: number; code: string }> {
  const code = unique('GK')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO control_zone (adcode, code, name, review_status, geom, announcement_no, published_version)
    VALUES ('430903', $1, '报告测试管控区域', 'published', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), '赫环公告〔2026〕9号', 1) RETURNING id`,
    [code, JSON.stringify(geometry)],
  )
  await db.query(
    `INSERT INTO published_control_zone (adcode, id, version, code, name, announcement_no, monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom)
    SELECT adcode, id, 1, code, name, announcement_no, true, false, false, false, geom FROM control_zone WHERE id = $1`,
    [r.id],
  )
  return { id: Number(r.id), code }
}

async function publishedSuspectedPlot(geometry: unknown): Promise<{ id: number; code: string }> {
  const code = unique('YSDK')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, geom, review_status, published_version)
    VALUES ('430903', $1, '报告测试疑似地块', 'suspected', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), 'published', 1) RETURNING id`,
    [code, JSON.stringify(geometry)],
  )
  await db.query(
    `INSERT INTO published_plot (adcode, id, version, code, name, status, geom)
    SELECT adcode, id, 1, code, name, status, geom FROM contaminated_plot WHERE id = $1`,
    [r.id],
  )
  return { id: Number(r.id), code }
}

async function monitoringPoint(
  at: [number, number],
  values: Record<string, number>,
): Promise<{ id: number; code: string }> {
  const code = unique('JC')
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO monitoring_point (adcode, code, name, level, point_type, geom) VALUES ('430903', $1, '报告测试点位', 'provincial', 'risk', ST_SetSRID(ST_MakePoint($2, $3), 4490)) RETURNING id`,
    [code, at[0], at[1]],
  )
  await db.query(
    `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, values_mg_kg) VALUES ('430903', $1, DATE '2025-10-01', 'soil', $2)`,
    [p.id, JSON.stringify(values)],
  )
  return { id: Number(p.id), code }
}

let credit = 0
async function operatingEnterprise(geometry: unknown): Promise<number> {
  const code =
    `91430903RP${(process.pid % 1000).toString().padStart(3, '0')}${(Date.now() % 100000).toString().padStart(5, '0')}`.slice(
      0,
      13,
    ) + String(++credit).padStart(5, '0')
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
    VALUES ('430903', $1, '报告测试电镀有限公司', 'electroplating', 'operating', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490))) RETURNING id`,
    [code, JSON.stringify(geometry)],
  )
  return Number(r.id)
}

const post = (s: Session, body: unknown) =>
  s.agent
    .post('/api/precheck')
    .set('X-CSRF-Token', s.csrfToken)
    .send(body as object)
const getReport = (s: Session, id: number | string) =>
  s.agent.get(`/api/precheck/${id}/report.pdf`).responseType('blob')

async function readReport(s: Session, id: number, keepAs: string) {
  const res = await getReport(s, id).expect(200)
  expect(res.headers['content-type']).toBe('application/pdf')
  const bytes = res.body as Buffer
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  fs.mkdirSync(OUT_DIR, { recursive: true })
  fs.writeFileSync(path.join(OUT_DIR, keepAs), bytes)
  return { res, bytes, ...(await pdfText(bytes)) }
}

describe('GET /api/precheck/:id/report.pdf', () => {
  it('when a residential plot over a published control zone is reported, then the PDF text holds the title, number, verdict, the zone, its overlap and the article, the data version and the signature block', async () => {
    const at = await spot()
    const zone = await publishedZone(square([at[0] + 0.0006, at[1]], 0.0008))
    const plot = await publishedSuspectedPlot(square([at[0] - 0.0007, at[1] + 0.0004], 0.0003))
    const point = await monitoringPoint([at[0] - 0.002, at[1] - 0.0015], { cd: 30 })
    await operatingEnterprise(square([at[0] - 0.0004, at[1] - 0.0006], 0.0002))
    const check = await post(officer, {
      geometry: square(at),
      plannedUse: 'R2',
      name: '报告测试住宅地块',
      reference: 'PC-REPORT-1',
    }).expect(201)
    expect(check.body.verdict).toBe('refused')
    const zoneReason = check.body.reasons.find((r: { code: string }) => r.code === 'CONTROL_ZONE')

    const { res, text, pages, bytes } = await readReport(officer, check.body.id, 'refused-control-zone.pdf')
    const flat = squash(text)
    expect(res.headers['content-disposition']).toMatch(
      /^inline; filename="precheck-\d{4}-\d{4}\.pdf"; filename\*=UTF-8''/,
    )
    expect(flat).toContain('用地准入核查意见书')
    expect(flat).toContain(check.body.number)
    expect(flat).toContain('核查结论不得进入用地程序')
    expect(flat).toContain(squash(PRECHECK_BASIS.controlZone))
    expect(flat).toContain(zone.code)
    expect(flat).toContain(`${zoneReason.overlapMu.toFixed(2)}亩`)
    expect(flat).toContain(plot.code)
    expect(flat).toContain(point.code)
    expect(flat).toContain(squash(PRECHECK_BASIS.law59))
    expect(flat).toContain('报告测试住宅地块')
    expect(flat).toContain('PC-REPORT-1')
    expect(flat).toContain('二类居住用地（R2）')
    expect(flat).toContain('第一类用地')
    expect(flat).toContain(`${check.body.areaMu.toFixed(2)}亩`)
    expect(flat).toContain('赫山区')
    expect(flat).toContain('报告测试电镀有限公司')
    expect(flat).toContain(squash(PRECHECK_BASIS.law67))
    for (const legend of ['核查地块', '管控区域', '疑似污染地块', '重点监管单位用地（在产）', '省控土壤监测点位', '北'])
      expect(flat).toContain(legend)
    expect(flat).toMatch(/约1:[\d,]+/)
    expect(flat).toContain('数据版本')
    expect(flat).toContain('核查规则：precheck-')
    for (const label of ['核查人（签字）', '审核人（签字）', '日期', '（盖章）']) expect(flat).toContain(label)
    expect(squash(pages[pages.length - 1])).toContain(`第${pages.length}页共${pages.length}页`)
    const latin1 = bytes.toString('latin1')
    expect(latin1).toMatch(/\/FontFile2/)
    expect(latin1).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/)
  })

  it('when a clean plot for industry is reported to the approver, then the PDF says it may enter the land-supply process with what was checked', async () => {
    const check = await post(officer, { geometry: square(await spot()), plannedUse: 'M1' }).expect(201)
    const { text } = await readReport(approver, check.body.id, 'allowed-clean.pdf')
    const flat = squash(text)
    expect(flat).toContain(check.body.number)
    expect(flat).toContain('核查结论可进入用地程序')
    expect(flat).not.toContain('不得进入用地程序')
    expect(flat).toContain('一类工业用地（M1）')
    expect(flat).toContain('第二类用地')
    expect(flat).toContain(squash('未与已发布的管控区域重叠'))
    expect(flat).toContain(squash(PRECHECK_BASIS.law67))
  })

  it('when a check has more reasons than a page holds, then the table runs on over pages and every reason, wrapped, is in the text', async () => {
    const at = await spot()
    const long = (i: number) =>
      `第 ${i} 条测试理由：与测试要素重叠，理由文字较长，用来检查表格单元格内的中文自动换行以及跨页时表头重复，不应被截断。结尾标记${i}号`
    const reasons = Array.from({ length: 30 }, (_, i) => ({
      code: 'SUSPECTED_PLOT',
      severity: 'investigate',
      severityName: '须调查评估',
      message: long(i + 1),
      basis: PRECHECK_BASIS.suspected,
      featureType: null,
      featureTypeName: null,
      featureId: null,
      featureCode: null,
      featureName: null,
      overlapM2: null,
      overlapMu: null,
    }))
    const {
      rows: [r],
    } = await db.query(
      `
      WITH n AS (INSERT INTO precheck_counter AS c (adcode, year, last) VALUES ('430903', 2002, 1)
                 ON CONFLICT (adcode, year) DO UPDATE SET last = c.last + 1 RETURNING year, last)
      INSERT INTO precheck (adcode, year, seq, number, planned_use, land_class, verdict, reasons, data_version, geom, checked_by, checked_by_name)
      SELECT '430903', n.year, n.last, '准入核查〔2002〕' || lpad(n.last::text, 4, '0') || '号', 'B1', 'second', 'investigate', $1, '{"features": {}}',
             ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($2), 4490)), 'ziyuan', '报告测试'
      FROM n RETURNING id, number`,
      [JSON.stringify(reasons), JSON.stringify(square(at))],
    )
    const { pages, text } = await readReport(officer, Number(r.id), 'many-reasons.pdf')
    expect(pages.length).toBeGreaterThanOrEqual(3)
    const flat = squash(text)
    for (let i = 1; i <= 30; i++) expect(flat).toContain(squash(long(i)))
    expect(flat).toContain('核查结论须开展土壤污染状况调查评估')
    const header = '序号类别涉及要素重叠面积或距离理由依据'
    expect(pages.filter((p) => squash(p).includes(header)).length).toBeGreaterThanOrEqual(3)
    expect(flat).toContain(`${r.number}第1页共${pages.length}页`)
  })

  it('when the check does not exist, then 404 with a message naming it', async () => {
    const res = await officer.agent.get('/api/precheck/999999999/report.pdf').expect(404)
    expect(res.body.error.message).toContain('999999999')
  })

  it('when the id is not a number, then 400', async () => {
    const res = await officer.agent.get('/api/precheck/abc/report.pdf').expect(400)
    expect(res.body.error.message).toContain('核查记录编号应为数字')
  })

  it("when the check is of a county outside the officer's scope, then 403 naming the county", async () => {
    const {
      rows: [p],
    } = await db.query(
      `SELECT ST_X(c) AS lon, ST_Y(c) AS lat FROM (SELECT ST_PointOnSurface(geom) AS c FROM county WHERE adcode = '220322') x`,
    )
    const {
      rows: [r],
    } = await db.query(
      `
      WITH n AS (INSERT INTO precheck_counter AS c (adcode, year, last) VALUES ('220322', 2002, 1)
                 ON CONFLICT (adcode, year) DO UPDATE SET last = c.last + 1 RETURNING year, last)
      INSERT INTO precheck (adcode, year, seq, number, planned_use, land_class, verdict, reasons, data_version, geom, checked_by, checked_by_name)
      SELECT '220322', n.year, n.last, '准入核查〔2002〕' || lpad(n.last::text, 4, '0') || '号', 'M1', 'second', 'allowed', '[]', '{"features": {}}',
             ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)), 'lishu', '梨树测试'
      FROM n RETURNING id`,
      [JSON.stringify(square([Number(p.lon), Number(p.lat)], 0.0003))],
    )
    const res = await getReport(officer, Number(r.id)).expect(403)
    expect(JSON.parse(Buffer.from(res.body).toString('utf8')).error.message).toContain('梨树县')
  })

  it('when a caller without the land or approver role asks, then 403; without a session, 401', async () => {
    const check = await post(officer, { geometry: square(await spot()), plannedUse: 'M1' }).expect(201)
    await environment.agent.get(`/api/precheck/${check.body.id}/report.pdf`).expect(403)
    await anonymous.agent.get(`/api/precheck/${check.body.id}/report.pdf`).expect(401)
  })
})

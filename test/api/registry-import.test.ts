import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { squareRing, writeDltbGeoPackage, writeDltbShapefileZip } from '../support/dltb-fixture.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Session } from '../support/session.ts'

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

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}
const post = (s: Session, url: string) => s.agent.post(url).set('X-CSRF-Token', s.csrfToken)

let made = 0
const tag = () => `${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()
/** A fresh plot number of 1–9 digits for codes like 430903-DK123456789. */
const plotNumber = () => String((Date.now() % 1e8) * 10 + (++made % 10)).slice(-9)

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
/** A fresh 统一社会信用代码 with its GB 32100-2015 check character. */
function creditCode(): string {
  const digits = `${Date.now()}${++made}${process.pid}`.replace(/\D/g, '')
  const body = `91430903${digits.slice(-9).padStart(9, '0')}`
  const sum = CREDIT_WEIGHTS.reduce((s, w, i) => s + CREDIT_CHARS.indexOf(body[i]) * w, 0)
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31]
}

const spot = (adcode = '430903') => freeSpot(db, { adcode, spacing: 0.01, inside: 0.003, clearOfFarmland: 0.002 })

async function template(s: Session, kind: string): Promise<ExcelJS.Workbook> {
  const res = await s.agent.get(`/api/registry-import/${kind}/template.xlsx`).buffer(true).parse(binary).expect(200)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(res.body)
  return book
}

/** The template of `kind` as downloaded, the rows added under the example row. */
async function filled(kind: string, rows: (string | number | null)[][]): Promise<Buffer> {
  const book = await template(environment, kind)
  const sheet = book.worksheets[0]
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}

function send(
  s: Session,
  kind: string,
  query: string,
  file: Buffer,
  outlines?: { name: string; bytes: Uint8Array },
  name = '导入.xlsx',
) {
  const req = post(s, `/api/registry-import/${kind}?${query}`).attach('file', file, { filename: name })
  return outlines ? req.attach('outlines', Buffer.from(outlines.bytes), { filename: outlines.name }) : req
}

const count = async (sql: string, values: unknown[]) => Number((await db.query(sql, values)).rows[0].n)
const enterpriseCount = (codes: string[]) =>
  count(`SELECT count(*) AS n FROM supervised_enterprise WHERE credit_code = ANY ($1::text[])`, [codes])
const plotCount = (codes: string[]) =>
  count(`SELECT count(*) AS n FROM contaminated_plot WHERE code = ANY ($1::text[])`, [codes])
const pointCount = (codes: string[]) =>
  count(`SELECT count(*) AS n FROM monitoring_point WHERE code = ANY ($1::text[])`, [codes])
const pollutantCount = (plotId: number) =>
  count(`SELECT count(*) AS n FROM plot_pollutant WHERE plot_id = $1`, [plotId])

/** A square outline feature of ~110 m at a spot, keyed by 地块编号 as DKBH. */
const plotFeature = (code: string, [lon, lat]: [number, number]) => ({
  properties: { DKBH: code, MC: '测试' },
  rings: [squareRing(lon, lat, 0.001)],
})

/** A suspected plot of ours straight in the database. */
async function freshPlot(adcode = '430903', reviewStatus = 'draft'): Promise<{ id: number; code: string }> {
  const [lon, lat] = await spot(adcode)
  const code = `${adcode}-DK${plotNumber()}`
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO contaminated_plot (adcode, code, name, status, former_industry, geom, review_status)
     VALUES ($1, $2, '测试地块', 'suspected', 'chemical',
             ST_Multi(ST_MakeEnvelope($3::float8, $4::float8, $3::float8 + 0.001, $4::float8 + 0.001, 4490)), $5) RETURNING id`,
    [adcode, code, lon, lat, reviewStatus],
  )
  return { id: Number(r.id), code }
}

describe('templates', () => {
  it('when each kind’s template is downloaded, then it has its data sheet with the columns, an example row marked 示例 and a 填写说明 sheet naming every column', async () => {
    const expected: Record<string, string[]> = {
      enterprises: ['单位名称', '统一社会信用代码', '行业', '行业说明', '状态', '经度（度）', '纬度（度）', '备注'],
      plots: ['地块编号', '地块名称', '名录', '原行业', '地址', '土地使用权人', '联系方式', '规划用地类别', '备注'],
      points: [
        '点位编号',
        '点位名称',
        '级别',
        '类型',
        '状态',
        '经度（度）',
        '纬度（度）',
        'X坐标（米）',
        'Y坐标（米）',
        '带号或EPSG',
        '备注',
      ],
      'plot-results': ['地块编号', '样品编号', '采样日期', '采样深度（m）', '污染物', '检测值', '单位', '备注'],
    }
    for (const [kind, header] of Object.entries(expected)) {
      const book = await template(environment, kind)
      const sheet = book.worksheets[0]
      expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(header)
      expect(String(sheet.getRow(2).getCell(header.length).value)).toBe('示例')
      const notes = book.getWorksheet('填写说明')!
      const firstCells: string[] = []
      notes.eachRow((row) => firstCells.push(String(row.getCell(1).value)))
      for (const title of header) expect(firstCells).toContain(title.replace(/（.*）$/, ''))
    }
  })

  it('when someone without the right of a kind asks for its template, then 403; an unknown kind is 400', async () => {
    await land.agent.get('/api/registry-import/plots/template.xlsx').expect(403)
    await farmland.agent.get('/api/registry-import/enterprises/template.xlsx').expect(403)
    const res = await environment.agent.get('/api/registry-import/parcels/template.xlsx').expect(400)
    expect(res.body.error.message).toContain('导入类型')
  })
})

describe('重点监管单位', () => {
  it('when the template is filled with a point and an outline file row, then a dry run reports, the import writes them and the list gives the same rows', async () => {
    const [a, b] = [creditCode(), creditCode()]
    const [lonA, latA] = await spot()
    const [lonB, latB] = await spot()
    const name = `测试电镀厂${tag()}`
    const file = await filled('enterprises', [
      [name, a, '电镀', null, '在产', String(lonA), String(latA)],
      [`${name}二`, b, '其他', '锂电池回收', '在产', null, null],
    ])
    const outlines = {
      name: '场地.gpkg',
      bytes: await writeDltbGeoPackage([{ properties: { TYSHXYDM: b }, rings: [squareRing(lonB, latB, 0.0008)] }], {
        epsg: 4490,
        layerName: 'QY',
      }),
    }
    const dry = await send(environment, 'enterprises', 'mode=all&dryRun=true', file, outlines).expect(200)
    expect(dry.body).toMatchObject({ isDryRun: true, rows: 2, imported: 2, failed: 0, errors: [], importId: null })
    expect(await enterpriseCount([a, b])).toBe(0)
    const res = await send(environment, 'enterprises', 'mode=all', file, outlines).expect(201)
    expect(res.body).toMatchObject({ kind: 'enterprises', rows: 2, imported: 2, failed: 0, outlineFile: '场地.gpkg' })
    const list = await environment.agent.get('/api/enterprises?adcode=430903').expect(200)
    const mine = list.body.items
      .filter((e: { creditCode: string }) => [a, b].includes(e.creditCode))
      .map((e: Record<string, unknown>) => ({
        name: e.name,
        creditCode: e.creditCode,
        industry: e.industry,
        status: e.status,
      }))
      .sort((x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name))
    expect(mine).toEqual([
      { name, creditCode: a, industry: 'electroplating', status: 'operating' },
      { name: `${name}二`, creditCode: b, industry: 'other', status: 'operating' },
    ])
    const detail = list.body.items.find((e: { creditCode: string }) => e.creditCode === b)
    expect(detail.industryName).toBe('其他（锂电池回收）')
    const closed = creditCode()
    const [lonC, latC] = await spot()
    const closing = await filled('enterprises', [['关停厂', closed, '焦化', null, '关闭', String(lonC), String(latC)]])
    await send(environment, 'enterprises', 'mode=all', closing).expect(201)
    const proposals = await db.query(
      `SELECT p.status FROM plot_proposal p JOIN supervised_enterprise e ON e.adcode = p.adcode AND e.id = p.enterprise_id
       WHERE e.credit_code = $1`,
      [closed],
    )
    expect(proposals.rows).toEqual([{ status: 'pending' }])
    const {
      rows: [other],
    } = await db.query(
      `SELECT industry_other, round(area_m2) AS area FROM supervised_enterprise WHERE credit_code = $1`,
      [b],
    )
    expect(other.industry_other).toBe('锂电池回收')
    const {
      rows: [square],
    } = await db.query(`SELECT round(area_m2) AS area FROM supervised_enterprise WHERE credit_code = $1`, [a])
    expect(Number(square.area)).toBeGreaterThan(2400)
    expect(Number(square.area)).toBeLessThan(2600)
  })

  it('when rows have a wrong check digit, an unknown industry, 其他 without words, a duplicate in the file or of a registered one, or a position in another county, then all-or-nothing writes nothing and the report names row and column', async () => {
    const good = creditCode()
    const registered = creditCode()
    const [lon, lat] = await spot()
    await send(
      environment,
      'enterprises',
      'mode=all',
      await filled('enterprises', [['已登记厂', registered, '化工', null, '在产', String(lon), String(lat)]]),
    ).expect(201)
    const wrongCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
    const [lonL, latL] = await spot('220322')
    const [lon2, lat2] = await spot()
    const file = await filled('enterprises', [
      ['好厂', good, '化工', null, '在产', String(lon2), String(lat2)],
      ['校验错', wrongCheck, '化工', null, '在产', String(lon2), String(lat2)],
      ['行业错', creditCode(), '造纸', null, '在产', String(lon2), String(lat2)],
      ['其他无说明', creditCode(), '其他', null, '在产', String(lon2), String(lat2)],
      ['重复', good, '化工', null, '在产', String(lon2), String(lat2)],
      ['已登记', registered, '化工', null, '在产', String(lon), String(lat)],
      ['外县', creditCode(), '化工', null, '在产', String(lonL), String(latL)],
      ['没有位置', creditCode(), '化工', null, '关闭', null, null],
    ])
    const res = await send(environment, 'enterprises', 'mode=all', file).expect(422)
    const errors = res.body.error.details.errors as { row: number; column: string; message: string }[]
    const at = (row: number) => errors.filter((e) => e.row === row)
    expect(at(4)[0]).toMatchObject({ column: '统一社会信用代码' })
    expect(at(4)[0].message).toContain('校验码')
    expect(at(5)[0]).toMatchObject({ column: '行业' })
    expect(at(6)[0]).toMatchObject({ column: '行业说明' })
    expect(at(7)[0].message).toContain('与第 3 行重复')
    expect(at(8)[0].message).toContain('已登记')
    expect(at(9)[0].message).toContain('不在您的管辖范围')
    expect(at(10)[0].message).toContain('须填写经纬度')
    expect(at(3)).toEqual([])
    expect(await enterpriseCount([good])).toBe(0)
    const partial = await send(environment, 'enterprises', 'mode=valid-only', file).expect(201)
    expect(partial.body).toMatchObject({ imported: 1, failed: 7 })
    expect(await enterpriseCount([good])).toBe(1)
  })
})

describe('疑似污染地块 / 污染地块', () => {
  it('when the attributes and a zipped Shapefile of outlines are imported, then the plots are drafts with their codes and the list gives the same rows', async () => {
    const [c1, c2] = [`430903-DK${plotNumber()}`, `430903-DK${plotNumber()}`]
    const [s1, s2] = [await spot(), await spot()]
    const file = await filled('plots', [
      [c1, '原化工厂地块', '疑似污染地块', '化工', '某某镇', '某公司', '0737-0000000', '第二类用地'],
      [c2, '原电镀厂地块', '污染地块', '电镀', null, null, null, null],
    ])
    const gk = async ([lon, lat]: [number, number]): Promise<[number, number]> => {
      const {
        rows: [p],
      } = await db.query(
        `SELECT ST_X(g) AS x, ST_Y(g) AS y FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4490), 4525) AS g) t`,
        [lon, lat],
      )
      return [Number(p.x), Number(p.y)]
    }
    const [g1, g2] = [await gk(s1), await gk(s2)]
    const outlines = {
      name: '地块边界.zip',
      bytes: await writeDltbShapefileZip(
        [
          { properties: { DKBH: c1 }, rings: [squareRing(g1[0], g1[1], 100)] },
          { properties: { DKBH: c2 }, rings: [squareRing(g2[0], g2[1], 100)] },
        ],
        { epsg: 4525, layerName: 'DK' },
      ),
    }
    const res = await send(environment, 'plots', 'mode=all', file, outlines).expect(201)
    expect(res.body).toMatchObject({ rows: 2, imported: 2, failed: 0 })
    const list = await environment.agent.get('/api/plots?adcode=430903&q=DK').expect(200)
    const mine = list.body.items
      .filter((p: { code: string }) => [c1, c2].includes(p.code))
      .map((p: Record<string, unknown>) => ({
        code: p.code,
        name: p.name,
        status: p.status,
        reviewStatus: p.reviewStatus,
      }))
      .sort((x: { code: string }, y: { code: string }) => x.code.localeCompare(y.code))
    expect(mine).toEqual(
      [
        { code: c1, name: '原化工厂地块', status: 'suspected', reviewStatus: 'draft' },
        { code: c2, name: '原电镀厂地块', status: 'contaminated', reviewStatus: 'draft' },
      ].sort((x, y) => x.code.localeCompare(y.code)),
    )
    const {
      rows: [p1],
    } = await db.query(
      `SELECT former_industry, planned_land_class, contact, round(area_m2 / 1000) AS ka FROM contaminated_plot WHERE code = $1`,
      [c1],
    )
    expect(p1).toMatchObject({ former_industry: 'chemical', planned_land_class: 'second', contact: '0737-0000000' })
    expect(Number(p1.ka)).toBe(10)
    const id = list.body.items.find((p: { code: string }) => p.code === c2).id
    const profile = await environment.agent.get(`/api/plots/${id}`).expect(200)
    expect(profile.body.events).toMatchObject([{ label: '批量导入登记', to: 'contaminated', toName: '污染地块' }])
    expect(profile.body.events[0].reason).toBe('批量导入（导入.xlsx）')
  })

  it('when a code has no outline, an outline has no row, a code is another county’s or registered, or an outline lies outside the county, then nothing is written and each is reported', async () => {
    const registered = await freshPlot()
    const [ok, noOutline, outside] = [1, 2, 3].map(() => `430903-DK${plotNumber()}`)
    const orphan = `430903-DK${plotNumber()}`
    const lishu = `220322-DK${plotNumber()}`
    const [s1, s2, s3] = [await spot(), await spot(), await spot('220322')]
    const file = await filled('plots', [
      [ok, '好地块', '疑似污染地块', '化工'],
      [noOutline, '没边界', '疑似污染地块', '化工'],
      [registered.code, '已登记', '疑似污染地块', '化工'],
      [lishu, '外县地块', '疑似污染地块', '化工'],
      [outside, '边界在外县', '疑似污染地块', '化工'],
      [ok, '重复行', '疑似污染地块', '化工'],
    ])
    const outlines = {
      name: '边界.zip',
      bytes: await writeDltbShapefileZip(
        [plotFeature(ok, s1), plotFeature(orphan, s2), plotFeature(lishu, s3), plotFeature(outside, s3)],
        { epsg: 4490, layerName: 'DK' },
      ),
    }
    const res = await send(environment, 'plots', 'mode=all', file, outlines).expect(422)
    const errors = res.body.error.details.errors as { row: number | null; column: string; message: string }[]
    const at = (row: number | null) => errors.filter((e) => e.row === row).map((e) => e.message)
    expect(at(4).join()).toContain('边界文件中没有')
    expect(at(5).join()).toContain('已登记')
    expect(at(6).join()).toContain('不在您的管辖范围')
    expect(at(7).join()).toContain('边界')
    expect(at(8).join()).toContain('与第 3 行重复')
    expect(at(null).join()).toContain(`${orphan}」）在表格中没有对应的行`)
    expect(await plotCount([ok, noOutline, outside, lishu])).toBe(0)
    const noFile = await send(environment, 'plots', 'mode=all', file).expect(422)
    expect(noFile.body.error.details.errors[0].message).toContain('未上传地块边界文件')
  })
})

describe('监测点位', () => {
  it('when points are given in CGCS2000 longitude/latitude and in Gauss-Krüger x/y with the zone, then they are registered where they lie and the list gives the same rows', async () => {
    const [lon1, lat1] = await spot()
    const [lon2, lat2] = await spot()
    const {
      rows: [gk],
    } = await db.query(
      `SELECT ST_X(g) AS y, ST_Y(g) AS x FROM (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4490), 4525) AS g) t`,
      [lon2, lat2],
    )
    const [c1, c2] = [`430903-JC${tag()}`, `430903-JC${tag()}`]
    const file = await filled('points', [
      [c1, '经纬度点', '县控', '基础点位', '在用', String(lon1), String(lat1)],
      [
        c2,
        '高斯点',
        '省控',
        '风险监控点位',
        '规划',
        null,
        null,
        Number(gk.x).toFixed(3),
        Number(gk.y).toFixed(3),
        '37',
      ],
    ])
    const res = await send(environment, 'points', 'mode=all', file).expect(201)
    expect(res.body).toMatchObject({ rows: 2, imported: 2, failed: 0 })
    const {
      rows: [record],
    } = await db.query(
      `SELECT kind, file_name, mode, rows, imported, failed, imported_by FROM registry_import WHERE id = $1`,
      [res.body.importId],
    )
    expect(record).toEqual({
      kind: 'points',
      file_name: '导入.xlsx',
      mode: 'all',
      rows: 2,
      imported: 2,
      failed: 0,
      imported_by: 'huanjing',
    })
    const list = await environment.agent
      .get(`/api/monitoring/points?adcode=430903&q=${encodeURIComponent('430903-JC')}`)
      .expect(200)
    const got = Object.fromEntries(
      list.body.items
        .filter((p: { code: string }) => [c1, c2].includes(p.code))
        .map((p: Record<string, unknown>) => [p.code, p]),
    )
    expect(got[c1]).toMatchObject({ name: '经纬度点', level: 'county', type: 'basic', status: 'active' })
    expect(got[c2]).toMatchObject({ name: '高斯点', level: 'provincial', type: 'risk', status: 'planned' })
    expect(Math.abs(got[c1].lon - lon1) + Math.abs(got[c1].lat - lat1)).toBeLessThan(1e-7)
    expect(Math.abs(got[c2].lon - lon2) + Math.abs(got[c2].lat - lat2)).toBeLessThan(1e-6)
  })

  it('when another entry takes the same code between the checks and the write, then 409 in words and nothing is written', async () => {
    const [lon, lat] = await spot()
    const code = `430903-JC${tag()}`
    // what a concurrent import committing the same code does to this one's insert
    await db.query(`CREATE FUNCTION test_registry_import_clash() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'duplicate key' USING ERRCODE = 'unique_violation'; END $$`)
    await db.query(`CREATE TRIGGER test_registry_import_clash BEFORE INSERT ON monitoring_point
      FOR EACH ROW WHEN (NEW.code LIKE '430903-JC%') EXECUTE FUNCTION test_registry_import_clash()`)
    try {
      const file = await filled('points', [[code, '同时录入', '县控', '基础点位', '在用', String(lon), String(lat)]])
      const res = await send(environment, 'points', 'mode=all', file).expect(409)
      expect(res.body.error.message).toContain('同时录入或导入了相同编号的')
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM registry_import WHERE file_name = '导入.xlsx' AND rows = 1 AND imported = 1 AND kind = 'points' AND imported_at > now() - interval '1 minute'`,
      )
      expect(rows[0].n).toBe(0)
    } finally {
      await db.query(`DROP FUNCTION test_registry_import_clash() CASCADE`)
    }
  })

  it('when rows repeat a code, reuse a registered code, lie outside every county or in another county, carry another county’s code or a wrong zone, then nothing is written', async () => {
    const [lon, lat] = await spot()
    const [lonL, latL] = await spot('220322')
    const registered = `430903-JC${tag()}`
    await send(
      environment,
      'points',
      'mode=all',
      await filled('points', [[registered, '已有', '县控', '基础点位', '在用', String(lon), String(lat)]]),
    ).expect(201)
    const good = `430903-JC${tag()}`
    const [lon2, lat2] = await spot()
    const file = await filled('points', [
      [good, '好点', '县控', '基础点位', '在用', String(lon2), String(lat2)],
      [good, '重复', '县控', '基础点位', '在用', String(lon2), String(lat2)],
      [registered, '已登记', '县控', '基础点位', '在用', String(lon), String(lat)],
      [`430903-JC${tag()}`, '境外', '县控', '基础点位', '在用', '100.5', '30.5'],
      [`430903-JC${tag()}`, '外县', '县控', '基础点位', '在用', String(lonL), String(latL)],
      [`220322-JC${tag()}`, '编号外县', '县控', '基础点位', '在用', String(lon2 + 0.001), String(lat2)],
      [`430903-JC${tag()}`, '带号错', '县控', '基础点位', '在用', null, null, '3150000', '37500000', '12'],
      [`430903-JC${tag()}`, '级别错', '乡控', '基础点位', '在用', String(lon2), String(lat2)],
    ])
    const res = await send(environment, 'points', 'mode=all', file).expect(422)
    const errors = res.body.error.details.errors as { row: number; column: string; message: string }[]
    const at = (row: number) =>
      errors
        .filter((e) => e.row === row)
        .map((e) => `${e.column}:${e.message}`)
        .join()
    expect(at(3)).toBe('')
    expect(at(4)).toContain('与第 3 行重复')
    expect(at(5)).toContain('不能重复导入')
    expect(at(6)).toContain('不在任何已登记的区县内')
    expect(at(7)).toContain('不在您的管辖范围')
    expect(at(8)).toContain('以其他区县的代码 220322 开头')
    expect(at(9)).toContain('带号或EPSG')
    expect(at(10)).toContain('级别')
    expect(await pointCount([good])).toBe(0)
  })
})

describe('地块检测结果', () => {
  it('when a laboratory sheet gives substances by name and CAS in mg/kg, μg/kg, g/kg and ppm, then the plot’s results are in mg/kg and its profile gives the same rows', async () => {
    const plot = await freshPlot()
    const file = await filled('plot-results', [
      [plot.code, 'S1-0.5', '2024-05-03', '0.5', '镉', '0.85', 'mg/kg'],
      [plot.code, 'S1-0.5', '2024-05-03', '0.5', '71-43-2', '250', 'μg/kg'],
      [plot.code, 'S1-0.5', '2024-05-03', '0.5', '铅 Pb', '0.12', 'g/kg'],
      [plot.code, 'S2-1.0', '2024/5/4', '1', '苯并[a]芘', '0.3', 'ppm'],
    ])
    const res = await send(environment, 'plot-results', 'mode=all', file).expect(201)
    expect(res.body).toMatchObject({ rows: 4, imported: 4, failed: 0 })
    const profile = await environment.agent.get(`/api/plots/${plot.id}`).expect(200)
    const rows = profile.body.pollutants
      .map((p: Record<string, unknown>) => ({
        substance: p.substance,
        valueMgKg: p.valueMgKg,
        sampledOn: p.sampledOn,
        depthM: p.depthM,
        note: p.note,
      }))
      .sort((x: { substance: string }, y: { substance: string }) => (x.substance < y.substance ? -1 : 1))
    expect(rows).toEqual([
      { substance: 'Cd', valueMgKg: 0.85, sampledOn: '2024-05-03', depthM: 0.5, note: '样品编号 S1-0.5' },
      { substance: 'Pb', valueMgKg: 120, sampledOn: '2024-05-03', depthM: 0.5, note: '样品编号 S1-0.5' },
      { substance: 'benzene', valueMgKg: 0.25, sampledOn: '2024-05-03', depthM: 0.5, note: '样品编号 S1-0.5' },
      { substance: 'benzo_a_pyrene', valueMgKg: 0.3, sampledOn: '2024-05-04', depthM: 1, note: '样品编号 S2-1.0' },
    ])
    expect(profile.body.history.filter((h: { action: string }) => h.action === 'pollutant')).toHaveLength(4)
  })

  it('when rows have a unit that is not a mass fraction, an unknown substance, an unknown or another county’s plot, a duplicate in the file or of a stored result, or a plot under review, then nothing is written', async () => {
    const plot = await freshPlot()
    const lishu = await freshPlot('220322')
    const underReview = await freshPlot('430903', 'submitted')
    await send(
      environment,
      'plot-results',
      'mode=all',
      await filled('plot-results', [[plot.code, 'S9', '2024-05-01', '0.2', '汞', '1.5', 'mg/kg']]),
    ).expect(201)
    const file = await filled('plot-results', [
      [plot.code, 'S1', '2024-05-03', '0.5', '镉', '0.85', 'mg/kg'],
      [plot.code, 'S1', '2024-05-03', '0.5', '砷', '5', 'mg/L'],
      [plot.code, 'S1', '2024-05-03', '0.5', '钡', '5', 'mg/kg'],
      [`430903-DK${plotNumber()}`, 'S1', '2024-05-03', '0.5', '镉', '1', 'mg/kg'],
      [lishu.code, 'S1', '2024-05-03', '0.5', '镉', '1', 'mg/kg'],
      [plot.code, 'S1', '2024-05-03', '0.5', '7440-43-9', '0.9', 'mg/kg'],
      [plot.code, 'S9', '2024-05-01', '0.2', '汞', '1.5', 'mg/kg'],
      [underReview.code, 'S1', '2024-05-03', '0.5', '镉', '1', 'mg/kg'],
    ])
    const res = await send(environment, 'plot-results', 'mode=all', file).expect(422)
    const errors = res.body.error.details.errors as { row: number; column: string; message: string }[]
    const at = (row: number) =>
      errors
        .filter((e) => e.row === row)
        .map((e) => `${e.column}:${e.message}`)
        .join()
    expect(at(3)).toBe('')
    expect(at(4)).toContain('单位:')
    expect(at(4)).toContain('mg/L')
    expect(at(5)).toContain('污染物:')
    expect(at(6)).toContain('没有编号为')
    expect(at(7)).toContain('没有编号为')
    expect(at(7)).not.toContain('梨树县')
    expect(at(8)).toContain('与第 3 行重复')
    expect(at(9)).toContain('已录入')
    expect(at(10)).toContain('审定')
    expect(await pollutantCount(plot.id)).toBe(1)
  })
})

describe('files and rights', () => {
  it('when the columns are wrong or missing, the file is not a spreadsheet, or has no data rows, then 400 and nothing is written', async () => {
    const wrong = Buffer.from(
      '\uFEFF地块编号,样品编号,采样日期,污染物,检测值,单位,钡含量\r\nX,1,2024-01-01,镉,1,mg/kg,2\r\n',
    )
    expect(
      (await send(environment, 'plot-results', 'mode=all', wrong, undefined, 'a.csv').expect(400)).body.error.message,
    ).toContain('「钡含量」')
    const missing = Buffer.from('\uFEFF地块编号,样品编号,采样日期,污染物,检测值\r\nX,1,2024-01-01,镉,1\r\n')
    expect(
      (await send(environment, 'plot-results', 'mode=all', missing, undefined, 'a.csv').expect(400)).body.error.message,
    ).toContain('「单位」')
    expect(
      (await send(environment, 'points', 'mode=all', Buffer.from('x'), undefined, 'a.txt').expect(400)).body.error
        .message,
    ).toContain('.xlsx')
    expect(
      (await send(environment, 'points', 'mode=all', await filled('points', [])).expect(400)).body.error.message,
    ).toContain('没有数据行')
    expect(
      (await send(environment, 'points', 'mode=maybe', await filled('points', [])).expect(400)).body.error.message,
    ).toContain('导入方式')
  })

  it('when a role without the right of the kind imports, then 403 and nothing is written', async () => {
    const code = `430903-JC${tag()}`
    const [lon, lat] = await spot()
    const file = await filled('points', [[code, '点', '县控', '基础点位', '在用', String(lon), String(lat)]])
    await send(farmland, 'points', 'mode=all', file).expect(403)
    await send(land, 'points', 'mode=all', file).expect(403)
    await send(farmland, 'enterprises', 'mode=all&dryRun=true', file).expect(403)
    await send(land, 'plot-results', 'mode=all&dryRun=true', file).expect(403)
    expect(await pointCount([code])).toBe(0)
  })
})

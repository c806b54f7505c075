import ExcelJS from 'exceljs'
import supertest from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import {
  PlotTableOptions,
  PlotTablePage,
  PointTableOptions,
  PointTablePage,
} from '../../contracts/attribute-table-layers.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import type { Session } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { signInNewUser } from '../support/users.ts'

/** Two fictitious counties of their own: A with two townships (west and east half), B with one. */
const A = '469983'
const B = '469984'
const A_WEST = `${A}001`
const A_EAST = `${A}002`
const B_TOWN = `${B}001`
const X0 = 37_520_000
const Y0 = 3_250_000
const EPSG = 4525

let db: Database
let app: ReturnType<typeof createTestApp>
let both: Session
let onlyA: Session

type Row = Record<string, any>

/** A square plot `side` metres wide with its south-west corner `x`, `y` metres into county A (or B at +10 km). */
async function addPlot(
  adcode: string,
  p: { code: string; name: string; status: string; risk: string | null; industry: string | null; note?: string },
  at: { x: number; y: number; side: number },
) {
  const x = X0 + (adcode === B ? 10_000 : 0) + at.x
  await db.query(
    `INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, former_industry_note,
       review_status, geom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'published', ST_Multi(ST_Transform(ST_MakeEnvelope($8, $9, $10, $11, ${EPSG}), 4490)))`,
    [
      adcode,
      p.code,
      p.name,
      p.status,
      p.risk,
      p.industry,
      p.note ?? null,
      x,
      Y0 + at.y,
      x + at.side,
      Y0 + at.y + at.side,
    ],
  )
}

/** A point `x`, `y` metres into county A (or B), with soil results sampled on `soilDates` and a crop result. */
async function addPoint(
  adcode: string,
  p: { code: string; name: string; level: string; type: string; town: string; landUse: string; soilDates: string[] },
  at: { x: number; y: number },
) {
  const x = X0 + (adcode === B ? 10_000 : 0) + at.x
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO monitoring_point (adcode, code, name, level, point_type, township_code, land_use, geom)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ST_Transform(ST_SetSRID(ST_MakePoint($8, $9), ${EPSG}), 4490)) RETURNING id`,
    [adcode, p.code, p.name, p.level, p.type, p.town, p.landUse, x, Y0 + at.y],
  )
  for (const d of p.soilDates) {
    await db.query(`INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium) VALUES ($1, $2, $3, 'soil')`, [
      adcode,
      rows[0].id,
      d,
    ])
  }
  await db.query(
    `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, crop) VALUES ($1, $2, '2026-09-01', 'crop', '稻谷')`,
    [adcode, rows[0].id],
  )
}

function get(session: Session, layer: string, query: Record<string, string | number>) {
  return session.agent.get(`/api/attribute-table/${layer}`).query(query)
}

async function rowsOf(session: Session, layer: string, query: Record<string, string | number>): Promise<Row[]> {
  const res = await get(session, layer, query)
  expect(res.status, res.text).toBe(200)
  return res.body.rows
}

const tails = (rows: Row[]) => rows.map((r) => r.code.slice(-1))

/** Supertest's parser for a binary body. */
function binary(res: any, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: A, name: '层表甲县', x0: X0, y0: Y0, size: 4000, epsg: EPSG }, [
    { code: A_WEST, name: '西层镇', from: 0, to: 2000 },
    { code: A_EAST, name: '东层镇', from: 2000, to: 4000 },
  ])
  await addSquareCounty(db, { adcode: B, name: '层表乙县', x0: X0 + 10_000, y0: Y0, size: 4000, epsg: EPSG }, [
    { code: B_TOWN, name: '乙层镇' },
  ])
  // 1: 疑似 west 100 m (15 亩); 2: 污染地块 high west 200 m (60 亩); 3: 列入名录 medium east 50 m; 4: 已移出 east 300 m
  await addPlot(
    A,
    { code: `${A}-LP1`, name: '甲一厂', status: 'suspected', risk: null, industry: 'chemical' },
    { x: 200, y: 200, side: 100 },
  )
  await addPlot(
    A,
    { code: `${A}-LP2`, name: '甲二厂', status: 'risk_assessment', risk: 'high', industry: 'other', note: '木材加工' },
    { x: 600, y: 200, side: 200 },
  )
  await addPlot(
    A,
    { code: `${A}-LP3`, name: '甲三厂', status: 'remediation', risk: 'medium', industry: 'coking' },
    { x: 2500, y: 2500, side: 50 },
  )
  await addPlot(
    A,
    { code: `${A}-LP4`, name: '甲四厂', status: 'removed', risk: 'low', industry: null },
    { x: 3000, y: 3000, side: 300 },
  )
  await addPlot(
    B,
    { code: `${B}-LP5`, name: '乙五厂', status: 'suspected', risk: null, industry: 'tanning' },
    { x: 200, y: 200, side: 100 },
  )
  await addPoint(
    A,
    {
      code: `${A}-MP1`,
      name: '甲点一',
      level: 'national',
      type: 'basic',
      town: A_WEST,
      landUse: '0101',
      soilDates: [],
    },
    { x: 300, y: 300 },
  )
  await addPoint(
    A,
    {
      code: `${A}-MP2`,
      name: '甲点二',
      level: 'county',
      type: 'risk',
      town: A_WEST,
      landUse: '0103',
      soilDates: ['2024-05-01', '2025-06-02'],
    },
    { x: 700, y: 300 },
  )
  await addPoint(
    A,
    {
      code: `${A}-MP3`,
      name: '甲点三',
      level: 'provincial',
      type: 'basic',
      town: A_EAST,
      landUse: '0201',
      soilDates: ['2023-04-03'],
    },
    { x: 3000, y: 3000 },
  )
  await addPoint(
    B,
    { code: `${B}-MP4`, name: '乙点四', level: 'city', type: 'produce', town: B_TOWN, landUse: '0101', soilDates: [] },
    { x: 300, y: 300 },
  )
  app = createTestApp(db)
  both = await signInNewUser(app, db, { role: 'farmland', scopes: [A, B] })
  onlyA = await signInNewUser(app, db, { role: 'approver', scopes: [A] })
})

afterAll(async () => {
  for (const adcode of [A, B]) {
    await db.query(`DELETE FROM monitoring_point WHERE adcode = $1`, [adcode])
    await db.query(`DELETE FROM contaminated_plot WHERE adcode = $1`, [adcode])
    await removeTestCounty(db, adcode)
  }
  await db.close()
})

describe('GET /api/attribute-table/contaminated-plot', () => {
  it('when a county is asked for, then each plot comes with its status, list, risk, former industry, township and area', async () => {
    const res = await get(both, 'contaminated-plot', { adcode: A })
    expect(res.status, res.text).toBe(200)
    readContract(PlotTablePage, res.body)
    expect(res.body).toMatchObject({ layer: 'contaminated-plot', layerName: '污染地块', total: 4 })
    expect(tails(res.body.rows)).toEqual(['1', '2', '3', '4'])
    const [one, two, three, four] = res.body.rows
    expect(one).toMatchObject({
      name: '甲一厂',
      statusName: '疑似污染地块',
      listName: '疑似污染地块名单',
      riskLevelName: '—',
      industry: '化工',
      county: '层表甲县',
      township: '西层镇',
      reviewStatusName: '已发布',
    })
    expect(one.areaMu).toBeCloseTo(15, 0)
    expect(two).toMatchObject({ listName: '污染地块名录', riskLevelName: '高', industry: '其他（木材加工）' })
    expect(three).toMatchObject({ listName: '建设用地土壤污染风险管控和修复名录', township: '东层镇' })
    expect(four).toMatchObject({ statusName: '已移出名录', listName: '已移出名录', industry: '—' })
    expect(one.bbox).toHaveLength(4)
  })

  it('when a status, a list, a risk level, a township or an area range is chosen, then only those plots come', async () => {
    expect(tails(await rowsOf(both, 'contaminated-plot', { adcode: A, status: 'suspected,removed' }))).toEqual([
      '1',
      '4',
    ])
    expect(tails(await rowsOf(both, 'contaminated-plot', { adcode: A, list: 'contaminated,control' }))).toEqual([
      '2',
      '3',
    ])
    expect(tails(await rowsOf(both, 'contaminated-plot', { adcode: A, list: 'control', status: 'suspected' }))).toEqual(
      [],
    )
    expect(tails(await rowsOf(both, 'contaminated-plot', { adcode: A, risk: 'high,low' }))).toEqual(['2', '4'])
    expect(tails(await rowsOf(both, 'contaminated-plot', { adcode: A, township: A_EAST }))).toEqual(['3', '4'])
    expect(tails(await rowsOf(both, 'contaminated-plot', { adcode: A, areaMin: 10, areaMax: 70 }))).toEqual(['1', '2'])
  })

  it('when sorted by area descending, by list or by risk, then the rows come in that order', async () => {
    const q = { adcode: A }
    expect(tails(await rowsOf(both, 'contaminated-plot', { ...q, sort: 'areaMu', dir: 'desc' }))).toEqual([
      '4',
      '2',
      '1',
      '3',
    ])
    expect(tails(await rowsOf(both, 'contaminated-plot', { ...q, sort: 'list', dir: 'desc' }))).toEqual([
      '4',
      '3',
      '2',
      '1',
    ])
    expect(tails(await rowsOf(both, 'contaminated-plot', { ...q, sort: 'riskLevel' }))).toEqual(['2', '3', '4', '1'])
  })

  it('when the scope is the current view, then only plots touching the view come', async () => {
    const bbox = await viewBox(X0 + 100, Y0 + 100, X0 + 900, Y0 + 500)
    expect(tails(await rowsOf(both, 'contaminated-plot', { scope: 'view', bbox }))).toEqual(['1', '2'])
  })

  it('when exported as CSV, then Chinese headers and the rows in the table order', async () => {
    const res = await get(both, 'contaminated-plot', { adcode: A, risk: 'high,medium', format: 'csv' })
    expect(res.status, res.text).toBe(200)
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('污染地块属性表_层表甲县_')}`,
    )
    expect(res.text.charCodeAt(0)).toBe(0xfeff)
    const lines = res.text.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('地块编码,地块名称,状态,名录,风险等级,原行业,区县,乡镇,面积（平方米）,面积（亩）,审核状态')
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 6))).toEqual([
      [`${A}-LP2`, '甲二厂', '风险评估', '污染地块名录', '高', '其他（木材加工）'],
      [`${A}-LP3`, '甲三厂', '修复', '建设用地土壤污染风险管控和修复名录', '中', '焦化'],
    ])
  })

  it('when exported as XLSX, then the sheet reads back with areas as numbers', async () => {
    const res = await get(both, 'contaminated-plot', { adcode: A, format: 'xlsx' }).buffer(true).parse(binary)
    expect(res.status).toBe(200)
    expect(res.headers['content-disposition']).toMatch(/filename="contaminated-plot-attributes-469983-\d{8}\.xlsx"/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.body)
    const sheet = workbook.worksheets[0]
    expect(sheet.name).toBe('污染地块属性表')
    expect(sheet.rowCount).toBe(5)
    expect(sheet.getRow(3).getCell(10).value as number).toBeCloseTo(60, 0)
  })

  it('when the set is larger than the export limit, then 400 counts the plots', async () => {
    const small = createTestApp(db, { limits: { jsonBody: '2mb', searchResults: 20, attributeExportRows: 3 } })
    const session = await signInNewUser(small, db, { role: 'environment', scopes: [A] })
    const res = await session.agent.get('/api/attribute-table/contaminated-plot').query({ format: 'csv' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('筛选出 4 个地块，超过一次导出的上限 3 个')
  })

  it('when the options are asked for, then the counties of the scope, the statuses, lists and risk levels come', async () => {
    const res = await onlyA.agent.get('/api/attribute-table/contaminated-plot/options')
    expect(res.status, res.text).toBe(200)
    readContract(PlotTableOptions, res.body)
    expect(res.body.counties.map((c: Row) => c.name)).toEqual(['层表甲县'])
    expect(res.body.counties[0].townships).toHaveLength(2)
    expect(res.body.lists.map((l: Row) => l.name)).toEqual([
      '疑似污染地块名单',
      '污染地块名录',
      '建设用地土壤污染风险管控和修复名录',
      '已移出名录',
    ])
    expect(res.body.riskLevels.map((l: Row) => l.name)).toEqual(['高', '中', '低'])
    expect(res.body.statuses[0]).toEqual({ code: 'suspected', name: '疑似污染地块' })
  })
})

describe('GET /api/attribute-table/monitoring-point', () => {
  it('when a county is asked for, then each point comes with its level, type, township, land use and last soil sampling', async () => {
    const res = await get(both, 'monitoring-point', { adcode: A })
    expect(res.status, res.text).toBe(200)
    readContract(PointTablePage, res.body)
    expect(res.body).toMatchObject({ layer: 'monitoring-point', layerName: '监测点位', total: 3 })
    const [one, two, three] = res.body.rows
    expect(one).toMatchObject({
      name: '甲点一',
      levelName: '国控',
      pointTypeName: '基础点位',
      township: '西层镇',
      landUse: '0101 水田',
      lastSoilSampledOn: null,
    })
    expect(two).toMatchObject({ levelName: '县控', pointTypeName: '风险监控点位', lastSoilSampledOn: '2025-06-02' })
    expect(three).toMatchObject({ levelName: '省控', township: '东层镇', lastSoilSampledOn: '2023-04-03' })
    expect(one.bbox[0]).toBe(one.bbox[2])
  })

  it('when a level, a type or a township is chosen, then only those points come', async () => {
    expect(tails(await rowsOf(both, 'monitoring-point', { adcode: A, level: 'national,provincial' }))).toEqual([
      '1',
      '3',
    ])
    expect(tails(await rowsOf(both, 'monitoring-point', { adcode: A, type: 'risk' }))).toEqual(['2'])
    expect(tails(await rowsOf(both, 'monitoring-point', { adcode: A, township: A_EAST }))).toEqual(['3'])
  })

  it('when sorted by level or by last sampling date descending, then the rows come in that order', async () => {
    expect(tails(await rowsOf(both, 'monitoring-point', { adcode: A, sort: 'level' }))).toEqual(['1', '3', '2'])
    expect(
      tails(await rowsOf(both, 'monitoring-point', { adcode: A, sort: 'lastSoilSampledOn', dir: 'desc' })),
    ).toEqual(['2', '3', '1'])
  })

  it('when exported as CSV, then Chinese headers and the points', async () => {
    const res = await get(both, 'monitoring-point', { adcode: A, type: 'risk', format: 'csv' })
    expect(res.status, res.text).toBe(200)
    const lines = res.text.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('点位编码,点位名称,级别,点位类型,区县,乡镇,土地利用,最近土壤采样日期')
    expect(lines[1]).toBe(`${A}-MP2,甲点二,县控,风险监控点位,层表甲县,西层镇,0103 旱地,2025-06-02`)
  })

  it('when the options are asked for, then the levels and types come', async () => {
    const res = await both.agent.get('/api/attribute-table/monitoring-point/options')
    expect(res.status, res.text).toBe(200)
    readContract(PointTableOptions, res.body)
    expect(res.body.counties.map((c: Row) => c.adcode)).toEqual([A, B])
    expect(res.body.levels.map((l: Row) => l.name)).toEqual(['国控', '省控', '市控', '县控'])
    expect(res.body.types.map((l: Row) => l.code)).toEqual(['basic', 'risk', 'background', 'produce'])
  })
})

describe('the 污染地块 and 监测点位 tables: county scope and bad parameters', () => {
  it('when a user of one county reads either table, then only rows of that county come', async () => {
    expect((await rowsOf(onlyA, 'contaminated-plot', {})).every((r) => r.adcode === A)).toBe(true)
    expect((await rowsOf(onlyA, 'monitoring-point', {})).map((r) => r.adcode)).toEqual([A, A, A])
  })

  it('when a user of one county asks for another county, then 403 names it, for the page and the export', async () => {
    for (const layer of ['contaminated-plot', 'monitoring-point']) {
      const res = await get(onlyA, layer, { adcode: B })
      expect(res.status).toBe(403)
      expect(res.body.error.message).toContain('层表乙县')
      expect((await get(onlyA, layer, { adcode: B, format: 'xlsx' })).status).toBe(403)
    }
  })

  it('when nobody is signed in, then 401', async () => {
    expect((await supertest(app).get('/api/attribute-table/monitoring-point')).status).toBe(401)
    expect((await supertest(app).get('/api/attribute-table/contaminated-plot/options')).status).toBe(401)
  })

  it.each([
    ['contaminated-plot', { status: 'suspected,bad' }, '状态（status）'],
    ['contaminated-plot', { list: 'black' }, '名录（list）'],
    ['contaminated-plot', { risk: 'extreme' }, '风险等级（risk）'],
    ['contaminated-plot', { sort: 'contact' }, '排序列（sort）'],
    ['contaminated-plot', { areaMin: 9, areaMax: 1 }, '最小面积（areaMin）不能大于最大面积（areaMax）'],
    ['contaminated-plot', { township: B_TOWN, adcode: A }, '乡镇代码（township）'],
    ['contaminated-plot', { scope: 'view' }, '当前视图范围（bbox）'],
    ['monitoring-point', { level: 'town' }, '级别（level）'],
    ['monitoring-point', { type: 'x' }, '点位类型（type）'],
    ['monitoring-point', { sort: 'geom' }, '排序列（sort）'],
    ['monitoring-point', { limit: 0 }, '每页行数（limit）'],
    ['monitoring-point', { format: 'shp' }, '导出格式（format）'],
    ['monitoring-point', { adcode: '999999' }, '区县代码（adcode）999999'],
  ])('when %s is asked %j, then 400 says %s', async (layer, query, words) => {
    const res = await get(both, layer, query as Record<string, string | number>)
    expect(res.status, res.text).toBe(400)
    expect(res.body.error.message).toContain(words)
  })
})

/** `w,s,e,n` in CGCS2000 degrees of a box in county metres. */
async function viewBox(x1: number, y1: number, x2: number, y2: number): Promise<string> {
  const {
    rows: [box],
  } = await db.query(
    `SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n
     FROM (SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, ${EPSG}), 4490) AS e) x`,
    [x1, y1, x2, y2],
  )
  return [box.w, box.s, box.e, box.n].join(',')
}

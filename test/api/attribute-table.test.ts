import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { ParcelTableOptions, ParcelTablePage } from '../../contracts/attribute-table.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import type { Session } from '../support/session.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { signInNewUser } from '../support/users.ts'

/** Two fictitious counties of their own: A with two townships (west and east half), B with one. */
const A = '469981'
const B = '469982'
const A_WEST = `${A}001`
const A_EAST = `${A}002`
const B_TOWN = `${B}001`
const X0 = 37_490_000
const Y0 = 3_250_000
const EPSG = 4525

interface Row {
  id: number
  code: string
  county: string
  township: string | null
  dlbm: string
  dlmc: string
  class: string
  className: string
  areaM2: number
  areaMu: number
  bbox: number[]
}

let db: Database
let app: ReturnType<typeof createTestApp>
let both: Session
let onlyA: Session
let onlyB: Session

/** A rectangle parcel `w` × `h` metres with its south-west corner `x`, `y` metres into county A (or B at +10 km). */
async function addParcel(
  adcode: string,
  p: { code: string; dlbm: string; cls: string; town: string; x: number; y: number; w: number; h: number },
) {
  const x = X0 + (adcode === B ? 10_000 : 0) + p.x
  await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, class, township_code, geom)
     VALUES ($1, $2, $3, $4, $5, ST_Multi(ST_Transform(ST_MakeEnvelope($6, $7, $8, $9, ${EPSG}), 4490)))`,
    [adcode, p.code, p.dlbm, p.cls, p.town, x, Y0 + p.y, x + p.w, Y0 + p.y + p.h],
  )
}

function page(session: Session, query: Record<string, string | number>) {
  return session.agent.get('/api/attribute-table/parcel').query(query)
}

async function rowsOf(session: Session, query: Record<string, string | number>): Promise<Row[]> {
  const res = await page(session, query)
  expect(res.status, res.text).toBe(200)
  return res.body.rows
}

const codes = (rows: Row[]) => rows.map((r) => r.code.slice(-1))

/** Supertest's parser for a binary body. */
function binary(res: any, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}

beforeAll(async () => {
  db = connectTestDatabase()
  await addSquareCounty(db, { adcode: A, name: '属性甲县', x0: X0, y0: Y0, size: 4000, epsg: EPSG }, [
    { code: A_WEST, name: '西属镇', from: 0, to: 2000 },
    { code: A_EAST, name: '东属镇', from: 2000, to: 4000 },
  ])
  await addSquareCounty(db, { adcode: B, name: '属性乙县', x0: X0 + 10_000, y0: Y0, size: 4000, epsg: EPSG }, [
    { code: B_TOWN, name: '乙属镇' },
  ])
  // 1: 15 亩 水田 优先保护; 2: 30 亩 水浇地 安全利用 (both west); 3: 3.75 亩 旱地 严格管控; 4: 45 亩 果园 未划定 (east)
  await addParcel(A, { code: `${A}-AT1`, dlbm: '0101', cls: 'priority', town: A_WEST, x: 200, y: 200, w: 100, h: 100 })
  await addParcel(A, { code: `${A}-AT2`, dlbm: '0102', cls: 'safe_use', town: A_WEST, x: 500, y: 200, w: 200, h: 100 })
  await addParcel(A, { code: `${A}-AT3`, dlbm: '0103', cls: 'strict', town: A_EAST, x: 2500, y: 2500, w: 50, h: 50 })
  await addParcel(A, {
    code: `${A}-AT4`,
    dlbm: '0201',
    cls: 'unclassified',
    town: A_EAST,
    x: 3000,
    y: 3000,
    w: 300,
    h: 100,
  })
  await addParcel(B, { code: `${B}-AT5`, dlbm: '0101', cls: 'priority', town: B_TOWN, x: 200, y: 200, w: 100, h: 100 })
  app = createTestApp(db)
  both = await signInNewUser(app, db, { role: 'farmland', scopes: [A, B] })
  onlyA = await signInNewUser(app, db, { role: 'approver', scopes: [A] })
  onlyB = await signInNewUser(app, db, { role: 'environment', scopes: [B] })
})

afterAll(async () => {
  await removeTestCounty(db, A)
  await removeTestCounty(db, B)
  await db.close()
})

describe('GET /api/attribute-table/parcel: the rows, filtered and sorted', () => {
  it('when a county is asked for, then each of its parcels comes with township, 地类 name, published class and area', async () => {
    const res = await page(both, { scope: 'county', adcode: A })
    expect(res.status, res.text).toBe(200)
    readContract(ParcelTablePage, res.body)
    expect(res.body).toMatchObject({ layer: 'parcel', layerName: '耕地图斑', total: 4, offset: 0 })
    expect(codes(res.body.rows)).toEqual(['1', '2', '3', '4'])
    const first: Row = res.body.rows[0]
    expect(first).toMatchObject({
      code: `${A}-AT1`,
      county: '属性甲县',
      township: '西属镇',
      dlbm: '0101',
      dlmc: '水田',
      class: 'priority',
      className: '优先保护类',
    })
    expect(first.areaM2).toBeGreaterThan(9_900)
    expect(first.areaM2).toBeLessThan(10_100)
    expect(first.areaMu).toBeCloseTo(first.areaM2 * 0.0015, 1)
    expect(first.bbox).toHaveLength(4)
  })

  it('when classes are chosen, then only parcels of those published classes come', async () => {
    expect(codes(await rowsOf(both, { adcode: A, class: 'priority,safe_use' }))).toEqual(['1', '2'])
    expect(codes(await rowsOf(both, { adcode: A, class: 'unclassified' }))).toEqual(['4'])
  })

  it('when 地类 codes or a first-level prefix are chosen, then only those land codes come', async () => {
    expect(codes(await rowsOf(both, { adcode: A, dlbm: '01' }))).toEqual(['1', '2', '3'])
    expect(codes(await rowsOf(both, { adcode: A, dlbm: '0201,0103' }))).toEqual(['3', '4'])
  })

  it('when a township is chosen, then only its parcels come', async () => {
    expect(codes(await rowsOf(both, { adcode: A, township: A_EAST }))).toEqual(['3', '4'])
  })

  it('when an area range in 亩 is given, then parcels inside it come (15 and 30 亩 within 10–40)', async () => {
    expect(codes(await rowsOf(both, { adcode: A, areaMin: 10, areaMax: 40 }))).toEqual(['1', '2'])
    expect(codes(await rowsOf(both, { adcode: A, areaMin: 40 }))).toEqual(['4'])
  })

  it('when sorted by area descending or by class, then the rows come in that order', async () => {
    expect(codes(await rowsOf(both, { adcode: A, sort: 'areaMu', dir: 'desc' }))).toEqual(['4', '2', '1', '3'])
    expect(codes(await rowsOf(both, { adcode: A, sort: 'class', dir: 'desc' }))).toEqual(['4', '3', '2', '1'])
    expect(codes(await rowsOf(both, { adcode: A, sort: 'township' }))).toEqual(['3', '4', '1', '2'])
  })

  it('when a page is asked for, then it holds its rows and the count of all', async () => {
    const res = await page(both, { adcode: A, offset: 2, limit: 2 })
    expect(res.body).toMatchObject({ total: 4, offset: 2, limit: 2 })
    expect(codes(res.body.rows)).toEqual(['3', '4'])
    const past = await page(both, { adcode: A, offset: 10, limit: 2 })
    expect(past.body).toMatchObject({ total: 4, rows: [] })
  })

  it('when the scope is the current view, then only parcels touching the view come', async () => {
    const {
      rows: [box],
    } = await db.query(
      `SELECT ST_XMin(e) AS w, ST_YMin(e) AS s, ST_XMax(e) AS e, ST_YMax(e) AS n
       FROM (SELECT ST_Transform(ST_MakeEnvelope($1, $2, $3, $4, ${EPSG}), 4490) AS e) x`,
      [X0 + 100, Y0 + 100, X0 + 800, Y0 + 400],
    )
    const bbox = [box.w, box.s, box.e, box.n].join(',')
    expect(codes(await rowsOf(both, { scope: 'view', bbox }))).toEqual(['1', '2'])
    expect(codes(await rowsOf(both, { scope: 'county', bbox, adcode: A }))).toEqual(['1', '2', '3', '4'])
  })
})

describe('GET /api/attribute-table/parcel: county scope', () => {
  it('when a user of one county reads the table, then only rows of that county come', async () => {
    const a = await page(onlyA, { scope: 'county' })
    expect(a.status, a.text).toBe(200)
    expect(a.body.total).toBe(4)
    expect(a.body.rows.every((r: Row) => r.code.startsWith(A))).toBe(true)
    const b = await rowsOf(onlyB, { scope: 'county' })
    expect(b.map((r) => r.code)).toEqual([`${B}-AT5`])
  })

  it('when a user of one county asks for another county, then 403 names the county', async () => {
    const res = await page(onlyA, { adcode: B })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toContain('属性乙县')
    const exported = await page(onlyA, { adcode: B, format: 'csv' })
    expect(exported.status).toBe(403)
  })

  it('when a user of one county asks for a township of another, then 400 names the township parameter', async () => {
    const res = await page(onlyA, { township: B_TOWN })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('乡镇代码（township）')
  })

  it('when nobody is signed in, then 401', async () => {
    const res = await (await import('supertest')).default(app).get('/api/attribute-table/parcel')
    expect(res.status).toBe(401)
  })
})

describe('GET /api/attribute-table/parcel: bad parameters', () => {
  it.each([
    [{ sort: 'geom' }, '排序列（sort）'],
    [{ dir: 'up' }, '排序方向（dir）'],
    [{ class: 'priority,good' }, '类别（class）'],
    [{ dlbm: '01;DROP' }, '地类（dlbm）'],
    [{ township: '12' }, '乡镇代码（township）'],
    [{ areaMin: 'abc' }, '最小面积（areaMin）'],
    [{ areaMin: 30, areaMax: 10 }, '最小面积（areaMin）不能大于最大面积（areaMax）'],
    [{ scope: 'view' }, '当前视图范围（bbox）'],
    [{ scope: 'view', bbox: '113,28,112,29' }, '当前视图范围（bbox）'],
    [{ scope: 'world' }, '范围（scope）'],
    [{ limit: 501 }, '每页行数（limit）最多 500'],
    [{ offset: -1 }, '起始行（offset）'],
    [{ adcode: '12345' }, '区县代码（adcode）'],
    [{ adcode: '999999' }, '区县代码（adcode）999999'],
    [{ format: 'pdf' }, '导出格式（format）'],
  ])('when %j is asked, then 400 says %s', async (query, words) => {
    const res = await page(both, query as Record<string, string | number>)
    expect(res.status, res.text).toBe(400)
    expect(res.body.error.message).toContain(words)
  })

  it('when the layer is not one with a table, then 400 names the layer', async () => {
    const res = await both.agent.get('/api/attribute-table/roads')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('图层')
  })
})

describe('GET /api/attribute-table/parcel?format=: the whole filtered set as a file', () => {
  it('when exported as CSV, then UTF-8 with a BOM, Chinese headers, the rows in order and a Chinese file name', async () => {
    const res = await page(both, {
      adcode: A,
      class: 'priority,safe_use,strict',
      sort: 'areaMu',
      dir: 'desc',
      format: 'csv',
    })
    expect(res.status, res.text).toBe(200)
    expect(res.headers['content-type']).toMatch(/^text\/csv/)
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('耕地图斑属性表_属性甲县_')}`,
    )
    expect(res.text.charCodeAt(0)).toBe(0xfeff)
    const lines = res.text.slice(1).trim().split('\r\n')
    expect(lines[0]).toBe('图斑编号,区县,乡镇,地类编码,地类名称,类别,面积（平方米）,面积（亩）')
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([`${A}-AT2`, `${A}-AT1`, `${A}-AT3`])
    expect(lines[2].split(',').slice(1, 6)).toEqual(['属性甲县', '西属镇', '0101', '水田', '优先保护类'])
  })

  it('when exported as XLSX, then the sheet reads back with Chinese headers and areas as numbers', async () => {
    const res = await page(both, { adcode: A, format: 'xlsx' }).buffer(true).parse(binary)
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toMatch(/spreadsheetml\.sheet/)
    expect(res.headers['content-disposition']).toMatch(/filename="parcel-attributes-469981-\d{8}\.xlsx"/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.body)
    const sheet = workbook.worksheets[0]
    expect(sheet.name).toBe('耕地图斑属性表')
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '图斑编号',
      '区县',
      '乡镇',
      '地类编码',
      '地类名称',
      '类别',
      '面积（平方米）',
      '面积（亩）',
    ])
    expect(sheet.rowCount).toBe(5)
    const last = sheet.getRow(5)
    expect(last.getCell(1).value).toBe(`${A}-AT4`)
    expect(last.getCell(6).value).toBe('未划定')
    expect(typeof last.getCell(7).value).toBe('number')
    expect(last.getCell(8).value as number).toBeCloseTo(45, 0)
  })

  it('when the filtered set is larger than the export limit, then 400 says how many and asks to narrow it', async () => {
    const small = createTestApp(db, { limits: { jsonBody: '2mb', searchResults: 20, attributeExportRows: 3 } })
    const session = await signInNewUser(small, db, { role: 'farmland', scopes: [A] })
    const res = await session.agent.get('/api/attribute-table/parcel').query({ format: 'xlsx' })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('筛选出 4 个图斑，超过一次导出的上限 3 个')
    const narrowed = await session.agent.get('/api/attribute-table/parcel').query({ format: 'csv', dlbm: '01' })
    expect(narrowed.status).toBe(200)
  })
})

describe('GET /api/attribute-table/parcel/options', () => {
  it('when asked, then the counties of the scope with their townships, the classes and the land codes present come', async () => {
    const res = await onlyA.agent.get('/api/attribute-table/parcel/options')
    expect(res.status, res.text).toBe(200)
    readContract(ParcelTableOptions, res.body)
    expect(res.body.counties).toEqual([
      {
        adcode: A,
        name: '属性甲县',
        townships: [
          { code: A_WEST, name: '西属镇' },
          { code: A_EAST, name: '东属镇' },
        ],
      },
    ])
    expect(res.body.classes.map((c: { name: string }) => c.name)).toEqual([
      '优先保护类',
      '安全利用类',
      '严格管控类',
      '未划定',
    ])
    expect(res.body.landCodes).toEqual([
      { code: '0101', name: '水田' },
      { code: '0102', name: '水浇地' },
      { code: '0103', name: '旱地' },
      { code: '0201', name: '果园' },
    ])
    expect(res.body.exportMaxRows).toBe(100_000)
  })
})

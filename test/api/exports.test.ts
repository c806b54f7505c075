import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { CLASS_LIST_EXPORT_FIELDS, GENERATED_DATA_SOURCE } from '../../server/src/domain/class-list-export.ts'
import { DLBM, labelOf } from '../../server/src/domain/labels.ts'
import { readVectorFiles, type VectorFile } from '../../server/src/services/gdal.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'

/**
 * Each test downloads a class list of 赫山区 in one format and opens the file again: CSV parsed, XLSX read with
 * exceljs, GeoJSON parsed, Shapefile and GeoPackage opened with GDAL (gdal3.js). The lists and their entries
 * are written here with SQL, on the sample parcels.
 */

const RULE_SET = `export-test-${process.pid}`
const PARCELS = 12
const LONG_SUMMARY = `样点 HS-001 镉 0.82 mg/kg 超过 GB 15618-2018 表1 水田 5.5<pH≤6.5 筛选值 0.4 mg/kg，比值 2.05；${'邻近样点均超过筛选值，'.repeat(12)}按最不利样点判定为安全利用类。`
const QUOTED_SUMMARY = '样点 HS-002 的“镉”为 0.30 mg/kg, 未超过筛选值 0.4 mg/kg，判定为优先保护类'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let anonymous: Session
let list: { id: number }
let otherCountyList: { id: number }
let runningList: { id: number }
/** The parcels of the list, in export order (township code, then parcel code). */
let parcels: { id: number; code: string; dlbm: string; township: string; areaM2: number }[]
let strictParcel: { code: string }
let longParcel: { code: string }
let overrideParcel: { code: string }
let quotedParcel: { code: string }

async function insertList(adcode: string, isComplete: boolean, parcelCount: number): Promise<{ id: number }> {
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by)
    VALUES ($1, '导出测试清单', $2, 'approved', $3, $4, 'gengdi') RETURNING id`,
    [adcode, RULE_SET, isComplete, parcelCount],
  )
  return { id: Number(r.id) }
}

async function insertEntry(
  adcode: string,
  listId: number,
  parcelId: number,
  entry: {
    class: string
    method: string
    soilGrade: string | null
    pollutants: string[]
    samples: number
    summary: string
    computedClass?: string
    reason?: string
  },
) {
  await db.query(
    `
    INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, soil_grade, main_pollutants, sample_count, basis, computed_class, override_reason, override_by)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, jsonb_build_object('ruleSetVersion', $9::text, 'summary', $10::text), $11, $12, $13)`,
    [
      adcode,
      listId,
      parcelId,
      entry.class,
      entry.method,
      entry.soilGrade,
      entry.pollutants,
      entry.samples,
      RULE_SET,
      entry.summary,
      entry.computedClass ?? null,
      entry.reason ?? null,
      entry.reason ? 'gengdi' : null,
    ],
  )
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  anonymous = await signInAs(app, 'anonymous')
  await db.query(
    `INSERT INTO class_rule_set (version, name, rules) SELECT $1, '导出测试规则', rules FROM class_rule_set WHERE is_default ON CONFLICT DO NOTHING`,
    [RULE_SET],
  )
  const { rows } = await db.query(`
    SELECT p.id, p.code, p.dlbm, t.name AS township, p.area_m2 FROM farmland_parcel p
    JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
    WHERE p.adcode = '430903' ORDER BY p.id LIMIT ${PARCELS}`)
  list = await insertList('430903', true, PARCELS)
  for (const [i, p] of rows.entries()) {
    const kind = i % 4
    if (kind === 0)
      await insertEntry('430903', list.id, p.id, {
        class: 'strict',
        method: 'samples',
        soilGrade: 'C',
        pollutants: ['Cd', 'As'],
        samples: 2,
        summary: '样点 HS-003 镉 3.2 mg/kg 超过管制值 2.0 mg/kg，判定为严格管控类',
      })
    if (kind === 1)
      await insertEntry('430903', list.id, p.id, {
        class: 'safe_use',
        method: 'interpolated',
        soilGrade: 'B',
        pollutants: ['Cd'],
        samples: 3,
        summary: LONG_SUMMARY,
      })
    if (kind === 2)
      await insertEntry('430903', list.id, p.id, {
        class: 'priority',
        method: 'samples',
        soilGrade: 'A',
        pollutants: [],
        samples: 1,
        summary: QUOTED_SUMMARY,
      })
    if (kind === 3)
      await insertEntry('430903', list.id, p.id, {
        class: 'safe_use',
        method: 'override',
        soilGrade: null,
        pollutants: [],
        samples: 0,
        summary: '范围内无样点，数据不足',
        computedClass: 'unclassified',
        reason: '现场核查为设施农用地旁的水田，参照邻近图斑',
      })
  }
  const { rows: ordered } = await db.query(
    `
    SELECT p.id, p.code, p.dlbm, t.name AS township, p.area_m2 AS "areaM2" FROM class_list_entry e
    JOIN farmland_parcel p ON p.adcode = e.adcode AND p.id = e.parcel_id
    JOIN township t ON t.adcode = p.adcode AND t.code = p.township_code
    WHERE e.adcode = '430903' AND e.list_id = $1 ORDER BY p.township_code, p.code`,
    [list.id],
  )
  parcels = ordered
  const byKind = (k: number) => ({ code: rows[k].code as string })
  strictParcel = byKind(0)
  longParcel = byKind(1)
  quotedParcel = byKind(2)
  overrideParcel = byKind(3)

  otherCountyList = await insertList('220322', true, 1)
  const {
    rows: [lishu],
  } = await db.query(`SELECT id FROM farmland_parcel WHERE adcode = '220322' ORDER BY id LIMIT 1`)
  await insertEntry('220322', otherCountyList.id, lishu.id, {
    class: 'priority',
    method: 'samples',
    soilGrade: 'A',
    pollutants: [],
    samples: 1,
    summary: '梨树县测试',
  })
  runningList = await insertList('430903', false, 0)
})

afterAll(async () => {
  await db.query(`DELETE FROM class_list WHERE rule_set_version = $1`, [RULE_SET])
  await db.query(`DELETE FROM class_rule_set WHERE version = $1`, [RULE_SET])
  await db.close()
})

/** Supertest's parser for a binary body. */
function binary(res: any, callback: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => callback(null, Buffer.concat(chunks)))
}

async function download(format: string, id = list.id, session = farmland) {
  return session.agent.get(`/api/class-lists/${id}/export.${format}`).buffer(true).parse(binary)
}

/** The UTF-8 name of an RFC 5987 `filename*`. */
function utf8FileName(disposition: string): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(disposition)
  if (!m) throw new Error(`没有 filename*：${disposition}`)
  return decodeURIComponent(m[1])
}

function expectDownload(res: any, contentType: RegExp, ext: string) {
  expect(res.status, res.status === 200 ? '' : res.body.toString()).toBe(200)
  expect(res.headers['content-type']).toMatch(contentType)
  expect(res.headers['content-disposition']).toMatch(
    /^attachment; filename="class_list_430903_\d+\.[a-z.]+"; filename\*=UTF-8''/,
  )
  expect(utf8FileName(res.headers['content-disposition'])).toBe(`分类清单_赫山区_清单${list.id}.${ext}`)
}

/** RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let isQuoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (isQuoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') isQuoted = false
      else cell += ch
    } else if (ch === '"') isQuoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += ch
  }
  if (cell || row.length) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}

const fieldNames = CLASS_LIST_EXPORT_FIELDS.map((f) => f.name)
const titles = CLASS_LIST_EXPORT_FIELDS.map((f) => f.title)

function recordOf(headers: string[], values: unknown[]): Record<string, unknown> {
  return Object.fromEntries(headers.map((h, i) => [h, values[i]]))
}

describe('GET /api/class-lists/:id/export.csv', () => {
  it('when a farmland officer downloads the CSV, then it is UTF-8 with a BOM, Chinese headers and one row per parcel in export order', async () => {
    const res = await download('csv')
    expectDownload(res, /^text\/csv; charset=utf-8/, 'csv')
    const body: Buffer = res.body
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const [header, ...rows] = parseCsv(body.toString('utf8').slice(1))
    expect(header).toEqual(titles)
    expect(rows).toHaveLength(PARCELS)
    expect(rows.map((r) => r[header.indexOf('图斑编号')])).toEqual(parcels.map((p) => p.code))

    const strict = recordOf(
      header,
      rows.find((r) => r[header.indexOf('图斑编号')] === strictParcel.code)!,
    )
    const parcel = parcels.find((p) => p.code === strictParcel.code)!
    expect(strict).toMatchObject({
      省级行政区代码: '430000',
      省级行政区名称: '湖南省',
      地级行政区代码: '430900',
      地级行政区名称: '益阳市',
      县级行政区代码: '430903',
      县级行政区名称: '赫山区',
      乡镇名称: parcel.township,
      地类编码: parcel.dlbm,
      类别代码: 'strict',
      类别: '严格管控类',
      划定方法: '样点判定',
      土壤等级: 'C',
      主要污染物: '镉、砷',
      样点数: '2',
      规则版本: RULE_SET,
      清单编号: String(list.id),
      清单状态: '已审定',
      数据来源: GENERATED_DATA_SOURCE,
    })
    expect(Number(strict['面积（亩）'])).toBeCloseTo(parcel.areaM2 * 0.0015, 2)
    expect(Number(strict['面积（公顷）'])).toBeCloseTo(parcel.areaM2 / 10_000, 4)
    expect(strict['地类名称']).toBe(labelOf(DLBM, parcel.dlbm))
    expect(strict['地类名称']).not.toBe(parcel.dlbm)

    const quoted = recordOf(
      header,
      rows.find((r) => r[header.indexOf('图斑编号')] === quotedParcel.code)!,
    )
    expect(quoted['划分依据']).toBe(QUOTED_SUMMARY)
    const long = recordOf(
      header,
      rows.find((r) => r[header.indexOf('图斑编号')] === longParcel.code)!,
    )
    expect(long['划分依据']).toBe(LONG_SUMMARY)
    const override = recordOf(
      header,
      rows.find((r) => r[header.indexOf('图斑编号')] === overrideParcel.code)!,
    )
    expect(override).toMatchObject({
      划定方法: '人工调整',
      类别: '安全利用类',
      计算类别: '未划定',
      调整原因: '现场核查为设施农用地旁的水田，参照邻近图斑',
      土壤等级: '',
    })
  })
})

describe('GET /api/class-lists/:id/export.xlsx', () => {
  it('when the XLSX is downloaded and read back, then the sheet has a header row, widths, one row per parcel and a 说明 sheet with the list and the field names', async () => {
    const res = await download('xlsx')
    expectDownload(res, /^application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet/, 'xlsx')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(res.body)
    const sheet = workbook.getWorksheet('分类清单')!
    expect(sheet.rowCount).toBe(PARCELS + 1)
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(titles)
    expect(sheet.getColumn(titles.indexOf('划分依据') + 1).width).toBe(60)
    const records = Array.from({ length: PARCELS }, (_, i) =>
      recordOf(titles, (sheet.getRow(i + 2).values as unknown[]).slice(1)),
    )
    expect(records.map((r) => r['图斑编号'])).toEqual(parcels.map((p) => p.code))
    const strict = records.find((r) => r['图斑编号'] === strictParcel.code)!
    expect(strict).toMatchObject({
      县级行政区名称: '赫山区',
      类别: '严格管控类',
      主要污染物: '镉、砷',
      样点数: 2,
      清单编号: list.id,
      数据来源: GENERATED_DATA_SOURCE,
    })
    expect(typeof strict['面积（亩）']).toBe('number')
    expect(records.find((r) => r['图斑编号'] === longParcel.code)!['划分依据']).toBe(LONG_SUMMARY)

    const notes = workbook.getWorksheet('说明')!
    const lines = new Map<string, string>()
    notes.eachRow((row) => {
      lines.set(String(row.getCell(1).value), String(row.getCell(2).value ?? ''))
    })
    expect(lines.get('清单编号')).toBe(String(list.id))
    expect(lines.get('划分规则版本')).toBe(RULE_SET)
    expect(lines.get('审核状态')).toBe('已审定')
    expect(lines.get('行政区')).toContain('赫山区（430903）')
    expect(lines.get('坐标系')).toContain('EPSG:4490')
    expect(lines.get('数据说明')).toContain('示例数据')
    expect(lines.get('导出时间')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/)
    for (const f of CLASS_LIST_EXPORT_FIELDS) expect(lines.get(f.name), f.name).toBe(f.title)
  })
})

describe('GET /api/class-lists/:id/export.geojson', () => {
  it('when the GeoJSON is downloaded, then it is a FeatureCollection in CGCS2000 lon/lat with one feature per parcel and the short field names', async () => {
    const res = await download('geojson')
    expectDownload(res, /^application\/geo\+json/, 'geojson')
    const fc = JSON.parse(res.body.toString('utf8'))
    expect(fc.type).toBe('FeatureCollection')
    expect(fc.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::4490')
    expect(fc.metadata['数据说明']).toContain('示例数据')
    expect(fc.features).toHaveLength(PARCELS)
    expect(fc.features.map((f: any) => f.properties.TBBH)).toEqual(parcels.map((p) => p.code))
    expect(Object.keys(fc.features[0].properties)).toEqual(fieldNames)
    const strict = fc.features.find((f: any) => f.properties.TBBH === strictParcel.code)
    expect(strict.properties).toMatchObject({
      XZQMC: '赫山区',
      LBMC: '严格管控类',
      ZYWRW: '镉、砷',
      YDS: 2,
      QDBH: list.id,
    })
    expect(strict.geometry.type).toBe('MultiPolygon')
    const [lon, lat] = strict.geometry.coordinates[0][0][0]
    expect(lon).toBeGreaterThan(111.5)
    expect(lon).toBeLessThan(113)
    expect(lat).toBeGreaterThan(28)
    expect(lat).toBeLessThan(29)
    const {
      rows: [same],
    } = await db.query(
      `
      SELECT ST_Equals(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490), geom) AS is_equal,
             ST_HausdorffDistance(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490), geom) AS distance
      FROM farmland_parcel WHERE adcode = '430903' AND code = $2`,
      [JSON.stringify(strict.geometry), strictParcel.code],
    )
    expect(same.distance).toBeLessThan(1e-7)
  })
})

function shpFirst(files: VectorFile[]): VectorFile[] {
  return [...files.filter((f) => f.name.endsWith('.shp')), ...files.filter((f) => !f.name.endsWith('.shp'))]
}

function crsCode(info: any): number {
  return info.layers[0].geometryFields[0].coordinateSystem.projjson.id.code
}

describe('GET /api/class-lists/:id/export.shp.zip', () => {
  it('when the zipped Shapefile is downloaded and opened with GDAL, then it has every parcel, the ≤10-character field names, UTF-8 Chinese values and EPSG:4490', async () => {
    const res = await download('shp.zip')
    expectDownload(res, /^application\/zip/, 'shp.zip')
    const zip = await JSZip.loadAsync(res.body)
    const base = `class_list_430903_${list.id}`
    expect(Object.keys(zip.files).sort()).toEqual(
      ['.cpg', '.dbf', '.prj', '.shp', '.shx', '_readme.txt'].map((e) => `${base}${e}`).sort(),
    )
    expect(await zip.file(`${base}.cpg`)!.async('string')).toMatch(/^UTF-8/)
    expect(await zip.file(`${base}_readme.txt`)!.async('string')).toContain('示例数据')
    const files: VectorFile[] = await Promise.all(
      Object.keys(zip.files)
        .filter((n) => !n.endsWith('.txt'))
        .map(async (name) => ({ name, bytes: await zip.file(name)!.async('uint8array') })),
    )

    const { info, featureCollection } = await readVectorFiles(shpFirst(files))
    const layer = info.layers[0]
    expect(info.driverShortName).toBe('ESRI Shapefile')
    expect(layer.featureCount).toBe(PARCELS)
    expect(layer.fields.map((f: any) => f.name)).toEqual(fieldNames)
    for (const name of fieldNames) expect(name).toMatch(/^[A-Z_]{1,10}$/)
    expect(layer.fields.find((f: any) => f.name === 'YJ').width).toBe(254)
    expect(crsCode(info)).toBe(4490)

    const features = featureCollection.features
    expect(features.map((f) => f.properties.TBBH)).toEqual(parcels.map((p) => p.code))
    const strict = features.find((f) => f.properties.TBBH === strictParcel.code)!
    expect(strict.properties).toMatchObject({
      XZQMC: '赫山区',
      LBMC: '严格管控类',
      ZYWRW: '镉、砷',
      YDS: 2,
      QDZT: '已审定',
      SJLY: GENERATED_DATA_SOURCE,
    })
    const long = String(features.find((f) => f.properties.TBBH === longParcel.code)!.properties.YJ)
    expect(Buffer.byteLength(long, 'utf8')).toBeLessThanOrEqual(254)
    expect(long).not.toContain('\uFFFD')
    expect(long.endsWith('…')).toBe(true)
    expect(LONG_SUMMARY.startsWith(long.slice(0, -1))).toBe(true)
  })
})

describe('GET /api/class-lists/:id/export.gpkg', () => {
  it('when the GeoPackage is downloaded and opened with GDAL, then it has every parcel, the field names, the full basis and EPSG:4490', async () => {
    const res = await download('gpkg')
    expectDownload(res, /^application\/geopackage\+sqlite3/, 'gpkg')
    expect(res.body.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000')
    const { info, featureCollection } = await readVectorFiles([
      { name: 'download.gpkg', bytes: new Uint8Array(res.body) },
    ])
    const layer = info.layers[0]
    expect(info.driverShortName).toBe('GPKG')
    expect(layer.name).toBe(`class_list_430903_${list.id}`)
    expect(layer.featureCount).toBe(PARCELS)
    expect(layer.fields.map((f: any) => f.name)).toEqual(fieldNames)
    expect(crsCode(info)).toBe(4490)
    const features = featureCollection.features
    expect(features.find((f) => f.properties.TBBH === longParcel.code)!.properties.YJ).toBe(LONG_SUMMARY)
    expect(features.find((f) => f.properties.TBBH === overrideParcel.code)!.properties).toMatchObject({
      HDFF: '人工调整',
      JSLBMC: '未划定',
      LBMC: '安全利用类',
    })
  })
})

describe('export refusals', () => {
  it.each(['csv', 'xlsx', 'geojson', 'shp.zip', 'gpkg'])(
    'when an anonymous caller asks for the %s export, then 401',
    async (format) => {
      const res = await anonymous.agent.get(`/api/class-lists/${list.id}/export.${format}`)
      expect(res.status).toBe(401)
      expect(res.body.error.code).toBe('UNAUTHENTICATED')
    },
  )

  it('when an officer of 赫山区 asks for a list of 梨树县, then 403 OUT_OF_SCOPE naming 梨树县', async () => {
    const res = await farmland.agent.get(`/api/class-lists/${otherCountyList.id}/export.gpkg`)
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('OUT_OF_SCOPE')
    expect(res.body.error.message).toContain('梨树县')
  })

  it('when the list does not exist, then 404 with the list number', async () => {
    const res = await farmland.agent.get('/api/class-lists/987654321/export.csv')
    expect(res.status).toBe(404)
    expect(res.body.error.message).toContain('987654321')
  })

  it('when the list id is not a number, then 400 naming the list number', async () => {
    const res = await farmland.agent.get('/api/class-lists/abc/export.xlsx')
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('分类清单编号')
  })

  it('when the list is still being classified, then 409 and nothing is exported', async () => {
    const res = await farmland.agent.get(`/api/class-lists/${runningList.id}/export.csv`)
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('尚未完成划分')
  })
})

describe('formulas in exported text', () => {
  const PLANTED = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1+2', '\r=3']

  it('when override reasons start like spreadsheet formulas, then every CSV export gives them a leading quote and keeps numbers as numbers', async () => {
    const planted = await insertList('430903', true, PLANTED.length)
    const { rows } = await db.query(
      `SELECT id, code FROM farmland_parcel WHERE adcode = '430903' ORDER BY id DESC LIMIT ${PLANTED.length}`,
    )
    for (const [i, p] of rows.entries()) {
      await insertEntry('430903', planted.id, p.id, {
        class: 'safe_use',
        method: 'override',
        soilGrade: null,
        pollutants: [],
        samples: 0,
        summary: PLANTED[i],
        computedClass: 'unclassified',
        reason: PLANTED[i],
      })
    }
    const res = await download('csv', planted.id)
    expect(res.status).toBe(200)
    const [header, ...lines] = parseCsv((res.body as Buffer).toString('utf8').slice(1))
    const byCode = new Map(lines.map((l) => [l[header.indexOf('图斑编号')], recordOf(header, l)]))
    for (const [i, p] of rows.entries()) {
      const record = byCode.get(p.code)!
      expect(record['调整原因']).toBe(`'${PLANTED[i]}`)
      expect(record['划分依据']).toBe(`'${PLANTED[i]}`)
      expect(record['样点数']).toBe('0')
      expect(Number(record['面积（亩）'])).toBeGreaterThan(0)
    }
    for (const line of lines) for (const cell of line) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/)
  })
})

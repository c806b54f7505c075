import crypto from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Session } from '../support/session.ts'
import { BOTH_TEST_COUNTIES, signInNewUser } from '../support/users.ts'
import { readContract } from '../support/contract.ts'
import { ClassChecksAnswer, LedgerAnswer } from '../../contracts/safe-use-ledger.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let approver: Session
let environment: Session
let lishu: Session
let both: Session
const run = crypto.randomBytes(3).toString('hex').toUpperCase()
/** Accounting years no other file uses; each describe takes its own. */
const YEAR = { roundTrip: 2091, bad: 2092, edit: 2093, apply: 2094, review: 2095 }

interface TestParcel {
  id: number
  code: string
}
const parcels: Record<'safeUse' | 'safeUse2' | 'strict' | 'priority' | 'produce', TestParcel> = {} as never
let lishuParcel: TestParcel

const post = (s: Session, url: string) => s.agent.post(url).set('X-CSRF-Token', s.csrfToken)
const patch = (s: Session, url: string) => s.agent.patch(url).set('X-CSRF-Token', s.csrfToken)
const del = (s: Session, url: string) => s.agent.delete(url).set('X-CSRF-Token', s.csrfToken)

async function addParcel(
  adcode: string,
  code: string,
  at: [number, number],
  cls: string,
  cropResult = 'none',
): Promise<TestParcel> {
  const {
    rows: [r],
  } = await db.query(
    `INSERT INTO farmland_parcel (adcode, code, dlbm, class, class_basis, geom)
     VALUES ($1, $2, '0101', $3, jsonb_build_object('cropResult', $4::text),
             ST_Multi(ST_Expand(ST_SetSRID(ST_MakePoint($5, $6), 4490), 0.0003))) RETURNING id`,
    [adcode, code, cls, cropResult, at[0], at[1]],
  )
  return { id: Number(r.id), code }
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  approver = await signInAs(app, 'approver')
  environment = await signInAs(app, 'environment')
  lishu = await signInNewUser(app, db, { role: 'farmland', scopes: ['220322'] })
  both = await signInNewUser(app, db, { role: 'farmland', scopes: BOTH_TEST_COUNTIES })
  const [lon, lat] = await freeSpot(db, { clearOfPoints: 0.02, clearOfFarmland: 0.012, spacing: 0.03 })
  parcels.safeUse = await addParcel('430903', `SUL-${run}-A`, [lon, lat], 'safe_use', 'none')
  parcels.safeUse2 = await addParcel('430903', `SUL-${run}-B`, [lon + 0.004, lat], 'safe_use', 'serious')
  parcels.strict = await addParcel('430903', `SUL-${run}-C`, [lon + 0.008, lat], 'strict')
  parcels.priority = await addParcel('430903', `SUL-${run}-D`, [lon, lat + 0.004], 'priority')
  parcels.produce = await addParcel('430903', `SUL-${run}-E`, [lon + 0.004, lat + 0.004], 'safe_use', 'slight')
  const {
    rows: [point],
  } = await db.query(
    `INSERT INTO monitoring_point (adcode, code, name, level, point_type, status, land_use, geom, created_by)
     VALUES ('430903', $1, '测试农产品点位', 'county', 'produce', 'active', '0101', ST_SetSRID(ST_MakePoint($2, $3), 4490), 'test')
     RETURNING id`,
    [`SUL-${run}-JC`, lon + 0.004, lat + 0.0045],
  )
  await db.query(
    `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, crop, values_mg_kg)
     VALUES ('430903', $1, '2094-08-20', 'crop', '稻谷', '{"cd": 0.5}')`,
    [point.id],
  )
  const [llon, llat] = await freeSpot(db, { adcode: '220322' })
  lishuParcel = await addParcel('220322', `SUL-${run}-L`, [llon, llat], 'safe_use')
})

afterAll(async () => {
  await db.query(`DELETE FROM safe_use_account WHERE year BETWEEN 2090 AND 2095`)
  await db.query(`DELETE FROM safe_use_ledger WHERE year BETWEEN 2090 AND 2095`)
  await db.query(`DELETE FROM monitoring_point WHERE code = $1`, [`SUL-${run}-JC`])
  await db.query(`DELETE FROM farmland_parcel WHERE code LIKE $1`, [`SUL-${run}-%`])
  await db.close()
})

/** Reads a binary answer into a Buffer (supertest leaves unknown types unparsed). */
function binary(res: any, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

async function download(s: Session, url: string): Promise<ExcelJS.Workbook> {
  const res = await s.agent.get(url).buffer(true).parse(binary).expect(200)
  expect(res.headers['content-type']).toContain('spreadsheetml')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(res.body)
  return book
}

/** The sheet's rows as header → text, the header row left out. */
function sheetRows(book: ExcelJS.Workbook): Record<string, string>[] {
  const sheet = book.getWorksheet('安全利用台账')!
  const header = (sheet.getRow(1).values as string[]).slice(1)
  const rows: Record<string, string>[] = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    rows.push(Object.fromEntries(header.map((h, i) => [h, String(row.getCell(i + 1).value ?? '')])))
  })
  return rows
}

/** A workbook of the template's header and these rows (header → text). */
async function fillTemplate(template: ExcelJS.Workbook, rows: Record<string, string>[]): Promise<Buffer> {
  const sheet = template.getWorksheet('安全利用台账')!
  const header = (sheet.getRow(1).values as string[]).slice(1)
  sheet.spliceRows(2, sheet.rowCount)
  for (const r of rows) sheet.addRow(header.map((h) => r[h] ?? ''))
  return Buffer.from(await template.xlsx.writeBuffer())
}

async function templateFor(year: number) {
  return download(farmland, `/api/safe-use-ledger/template.xlsx?adcode=430903&year=${year}`)
}

const importFile = (s: Session, year: number, query: string, bytes: Buffer, name = '台账.xlsx') =>
  post(s, `/api/safe-use-ledger/import?adcode=430903&year=${year}&${query}`).attach('file', bytes, { filename: name })

async function rowCount(year: number): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM safe_use_account WHERE adcode = '430903' AND year = $1`,
    [year],
  )
  return rows[0].n
}

async function ledger(year: number, s = farmland) {
  return readContract(
    LedgerAnswer,
    (await s.agent.get(`/api/safe-use-ledger?adcode=430903&year=${year}`).expect(200)).body,
  )
}

describe('template and import round trip', () => {
  const filled = (): Record<string, string>[] => [
    {
      图斑编号: parcels.safeUse.code,
      措施: '低积累品种替代、水分调控',
      实施主体: '测试乡农技站',
      实施开始日期: '2091-03-01',
      实施结束日期: '2091-10-31',
      农产品是否达标: '达标',
    },
    { 图斑编号: parcels.strict.code, 措施: '休耕', 实施主体: '测试村委会', 农产品是否达标: '未监测' },
    {
      图斑编号: parcels.priority.code,
      污染程度: '重度',
      污染程度调整理由: '详查补测点位超管制值',
      措施: '种植结构调整',
      农产品是否达标: '未监测',
    },
  ]

  it('when the template is downloaded, then it has the province columns, an example row, a 说明 sheet and the measure list', async () => {
    const book = await templateFor(YEAR.roundTrip)
    const header = (book.getWorksheet('安全利用台账')!.getRow(1).values as string[]).slice(1)
    expect(header).toEqual([
      '县（市、区）',
      '乡镇',
      '图斑编号',
      '面积（亩）',
      '污染程度',
      '污染程度调整理由',
      '措施',
      '措施类别',
      '实施主体',
      '实施开始日期',
      '实施结束日期',
      '农产品是否达标',
      '备注',
    ])
    expect(sheetRows(book)[0]['备注']).toBe('示例')
    expect(book.getWorksheet('说明')).toBeDefined()
    const measures: string[] = []
    book.getWorksheet('措施目录')!.eachRow((r) => measures.push(`${r.getCell(1).value}:${r.getCell(2).value}`))
    expect(measures).toContain('低积累品种替代:安全利用类')
    expect(measures).toContain('退耕还林还草:严格管控类')
  })

  it('when a filled template is dry-run, then the report counts the rows and nothing is written; imported, then export gives the same rows', async () => {
    const bytes = await fillTemplate(await templateFor(YEAR.roundTrip), filled())
    const dry = await importFile(farmland, YEAR.roundTrip, 'mode=all&dryRun=true', bytes).expect(200)
    expect(dry.body).toMatchObject({ rows: 3, imported: 3, failed: 0, errors: [] })
    expect(await rowCount(YEAR.roundTrip)).toBe(0)
    const done = await importFile(farmland, YEAR.roundTrip, 'mode=all', bytes).expect(201)
    expect(done.body).toMatchObject({ rows: 3, imported: 3, failed: 0 })
    expect(await rowCount(YEAR.roundTrip)).toBe(3)

    const exported = sheetRows(
      await download(farmland, `/api/safe-use-ledger/export.xlsx?adcode=430903&year=${YEAR.roundTrip}`),
    )
    const pick = (r: Record<string, string>) => ({
      图斑编号: r['图斑编号'],
      措施: r['措施'],
      实施主体: r['实施主体'] ?? '',
      实施开始日期: r['实施开始日期'] ?? '',
      实施结束日期: r['实施结束日期'] ?? '',
      农产品是否达标: r['农产品是否达标'],
    })
    const sortByCode = (a: { 图斑编号: string }, b: { 图斑编号: string }) => a.图斑编号.localeCompare(b.图斑编号)
    expect(exported.map(pick).sort(sortByCode)).toEqual(filled().map(pick).sort(sortByCode))
    const byCode = Object.fromEntries(exported.map((r) => [r['图斑编号'], r]))
    expect(byCode[parcels.safeUse.code]['污染程度']).toBe('轻微')
    expect(byCode[parcels.safeUse.code]['县（市、区）']).toBe('赫山区')
    expect(byCode[parcels.safeUse.code]['措施类别']).toBe('安全利用类')
    expect(byCode[parcels.strict.code]['污染程度']).toBe('重度')
    expect(byCode[parcels.priority.code]['污染程度调整理由']).toBe('详查补测点位超管制值')
    expect(Number(byCode[parcels.safeUse.code]['面积（亩）'])).toBeGreaterThan(0)

    // the export has the template's columns, so a county's exported ledger is a filled template
    const again = await download(farmland, `/api/safe-use-ledger/export.xlsx?adcode=430903&year=${YEAR.roundTrip}`)
    const template = await templateFor(YEAR.roundTrip)
    expect(again.getWorksheet('安全利用台账')!.getRow(1).values).toEqual(
      template.getWorksheet('安全利用台账')!.getRow(1).values,
    )
  })

  it('when the year is read on /indicators, then B, C, D and E equal an independent SQL sum over the entered ledger', async () => {
    const res = await farmland.agent.get(`/api/indicators/farmland?year=${YEAR.roundTrip}&adcode=430903`).expect(200)
    const figures = res.body.counties[0]
    const {
      rows: [sql],
    } = await db.query(
      `WITH a AS (
         SELECT a.area_m2, a.pollution_degree AS degree, a.produce_compliant AS ok,
                (SELECT max(CASE m.bucket WHEN 'strict' THEN 3 WHEN 'safe_use' THEN 2 ELSE 1 END) FROM safe_use_measure m
                 WHERE m.adcode = a.adcode AND m.account_id = a.id) AS rank
         FROM safe_use_account a WHERE a.adcode = '430903' AND a.year = $1 AND NOT a.is_generated)
       SELECT coalesce(sum(area_m2) FILTER (WHERE rank = 1 AND degree = 'slight'), 0) AS b,
              coalesce(sum(area_m2) FILTER (WHERE rank = 2 AND degree <> 'severe' AND ok), 0) AS c,
              coalesce(sum(area_m2) FILTER (WHERE rank = 3), 0) AS d,
              coalesce(sum(area_m2), 0) AS e, count(*)::int AS n FROM a`,
      [YEAR.roundTrip],
    )
    expect(sql.n).toBe(3)
    expect(figures.E.count).toBe(3)
    expect(figures.B.areaM2).toBeCloseTo(Number(sql.b), 1)
    expect(figures.C.areaM2).toBeCloseTo(Number(sql.c), 1)
    expect(figures.D.areaM2).toBeCloseTo(Number(sql.d), 1)
    expect(figures.E.areaM2).toBeCloseTo(Number(sql.e), 1)
    expect(Number(sql.c)).toBeGreaterThan(0)
    expect(Number(sql.d)).toBeGreaterThan(0)
    expect(figures.ratePct).toBe(100)
  })

  it('when the class checks of the year are read, then the parcel counted 重度 but published 优先保护类 is listed with its reason, and published parcels missing from the ledger are listed', async () => {
    const res = await farmland.agent
      .get(`/api/safe-use-ledger/class-checks?adcode=430903&year=${YEAR.roundTrip}`)
      .expect(200)
    const body = readContract(ClassChecksAnswer, res.body)
    const priority = body.items.find((i) => i.parcelCode === parcels.priority.code)!
    expect(priority).toMatchObject({ code: 'PUBLISHED_PRIORITY', degreeName: '重度', reason: '详查补测点位超管制值' })
    expect(priority.message).toContain('已公布为优先保护类')
    expect(body.items.find((i) => i.parcelCode === parcels.safeUse.code)).toBeUndefined()
    expect(body.items.find((i) => i.parcelCode === parcels.safeUse2.code)?.code).toBe('MISSING_FROM_LEDGER')
  })
})

describe('bad files write nothing', () => {
  it('when rows have unknown, other-county, bad and duplicate values and the mode is all, then 422 names each row, column and reason and nothing is written', async () => {
    const bytes = await fillTemplate(await templateFor(YEAR.bad), [
      { 图斑编号: parcels.safeUse.code, 措施: '水分调控' },
      { 图斑编号: `NO-SUCH-${run}`, 措施: '水分调控' },
      { 图斑编号: lishuParcel.code, 措施: '水分调控' },
      { 图斑编号: parcels.strict.code, 措施: '撒点魔法粉' },
      { 图斑编号: parcels.safeUse2.code, 措施: '水分调控', 实施开始日期: '2092-13-40' },
      { 图斑编号: parcels.produce.code, 措施: '水分调控', '面积（亩）': '-3' },
      { 图斑编号: parcels.safeUse.code, 措施: '叶面阻控' },
      { 图斑编号: parcels.priority.code, 措施: '休耕' },
      { 图斑编号: parcels.strict.code, 污染程度: '很重' },
    ])
    const res = await importFile(both, YEAR.bad, 'mode=all', bytes).expect(422)
    expect(res.body.error.message).toContain('未导入任何行')
    const errors = res.body.error.details.errors as { row: number; column: string; message: string }[]
    const at = (row: number) => errors.filter((e) => e.row === row)
    expect(at(2)).toEqual([])
    expect(at(3)[0]).toMatchObject({ column: '图斑编号' })
    expect(at(3)[0].message).toContain('赫山区没有编号为')
    expect(at(4)[0].message).toContain('属于梨树县，不是赫山区')
    const alone = await fillTemplate(await templateFor(YEAR.bad), [{ 图斑编号: lishuParcel.code, 措施: '水分调控' }])
    const hidden = await importFile(farmland, YEAR.bad, 'mode=all', alone).expect(422)
    expect(hidden.body.error.details.errors[0].message).toContain('赫山区没有编号为')
    expect(at(5)[0]).toMatchObject({ column: '措施' })
    expect(at(5)[0].message).toContain('撒点魔法粉')
    expect(at(6)[0]).toMatchObject({ column: '实施开始日期' })
    expect(at(7)[0]).toMatchObject({ column: '面积（亩）' })
    expect(at(8)[0].message).toContain('与第 2 行重复')
    expect(at(9)[0].message).toContain('优先保护类')
    expect(at(10)[0]).toMatchObject({ column: '污染程度' })
    expect(res.body.error.details.problems.length).toBe(errors.length)
    expect(await rowCount(YEAR.bad)).toBe(0)
  })

  it('when the same file is imported valid-only, then only the good row is written and the report lists the others', async () => {
    const bytes = await fillTemplate(await templateFor(YEAR.bad), [
      { 图斑编号: parcels.safeUse.code, 措施: '水分调控', 农产品是否达标: '达标' },
      { 图斑编号: `NO-SUCH-${run}`, 措施: '水分调控' },
    ])
    const res = await importFile(farmland, YEAR.bad, 'mode=valid-only', bytes).expect(201)
    expect(res.body).toMatchObject({ rows: 2, imported: 1, failed: 1 })
    expect(await rowCount(YEAR.bad)).toBe(1)
    const again = await importFile(farmland, YEAR.bad, 'mode=all', bytes).expect(422)
    expect(again.body.error.details.errors[0].message).toContain('不能重复导入')
    expect(await rowCount(YEAR.bad)).toBe(1)
  })

  it('when a file has wrong columns, is not an xlsx or is broken, then 400 names the fault and nothing is written', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('安全利用台账').addRow(['地块号', '措施'])
    const wrong = Buffer.from(await book.xlsx.writeBuffer())
    const res = await importFile(farmland, YEAR.bad, 'mode=all', wrong).expect(400)
    expect(res.body.error.message).toContain('缺少必填列「图斑编号」')
    const csv = await importFile(farmland, YEAR.bad, 'mode=all', Buffer.from('图斑编号\r\nX\r\n'), '台账.csv').expect(
      400,
    )
    expect(csv.body.error.message).toContain('不是 .xlsx')
    const broken = await importFile(farmland, YEAR.bad, 'mode=all', Buffer.from('PK\u0003\u0004broken')).expect(400)
    expect(broken.body.error.message).toMatch(/Excel|表格/)
    expect(await rowCount(YEAR.bad)).toBe(1)
  })
})

describe('rows by hand', () => {
  it('when a row is added, edited at its version and edited again at the old version, then the second edit is 409 in Chinese and the row keeps the first', async () => {
    const added = await post(farmland, '/api/safe-use-ledger/rows')
      .send({
        adcode: '430903',
        year: YEAR.edit,
        parcelCode: parcels.safeUse2.code,
        measures: ['叶面阻控'],
        produce: 'met',
      })
      .expect(201)
    expect(added.body).toMatchObject({ degree: 'mild_moderate', term: 'C', produceName: '达标', version: 1 })
    const edited = await patch(farmland, `/api/safe-use-ledger/rows/${added.body.id}`)
      .send({ measures: ['叶面阻控', '深翻耕'], produce: 'exceeded', version: 1, implementer: '测试合作社' })
      .expect(200)
    expect(edited.body).toMatchObject({ version: 2, produce: 'exceeded', term: null, implementer: '测试合作社' })
    const stale = await patch(farmland, `/api/safe-use-ledger/rows/${added.body.id}`)
      .send({ measures: ['休耕'], produce: 'met', version: 1 })
      .expect(409)
    expect(stale.body.error.message).toContain('请刷新后重试')
    expect(stale.body.error.details.currentVersion).toBe(2)
    const row = (await ledger(YEAR.edit)).rows.find((r) => r.id === added.body.id)!
    expect(row.measures.map((m) => m.name)).toEqual(['叶面阻控', '深翻耕'])
    await del(farmland, `/api/safe-use-ledger/rows/${added.body.id}?version=1`).expect(409)
    await del(farmland, `/api/safe-use-ledger/rows/${added.body.id}?version=2`).expect(200)
    expect(await rowCount(YEAR.edit)).toBe(0)
  })

  it('when a degree other than the published class gives is entered without a reason, then 400 asks for the reason', async () => {
    const res = await post(farmland, '/api/safe-use-ledger/rows')
      .send({
        adcode: '430903',
        year: YEAR.edit,
        parcelCode: parcels.strict.code,
        degree: 'slight',
        measures: [],
        produce: 'none',
      })
      .expect(400)
    expect(res.body.error.details.problems[0].field).toBe('degreeReason')
    expect(res.body.error.message).toContain('严格管控类')
    expect(await rowCount(YEAR.edit)).toBe(0)
  })

  it('when the environment officer writes, or a 梨树县 officer reads 赫山区, then 403 and nothing is written; the approver reads', async () => {
    await post(environment, '/api/safe-use-ledger/rows')
      .send({ adcode: '430903', year: YEAR.edit, parcelCode: parcels.strict.code, measures: [], produce: 'none' })
      .expect(403)
    await lishu.agent.get(`/api/safe-use-ledger?adcode=430903&year=${YEAR.edit}`).expect(403)
    await post(lishu, '/api/safe-use-ledger/rows')
      .send({ adcode: '430903', year: YEAR.edit, parcelCode: parcels.strict.code, measures: [], produce: 'none' })
      .expect(403)
    const read = await ledger(YEAR.edit, approver)
    expect(read.isEditable).toBe(false)
    expect(await rowCount(YEAR.edit)).toBe(0)
  })
})

describe('apply a measure to parcels selected on the map', () => {
  it('when a measure is applied to parcels, then new ones join the ledger with their class degree and monitored produce, kept ones get the measure', async () => {
    await post(farmland, '/api/safe-use-ledger/rows')
      .send({
        adcode: '430903',
        year: YEAR.apply,
        parcelCode: parcels.strict.code,
        measures: ['休耕'],
        produce: 'none',
      })
      .expect(201)
    const res = await post(farmland, '/api/safe-use-ledger/apply-measure')
      .send({
        adcode: '430903',
        year: YEAR.apply,
        parcelIds: [parcels.produce.id, parcels.safeUse.id, parcels.strict.id],
        measure: '退耕还林还草',
        implementer: '测试镇政府',
      })
      .expect(200)
    expect(res.body.created.sort()).toEqual([parcels.produce.code, parcels.safeUse.code].sort())
    expect(res.body.added).toEqual([parcels.strict.code])
    const rows = (await ledger(YEAR.apply)).rows
    const produce = rows.find((r) => r.parcelCode === parcels.produce.code)!
    expect(produce).toMatchObject({ degree: 'mild_moderate', produce: 'exceeded', produceSource: 'monitoring' })
    expect(produce.produceBasis).toContain(`SUL-${run}-JC`)
    expect(rows.find((r) => r.parcelCode === parcels.safeUse.code)).toMatchObject({ produce: 'none', degree: 'slight' })
    expect(rows.find((r) => r.parcelCode === parcels.strict.code)!.measures.map((m) => m.name)).toEqual([
      '休耕',
      '退耕还林还草',
    ])
  })

  it("when the selection holds another county's parcel or a 优先保护类 parcel, or the measure is unknown, then nothing is written", async () => {
    const before = await rowCount(YEAR.apply)
    const other = await post(farmland, '/api/safe-use-ledger/apply-measure')
      .send({ adcode: '430903', year: YEAR.apply, parcelIds: [parcels.safeUse2.id, lishuParcel.id], measure: '休耕' })
      .expect(400)
    expect(other.body.error.message).toContain(lishuParcel.code)
    const priority = await post(farmland, '/api/safe-use-ledger/apply-measure')
      .send({
        adcode: '430903',
        year: YEAR.apply,
        parcelIds: [parcels.safeUse2.id, parcels.priority.id],
        measure: '休耕',
      })
      .expect(400)
    expect(priority.body.error.message).toContain('优先保护类')
    const unknown = await post(farmland, '/api/safe-use-ledger/apply-measure')
      .send({ adcode: '430903', year: YEAR.apply, parcelIds: [parcels.safeUse2.id], measure: '撒点魔法粉' })
      .expect(400)
    expect(unknown.body.error.message).toContain('措施目录中没有')
    expect(await rowCount(YEAR.apply)).toBe(before)
  })
})

describe('submission for review', () => {
  it('when the ledger is submitted, then it is locked until returned; after approval and publication it is reopened to be changed', async () => {
    await post(farmland, '/api/safe-use-ledger/rows')
      .send({
        adcode: '430903',
        year: YEAR.review,
        parcelCode: parcels.strict.code,
        measures: ['休耕'],
        produce: 'none',
      })
      .expect(201)
    const first = await ledger(YEAR.review)
    expect(first.review.status).toBe('draft')
    expect(first.review.actions.map((a) => a.action)).toEqual(['submit'])
    const id = first.review.id
    await post(farmland, `/api/reviews/safe-use-ledger/${id}/submit`)
      .send({ version: first.review.version })
      .expect(200)
    const locked = await post(farmland, '/api/safe-use-ledger/rows')
      .send({ adcode: '430903', year: YEAR.review, parcelCode: parcels.safeUse.code, measures: [], produce: 'none' })
      .expect(409)
    expect(locked.body.error.message).toContain('已锁定')
    const queue = await approver.agent.get('/api/reviews').expect(200)
    expect(queue.body.items.some((i: any) => i.kind === 'safe-use-ledger' && i.id === id)).toBe(true)
    await post(approver, `/api/reviews/safe-use-ledger/${id}/approve`).send({}).expect(200)
    const approved = await ledger(YEAR.review)
    expect(approved).toMatchObject({ isEditable: false })
    expect(approved.lockedReason).toContain('已审定')
    await post(approver, `/api/reviews/safe-use-ledger/${id}/publish`).send({}).expect(200)
    await post(farmland, `/api/reviews/safe-use-ledger/${id}/reopen`).send({ reason: '补录漏报图斑' }).expect(200)
    await post(farmland, '/api/safe-use-ledger/rows')
      .send({ adcode: '430903', year: YEAR.review, parcelCode: parcels.safeUse.code, measures: [], produce: 'none' })
      .expect(201)
    const history = await farmland.agent.get(`/api/history/safe-use-ledger/${id}`).expect(200)
    expect(history.body.entries.map((h: any) => h.action)).toEqual(
      expect.arrayContaining(['submit', 'approve', 'publish', 'reopen']),
    )
  })

  it('when an empty ledger is submitted, then 409 says there is nothing to submit', async () => {
    const empty = await ledger(2090)
    const res = await post(farmland, `/api/reviews/safe-use-ledger/${empty.review.id}/submit`).send({}).expect(409)
    expect(res.body.error.message).toContain('还没有任何图斑')
  })
})

import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { RedevelopmentImportReport, RedevelopmentResponse } from '../../contracts/redevelopment.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let approver: Session
let farmland: Session

const suffix = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
let made = 0
/** Dates of use in this year only: the indicators tests read earlier years of the sample data. */
const USED_ON = '2026-03-15'

/** A plot of `adcode` in `status` inserted directly; `confirmed` adds the step into 污染地块 to its chronology. */
async function plotIn(status: string, adcode = '430903', confirmed = false): Promise<{ id: number; code: string }> {
  made++
  const code = `${adcode}-ZK${suffix}${made}`
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, geom)
    SELECT $1, $2, '再开发测试地块 ' || $2, $3,
           ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0003, ST_Y(c) - 0.0003, ST_X(c) + 0.0003, ST_Y(c) + 0.0003, 4490))
    FROM (SELECT ST_PointOnSurface(geom) AS c FROM county WHERE adcode = $1) p
    RETURNING id`,
    [adcode, code, status],
  )
  if (confirmed)
    await db.query(
      `INSERT INTO plot_event (adcode, plot_id, action, from_status, to_status, actor)
       VALUES ($1, $2, 'preliminary_confirm', 'preliminary_investigation', 'contaminated', 'huanjing')`,
      [adcode, r.id],
    )
  return { id: Number(r.id), code }
}

const put = (s: Session, plotId: number, body: Record<string, unknown>) =>
  s.agent.patch(`/api/plots/${plotId}/redevelopment`).set('X-CSRF-Token', s.csrfToken).send(body)

const record = (extra: Record<string, unknown> = {}) => ({
  version: null,
  plannedUse: 'B1',
  usedOn: USED_ON,
  targetsMet: true,
  approvalRef: '益自然资规〔2026〕3号',
  note: '按修复后评估结论出让',
  ...extra,
})

async function recordCount(): Promise<number> {
  return (await db.query(`SELECT count(*)::int AS n FROM plot_redevelopment`)).rows[0].n
}

function importFile(s: Session, bytes: Buffer, query: string, name = '再开发利用.xlsx') {
  return s.agent.post(`/api/redevelopment/import?${query}`).set('X-CSRF-Token', s.csrfToken).attach('file', bytes, name)
}

const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

async function readSheet(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(bytes as unknown as ArrayBuffer)
  const sheet = book.getWorksheet('再开发利用')!
  const rows: string[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))))
  return rows
}

async function sheetOf(rows: string[][], header?: string[]): Promise<Buffer> {
  const template = (await officer.agent.get('/api/redevelopment/import-template.xlsx').buffer(true).parse(binary))
    .body as Buffer
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(template as unknown as ArrayBuffer)
  const sheet = book.getWorksheet('再开发利用')!
  if (header) sheet.getRow(1).values = header
  for (const r of rows) sheet.addRow(r)
  return Buffer.from(await book.xlsx.writeBuffer())
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'environment')
  approver = await signInAs(app, 'approver')
  farmland = await signInAs(app, 'farmland')
})
afterAll(() => db.close())

describe('redevelopment records by hand', () => {
  it('when an officer records a listed plot, then the record is kept with its version and the indicator counts it', async () => {
    const before = (await officer.agent.get('/api/indicators/plots?year=2026&adcode=430903').expect(200)).body
      .counties[0]
    const plot = await plotIn('removed')
    const empty = readContract(
      RedevelopmentResponse,
      (await approver.agent.get(`/api/plots/${plot.id}/redevelopment`).expect(200)).body,
    )
    expect(empty).toEqual({ record: null, refusal: null })
    const res = await put(officer, plot.id, record())
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const saved = readContract(RedevelopmentResponse, res.body).record!
    expect(saved).toMatchObject({
      plotCode: plot.code,
      plannedUse: 'B1',
      plannedUseName: '商业用地',
      usedOn: USED_ON,
      year: 2026,
      targetsMet: true,
      approvalRef: '益自然资规〔2026〕3号',
      version: 1,
      isSample: false,
      updatedBy: 'huanjing',
    })
    const after = (await officer.agent.get('/api/indicators/plots?year=2026&adcode=430903').expect(200)).body
      .counties[0]
    expect(after.total.count).toBe(before.total.count + 1)
    expect(after.met.count).toBe(before.met.count + 1)
    const {
      rows: [sql],
    } = await db.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE meets_requirement)::int AS met,
                               coalesce(sum(area_m2), 0) AS area
                        FROM plot_redevelopment WHERE adcode = '430903' AND year <= 2026`)
    expect(after.total.count).toBe(sql.n)
    expect(after.met.count).toBe(sql.met)
    expect(after.total.areaM2).toBeCloseTo(sql.area, 1)

    const changed = await put(officer, plot.id, record({ version: 1, targetsMet: false, plannedUse: 'r2' }))
    expect(changed.status, JSON.stringify(changed.body)).toBe(200)
    expect(changed.body.record).toMatchObject({ version: 2, targetsMet: false, plannedUse: 'R2' })
    const lower = (await officer.agent.get('/api/indicators/plots?year=2026&adcode=430903').expect(200)).body
      .counties[0]
    expect(lower.met.count).toBe(after.met.count - 1)
  })

  it('when the version seen is stale, then the change is refused naming who changed it, and nothing changes', async () => {
    const plot = await plotIn('listed')
    expect((await put(officer, plot.id, record())).status).toBe(200)
    const again = await put(officer, plot.id, record({ plannedUse: 'M1' }))
    expect(again.status).toBe(409)
    expect(again.body.error.message).toContain('huanjing')
    expect(again.body.error.message).toContain('请刷新后重试')
    expect((await put(officer, plot.id, record({ version: 1, plannedUse: 'M1' }))).status).toBe(200)
    const stale = await put(officer, plot.id, record({ version: 1, plannedUse: 'W1' }))
    expect(stale.status).toBe(409)
    expect(stale.body.error.details).toMatchObject({ yourVersion: 1, currentVersion: 2 })
    const now = (await officer.agent.get(`/api/plots/${plot.id}/redevelopment`).expect(200)).body.record
    expect(now).toMatchObject({ plannedUse: 'M1', version: 2 })
  })

  it('when the values are wrong, then each problem is named in Chinese and nothing is written', async () => {
    const plot = await plotIn('listed')
    const before = await recordCount()
    const res = await put(officer, plot.id, record({ plannedUse: 'X9', usedOn: '2099-01-01', targetsMet: null }))
    expect(res.status).toBe(400)
    const fields = res.body.error.details.problems.map((p: { field: string }) => p.field)
    expect(fields).toEqual(['plannedUse', 'usedOn', 'targetsMet'])
    expect(res.body.error.message).toContain('GB 50137-2011')
    expect(res.body.error.message).toContain('至今天')
    expect(await recordCount()).toBe(before)
  })

  it('when the plot was never on a list, then no record is kept', async () => {
    const plot = await plotIn('suspected')
    const read = (await officer.agent.get(`/api/plots/${plot.id}/redevelopment`).expect(200)).body
    expect(read.refusal).toContain('从未列入污染地块名录')
    const res = await put(officer, plot.id, record())
    expect(res.status).toBe(409)
    const cleared = await plotIn('cleared', '430903', true)
    expect((await put(officer, cleared.id, record())).status).toBe(200)
  })

  it("when the plot is another county's or the role lacks the right, then it is refused and nothing is written", async () => {
    const lishu = await plotIn('listed', '220322')
    const ours = await plotIn('listed')
    const before = await recordCount()
    const out = await put(officer, lishu.id, record())
    expect(out.status).toBe(403)
    expect(out.body.error.message).toContain('梨树县')
    expect((await officer.agent.get(`/api/plots/${lishu.id}/redevelopment`)).status).toBe(403)
    expect((await put(farmland, ours.id, record())).status).toBe(403)
    expect((await put(approver, ours.id, record())).status).toBe(403)
    expect(await recordCount()).toBe(before)
  })

  it("when the approval document is another plot's, then it is refused; the plot's own is linked", async () => {
    const plot = await plotIn('listed')
    const other = await plotIn('listed')
    const uploadTo = (plotId: number) =>
      officer.agent
        .post('/api/documents')
        .set('X-CSRF-Token', officer.csrfToken)
        .field('owner', 'plot')
        .field('ownerId', String(plotId))
        .field('kind', 'redevelopment_approval')
        .attach('file', Buffer.from('%PDF-1.4\n%%EOF\n'), '建设用地规划许可证.pdf')
    const foreign = (await uploadTo(other.id)).body
    const refused = await put(officer, plot.id, record({ documentId: foreign.id }))
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toContain('不是地块')
    const own = (await uploadTo(plot.id)).body
    const ok = await put(officer, plot.id, record({ documentId: own.id }))
    expect(ok.status, JSON.stringify(ok.body)).toBe(200)
    expect(ok.body.record.document).toMatchObject({ id: own.id, fileName: '建设用地规划许可证.pdf' })
  })
})

describe('redevelopment records from the template', () => {
  it('when the template is filled, dry-run, imported and exported, then the export gives the same rows', async () => {
    const a = await plotIn('removed')
    const b = await plotIn('risk_control')
    const rows = [
      [a.code, '', 'A33', '2026/2/1', '是', '益政土〔2026〕1号', '中小学用地'],
      [b.code, '', 'G1', '2026-02-02', '否', '', ''],
    ]
    const file = await sheetOf(rows)
    const before = await recordCount()
    const dry = await importFile(officer, file, 'mode=all&dryRun=true')
    expect(dry.status, JSON.stringify(dry.body)).toBe(200)
    expect(readContract(RedevelopmentImportReport, dry.body)).toMatchObject({ rows: 2, imported: 2, failed: 0 })
    expect(await recordCount()).toBe(before)
    const done = await importFile(officer, file, 'mode=all')
    expect(done.status, JSON.stringify(done.body)).toBe(201)
    expect(await recordCount()).toBe(before + 2)
    const exported = (
      await officer.agent.get('/api/redevelopment/export.xlsx?adcode=430903').buffer(true).parse(binary)
    ).body as Buffer
    const back = await readSheet(exported)
    expect(back[0]).toEqual([
      '地块编号',
      '地块名称',
      '规划用途代码',
      '开发利用日期',
      '是否达到目标',
      '批准文件文号',
      '说明',
    ])
    const mine = back.filter((r) => r[0] === a.code || r[0] === b.code)
    expect(mine).toEqual([
      [a.code, `再开发测试地块 ${a.code}`, 'A33', '2026-02-01', '是', '益政土〔2026〕1号', '中小学用地'],
      [b.code, `再开发测试地块 ${b.code}`, 'G1', '2026-02-02', '否', '', ''],
    ])
    const reimport = await sheetOf(mine)
    const dup = await importFile(officer, reimport, 'mode=all&dryRun=true')
    expect(dup.body.errors.map((e: { message: string }) => e.message).join()).toContain('已有再开发利用记录')
  })

  it('when rows are wrong, then the report names row and column, all-or-nothing writes nothing and valid-only the good rows', async () => {
    const good = await plotIn('listed')
    const suspected = await plotIn('suspected')
    const lishu = await plotIn('listed', '220322')
    const dupe = await plotIn('listed')
    const rows = [
      [good.code, '', 'B1', USED_ON, '是', '', ''],
      ['430903-NOPE', '', 'B1', USED_ON, '是', '', ''],
      [suspected.code, '', 'B1', USED_ON, '是', '', ''],
      [lishu.code, '', 'B1', USED_ON, '是', '', ''],
      [dupe.code, '', 'R2', USED_ON, '是', '', ''],
      [dupe.code, '', 'R2', USED_ON, '是', '', ''],
      [good.code.replace(/\d+$/, '999'), '', 'ZZ', '2026-02-30', '也许', '', ''],
    ]
    const file = await sheetOf(rows)
    const before = await recordCount()
    const all = await importFile(officer, file, 'mode=all')
    expect(all.status).toBe(422)
    const report = all.body.error.details
    expect(report.imported).toBe(0)
    expect(report.failed).toBe(5)
    const messages = report.errors.map(
      (e: { row: number; column: string; message: string }) => `${e.row}|${e.column}|${e.message}`,
    )
    expect(messages.join('\n')).toContain(`4|地块编号|第 4 行：「地块编号」：没有编号为「430903-NOPE」的污染地块`)
    expect(messages.join('\n')).toContain('从未列入污染地块名录')
    expect(messages.join('\n')).toContain(`6|地块编号|第 6 行：「地块编号」：没有编号为「${lishu.code}」的污染地块`)
    expect(messages.join('\n')).toContain('与第 7 行重复')
    expect(messages.join('\n')).toContain('9|规划用途代码')
    expect(messages.join('\n')).toContain('9|开发利用日期')
    expect(messages.join('\n')).toContain('9|是否达到目标')
    expect(await recordCount()).toBe(before)
    const valid = await importFile(officer, file, 'mode=valid-only')
    expect(valid.status, JSON.stringify(valid.body)).toBe(201)
    expect(valid.body).toMatchObject({ imported: 2, failed: 5 })
    expect(await recordCount()).toBe(before + 2)
  })

  it('when the file is not the template, then it is refused as a whole and nothing is written', async () => {
    const plot = await plotIn('listed')
    const before = await recordCount()
    const wrongColumns = await sheetOf([[plot.code, 'B1']], ['编号', '用途'])
    const cases: [Buffer, string, number, string][] = [
      [wrongColumns, 'a.xlsx', 400, '表头缺少'],
      [Buffer.from('地块编号,规划用途代码\n'), 'a.csv', 400, '不是 .xlsx'],
      [Buffer.from('PK\x03\x04 broken'), 'a.xlsx', 400, 'Excel'],
      [await new JSZip().file('x.txt', 'x').generateAsync({ type: 'nodebuffer' }), 'a.xlsx', 400, 'Excel'],
      [await sheetOf([]), 'a.xlsx', 400, '没有数据行'],
    ]
    for (const [bytes, name, status, text] of cases) {
      const res = await importFile(officer, bytes, 'mode=all', name)
      expect(res.status, `${name} ${text} ${JSON.stringify(res.body)}`).toBe(status)
      expect(res.body.error.message).toContain(text)
    }
    expect(
      (await importFile(farmland, await sheetOf([[plot.code, '', 'B1', USED_ON, '是', '', '']]), 'mode=all')).status,
    ).toBe(403)
    expect(await recordCount()).toBe(before)
  })
})

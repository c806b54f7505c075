import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { runHeavyUpload } from '../../server/src/services/upload-guard.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { misdeclareSize, sheetBombXlsx } from '../support/zip-bomb.ts'

/**
 * Uploads that unpack, against the monitoring import: the spreadsheet bomb (generated here once: 3 million
 * identical rows, 1.1 MB packed, 324 MB unpacked) and one heavy upload at a time. The bounds asserted (2 s to
 * refuse, 200 ms for /api/health meanwhile) are the ones the refusal must meet; the tests allow twice that and more
 * on a loaded machine (4 s and 1 s), still far below what reading the sheet took (44–53 s, health stalled 15 s).
 */

let db: Database
let app: ReturnType<typeof createTestApp>
let environment: Session
let bomb: Buffer

const IMPORT = '/api/monitoring/import?mode=all&dryRun=true'
const post = (s: Session, url: string) => s.agent.post(url).set('X-CSRF-Token', s.csrfToken)
const sendFile = (s: Session, bytes: Buffer, name: string) => post(s, IMPORT).attach('file', bytes, { filename: name })

/** Runs `request` and tells how long its answer took. */
async function timed<T>(request: PromiseLike<T>): Promise<{ res: T; ms: number }> {
  const started = performance.now()
  const res = await request
  return { res, ms: performance.now() - started }
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  environment = await signInAs(app, 'environment')
  bomb = await sheetBombXlsx(3_000_000)
})
afterAll(() => db.close())

describe('POST /api/monitoring/import: spreadsheet bombs', () => {
  it('when a 1.1 MB XLSX whose sheet unpacks to 324 MB is imported, then 413 names the limit within 2 s and /api/health answers within 200 ms meanwhile', async () => {
    expect(bomb.length).toBeLessThan(loadConfig().monitoring.importMaxBytes)
    const [refused, health] = await Promise.all([
      timed(sendFile(environment, bomb, '三百万行.xlsx')),
      timed(environment.agent.get('/api/health')),
    ])
    expect(refused.res.status, JSON.stringify(refused.res.body)).toBe(413)
    expect(refused.res.body.error.message).toContain('表格解压后约 309 MB，超过上限 50 MB')
    expect(refused.ms).toBeLessThan(4000)
    expect(health.res.status).toBe(200)
    expect(health.ms).toBeLessThan(1000)
  })

  it('when two such bombs are imported at once, then both are refused with 413 quickly', async () => {
    const both = await Promise.all([
      timed(sendFile(environment, bomb, 'a.xlsx')),
      timed(sendFile(environment, bomb, 'b.xlsx')),
    ])
    for (const { res, ms } of both) {
      expect(res.status, JSON.stringify(res.body)).toBe(413)
      expect(res.body.error.details.problems[0].code).toBe('UNPACKED_TOO_LARGE')
      expect(ms).toBeLessThan(4000)
    }
  })

  it('when the sheet declares 1 KB but inflates to 324 MB, then 413 says it unpacks beyond what the file records, quickly', async () => {
    const liar = misdeclareSize(bomb, 'xl/worksheets/sheet1.xml', 1024)
    const { res, ms } = await timed(sendFile(environment, liar, '结果.xlsx'))
    expect(res.status, JSON.stringify(res.body)).toBe(413)
    expect(res.body.error.message).toContain('“xl/worksheets/sheet1.xml”解压后比压缩包记录的大小（1 KB）更大')
    expect(ms).toBeLessThan(4000)
  })

  it('when a sheet has more rows than the import limit, then 413 names the limit and the rows are not all read', async () => {
    const tight = createTestApp(db, { monitoring: { ...loadConfig().monitoring, importMaxRows: 10 } })
    const s = await signInAs(tight, 'environment')
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('监测结果')
    sheet.addRow(['点位编号', '采样日期', '镉'])
    for (let i = 0; i < 30; i++) sheet.addRow([`430903-JC${String(i).padStart(4, '0')}`, '2024-05-01', 0.2])
    const res = await sendFile(s, Buffer.from(await book.xlsx.writeBuffer()), '三十行.xlsx')
    expect(res.status, JSON.stringify(res.body)).toBe(413)
    expect(res.body.error.message).toBe('表格超过 10 行数据，一次最多导入 10 行，请分成几个文件')
  })
})

describe('POST /api/monitoring/import: one heavy upload at a time', () => {
  it('when another upload is being read, then 429 with Retry-After and a hint to retry; once it is done the import goes through', async () => {
    const guard = { ...loadConfig().monitoring.uploadGuard, busyWaitMs: 0, retryAfterSeconds: 7 }
    const busy = createTestApp(db, { monitoring: { ...loadConfig().monitoring, uploadGuard: guard } })
    const s = await signInAs(busy, 'environment')
    const csv = Buffer.from('\uFEFF点位编号,采样日期,镉\r\nNO-SUCH-POINT,2024-05-01,0.2\r\n', 'utf8')
    let finish = () => {}
    const other = runHeavyUpload(
      guard,
      () =>
        new Promise<void>((resolve) => {
          finish = resolve
        }),
    )
    const refused = await sendFile(s, csv, '结果.csv')
    finish()
    await other
    expect(refused.status, JSON.stringify(refused.body)).toBe(429)
    expect(refused.headers['retry-after']).toBe('7')
    expect(refused.body.error.message).toBe('正在读取另一个上传的文件，请约 7 秒后重新上传')
    const after = await sendFile(s, csv, '结果.csv')
    expect(after.status, JSON.stringify(after.body)).toBe(200)
    expect(after.body.errors[0].message).toContain('没有编号为「NO-SUCH-POINT」的监测点位')
  })
})

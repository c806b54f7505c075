import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import S3rver from 's3rver'
import JSZip from 'jszip'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { DocumentListResponse, PublicDocumentsResponse, StoredDocument } from '../../contracts/documents.ts'
import { PlotProfile } from '../../contracts/registry.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let officer: Session
let approver: Session
let farmland: Session
let land: Session

const MARKER = `DOCLEAK${Date.now().toString(36)}`
const suffix = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
let made = 0

const pdf = (text = '调查报告正文') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`)
const png = () =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  )
const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')

/** A plot of `adcode` in `status` inserted directly, optionally with a published copy. */
async function plotIn(status: string, adcode = '430903', isPublished = false): Promise<number> {
  made++
  const code = `${adcode}-WD${suffix}${made}`
  const {
    rows: [r],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, geom, review_status)
    SELECT $1, $2, '文件测试地块 ' || $2, $3,
           ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0003, ST_Y(c) - 0.0003, ST_X(c) + 0.0003, ST_Y(c) + 0.0003, 4490)), $4
    FROM (SELECT ST_PointOnSurface(geom) AS c FROM county WHERE adcode = $1) p
    RETURNING id`,
    [adcode, code, status, isPublished ? 'published' : 'draft'],
  )
  if (isPublished)
    await db.query(
      `INSERT INTO published_plot (adcode, id, version, code, name, status, geom)
       SELECT adcode, id, 1, code, name, status, geom FROM contaminated_plot WHERE id = $1`,
      [r.id],
    )
  return Number(r.id)
}

function upload(
  s: Session,
  fields: { owner?: string; ownerId: number; kind: string; title?: string },
  file: { name: string; bytes: Buffer },
) {
  let call = s.agent
    .post('/api/documents')
    .set('X-CSRF-Token', s.csrfToken)
    .field('owner', fields.owner ?? 'plot')
    .field('ownerId', String(fields.ownerId))
    .field('kind', fields.kind)
  if (fields.title) call = call.field('title', fields.title)
  return call.attach('file', file.bytes, file.name)
}

async function documentCount(): Promise<{ docs: number; contents: number }> {
  const {
    rows: [r],
  } = await db.query(`SELECT (SELECT count(*) FROM stored_document)::int AS docs,
                             (SELECT count(*) FROM stored_document_content)::int AS contents`)
  return r
}

async function docx(text: string): Promise<Buffer> {
  const zip = new JSZip()
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>')
  zip.file('word/document.xml', `<w:document><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`)
  return zip.generateAsync({ type: 'nodebuffer' })
}

async function xlsx(): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.addWorksheet('表1').addRow(['点位', '镉'])
  return Buffer.from(await book.xlsx.writeBuffer())
}

const binary = (res: any, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  officer = await signInAs(app, 'environment')
  approver = await signInAs(app, 'approver')
  farmland = await signInAs(app, 'farmland')
  land = await signInAs(app, 'land')
})
afterAll(() => db.close())

describe('stored documents', () => {
  it('when an officer uploads a PDF report to a plot, then it is kept with its SHA-256, size and uploader and downloads unchanged', async () => {
    const plotId = await plotIn('detailed_investigation')
    const bytes = pdf('初步调查报告正文')
    const res = await upload(
      officer,
      { ownerId: plotId, kind: 'investigation_report', title: '初步调查报告' },
      { name: '初步调查报告.pdf', bytes },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const doc = readContract(StoredDocument, res.body)
    expect(doc).toMatchObject({
      owner: 'plot',
      ownerId: plotId,
      kindName: '调查报告',
      title: '初步调查报告',
      fileName: '初步调查报告.pdf',
      mediaType: 'application/pdf',
      sizeBytes: bytes.length,
      sha256: sha(bytes),
      isPublic: false,
      uploadedBy: 'huanjing',
    })
    const list = readContract(
      DocumentListResponse,
      (await approver.agent.get(`/api/documents?owner=plot&ownerId=${plotId}`).expect(200)).body,
    )
    expect(list.documents.map((d) => d.id)).toEqual([doc.id])
    const file = await approver.agent.get(doc.url).buffer(true).parse(binary)
    expect(file.status).toBe(200)
    expect(file.headers['content-type']).toBe('application/pdf')
    expect(file.headers['content-disposition']).toContain(encodeURIComponent('初步调查报告.pdf'))
    expect(sha(file.body as Buffer)).toBe(sha(bytes))
  })

  it('when Office files and images are uploaded, then each is accepted by its content', async () => {
    const plotId = await plotIn('risk_assessment')
    for (const [name, bytes, type] of [
      ['专家评审意见.docx', await docx('专家评审意见'), 'wordprocessingml'],
      ['检测结果.xlsx', await xlsx(), 'spreadsheetml'],
      ['现场照片.png', png(), 'image/png'],
    ] as const) {
      const res = await upload(officer, { ownerId: plotId, kind: 'expert_opinion' }, { name, bytes })
      expect(res.status, `${name} ${JSON.stringify(res.body)}`).toBe(201)
      expect(res.body.mediaType).toContain(type)
    }
  })

  it('when a file named .pdf is not a PDF, then it is refused in Chinese and nothing is written', async () => {
    const plotId = await plotIn('detailed_investigation')
    const before = await documentCount()
    const cases = [
      { name: '调查报告.pdf', bytes: Buffer.from('这不是 PDF，只是改了扩展名的文本') },
      { name: '评审意见.docx', bytes: await xlsx() },
      { name: '照片.jpg', bytes: png() },
      { name: '报告.exe', bytes: pdf() },
      { name: '空文件.pdf', bytes: Buffer.alloc(0) },
    ]
    for (const c of cases) {
      const res = await upload(officer, { ownerId: plotId, kind: 'investigation_report' }, c)
      expect(res.status, `${c.name} ${JSON.stringify(res.body)}`).toBe(400)
      expect(res.body.error.message).toContain(c.name)
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    const notPdf = await upload(officer, { ownerId: plotId, kind: 'investigation_report' }, cases[0])
    expect(notPdf.body.error.message).toContain('内容不是PDF 文件')
    expect(notPdf.body.error.details.problems[0]).toMatchObject({ code: 'CONTENT_MISMATCH', field: 'file' })
    expect(await documentCount()).toEqual(before)
  })

  it('when a file is over the size limit of the setting, then 413 names the limit and nothing is written', async () => {
    const small = createTestApp(db, {
      documents: { maxBytes: 1000, store: 'database', dir: os.tmpdir() },
    } as Parameters<typeof createTestApp>[1])
    const smallOfficer = await signInAs(small, 'environment')
    const plotId = await plotIn('detailed_investigation')
    const before = await documentCount()
    const res = await upload(
      smallOfficer,
      { ownerId: plotId, kind: 'investigation_report' },
      { name: '大报告.pdf', bytes: Buffer.concat([pdf(), Buffer.alloc(2000, 0x20)]) },
    )
    expect(res.status, JSON.stringify(res.body)).toBe(413)
    expect(res.body.error.message).toContain('1000 字节')
    expect(await documentCount()).toEqual(before)
  })

  it("when the plot is another county's, then upload, list and download are refused naming the county", async () => {
    const lishu = await plotIn('detailed_investigation', '220322')
    const before = await documentCount()
    const res = await upload(officer, { ownerId: lishu, kind: 'investigation_report' }, { name: 'a.pdf', bytes: pdf() })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toContain('梨树县')
    expect(await documentCount()).toEqual(before)
    await officer.agent.get(`/api/documents?owner=plot&ownerId=${lishu}`).expect(403)
    const {
      rows: [d],
    } = await db.query(
      `INSERT INTO stored_document (adcode, owner_kind, owner_id, kind, title, file_name, media_type, size_bytes, sha256, store, uploaded_by, updated_by)
       VALUES ('220322', 'plot', $1, 'investigation_report', '外县报告', 'x.pdf', 'application/pdf', 3, $2, 'database', 'admin', 'admin') RETURNING id`,
      [lishu, sha(Buffer.from('abc'))],
    )
    await db.query(`INSERT INTO stored_document_content (adcode, document_id, bytes) VALUES ('220322', $1, 'abc')`, [
      d.id,
    ])
    const file = await officer.agent.get(`/api/documents/${d.id}/file`)
    expect(file.status).toBe(403)
    expect(file.body.error.message).toContain('梨树县')
  })

  it('when the role lacks the right, then upload and download are refused and nothing is written', async () => {
    const plotId = await plotIn('detailed_investigation')
    const before = await documentCount()
    const res = await upload(
      farmland,
      { ownerId: plotId, kind: 'investigation_report' },
      { name: 'a.pdf', bytes: pdf() },
    )
    expect(res.status).toBe(403)
    expect(res.body.error.message).toContain('无权')
    expect(await documentCount()).toEqual(before)
    const ok = await upload(officer, { ownerId: plotId, kind: 'investigation_report' }, { name: 'a.pdf', bytes: pdf() })
    expect(ok.status).toBe(201)
    expect((await land.agent.get(ok.body.url)).status).toBe(403)
    expect((await farmland.agent.get(`/api/documents?owner=plot&ownerId=${plotId}`)).status).toBe(403)
    expect((await request(app).get(ok.body.url)).status).toBe(401)
  })

  it('when a document kind does not belong to the record, then it is refused', async () => {
    const plotId = await plotIn('detailed_investigation')
    const res = await upload(officer, { ownerId: plotId, kind: 'announcement_scan' }, { name: 'a.pdf', bytes: pdf() })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('不是污染地块的文件类别')
  })

  it("when a zone's announcement scan and an enterprise's file are uploaded, then they are kept for those records", async () => {
    const {
      rows: [zone],
    } = await db.query(
      `
      INSERT INTO control_zone (adcode, code, name, geom)
      SELECT '430903', '430903-WDZ' || $1, '文件测试管控区域',
             ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0003, ST_Y(c) - 0.0003, ST_X(c) + 0.0003, ST_Y(c) + 0.0003, 4490))
      FROM (SELECT ST_PointOnSurface(geom) AS c FROM county WHERE adcode = '430903') p RETURNING id`,
      [suffix],
    )
    const scan = await upload(
      officer,
      { owner: 'control_zone', ownerId: Number(zone.id), kind: 'announcement_scan' },
      { name: '管控公告.png', bytes: png() },
    )
    expect(scan.status, JSON.stringify(scan.body)).toBe(201)
    const { rows: ents } = await db.query(`SELECT id FROM supervised_enterprise WHERE adcode = '430903' LIMIT 1`)
    if (ents.length) {
      const file = await upload(
        officer,
        { owner: 'enterprise', ownerId: Number(ents[0].id), kind: 'enterprise_file' },
        { name: '自行监测报告.pdf', bytes: pdf() },
      )
      expect(file.status, JSON.stringify(file.body)).toBe(201)
      const list = await officer.agent.get(`/api/documents?owner=enterprise&ownerId=${ents[0].id}`).expect(200)
      expect(list.body.documents.map((d: { id: number }) => d.id)).toContain(file.body.id)
    }
    const mark = await officer.agent
      .patch(`/api/documents/${scan.body.id}`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ version: scan.body.version, isPublic: true })
    expect(mark.status).toBe(409)
  })
})

describe('lifecycle steps with their files', () => {
  it('when a step is taken with an uploaded file, then the chronology carries the file and the file its step', async () => {
    const plotId = await plotIn('risk_assessment')
    await db.query(`UPDATE contaminated_plot SET risk_level = 'high' WHERE id = $1`, [plotId])
    const up = await upload(
      officer,
      { ownerId: plotId, kind: 'risk_assessment_report' },
      { name: '风险评估报告.pdf', bytes: pdf('风险评估') },
    )
    expect(up.status).toBe(201)
    const review = await upload(
      officer,
      { ownerId: plotId, kind: 'expert_opinion' },
      { name: '省级评审意见.pdf', bytes: pdf('评审') },
    )
    const version = (await officer.agent.get(`/api/plots/${plotId}`).expect(200)).body.version
    const step = await officer.agent
      .post(`/api/plots/${plotId}/transitions`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({
        action: 'list',
        version,
        document: {
          title: '风险评估报告',
          date: '2026-01-10',
          body: '风险不可接受，须列入名录实施管控。',
          documentId: up.body.id,
        },
        reviewDocument: {
          title: '省级评审意见',
          date: '2026-01-12',
          body: '同意列入风险管控和修复名录。',
          documentId: review.body.id,
        },
      })
    expect(step.status, JSON.stringify(step.body)).toBe(200)
    const profile = readContract(PlotProfile, step.body)
    const event = profile.events.at(-1)!
    expect(event.document).toMatchObject({
      attachmentName: '风险评估报告.pdf',
      documentId: up.body.id,
      sha256: up.body.sha256,
    })
    expect(event.reviewDocument).toMatchObject({ attachmentName: '省级评审意见.pdf', documentId: review.body.id })
    const list = (await officer.agent.get(`/api/documents?owner=plot&ownerId=${plotId}`).expect(200)).body.documents
    expect(list.find((d: { id: number }) => d.id === up.body.id).eventId).toBe(event.id)
  })

  it("when a step names another plot's file or one already used, then it is refused and the plot does not move", async () => {
    const plotId = await plotIn('detailed_investigation')
    const other = await plotIn('detailed_investigation')
    const foreign = await upload(
      officer,
      { ownerId: other, kind: 'investigation_report' },
      { name: 'b.pdf', bytes: pdf() },
    )
    const version = (await officer.agent.get(`/api/plots/${plotId}`).expect(200)).body.version
    const res = await officer.agent
      .post(`/api/plots/${plotId}/transitions`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({
        action: 'start_assessment',
        version,
        document: {
          title: '详细调查报告',
          date: '2026-01-10',
          body: '详细调查已完成，超标范围已圈定。',
          documentId: foreign.body.id,
        },
      })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('不是本地块上传的文件')
    const after = (await officer.agent.get(`/api/plots/${plotId}`).expect(200)).body
    expect(after.status).toBe('detailed_investigation')
  })

  it('when a step names a file by name only (as before files were kept), then it still goes through', async () => {
    const plotId = await plotIn('detailed_investigation')
    const version = (await officer.agent.get(`/api/plots/${plotId}`).expect(200)).body.version
    const res = await officer.agent
      .post(`/api/plots/${plotId}/transitions`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({
        action: 'start_assessment',
        version,
        document: {
          title: '详细调查报告',
          date: '2026-01-10',
          body: '详细调查已完成，超标范围已圈定。',
          attachmentName: '详细调查报告.pdf',
        },
      })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.events.at(-1).document).toEqual({
      title: '详细调查报告',
      date: '2026-01-10',
      body: '详细调查已完成，超标范围已圈定。',
      attachmentName: '详细调查报告.pdf',
    })
  })
})

describe('public documents', () => {
  it('when a summary of a listed, published plot is marked public, then the public plot page lists and serves it', async () => {
    const plotId = await plotIn('listed', '430903', true)
    const up = await upload(
      officer,
      { ownerId: plotId, kind: 'risk_assessment_summary', title: '风险评估报告摘要' },
      { name: '风险评估报告摘要.pdf', bytes: pdf('摘要') },
    )
    expect((await request(app).get(`/api/public/plots/${plotId}/documents`).expect(200)).body.documents).toEqual([])
    expect((await request(app).get(`/api/public/documents/${up.body.id}/file`)).status).toBe(404)
    const stale = await officer.agent
      .patch(`/api/documents/${up.body.id}`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ version: up.body.version + 1, isPublic: true })
    expect(stale.status).toBe(409)
    expect(stale.body.error.message).toContain('刷新')
    const byFarmland = await farmland.agent
      .patch(`/api/documents/${up.body.id}`)
      .set('X-CSRF-Token', farmland.csrfToken)
      .send({ version: up.body.version, isPublic: true })
    expect(byFarmland.status).toBe(403)
    const mark = await officer.agent
      .patch(`/api/documents/${up.body.id}`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ version: up.body.version, isPublic: true })
    expect(mark.status, JSON.stringify(mark.body)).toBe(200)
    expect(mark.body).toMatchObject({ isPublic: true, version: up.body.version + 1 })
    const list = readContract(
      PublicDocumentsResponse,
      (await request(app).get(`/api/public/plots/${plotId}/documents`).expect(200)).body,
    )
    expect(list.documents).toEqual([
      expect.objectContaining({ id: up.body.id, title: '风险评估报告摘要', kindName: '风险评估报告（公开摘要）' }),
    ])
    expect(Object.keys(list.documents[0]).sort()).toEqual(
      ['fileName', 'id', 'kindName', 'sha256', 'sizeBytes', 'title', 'uploadedAt', 'url'].sort(),
    )
    const file = await request(app).get(list.documents[0].url).buffer(true).parse(binary)
    expect(file.status).toBe(200)
    expect(sha(file.body as Buffer)).toBe(up.body.sha256)
  })

  it('when a report that the law keeps internal is to be made public, then it is refused', async () => {
    const plotId = await plotIn('listed', '430903', true)
    const up = await upload(
      officer,
      { ownerId: plotId, kind: 'risk_assessment_report' },
      { name: 'r.pdf', bytes: pdf() },
    )
    const res = await officer.agent
      .patch(`/api/documents/${up.body.id}`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ version: up.body.version, isPublic: true })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toContain('不能公开')
  })

  it('when documents of every kind carry a marker, then no public route returns it', async () => {
    const published = await plotIn('listed', '430903', true)
    const draft = await plotIn('listed', '430903', false)
    const suspected = await plotIn('suspected', '430903', true)
    const ids: number[] = []
    for (const plotId of [published, draft, suspected])
      for (const kind of [
        'investigation_report',
        'risk_assessment_report',
        'expert_opinion',
        'investigation_summary',
      ]) {
        const res = await upload(
          officer,
          { ownerId: plotId, kind, title: `${MARKER} ${kind}` },
          { name: `${MARKER}-${kind}.pdf`, bytes: pdf(`${MARKER} 内部内容`) },
        )
        expect(res.status, JSON.stringify(res.body)).toBe(201)
        ids.push(res.body.id)
      }
    const summaryOfDraft = ids[7]
    await db.query(`UPDATE stored_document SET is_public = true WHERE id = $1`, [summaryOfDraft])
    const summaryOfSuspected = ids[11]
    await db.query(`UPDATE stored_document SET is_public = true WHERE id = $1`, [summaryOfSuspected])
    const texts: [string, string][] = []
    for (const url of [
      '/api/public/plots',
      '/api/public/control-zones',
      `/api/public/search?q=${MARKER}`,
      ...[published, draft, suspected].map((id) => `/api/public/plots/${id}/documents`),
    ]) {
      const res = await request(app).get(url)
      texts.push([url, JSON.stringify(res.body)])
    }
    for (const id of ids) {
      const res = await request(app).get(`/api/public/documents/${id}/file`).buffer(true).parse(binary)
      expect(res.status, `文件 ${id}`).toBe(404)
      texts.push([`/api/public/documents/${id}/file`, (res.body as Buffer).toString('utf8')])
    }
    for (const [where, text] of texts) expect(text.includes(MARKER), `${where} 含有未公开内容`).toBe(false)
  })
})

describe('a folder as the store', () => {
  it('when DOCUMENT_STORE is folder, then the file is written under DOCUMENT_DIR by its hash and served from there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'docs-'))
    const folderApp = createTestApp(db, {
      documents: { maxBytes: 1024 * 1024, store: 'folder', dir },
    } as Parameters<typeof createTestApp>[1])
    const folderOfficer = await signInAs(folderApp, 'environment')
    const plotId = await plotIn('detailed_investigation')
    const bytes = pdf('文件夹存放')
    const before = await documentCount()
    const res = await upload(folderOfficer, { ownerId: plotId, kind: 'investigation_report' }, { name: 'f.pdf', bytes })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const after = await documentCount()
    expect(after).toEqual({ docs: before.docs + 1, contents: before.contents })
    expect(fs.readFileSync(path.join(dir, '430903', sha(bytes)))).toEqual(bytes)
    const file = await folderOfficer.agent.get(res.body.url).buffer(true).parse(binary)
    expect(sha(file.body as Buffer)).toBe(sha(bytes))
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

describe('an S3-compatible object store', () => {
  it('when DOCUMENT_STORE is s3, then the file is put as an object named by county and hash and served from there', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3rver-'))
    // s3rver: a small S3-compatible server for tests (MIT), as MinIO or a cloud's S3 interface would answer
    const server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: dir,
      configureBuckets: [{ name: 'soil-docs' }],
    })
    const { port } = await server.run()
    try {
      const s3App = createTestApp(db, {
        documents: {
          maxBytes: 1024 * 1024,
          store: 's3',
          dir,
          s3: {
            endpoint: `http://127.0.0.1:${port}`,
            bucket: 'soil-docs',
            region: 'us-east-1',
            accessKeyId: 'S3RVER',
            secretAccessKey: 'S3RVER',
          },
        },
      } as Parameters<typeof createTestApp>[1])
      const s3Officer = await signInAs(s3App, 'environment')
      const plotId = await plotIn('detailed_investigation')
      const bytes = pdf('对象存储')
      const before = await documentCount()
      const res = await upload(s3Officer, { ownerId: plotId, kind: 'investigation_report' }, { name: 's3.pdf', bytes })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      expect(await documentCount()).toEqual({ docs: before.docs + 1, contents: before.contents })
      const { rows } = await db.query(`SELECT store, store_key FROM stored_document WHERE id = $1`, [res.body.id])
      expect(rows[0]).toEqual({ store: 's3', store_key: `430903/${sha(bytes)}` })
      const object = await fetch(`http://127.0.0.1:${port}/soil-docs/430903/${sha(bytes)}`)
      expect(object.status).toBe(200)
      expect(sha(Buffer.from(await object.arrayBuffer()))).toBe(sha(bytes))
      const file = await s3Officer.agent.get(res.body.url).buffer(true).parse(binary)
      expect(file.status).toBe(200)
      expect(sha(file.body as Buffer)).toBe(sha(bytes))
    } finally {
      await server.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

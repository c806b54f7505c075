import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { pdfText, squash } from '../support/pdf-text.ts'
import { pngOf } from '../support/png.ts'
import { signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let land: Session
let anonymous: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  land = await signInAs(app, 'land')
  anonymous = await signInAs(app, 'anonymous')
})
afterAll(() => db.close())

/** PDFs of this file, kept to look at. */
const OUT_DIR = path.join('test-results', 'map-print')

/** The frame of an A4 landscape sheet is 277 × 137 mm: at 150 dpi 1636 × 809 pixels. */
const A4_LANDSCAPE_FRAME_PNG = pngOf(1636, 809)

/** A 0.2° wide view of 赫山区 centred on 28.5° N. */
const BBOX = [112.3, 28.45, 112.5, 28.55]

const sheet = (over: Record<string, unknown> = {}) => ({
  paper: 'A4',
  orientation: 'landscape',
  title: '赫山区 耕地土壤环境质量类别图（出图测试）',
  unit: '益阳市赫山区农业农村局',
  date: '2026-12-07',
  bbox: BBOX,
  legend: [
    { label: '区县界线', color: '#37474f', kind: 'line' },
    { label: '优先保护类', color: '#4caf50', kind: 'fill' },
    { label: '严格管控类', color: '#e53935', kind: 'fill' },
    { label: '国控', color: '#b71c1c', kind: 'circle' },
    { label: '管控区域', color: '#e8590c', kind: 'hatch' },
  ],
  ...over,
})

function post(s: Session, fields: Record<string, string>, file: Buffer | null = A4_LANDSCAPE_FRAME_PNG) {
  const req = s.agent.post('/api/map-prints').set('X-CSRF-Token', s.csrfToken)
  for (const [k, v] of Object.entries(fields)) req.field(k, v)
  if (file) req.attach('file', file, { filename: 'map.png', contentType: 'image/png' })
  return req.buffer(true).parse((res, done) => {
    const parts: Buffer[] = []
    res.on('data', (c: Buffer) => parts.push(c))
    res.on('end', () => done(null, Buffer.concat(parts)))
  })
}

const json = (res: { body: Buffer }) => JSON.parse(res.body.toString('utf8'))

/**
 * The scale 1:N the sheet must print: the frame's 277 mm across show the bbox's width along the parallel of its
 * centre on the CGCS2000 ellipsoid (a = 6378137 m, f = 1/298.257222101), N to three significant digits.
 */
function expectedDenominator(): number {
  const f = 1 / 298.257222101
  const e2 = f * (2 - f)
  const y = (lat: number) => Math.asinh(Math.tan((lat * Math.PI) / 180))
  const mid = Math.atan(Math.sinh((y(BBOX[1]) + y(BBOX[3])) / 2))
  const metresPerDegree = ((6378137 * Math.cos(mid)) / Math.sqrt(1 - e2 * Math.sin(mid) ** 2)) * (Math.PI / 180)
  return Number((((BBOX[2] - BBOX[0]) * metresPerDegree) / 0.277).toPrecision(3))
}

describe('POST /api/map-prints', () => {
  it('when a staff member prints an A4 landscape sheet, then a PDF comes back whose text holds the title, every legend entry, the scale, the CRS, the unit and the date', async () => {
    const res = await post(farmland, { sheet: JSON.stringify(sheet()) })
    expect(res.status, res.body.toString('utf8').slice(0, 300)).toBe(200)
    expect(res.headers['content-type']).toBe('application/pdf')
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('赫山区 耕地土壤环境质量类别图（出图测试）（A4 横向）.pdf')}`,
    )
    expect(res.headers['content-disposition']).toContain('attachment')
    fs.mkdirSync(OUT_DIR, { recursive: true })
    fs.writeFileSync(path.join(OUT_DIR, 'a4-landscape.pdf'), res.body)
    const { pages, text } = await pdfText(res.body)
    expect(pages).toHaveLength(1)
    const flat = squash(text)
    expect(flat).toContain(squash('赫山区 耕地土壤环境质量类别图（出图测试）'))
    for (const label of ['图例', '区县界线', '优先保护类', '严格管控类', '国控', '管控区域'])
      expect(flat).toContain(label)
    const n = expectedDenominator()
    expect(n).toBeGreaterThan(70_000)
    expect(n).toBeLessThan(72_000)
    expect(flat).toContain(`比例尺1:${n.toLocaleString('en-US')}`)
    expect(flat).toContain(squash('坐标系：2000 国家大地坐标系（CGCS2000）'))
    expect(flat).toContain('制图单位：益阳市赫山区农业农村局')
    expect(flat).toContain('制图日期：2026年12月7日')
    expect(flat).toContain('北')
    expect(flat).not.toContain('审图号')
  })

  it('when the sheet is A3 portrait, then its page is 297 × 420 mm and the scale is that of the wider frame', async () => {
    const k = 297 / 210
    const frame = { width: 297 - 2 * 10 * k, height: 420 - 2 * 10 * k - 53 * k }
    const png = pngOf(Math.round((frame.width / 25.4) * 150), Math.round((frame.height / 25.4) * 150))
    const res = await post(land, { sheet: JSON.stringify(sheet({ paper: 'A3', orientation: 'portrait' })) }, png)
    expect(res.status, res.body.toString('utf8').slice(0, 300)).toBe(200)
    const mediaBox = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(res.body.toString('latin1'))
    expect(Number(mediaBox?.[1])).toBeCloseTo((297 / 25.4) * 72, 0)
    expect(Number(mediaBox?.[2])).toBeCloseTo((420 / 25.4) * 72, 0)
    const n = Number((expectedDenominator() * (277 / frame.width)).toPrecision(3))
    expect(squash((await pdfText(res.body)).text)).toContain(`比例尺1:${n.toLocaleString('en-US')}`)
  })

  it('when nobody is signed in, then 401 and no PDF', async () => {
    const res = await post(anonymous, { sheet: JSON.stringify(sheet()) })
    expect(res.status).toBe(401)
    expect(json(res).error.code).toBe('UNAUTHENTICATED')
  })

  it.each([
    ['the paper is A0', { paper: 'A0' }, '纸张应为 A4 或 A3'],
    ['the orientation is missing', { orientation: undefined }, '方向应为'],
    ['the title is empty', { title: '  ' }, '请填写图名'],
    ['the title is 41 characters', { title: '图'.repeat(41) }, '图名最多 40 个字'],
    ['the date is not a day', { date: '2026-02-30' }, '制图日期不是有效的日期'],
    ['west lies east of east', { bbox: [112.5, 28.45, 112.3, 28.55] }, '西边应小于东边'],
    ['a legend colour is a name', { legend: [{ label: '优先保护类', color: 'green', kind: 'fill' }] }, '#RRGGBB'],
  ])('when %s, then 400 says what is wrong in Chinese', async (_what, over, message) => {
    const res = await post(farmland, { sheet: JSON.stringify(sheet(over)) })
    expect(res.status).toBe(400)
    expect(json(res).error.message).toContain(message)
  })

  it('when the sheet field is not JSON or missing, then 400 names the field', async () => {
    const broken = await post(farmland, { sheet: '{paper: A4' })
    expect(broken.status).toBe(400)
    expect(json(broken).error.message).toContain('不是有效的 JSON')
    const missing = await post(farmland, {})
    expect(missing.status).toBe(400)
    expect(json(missing).error.details.problems[0].field).toBe('sheet')
  })

  it('when the picture is missing, not a PNG or of another shape than the frame, then 400 says so', async () => {
    const none = await post(farmland, { sheet: JSON.stringify(sheet()) }, null)
    expect(none.status).toBe(400)
    expect(json(none).error.message).toContain('缺少地图图片')
    const jpeg = await post(
      farmland,
      { sheet: JSON.stringify(sheet()) },
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]),
    )
    expect(jpeg.status).toBe(400)
    expect(json(jpeg).error.message).toContain('PNG')
    const square = await post(farmland, { sheet: JSON.stringify(sheet()) }, pngOf(800, 800))
    expect(square.status).toBe(400)
    expect(json(square).error.message).toContain('宽高比')
  })

  it('when the picture is over 12 MB, then 413 names the limit', async () => {
    const huge = Buffer.concat([A4_LANDSCAPE_FRAME_PNG, Buffer.alloc(12 * 1024 * 1024)])
    const res = await post(farmland, { sheet: JSON.stringify(sheet()) }, huge)
    expect(res.status).toBe(413)
    expect(json(res).error.message).toContain('地图图片过大')
  })
})

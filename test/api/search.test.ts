import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { publishPlots } from '../../server/src/repos/review.repo.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signInAs, type Session } from '../support/session.ts'
import { BOTH_TEST_COUNTIES, signInNewUser } from '../support/users.ts'

/** Planted in every unpublished value below: it must never come back from the public search. */
const MARKER = `SRCHLEAK${Date.now().toString(36)}`
const SUFFIX = Date.now().toString().slice(-7)

let db: Database
let app: ReturnType<typeof createTestApp>
let staff: Session
let heshanOnly: Session
const plotIds: number[] = []

interface Hit {
  kind: string
  kindName: string
  id?: number
  code: string
  name: string
  match: string
}
interface Group {
  kind: string
  kindName: string
  total: number
}

async function insertPlot(code: string, name: string, review = 'draft'): Promise<number> {
  const { rows } = await db.query(
    `INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, land_user, address, contact, geom, review_status)
     SELECT '430903', $1, $2, 'listed', 'high', 'chemical', '检索测试单位', '赫山区测试路 2 号', '检索测试联系人',
            ST_Multi(ST_Buffer(ST_PointOnSurface(geom), 0.0005)), $3
     FROM township WHERE code = '430903001' RETURNING id`,
    [code, name, review],
  )
  plotIds.push(rows[0].id)
  return rows[0].id
}

async function search(session: Session, q: string): Promise<{ results: Hit[]; groups: Group[] }> {
  const res = await session.agent.get('/api/search').query({ q })
  expect(res.status, res.text).toBe(200)
  return res.body
}

const ofKind = (hits: Hit[], kind: string) => hits.filter((h) => h.kind === kind)

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  staff = await signInNewUser(app, db, { role: 'environment', scopes: BOTH_TEST_COUNTIES })
  heshanOnly = await signInAs(app, 'environment')
})

afterAll(async () => {
  await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [plotIds])
  await db.close()
})

describe('GET /api/search finds any part of a code or name', () => {
  it('when "DK0001" is searched, then the plot 430903-DK0001 of each county in scope is found, marked as a part match', async () => {
    const { results, groups } = await search(staff, 'DK0001')
    const plots = ofKind(results, 'plot')
    expect(plots.map((p) => p.code)).toEqual(expect.arrayContaining(['430903-DK0001', '220322-DK0001']))
    expect(plots.every((p) => p.match === 'substring')).toBe(true)
    expect(groups).toContainEqual({ kind: 'plot', kindName: '污染地块', total: plots.length })
  })

  it('when "dk0003" is searched in small letters, then 430903-DK0003 is found all the same', async () => {
    const { results } = await search(staff, 'dk0003')
    expect(ofKind(results, 'plot').map((p) => p.code)).toContain('430903-DK0003')
  })

  it('when only the number of a parcel code is searched, then the parcel is found; its whole code comes first as exact', async () => {
    const {
      rows: [parcel],
    } = await db.query(
      `SELECT id, code FROM farmland_parcel WHERE adcode = '430903' AND code ~ '^430903-[0-9]{7}$' ORDER BY code DESC LIMIT 1`,
    )
    const digits = parcel.code.slice('430903-'.length)
    const byDigits = await search(staff, digits)
    expect(ofKind(byDigits.results, 'parcel')).toContainEqual(
      expect.objectContaining({ id: parcel.id, code: parcel.code, match: 'substring' }),
    )
    const byCode = await search(staff, parcel.code)
    expect(byCode.results[0]).toMatchObject({ kind: 'parcel', id: parcel.id, match: 'exact' })
  })

  it('when digits from the middle of parcel codes are searched (as "0002500"), then every parcel holding them is found and counted', async () => {
    const { rows } = await db.query(
      `SELECT code FROM farmland_parcel WHERE adcode = ANY($1::bpchar[]) AND code LIKE '%000010%' ORDER BY code`,
      [BOTH_TEST_COUNTIES],
    )
    expect(rows.length).toBeGreaterThan(0)
    const { results, groups } = await search(staff, '000010')
    expect(ofKind(results, 'parcel').map((p) => p.code)).toEqual(rows.map((r) => r.code).slice(0, 20))
    expect(groups).toContainEqual({ kind: 'parcel', kindName: '耕地图斑', total: rows.length })
  })

  it('when a text is the whole name of one plot, the start of another and inside a third, then they come in that order', async () => {
    const word = `排序${SUFFIX}`
    const inside = await insertPlot(`430903-PX${SUFFIX}A`, `甲${word}`)
    const prefix = await insertPlot(`430903-PX${SUFFIX}B`, `${word}乙`)
    const exact = await insertPlot(`430903-PX${SUFFIX}C`, word)
    const plots = ofKind((await search(staff, word)).results, 'plot')
    expect(plots.map((p) => [p.id, p.match])).toEqual([
      [exact, 'exact'],
      [prefix, 'prefix'],
      [inside, 'substring'],
    ])
  })

  it('when a county code is searched, then kinds come grouped with their counts, the exact county first', async () => {
    const { results, groups } = await search(staff, '430903')
    expect(results[0]).toMatchObject({ kind: 'county', code: '430903', match: 'exact' })
    expect(groups[0]).toEqual({ kind: 'county', kindName: '区县', total: 1 })
    const {
      rows: [{ n }],
    } = await db.query(`SELECT count(*)::int AS n FROM township WHERE code LIKE '430903%' AND geom IS NOT NULL`)
    expect(groups).toContainEqual({ kind: 'township', kindName: '乡镇', total: n })
    const kinds = results.map((r) => r.kind)
    expect(kinds).toEqual(
      [...kinds].sort((a, b) => groups.findIndex((g) => g.kind === a) - groups.findIndex((g) => g.kind === b)),
    )
  })

  it('when more parcels match than the limit, then the group counts them all while the list stops at the limit', async () => {
    const {
      rows: [{ n }],
    } = await db.query(
      `SELECT count(*)::int AS n FROM farmland_parcel WHERE adcode = ANY($1::bpchar[]) AND code LIKE '%-00%'`,
      [BOTH_TEST_COUNTIES],
    )
    expect(n).toBeGreaterThan(20)
    const { results, groups } = await search(staff, '-00')
    expect(ofKind(results, 'parcel')).toHaveLength(20)
    expect(groups).toContainEqual({ kind: 'parcel', kindName: '耕地图斑', total: n })
  })

  it('when LIKE wildcards are typed, then they match only themselves', async () => {
    const literal = await insertPlot(`430903-WC${SUFFIX}`, `通配${SUFFIX}%_号`)
    const hits = ofKind((await search(staff, `${SUFFIX}%_`)).results, 'plot')
    expect(hits.map((p) => p.id)).toEqual([literal])
    // other tests' rows may hold these characters themselves (e.g. `__pwned`): every hit must contain them literally
    for (const q of ['%%', '__', '\\\\']) {
      for (const hit of (await search(staff, q)).results) expect(`${hit.code} ${hit.name}`).toContain(q)
    }
  })

  it('when a user scoped to 赫山区 searches "DK0001", then nothing of 梨树县 is found', async () => {
    const { results } = await search(heshanOnly, 'DK0001')
    expect(ofKind(results, 'plot').map((p) => p.code)).toEqual(['430903-DK0001'])
  })

  it.each(['D', '赫', ' 4 '])('when %j is searched, then 400 says at least 2 characters are needed', async (q) => {
    const res = await staff.agent.get('/api/search').query({ q })
    expect(res.status).toBe(400)
    expect(res.body.error.message).toContain('请至少输入 2 个字')
  })
})

describe('GET /api/public/search finds any part of a published code or name', () => {
  let published: { id: number; code: string }

  beforeAll(async () => {
    published = { id: 0, code: `430903-DK9${SUFFIX}` }
    published.id = await insertPlot(published.code, `公开检索测试地块${SUFFIX}`)
    await insertPlot(`430903-DK8${SUFFIX}-${MARKER}`, `${MARKER} 未发布检索地块`)
    await db.transaction((tx) => publishPlots(tx, '430903', [published.id]))
  })

  it('when the middle of a published plot code is searched, then the plot is found and counted', async () => {
    const res = await request(app)
      .get('/api/public/search')
      .query({ q: `k9${SUFFIX}` })
    expect(res.status).toBe(200)
    expect(res.body.results).toEqual([
      expect.objectContaining({ kind: 'plot', id: published.id, code: published.code, match: 'substring' }),
    ])
    expect(res.body.groups).toEqual([{ kind: 'plot', kindName: '污染地块', total: 1 }])
  })

  it('when any part of an unpublished plot code or name is searched, then nothing comes back', async () => {
    for (const q of [MARKER.slice(3), `DK8${SUFFIX}`, '未发布检索']) {
      const res = await request(app).get('/api/public/search').query({ q })
      expect(res.status).toBe(200)
      expect(res.body).toEqual({ results: [], groups: [] })
      expect(res.text.includes(MARKER)).toBe(false)
    }
  })

  it('when wildcards or one character are searched, then they match only themselves or answer 400', async () => {
    expect((await request(app).get('/api/public/search').query({ q: '%%' })).body).toEqual({ results: [], groups: [] })
    const short = await request(app).get('/api/public/search').query({ q: '_' })
    expect(short.status).toBe(400)
    expect(short.body.error.message).toContain('请至少输入 2 个字')
  })
})

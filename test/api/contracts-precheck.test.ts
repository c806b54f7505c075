import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import {
  CheckFeatures,
  CreatePrecheckBody,
  ParsedUpload,
  PrecheckListQuery,
  PrecheckRecord,
  PrecheckListResponse,
  RerunResponse,
  UploadForm,
} from '../../contracts/precheck.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signInAs, type Session } from '../support/session.ts'

/** Real answers of the 用地准入核查 endpoints (check, list, read, features, re-run, upload) read through contracts/precheck.ts. */
const COUNTY = '430903'

let db: Database
let app: ReturnType<typeof createTestApp>
let land: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  land = await signInAs(app, 'land')
})
afterAll(() => db.close())

/** A square of side 2·`half` degrees around a point. */
function square([lon, lat]: [number, number], half = 0.0005) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon - half, lat - half],
        [lon + half, lat - half],
        [lon + half, lat + half],
        [lon - half, lat + half],
        [lon - half, lat - half],
      ],
    ],
  }
}

/** A free spot of the county, about 1 km clear of the sample data. */
function spot(): Promise<[number, number]> {
  return freeSpot(db, { adcode: COUNTY, spacing: 0.02, inside: 0.01, clearOfFarmland: 0.006, clearOfPoints: 0.012 })
}

/** A closed supervised enterprise of ours whose site is `geometry`: a check over it names the site. */
async function enterpriseSite(geometry: unknown): Promise<number> {
  const code = `91430903CT${(process.pid % 1000).toString().padStart(3, '0')}${(Date.now() % 100000).toString().padStart(5, '0')}`
  const {
    rows: [r],
  } = await db.query<{ id: string }>(
    `INSERT INTO supervised_enterprise (adcode, credit_code, name, industry, status, geom)
     VALUES ($1, $2, '契约测试电镀有限公司', 'electroplating', 'closed', ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON($3), 4490)))
     RETURNING id`,
    [COUNTY, code.slice(0, 18).padEnd(18, '0'), JSON.stringify(geometry)],
  )
  return Number(r.id)
}

async function get(url: string): Promise<unknown> {
  const res = await land.agent.get(url)
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200)
  return res.body as unknown
}

async function post(url: string, body: object): Promise<unknown> {
  const res = await land.agent.post(url).set('X-CSRF-Token', land.csrfToken).send(body)
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(201)
  return res.body as unknown
}

describe('precheck contracts', () => {
  it('when a plot is checked, listed, read, mapped and checked again, then every answer matches its contract', async () => {
    const at = await spot()
    const site = await enterpriseSite(square([at[0] + 0.0003, at[1]], 0.0002))
    const geometry = square(at)
    const made = readContract(
      PrecheckRecord,
      await post('/api/precheck', { geometry, plannedUse: 'R2', name: '契约测试地块' }),
    )
    expect(made.adcode).toBe(COUNTY)
    expect(made.reasons.length).toBeGreaterThan(0)

    const list = readContract(
      PrecheckListResponse,
      await get(`/api/precheck?number=${encodeURIComponent(made.number)}`),
    )
    expect(list.items.map((i) => i.id)).toEqual([made.id])

    const read = readContract(PrecheckRecord, await get(`/api/precheck/${made.id}`))
    expect(read.number).toBe(made.number)

    const features = readContract(CheckFeatures, await get(`/api/precheck/${made.id}/features`))
    expect(features.features.map((f) => `${f.properties.type}:${f.properties.id}`)).toContain(`enterprise:${site}`)

    const rerun = readContract(RerunResponse, await post(`/api/precheck/${made.id}/rerun`, {}))
    expect(rerun.check.rerunOf).toBe(made.id)
    expect(rerun.previous.checkedAt).toBe(made.checkedAt)
  })

  it('when an outline file is uploaded, then the parsed answer matches its contract', async () => {
    const [lon, lat] = await spot()
    const file = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: square([lon, lat]) }],
    })
    const res = await land.agent
      .post('/api/precheck/parse-upload')
      .set('X-CSRF-Token', land.csrfToken)
      .attach('file', Buffer.from(file, 'utf8'), { filename: '地块.geojson' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const parsed = readContract(ParsedUpload, res.body)
    expect(parsed.crs.epsg).toBe(4490)
    expect(parsed.geometry.type).toBe('MultiPolygon')
  })

  it('when a request holds a bad value, then its schema refuses it in the officer’s words', () => {
    const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
      r.error?.issues.map((i) => i.message) ?? []
    expect(messages(CreatePrecheckBody.safeParse({ geometry: square([112, 28]) }))).toContain(
      '规划用途（plannedUse）必填，应为 GB 50137-2011 用地代码，如 R2',
    )
    expect(messages(PrecheckListQuery.safeParse({ from: '2026-05-02', to: '2026-05-01' }))).toContain(
      '起始日期不能晚于截止日期',
    )
    expect(messages(UploadForm.safeParse({ centralMeridian: '112' }))).toContain(
      '中央经线应为 75 到 135 之间 3 的倍数（如 111、114、117）',
    )
  })
})

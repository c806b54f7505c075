import { randomBytes } from 'node:crypto'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { AdminUser, CreateUserBody, ScopesResponse, UsersResponse } from '../../contracts/admin.ts'
import { LoginBody, OkResponse, PasswordBody, SessionResponse } from '../../contracts/auth.ts'
import {
  FeatureInfo,
  FeatureParams,
  HealthResponse,
  LayerGroup,
  SearchQuery,
  SearchResponse,
  TileVersions,
} from '../../contracts/map.ts'
import { HistoryResponse, ReviewActionParams, ReviewQueueResponse } from '../../contracts/review.ts'
import {
  CoveragePoints,
  CoverageResponse,
  GapBody,
  GapResponse,
  TownshipResponse,
  UncoveredFeatures,
} from '../../contracts/coverage.ts'
import {
  BlackSoilAnswer,
  FarmlandIndicator,
  FarmlandRowsAnswer,
  NewTargetBody,
  PlotIndicator,
  PlotRowsAnswer,
  TargetsAnswer,
} from '../../contracts/indicators.ts'
import { ImportReport, NewPointBody, NewResultResponse, PointDetail, PointList } from '../../contracts/monitoring.ts'
import {
  PublicCountiesResponse,
  PublicPlotsResponse,
  PublicSearchQuery,
  PublicSearchResponse,
  PublicZonesResponse,
} from '../../contracts/public.ts'
import { HandleReportBody, ReportQueueResponse } from '../../contracts/reports.ts'
import { FarmlandStatistics } from '../../contracts/statistics.ts'
import { z } from 'zod'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signIn, signInAs, type Session } from '../support/session.ts'
import { signInNewUser } from '../support/users.ts'

/**
 * Real answers of the map, status, statistics, auth, admin, review, reports, public, monitoring, coverage and
 * indicators endpoints read through the schemas of contracts/ that the client takes its types from.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
let staff: Session
let admin: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  staff = await signInAs(app, 'environment')
  admin = await signInAs(app, 'admin')
})
afterAll(() => db.close())

/** The Chinese messages a request schema gives for `body`. */
function refusals(
  schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } },
  body: unknown,
) {
  const result = schema.safeParse(body)
  return result.success ? [] : result.error!.issues.map((i) => i.message)
}

describe('auth contracts', () => {
  it('when the session, a login and a logout are answered, then each matches SessionResponse', async () => {
    const anonymous = await signInAs(app, 'anonymous')
    const session = readContract(SessionResponse, (await anonymous.agent.get('/api/session')).body)
    expect(session.user).toBeNull()
    const signedIn = readContract(SessionResponse, (await staff.agent.get('/api/session')).body)
    expect(signedIn.user?.counties.map((c) => c.adcode)).toContain('430903')
    const login = await anonymous.agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ username: 'gengdi', password: 'Soil-2026-demo' })
    expect(readContract(SessionResponse, login.body).user?.role).toBe('farmland')
    const logout = await anonymous.agent.post('/api/auth/logout').set('X-CSRF-Token', login.body.csrfToken)
    expect(readContract(SessionResponse, logout.body).user).toBeNull()
  })

  it('when a login or a password change lacks a field, then its schema refuses it in Chinese', () => {
    expect(refusals(LoginBody, { username: ' ', password: 'x' })).toEqual(['请输入用户名'])
    expect(refusals(PasswordBody, { currentPassword: 'x' })).toEqual(['请输入新密码'])
  })
})

describe('admin contracts', () => {
  it('when users and scopes are listed, then they match UsersResponse and ScopesResponse', async () => {
    const users = readContract(UsersResponse, (await admin.agent.get('/api/admin/users')).body)
    expect(users.users.map((u) => u.username)).toContain('gengdi')
    const scopes = readContract(ScopesResponse, (await admin.agent.get('/api/admin/scopes')).body)
    expect(scopes.scopes.map((s) => s.code)).toContain('430903')
  })

  it('when a user is created, changed, given a new password and unlocked, then each answer matches', async () => {
    const username = `contract_${randomBytes(4).toString('hex')}`
    const created = await admin.agent
      .post('/api/admin/users')
      .set('X-CSRF-Token', admin.csrfToken)
      .send({
        username,
        displayName: '契约测试',
        role: 'farmland',
        scopes: ['430903'],
        password: 'Contract-2026-pass',
      })
    expect(created.status).toBe(201)
    const user = readContract(AdminUser, created.body)
    const updated = await admin.agent
      .patch(`/api/admin/users/${user.id}`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({
        displayName: '契约测试二',
        department: '',
        role: 'farmland',
        scopes: ['430903'],
        isActive: true,
        version: user.version,
      })
    expect(readContract(AdminUser, updated.body).displayName).toBe('契约测试二')
    const reset = await admin.agent
      .post(`/api/admin/users/${user.id}/password`)
      .set('X-CSRF-Token', admin.csrfToken)
      .send({ password: 'Contract-2026-next' })
    expect(readContract(OkResponse, reset.body).ok).toBe(true)
    const unlock = await admin.agent.post(`/api/admin/users/${user.id}/unlock`).set('X-CSRF-Token', admin.csrfToken)
    expect(readContract(OkResponse, unlock.body).ok).toBe(true)
    const fresh = await signIn(app, username, 'Contract-2026-next')
    const changed = await fresh.agent
      .post('/api/auth/password')
      .set('X-CSRF-Token', fresh.csrfToken)
      .send({ currentPassword: 'Contract-2026-next', newPassword: 'Contract-2026-last' })
    expect(readContract(OkResponse, changed.body).message).toBe('密码已修改')
  })

  it('when a new user has no scope, then the schema refuses it in Chinese', () => {
    expect(
      refusals(CreateUserBody, { username: 'abc', displayName: '甲', role: 'farmland', scopes: [], password: 'x' }),
    ).toEqual(['请至少选择一个管辖范围（区县、市或省）'])
  })
})

describe('map contracts', () => {
  it('when the health, a search and a plot are asked for, then they match their contracts', async () => {
    const health = readContract(HealthResponse, (await staff.agent.get('/api/health')).body)
    expect(health.counties).toBeGreaterThan(0)
    const search = readContract(SearchResponse, (await staff.agent.get('/api/search').query({ q: '赫山' })).body)
    expect(search.results.length).toBeGreaterThan(0)
    const {
      rows: [plot],
    } = await db.query(`SELECT id FROM contaminated_plot WHERE adcode = '430903' ORDER BY id LIMIT 1`)
    const info = readContract(FeatureInfo, (await staff.agent.get(`/api/features/contaminated-plot/${plot.id}`)).body)
    expect(info.review?.kind).toBe('plot')
    const county = await staff.agent.get(
      `/api/features/county/${search.results.find((r) => r.kind === 'county')?.id ?? 1}`,
    )
    if (county.status === 200) readContract(FeatureInfo, county.body)
  })

  it('when the styles and the tile versions are asked for, then groups and versions match their contracts', async () => {
    for (const path of ['/style.json', '/public/style.json']) {
      const style = await staff.agent.get(path)
      expect(readContract(z.array(LayerGroup), style.body.metadata['soil:groups']).length).toBeGreaterThan(0)
    }
    expect(readContract(TileVersions, (await staff.agent.get('/api/map/versions')).body).versions).toBeTypeOf('object')
    readContract(TileVersions, (await request(app).get('/api/public/map/versions')).body)
  })

  it('when a search or a feature is asked for wrongly, then the schemas refuse it in Chinese', () => {
    expect(refusals(SearchQuery, { q: ' ' })).toEqual([
      '请输入检索内容（区县、乡镇名称或代码，图斑编号，地块名称或编号，监测点位）',
    ])
    expect(refusals(SearchQuery, { q: 'D' })).toEqual([
      '检索内容太短：请至少输入 2 个字或字符（如“赫山”“DK0003”“0002500”）',
    ])
    expect(refusals(FeatureParams, { layer: 'plot', id: 'x' })).toEqual(['要素编号应为数字'])
  })
})

describe('review contracts', () => {
  it('when the queue and a history are asked for, then they match their contracts', async () => {
    const approver = await signInAs(app, 'approver')
    readContract(ReviewQueueResponse, (await approver.agent.get('/api/reviews')).body)
    const queue = readContract(
      ReviewQueueResponse,
      (await staff.agent.get('/api/reviews').query({ status: 'draft,returned,submitted,approved,published' })).body,
    )
    const item = queue.items[0]
    expect(item).toBeDefined()
    const history = readContract(HistoryResponse, (await staff.agent.get(`/api/history/${item.kind}/${item.id}`)).body)
    expect(Array.isArray(history.entries)).toBe(true)
  })

  it('when a review step names an unknown kind, then the schema refuses it in Chinese', () => {
    expect(refusals(ReviewActionParams, { kind: 'parcel', id: '1', action: 'submit' })).toEqual([
      '记录类型应为：plot、control-zone、class-list、safe-use-ledger、ban-zone',
    ])
  })
})

describe('monitoring contracts', () => {
  let made = 0
  const createdPoints: number[] = []
  afterAll(async () => {
    if (!createdPoints.length) return
    await db.query(`DELETE FROM monitoring_result WHERE point_id = ANY ($1::bigint[])`, [createdPoints])
    await db.query(`DELETE FROM monitoring_point WHERE id = ANY ($1::bigint[])`, [createdPoints])
  })

  it('when the points and one point are asked for, then they match PointList and PointDetail', async () => {
    const list = readContract(
      PointList,
      (await staff.agent.get('/api/monitoring/points').query({ adcode: '430903' })).body,
    )
    expect(list.items.length).toBeGreaterThan(0)
    const withResults = list.items.find((p) => p.results > 0) ?? list.items[0]
    const detail = readContract(PointDetail, (await staff.agent.get(`/api/monitoring/points/${withResults.id}`)).body)
    expect(detail.id).toBe(withResults.id)
  })

  it('when a point is registered, edited and given a result, then each answer matches its contract', async () => {
    const {
      rows: [p],
    } = await db.query(`
      SELECT ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat FROM farmland_parcel
      WHERE adcode = '430903' ORDER BY id LIMIT 1 OFFSET 7`)
    const code = `430903-CT${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()
    const created = await staff.agent
      .post('/api/monitoring/points')
      .set('X-CSRF-Token', staff.csrfToken)
      .send({ code, name: '契约测试点位', level: 'county', type: 'basic', lon: p.lon, lat: p.lat })
    expect(created.status, JSON.stringify(created.body)).toBe(201)
    const point = readContract(PointDetail, created.body)
    createdPoints.push(point.id)
    const edited = await staff.agent
      .patch(`/api/monitoring/points/${point.id}`)
      .set('X-CSRF-Token', staff.csrfToken)
      .send({ version: point.version, name: '契约测试点位（改）' })
    expect(readContract(PointDetail, edited.body).name).toBe('契约测试点位（改）')
    const result = await staff.agent
      .post(`/api/monitoring/points/${point.id}/results`)
      .set('X-CSRF-Token', staff.csrfToken)
      .send({ sampledOn: '2024-05-01', ph: 6.2, values: { cd: 0.2, pb: 30 } })
    expect(result.status, JSON.stringify(result.body)).toBe(201)
    expect(readContract(NewResultResponse, result.body).result.flags.length).toBeGreaterThan(0)
    const template = await staff.agent.get('/api/monitoring/import-template.csv').buffer(true)
    const header = String(template.text)
      .replace(/^\uFEFF/, '')
      .split('\n')[0]
      .trim()
    const row = header
      .split(',')
      .map((title) =>
        title.startsWith('点位编号')
          ? code
          : title.startsWith('采样日期')
            ? '2024-06-02'
            : title.startsWith('镉')
              ? '0.3'
              : '',
      )
    const imported = await staff.agent
      .post('/api/monitoring/import')
      .query({ mode: 'valid-only', dryRun: 'true' })
      .set('X-CSRF-Token', staff.csrfToken)
      .attach('file', Buffer.from(`${header}\n${row.join(',')}\n`), '契约测试.csv')
    expect(imported.status, JSON.stringify(imported.body)).toBe(200)
    expect(readContract(ImportReport, imported.body).isDryRun).toBe(true)
  })

  it('when a point has no name, then the schema refuses it in Chinese', () => {
    expect(
      refusals(NewPointBody, { code: 'A-1', name: ' ', level: 'county', type: 'basic', lon: 112, lat: 28 }),
    ).toEqual(['点位名称必填'])
  })
})

describe('coverage contracts', () => {
  it('when coverage, townships, uncovered farmland, points and a gap analysis are asked for, then each matches', async () => {
    const coverage = readContract(CoverageResponse, (await staff.agent.get('/api/coverage')).body)
    expect(coverage.counties.map((c) => c.adcode)).toContain('430903')
    const query = { adcode: '430903' }
    readContract(TownshipResponse, (await staff.agent.get('/api/coverage/townships').query(query)).body)
    readContract(UncoveredFeatures, (await staff.agent.get('/api/coverage/uncovered').query(query)).body)
    const points = readContract(CoveragePoints, (await staff.agent.get('/api/coverage/points').query(query)).body)
    expect(points.features.length).toBeGreaterThan(0)
    const gaps = await staff.agent
      .post('/api/coverage/gaps')
      .set('X-CSRF-Token', staff.csrfToken)
      .send({ adcode: '430903', k: 2, spacingKm: 5 })
    expect(readContract(GapResponse, gaps.body).proposals.length).toBeLessThanOrEqual(2)
  })

  it('when a gap analysis asks for an unknown spacing, then the schema refuses it in Chinese', () => {
    expect(refusals(GapBody, { adcode: '430903', k: 1, spacingKm: 3 })).toEqual([
      '网格间距（spacingKm）应为 2.5、5、10 km 之一（HJ/T 166-2004 区域布点网格）',
    ])
  })
})

describe('indicators contracts', () => {
  it('when the indicators, their rows, the targets and the black-soil figures are asked for, then each matches', async () => {
    const farmland = readContract(FarmlandIndicator, (await staff.agent.get('/api/indicators/farmland')).body)
    const year = String(farmland.year)
    readContract(
      FarmlandRowsAnswer,
      (await staff.agent.get('/api/indicators/farmland/rows').query({ adcode: '430903', year, term: 'B' })).body,
    )
    const plots = readContract(PlotIndicator, (await staff.agent.get('/api/indicators/plots')).body)
    readContract(
      PlotRowsAnswer,
      (
        await staff.agent
          .get('/api/indicators/plots/rows')
          .query({ adcode: '430903', year: String(plots.year), term: 'total' })
      ).body,
    )
    readContract(TargetsAnswer, (await staff.agent.get('/api/indicators/targets')).body)
    const lishu = await signInNewUser(app, db, { role: 'farmland', scopes: ['220322'] })
    const blackSoil = await lishu.agent.get('/api/indicators/black-soil').query({ adcode: '220322' })
    expect(blackSoil.status, JSON.stringify(blackSoil.body)).toBe(200)
    readContract(BlackSoilAnswer, blackSoil.body)
  })

  it('when a target has no source, then the schema refuses it in Chinese', () => {
    expect(
      refusals(NewTargetBody, {
        jurisdiction: '430903',
        indicator: 'plot',
        year: 2025,
        targetPct: 90,
        comparator: 'about',
        source: 'x',
      }),
    ).toEqual(['请写明目标依据（规划或文件名称）'])
  })
})

describe('public contracts', () => {
  it('when the public counties, zones, plots and a search are asked for without login, then each matches', async () => {
    const anonymous = request(app)
    const counties = readContract(PublicCountiesResponse, (await anonymous.get('/api/public/counties')).body)
    expect(counties.counties.length).toBeGreaterThan(0)
    readContract(PublicZonesResponse, (await anonymous.get('/api/public/control-zones')).body)
    readContract(PublicPlotsResponse, (await anonymous.get('/api/public/plots').query({ adcode: '430903' })).body)
    const search = readContract(
      PublicSearchResponse,
      (await anonymous.get('/api/public/search').query({ q: '赫山' })).body,
    )
    expect(search.results.length).toBeGreaterThan(0)
  })

  it('when the public search is empty, then the schema refuses it in Chinese', () => {
    expect(refusals(PublicSearchQuery, { q: '' })).toEqual([
      '请输入检索内容（区县、乡镇名称或代码，污染地块或管控区域名称、编号）',
    ])
  })
})

describe('reports and statistics contracts', () => {
  it('when the report queue and the farmland statistics are asked for, then they match their contracts', async () => {
    readContract(ReportQueueResponse, (await staff.agent.get('/api/reports')).body)
    const stats = readContract(FarmlandStatistics, (await staff.agent.get('/api/statistics/farmland')).body)
    expect(Array.isArray(stats.counties)).toBe(true)
  })

  it('when a report is handled without a note, then the schema refuses it in Chinese', () => {
    expect(refusals(HandleReportBody, { note: '  ' })).toEqual(['请填写处理意见'])
  })
})

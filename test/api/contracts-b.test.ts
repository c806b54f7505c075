import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import {
  ChangeResult,
  ChangesResponse,
  CheckResponse,
  DeletedParcelsResponse,
  MergePreview,
  MergeResponse,
  ParcelCodes,
  ParcelCollection,
  ParcelConflict,
  ParcelFeature,
  ParcelHistoryResponse,
  SaveParcelsBody,
  SplitPreview,
  SplitResponse,
} from '../../contracts/editing.ts'
import { ErrorBody } from '../../contracts/problems.ts'
import {
  CreateEnterpriseBody,
  EnterpriseDetail,
  EnterpriseSaved,
  EnterprisesResponse,
  PlotProposal,
  ProposalsResponse,
} from '../../contracts/enterprises.ts'
import { CreateZoneBody, ZoneAnswer, ZonesResponse } from '../../contracts/zones.ts'
import {
  ListFeed,
  ListPreview,
  ListVersionsResponse,
  PublishBody,
  RegistryListsResponse,
} from '../../contracts/registry-lists.ts'
import {
  CreatePlotBody,
  Gb36600Reference,
  Gb50137Reference,
  PlotListResponse,
  PlotProfile,
} from '../../contracts/registry.ts'
import { ClassListsResponse, JobsResponse, OverrideBody, RuleSetsResponse } from '../../contracts/classification.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { freeSpot } from '../support/free-spot.ts'
import { offset, polygon, rect, type LonLat } from '../support/map-input.ts'
import { signInAs, type Session } from '../support/session.ts'

/** Real answers of the editing, classification, registry, zone, enterprise and precheck endpoints read through the schemas of contracts/. */
const COUNTY = '430903'

let db: Database
let app: ReturnType<typeof createTestApp>
let farmland: Session
let environment: Session
const startedAt = new Date()

async function get(s: Session, url: string) {
  const res = await s.agent.get(url)
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(200)
  return res.body as unknown
}

async function send(
  s: Session,
  method: 'post' | 'patch' | 'delete',
  url: string,
  body: object,
  status: number,
): Promise<unknown> {
  const res = await s.agent[method](url).set('X-CSRF-Token', s.csrfToken).send(body)
  expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(status)
  return res.body as unknown
}

const post = (s: Session, url: string, body: object, status = 200) => send(s, 'post', url, body, status)

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  farmland = await signInAs(app, 'farmland')
  environment = await signInAs(app, 'environment')
})

afterAll(async () => {
  await db.query(`DELETE FROM farmland_parcel WHERE adcode = $1 AND NOT is_generated AND created_at >= $2`, [
    COUNTY,
    startedAt,
  ])
  await db.close()
})

describe('editing contracts', () => {
  it('when parcels are listed, checked, saved, split, merged, deleted and restored, then every answer matches its contract', async () => {
    const at: LonLat = await freeSpot(db, { adcode: COUNTY, spacing: 0.006 })
    const codes = readContract(ParcelCodes, await get(farmland, '/api/parcels/codes'))
    expect(codes.dlbm.some((c) => c.code === '0101')).toBe(true)

    const create = (east: number) => ({
      op: 'create',
      geometry: polygon(rect(at, 60, 40, east)),
      attributes: { dlbm: '0101' },
    })
    const check = readContract(CheckResponse, await post(farmland, '/api/parcels/check', { changes: [create(0)] }))
    expect(check.ok).toBe(true)
    const saved = readContract(
      ChangesResponse,
      await post(farmland, '/api/parcels/changes', { reason: '契约测试', changes: [create(0), create(60)] }),
    )
    const [a, b] = saved.results
    const feature = readContract(ParcelFeature, await get(farmland, `/api/parcels/${a.id}`))
    expect(feature.properties.code).toBe(a.code)
    const [w, s] = offset(at, -10, -10)
    const [e, n] = offset(at, 130, 50)
    const box = readContract(ParcelCollection, await get(farmland, `/api/parcels?bbox=${[w, s, e, n].join(',')}`))
    expect(box.features.map((f) => f.id)).toContain(b.id)

    const line = { type: 'LineString', coordinates: [offset(at, 30, -10), offset(at, 30, 50)] }
    const preview = readContract(
      SplitPreview,
      await post(farmland, '/api/parcels/split/preview', { id: a.id, version: a.version, line }),
    )
    expect(preview.parts).toHaveLength(2)
    const split = readContract(
      SplitResponse,
      await post(farmland, '/api/parcels/split', {
        id: a.id,
        version: a.version,
        line,
        reason: '契约测试分割',
        classMode: 'keep',
        classReason: '契约测试',
      }),
    )
    const parcels = split.children.map((c) => ({ id: c.id, version: c.version }))
    const mergePreview = readContract(MergePreview, await post(farmland, '/api/parcels/merge/preview', { parcels }))
    expect(mergePreview.classes).toHaveLength(2)
    const merged = readContract(
      MergeResponse,
      await post(farmland, '/api/parcels/merge', {
        parcels,
        reason: '契约测试合并',
        classMode: 'keep',
        classReason: '契约测试',
      }),
    )
    expect(merged.parents).toHaveLength(2)

    const stale = await post(
      farmland,
      '/api/parcels/changes',
      { changes: [{ op: 'update', id: b.id, version: b.version + 1, attributes: { bz: '旧版本' } }] },
      409,
    )
    expect(readContract(ParcelConflict, readContract(ErrorBody, stale).error.details).currentVersion).toBe(b.version)

    readContract(
      ChangesResponse,
      await post(farmland, '/api/parcels/changes', {
        reason: '契约测试删除',
        changes: [{ op: 'delete', id: b.id, version: b.version }],
      }),
    )
    const deleted = readContract(DeletedParcelsResponse, await get(farmland, `/api/parcels/deleted?adcode=${COUNTY}`))
    const removal = deleted.items.find((i) => i.id === b.id)
    expect(removal?.action).toBe('delete')
    const history = readContract(ParcelHistoryResponse, await get(farmland, `/api/parcels/${b.id}/history`))
    expect(history.entries.map((h) => h.action)).toEqual(['delete', 'create'])
    const restored = readContract(
      ChangeResult,
      await post(farmland, `/api/parcels/${b.id}/restore`, { historyId: removal!.historyId, reason: '契约测试恢复' }),
    )
    expect(restored.op).toBe('restore')
  })

  it('when a save lists no change, then its request schema refuses it in the words the route answers', async () => {
    const result = SaveParcelsBody.safeParse({ changes: [] })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0].message).toBe('至少需要一项修改')
    const body = await post(farmland, '/api/parcels/changes', { changes: [] }, 400)
    expect(readContract(ErrorBody, body).error.details?.problems[0].message).toBe('至少需要一项修改')
  })
})

describe('classification contracts', () => {
  it('when rule sets, jobs and class lists are read, then each answer matches its contract', async () => {
    const ruleSets = readContract(RuleSetsResponse, await get(farmland, '/api/classification/rule-sets'))
    expect(ruleSets.ruleSets.some((r) => r.isDefault)).toBe(true)
    readContract(JobsResponse, await get(farmland, `/api/classification/jobs?adcode=${COUNTY}`))
    readContract(ClassListsResponse, await get(farmland, `/api/class-lists?adcode=${COUNTY}`))
  })

  it('when an override names no known class, then its request schema refuses it in the words the route answers', () => {
    const result = OverrideBody.safeParse({ class: 'bad', reason: '现场核实' })
    expect(result.error?.issues[0].message).toContain('类别应为')
  })
})

describe('registry contracts', () => {
  it('when a plot is made, changed, measured and moved a step, then every answer matches its contract', async () => {
    readContract(Gb36600Reference, await get(environment, '/api/reference/gb36600'))
    readContract(Gb50137Reference, await get(environment, '/api/reference/gb50137'))
    const at = await freeSpot(db, { adcode: COUNTY })
    let plot = readContract(
      PlotProfile,
      await post(
        environment,
        '/api/plots',
        { name: '契约测试地块', formerIndustry: 'chemical', geometry: polygon(rect(at, 80, 80)) },
        201,
      ),
    )
    const listed = readContract(PlotListResponse, await get(environment, `/api/plots?adcode=${COUNTY}&q=契约测试`))
    expect(listed.items.map((p) => p.id)).toContain(plot.id)
    plot = readContract(
      PlotProfile,
      await send(environment, 'patch', `/api/plots/${plot.id}`, { version: plot.version, address: '契约测试路' }, 200),
    )
    plot = readContract(
      PlotProfile,
      await post(
        environment,
        `/api/plots/${plot.id}/pollutants`,
        { version: plot.version, substance: 'Pb', valueMgKg: 520, sampledOn: '2026-01-10' },
        201,
      ),
    )
    expect(plot.pollutants[0].exceedsScreening).toBe(true)
    plot = readContract(
      PlotProfile,
      await send(
        environment,
        'delete',
        `/api/plots/${plot.id}/pollutants/${plot.pollutants[0].id}?version=${plot.version}`,
        {},
        200,
      ),
    )
    plot = readContract(
      PlotProfile,
      await post(environment, `/api/plots/${plot.id}/transitions`, {
        action: 'start_preliminary',
        version: plot.version,
      }),
    )
    expect(plot.status).toBe('preliminary_investigation')
    const read = readContract(PlotProfile, await get(farmland, `/api/plots/${plot.id}`))
    expect(read.events.map((e) => e.action)).toEqual(['create', 'start_preliminary'])
  })

  it('when a new plot has no name, then its request schema refuses it in the words the route answers', () => {
    const result = CreatePlotBody.safeParse({ formerIndustry: 'chemical', geometry: {} })
    expect(result.error?.issues[0].message).toBe('地块名称必填')
  })
})

describe('registry-list contracts', () => {
  it('when the lists, a preview, the versions and the public feed are read, then each answer matches its contract', async () => {
    const lists = readContract(RegistryListsResponse, await get(environment, '/api/registry-lists'))
    const suspected = lists.items.find((l) => l.list === 'suspected' && l.jurisdiction === COUNTY)
    expect(suspected?.canPublish).toBe(true)
    const base = `/api/registry-lists/suspected/${COUNTY}`
    readContract(ListPreview, await get(environment, `${base}/preview`))
    readContract(ListVersionsResponse, await get(environment, `${base}/versions`))
    const anonymous = await signInAs(app, 'anonymous')
    readContract(ListFeed, await get(anonymous, `/api/public/registry-lists/suspected/${COUNTY}/feed.json`))
  })

  it('when a publish names no version, then its request schema refuses it in the words the route answers', () => {
    const result = PublishBody.safeParse({})
    expect(result.error?.issues[0].message).toContain('expectedVersion')
  })
})

describe('control-zone contracts', () => {
  it('when a zone is made, changed, read and listed, then every answer matches its contract', async () => {
    const at = await freeSpot(db, { adcode: COUNTY })
    const monitoring = { monitorSoil: true, monitorSurfaceWater: false, monitorGroundwater: false, monitorAir: false }
    let zone = readContract(
      ZoneAnswer,
      await post(
        environment,
        '/api/control-zones',
        { name: '契约测试管控区', geometry: polygon(rect(at, 150, 150)), ...monitoring },
        201,
      ),
    )
    zone = readContract(
      ZoneAnswer,
      await send(
        environment,
        'patch',
        `/api/control-zones/${zone.id}`,
        { version: zone.version, announcementNo: '契约测试〔2026〕1号' },
        200,
      ),
    )
    expect(zone.announcement.number).toBe('契约测试〔2026〕1号')
    readContract(ZoneAnswer, await get(farmland, `/api/control-zones/${zone.id}`))
    const zones = readContract(ZonesResponse, await get(farmland, `/api/control-zones?adcode=${COUNTY}`))
    expect(zones.items.map((z) => z.id)).toContain(zone.id)
  })

  it('when a new zone has no name, then its request schema refuses it in the words the route answers', () => {
    const result = CreateZoneBody.safeParse({})
    expect(result.error?.issues.map((i) => i.message)).toContain('管控区域名称必填')
  })
})

describe('enterprise contracts', () => {
  let serial = 0
  /** A credit code no enterprise has yet (18 characters of the allowed alphabet). */
  const creditCode = () => `91430903CB${String(Date.now() * 100 + serial++).slice(-8)}`

  async function createEnterprise(status: 'operating' | 'closed') {
    const at = await freeSpot(db, { adcode: COUNTY })
    return readContract(
      EnterpriseSaved,
      await post(
        environment,
        '/api/enterprises',
        {
          name: `契约测试化工厂 ${serial}`,
          creditCode: creditCode(),
          industry: 'chemical',
          status,
          geometry: polygon(rect(at, 100, 100)),
        },
        201,
      ),
    )
  }

  it('when enterprises are made, closed, read and listed and their proposals decided, then every answer matches its contract', async () => {
    const open = await createEnterprise('operating')
    const closed = readContract(
      EnterpriseSaved,
      await send(environment, 'patch', `/api/enterprises/${open.id}`, { version: open.version, status: 'closed' }, 200),
    )
    expect(closed.createdProposalId).not.toBeNull()
    readContract(EnterpriseDetail, await get(farmland, `/api/enterprises/${open.id}`))
    const list = readContract(EnterprisesResponse, await get(farmland, `/api/enterprises?adcode=${COUNTY}`))
    expect(list.items.map((e) => e.id)).toContain(open.id)
    const pending = readContract(
      ProposalsResponse,
      await get(environment, `/api/plot-proposals?status=pending&adcode=${COUNTY}`),
    )
    expect(pending.items.map((p) => p.id)).toContain(closed.createdProposalId)
    const confirmed = readContract(
      PlotProposal,
      await post(environment, `/api/plot-proposals/${closed.createdProposalId}/confirm`, { name: '契约测试原址地块' }),
    )
    expect(confirmed.plotCode).not.toBeNull()

    const relocated = await createEnterprise('closed')
    const dismissed = readContract(
      PlotProposal,
      await post(environment, `/api/plot-proposals/${relocated.createdProposalId}/dismiss`, { reason: '契约测试' }),
    )
    expect(dismissed.status).toBe('dismissed')
  })

  it('when a new enterprise has a wrong credit code, then its request schema refuses it in the words the route answers', () => {
    const result = CreateEnterpriseBody.safeParse({
      name: '测试',
      creditCode: '123',
      industry: 'chemical',
      status: 'operating',
      geometry: {},
    })
    expect(result.error?.issues[0].message).toContain('统一社会信用代码应为 18 位')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { ListVersionsResponse, PublishedVersion } from '../../contracts/registry-lists.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { readContract } from '../support/contract.ts'
import { signIn, signInAs, type Session } from '../support/session.ts'

let db: Database
let app: ReturnType<typeof createTestApp>
let county: Session
let city: Session
let province: Session
let farmland: Session
let anonymous: Session

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  county = await signInAs(app, 'environment')
  city = await signIn(app, 'shihuanjing')
  province = await signIn(app, 'shenghuanjing')
  farmland = await signInAs(app, 'farmland')
  anonymous = await signInAs(app, 'anonymous')
})
afterAll(() => db.close())

let made = 0
const unique = (prefix: string) =>
  `${prefix}-T${process.pid.toString(36)}${Date.now().toString(36)}${++made}`.toUpperCase()

/** A plot of 赫山区 in `status`; published (with its public copy) unless `reviewStatus` says otherwise. */
async function plot(
  status: string,
  reviewStatus: 'published' | 'draft' = 'published',
  riskLevel: string | null = null,
): Promise<string> {
  const code = unique('MLDK')
  const {
    rows: [p],
  } = await db.query(
    `
    INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, address, contact, geom, review_status)
    SELECT '430903', $1, '名录测试地块 ' || $1, $2, $3, '赫山区测试路 1 号', '内部联系人 13800000000',
           ST_Multi(ST_MakeEnvelope(ST_X(c) - 0.0003, ST_Y(c) - 0.0003, ST_X(c) + 0.0003, ST_Y(c) + 0.0003, 4490)), $4
    FROM (SELECT ST_PointOnSurface(geom) AS c FROM farmland_parcel WHERE adcode = '430903' ORDER BY id OFFSET $5 LIMIT 1) f
    RETURNING id`,
    [code, status, riskLevel, reviewStatus, made % 390],
  )
  if (reviewStatus === 'published') {
    await db.query(
      `INSERT INTO published_plot (adcode, id, version, code, name, status, risk_level, address, geom)
      SELECT adcode, id, 1, code, name, status, risk_level, address, geom FROM contaminated_plot WHERE id = $1`,
      [p.id],
    )
  }
  return code
}

/** Moves a published plot to another state, as publishing its reviewed change would. */
async function republish(code: string, status: string): Promise<void> {
  await db.query(`UPDATE contaminated_plot SET status = $2 WHERE code = $1`, [code, status])
  await db.query(`UPDATE published_plot SET status = $2, version = version + 1 WHERE code = $1`, [code, status])
}

async function lastVersion(list: string, jurisdiction: string): Promise<number> {
  const {
    rows: [r],
  } = await db.query(
    `SELECT coalesce(max(version), 0) AS v FROM registry_list_version WHERE list_code = $1 AND jurisdiction = $2`,
    [list, jurisdiction],
  )
  return Number(r.v)
}

const publish = (s: Session, list: string, jurisdiction: string, body: Record<string, unknown>) =>
  s.agent.post(`/api/registry-lists/${list}/${jurisdiction}/publish`).set('X-CSRF-Token', s.csrfToken).send(body)

/** Publishes the list at its current version (after making sure something changed). */
async function publishNow(s: Session, list: string, jurisdiction: string) {
  const res = await publish(s, list, jurisdiction, { expectedVersion: await lastVersion(list, jurisdiction) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  readContract(PublishedVersion, res.body)
  return res.body
}

const codes = (entries: { code: string }[]) => entries.map((e) => e.code)

describe('GET /api/registry-lists', () => {
  it('when the county officer asks, then the three lists of 赫山区, 益阳市 and 湖南省 come back and only the county list may be published', async () => {
    const res = await county.agent.get('/api/registry-lists')
    expect(res.status).toBe(200)
    const byKey = Object.fromEntries(
      res.body.items.map((i: { list: string; jurisdiction: string }) => [`${i.list}/${i.jurisdiction}`, i]),
    )
    expect(byKey['suspected/430903']).toMatchObject({
      listName: '疑似污染地块名单',
      jurisdictionName: '益阳市赫山区',
      levelName: '县级',
      canPublish: true,
      feedUrl: '/api/public/registry-lists/suspected/430903/feed.json',
    })
    expect(byKey['contaminated/430900']).toMatchObject({
      listName: '污染地块名录',
      jurisdictionName: '益阳市',
      canPublish: false,
    })
    expect(byKey['control/430000']).toMatchObject({
      listName: '建设用地土壤污染风险管控和修复名录',
      jurisdictionName: '湖南省',
      canPublish: false,
    })
    expect(Object.keys(byKey)).toHaveLength(3)
    const provincial = (await province.agent.get('/api/registry-lists')).body.items
    expect(provincial.find((i: { list: string }) => i.list === 'control')).toMatchObject({
      jurisdiction: '430000',
      canPublish: true,
    })
    expect(provincial.some((i: { jurisdiction: string }) => i.jurisdiction === '220322')).toBe(false)
  })
})

describe('preview and publish a list', () => {
  it('when the county officer previews, then published suspected plots are 新增, a draft plot is absent, and nothing is saved', async () => {
    const published = await plot('suspected')
    const draft = await plot('suspected', 'draft')
    const before = await lastVersion('suspected', '430903')
    const res = await county.agent.get('/api/registry-lists/suspected/430903/preview')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      list: 'suspected',
      jurisdictionName: '益阳市赫山区',
      nextVersion: before + 1,
      isChanged: true,
    })
    expect(res.body.unpublishedPlots).toBeGreaterThan(0)
    expect(res.body.unpublishedNote).toContain(`另有 ${res.body.unpublishedPlots} 个地块的当前状态尚未审定发布`)
    expect(codes(res.body.announcement.added)).toContain(published)
    expect(JSON.stringify(res.body)).not.toContain(draft)
    expect(JSON.stringify(res.body)).not.toContain('内部联系人')
    expect(res.body.entries.find((e: { code: string }) => e.code === published)).toEqual({
      code: published,
      name: `名录测试地块 ${published}`,
      adcode: '430903',
      county: '益阳市 赫山区',
      status: 'suspected',
      statusName: '疑似污染地块',
      riskLevel: null,
      riskLevelName: null,
      address: '赫山区测试路 1 号',
      areaMu: expect.any(Number),
      negativeList: [],
    })
    expect(await lastVersion('suspected', '430903')).toBe(before)
  })

  it('when the county officer publishes, then the version holds the announcement, a history row is written and the public feed shows it, never the draft', async () => {
    const published = await plot('suspected')
    const draft = await plot('preliminary_investigation', 'draft')
    const before = await lastVersion('suspected', '430903')
    const res = await publish(county, 'suspected', '430903', { expectedVersion: before })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      version: before + 1,
      publishedBy: 'huanjing',
      announcement: { previousVersion: before },
    })
    expect(codes(res.body.announcement.added)).toContain(published)
    const {
      rows: [h],
    } = await db.query(
      `SELECT h.action, h.actor, h.adcode::text, h.after FROM change_history h JOIN registry_list_version v ON v.id = h.entity_id
      WHERE h.entity = 'registry_list_version' AND v.list_code = 'suspected' AND v.jurisdiction = '430903' AND v.version = $1`,
      [before + 1],
    )
    expect(h).toMatchObject({
      action: 'publish_list',
      actor: 'huanjing',
      adcode: '430903',
      after: { version: before + 1 },
    })
    const feed = await anonymous.agent.get('/api/public/registry-lists/suspected/430903/feed.json')
    expect(feed.status).toBe(200)
    expect(feed.body).toMatchObject({
      latestVersion: before + 1,
      jurisdictionName: '益阳市赫山区',
      listName: '疑似污染地块名单',
    })
    expect(codes(feed.body.versions[0].entries)).toContain(published)
    const text = JSON.stringify(feed.body)
    expect(text).not.toContain(draft)
    expect(text).not.toContain('huanjing')
    expect(text).not.toContain('内部联系人')
  })

  it('when another officer published meanwhile, then 409 says who and when, and nothing more is written', async () => {
    await plot('suspected')
    const seen = await lastVersion('suspected', '430903')
    await publishNow(county, 'suspected', '430903')
    await plot('suspected')
    const res = await publish(county, 'suspected', '430903', { expectedVersion: seen })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toMatch(
      new RegExp(
        `益阳市赫山区的疑似污染地块名单已由 生态环境管理员（示例）（huanjing）于 \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} 发布第 ${seen + 1} 版（您预览的是基于第 ${seen} 版的变化），请刷新预览后再发布`,
      ),
    )
    expect(res.body.error.details).toMatchObject({ currentVersion: seen + 1, publishedBy: 'huanjing' })
    expect(await lastVersion('suspected', '430903')).toBe(seen + 1)
  })

  it('when two officers publish the same version at once, then one version is written and the other is refused', async () => {
    await plot('suspected')
    const seen = await lastVersion('suspected', '430903')
    const other = await signIn(app, 'huanjing')
    const answers = await Promise.all([
      publish(county, 'suspected', '430903', { expectedVersion: seen }),
      publish(other, 'suspected', '430903', { expectedVersion: seen }),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409])
    expect(await lastVersion('suspected', '430903')).toBe(seen + 1)
  })

  it('when nothing changed since the last version, then publishing is refused and the preview says so', async () => {
    await plot('suspected')
    const v = (await publishNow(county, 'suspected', '430903')).version
    expect((await county.agent.get('/api/registry-lists/suspected/430903/preview')).body).toMatchObject({
      isChanged: false,
      nextVersion: v + 1,
    })
    const res = await publish(county, 'suspected', '430903', { expectedVersion: v })
    expect(res.status).toBe(409)
    expect(res.body.error.message).toBe(
      `益阳市赫山区的疑似污染地块名单与第 ${v} 版相比没有新增、移出或信息变化，无需发布新版本`,
    )
    expect(await lastVersion('suspected', '430903')).toBe(v)
  })

  it('when a plot moves to the city registry, then the county list announces it as 移出 and where it went, and the city officer publishes it as 新增 with its risk level and negative list', async () => {
    const moving = await plot('suspected')
    const staying = await plot('suspected')
    await publishNow(county, 'suspected', '430903')
    await republish(moving, 'contaminated')
    await db.query(`UPDATE published_plot SET risk_level = 'high' WHERE code = $1`, [moving])
    const next = await publishNow(county, 'suspected', '430903')
    expect(next.announcement.removed).toEqual([
      expect.objectContaining({
        code: moving,
        movedTo: 'contaminated',
        reason: '地块现为“污染地块”，转入污染地块名录',
      }),
    ])
    expect(codes(next.announcement.kept)).toContain(staying)
    expect(codes(next.announcement.added)).not.toContain(staying)
    const cityVersion = await publishNow(city, 'contaminated', '430900')
    expect(cityVersion.announcement.added.find((e: { code: string }) => e.code === moving)).toMatchObject({
      riskLevel: 'high',
      riskLevelName: '高',
      statusName: '污染地块',
      negativeList: [
        { useCode: 'R', useName: '居住用地' },
        { useCode: 'A', useName: '公共管理与公共服务设施用地' },
      ],
    })
  })

  it('when the provincial officer publishes the provincial list, then listed plots carry the three legal bans of the negative list', async () => {
    const listed = await plot('listed', 'published', 'medium')
    const res = await publishNow(province, 'control', '430000')
    expect(res.jurisdictionName).toBe('湖南省')
    const entry = res.entries.find((e: { code: string }) => e.code === listed)
    expect(entry.negativeList.map((n: { useCode: string }) => n.useCode)).toEqual(['R', 'A', '*'])
    expect(entry.negativeList[2]).toEqual({
      useCode: '*',
      useName: '与风险管控、修复无关的建设项目',
      basis: '《中华人民共和国土壤污染防治法》第六十六条',
    })
  })
})

describe('who may publish and what is asked for', () => {
  it('when the county officer publishes the city registry, then 403 names the keeper; a farmland officer is refused by role', async () => {
    await plot('contaminated')
    const before = await lastVersion('contaminated', '430900')
    const res = await publish(county, 'contaminated', '430900', { expectedVersion: before })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('OUT_OF_SCOPE')
    expect(res.body.error.message).toContain('益阳市的污染地块名录由设区的市级生态环境主管部门发布')
    const role = await publish(farmland, 'suspected', '430903', {
      expectedVersion: await lastVersion('suspected', '430903'),
    })
    expect(role.status).toBe(403)
    expect(role.body.error.code).toBe('FORBIDDEN')
    expect(await lastVersion('contaminated', '430900')).toBe(before)
  })

  it('when the list and jurisdiction do not fit, then 400 or 404 say why', async () => {
    const level = await county.agent.get('/api/registry-lists/suspected/430900/preview')
    expect(level.status).toBe(400)
    expect(level.body.error.message).toBe(
      '疑似污染地块名单由县级生态环境主管部门发布，辖区应为区县代码（如 430903），收到的是“430900”',
    )
    expect((await county.agent.get('/api/registry-lists/negative/430903/preview')).status).toBe(400)
    const none = await county.agent.get('/api/registry-lists/control/990000/preview')
    expect(none.status).toBe(404)
    expect(none.body.error.message).toContain('990000')
    const noVersion = await publish(county, 'suspected', '430903', {})
    expect(noVersion.status).toBe(400)
    expect(noVersion.body.error.message).toContain('expectedVersion')
  })

  it('when a county officer reads the list of another county, then 403 names the list', async () => {
    const res = await county.agent.get('/api/registry-lists/suspected/220322/preview')
    expect(res.status).toBe(403)
    expect(res.body.error.message).toBe('无权查看四平市梨树县的疑似污染地块名单；您的管辖范围：赫山区')
    expect((await county.agent.get('/api/registry-lists/suspected/220322/versions')).status).toBe(403)
  })
})

describe('versions, CSV and feed', () => {
  it('when a version is listed, read and downloaded, then the CSV has a BOM, Chinese headers and one line per 新增/保留/移出 plot', async () => {
    const added = await plot('suspected')
    const v = (await publishNow(county, 'suspected', '430903')).version
    const versions = await farmland.agent.get('/api/registry-lists/suspected/430903/versions')
    expect(versions.status).toBe(200)
    readContract(ListVersionsResponse, versions.body)
    expect(versions.body.items[0]).toMatchObject({
      version: v,
      publishedBy: 'huanjing',
      publishedByName: '生态环境管理员（示例）',
      csvUrl: `/api/registry-lists/suspected/430903/versions/${v}/announcement.csv`,
    })
    expect(versions.body.items[0].counts.added).toBeGreaterThan(0)
    const one = await farmland.agent.get(`/api/registry-lists/suspected/430903/versions/${v}`)
    readContract(PublishedVersion, one.body)
    expect(codes(one.body.announcement.added)).toContain(added)
    const csv = await farmland.agent
      .get(`/api/registry-lists/suspected/430903/versions/${v}/announcement.csv`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => cb(null, Buffer.concat(chunks)))
      })
    expect(csv.status).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('益阳市赫山区疑似污染地块名单')}`,
    )
    const body = csv.body as Buffer
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = body.toString('utf8').slice(1).split('\r\n')
    expect(lines[0]).toMatch(
      new RegExp(
        `^益阳市赫山区疑似污染地块名单（第 ${v} 版，\\d{4}-\\d{2}-\\d{2} 发布；与第 ${v - 1} 版相比新增 \\d+ 个、保留 \\d+ 个、移出 \\d+ 个）$`,
      ),
    )
    expect(lines[1]).toBe('类别,地块编号,地块名称,所在区县,地块状态,风险等级,地址,面积（亩）,负面清单（禁止用途）,说明')
    expect(lines.find((l) => l.includes(added))).toMatch(
      new RegExp(`^新增,${added},名录测试地块 ${added},益阳市 赫山区,疑似污染地块,,赫山区测试路 1 号,[\\d.]+,,$`),
    )
    expect((await farmland.agent.get(`/api/registry-lists/suspected/430903/versions/${v + 100}`)).status).toBe(404)
  })

  it('when anyone reads the feed of a list never published, then it is empty; an unknown place is 404', async () => {
    const feed = await request(app).get('/api/public/registry-lists/control/220000/feed.json')
    expect(feed.status).toBe(200)
    expect(feed.body).toMatchObject({ jurisdictionName: '吉林省', latestVersion: 0, versions: [] })
    expect((await request(app).get('/api/public/registry-lists/control/990000/feed.json')).status).toBe(404)
  })
})

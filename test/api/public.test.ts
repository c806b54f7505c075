import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import request from 'supertest'
import type { Database } from '../../server/src/db/database.ts'
import { loadConfig } from '../../server/src/config.ts'
import { publishControlZones, publishPlots } from '../../server/src/repos/review.repo.ts'
import { TILE_LAYERS } from '../../server/src/tiles/layers.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { signIn } from '../support/session.ts'
import { decodeTile, tileAt } from '../support/tiles.ts'

/** A string that must never leave through the public side; every internal value planted below carries it. */
const MARKER = `LEAKMARK${Date.now().toString(36)}`
const PUBLIC_LAYERS = TILE_LAYERS.filter((l) => l.access === 'public')

let db: Database
let app: ReturnType<typeof createTestApp>
/** A plot and a control zone this file publishes, then edits internally without publishing again. */
let published: { id: number; code: string; name: string; lon: number; lat: number }
let zone: {
  id: number
  code: string
  name: string
  lon: number
  lat: number
  announcementNo: string
  announcementText: string
}
let unpublishedPlotId: number
let unpublishedZoneId: number

const binary = (res: any, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = []
  res.on('data', (c: Buffer) => chunks.push(c))
  res.on('end', () => cb(null, Buffer.concat(chunks)))
}

/** A square of `half` degrees around a point, as WKT. */
const square = (lon: number, lat: number, half: number) =>
  `MULTIPOLYGON(((${lon - half} ${lat - half},${lon + half} ${lat - half},${lon + half} ${lat + half},${lon - half} ${lat + half},${lon - half} ${lat - half})))`

function expectNoMarker(text: string, where: string) {
  expect(text.includes(MARKER), `${where} 含有未公开内容`).toBe(false)
}

async function publicTile(layer: string, lon: number, lat: number, z: number) {
  const { x, y } = tileAt(lon, lat, z)
  const res = await request(app).get(`/tiles/${layer}/${z}/${x}/${y}.pbf`).buffer(true).parse(binary)
  expect([200, 204], `${layer} z${z}`).toContain(res.status)
  return res.status === 204 ? {} : decodeTile(res.body)
}

/** A plot of 原行业类别 其他 with the officer's words `note` (public once published, never before). */
async function insertPlot(code: string, name: string, review: string, wkt: string, note = '木材加工'): Promise<number> {
  return (
    await db.query(
      `
    INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, former_industry_note, land_user, address, contact, geom, review_status)
    VALUES ('430903', $1, $2, 'listed', 'high', 'other', $7, $3, '赫山区测试路 1 号', $4, ST_GeomFromText($5, 4490), $6) RETURNING id`,
      [code, name, `${MARKER}-使用权人`, `${MARKER}-电话`, wkt, review, note],
    )
  ).rows[0].id
}

async function insertZone(
  code: string,
  name: string,
  review: string,
  wkt: string,
  announcementNo: string,
  text: string,
): Promise<number> {
  return (
    await db.query(
      `
    INSERT INTO control_zone (adcode, code, name, review_status, announcement_no, announcement_date, announcement_text, monitor_groundwater, geom)
    VALUES ('430903', $1, $2, $3, $4, '2026-03-01', $5, true, ST_GeomFromText($6, 4490)) RETURNING id`,
      [code, name, review, announcementNo, text, wkt],
    )
  ).rows[0].id
}

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  const suffix = Date.now().toString().slice(-6)
  const {
    rows: [at],
  } = await db.query(
    `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM township WHERE code = '430903001') s`,
  )
  const plotCode = `430903-GK${suffix}`
  published = { id: 0, code: `430903-GKT${suffix}`, name: `公开测试地块${suffix}号`, lon: at.lon, lat: at.lat }
  published.id = await insertPlot(published.code, published.name, 'published', square(at.lon, at.lat, 0.001))
  await db.query(
    `INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis) VALUES ('430903', $1, 'R', '《中华人民共和国土壤污染防治法》第六十一条')`,
    [published.id],
  )
  unpublishedPlotId = await insertPlot(
    `${plotCode}-${MARKER}`,
    `${MARKER} 未发布地块`,
    'draft',
    square(at.lon + 0.003, at.lat, 0.0008),
    `${MARKER}-其他行业说明`,
  )
  await db.query(`INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis) VALUES ('430903', $1, 'A', $2)`, [
    unpublishedPlotId,
    `${MARKER}-依据`,
  ])
  zone = {
    id: 0,
    code: `430903-GKZ${suffix}`,
    name: `公开测试管控区域${suffix}`,
    lon: at.lon,
    lat: at.lat + 0.004,
    announcementNo: `赫环公告〔2026〕${suffix}号`,
    announcementText: '本区域内暂不开发利用，禁止开展与风险管控无关的建设活动。',
  }
  zone.id = await insertZone(
    zone.code,
    zone.name,
    'published',
    square(zone.lon, zone.lat, 0.002),
    zone.announcementNo,
    zone.announcementText,
  )
  unpublishedZoneId = await insertZone(
    `430903-GKU${suffix}-${MARKER}`,
    `${MARKER} 未发布管控区域`,
    'submitted',
    square(zone.lon + 0.005, zone.lat, 0.0015),
    `${MARKER}-文号`,
    `${MARKER}-公告`,
  )
  for (const zoneId of [zone.id, unpublishedZoneId]) {
    await db.query(
      `INSERT INTO control_zone_plot (adcode, zone_id, plot_id) VALUES ('430903', $1, $2), ('430903', $1, $3)`,
      [zoneId, published.id, unpublishedPlotId],
    )
  }
  await db.query(
    `INSERT INTO control_zone_sign (adcode, zone_id, label, geom) VALUES ('430903', $1, '北侧入口标识牌', ST_SetSRID(ST_MakePoint($2, $3), 4490))`,
    [zone.id, zone.lon, zone.lat + 0.002],
  )
  await db.query(
    `INSERT INTO control_zone_sign (adcode, zone_id, label, geom) VALUES ('430903', $1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4490))`,
    [unpublishedZoneId, `${MARKER}-标识牌`, zone.lon + 0.005, zone.lat],
  )
  await db.transaction(async (tx) => {
    await publishPlots(tx, '430903', [published.id])
    await publishControlZones(tx, '430903', [zone.id])
  })
  // internal values and edits made after publishing: none of them may reach the public side
  await db.query(
    `UPDATE contaminated_plot SET name = $2, contact = $3, land_user = $4, review_reason = $5, former_industry_note = $6
     WHERE adcode = '430903' AND id = $1`,
    [
      published.id,
      `${MARKER} 改名未发布`,
      `${MARKER}-联系人 13800000000`,
      `${MARKER}-土地使用权人`,
      `${MARKER}-审核意见`,
      `${MARKER}-改过的行业说明`,
    ],
  )
  await db.query(
    `UPDATE control_zone SET announcement_text = $2, review_reason = $3 WHERE adcode = '430903' AND id = $1`,
    [zone.id, `${MARKER}-修改中的公告`, `${MARKER}-审核意见`],
  )
  await db.query(
    `INSERT INTO public_report (adcode, description, contact, geom, client_hash)
    VALUES ('430903', $1, $2, ST_SetSRID(ST_MakePoint($3, $4), 4490), 'test')`,
    [`${MARKER} 举报内容：河边有黑色污水`, `${MARKER}-举报人电话`, published.lon, published.lat],
  )
})

afterAll(async () => {
  await db.query(`DELETE FROM public_report WHERE description LIKE $1`, [`${MARKER}%`])
  await db.query(`DELETE FROM control_zone WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [
    [zone.id, unpublishedZoneId],
  ])
  await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [
    [published.id, unpublishedPlotId],
  ])
  await db.close()
})

describe('GET /api/public/counties', () => {
  it('when anyone asks, then every county comes with its extent and monitoring coverage as counts only', async () => {
    const res = await request(app).get('/api/public/counties')
    expect(res.status).toBe(200)
    expectNoMarker(res.text, '区县覆盖')
    expect(res.body.counties.map((c: any) => c.name)).toEqual(expect.arrayContaining(['赫山区', '梨树县']))
    const heshan = res.body.counties.find((c: any) => c.adcode === '430903')
    const {
      rows: [expected],
    } = await db.query(`SELECT count(*)::int AS points, count(*) FILTER (WHERE level = 'national')::int AS national
      FROM monitoring_point WHERE adcode = '430903' AND status = 'active'`)
    expect(heshan).toMatchObject({ name: '赫山区', city: '益阳市', province: '湖南省' })
    expect(heshan.coverage.points).toBe(expected.points)
    expect(heshan.coverage.isCovered).toBe(expected.national > 0)
    expect(heshan.coverage.verdictName).toBe(expected.national > 0 ? '已覆盖' : '未覆盖')
    expect(heshan.coverage.byLevel.map((l: any) => l.levelName)).toEqual(['国控', '省控', '市控', '县控'])
    expect(heshan.coverage.byLevel.find((l: any) => l.level === 'national').points).toBe(expected.national)
    expect(heshan.coverage.byLevel.reduce((sum: number, l: any) => sum + l.points, 0)).toBe(expected.points)
    expect(heshan.coverage.farmlandMuPerPoint).toBeCloseTo(heshan.coverage.farmlandMu / expected.points, -1)
    expect(res.body.bbox[0]).toBeLessThan(heshan.bbox[0] + 1e-9)
    expect(res.body.rule).not.toContain('土壤类型')
  })

  it('when the counties are asked, then no monitoring point name, code or coordinate is in the answer', async () => {
    const res = await request(app).get('/api/public/counties')
    const { rows } = await db.query(
      `SELECT code, name, ST_X(geom)::text AS lon FROM monitoring_point ORDER BY id LIMIT 5`,
    )
    for (const p of rows) {
      expect(res.text).not.toContain(p.code)
      expect(res.text).not.toContain(p.name)
      expect(res.text).not.toContain(p.lon.slice(0, 9))
    }
    expect(Object.keys(res.body.counties[0].coverage).sort()).toEqual([
      'byLevel',
      'farmlandMu',
      'farmlandMuPerPoint',
      'isCovered',
      'points',
      'reasons',
      'verdictName',
    ])
  })
})

describe('GET /api/public/control-zones', () => {
  it('when anyone asks, then the published zones come with their announcements and no unpublished zone, edit or note', async () => {
    const res = await request(app).get('/api/public/control-zones')
    expect(res.status).toBe(200)
    expectNoMarker(res.text, '管控区域列表')
    const found = res.body.zones.find((z: any) => z.code === zone.code)
    const {
      rows: [pz],
    } = await db.query(`SELECT area_m2 FROM published_control_zone WHERE id = $1`, [zone.id])
    expect(found).toMatchObject({
      id: zone.id,
      name: zone.name,
      adcode: '430903',
      county: '益阳市 赫山区',
      announcement: { number: zone.announcementNo, date: '2026-03-01', text: zone.announcementText },
      monitoring: ['土壤', '地下水'],
      plotCodes: [published.code],
      signs: [expect.objectContaining({ label: '北侧入口标识牌' })],
    })
    expect(found.areaM2).toBe(Math.round(pz.area_m2))
    expect(found.areaMu).toBeCloseTo(pz.area_m2 * 0.0015, 1)
    expect(Object.keys(found).sort()).toEqual([
      'adcode',
      'announcement',
      'areaM2',
      'areaMu',
      'bbox',
      'code',
      'county',
      'id',
      'isSample',
      'monitoring',
      'name',
      'plotCodes',
      'publishedAt',
      'signs',
    ])
    expect(res.body.zones.some((z: any) => z.id === unpublishedZoneId)).toBe(false)
  })

  it("when a county code is given, then only that county's zones come back; a malformed code is 400", async () => {
    const other = await request(app).get('/api/public/control-zones').query({ adcode: '220322' })
    expect(other.status).toBe(200)
    expect(other.body.zones.every((z: any) => z.adcode === '220322')).toBe(true)
    const own = await request(app).get('/api/public/control-zones').query({ adcode: '430903' })
    expect(own.body.zones.map((z: any) => z.id)).toContain(zone.id)
    const bad = await request(app).get('/api/public/control-zones').query({ adcode: '43x' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('区县代码应为 6 位数字')
  })
})

describe('GET /api/public/plots', () => {
  it('when anyone asks, then the published registry comes with public fields only and no unpublished plot or edit', async () => {
    const res = await request(app).get('/api/public/plots').query({ adcode: '430903' })
    expect(res.status).toBe(200)
    expectNoMarker(res.text, '污染地块列表')
    const found = res.body.plots.find((p: any) => p.code === published.code)
    expect(found).toMatchObject({
      id: published.id,
      name: published.name,
      county: '益阳市 赫山区',
      address: '赫山区测试路 1 号',
      formerIndustry: '其他（木材加工）',
      statusName: '列入风险管控和修复名录',
      riskLevelName: '高',
      isSample: false,
    })
    expect(Object.keys(found).sort()).toEqual([
      'adcode',
      'address',
      'areaM2',
      'areaMu',
      'bbox',
      'code',
      'county',
      'formerIndustry',
      'id',
      'isSample',
      'list',
      'listName',
      'name',
      'negativeUses',
      'publishedAt',
      'riskLevel',
      'riskLevelName',
      'status',
      'statusName',
    ])
    expect(res.body.plots.some((p: any) => p.id === unpublishedPlotId)).toBe(false)
    const {
      rows: [{ count }],
    } = await db.query(`SELECT count(*)::int AS count FROM published_plot WHERE adcode = '430903'`)
    expect(res.body.plots).toHaveLength(count)
  })

  it('when a plot of 其他 is published, then its note is public with it, and a note typed later only once published again', async () => {
    const tag = Date.now().toString(36)
    const [first, later] = [`橡胶制品${tag}`, `皮革鞣制${tag}`]
    const id = await insertPlot(
      `430903-GKN${tag}`,
      `其他行业测试地块${tag}`,
      'approved',
      square(published.lon + 0.008, published.lat, 0.0005),
      first,
    )
    const industryOf = async () => {
      const list = await request(app).get('/api/public/plots').query({ adcode: '430903' })
      const item = await request(app).get(`/ogc/collections/plots/items/${id}`)
      const inList = list.body.plots.find((p: any) => p.id === id)
      return {
        list: inList?.formerIndustry ?? null,
        ogc: item.status === 200 ? item.body.properties.formerIndustry : null,
        text: list.text + item.text,
      }
    }
    const publish = () => db.transaction((tx) => publishPlots(tx, '430903', [id]))
    try {
      const before = await industryOf()
      expect(before).toMatchObject({ list: null, ogc: null })
      expect(before.text).not.toContain(first)
      await publish()
      expect(await industryOf()).toMatchObject({ list: `其他（${first}）`, ogc: `其他（${first}）` })
      await db.query(`UPDATE contaminated_plot SET former_industry_note = $2 WHERE adcode = '430903' AND id = $1`, [
        id,
        later,
      ])
      const edited = await industryOf()
      expect(edited).toMatchObject({ list: `其他（${first}）`, ogc: `其他（${first}）` })
      expect(edited.text).not.toContain(later)
      await publish()
      expect(await industryOf()).toMatchObject({ list: `其他（${later}）`, ogc: `其他（${later}）` })
    } finally {
      await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = $1`, [id])
    }
  })

  it('when a plot is on the risk-control list, then its list is named and its negative list carries the legal basis', async () => {
    const res = await request(app).get('/api/public/plots')
    const found = res.body.plots.find((p: any) => p.id === published.id)
    expect(found.list).toBe('control')
    expect(found.listName).toBe('建设用地土壤污染风险管控和修复名录')
    expect(found.negativeUses).toEqual([
      { useCode: 'R', useName: '居住用地', basis: '《中华人民共和国土壤污染防治法》第六十一条' },
    ])
    for (const p of res.body.plots)
      expect(['疑似污染地块名单', '污染地块名录', '建设用地土壤污染风险管控和修复名录', '已移出名录']).toContain(
        p.listName,
      )
  })

  it('when the sample plots that are not published are looked for, then they are absent', async () => {
    const { rows } = await db.query(
      `SELECT code FROM contaminated_plot WHERE review_status <> 'published' AND code NOT LIKE '%' || $1 ORDER BY code`,
      [MARKER],
    )
    expect(rows.length).toBeGreaterThan(0)
    const res = await request(app).get('/api/public/plots')
    for (const { code } of rows) expect(res.text).not.toContain(`"${code}"`)
  })
})

describe('GET /api/public/search', () => {
  it('when a published plot is searched by part of its name or code, then it is found', async () => {
    const byName = await request(app)
      .get('/api/public/search')
      .query({ q: published.name.slice(0, 6) })
    expect(byName.status).toBe(200)
    expect(byName.body.results).toContainEqual(
      expect.objectContaining({ kind: 'plot', kindName: '污染地块', id: published.id }),
    )
    const byCode = await request(app)
      .get('/api/public/search')
      .query({ q: published.code.slice(-6) })
    expect(byCode.body.results).toContainEqual(expect.objectContaining({ kind: 'plot', code: published.code }))
  })

  it('when a county, township or published zone is searched, then it is found with its extent', async () => {
    const county = await request(app).get('/api/public/search').query({ q: '赫山' })
    expect(county.body.results[0]).toMatchObject({ kind: 'county', code: '430903', name: '赫山区' })
    const township = await request(app).get('/api/public/search').query({ q: '430903001' })
    expect(township.body.results).toContainEqual(expect.objectContaining({ kind: 'township', code: '430903001' }))
    const zoneHit = await request(app).get('/api/public/search').query({ q: zone.code })
    expect(zoneHit.body.results).toContainEqual(
      expect.objectContaining({ kind: 'control-zone', kindName: '管控区域', id: zone.id }),
    )
  })

  it('when an unpublished plot or zone is searched, then nothing comes back', async () => {
    const res = await request(app).get('/api/public/search').query({ q: MARKER })
    expect(res.status).toBe(200)
    expect(res.body.results).toEqual([])
    expectNoMarker(res.text, '检索结果')
  })

  it('when LIKE wildcards or bad input are searched, then they match literally or answer 400', async () => {
    expect((await request(app).get('/api/public/search').query({ q: '%%' })).body.results).toEqual([])
    expect((await request(app).get('/api/public/search').query({ q: '__' })).body.results).toEqual([])
    const empty = await request(app).get('/api/public/search').query({ q: ' ' })
    expect(empty.status).toBe(400)
    expect(empty.body.error.message).toContain('请输入检索内容')
  })
})

describe('GET /public/style.json', () => {
  it('when anyone asks, then the style uses the public tile layers only, with the hatch pattern and a Chinese legend', async () => {
    const res = await request(app).get('/public/style.json')
    expect(res.status).toBe(200)
    expectNoMarker(res.text, '公开样式')
    const style = res.body
    expect(Object.keys(style.sources).sort()).toEqual(PUBLIC_LAYERS.map((l) => l.name).sort())
    for (const layer of style.layers.filter((l: any) => l.type !== 'background')) {
      expect(style.sources[layer.source], layer.id).toBeDefined()
      expect(layer['source-layer']).toBe(layer.source)
    }
    expect(style.layers.find((l: any) => l.id === 'public-control-zone-fill').paint['fill-pattern']).toBe(
      'hatch-control-zone',
    )
    const groups = style.metadata['soil:groups']
    expect(groups.map((g: any) => g.name)).toEqual([
      '区县（土壤监测覆盖）',
      '乡镇（街道）',
      '饮用水水源保护区（已公布）',
      '污染地块（已公开）',
      '管控区域（已公告）',
      '特定农产品禁止生产区域（已公告）',
    ])
    expect(groups.find((g: any) => g.id === 'public-plot').legend.map((i: any) => i.label)).toEqual([
      '疑似污染地块名单',
      '污染地块名录',
      '建设用地土壤污染风险管控和修复名录',
      '已移出名录',
    ])
    for (const g of groups)
      expect(
        style.layers.some((l: any) => l.metadata?.['soil:group'] === g.id),
        g.id,
      ).toBe(true)
  })

  it('when the internal style is asked, then it still names no public source', async () => {
    const res = await request(app).get('/style.json')
    expect(Object.keys(res.body.sources).some((s) => s.startsWith('public-'))).toBe(false)
  })
})

describe('public tiles', () => {
  it('when each public layer is fetched around planted records, then no tile attribute carries an unpublished value', async () => {
    const points = [
      [published.lon, published.lat],
      [published.lon + 0.003, published.lat],
      [zone.lon, zone.lat],
      [zone.lon + 0.005, zone.lat],
    ]
    for (const layer of PUBLIC_LAYERS) {
      const zooms = [Math.max(layer.minzoom, 8), Math.max(layer.minzoom, 10), Math.min(layer.maxzoom, 14)]
      for (const [lon, lat] of points) {
        for (const z of zooms) {
          const decoded = await publicTile(layer.name, lon, lat, z)
          expectNoMarker(JSON.stringify(decoded), `${layer.name} z${z}`)
        }
      }
    }
  })

  it('when the published plot and zone tiles are fetched, then the published records are in them and the unpublished are not', async () => {
    const plotTile = (await publicTile('public-plot', published.lon, published.lat, 14))['public-plot'] ?? []
    expect(plotTile.find((f) => f.id === published.id)?.properties).toEqual({
      code: published.code,
      name: published.name,
      status: 'listed',
    })
    expect(plotTile.some((f) => f.id === unpublishedPlotId)).toBe(false)
    const pointTile =
      (await publicTile('public-plot-point', published.lon, published.lat, 10))['public-plot-point'] ?? []
    expect(pointTile.map((f) => f.id)).toContain(published.id)
    const zoneTile = (await publicTile('public-control-zone', zone.lon, zone.lat, 13))['public-control-zone'] ?? []
    expect(zoneTile.map((f) => f.id)).toContain(zone.id)
    expect(zoneTile.some((f) => f.id === unpublishedZoneId)).toBe(false)
  })

  it('when an internal layer is asked without a session, then 401', async () => {
    const { x, y } = tileAt(published.lon, published.lat, 14)
    expect((await request(app).get(`/tiles/contaminated-plot/14/${x}/${y}.pbf`)).status).toBe(401)
  })
})

describe('POST /api/public/reports answer', () => {
  it('when a report with a contact is sent, then the answer neither echoes the contact nor carries any planted value', async () => {
    const reporting = createTestApp(db, { reports: { ...loadConfig().reports, perWindow: 100 } })
    const { agent, csrfToken } = await signIn(reporting, null)
    const contact = `${MARKER}-举报人-13900000000`
    const res = await agent
      .post('/api/public/reports')
      .set('X-CSRF-Token', csrfToken)
      .field('lon', String(published.lon))
      .field('lat', String(published.lat))
      .field('description', `${MARKER} 地块旁边有刺鼻气味，已持续一周`)
      .field('contact', contact)
    expect(res.status).toBe(201)
    expect(res.body.message).toContain('已收到您的举报')
    expectNoMarker(res.text, '举报回执')
    expect(Object.keys(res.body).sort()).toEqual(['id', 'message', 'trackingCode'])
    for (const path of [
      '/api/public/counties',
      '/api/public/plots',
      '/api/public/control-zones',
      `/api/public/search?q=${MARKER}`,
    ]) {
      expectNoMarker((await request(app).get(path)).text, path)
    }
  })
})

/** The point statuses: 在用, 规划 (accepted from the gap analysis, not yet sampled), 已撤销. */
const POINT_STATUSES = ['active', 'planned', 'retired'] as const
/**
 * The columns of monitoring_point that hold free text typed by staff (each gets the marker below); the other
 * text columns hold a code from a fixed list (level, type, status) or are too short for a word (land use, 5).
 */
const POINT_TEXT_COLUMNS = ['code', 'name', 'soil_type', 'created_by', 'planned_basis']
const POINT_CODED_COLUMNS = ['level', 'point_type', 'status', 'land_use', 'township_code', 'adcode']

/** Every GET route of the app under /api/public or /public (read from the app itself, so a new one is covered). */
function publicGetRoutes(): string[] {
  const out: string[] = []
  const walk = (stack: any[]) => {
    for (const layer of stack) {
      if (layer.route?.methods?.get && /^\/(api\/)?public\//.test(String(layer.route.path)))
        out.push(String(layer.route.path))
      else if (layer.handle?.stack) walk(layer.handle.stack)
    }
  }
  walk((app as any).router.stack)
  return out
}

/** `count` points of 赫山区 at (lon, lat) + a step, with the given status and soil type; their ids. */
async function insertPoints(
  status: string,
  count: number,
  soilType: string,
  text: (field: string, i: number) => string,
  lon: number,
  lat: number,
): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    ids.push(
      (
        await db.query(
          `
      INSERT INTO monitoring_point (adcode, code, name, level, point_type, township_code, land_use, soil_type, geom, status, planned_basis, created_by)
      VALUES ('430903', $1, $2, 'national', 'basic', '430903001', '0101', $3, ST_SetSRID(ST_MakePoint($4, $5), 4490), $6, $7::jsonb, $8)
      RETURNING id`,
          [
            text('code', i),
            text('name', i),
            soilType,
            lon + i * 0.0002,
            lat,
            status,
            JSON.stringify({ note: text('planned_basis', i) }),
            text('created_by', i),
          ],
        )
      ).rows[0].id,
    )
  }
  return ids
}

/** How many points each status needs for its soil type to be a main one (≥ 10 % of the recorded points). */
async function mainShareCount(statuses: number): Promise<number> {
  const {
    rows: [{ n }],
  } = await db.query(
    `SELECT count(*)::int AS n FROM monitoring_point WHERE adcode = '430903' AND coalesce(btrim(soil_type), '') <> ''`,
  )
  return Math.ceil(n / (10 - statuses)) + 1
}

describe('monitoring points of every status on the public side', () => {
  let at: { lon: number; lat: number }
  const pointIds: number[] = []

  beforeAll(async () => {
    at = { lon: published.lon + 0.006, lat: published.lat - 0.004 }
    const count = await mainShareCount(POINT_STATUSES.length)
    for (const status of POINT_STATUSES) {
      const text = (field: string, i: number) => `${MARKER}-${field}-${status}-${i}`
      pointIds.push(
        ...(await insertPoints(
          status,
          count,
          `${MARKER}-土壤类型-${status}`,
          text,
          at.lon,
          at.lat + pointIds.length * 0.0001,
        )),
      )
    }
    for (const id of pointIds) {
      await db.query(
        `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, crop, values_mg_kg, entered_by)
        VALUES ('430903', $1, '2026-05-01', 'crop', $2, '{"cd": 0.1}', $3)`,
        [id, `${MARKER}-作物`, `${MARKER}-录入人`],
      )
    }
  })

  afterAll(async () => {
    await db.query(`DELETE FROM monitoring_point WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [pointIds])
  })

  it('when the point table is read, then every free-text column is among the planted ones', async () => {
    const { rows } = await db.query(`SELECT column_name FROM information_schema.columns
      WHERE table_name = 'monitoring_point' AND data_type IN ('text', 'character varying', 'character', 'jsonb')`)
    const unplanted = rows
      .map((r) => r.column_name)
      .filter((c) => ![...POINT_TEXT_COLUMNS, ...POINT_CODED_COLUMNS].includes(c))
    expect(unplanted, '监测点位表新增了文字字段，请在本测试中为其埋入标记').toEqual([])
  })

  it('when points in use, planned and retired carry a marker in every field, then no public answer, TileJSON or tile carries it', async () => {
    const routes = publicGetRoutes()
    expect(routes).toEqual(
      expect.arrayContaining([
        '/api/public/counties',
        '/api/public/control-zones',
        '/api/public/plots',
        '/api/public/search',
        '/public/style.json',
      ]),
    )
    for (const route of routes.filter((r) => !r.includes(':'))) {
      for (const query of [{}, { adcode: '430903' }, { q: MARKER }, { q: '监测' }, { q: '430903' }]) {
        const res = await request(app).get(route).query(query)
        expect([200, 400], `${route} ${JSON.stringify(query)}`).toContain(res.status)
        expectNoMarker(res.text, `${route} ${JSON.stringify(query)}`)
      }
    }
    for (const layer of PUBLIC_LAYERS) {
      const tileJson = await request(app).get(`/tiles/${layer.name}.json`)
      expectNoMarker(tileJson.text, `${layer.name} TileJSON`)
      for (const z of [layer.minzoom, 8, 10, 12, 14, 16].filter((zz) => zz >= layer.minzoom && zz <= layer.maxzoom)) {
        expectNoMarker(JSON.stringify(await publicTile(layer.name, at.lon, at.lat, z)), `${layer.name} z${z}`)
      }
    }
  })
})

describe('the public coverage verdict and points not in use', () => {
  it('when planned and retired points with a new soil type are added, then the public verdict and reasons stay as they were', async () => {
    const before = (await request(app).get('/api/public/counties')).body.counties.find(
      (c: any) => c.adcode === '430903',
    ).coverage
    const count = await mainShareCount(2)
    const soilType = `新增土类${Date.now().toString(36)}`
    const text = (field: string, i: number) => `未用点位-${field}-${Date.now().toString(36)}-${i}`
    const ids = [
      ...(await insertPoints(
        'planned',
        count,
        soilType,
        (f, i) => `${text(f, i)}-规划`,
        published.lon - 0.006,
        published.lat,
      )),
      ...(await insertPoints(
        'retired',
        count,
        soilType,
        (f, i) => `${text(f, i)}-撤销`,
        published.lon - 0.006,
        published.lat + 0.001,
      )),
    ]
    try {
      const after = (await request(app).get('/api/public/counties')).body.counties.find(
        (c: any) => c.adcode === '430903',
      ).coverage
      expect(after).toEqual(before)
      expect(JSON.stringify(after)).not.toContain(soilType)
    } finally {
      await db.query(`DELETE FROM monitoring_point WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [ids])
    }
  })
})

describe('a published control zone and the plots it protects', () => {
  const suffix = `${Date.now().toString().slice(-6)}`
  let plot: { id: number; code: string }
  let laterPlot: { id: number; code: string }
  let zoneId: number
  let approver: Awaited<ReturnType<typeof signIn>>
  let owner: Awaited<ReturnType<typeof signIn>>

  const publicZone = async () => {
    const res = await request(app).get('/api/public/control-zones').query({ adcode: '430903' })
    expect(res.status).toBe(200)
    return res.body.zones.find((z: any) => z.id === zoneId)
  }
  const act = async (
    session: Awaited<ReturnType<typeof signIn>>,
    kind: string,
    id: number,
    action: string,
    reason?: string,
  ) => {
    const res = await session.agent
      .post(`/api/reviews/${kind}/${id}/${action}`)
      .set('X-CSRF-Token', session.csrfToken)
      .send(reason ? { reason } : {})
    expect(res.status, `${kind} ${action}: ${JSON.stringify(res.body)}`).toBe(200)
  }

  beforeAll(async () => {
    approver = await signIn(app, 'shending')
    owner = await signIn(app, 'huanjing')
    const lon = published.lon - 0.004
    const lat = published.lat - 0.006
    plot = { id: 0, code: `430903-BH${suffix}` }
    plot.id = await insertPlot(plot.code, `保护地块测试${suffix}`, 'draft', square(lon, lat, 0.0005))
    laterPlot = { id: 0, code: `430903-BL${suffix}` }
    laterPlot.id = await insertPlot(
      laterPlot.code,
      `后划入地块测试${suffix}`,
      'approved',
      square(lon + 0.0012, lat, 0.0004),
    )
    zoneId = await insertZone(
      `430903-BZ${suffix}`,
      `保护地块测试管控区域${suffix}`,
      'approved',
      square(lon, lat, 0.003),
      `赫环公告〔2026〕B${suffix}号`,
      '本区域暂不开发利用。',
    )
    await db.query(`INSERT INTO control_zone_plot (adcode, zone_id, plot_id) VALUES ('430903', $1, $2)`, [
      zoneId,
      plot.id,
    ])
  })

  afterAll(async () => {
    await db.query(`DELETE FROM control_zone WHERE adcode = '430903' AND id = $1`, [zoneId])
    await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [
      [plot.id, laterPlot.id],
    ])
  })

  it('when the zone is published before its plot, then its plot appears once the plot is published, stays while the plot is reopened and leaves when the plot is withdrawn', async () => {
    await act(approver, 'control-zone', zoneId, 'publish')
    expect((await publicZone()).plotCodes).toEqual([])

    await db.query(`UPDATE contaminated_plot SET review_status = 'approved' WHERE adcode = '430903' AND id = $1`, [
      plot.id,
    ])
    await act(approver, 'plot', plot.id, 'publish')
    expect((await publicZone()).plotCodes).toEqual([plot.code])

    await act(owner, 'plot', plot.id, 'reopen', '补充调查资料')
    expect((await publicZone()).plotCodes).toEqual([plot.code])

    await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = $1`, [plot.id])
    expect((await publicZone()).plotCodes).toEqual([])
  })

  it('when a plot is linked to the zone after its publication and then published, then the public zone does not name it until the zone is published again', async () => {
    await act(owner, 'control-zone', zoneId, 'reopen', '补划地块')
    await db.query(`INSERT INTO control_zone_plot (adcode, zone_id, plot_id) VALUES ('430903', $1, $2)`, [
      zoneId,
      laterPlot.id,
    ])
    await act(approver, 'plot', laterPlot.id, 'publish')
    expect((await publicZone()).plotCodes).toEqual([])

    await db.query(`UPDATE control_zone SET review_status = 'approved' WHERE adcode = '430903' AND id = $1`, [zoneId])
    await act(approver, 'control-zone', zoneId, 'publish')
    expect((await publicZone()).plotCodes).toEqual([laterPlot.code])
  })
})

describe('OGC API - Features (/ogc), the public collections', () => {
  /** Every feature of a collection, paged through its next links with a small page. */
  async function allFeatures(collection: string, query = '') {
    const features: any[] = []
    let next: string | undefined = `/ogc/collections/${collection}/items?limit=7${query}`
    let pages = 0
    while (next) {
      const res = await request(app).get(next)
      expect(res.status, next).toBe(200)
      expectNoMarker(res.text, next)
      features.push(...res.body.features)
      const link = res.body.links.find((l: any) => l.rel === 'next')
      next = link ? new URL(link.href).pathname + new URL(link.href).search : undefined
      pages++
      expect(pages).toBeLessThan(200)
    }
    return features
  }

  it('when every collection is paged through, then its features are exactly the public answers and carry no planted value', async () => {
    const plots = await allFeatures('plots')
    const publicPlots = (await request(app).get('/api/public/plots')).body.plots
    expect(plots.map((f) => f.id).sort()).toEqual(publicPlots.map((p: any) => p.id).sort())
    const { bbox: _bbox, ...expected } = publicPlots.find((p: any) => p.id === published.id)
    expect(plots.find((f) => f.id === published.id).properties).toEqual(expected)
    expect(plots.map((f) => f.id)).not.toContain(unpublishedPlotId)
    const zones = await allFeatures('control-zones')
    const publicZones = (await request(app).get('/api/public/control-zones')).body.zones
    expect(zones.map((f) => f.id).sort()).toEqual(publicZones.map((z: any) => z.id).sort())
    expect(zones.map((f) => f.id)).not.toContain(unpublishedZoneId)
    const counties = await allFeatures('counties')
    const publicCounties = (await request(app).get('/api/public/counties')).body.counties
    expect(counties.map((f) => f.id).sort()).toEqual(publicCounties.map((c: any) => c.adcode).sort())
    const townships = await allFeatures('townships')
    const { rows: drawn } = await db.query(`SELECT code::text FROM township WHERE geom IS NOT NULL ORDER BY code`)
    expect(townships.map((f) => f.id).sort()).toEqual(drawn.map((t) => t.code))
    for (const f of townships) expect(Object.keys(f.properties).sort()).toEqual(['adcode', 'code', 'county', 'name'])
    for (const path of ['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/plots']) {
      const res = await request(app).get(path)
      expect(res.status, path).toBe(200)
      expectNoMarker(res.text, path)
    }
  })

  it('when the unpublished plot or zone is asked by its id, then 404 with nothing of it', async () => {
    for (const path of [
      `/ogc/collections/plots/items/${unpublishedPlotId}`,
      `/ogc/collections/control-zones/items/${unpublishedZoneId}`,
    ]) {
      const res = await request(app).get(path)
      expect(res.status, path).toBe(404)
      expectNoMarker(res.text, path)
    }
    const one = await request(app).get(`/ogc/collections/plots/items/${published.id}`)
    expect(one.status).toBe(200)
    expectNoMarker(one.text, 'published plot feature')
    expect(one.body).toMatchObject({ type: 'Feature', id: published.id, geometry: { type: 'MultiPolygon' } })
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { publishPlots } from '../../server/src/repos/review.repo.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { issueOgcKey } from '../support/ogc-keys.ts'
import { signInAs } from '../support/session.ts'

/**
 * The HTML pages of /ogc (OGC 17-069r4 conformance class HTML): every resource answers a browser with a readable
 * Chinese page that loads nothing from elsewhere, escapes every value, links to its JSON, and the JSON links back.
 */
let db: Database
let app: ReturnType<typeof createTestApp>
/** A published plot whose name and address are hostile markup. */
let hostile: { id: number; code: string }

const SUFFIX = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
const HOSTILE_NAME = `<script>window.__pwned=1</script>地块${SUFFIX}`
const HOSTILE_ADDRESS = `"><img src=x onerror="window.__pwned=2">`
/** What Chromium sends when an officer opens an address. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8'

beforeAll(async () => {
  db = connectTestDatabase()
  app = createTestApp(db)
  hostile = { id: 0, code: `430903-HT${SUFFIX}` }
  hostile.id = Number(
    (
      await db.query(
        `INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, address, geom, review_status)
         SELECT '430903', $1, $2, 'listed', 'high', $3,
                ST_Multi(ST_Buffer(ST_PointOnSurface(geom), 0.001, 'quad_segs=2')), 'published'
         FROM township WHERE code = '430903001'
         RETURNING id`,
        [hostile.code, HOSTILE_NAME, HOSTILE_ADDRESS],
      )
    ).rows[0].id,
  )
  await db.transaction((tx) => publishPlots(tx, '430903', [hostile.id]))
})

afterAll(async () => {
  await db.close()
})

/** A page answered as HTML: status 200, an HTML document in Chinese that loads nothing (no script, no remote asset). */
function expectPage(res: request.Response) {
  expect(res.status, res.text.slice(0, 300)).toBe(200)
  expect(res.headers['content-type']).toContain('text/html')
  expect(res.text).toMatch(/^<!doctype html><html lang="zh-CN">/)
  expect(res.text).not.toMatch(/<script/i)
  expect(res.text).not.toMatch(/<(link|img|iframe)[^>]+(src|href)="https?:\/\/(?![^"]*\/ogc)/i)
  expect(res.text).not.toMatch(/rel="stylesheet"/)
  return res.text
}

const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, '&'))

describe('OGC API - Features as HTML pages', () => {
  it('when a browser opens the landing page, then it gets a Chinese page linking the parts as pages and the JSON', async () => {
    const html = expectPage(await request(app).get('/ogc').set('Accept', BROWSER_ACCEPT))
    expect(html).toContain('<title>土壤环境一张图 · 数据共享服务')
    const links = hrefs(html)
    expect(links).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/ogc\/conformance\?f=html$/),
        expect.stringMatching(/\/ogc\/collections\?f=html$/),
        expect.stringMatching(/\/ogc\/api\?f=html$/),
        expect.stringMatching(/\/ogc\?f=json$/),
      ]),
    )
    expect(html).toMatch(/<link rel="alternate" type="application\/json" href="http:\/\/[^"]+\/ogc\?f=json">/)
  })

  it('when QGIS, GDAL or curl ask without f, then they still get JSON; f=json wins over a browser', async () => {
    for (const accept of ['application/json', '*/*', 'application/geo+json, application/json']) {
      const res = await request(app).get('/ogc/collections').set('Accept', accept).expect(200)
      expect(res.headers['content-type'], accept).toContain('application/json')
    }
    const none = await request(app).get('/ogc').unset('Accept').expect(200)
    expect(none.headers['content-type']).toContain('application/json')
    const json = await request(app).get('/ogc/collections?f=json').set('Accept', BROWSER_ACCEPT).expect(200)
    expect(json.body.collections.length).toBeGreaterThan(0)
    const geojson = await request(app)
      .get('/ogc/collections/plots/items?f=geojson&limit=1')
      .set('Accept', BROWSER_ACCEPT)
    expect(geojson.headers['content-type']).toContain('application/geo+json')
    expect(geojson.headers.vary).toMatch(/Accept/i)
  })

  it('when conformance, collections and a collection are asked as HTML, then each page lists what its JSON holds', async () => {
    const conformance = expectPage(await request(app).get('/ogc/conformance?f=html'))
    expect(conformance).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html')
    expect(conformance).toContain('第 1 部分：核心')

    const collections = expectPage(await request(app).get('/ogc/collections?f=html'))
    for (const id of ['plots', 'control-zones', 'counties']) expect(collections).toContain(`data-collection="${id}"`)
    expect(collections).not.toContain('data-collection="farmland-parcels"')
    expect(hrefs(collections).some((h) => /\/ogc\/collections\/plots\/items\?f=html$/.test(h))).toBe(true)

    const plots = expectPage(await request(app).get('/ogc/collections/plots').set('Accept', BROWSER_ACCEPT))
    expect(plots).toContain('污染地块名录（公开）')
    expect(plots).toContain('<span class="badge public">公开</span>')
    expect(hrefs(plots).some((h) => /\/ogc\/collections\/plots\/items\?f=html$/.test(h))).toBe(true)
    expect(hrefs(plots).some((h) => /\/ogc\/collections\/plots\?f=json$/.test(h))).toBe(true)
  })

  it('when items are asked as HTML, then the page shows the outlines as SVG, a row per feature and 下一页', async () => {
    const json = await request(app).get('/ogc/collections/plots/items?limit=2&f=json').expect(200)
    const html = expectPage(await request(app).get('/ogc/collections/plots/items?limit=2&f=html'))
    const rows = [...html.matchAll(/<tr data-feature="([^"]+)"/g)].map((m) => m[1])
    expect(rows).toEqual(json.body.features.map((f: any) => String(f.id)))
    expect(html).toMatch(/<svg [^>]*viewBox="0 0 1000 \d+"/)
    expect(html).toContain('<th>地块编码<small>code</small></th>')
    expect(html.match(/<path d="M[\d. ]+L/g)?.length).toBe(2)
    const next = /<a href="([^"]+)" rel="next"[^>]*>下一页<\/a>/.exec(html)
    expect(next).not.toBeNull()
    const nextHref = next![1].replace(/&amp;/g, '&')
    expect(nextHref).toMatch(/f=html/)
    const jsonNext = json.body.links.find((l: any) => l.rel === 'next').href
    expect(new URL(nextHref).searchParams.get('cursor')).toBe(new URL(jsonNext).searchParams.get('cursor'))
    const second = expectPage(await request(app).get(nextHref.replace(/^http:\/\/[^/]+/, '')))
    expect(second).not.toContain(`data-feature="${rows[0]}"`)
  })

  it('when one feature is asked as HTML, then its properties are listed one per row with its outline', async () => {
    const html = expectPage(await request(app).get(`/ogc/collections/plots/items/${hostile.id}?f=html`))
    expect(html).toContain(hostile.code)
    expect(html).toContain('<svg')
    expect(hrefs(html).some((h) => h.endsWith(`/ogc/collections/plots/items/${hostile.id}?f=json`))).toBe(true)
  })

  it('when the queryables are asked as HTML, then each filterable property shows its Chinese title, type and codes', async () => {
    const html = expectPage(await request(app).get('/ogc/collections/plots/queryables?f=html'))
    expect(html).toMatch(/<td><code>list<\/code><\/td><td>[^<]+<\/td><td>string<\/td>/)
    expect(html).toContain('<code>suspected</code>')
    expect(hrefs(html).some((h) => /\/collections\/plots\/queryables\?f=json$/.test(h))).toBe(true)
  })

  it('when a name holds markup, then every page shows it as text and nothing of it runs', async () => {
    for (const url of [
      `/ogc/collections/plots/items?f=html&limit=1000`,
      `/ogc/collections/plots/items/${hostile.id}?f=html`,
    ]) {
      const html = expectPage(await request(app).get(url))
      expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;')
      expect(html).not.toContain('<script>window.__pwned')
      expect(html).not.toContain('<img src=x')
      expect(html).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=2&quot;&gt;')
    }
  })

  it('when the JSON resources are read, then each links its HTML page as alternate text/html', async () => {
    const alternate = (body: any) => body.links.find((l: any) => l.rel === 'alternate' && l.type === 'text/html')?.href
    expect(alternate((await request(app).get('/ogc').expect(200)).body)).toMatch(/\/ogc\?f=html$/)
    expect(alternate((await request(app).get('/ogc/conformance').expect(200)).body)).toMatch(
      /\/ogc\/conformance\?f=html$/,
    )
    expect(alternate((await request(app).get('/ogc/collections').expect(200)).body)).toMatch(/\/collections\?f=html$/)
    const collection = (await request(app).get('/ogc/collections/plots').expect(200)).body
    expect(alternate(collection)).toMatch(/\/collections\/plots\?f=html$/)
    const items = (await request(app).get('/ogc/collections/plots/items?limit=1').expect(200)).body
    expect(alternate(items)).toMatch(/\/collections\/plots\/items\?limit=1&f=html$/)
  })

  it.each([
    ['f=xyz', '参数 f 的格式“xyz”不支持'],
    ['f=json&f=html', '参数 f 只能给一次'],
  ])('when the format is asked as %s, then 400 says so in words', async (query, message) => {
    for (const path of ['/ogc', '/ogc/collections/plots/items']) {
      const res = await request(app).get(`${path}?${query}`).expect(400)
      expect(res.body.error.message).toContain(message)
      expect(res.body.error.details.problems[0].field).toBe('f')
    }
  })

  it('when a browser asks for something missing, then the refusal is a page in words, with its status', async () => {
    const res = await request(app).get('/ogc/collections/farmland-parcels?f=html').expect(404)
    expect(res.headers['content-type']).toContain('text/html')
    expect(res.text).toContain('没有名为“farmland-parcels”的数据集')
    const bad = await request(app).get('/ogc/collections/plots/items?f=html&limit=abc').expect(400)
    expect(bad.text).toContain('参数 limit 应为 1 到 1000 之间的整数')
  })

  it('when a staff member signed in opens an internal collection, then its pages show it and carry no key', async () => {
    const staff = await signInAs(app, 'admin')
    const html = expectPage(await staff.agent.get('/ogc/collections/contaminated-plots/items?f=html&limit=5'))
    expect(html).toContain('污染地块（内部）')
    expect([...html.matchAll(/<tr data-feature=/g)]).toHaveLength(5)
    expect(hrefs(html).every((h) => !h.includes('key='))).toBe(true)
  })

  it('when the key comes as a parameter, then the pages carry it in their links so that the browser keeps reading', async () => {
    const admin = await signInAs(app, 'admin')
    const { key } = await issueOgcKey(admin, {
      collections: ['monitoring-points'],
      adcodes: ['430903'],
      holder: `网页测试${SUFFIX}`,
      holderKind: 'person',
      expiresInDays: 3,
      note: '网页浏览',
    })
    const html = expectPage(await request(app).get(`/ogc/collections?f=html&key=${key}`))
    expect(html).toContain('data-collection="monitoring-points"')
    const internal = hrefs(html).find((h) => /\/collections\/monitoring-points\/items\?/.test(h))!
    expect(new URL(internal).searchParams.get('key')).toBe(key)
    expectPage(await request(app).get(internal.replace(/^http:\/\/[^/]+/, '')))
  })
})

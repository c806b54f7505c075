import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { publishControlZones, publishPlots } from '../../server/src/repos/review.repo.ts'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString().slice(-6)
/** Carried by the unpublished record this file plants; it must never show on the public page. */
const MARKER = `E2ELEAK${SUFFIX}`
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

const square = (lon: number, lat: number, half: number) =>
  `MULTIPOLYGON(((${lon - half} ${lat - half},${lon + half} ${lat - half},${lon + half} ${lat + half},${lon - half} ${lat + half},${lon - half} ${lat - half})))`

describe.skipIf(skip)('the public page in Chromium (no login)', () => {
  const { open, errors } = useBrowser()
  let db: Database
  const appUrl = inject('appUrl')
  const planted: { plotIds: number[]; zoneIds: number[] } = { plotIds: [], zoneIds: [] }
  let zone: { id: number; code: string; name: string; no: string; text: string; lon: number; lat: number }
  let plot: { id: number; code: string; name: string }
  const reportText = `E2E举报${SUFFIX}：河堤旁堆放的废渣散发刺鼻气味，雨后有黑水流入稻田。`

  const waitIdle = (page: Page) =>
    page.waitForFunction(
      () => {
        const map = (window as any).__soilMap
        return map && map.loaded() && !map.isMoving() && map.areTilesLoaded()
      },
      undefined,
      { timeout: 60_000 },
    )
  const center = (page: Page) =>
    page.evaluate(() => (window as any).__soilMap.getCenter() as { lng: number; lat: number })

  beforeAll(async () => {
    db = connectTestDatabase()
    const {
      rows: [at],
    } = await db.query(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM township WHERE code = '430903002') s`,
    )
    const insertPlot = async (code: string, name: string, review: string, lon: number) =>
      (
        await db.query(
          `
      INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, address, contact, geom, review_status)
      VALUES ('430903', $1, $2, 'control_zone', 'high', 'electroplating', '赫山区示范路 8 号', $3, ST_GeomFromText($4, 4490), $5) RETURNING id`,
          [code, name, `${MARKER}-联系人`, square(lon, at.lat, 0.0012), review],
        )
      ).rows[0].id as number
    plot = { id: 0, code: `430903-E2E${SUFFIX}`, name: `原电镀厂地块（E2E ${SUFFIX}）` }
    plot.id = await insertPlot(plot.code, plot.name, 'published', at.lon)
    planted.plotIds.push(plot.id, await insertPlot(`430903-${MARKER}`, `${MARKER} 未发布地块`, 'draft', at.lon + 0.004))
    await db.query(
      `INSERT INTO plot_negative_use (adcode, plot_id, use_code, basis) VALUES ('430903', $1, 'R', '《中华人民共和国土壤污染防治法》第六十一条'), ('430903', $1, 'A', '《中华人民共和国土壤污染防治法》第六十一条')`,
      [plot.id],
    )
    zone = {
      id: 0,
      code: `430903-GKE${SUFFIX}`,
      name: `原电镀厂暂不开发利用管控区域（E2E ${SUFFIX}）`,
      no: `益赫环告〔2026〕${SUFFIX}号`,
      text: '经风险评估，该地块土壤中镍、铬含量超过建设用地土壤污染风险管制值。现划定管控区域，区域内禁止开展与风险管控无关的建设活动，禁止种植食用农产品，请勿擅自进入。',
      lon: at.lon,
      lat: at.lat,
    }
    zone.id = (
      await db.query(
        `
      INSERT INTO control_zone (adcode, code, name, review_status, announcement_no, announcement_date, announcement_text, monitor_groundwater, geom)
      VALUES ('430903', $1, $2, 'published', $3, '2026-04-15', $4, true, ST_GeomFromText($5, 4490)) RETURNING id`,
        [zone.code, zone.name, zone.no, zone.text, square(at.lon, at.lat, 0.003)],
      )
    ).rows[0].id
    planted.zoneIds.push(zone.id)
    await db.query(`INSERT INTO control_zone_plot (adcode, zone_id, plot_id) VALUES ('430903', $1, $2)`, [
      zone.id,
      plot.id,
    ])
    await db.query(
      `INSERT INTO control_zone_sign (adcode, zone_id, label, geom) VALUES ('430903', $1, '东门警示牌', ST_SetSRID(ST_MakePoint($2, $3), 4490))`,
      [zone.id, at.lon + 0.003, at.lat],
    )
    await db.transaction(async (tx) => {
      await publishPlots(tx, '430903', [plot.id])
      await publishControlZones(tx, '430903', [zone.id])
    })
  })

  /** The public page in a context of its own, its map ready and still. */
  async function openPublic(): Promise<Page> {
    const page = await open({ path: '/public', viewport: { width: 1400, height: 900 } })
    await page.getByTestId('public-page').waitFor()
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
    await waitIdle(page)
    return page
  }

  /** Chooses the planted zone in the zone list and waits for its announcement. */
  async function openZone(page: Page) {
    await page.getByTestId('public-tab-zones').click()
    await page.getByTestId('public-zone-item').filter({ hasText: zone.name }).click()
    const announcement = page.getByTestId('public-announcement')
    await announcement.waitFor()
    return announcement
  }

  afterAll(async () => {
    await db.query(`DELETE FROM public_report WHERE description = $1`, [reportText])
    await db.query(`DELETE FROM control_zone WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [planted.zoneIds])
    await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [
      planted.plotIds,
    ])
    await db.close()
  })

  it('when the page opens, then the map draws the counties with coverage shading, the published zones are listed and the disclaimer is shown', async () => {
    const page = await openPublic()
    const drawn = await page.evaluate(() => {
      const map = (window as any).__soilMap
      const counties = map.queryRenderedFeatures({ layers: ['county-fill'] })
      return {
        counties: [...new Set(counties.map((f: any) => f.properties.name))],
        covered: counties.map(
          (f: any) => map.getFeatureState({ source: 'county', sourceLayer: 'county', id: f.id }).covered,
        ),
        sources: Object.keys(map.getStyle().sources),
      }
    })
    expect(drawn.counties.sort()).toEqual(['梨树县', '赫山区'])
    expect(drawn.covered.every((c: unknown) => c === true)).toBe(true)
    expect(
      drawn.sources.some((s: string) => s === 'parcel' || s === 'contaminated-plot' || s === 'monitoring-point'),
    ).toBe(false)
    await expect(page.getByTestId('public-zone-list').textContent()).resolves.toContain(zone.name)
    const disclaimer = await page.getByTestId('public-disclaimer').textContent()
    expect(disclaimer).toContain('并不代表该地块不存在土壤污染')
    await expect(page.getByTestId('public-legend').textContent()).resolves.toContain(
      '建设用地土壤污染风险管控和修复名录',
    )
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-01-overview.png` })
    expect(await page.content()).not.toContain(MARKER)
    expect(errors).toEqual([])
  })

  it('when the plot list is opened, then published plots appear and unpublished ones do not', async () => {
    const page = await openPublic()
    await page.getByTestId('public-tab-plots').click()
    const list = await page.getByTestId('public-plot-list').textContent()
    expect(list).toContain(plot.name)
    expect(list).not.toContain(MARKER)
    const { rows } = await db.query(
      `SELECT code FROM contaminated_plot WHERE review_status <> 'published' AND code NOT LIKE $1`,
      [`%${MARKER}`],
    )
    for (const { code } of rows) expect(list).not.toContain(code)
    const { rows: sample } = await db.query(`SELECT code FROM published_plot WHERE is_generated ORDER BY code LIMIT 1`)
    expect(list).toContain(sample[0].code)
  })

  it('when a control zone is chosen, then its announcement opens and the map flies to it', async () => {
    const page = await openPublic()
    const announcement = await openZone(page)
    await expect(announcement.textContent()).resolves.toContain(zone.no)
    await expect(announcement.textContent()).resolves.toContain('禁止种植食用农产品')
    const details = await page.getByTestId('public-details').textContent()
    expect(details).toContain('定期监测土壤、地下水')
    expect(details).toContain(plot.name)
    await waitIdle(page)
    const c = await center(page)
    expect(Math.abs(c.lng - zone.lon)).toBeLessThan(0.01)
    expect(Math.abs(c.lat - zone.lat)).toBeLessThan(0.01)
    const hatch = await page.evaluate(() =>
      (window as any).__soilMap
        .queryRenderedFeatures({ layers: ['public-control-zone-fill'] })
        .map((f: any) => f.properties.code),
    )
    expect(hatch).toContain(zone.code)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-02-zone-announcement.png` })
  })

  it('when a protected plot is opened from the zone, then its public details show the list and the negative list with its basis', async () => {
    const page = await openPublic()
    await openZone(page)
    await page
      .getByTestId('public-details')
      .getByRole('button', { name: new RegExp(plot.code) })
      .click()
    const details = page.getByTestId('public-details')
    await expect.poll(() => details.textContent()).toContain('建设用地土壤污染风险管控和修复名录')
    const text = await details.textContent()
    expect(text).toContain('不得用作居住用地')
    expect(text).toContain('《中华人民共和国土壤污染防治法》第六十一条')
    expect(text).not.toContain(MARKER)
  })

  it('when a county is searched and chosen, then the map flies to it', async () => {
    const page = await openPublic()
    const counties = await (await fetch(`${appUrl}/api/public/counties`)).json()
    const [w, s, e, n] = counties.counties.find((c: any) => c.name === '梨树县').bbox
    await page.getByTestId('public-search-input').fill('梨树')
    await page.getByTestId('public-search-result').first().waitFor()
    await expect(page.getByTestId('public-search-result').first().textContent()).resolves.toContain('梨树县')
    await page.getByTestId('public-search-result').first().click()
    await waitIdle(page)
    const c = await center(page)
    expect(c.lng).toBeGreaterThan(w)
    expect(c.lng).toBeLessThan(e)
    expect(c.lat).toBeGreaterThan(s)
    expect(c.lat).toBeLessThan(n)
  })

  it("when a report is placed on the map and sent, then it is accepted and reaches the environment officer's queue", async () => {
    const page = await openPublic()
    await page.getByTestId('public-search-input').fill(zone.code)
    await page.getByTestId('public-search-result').first().waitFor()
    await page.getByTestId('public-search-result').first().click()
    await waitIdle(page)
    await page.getByTestId('report-open').click()
    await page.getByTestId('report-form').waitFor()
    const target = { lon: zone.lon + 0.0015, lat: zone.lat - 0.001 }
    const point = await page.evaluate(
      ([lon, lat]) => (window as any).__soilMap.project([lon, lat]),
      [target.lon, target.lat],
    )
    const box = (await page.getByTestId('map').boundingBox())!
    await page.mouse.click(box.x + point.x, box.y + point.y)
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('东经')
    await expect(page.locator('.maplibregl-marker').count()).resolves.toBe(1)
    await page.getByTestId('report-description').fill(reportText)
    await page.getByTestId('report-photo').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG })
    await expect(page.getByTestId('report-photo-info').textContent()).resolves.toContain('PNG')
    await page.getByTestId('report-contact').fill('13800001111')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-03-report-form.png` })
    await page.getByTestId('report-submit').click()
    const success = page.getByTestId('report-success')
    await success.waitFor()
    await expect(success.textContent()).resolves.toContain('已收到您的举报')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-04-report-sent.png` })

    const staff = request.agent(appUrl)
    const session = await staff.get('/api/session').expect(200)
    const login = await staff
      .post('/api/auth/login')
      .set('X-CSRF-Token', session.body.csrfToken)
      .send({ username: 'huanjing', password: SAMPLE_PASSWORD })
    expect(login.status).toBe(200)
    const queue = await staff.get('/api/reports').query({ status: 'new' })
    const found = queue.body.reports.find((r: any) => r.description === reportText)
    expect(found).toMatchObject({ adcode: '430903', contact: '13800001111', hasPhoto: true, photoType: 'image/png' })
    expect(found.lon).toBeCloseTo(target.lon, 4)
    expect(found.lat).toBeCloseTo(target.lat, 4)
    expect(await page.content()).not.toContain('13800001111')
    expect(errors).toEqual([])
  })
})

describe.skipIf(skip)('the public page on a phone (390×844)', () => {
  const { open, errors } = useBrowser()

  it('when the public opens the page on a phone, then the header holds the search and 我要举报 on one line and the legend starts folded', async () => {
    const page = await open({ path: '/public', viewport: { width: 390, height: 844 } })
    const report = page.getByTestId('report-open')
    await report.waitFor()
    const header = await page.locator('.pub-header').boundingBox()
    const button = await report.boundingBox()
    expect(header!.height).toBeLessThanOrEqual(64)
    expect(button!.height).toBeLessThanOrEqual(40)
    expect(button!.x + button!.width).toBeLessThanOrEqual(390)
    await expect(
      report.evaluate((el) => el.scrollHeight <= el.clientHeight && el.scrollWidth <= el.clientWidth),
    ).resolves.toBe(true)
    const brand = await page.locator('.pub-brand').boundingBox()
    expect(brand!.height).toBeLessThanOrEqual(header!.height)
    const legend = page.getByTestId('public-legend')
    await expect(legend.getAttribute('class')).resolves.toContain('pub-legend--closed')
    await expect(legend.textContent()).resolves.not.toContain('已覆盖')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-05-phone.png` })
    expect(errors).toEqual([])
  })
})

import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { pixel, type LonLat } from '../support/map-input.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString(36).slice(-6)
const PHONE = { width: 390, height: 844 }
const TABLET = { width: 768, height: 1024 }
const DESKTOP = { width: 1440, height: 900 }
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describe.skipIf(skip)('the public page on a phone and a tablet (touch)', () => {
  const { browser } = useBrowser()
  const appUrl = inject('appUrl')
  const contexts: BrowserContext[] = []
  const errors: string[] = []
  let db: Database
  let spot: LonLat

  /** The public page in a fresh touch context of the given size, its map ready and still. */
  async function openPublic(viewport: { width: number; height: number }, extra: BrowserContextOptions = {}) {
    const isTouch = viewport.width < DESKTOP.width
    const context = await browser().newContext({
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      ...(isTouch ? { hasTouch: true, isMobile: true } : {}),
      ...extra,
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(`${appUrl}/public`)
    await page.getByTestId('public-page').waitFor()
    await waitForMap(page)
    return page
  }

  /** The lines the text of an element is laid out on (0 when it is hidden). */
  const lineCount = (page: Page, selector: string) =>
    page.evaluate((sel) => {
      const range = document.createRange()
      range.selectNodeContents(document.querySelector(sel)!)
      return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size
    }, selector)

  const scrollWidth = (page: Page) =>
    page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }))

  beforeAll(async () => {
    db = connectTestDatabase()
    spot = await freeSpot(db, { clearOfFarmland: 0, clearOfRecords: 0.003 })
  })

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
    expect(errors.splice(0)).toEqual([])
  })

  afterAll(async () => {
    await db.query(`DELETE FROM public_report WHERE description LIKE $1`, [`%E2E手机${SUFFIX}%`])
    await db.close()
  })

  /** Opens 我要举报 and waits for the form. */
  async function openReport(page: Page) {
    await page.getByTestId('report-open').tap()
    await page.getByTestId('report-form').waitFor()
  }

  it('when the page opens at phone, tablet and desktop size, then the header fits on one line, nothing scrolls sideways and the legend is folded on the phone and the tablet', async () => {
    for (const [name, viewport] of [
      ['phone', PHONE],
      ['tablet', TABLET],
      ['desktop', DESKTOP],
    ] as const) {
      const page = await openPublic(viewport)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/public-phone-01-${name}.png` })
      const { scroll, inner } = await scrollWidth(page)
      expect(scroll, name).toBeLessThanOrEqual(inner)
      for (const selector of ['[data-testid=report-open]', '[data-testid=tracking-open]', '.pub-brand__name'])
        await expect(lineCount(page, selector), `${name}: ${selector} on one line`).resolves.toBeLessThanOrEqual(1)
      const button = (await page.getByTestId('report-open').boundingBox())!
      expect(button.x + button.width, name).toBeLessThanOrEqual(viewport.width)
      const header = (await page.locator('.pub-header').boundingBox())!
      for (const testId of ['report-open', 'tracking-open']) {
        const box = (await page.getByTestId(testId).boundingBox())!
        expect(box.y + box.height, `${name}: ${testId} inside the header`).toBeLessThanOrEqual(header.y + header.height)
      }
      const title = page.locator('.pub-brand__name')
      if (await title.isVisible()) {
        const box = (await title.boundingBox())!
        expect(box.y + box.height, `${name}: the title inside the header`).toBeLessThanOrEqual(header.y + header.height)
      }
      const legend = page.getByTestId('public-legend').getByRole('button', { name: '图例' })
      await expect(legend.getAttribute('aria-expanded'), name).resolves.toBe(name === 'desktop' ? 'true' : 'false')
    }
  })

  it('when a citizen on a phone taps each tab, then the zones, the registry, the coverage and the disclaimer each show, and the map keeps most of the screen', async () => {
    const page = await openPublic(PHONE)
    const mapHeight = async () => (await page.locator('.pub-map').boundingBox())!.height
    expect(await mapHeight()).toBeGreaterThan(PHONE.height * 0.75)
    const shown: Record<string, string> = {
      zones: 'public-zone-list',
      plots: 'public-plot-list',
      coverage: 'public-coverage-list',
      about: 'public-disclaimer',
    }
    for (const [tab, testId] of Object.entries(shown)) {
      await page.getByTestId(`public-tab-${tab}`).tap()
      await expect(page.getByTestId(testId).isVisible(), tab).resolves.toBe(true)
      expect(await mapHeight(), tab).toBeGreaterThan(PHONE.height * 0.3)
      const { scroll, inner } = await scrollWidth(page)
      expect(scroll, tab).toBeLessThanOrEqual(inner)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/public-phone-02-tab-${tab}.png` })
    }
    await expect(page.getByTestId('public-disclaimer').textContent()).resolves.toContain('并不代表该地块不存在土壤污染')
    await page.getByTestId('public-list-fold').tap()
    await expect(page.getByTestId('public-disclaimer').isVisible()).resolves.toBe(false)
    expect(await mapHeight()).toBeGreaterThan(PHONE.height * 0.75)

    await page.getByTestId('public-tab-zones').tap()
    await page.getByTestId('public-zone-item').first().tap()
    await page.getByTestId('public-announcement').waitFor()
    await expect(page.getByTestId('public-zone-list').isVisible()).resolves.toBe(false)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-phone-03-zone.png` })
  })

  it('when a citizen on a phone allows the location and taps 使用我的位置, then the point is placed there and the report with a camera photo is received', async () => {
    const page = await openPublic(PHONE, {
      geolocation: { longitude: spot[0], latitude: spot[1], accuracy: 10 },
      permissions: ['geolocation'],
    })
    await openReport(page)
    const camera = page.getByTestId('report-camera')
    await expect(camera.getAttribute('capture')).resolves.toBe('environment')
    await expect(page.locator('.pub-file--camera').isVisible()).resolves.toBe(true)
    await page.getByTestId('report-locate').tap()
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain(spot[0].toFixed(6))
    await waitForMap(page)
    const marker = await pixel(page, spot)
    const form = (await page.getByTestId('report-form').boundingBox())!
    expect(marker.y, 'the point in view above the form').toBeLessThan(form.y)
    expect(marker.y).toBeGreaterThan(0)
    await camera.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG })
    await page.getByTestId('report-photo-info').waitFor()
    const description = `E2E手机${SUFFIX}：路边沟渠里有油状黑水，附近菜地的叶子发黄。`
    await page.getByTestId('report-description').tap()
    await page.keyboard.type(description)
    const { scroll, inner } = await scrollWidth(page)
    expect(scroll).toBeLessThanOrEqual(inner)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-phone-04-report-located.png` })
    await page.getByTestId('report-submit').tap()
    await page.getByTestId('report-success').waitFor()
    await expect(page.getByTestId('report-tracking-code').textContent()).resolves.toMatch(
      /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/,
    )
    const { rows } = await db.query(
      `SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat, photo IS NOT NULL AS has_photo FROM public_report WHERE description = $1`,
      [description],
    )
    expect(rows).toHaveLength(1)
    expect(rows[0].lon).toBeCloseTo(spot[0], 6)
    expect(rows[0].lat).toBeCloseTo(spot[1], 6)
    expect(rows[0].has_photo).toBe(true)
  })

  it('when a citizen on a phone refuses the location, then the form says how to allow it and a tap on the map still places the point', async () => {
    const page = await openPublic(PHONE)
    await openReport(page)
    await page.getByTestId('report-locate').tap()
    const message = page.getByTestId('report-locate-message')
    await expect.poll(() => message.textContent(), { timeout: 20_000 }).toContain('未获得位置权限')
    await expect(message.textContent()).resolves.toContain('在地图上点击')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-phone-05-report-refused.png` })
    await page.touchscreen.tap(PHONE.width / 2, 200)
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('东经')
    await expect(message.count()).resolves.toBe(0)
  })

  it('when the phone is outside the served counties, then the form says so and places no point', async () => {
    const page = await openPublic(PHONE, {
      geolocation: { longitude: 116.397, latitude: 39.909, accuracy: 20 },
      permissions: ['geolocation'],
    })
    await openReport(page)
    await page.getByTestId('report-locate').tap()
    const message = page.getByTestId('report-locate-message')
    await expect.poll(() => message.textContent()).toContain('不在本平台服务的区县内')
    await expect(message.textContent()).resolves.toContain('赫山区')
    await expect(page.getByTestId('report-location').textContent()).resolves.not.toContain('东经')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-phone-06-report-outside.png` })
  })

  it('when the report form is open on a tablet, then the form is a sheet at the foot of the map and the point found stays in view above it', async () => {
    const page = await openPublic(TABLET, {
      geolocation: { longitude: spot[0], latitude: spot[1], accuracy: 10 },
      permissions: ['geolocation'],
    })
    await openReport(page)
    await page.getByTestId('report-locate').tap()
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain(spot[0].toFixed(6))
    await waitForMap(page)
    const { scroll, inner } = await scrollWidth(page)
    expect(scroll).toBeLessThanOrEqual(inner)
    const marker = await pixel(page, spot)
    const form = (await page.getByTestId('report-form').boundingBox())!
    const map = (await page.locator('.pub-map').boundingBox())!
    expect(marker.y, 'the point in view above the form').toBeLessThan(form.y)
    expect(marker.x).toBeGreaterThan(map.x)
    expect(marker.x).toBeLessThan(map.x + map.width)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/public-phone-07-tablet-report.png` })
  })
})

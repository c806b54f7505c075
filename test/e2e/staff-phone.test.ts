import { afterEach, describe, expect, inject, it } from 'vitest'
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, logIn, useBrowser, waitForMap } from '../support/browser.ts'
import { USER_OF_ROLE } from '../support/session.ts'

const PHONE = { width: 390, height: 844 }
const TABLET = { width: 768, height: 1024 }
const DESKTOP = { width: 1440, height: 900 }

/** A point inside 赫山区 (the county every sample officer serves), away from its edge. */
const IN_COUNTY: [number, number] = [112.36, 28.57]
/** 天安门, outside every served county. */
const BEIJING: [number, number] = [116.397, 39.909]

/**
 * The staff pages on a phone (390×844, touch) and a tablet: the ☰ menu reaches every side tab and page, the side
 * panel and the info panel are sheets at the foot of the map, 定位 finds the officer, the status bar reads taps.
 */
describe.skipIf(isBrowserMissing())('the staff pages on a phone and a tablet (touch)', () => {
  const { browser } = useBrowser()
  const appUrl = inject('appUrl')
  const contexts: BrowserContext[] = []
  const errors: string[] = []

  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close()
    expect(errors.splice(0)).toEqual([])
  })

  /** A fresh touch context of the given size, signed in as `username`, the map ready. */
  async function openStaff(
    username: string,
    viewport: { width: number; height: number } = PHONE,
    extra: BrowserContextOptions = {},
  ): Promise<Page> {
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
    await page.goto(`${appUrl}/`)
    await logIn(page, username)
    return page
  }

  const scrollWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth)

  /** The share of the window's height the map canvas shows above whatever covers its lower part. */
  const visibleMapShare = (page: Page) =>
    page.evaluate(() => {
      const map = document.querySelector('.map-view')!.getBoundingClientRect()
      const covers = [...document.querySelectorAll('.side-panel, .info-panel, .plot-profile, .point-panel')]
        .map((el) => el.getBoundingClientRect())
        .filter((r) => r.height > 0 && r.width > 0)
      const bottom = Math.min(map.bottom, ...covers.map((r) => r.top))
      return Math.max(0, bottom - map.top) / window.innerHeight
    })

  const mapCentre = (page: Page) =>
    page.evaluate(() => {
      const { lng, lat } = (window as any).__soilMap.getCenter()
      return [lng, lat] as [number, number]
    })

  /** The middle of a plot's outline (its extent's centre), in degrees, from the feature's info. */
  async function plotCentre(page: Page, id: number): Promise<[number, number]> {
    const info = await apiGet(page, `/api/features/contaminated-plot/${id}`)
    expect(info.status).toBe(200)
    const [w, s, e, n] = info.body.bbox
    return [(w + e) / 2, (s + n) / 2]
  }

  /** Where `lngLat` is drawn (page pixels) against the map's part above the open plot profile, once the map is still. */
  const placeOf = (page: Page, lngLat: [number, number]) =>
    page.evaluate((at) => {
      const map = (window as any).__soilMap
      const canvas = map.getCanvas().getBoundingClientRect()
      const point = map.project(at)
      const sheet = document.querySelector('[data-testid=plot-profile]')?.getBoundingClientRect()
      return {
        x: canvas.left + point.x,
        y: canvas.top + point.y,
        isInView:
          !map.isMoving() &&
          point.x > 0 &&
          point.x < canvas.width &&
          canvas.top + point.y > canvas.top &&
          canvas.top + point.y < (sheet ? sheet.top : canvas.bottom),
      }
    }, lngLat)

  /** Moves the map (zoom 15) so that `lngLat` is drawn low on it, where a plot's sheet will cover it. */
  async function putLow(page: Page, lngLat: [number, number]) {
    await page.evaluate((at) => {
      const map = (window as any).__soilMap
      map.jumpTo({ center: at, zoom: 15 })
      map.panBy([0, -0.35 * map.getContainer().clientHeight], { animate: false })
    }, lngLat)
    await waitForMap(page)
    const { y } = await placeOf(page, lngLat)
    const map = (await page.locator('.map-view').boundingBox())!
    expect(y, 'the plot starts where its sheet will lie').toBeGreaterThan(map.y + map.height * 0.6)
  }

  async function openMenu(page: Page) {
    await page.getByTestId('staff-menu-button').tap()
    await page.getByTestId('staff-menu').waitFor()
  }

  for (const [role, username] of Object.entries(USER_OF_ROLE))
    it(`when ${username} (${role}) opens the ☰ menu on a phone, then every side tab and every page it offers opens, and nothing scrolls sideways`, async () => {
      const page = await openStaff(username)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-${username}-01-map.png` })
      expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
      const status = await page.getByTestId('status-bar').evaluate((el) => [el.scrollWidth, el.clientWidth])
      expect(status[0], 'the status bar fits').toBeLessThanOrEqual(status[1])

      await openMenu(page)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-${username}-02-menu.png` })
      const tabs = await page
        .getByTestId('staff-menu')
        .locator('[data-tab]')
        .evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.tab!))
      expect(tabs).toContain('layers')
      await page.getByTestId('staff-menu-button').tap()
      for (const tab of tabs) {
        await openMenu(page)
        await page.getByTestId(`staff-menu-tab-${tab}`).tap()
        const panel = page.getByTestId('side-panel')
        await expect(panel.isVisible(), tab).resolves.toBe(true)
        await expect(page.getByTestId(`side-tab-${tab}`).getAttribute('aria-selected'), tab).resolves.toBe('true')
        expect(await visibleMapShare(page), `${tab}: the map stays usable`).toBeGreaterThanOrEqual(0.4)
        expect(await scrollWidth(page), tab).toBeLessThanOrEqual(PHONE.width)
        const tabBox = (await page.getByTestId(`side-tab-${tab}`).boundingBox())!
        expect(tabBox.x + tabBox.width, `${tab}: its tab is in view`).toBeLessThanOrEqual(PHONE.width + 1)
        expect(tabBox.x, `${tab}: its tab is in view`).toBeGreaterThanOrEqual(-1)
        await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-${username}-tab-${tab}.png` })
        const close = page.getByTestId('side-panel-close')
        const closeBox = (await close.boundingBox())!
        expect(closeBox.height).toBeGreaterThanOrEqual(44)
        await close.tap()
        await expect(panel.isVisible(), tab).resolves.toBe(false)
      }

      await openMenu(page)
      const pages = await page
        .getByTestId('staff-menu')
        .locator('[data-path]')
        .evaluateAll((els) =>
          els.map((el) => ({ page: (el as HTMLElement).dataset.page!, path: (el as HTMLElement).dataset.path! })),
        )
      expect(pages.map((p) => p.path)).toContain('/statistics')
      await page.getByTestId('staff-menu-button').tap()
      for (const { page: name, path } of pages.filter((p) => p.path !== '/')) {
        await openMenu(page)
        await page.getByTestId(`staff-menu-page-${name}`).tap()
        await expect.poll(() => page.evaluate(() => location.pathname), { message: name }).toBe(path)
        await page.waitForLoadState('networkidle')
        await expect(page.getByTestId('staff-menu-button').isVisible(), name).resolves.toBe(true)
        await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-${username}-page-${name}.png`, fullPage: true })
        expect(await scrollWidth(page), name).toBeLessThanOrEqual(PHONE.width)
      }
      await openMenu(page)
      await page.getByTestId('staff-menu-page-map').tap()
      await waitForMap(page)
    })

  it('when an officer on a phone taps a parcel, then its info rises as a sheet from the foot of the map, expands with a tap and closes', async () => {
    const page = await openStaff('gengdi')
    const search = await apiGet(page, `/api/search?q=${encodeURIComponent('430903-00001')}`)
    const [w, s, e, n] = search.body.results.find((r: any) => r.kind === 'parcel').bbox
    await page.evaluate(
      ([lng, lat]) => (window as any).__soilMap.jumpTo({ center: [lng, lat], zoom: 16.5 }),
      [(w + e) / 2, (s + n) / 2],
    )
    await waitForMap(page)
    const hit = await page.evaluate(() => {
      const map = (window as any).__soilMap
      const canvas = map.getCanvas().getBoundingClientRect()
      const point = map.project(map.getCenter())
      const [feature] = map.queryRenderedFeatures(point, { layers: ['parcel-fill'] })
      return feature ? { code: feature.properties.code, x: canvas.left + point.x, y: canvas.top + point.y } : null
    })
    expect(hit, 'a parcel is drawn under the map centre').not.toBeNull()
    await page.touchscreen.tap(hit!.x, hit!.y)
    const panel = page.getByTestId('info-panel')
    await panel.waitFor()
    await expect.poll(() => page.getByTestId('info-title').textContent()).toBe(`耕地图斑 ${hit!.code}`)
    const peek = (await panel.boundingBox())!
    expect(peek.x).toBe(0)
    expect(peek.width).toBe(PHONE.width)
    expect(peek.height, 'the sheet peeks').toBeLessThan(PHONE.height * 0.3)
    expect(await visibleMapShare(page)).toBeGreaterThanOrEqual(0.4)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-info-peek.png` })

    await page.getByTestId('info-sheet-handle').tap()
    await expect.poll(async () => (await panel.boundingBox())!.height).toBeGreaterThan(PHONE.height * 0.4)
    await expect(page.getByText('类别', { exact: true }).first().isVisible()).resolves.toBe(true)
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-info-expanded.png` })

    const close = page.getByTestId('info-close')
    const box = (await close.boundingBox())!
    expect(box.width).toBeGreaterThanOrEqual(44)
    expect(box.height).toBeGreaterThanOrEqual(44)
    await close.tap()
    await expect(panel.count()).resolves.toBe(0)
  })

  it('when an officer on a phone opens a plot from 污染地块, then its profile is a sheet and the map shows the plot above it', async () => {
    const page = await openStaff('huanjing')
    await openMenu(page)
    await page.getByTestId('staff-menu-tab-plots').tap()
    const item = page.getByTestId('plot-item').first()
    const centre = await plotCentre(page, Number(await item.getAttribute('data-plot-id')))
    await putLow(page, centre)
    await item.tap()
    const profile = page.getByTestId('plot-profile').first()
    await profile.waitFor()
    await expect(page.getByTestId('side-panel').isVisible(), 'the tab sheet makes way').resolves.toBe(false)
    const box = (await profile.boundingBox())!
    expect(box.x).toBe(0)
    expect(box.width).toBe(PHONE.width)
    expect(await visibleMapShare(page)).toBeGreaterThanOrEqual(0.4)
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
    await expect.poll(async () => (await placeOf(page, centre)).isInView, { timeout: 10_000 }).toBe(true)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-plot-profile.png` })
  })

  it('when an officer on a phone taps a plot low on the map, then the map moves it above its profile', async () => {
    const page = await openStaff('huanjing')
    const plots = await apiGet(page, '/api/plots')
    const centre = await plotCentre(page, plots.body.items[0].id)
    await putLow(page, centre)
    const { x, y } = await placeOf(page, centre)
    await page.touchscreen.tap(x, y)
    await page.getByTestId('plot-profile').first().waitFor()
    await expect.poll(async () => (await placeOf(page, centre)).isInView, { timeout: 10_000 }).toBe(true)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-plot-tapped.png` })
  })

  it('when an officer on a phone allows the location and taps 定位, then the map flies there and shows the position', async () => {
    const page = await openStaff('huanjing', PHONE, {
      geolocation: { longitude: IN_COUNTY[0], latitude: IN_COUNTY[1], accuracy: 30 },
      permissions: ['geolocation'],
    })
    const before = await mapCentre(page)
    expect(Math.abs(before[0] - IN_COUNTY[0]) + Math.abs(before[1] - IN_COUNTY[1])).toBeGreaterThan(0.001)
    const button = page.getByTestId('locate-me')
    const box = (await button.boundingBox())!
    expect(box.height).toBeGreaterThanOrEqual(44)
    await button.tap()
    await expect.poll(() => page.getByTestId('locate-status').textContent()).toContain('精度约 30 米')
    await waitForMap(page)
    const [lng, lat] = await mapCentre(page)
    expect(lng).toBeCloseTo(IN_COUNTY[0], 4)
    expect(lat).toBeCloseTo(IN_COUNTY[1], 4)
    const drawn = await page.evaluate(() => {
      const map = (window as any).__soilMap
      const point = map.project(map.getCenter())
      return map
        .queryRenderedFeatures(point)
        .filter((f: any) => f.source === 'soil-overlay-my-position')
        .map((f: any) => f.geometry.type)
    })
    expect(drawn, 'the dot and the accuracy circle').toEqual(expect.arrayContaining(['Point', 'Polygon']))
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-locate.png` })
  })

  it('when an officer refuses the location, then 定位 says how to allow it', async () => {
    const page = await openStaff('gengdi')
    await page.getByTestId('locate-me').tap()
    await expect
      .poll(() => page.getByTestId('locate-status').textContent(), { timeout: 20_000 })
      .toContain('未获得位置权限')
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-locate-refused.png` })
  })

  it('when the officer is outside the counties of their scope, then 定位 says so, names them and leaves the map', async () => {
    const page = await openStaff('gengdi', PHONE, {
      geolocation: { longitude: BEIJING[0], latitude: BEIJING[1], accuracy: 20 },
      permissions: ['geolocation'],
    })
    const before = await mapCentre(page)
    await page.getByTestId('locate-me').tap()
    const status = page.getByTestId('locate-status')
    await expect.poll(() => status.textContent()).toContain('不在您管辖的区县内')
    await expect(status.textContent()).resolves.toContain('赫山区')
    const after = await mapCentre(page)
    expect(after[0]).toBeCloseTo(before[0], 6)
  })

  it('when an officer taps the map on a phone, then the status bar shows the position of the tap', async () => {
    const page = await openStaff('shending')
    const coords = page.getByTestId('cursor-coords')
    await expect(coords.textContent()).resolves.toContain('点按地图')
    const map = (await page.locator('.map-view').boundingBox())!
    const at = { x: map.x + map.width / 2 + 40, y: map.y + 60 }
    await page.touchscreen.tap(at.x, at.y)
    const expected = await page.evaluate(({ x, y }) => {
      const map = (window as any).__soilMap
      const rect = map.getCanvas().getBoundingClientRect()
      const { lng, lat } = map.unproject([x - rect.left, y - rect.top])
      return [lng, lat]
    }, at)
    await expect.poll(() => coords.textContent()).toMatch(/东经 [\d.]+°，北纬 [\d.]+°/)
    const shown = (await coords.textContent())!.match(/[\d.]+/g)!.map(Number)
    expect(shown[0]).toBeCloseTo(expected[0], 4)
    expect(shown[1]).toBeCloseTo(expected[1], 4)
    await page.getByTestId('staff-menu-button').tap()
    await page.getByTestId('staff-menu-button').tap()
    await expect(coords.textContent(), 'a tap outside the map keeps the last position').resolves.toContain(
      String(shown[0]),
    )
    const status = await page.getByTestId('status-bar').evaluate((el) => [el.scrollWidth, el.clientWidth])
    expect(status[0], 'the status bar fits').toBeLessThanOrEqual(status[1])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-status-tap.png` })
  })

  it('when /precheck opens on a phone, then the form comes first and the map is never covered whole', async () => {
    const page = await openStaff('ziyuan')
    await page.goto(`${appUrl}/precheck`)
    await page.getByTestId('precheck-name').waitFor()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-phone-precheck.png`, fullPage: true })
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width)
    const form = (await page.getByTestId('precheck-name').boundingBox())!
    expect(form.y, 'the form at the top').toBeLessThan(PHONE.height)
    const cover = await page.evaluate(() => {
      const map = document.querySelector('.map-view')!.getBoundingClientRect()
      const panels = [...document.querySelectorAll('.precheck-panel, .precheck-page aside, .check-side')]
      return panels.some((el) => {
        const r = el.getBoundingClientRect()
        return r.left <= map.left && r.right >= map.right && r.top <= map.top && r.bottom >= map.bottom
      })
    })
    expect(cover, 'no panel covers the whole map').toBe(false)
    const submit = (await page.getByTestId('precheck-submit').boundingBox())!
    const map = (await page.locator('.map-view').boundingBox())!
    expect(submit.y + submit.height, 'the whole form above the map').toBeLessThanOrEqual(map.y)
    expect(map.height).toBeGreaterThan(PHONE.height * 0.4)
  })

  it('when the staff map opens on a tablet (768×1024), then the side panel, map and status bar fit and ☰ leads to the pages', async () => {
    const page = await openStaff('shending', TABLET)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-tablet-map.png` })
    expect(await scrollWidth(page)).toBeLessThanOrEqual(TABLET.width)
    const status = await page.getByTestId('status-bar').evaluate((el) => [el.scrollWidth, el.clientWidth])
    expect(status[0], 'the status bar fits').toBeLessThanOrEqual(status[1])
    await expect(page.getByTestId('locate-me').isVisible()).resolves.toBe(true)
    const map = (await page.locator('.map-view').boundingBox())!
    expect(map.width * map.height).toBeGreaterThan(TABLET.width * TABLET.height * 0.4)
    await openMenu(page)
    await page.getByTestId('staff-menu-page-statistics').tap()
    await expect.poll(() => page.evaluate(() => location.pathname)).toBe('/statistics')
    expect(await scrollWidth(page)).toBeLessThanOrEqual(TABLET.width)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-tablet-statistics.png` })
  })

  it('when the staff map opens on a desktop (1440×900), then there is no ☰ menu and the side panel shows', async () => {
    const page = await openStaff('admin', DESKTOP)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/staff-desktop-map.png` })
    await expect(page.getByTestId('staff-menu-button').isVisible()).resolves.toBe(false)
    await expect(page.getByTestId('side-panel').isVisible()).resolves.toBe(true)
    await expect(page.getByTestId('cursor-coords').textContent()).resolves.toContain('将鼠标移到地图上')
  })
})

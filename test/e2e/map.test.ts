import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'
import { SCREENSHOT_DIR, isBrowserMissing, launchChromium } from '../support/browser.ts'

const skip = isBrowserMissing()

describe.skipIf(skip)('the one map in Chromium (farmland officer of 赫山区)', () => {
  let browser: Browser
  let page: Page
  const appUrl = inject('appUrl')
  const errors: string[] = []

  /** A JSON API answer fetched inside the page, with the user's session cookie. */
  const apiGet = (path: string) => page.evaluate(async (url) => (await fetch(url)).json(), path)

  const waitIdle = () =>
    page.waitForFunction(
      () => {
        const map = (window as any).__soilMap
        return map && map.loaded() && !map.isMoving() && map.areTilesLoaded()
      },
      undefined,
      { timeout: 60_000 },
    )

  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    browser = await launchChromium()
    page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
    page.on('pageerror', (e) => errors.push(e.message))
    await page.goto(appUrl)
    await page.getByTestId('login-username').click()
    await page.keyboard.type('gengdi')
    await page.getByTestId('login-password').click()
    await page.keyboard.type(SAMPLE_PASSWORD)
    await page.keyboard.press('Enter')
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
    await waitIdle()
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('when the officer has logged in, then the map opens on the county in scope, drawn with its name, and the layer switcher lists every group', async () => {
    const drawn = await page.evaluate(() => {
      const map = (window as any).__soilMap
      return {
        counties: new Set(map.queryRenderedFeatures({ layers: ['county-fill'] }).map((f: any) => f.properties.name))
          .size,
        labels: map.queryRenderedFeatures({ layers: ['county-label'] }).length,
      }
    })
    expect(drawn.counties).toBe(1)
    expect(drawn.labels).toBeGreaterThan(0)
    for (const group of [
      'county',
      'township',
      'parcel',
      'monitoring-point',
      'contaminated-plot',
      'control-zone',
      'enterprise',
    ]) {
      await expect(page.getByTestId(`layer-toggle-${group}`).isChecked()).resolves.toBe(true)
    }
    await expect(page.getByTestId('legend').first().textContent()).resolves.toContain('优先保护')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/01-overview.png` })
    expect(errors).toEqual([])
  })

  it('when a layer is switched off and on, then its map layers hide and show again', async () => {
    const visibility = () =>
      page.evaluate(() => (window as any).__soilMap.getLayoutProperty('county-line', 'visibility') ?? 'visible')
    await page.getByTestId('layer-toggle-county').click()
    await expect.poll(visibility).toBe('none')
    await page.getByTestId('layer-toggle-county').click()
    await expect.poll(visibility).toBe('visible')
  })

  it('when a township is searched and chosen, then the map flies to it', async () => {
    const { results } = await apiGet(`/api/search?q=${encodeURIComponent('泉交河')}`)
    const [w, s, e, n] = results.find((r: any) => r.kind === 'township').bbox
    await page.getByTestId('search-input').click()
    await page.keyboard.type('泉交河')
    await page.getByTestId('search-result').first().waitFor()
    await expect(page.getByTestId('search-result').first().textContent()).resolves.toContain('泉交河')
    await page.getByTestId('search-result').first().click()
    await waitIdle()
    const center = await page.evaluate(() => (window as any).__soilMap.getCenter())
    expect(center.lng).toBeGreaterThan(w)
    expect(center.lng).toBeLessThan(e)
    expect(center.lat).toBeGreaterThan(s)
    expect(center.lat).toBeLessThan(n)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/02-search-township.png` })
  })

  it("when a parcel code of a county outside the officer's scope is searched, then nothing is found", async () => {
    await page.getByTestId('search-input').click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('220322-0000')
    await expect
      .poll(() => page.locator('.search-message').first().textContent(), { timeout: 15_000 })
      .toBe('未找到匹配的区县、乡镇、图斑或地块')
    await expect(page.getByTestId('search-result').count()).resolves.toBe(0)
    await page.keyboard.press('Escape')
  })

  it('when a parcel is clicked, then its info panel opens with its code and class in Chinese', async () => {
    const search = await apiGet(`/api/search?q=${encodeURIComponent('430903-00001')}`)
    const target = search.results.find((r: any) => r.kind === 'parcel')
    const [w, s, e, n] = target.bbox
    await page.evaluate(
      ([lng, lat]) => (window as any).__soilMap.jumpTo({ center: [lng, lat], zoom: 16.5 }),
      [(w + e) / 2, (s + n) / 2],
    )
    await waitIdle()
    const hit = await page.evaluate(() => {
      const map = (window as any).__soilMap
      const canvas = map.getCanvas().getBoundingClientRect()
      const point = map.project(map.getCenter())
      const [feature] = map.queryRenderedFeatures(point, { layers: ['parcel-fill'] })
      return feature
        ? { id: feature.id, code: feature.properties.code, x: canvas.left + point.x, y: canvas.top + point.y }
        : null
    })
    expect(hit, 'a parcel is drawn under the map centre').not.toBeNull()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/03-parcels.png` })
    await page.mouse.click(hit!.x, hit!.y)
    const panel = page.getByTestId('info-panel')
    await panel.waitFor()
    await expect
      .poll(() => page.getByTestId('info-title').textContent(), { timeout: 15_000 })
      .toBe(`耕地图斑 ${hit!.code}`)
    await expect(panel.textContent()).resolves.toMatch(/类别(优先保护类|安全利用类|严格管控类|未划定)/)
    await expect(panel.textContent()).resolves.toContain('亩')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/04-parcel-info.png` })
    expect(errors).toEqual([])
  })
})

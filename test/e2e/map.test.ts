import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser } from '../support/browser.ts'

const skip = isBrowserMissing()

describe.skipIf(skip)('the one map in Chromium (farmland officer of 赫山区)', () => {
  const { open, errors } = useBrowser()
  /** The officer's map, signed in on a page of its own. */
  const openMap = () => open({ as: 'gengdi', viewport: { width: 1400, height: 900 } })

  /** A JSON API answer fetched inside the page, with the user's session cookie. */
  const apiGet = (page: Page, path: string) => page.evaluate(async (url) => (await fetch(url)).json(), path)

  const waitIdle = (page: Page) =>
    page.waitForFunction(
      () => {
        const map = (window as any).__soilMap
        return map && map.loaded() && !map.isMoving() && map.areTilesLoaded()
      },
      undefined,
      { timeout: 60_000 },
    )

  it('when the officer has logged in, then the map opens on the county in scope, drawn with its name, and the layer switcher lists every group', async () => {
    const page = await openMap()
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
    const page = await openMap()
    const visibility = () =>
      page.evaluate(() => (window as any).__soilMap.getLayoutProperty('county-line', 'visibility') ?? 'visible')
    await page.getByTestId('layer-toggle-county').click()
    await expect.poll(visibility).toBe('none')
    await page.getByTestId('layer-toggle-county').click()
    await expect.poll(visibility).toBe('visible')
  })

  it('when a township is searched and chosen, then the map flies to it', async () => {
    const page = await openMap()
    const { results } = await apiGet(page, `/api/search?q=${encodeURIComponent('泉交河')}`)
    const [w, s, e, n] = results.find((r: any) => r.kind === 'township').bbox
    await page.getByTestId('search-input').click()
    await page.keyboard.type('泉交河')
    await page.getByTestId('search-result').first().waitFor()
    await expect(page.getByTestId('search-result').first().textContent()).resolves.toContain('泉交河')
    await page.getByTestId('search-result').first().click()
    await waitIdle(page)
    const center = await page.evaluate(() => (window as any).__soilMap.getCenter())
    expect(center.lng).toBeGreaterThan(w)
    expect(center.lng).toBeLessThan(e)
    expect(center.lat).toBeGreaterThan(s)
    expect(center.lat).toBeLessThan(n)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/02-search-township.png` })
  })

  it("when a parcel code of a county outside the officer's scope is searched, then nothing is found", async () => {
    const page = await openMap()
    await page.getByTestId('search-input').click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('220322-0000')
    await expect
      .poll(() => page.locator('.search-message').first().textContent(), { timeout: 15_000 })
      .toBe('未找到名称或编号中含“220322-0000”的区县、乡镇、图斑、地块或监测点位')
    await expect(page.getByTestId('search-result').count()).resolves.toBe(0)
    await page.keyboard.press('Escape')
  })

  it('when a parcel is clicked, then its info panel opens with its code and class in Chinese', async () => {
    const page = await openMap()
    const search = await apiGet(page, `/api/search?q=${encodeURIComponent('430903-00001')}`)
    const target = search.results.find((r: any) => r.kind === 'parcel')
    const [w, s, e, n] = target.bbox
    await page.evaluate(
      ([lng, lat]) => (window as any).__soilMap.jumpTo({ center: [lng, lat], zoom: 16.5 }),
      [(w + e) / 2, (s + n) / 2],
    )
    await waitIdle(page)
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

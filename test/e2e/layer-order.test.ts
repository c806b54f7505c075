import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { SCREENSHOT_DIR, isBrowserMissing, logIn, useBrowser, waitForMap } from '../support/browser.ts'

const skip = isBrowserMissing()

/** What the page's map draws: the opacity of the plots' fill and the places of the plot and zone fills. */
function readMap(page: Page) {
  return page.evaluate(() => {
    const map = (window as any).__soilMap
    const order: string[] = map.getLayersOrder()
    return {
      plotFillOpacity: map.getPaintProperty('plot-fill', 'fill-opacity') as number,
      plotLineOpacity: map.getPaintProperty('plot-line', 'line-opacity') as number,
      zoneFillAt: order.indexOf('control-zone-fill'),
      plotFillAt: order.indexOf('plot-fill'),
      zoneLineAt: order.indexOf('control-zone-line'),
      plotLineAt: order.indexOf('plot-line'),
    }
  })
}

/** The group ids of the layer panel's rows, top first. */
function panelOrder(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid^=layer-row-]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')!.replace('layer-row-', '')))
}

describe.skipIf(skip)('layer opacity and order on the staff map in Chromium', () => {
  const { open, errors } = useBrowser()

  it('when an officer fades 污染地块 to 40 % and moves 管控区域 above it with the keyboard, then the map draws so and a reload keeps it for that officer only', async () => {
    const page = await open({ as: 'gengdi' })
    const before = await readMap(page)
    expect(before.plotFillOpacity).toBeCloseTo(0.6, 5)
    expect(before.zoneFillAt).toBeLessThan(before.plotFillAt)
    const rows = await panelOrder(page)
    const steps = rows.indexOf('control-zone') - rows.indexOf('contaminated-plot')
    expect(steps).toBeGreaterThan(0)

    await page.getByTestId('layer-opacity-contaminated-plot').focus()
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowLeft')
    await expect.poll(() => page.getByTestId('layer-row-contaminated-plot').locator('output').textContent()).toBe('40%')
    await page.getByTestId('layer-up-control-zone').focus()
    for (let i = 0; i < steps; i++) await page.keyboard.press('Enter')

    const after = await readMap(page)
    expect(after.plotFillOpacity).toBeCloseTo(0.24, 5)
    expect(after.plotLineOpacity).toBeCloseTo(0.4, 5)
    expect(after.zoneFillAt).toBeGreaterThan(after.plotFillAt)
    expect(after.zoneLineAt).toBeGreaterThan(after.plotLineAt)
    const moved = await panelOrder(page)
    expect(moved.indexOf('control-zone')).toBe(moved.indexOf('contaminated-plot') - 1)
    await page.getByTestId('layer-row-control-zone').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/layer-order-1440.png` })

    await page.reload()
    await waitForMap(page)
    await expect.poll(() => readMap(page)).toEqual(after)
    expect(await panelOrder(page)).toEqual(moved)
    expect(await page.getByTestId('layer-opacity-contaminated-plot').inputValue()).toBe('40')

    await page.getByTestId('user-menu-button').click()
    await page.getByTestId('user-menu-logout').click()
    await page.waitForURL(/\/login$/)
    await logIn(page, 'huanjing')
    const other = await readMap(page)
    expect(other.plotFillOpacity).toBeCloseTo(0.6, 5)
    expect(other.zoneFillAt).toBeLessThan(other.plotFillAt)
    expect(errors).toEqual([])
  })
})

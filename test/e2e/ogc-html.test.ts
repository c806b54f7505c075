import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser } from '../support/browser.ts'

/**
 * The HTML pages of the data sharing service in Chromium: an officer opens /ogc in the browser, goes to the
 * collections, a collection and its features by the links, on a desktop and on a phone; nothing is loaded from
 * elsewhere and nothing overflows the narrow screen.
 */
describe.skipIf(isBrowserMissing())('数据共享服务的网页 in Chromium', () => {
  const { open, errors } = useBrowser()
  const appUrl = inject('appUrl')

  /** Every address the page asks for, to check that all of them are this server's. */
  const watchRequests = (page: Page) => {
    const urls: string[] = []
    page.on('request', (r) => urls.push(r.url()))
    return urls
  }

  /** Takes the screenshot of a page and checks that nothing is wider than the screen (wide tables scroll inside). */
  async function shoot(page: Page, name: string, width: number) {
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ogc-html-${name}-${width}.png`, fullPage: true })
    expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(width)
  }

  async function walk(page: Page, width: number) {
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('数据共享服务')
    await shoot(page, '01-landing', width)

    await page.getByRole('link', { name: '数据集', exact: true }).click()
    await page.waitForURL(/\/ogc\/collections\?f=html$/)
    await page.locator('tr[data-collection="plots"]').waitFor()
    await shoot(page, '02-collections', width)

    await page.locator('tr[data-collection="plots"] a').first().click()
    await page.waitForURL(/\/ogc\/collections\/plots\?f=html$/)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('污染地块名录（公开）')
    await shoot(page, '03-collection', width)

    await page.getByRole('link', { name: '要素', exact: true }).click()
    await page.waitForURL(/\/ogc\/collections\/plots\/items\?f=html$/)
    await page.locator('figure.map svg path').first().waitFor()
    expect(await page.locator('tr[data-feature]').count()).toBeGreaterThan(0)
    const box = await page.locator('figure.map svg').boundingBox()
    expect(box!.width).toBeGreaterThan(width / 2)
    expect(box!.height).toBeGreaterThan(100)
    await shoot(page, '04-items', width)

    await page.locator('tr[data-feature] a').first().click()
    await page.waitForURL(/\/ogc\/collections\/plots\/items\/\d+\?f=html$/)
    await page.locator('figure.map svg').waitFor()
    await shoot(page, '05-item', width)
  }

  it('when an officer opens /ogc on a desktop, then the pages lead from the landing page to a feature', async () => {
    const page = await open({ path: '/ogc' })
    const urls = watchRequests(page)
    await walk(page, 1440)
    expect(urls.filter((u) => !u.startsWith(appUrl))).toEqual([])
    expect(errors).toEqual([])
  })

  it('when the pages are opened on a phone, then they fit the narrow screen (wide tables scroll inside)', async () => {
    const page = await open({ path: '/ogc', viewport: { width: 390, height: 844 } })
    const urls = watchRequests(page)
    await walk(page, 390)
    expect(urls.filter((u) => !u.startsWith(appUrl))).toEqual([])
    expect(errors).toEqual([])
  })
})

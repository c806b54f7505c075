import { describe, expect, it } from 'vitest'
import { SCREENSHOT_DIR, isBrowserMissing, logIn, useBrowser } from '../support/browser.ts'

/**
 * 数据共享密钥 in Chromium: the administrator issues a key for 赫山区's parcels, sees it once with the QGIS and GDAL
 * how-to, the key reads the parcels from /ogc, the use appears in the log, and revoking it stops it.
 */
describe.skipIf(isBrowserMissing())('数据共享密钥 in Chromium', () => {
  const { open, errors } = useBrowser()

  it('when the administrator issues a key, then it is shown once, reads the parcels, is logged and can be revoked', async () => {
    const page = await open({ as: 'admin' })
    await page.getByTestId('user-menu-button').click()
    await page.getByTestId('user-menu-ogc-keys').click()
    await page.waitForURL(/\/admin\/ogc-keys$/)
    await page.getByTestId('ogc-keys-table').waitFor()
    const holder = `浏览器测试 ${Date.now().toString(36)}`
    await page.getByTestId('ogc-key-create').click()
    await page.getByTestId('ogc-key-holder').fill(holder)
    await page.getByTestId('ogc-key-collection-monitoring-points').uncheck()
    await page.getByTestId('ogc-key-collection-contaminated-plots').uncheck()
    const county = page.getByTestId('ogc-key-county-430903')
    if (!(await county.isChecked())) await county.check()
    await page.getByTestId('ogc-key-note').fill('省级平台对接测试')
    await page.getByTestId('ogc-key-submit').click()
    const shown = page.getByTestId('ogc-key-plain')
    await shown.waitFor()
    const key = (await shown.textContent())!.trim()
    expect(key).toMatch(/^sk_[A-Za-z0-9_-]{32}$/)
    expect(await page.getByTestId('ogc-key-issued').textContent()).toContain('GDAL_HTTP_HEADERS')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ogc-keys-01-issued-1440.png` })
    await page.getByTestId('ogc-key-done').click()

    const read = await page.evaluate(async (k) => {
      const res = await fetch('/ogc/collections/farmland-parcels/items?limit=3', {
        headers: { 'X-API-Key': k },
        credentials: 'omit',
      })
      return { status: res.status, count: (await res.json()).features?.length }
    }, key)
    expect(read).toEqual({ status: 200, count: 3 })

    await page.reload()
    const row = page.locator(`[data-testid="ogc-key-row"][data-holder="${holder}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain(key.slice(0, 9))
    expect(await page.content()).not.toContain(key.slice(9))
    await row.getByTestId('ogc-key-log').click()
    await expect.poll(() => page.getByTestId('ogc-key-uses').textContent()).toMatch(/farmland-parcels\s*3/)
    page.once('dialog', (d) => void d.accept())
    await row.getByTestId('ogc-key-revoke').click()
    await expect.poll(() => row.getByTestId('ogc-key-state').textContent()).toBe('已吊销')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ogc-keys-02-list-1440.png`, fullPage: true })
    const refused = await page.evaluate(
      async (k) => (await fetch('/ogc/collections', { headers: { 'X-API-Key': k }, credentials: 'omit' })).status,
      key,
    )
    expect(refused).toBe(401)
    expect(errors).toEqual([])
  })

  it('when the page is opened on a phone, then it fits the narrow screen', async () => {
    const page = await open({ path: '/admin/ogc-keys', viewport: { width: 390, height: 844 } })
    await page.waitForURL(/\/login/)
    await logIn(page, 'admin', undefined, { until: 'answer' })
    await page.getByTestId('ogc-keys-page').waitFor()
    await page.getByTestId('ogc-keys-table').waitFor()
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    expect(width).toBeLessThanOrEqual(390)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ogc-keys-03-list-390.png`, fullPage: true })
    await page.getByTestId('ogc-key-create').click()
    await page.getByTestId('ogc-key-dialog').waitFor()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ogc-keys-04-issue-390.png` })
    expect(errors).toEqual([])
  })
})

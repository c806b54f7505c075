import { describe, expect, it } from 'vitest'
import { SCREENSHOT_DIR, isBrowserMissing, logIn, useBrowser } from '../support/browser.ts'

/**
 * 资源共享目录 in Chromium: an officer opens it from the header, reads a collection's figures and fields, copies the
 * QGIS steps with the service address; on a phone the page fits the screen and the tables scroll in their box.
 */
describe.skipIf(isBrowserMissing())('资源共享目录 in Chromium', () => {
  const { open, errors } = useBrowser()

  it('when an officer opens the catalogue, then each collection shows its fields and the steps copy with the address', async () => {
    const page = await open({ as: 'gengdi' })
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
    await page.getByTestId('nav-sharing').click()
    await page.waitForURL(/\/sharing$/)
    const parcels = page.locator('[data-testid="sharing-collection"][data-collection="farmland-parcels"]')
    await parcels.waitFor()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sharing-catalogue-01-top-1440.png` })
    expect(await parcels.getByTestId('sharing-access').textContent()).toBe('内部')
    expect(await parcels.getByTestId('sharing-count').textContent()).toMatch(/^[\d,]+您管辖的区县：赫山区$/)
    expect(await parcels.getByTestId('sharing-crs').textContent()).toContain('CGCS2000 地理坐标（EPSG:4490')
    expect(await parcels.getByTestId('sharing-keys').textContent()).toMatch(/持有有效密钥/)
    expect(await page.getByTestId('sharing-open-keys').count()).toBe(0)

    await parcels.getByTestId('sharing-fields').locator('summary').click()
    const code = parcels.locator('[data-testid="sharing-field"][data-field="code"]')
    await code.waitFor()
    expect(await code.locator('td').nth(1).textContent()).not.toBe('')
    expect(await parcels.getByTestId('sharing-field').count()).toBeGreaterThan(5)

    await parcels.getByTestId('sharing-connect').locator('summary').click()
    const serviceUrl = (await page.getByTestId('sharing-service-url').textContent())!.trim()
    expect(serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ogc$/)
    const qgis = (await parcels.getByTestId('sharing-connect-text').textContent())!
    expect(qgis).toContain(`“URL”填：${serviceUrl}`)
    expect(qgis).toContain('API Header')
    expect(qgis).toContain('X-API-Key')
    await parcels.getByTestId('sharing-copy').click()
    await expect.poll(() => parcels.getByTestId('sharing-copy').textContent()).toBe('已复制')
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(qgis)

    await parcels.getByTestId('sharing-connect-arcgis').click()
    expect(await parcels.getByTestId('sharing-connect-text').textContent()).toContain('参数填 key')
    await parcels.getByTestId('sharing-connect-gdal').click()
    expect(await parcels.getByTestId('sharing-connect-text').textContent()).toContain(
      `ogrinfo -so --config GDAL_HTTP_HEADERS "X-API-Key: 您的数据共享密钥" "OAPIF:${serviceUrl}" farmland-parcels`,
    )
    await parcels.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sharing-catalogue-02-collection-1440.png` })

    await page
      .getByTestId('sharing-index')
      .getByRole('button', { name: /污染地块名录/ })
      .click()
    const plots = page.locator('[data-testid="sharing-collection"][data-collection="plots"]')
    const topOfPlots = () => plots.evaluate((el) => Math.round(el.getBoundingClientRect().top))
    await expect.poll(async () => Math.abs((await topOfPlots()) - 80)).toBeLessThan(40)
    expect(await plots.getByTestId('sharing-access').textContent()).toBe('公开')
    expect(await plots.getByTestId('sharing-keys').textContent()).toContain('无需密钥')
    expect(await page.content()).not.toMatch(/sk_[A-Za-z0-9_-]{32}/)
    expect(errors).toEqual([])
  })

  it('when the administrator opens it, then he sees the holders and reaches the keys page', async () => {
    const page = await open({ as: 'admin' })
    const holder = `目录测试 ${Date.now().toString(36)}`
    const issued = await page.evaluate(async (name) => {
      const { csrfToken } = await (await fetch('/api/session')).json()
      const res = await fetch('/api/admin/ogc-keys', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
        body: JSON.stringify({
          holder: name,
          holderKind: 'system',
          collections: ['monitoring-points'],
          adcodes: ['430903'],
          expiresOn: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
        }),
      })
      const body = await res.json()
      return { status: res.status, id: body.record?.id as number, key: body.key as string }
    }, holder)
    expect(issued.status).toBe(201)
    await page.getByTestId('user-menu-button').click()
    await page.getByTestId('user-menu-sharing').click()
    await page.waitForURL(/\/sharing$/)
    const points = page.locator('[data-testid="sharing-collection"][data-collection="monitoring-points"]')
    await points.waitFor()
    const holders = points.getByTestId('sharing-holders')
    expect(await holders.textContent()).toContain(holder)
    expect(await holders.textContent()).toContain('业务系统')
    expect(await page.content()).not.toContain(issued.key)
    await points.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sharing-catalogue-06-admin-1440.png` })
    const revoked = await page.evaluate(async (id) => {
      const { csrfToken } = await (await fetch('/api/session')).json()
      return (
        await fetch(`/api/admin/ogc-keys/${id}/revoke`, { method: 'POST', headers: { 'X-CSRF-Token': csrfToken } })
      ).status
    }, issued.id)
    expect(revoked).toBe(200)
    await page.getByTestId('sharing-open-keys').click()
    await page.waitForURL(/\/admin\/ogc-keys$/)
    expect(errors).toEqual([])
  })

  it('when the catalogue is opened on a phone, then it fits the narrow screen and the fields table scrolls in its box', async () => {
    const page = await open({ path: '/sharing', viewport: { width: 390, height: 844 } })
    await page.waitForURL(/\/login/)
    await logIn(page, 'gengdi', undefined, { until: 'answer' })
    const parcels = page.locator('[data-testid="sharing-collection"][data-collection="farmland-parcels"]')
    await parcels.waitFor()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sharing-catalogue-03-top-390.png` })
    await parcels.getByTestId('sharing-fields').locator('summary').click()
    await parcels.getByTestId('sharing-connect').locator('summary').click()
    await parcels.getByTestId('sharing-field').first().waitFor()
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    const box = await parcels
      .locator('.table-card')
      .evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }))
    expect(box.client).toBeLessThanOrEqual(390)
    await parcels.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sharing-catalogue-04-collection-390.png` })
    await parcels.getByTestId('sharing-connect').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await page.screenshot({ path: `${SCREENSHOT_DIR}/sharing-catalogue-05-connect-390.png` })
    expect(errors).toEqual([])
  })
})

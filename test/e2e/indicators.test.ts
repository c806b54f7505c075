import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import {
  SCREENSHOT_DIR,
  apiGet,
  isBrowserMissing,
  logIn,
  typeInto,
  useBrowser,
  waitForMap,
} from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { TEST_PASSWORD, createTestUser } from '../support/users.ts'

const skip = isBrowserMissing()

describe.skipIf(skip)(
  '安全利用率 in Chromium: each county against its target, the rows behind a figure, targets, 黑土区',
  () => {
    const { open, errors } = useBrowser()
    let db: Database
    const usernames: string[] = []

    /** Opens /indicators, logs in as `username` on the way, and waits for the farmland table. */
    async function openIndicators(username: string, password?: string): Promise<Page> {
      const page = await open({ path: '/indicators', viewport: { width: 1400, height: 1000 } })
      await page.waitForURL(/\/login\?next=%2Findicators|\/login\?next=\/indicators/)
      await logIn(page, username, password, { until: 'answer' })
      await page.getByTestId('farmland-table').waitFor()
      return page
    }

    beforeAll(async () => {
      db = connectTestDatabase()
    })
    const removeTestTargets = () =>
      db.query(`DELETE FROM indicator_target WHERE jurisdiction = '430903' AND source LIKE 'E2E%'`)
    afterAll(async () => {
      await removeTestTargets()
      await db.query(`DELETE FROM app_user WHERE username = ANY($1::text[])`, [usernames])
      await db.close()
    })

    it('when the farmland officer opens /indicators, then 赫山区 is read against the target that applies, and the rows behind E sum to E', async () => {
      const page = await openIndicators('gengdi')
      const api = (await apiGet(page, '/api/indicators/farmland')).body
      const heshan = api.counties.find((c: any) => c.adcode === '430903')
      const row = page.locator('[data-testid="farmland-row"][data-adcode="430903"]')
      await expect.poll(() => row.getByTestId('farmland-rate').textContent()).toBe(`${heshan.ratePct}%`)
      expect(await row.getByTestId('applied-target').textContent()).toContain(
        `${heshan.target.comparatorName} ${heshan.target.targetPct}%`,
      )
      expect(await row.getByTestId('applied-target').textContent()).toContain(
        `${heshan.target.jurisdictionName} ${heshan.target.year} 年`,
      )
      expect(await row.getByTestId(heshan.isMet ? 'met' : 'not-met').count()).toBe(1)
      expect(
        await page
          .locator('[data-testid="farmland-chart"] [data-testid="rate-bar"][data-name="赫山区"]')
          .getAttribute('data-met'),
      ).toBe(String(heshan.isMet))
      await page.screenshot({ path: `${SCREENSHOT_DIR}/97-indicators-farmland.png`, fullPage: true })

      await row.getByTestId('farmland-E').click()
      const drawer = page.getByTestId('indicator-rows')
      await drawer.getByTestId('indicator-row').first().waitFor()
      expect(await drawer.getByTestId('indicator-row').count()).toBe(heshan.E.count)
      expect(await drawer.getByTestId('indicator-rows-total').textContent()).toContain(`${heshan.E.count} 个图斑`)
      const rowMu = (await drawer.getByTestId('indicator-row-mu').allTextContents()).map((t) =>
        Number(t.replace(/,/g, '')),
      )
      expect(rowMu.reduce((s, v) => s + v, 0)).toBeCloseTo(heshan.E.areaMu, 0)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/97-indicators-rows-e.png` })
      await drawer.getByTestId('indicator-rows-close').click()
      await drawer.waitFor({ state: 'detached' })

      await page.getByTestId('indicator-year').selectOption('2020')
      await expect.poll(() => row.getByTestId('applied-target').textContent()).toContain('益阳市 2020 年')
      expect(errors).toEqual([])
    })

    it('when a parcel code in the rows is followed, then the map opens with that parcel selected', async () => {
      const page = await openIndicators('gengdi')
      await page.locator('[data-testid="farmland-row"][data-adcode="430903"]').getByTestId('farmland-E').click()
      const link = page.getByTestId('indicator-rows').getByTestId('indicator-row-locate').first()
      const code = (await link.textContent())!.trim()
      await link.click()
      await waitForMap(page)
      await expect.poll(() => page.getByTestId('info-title').textContent(), { timeout: 15_000 }).toContain(code)
      await expect.poll(() => page.evaluate(() => (window as any).__soilMap.getZoom() as number)).toBeGreaterThan(14)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/97-indicators-parcel-on-map.png` })
      expect(errors).toEqual([])
    })

    it("when the administrator adds a target for 赫山区 2020, then the county reads against it instead of 益阳市's", async () => {
      // the county's own 2020 target would change what the other tests read: it is removed when this test ends
      onTestFinished(() => removeTestTargets().then(() => undefined))
      const page = await openIndicators('admin')
      await page.getByTestId('indicator-year').selectOption('2020')
      await page.getByTestId('target-add').click()
      const form = page.getByTestId('target-form')
      await form.getByTestId('target-jurisdiction').selectOption('430903')
      await typeInto(page, 'target-year', '2020', { replace: true, within: form })
      await typeInto(page, 'target-pct-input', '120', { replace: true, within: form })
      await typeInto(page, 'target-source', 'E2E 赫山区测试规划', { within: form })
      await form.getByTestId('target-save').click()
      await expect.poll(() => form.getByTestId('target-error').textContent()).toContain('0–100')
      await typeInto(page, 'target-pct-input', '92.5', { replace: true, within: form })
      await form.getByTestId('target-save').click()
      await page.locator('[data-testid="target-row"][data-jurisdiction="430903"][data-year="2020"]').waitFor()
      const row = page.locator('[data-testid="farmland-row"][data-adcode="430903"]')
      await expect.poll(() => row.getByTestId('applied-target').textContent()).toContain('92.5%')
      expect(await row.getByTestId('applied-target').textContent()).toContain('赫山区 2020 年')
      await page.getByTestId('indicator-targets').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/97-indicators-targets.png`, fullPage: true })
      expect(errors).toEqual([])
    })

    it("when an officer of 梨树县 opens /indicators, then the 黑土区 section gives each township's share with the points behind it", async () => {
      const user = await createTestUser(db, { role: 'farmland', scopes: ['220322'] })
      usernames.push(user.username)
      const page = await openIndicators(user.username, TEST_PASSWORD)
      const section = page.getByTestId('black-soil')
      await section.getByTestId('black-soil-township').first().waitFor()
      const api = (await apiGet(page, '/api/indicators/black-soil?adcode=220322')).body
      expect(await section.getByTestId('black-soil-township').count()).toBe(api.townships.length)
      expect(await section.getByTestId('black-soil-total').textContent()).toContain(
        `全县 ${api.total.pointCount} 个耕地点位`,
      )
      const first = api.townships[0]
      await section
        .locator(`[data-testid="black-soil-township"][data-name="${first.name}"]`)
        .getByTestId('black-soil-open')
        .click()
      expect(await section.getByTestId('black-soil-point').count()).toBe(first.points.length)
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/97-indicators-black-soil.png`, fullPage: true })
      expect(errors).toEqual([])
    })
  },
)

import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import {
  SCREENSHOT_DIR,
  apiGet,
  isBrowserMissing,
  launchChromium,
  logIn,
  openPage,
  waitForMap,
} from '../support/browser.ts'
import { addFarmlandBlock, findUncoveredSpot } from '../support/farmland-block.ts'
import { connectTestDatabase, createTestApp } from '../support/connect.ts'
import { createTestUser, type TestUser } from '../support/users.ts'

const skip = isBrowserMissing()
const SUFFIX = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()

/**
 * 监测覆盖 in Chromium. The file runs its own app on the run's database with a coverage distance of 1 km (the
 * small test sample lies close to its points), adds a block of farmland in 赫山区 far from every point, and
 * retires 梨树县's 国控 points while it runs (restored afterwards), so one county is covered and one is not.
 */
describe.skipIf(skip)('监测覆盖 in Chromium', () => {
  let browser: Browser
  let db: Database
  let server: Server
  let appUrl = ''
  let officer: TestUser
  let retiredIds: number[] = []
  const errors: string[] = []

  beforeAll(async () => {
    db = connectTestDatabase()
    await addFarmlandBlock(db, await findUncoveredSpot(db), { codePrefix: `COVE-${SUFFIX}`, halfSizeDeg: 0.0004 })
    const { rows: retired } = await db.query(
      `UPDATE monitoring_point SET status = 'retired' WHERE adcode = '220322' AND level = 'national' AND status = 'active' RETURNING id`,
    )
    retiredIds = retired.map((r) => Number(r.id))
    expect(retiredIds.length).toBeGreaterThan(0)
    officer = await createTestUser(db, {
      role: 'environment',
      scopes: ['430903', '220322'],
      displayName: '覆盖测试生态环境管理员',
    })
    const app = createTestApp(db, { coverage: { ...loadConfig().coverage, distanceM: 1000 } })
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    browser = await launchChromium()
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await new Promise((resolve) => server?.close(resolve))
    await db.query(`UPDATE monitoring_point SET status = 'active' WHERE adcode = '220322' AND id = ANY($1::bigint[])`, [
      retiredIds,
    ])
    await db.query(`DELETE FROM farmland_parcel WHERE adcode = '430903' AND code LIKE $1`, [`COVE-${SUFFIX}-%`])
    await db.query(`DELETE FROM monitoring_point WHERE adcode = '430903' AND status = 'planned' AND created_by = $1`, [
      officer?.username ?? '',
    ])
    await db.close()
    expect(errors).toEqual([])
  })

  async function openCoverage(page: Page): Promise<void> {
    await logIn(page, officer.username, officer.password)
    await page.getByTestId('nav-coverage').click()
    await page.waitForURL(/\/coverage$/)
    await page.getByTestId('coverage-county-table').waitFor()
    await waitForMap(page)
  }

  it('when the environment officer opens 监测覆盖, then 赫山区 is 已覆盖, 梨树县 is 未覆盖 for want of a 国控 point, and the uncovered farmland and points are drawn', async () => {
    const page = await openPage(browser, appUrl, errors)
    await openCoverage(page)
    const heshan = page.getByTestId('coverage-county-430903')
    const lishu = page.getByTestId('coverage-county-220322')
    await expect.poll(() => heshan.getAttribute('data-covered')).toBe('true')
    await expect.poll(() => lishu.getAttribute('data-covered')).toBe('false')
    await expect(lishu.textContent()).resolves.toContain('未覆盖')
    await expect(page.getByTestId('coverage-reasons-220322').textContent()).resolves.toContain(
      '国控点位 0 个，少于要求的 1 个',
    )
    await expect(page.getByTestId('coverage-rollup').textContent()).resolves.toMatch(/四平市：已覆盖 0\/1 个区县/)

    await heshan.click()
    await page.getByTestId('coverage-township-table').waitFor()
    const api = await apiGet(page, '/api/coverage/uncovered?adcode=430903')
    expect(api.status).toBe(200)
    expect(api.body.total).toBeGreaterThanOrEqual(49)
    await expect
      .poll(() =>
        page.evaluate(() => {
          const map = (window as any).__soilMap
          return map.getSource('soil-overlay-coverage-uncovered')
            ? map.querySourceFeatures('soil-overlay-coverage-uncovered').length
            : 0
        }),
      )
      .toBeGreaterThan(0)
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/96-coverage-counties.png` })
    const legend = (await page.getByTestId('coverage-legend').boundingBox())!
    const scale = (await page.locator('.maplibregl-ctrl-scale').first().boundingBox())!
    expect(legend.y + legend.height, 'the legend ends above the scale bar').toBeLessThanOrEqual(scale.y)
  })

  it('when the officer runs the gap analysis and accepts the first proposal, then it becomes a planned point of 赫山区 shown on the map and in the table', async () => {
    const page = await openPage(browser, appUrl, errors)
    await openCoverage(page)
    await page.getByTestId('coverage-county-430903').click()
    await page.getByTestId('gap-k').fill('3')
    await page.getByTestId('gap-spacing').selectOption('2.5')
    await page.getByTestId('gap-run').click()
    await page.getByTestId('gap-proposal-1').waitFor()
    await expect(page.getByTestId('gap-proposal-1').textContent()).resolves.toMatch(/新增覆盖 [\d,.]+ 亩/)
    const plannedBefore = Number((await apiGet(page, '/api/coverage?adcode=430903')).body.counties[0].plannedPoints)
    await page.getByTestId('gap-level').selectOption('provincial')
    await page.getByTestId('gap-accept-1').click()
    await page.getByTestId('gap-accepted-1').waitFor()
    const code = (await page.getByTestId('gap-accepted-1').textContent())!.replace('已采纳', '').trim()
    expect(code).toMatch(/^430903-GH\d{4}$/)
    const points = await apiGet(page, '/api/coverage/points?adcode=430903')
    const planned = points.body.features.find((f: any) => f.properties.code === code)
    expect(planned.properties).toMatchObject({ status: 'planned', levelName: '省控', typeName: '基础点位' })
    await expect
      .poll(async () => Number((await apiGet(page, '/api/coverage?adcode=430903')).body.counties[0].plannedPoints))
      .toBe(plannedBefore + 1)
    await expect.poll(() => page.getByTestId('coverage-planned-430903').textContent()).toBe(String(plannedBefore + 1))
    const [lon, lat] = planned.geometry.coordinates
    await page.evaluate(([x, y]) => (window as any).__soilMap.jumpTo({ center: [x, y], zoom: 12 }), [lon, lat])
    await waitForMap(page)
    await expect
      .poll(() =>
        page.evaluate((c) => {
          const map = (window as any).__soilMap
          return map
            .querySourceFeatures('soil-overlay-coverage-points')
            .some((f: any) => f.properties.code === c && f.properties.status === 'planned')
        }, code),
      )
      .toBe(true)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/96-coverage-gaps-accepted.png` })
  })

  it('when anyone opens the public map, then its 监测覆盖 tab shows 梨树县 未覆盖 with the reason and counts only', async () => {
    const page = await openPage(browser, appUrl, errors, { path: '/public' })
    await waitForMap(page)
    await page.getByRole('tab', { name: /监测覆盖/ }).click()
    const list = page.getByTestId('public-coverage-list')
    await list.waitFor()
    await expect.poll(() => list.textContent()).toContain('梨树县')
    const text = (await list.textContent())!
    expect(text).toMatch(/梨树县[^]*未覆盖/)
    expect(text).toContain('国控点位 0 个，少于要求的 1 个')
    expect(text).not.toMatch(/-GH\d{4}|-JC\d{4}/)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/96-public-coverage.png` })
  })
})

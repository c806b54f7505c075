import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { squareRing, writeDltbShapefileZip } from '../support/dltb-fixture.ts'

const skip = isBrowserMissing()
const COUNTY = '430921'
const X0 = 37_490_000
const Y0 = 3_200_000

/**
 * 行政区管理 in Chromium. The administrator uploads a generated zipped Shapefile (GBK .dbf, EPSG:4525) of a
 * fictitious county 南县 (430921, 20 km square) whose two townships leave a 1 km strip between them (a gap), sees
 * the units and the gap on the preview map, opens the gap's place and applies; the county is removed afterwards.
 */
describe.skipIf(skip)('行政区管理 in Chromium', () => {
  const suite = useBrowser()
  let db: Database
  let file: Uint8Array

  beforeAll(async () => {
    db = connectTestDatabase()
    file = await writeDltbShapefileZip(
      [
        { properties: { XZQDM: COUNTY, XZQMC: '南县' }, rings: [squareRing(X0, Y0, 20_000)] },
        { properties: { XZQDM: '430921100', XZQMC: '南洲镇' }, rings: [squareRing(X0, Y0, 9_000)] },
        {
          properties: { XZQDM: '430921101', XZQMC: '华阁镇' },
          rings: [
            [
              [X0 + 10_000, Y0],
              [X0 + 20_000, Y0],
              [X0 + 20_000, Y0 + 20_000],
              [X0, Y0 + 20_000],
              [X0, Y0 + 9_000],
              [X0 + 10_000, Y0 + 9_000],
              [X0 + 10_000, Y0],
            ],
          ],
        },
      ],
      { epsg: 4525, layerName: 'XZQ' },
    )
  })

  afterAll(async () => {
    await db.query(`DELETE FROM township WHERE adcode = $1`, [COUNTY])
    await db.query(`DELETE FROM coverage_version WHERE adcode = $1`, [COUNTY])
    await db.query(`DELETE FROM county WHERE adcode = $1`, [COUNTY])
    await db.query(`DELETE FROM admin_unit_import WHERE adcode = $1`, [COUNTY])
    await db.close()
  })

  it('when the administrator uploads a county file, then the preview map shows it with the gap listed, and applying adds the county to the scope', async () => {
    const page = await suite.open({ as: 'admin' })
    await page.getByTestId('user-menu-button').click()
    await page.getByTestId('user-menu-admin-units').click()
    await page.waitForURL(/\/admin\/units$/)
    await waitForMap(page)
    await page.getByTestId('admin-units-file').setInputFiles({
      name: '南县行政区.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(file),
    })
    await page.getByTestId('admin-units-preview').click()
    const summary = page.getByTestId('admin-units-summary')
    await summary.waitFor()
    await expect.poll(() => page.getByTestId('admin-units-townships').textContent()).toContain('南洲镇、华阁镇')
    expect(await page.getByTestId('admin-units-counts').textContent()).toBe('0 个错误，1 个提醒')
    const layer = page.getByTestId('admin-units-layer')
    expect(await layer.textContent()).toContain('CGCS2000 3 度带高斯-克吕格投影第 37 带')
    expect(await layer.textContent()).toContain('GBK')
    const gap = page.getByTestId('admin-units-problems').locator('button', { hasText: '不属于任何乡镇' })
    expect(await gap.textContent()).toContain('缝隙')
    await waitForMap(page)
    const drawn = await page.evaluate(() =>
      (window as any).__soilMap.querySourceFeatures('soil-overlay-admin-units').map((f: any) => f.properties.kind),
    )
    expect(new Set(drawn)).toEqual(new Set(['reference', 'preview', 'problem-point']))
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-units-preview.png` })

    await gap.click()
    await waitForMap(page)
    expect(await page.locator('.maplibregl-marker').count()).toBe(1)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-units-gap.png` })

    expect(await page.getByTestId('admin-units-city').inputValue()).toBe('益阳市')
    expect(await page.getByTestId('admin-units-county-name').inputValue()).toBe('南县')
    await page.getByTestId('admin-units-apply').click()
    const result = page.getByTestId('admin-units-result')
    await result.waitFor()
    expect(await result.textContent()).toContain('已新增区县 430921 南县')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-units-applied.png` })

    const counties = await apiGet(page, '/api/counties')
    expect(counties.body.counties.map((c: { adcode: string }) => c.adcode)).toContain(COUNTY)
    const scopes = await apiGet(page, '/api/admin/scopes')
    expect(scopes.body.scopes.map((s: { code: string }) => s.code)).toContain(COUNTY)
    expect(suite.errors).toEqual([])
  })

  it('when the page is opened on a phone (390×844), then the steps come first and the map below', async () => {
    const page = await suite.open({ as: 'admin', viewport: { width: 390, height: 844 } })
    // the map's address now carries its view after a hash (#map=15.00/28.5/112.3), so only the origin is kept
    await page.goto(`${new URL(page.url()).origin}/admin/units`)
    await page.getByTestId('admin-units-file').setInputFiles({
      name: '南县行政区.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(file),
    })
    await page.getByTestId('admin-units-preview').click()
    await page.getByTestId('admin-units-summary').waitFor()
    const summary = await page.getByTestId('admin-units-summary').boundingBox()
    expect(summary!.width).toBeLessThanOrEqual(390)
    const map = await page.getByTestId('admin-units-map').boundingBox()
    expect(map!.y).toBeGreaterThanOrEqual(summary!.y + summary!.height)
    await page.getByTestId('admin-units-summary').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/admin-units-phone.png` })
    expect(suite.errors).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, logIn, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { squareRing, writeDltbShapefileZip, type DltbFeature } from '../support/dltb-fixture.ts'
import { removeTestCounty } from '../support/test-county.ts'
import { createTestUser, TEST_PASSWORD } from '../support/users.ts'

const skip = isBrowserMissing()
/** A fictitious county of 湖南 (43) in a city code no real city has (437x), never ending in 00. */
const COUNTY = `437${Math.floor(Math.random() * 10)}${Math.floor(Math.random() * 10)}${1 + Math.floor(Math.random() * 9)}`
const WEST = `${COUNTY}100`
const EAST = `${COUNTY}101`
// in Yunnan (3° zone 34, EPSG:4522), away from the sample counties the public page shows and from the other land
// import journeys: a county removed by SQL stays in the app's tile cache until its next version
const X0 = 34_640_000
const Y0 = 2_830_000
/** The county is a 4 km square: 旅程镇 its western half, 新程乡 its eastern half. */
const SIZE = 4000

const LAND_NAMES: Record<string, string> = {
  '0101': '水田',
  '0102': '水浇地',
  '0301': '乔木林地',
  '1003': '公路用地',
  '1101': '河流水面',
}

/** A 三调 地类图斑 of `size` metres whose south-west corner is `dx`, `dy` metres from the county's. */
const feature = (no: number, dlbm: string, dx: number, dy: number, size = 200) =>
  ({
    properties: {
      BSM: `${COUNTY}21${String(no).padStart(6, '0')}`,
      DLBM: dlbm,
      DLMC: LAND_NAMES[dlbm],
      ZLDWDM: `${dx < SIZE / 2 ? WEST : EAST}0010000000`,
      ZLDWMC: dx < SIZE / 2 ? '旅程镇甲村' : '新程乡乙村',
      TBMJ: size * size,
    },
    rings: [squareRing(X0 + dx, Y0 + dy, size)],
  }) satisfies DltbFeature

/** The ten farmland parcels of this year's survey: two rows of five, both townships. */
const farmland = (no: number) =>
  feature(no, no % 4 === 0 ? '0102' : '0101', 300 + ((no - 1) % 5) * 700, 800 + Math.floor((no - 1) / 5) * 800)

/** River, road and woodland: the ground the parcels lie on. */
const CONTEXT = [
  feature(11, '1101', 300, 2600, 400),
  feature(12, '1003', 1600, 2600, 300),
  feature(13, '0301', 2800, 2600, 400),
]

/** The parcels of the map's loaded tiles that belong to the county, by code. */
const drawnParcels = (page: Page) =>
  page.evaluate((adcode) => {
    const map = (window as any).__soilMap
    const codes = map
      .querySourceFeatures('parcel', { sourceLayer: 'parcel' })
      .map((f: any) => String(f.properties.code))
    return [...new Set(codes.filter((c: string) => c.startsWith(adcode)))].length
  }, COUNTY)

/**
 * A county that sets up on its own files, in Chromium: the administrator uploads the outline of a fictitious county
 * and its two townships (zipped Shapefile, GBK .dbf, EPSG:4522) on 行政区管理 and applies it; a farmland officer of
 * that county then imports its 三调 DLTB layer (farmland, three other land codes and one feature outside the county),
 * sees the parcels and the ground on the map, classifies the county without any monitoring data, and checks next
 * year's DLTB layer, whose change preview counts the unchanged, changed, new and gone parcels.
 */
describe.skipIf(skip)('a new county set up from its own files, in Chromium', () => {
  const suite = useBrowser()
  let db: Database
  let unitsFile: Uint8Array
  let thisYear: Uint8Array
  let nextYear: Uint8Array
  /** The middle of the county's parcels and ground in EPSG:4490. */
  let centre: [number, number]

  beforeAll(async () => {
    db = connectTestDatabase()
    unitsFile = await writeDltbShapefileZip(
      [
        { properties: { XZQDM: COUNTY, XZQMC: '旅程县' }, rings: [squareRing(X0, Y0, SIZE)] },
        {
          properties: { XZQDM: WEST, XZQMC: '旅程镇' },
          rings: [
            [
              [X0, Y0],
              [X0 + SIZE / 2, Y0],
              [X0 + SIZE / 2, Y0 + SIZE],
              [X0, Y0 + SIZE],
              [X0, Y0],
            ],
          ],
        },
        {
          properties: { XZQDM: EAST, XZQMC: '新程乡' },
          rings: [
            [
              [X0 + SIZE / 2, Y0],
              [X0 + SIZE, Y0],
              [X0 + SIZE, Y0 + SIZE],
              [X0 + SIZE / 2, Y0 + SIZE],
              [X0 + SIZE / 2, Y0],
            ],
          ],
        },
      ],
      { epsg: 4522, layerName: 'XZQ' },
    )
    const parcels = Array.from({ length: 10 }, (_, i) => farmland(i + 1))
    thisYear = await writeDltbShapefileZip([...parcels, ...CONTEXT, feature(14, '0101', SIZE + 1000, 1000)], {
      epsg: 4522,
    })
    nextYear = await writeDltbShapefileZip(
      [
        ...parcels.slice(0, 9).map((p, i) => (i === 2 ? feature(3, '0102', 1700, 800) : p)),
        feature(15, '0101', 1000, 2000),
        ...CONTEXT,
      ],
      { epsg: 4522 },
    )
    const {
      rows: [c],
    } = await db.query(
      `SELECT ST_X(p) AS lon, ST_Y(p) AS lat
       FROM ST_Transform(ST_SetSRID(ST_Point($1::float8, $2::float8), 4522), 4490) AS p`,
      [X0 + SIZE / 2, Y0 + 1800],
    )
    centre = [Number(c.lon), Number(c.lat)]
  })

  afterAll(async () => {
    await db.query(`DELETE FROM classification_job WHERE adcode = $1`, [COUNTY])
    await removeTestCounty(db, COUNTY)
    await db.query(`DELETE FROM admin_unit_import WHERE adcode = $1`, [COUNTY])
    await db.close()
  })

  it('when the administrator adds the county from its file, then its farmland officer imports, maps, classifies and previews next year’s changes', async () => {
    // 1. 行政区管理: the county and its two townships from the administrator's file
    const admin = await createTestUser(db, { role: 'admin', scopes: ['430000'] })
    const adminPage = await suite.open()
    await logIn(adminPage, admin.username, TEST_PASSWORD)
    await adminPage.getByTestId('user-menu-button').click()
    await adminPage.getByTestId('user-menu-admin-units').click()
    await adminPage.waitForURL(/\/admin\/units$/)
    await waitForMap(adminPage)
    await adminPage.getByTestId('admin-units-file').setInputFiles({
      name: '旅程县行政区.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(unitsFile),
    })
    await adminPage.getByTestId('admin-units-preview').click()
    await adminPage.getByTestId('admin-units-summary').waitFor({ timeout: 90_000 })
    await expect.poll(() => adminPage.getByTestId('admin-units-townships').textContent()).toBe('2 个：旅程镇、新程乡')
    expect(await adminPage.getByTestId('admin-units-counts').textContent()).toBe('0 个错误，0 个提醒')
    expect(await adminPage.getByTestId('admin-units-layer').textContent()).toContain('第 34 带')
    await waitForMap(adminPage)
    const previewed = await adminPage.evaluate(() =>
      (window as any).__soilMap.querySourceFeatures('soil-overlay-admin-units').map((f: any) => f.properties.kind),
    )
    expect(previewed).toContain('preview')
    expect(await adminPage.getByTestId('admin-units-county-name').inputValue()).toBe('旅程县')
    await adminPage.getByTestId('admin-units-city').fill('旅程市')
    await adminPage.getByTestId('admin-units-apply').click()
    const applied = adminPage.getByTestId('admin-units-result')
    await applied.waitFor()
    expect(await applied.textContent()).toContain(`已新增区县 ${COUNTY} 旅程县`)
    expect(await applied.textContent()).toContain('乡镇新增 2 个')
    await adminPage.screenshot({ path: `${SCREENSHOT_DIR}/county-setup-1-units.png` })
    const counties = await apiGet(adminPage, '/api/counties')
    expect(counties.body.counties.map((c: { adcode: string }) => c.adcode)).toContain(COUNTY)

    // 2. 三调图斑导入: the officer of the new county checks the DLTB layer and applies the valid features
    const officer = await createTestUser(db, { role: 'farmland', scopes: [COUNTY] })
    const page = await suite.open()
    await logIn(page, officer.username, TEST_PASSWORD)
    await page.getByTestId('user-menu-button').click()
    await page.getByTestId('user-menu-land-import').click()
    await page.waitForURL(/\/land-import$/)
    await page.getByTestId('land-import-file').setInputFiles({
      name: '旅程县三调地类图斑.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(thisYear),
    })
    await page.getByTestId('land-import-inspect').click()
    await expect
      // the first upload of the app's process loads GDAL's WebAssembly: on a loaded 2-core CI machine over 15 s
      .poll(() => page.getByTestId('land-import-detected').textContent(), { timeout: 90_000 })
      .toContain('EPSG:4522')
    await expect.poll(() => page.getByTestId('land-import-samples').textContent()).toContain('旅程镇甲村')
    await page.getByTestId('land-import-check').click()
    await expect
      .poll(() => page.getByTestId('land-import-totals').textContent(), { timeout: 90_000 })
      .toBe('共 14 个图斑：可导入耕地图斑 10 个、其他地类 3 个；未通过检查 1 个，有提示 0 个。')
    const problems = page.getByTestId('land-import-problems')
    await expect.poll(() => problems.textContent()).toContain(`标识码 ${COUNTY}21000014`)
    expect(await problems.textContent()).toContain('平方米在本区县边界之外')
    await page.getByTestId('land-import-apply-valid').click()
    await expect
      .poll(() => page.getByTestId('land-import-result').textContent(), { timeout: 60_000 })
      .toBe('已导入耕地图斑 10 个（分类为未划定）、其他地类图斑 3 个。')
    await page.getByTestId('land-import-result').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/county-setup-2-import.png` })

    // 3. the map over the county at z14: the parcels and, under them, the other land codes
    await page.goto(page.url().replace(/\/land-import$/, '/'))
    await waitForMap(page)
    expect(await page.getByTestId('layer-toggle-land-context').isChecked()).toBe(true)
    await page.evaluate((c) => (window as any).__soilMap.jumpTo({ center: c, zoom: 14 }), centre)
    await waitForMap(page)
    await expect.poll(() => drawnParcels(page)).toBe(10)
    const ground = await page.evaluate(() => {
      const map = (window as any).__soilMap
      return map
        .querySourceFeatures('land-context', { sourceLayer: 'land-context' })
        .map((f: any) => String(f.properties.dlbm))
    })
    expect(new Set(ground)).toEqual(new Set(['1101', '1003', '0301']))
    const rendered = await page.evaluate(() => {
      const map = (window as any).__soilMap
      return {
        parcels: map.queryRenderedFeatures({ layers: ['parcel-fill'] }).length,
        ground: map.queryRenderedFeatures({ layers: ['land-context-fill'] }).length,
      }
    })
    expect(rendered.parcels).toBeGreaterThan(0)
    expect(rendered.ground).toBeGreaterThan(0)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/county-setup-3-map.png` })

    // 4. 分类划定 of the county with no monitoring data: the job finishes and the list holds the ten parcels
    await page.getByTestId('side-tab-classification').click()
    const panel = page.getByTestId('classification-panel')
    await expect.poll(() => panel.getByTestId('class-county').textContent()).toContain(`旅程县（${COUNTY}）`)
    await page.getByTestId('class-start').click()
    const job = page.getByTestId('class-job')
    await job.waitFor()
    await expect.poll(() => job.getAttribute('data-status'), { timeout: 120_000 }).toBe('done')
    await expect(page.getByTestId('class-job-notice').textContent()).resolves.toContain('划定完成')
    const drawer = page.getByTestId('class-list-drawer')
    await drawer.waitFor()
    await expect(drawer.getByTestId('class-list-status').getAttribute('data-status')).resolves.toBe('draft')
    await expect.poll(() => drawer.getByTestId('class-summary-row').count()).toBeGreaterThan(0)
    const counted = await drawer.getByTestId('class-summary-count').allTextContents()
    expect(counted.reduce((sum, t) => sum + Number(t.replace(/,/g, '')), 0)).toBe(10)
    const unclassified = drawer.locator('[data-testid=class-summary-row][data-class="unclassified"]')
    expect(await unclassified.getByTestId('class-summary-count').textContent(), 'no sample: every parcel 未划定').toBe(
      '10',
    )
    await page.screenshot({ path: `${SCREENSHOT_DIR}/county-setup-4-classification.png` })

    // 5. 年度变更调查: next year's layer (parcel 3 now 水浇地, parcel 10 gone, parcel 15 new) in the change preview
    await page.getByTestId('user-menu-button').click()
    await page.getByTestId('user-menu-land-import').click()
    await page.waitForURL(/\/land-import$/)
    await page.getByTestId('land-import-file').setInputFiles({
      name: '旅程县2025年地类图斑.zip',
      mimeType: 'application/zip',
      buffer: Buffer.from(nextYear),
    })
    await page.getByTestId('land-import-inspect').click()
    await expect
      .poll(() => page.getByTestId('land-import-detected').textContent(), { timeout: 90_000 })
      .toContain('EPSG:4522')
    await page.getByTestId('land-import-check').click()
    await page.getByTestId('land-update-plan').click()
    await expect
      .poll(() => page.getByTestId('land-update-totals').locator('tbody tr').first().textContent())
      .toMatch(/^合计8（.*）1（.*）1（.*）1（.*）$/)
    await page.getByTestId('land-update').scrollIntoViewIfNeeded()
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/county-setup-5-update.png` })
    expect(suite.errors).toEqual([])
  }, 240_000)
})

import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import type { LonLat } from '../support/map-input.ts'

const skip = isBrowserMissing()
const PREFIX = `430903-AT${Date.now().toString(36).slice(-5).toUpperCase()}`

/** This file's parcels at its spot: east offset and side in metres, published class; areas ≈ 21.6, 33.75, 48.6, 40 亩. */
const PARCELS = [
  { suffix: 'A', east: -250, side: 120, cls: 'strict' },
  { suffix: 'B', east: -50, side: 150, cls: 'strict' },
  { suffix: 'C', east: 150, side: 180, cls: 'strict' },
  { suffix: 'D', east: 350, side: 163.3, cls: 'priority' },
]

describe.skipIf(skip)('属性表 on the staff map in Chromium: filter, sort, select, export', () => {
  const { open, errors } = useBrowser()
  let db: Database
  let spot: LonLat

  beforeAll(async () => {
    db = connectTestDatabase()
    spot = await freeSpot(db, { clearOfFarmland: 0.008, clearOfRecords: 0.008, spacing: 0.02 })
    for (const p of PARCELS) {
      await db.query(
        `WITH c AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), 4546) AS pt)
         INSERT INTO farmland_parcel (adcode, code, dlbm, class, township_code, geom)
         SELECT '430903', $3, '0103', $4,
                (SELECT t.code FROM township t WHERE t.adcode = '430903' AND ST_Contains(t.geom, ST_SetSRID(ST_MakePoint($1, $2), 4490)) LIMIT 1),
                ST_Multi(ST_Transform(ST_MakeEnvelope(ST_X(pt) + $5::float8 - $6::float8 / 2, ST_Y(pt) - $6::float8 / 2, ST_X(pt) + $5::float8 + $6::float8 / 2, ST_Y(pt) + $6::float8 / 2, 4546), 4490))
         FROM c`,
        [spot[0], spot[1], `${PREFIX}-${p.suffix}`, p.cls, p.east, p.side],
      )
    }
  })

  afterAll(async () => {
    await db.query(`DELETE FROM farmland_parcel WHERE code LIKE $1`, [`${PREFIX}-%`])
    await db.close()
  })

  /** The officer's map at this file's spot, zoomed so its four parcels and no other parcel are in view. */
  async function openAtSpot(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await open({ as: 'gengdi', acceptDownloads: true, viewport })
    await page.evaluate(
      ([lon, lat, zoom]) => (window as any).__soilMap.jumpTo({ center: [lon, lat], zoom }),
      [spot[0], spot[1], viewport ? 16 : 17],
    )
    await waitForMap(page)
    return page
  }

  const rowCodes = (page: Page) =>
    page.getByTestId('attr-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.code))

  async function expectRows(page: Page, suffixes: string[]): Promise<void> {
    await expect.poll(() => rowCodes(page)).toEqual(suffixes.map((s) => `${PREFIX}-${s}`))
  }

  it('when the officer filters by class and area, sorts by area and clicks a row, then the map zooms to the parcel, highlights it and opens it; the rows export as XLSX and CSV', async () => {
    const page = await openAtSpot()
    await page.getByTestId('attr-toggle').click()
    await expect.poll(() => page.getByTestId('attr-count').textContent()).toMatch(/^共 [\d,]+ 个图斑$/)
    const county = await apiGet(page, '/api/attribute-table/parcel?scope=county&adcode=430903&limit=1')
    expect(await page.getByTestId('attr-count').textContent()).toBe(
      `共 ${county.body.total.toLocaleString('zh-CN')} 个图斑`,
    )

    await page.getByTestId('attr-scope-view').click()
    await expectRows(page, ['A', 'B', 'C', 'D'])
    await page.getByTestId('attr-filter-class').selectOption('strict')
    await expectRows(page, ['A', 'B', 'C'])
    await page.getByTestId('attr-filter-area-min').fill('30')
    await page.getByTestId('attr-filter-area-max').fill('50')
    await expectRows(page, ['B', 'C'])
    expect(await page.getByTestId('attr-count').textContent()).toBe('共 2 个图斑')
    const classes = await page.getByTestId('attr-row').locator('[data-testid=class-label]').allTextContents()
    expect(classes).toEqual(['严格管控类', '严格管控类'])

    await page.getByTestId('attr-sort-areaMu').click()
    await expectRows(page, ['B', 'C'])
    expect(await page.getByTestId('attr-sort-areaMu').textContent()).toBe('面积（亩）▲')
    await page.getByTestId('attr-sort-areaMu').click()
    await expectRows(page, ['C', 'B'])
    expect(await page.getByTestId('attr-sort-areaMu').textContent()).toBe('面积（亩）▼')

    const { rows } = await db.query(
      `SELECT id, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n
       FROM farmland_parcel WHERE code = $1`,
      [`${PREFIX}-C`],
    )
    const parcel = rows[0]
    await page.locator(`[data-testid=attr-row][data-code="${PREFIX}-C"]`).click()
    await expect.poll(() => page.getByTestId('info-title').textContent()).toContain(`${PREFIX}-C`)
    await waitForMap(page)
    const view = await page.evaluate(() => {
      const map = (window as any).__soilMap
      const c = map.getCenter()
      return { zoom: map.getZoom(), lon: c.lng, lat: c.lat }
    })
    expect(view.zoom).toBeGreaterThan(16)
    expect(view.lon).toBeGreaterThan(parcel.w - 0.003)
    expect(view.lon).toBeLessThan(parcel.e + 0.003)
    expect(view.lat).toBeGreaterThan(parcel.s - 0.003)
    expect(view.lat).toBeLessThan(parcel.n + 0.003)
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            (window as any).__soilMap
              .queryRenderedFeatures({ layers: ['soil-highlight-line'] })
              .map((f: any) => f.id) as number[],
        ),
      )
      .toContain(parcel.id)
    await expect
      .poll(() => page.locator('[data-testid=attr-row][aria-selected=true]').getAttribute('data-code'))
      .toBe(`${PREFIX}-C`)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attribute-table-1440.png` })

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attr-export-xlsx').click()])
    expect(xlsx.suggestedFilename()).toMatch(/^耕地图斑属性表_赫山区_当前视图_\d{8}\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile((await xlsx.path())!)
    const sheet = workbook.worksheets[0]
    expect((sheet.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['图斑编号', '区县'])
    const exported = await page.getByTestId('attr-count').textContent()
    const count = Number(/共 ([\d,]+) 个图斑/.exec(exported ?? '')![1].replace(/,/g, ''))
    expect(sheet.rowCount - 1).toBe(count)
    const codes: string[] = []
    sheet.eachRow((row, i) => {
      if (i > 1) codes.push(String(row.getCell(1).value))
    })
    expect(codes).toContain(`${PREFIX}-C`)
    const areaCell = sheet.getRow(codes.indexOf(`${PREFIX}-C`) + 2).getCell(8).value
    expect(typeof areaCell).toBe('number')
    expect(areaCell as number).toBeCloseTo(48.6, 0)

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attr-export-csv').click()])
    const text = fs.readFileSync((await csv.path())!, 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text).toContain('图斑编号,区县,乡镇,地类编码,地类名称,类别,面积（平方米）,面积（亩）')
    expect(text).toContain(`${PREFIX}-C,赫山区`)
    expect(errors).toEqual([])
  })

  it('when the officer clicks 属性表 in the 耕地图斑 row of the layer panel, then the table opens as the map button does', async () => {
    const page = await open({ as: 'gengdi' })
    expect(await page.getByTestId('attribute-table').count()).toBe(0)
    await page.getByTestId('layer-table-parcel').click()
    await page.getByTestId('attribute-table').waitFor()
    expect(await page.getByTestId('attr-toggle').getAttribute('aria-pressed')).toBe('true')
    await page.getByTestId('attr-toggle').click()
    expect(await page.getByTestId('attribute-table').count()).toBe(0)
    expect(await page.getByTestId('layer-table-county').count()).toBe(0)
  })

  it('when a phone opens the table, then it is a sheet across the screen with the filters and rows reachable', async () => {
    const page = await openAtSpot({ width: 390, height: 844 })
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attribute-table-390-closed.png` })
    await page.getByTestId('attr-toggle').click()
    await page.getByTestId('attr-scope-view').click()
    await expect.poll(() => rowCodes(page)).toEqual(expect.arrayContaining([`${PREFIX}-B`, `${PREFIX}-C`]))
    const box = (await page.getByTestId('attribute-table').boundingBox())!
    expect(box.x).toBeLessThanOrEqual(1)
    expect(box.width).toBeGreaterThanOrEqual(388)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await expect.poll(() => page.getByTestId('attr-filter-class').isVisible()).toBe(true)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attribute-table-390.png` })
    await page.getByTestId('attr-close').click()
    expect(await page.getByTestId('attribute-table').count()).toBe(0)
    expect(errors).toEqual([])
  })
})

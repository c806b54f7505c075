import fs from 'node:fs'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import type { LonLat } from '../support/map-input.ts'

const skip = isBrowserMissing()
const TAG = Date.now().toString(36).slice(-5).toUpperCase()
const PLOT = `430903-LT${TAG}`
const POINT = `430903-LP${TAG}`

/** This file's plots: east offset and side in metres, status; A and C are on the 污染地块名录, B is suspected. */
const PLOTS = [
  { suffix: 'A', east: -250, side: 120, status: 'risk_assessment', risk: 'high' },
  { suffix: 'B', east: -50, side: 100, status: 'suspected', risk: null },
  { suffix: 'C', east: 150, side: 140, status: 'contaminated', risk: 'medium' },
]

/** This file's points: east and north offsets in metres, level, and the soil sampling dates. */
const POINTS = [
  { suffix: 'A', east: -200, north: 200, level: 'national', soil: ['2025-05-06'] },
  { suffix: 'B', east: 0, north: 200, level: 'county', soil: [] },
  { suffix: 'C', east: 200, north: 200, level: 'national', soil: ['2024-04-01', '2026-04-02'] },
]

describe.skipIf(skip)('属性表 of 污染地块 and 监测点位 in Chromium: filter, select, export', () => {
  const { open, errors } = useBrowser()
  let db: Database
  let spot: LonLat

  beforeAll(async () => {
    db = connectTestDatabase()
    spot = await freeSpot(db, { clearOfFarmland: 0.004, clearOfRecords: 0.008, clearOfPoints: 0.008, spacing: 0.02 })
    for (const p of PLOTS) {
      await db.query(
        `WITH c AS (SELECT ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), 4546) AS pt)
         INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, review_status, geom)
         SELECT '430903', $3, $4, $5, $6, 'chemical', 'published',
                ST_Multi(ST_Transform(ST_MakeEnvelope(ST_X(pt) + $7::float8 - $8::float8 / 2, ST_Y(pt) - $8::float8 / 2,
                  ST_X(pt) + $7::float8 + $8::float8 / 2, ST_Y(pt) + $8::float8 / 2, 4546), 4490))
         FROM c`,
        [spot[0], spot[1], `${PLOT}-${p.suffix}`, `属性表测试地块${p.suffix}`, p.status, p.risk, p.east, p.side],
      )
    }
    for (const p of POINTS) {
      const { rows } = await db.query<{ id: number }>(
        `WITH g AS (SELECT ST_Transform(ST_Translate(ST_Transform(ST_SetSRID(ST_MakePoint($1, $2), 4490), 4546), $6, $7), 4490) AS geom)
         INSERT INTO monitoring_point (adcode, code, name, level, point_type, township_code, land_use, geom)
         SELECT '430903', $3, $4, $5, 'basic',
                (SELECT t.code FROM township t WHERE t.adcode = '430903' AND ST_Contains(t.geom, g.geom) LIMIT 1), '0101', g.geom
         FROM g RETURNING id`,
        [spot[0], spot[1], `${POINT}-${p.suffix}`, `属性表测试点位${p.suffix}`, p.level, p.east, p.north],
      )
      for (const d of p.soil) {
        await db.query(
          `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium) VALUES ('430903', $1, $2, 'soil')`,
          [rows[0].id, d],
        )
      }
    }
  })

  afterAll(async () => {
    await db.query(`DELETE FROM contaminated_plot WHERE code LIKE $1`, [`${PLOT}-%`])
    await db.query(`DELETE FROM monitoring_point WHERE code LIKE $1`, [`${POINT}-%`])
    await db.close()
  })

  /** The officer's map at this file's spot, zoomed so its plots and points are in view. */
  async function openAtSpot(viewport?: { width: number; height: number }): Promise<Page> {
    const page = await open({ as: 'huanjing', acceptDownloads: true, viewport })
    await page.evaluate(
      ([lon, lat, zoom]) => (window as any).__soilMap.jumpTo({ center: [lon, lat], zoom }),
      [spot[0], spot[1], viewport ? 15.5 : 16.5],
    )
    await waitForMap(page)
    return page
  }

  const rowCodes = (page: Page) =>
    page.getByTestId('attr-row').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.code))

  const highlighted = (page: Page, layer: string) =>
    page.evaluate(
      (id) => (window as any).__soilMap.queryRenderedFeatures({ layers: [id] }).map((f: any) => f.id) as number[],
      layer,
    )

  async function idOf(table: string, code: string): Promise<number> {
    const { rows } = await db.query<{ id: number }>(`SELECT id FROM ${table} WHERE code = $1`, [code])
    return Number(rows[0].id)
  }

  async function readXlsx(page: Page): Promise<{ name: string; file: string; sheet: ExcelJS.Worksheet }> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attr-export-xlsx').click()])
    const file = (await download.path())!
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    return { name: download.suggestedFilename(), file, sheet: workbook.worksheets[0] }
  }

  /** The cells of the rows below the header, from the first column. */
  function sheetRows(sheet: ExcelJS.Worksheet): unknown[][] {
    const rows: unknown[][] = []
    sheet.eachRow((row, i) => {
      if (i > 1) rows.push((row.values as unknown[]).slice(1))
    })
    return rows
  }

  async function readCsv(page: Page): Promise<string> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('attr-export-csv').click()])
    return fs.readFileSync((await download.path())!, 'utf8')
  }

  it('when the officer opens 属性表 from the 污染地块 layer row, filters by list and clicks a row, then the plot is zoomed to, highlighted and its profile opens; the rows export', async () => {
    const page = await openAtSpot()
    await page.getByTestId('layer-table-contaminated-plot').click()
    await page.locator('[data-testid=attribute-table][data-layer=contaminated-plot]').waitFor()
    expect(await page.getByTestId('attr-layer').inputValue()).toBe('contaminated-plot')
    await page.getByTestId('attr-scope-view').click()
    await expect.poll(() => rowCodes(page)).toEqual(['A', 'B', 'C'].map((s) => `${PLOT}-${s}`))
    await page.getByTestId('attr-filter-stage').selectOption('list:contaminated')
    await expect.poll(() => rowCodes(page)).toEqual([`${PLOT}-A`, `${PLOT}-C`])
    expect(await page.getByTestId('attr-count').textContent()).toBe('共 2 个地块')
    const first = page.locator(`[data-testid=attr-row][data-code="${PLOT}-A"] td`)
    expect((await first.allTextContents()).slice(1, 6)).toEqual([
      '属性表测试地块A',
      '风险评估',
      '污染地块名录',
      '高',
      '化工',
    ])
    await page.getByTestId('attr-sort-areaMu').click()
    await page.getByTestId('attr-sort-areaMu').click()
    await expect.poll(() => rowCodes(page)).toEqual([`${PLOT}-C`, `${PLOT}-A`])

    const id = await idOf('contaminated_plot', `${PLOT}-C`)
    await page.locator(`[data-testid=attr-row][data-code="${PLOT}-C"]`).click()
    await expect.poll(() => page.getByTestId('plot-profile').getAttribute('data-plot-id')).toBe(String(id))
    await waitForMap(page)
    await expect.poll(() => highlighted(page, 'soil-highlight-line')).toContain(id)
    await expect
      .poll(() => page.locator('[data-testid=attr-row][aria-selected=true]').getAttribute('data-code'))
      .toBe(`${PLOT}-C`)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attribute-table-plots-1440.png` })

    await page.getByTestId('attr-scope-county').click()
    await expect.poll(() => page.getByTestId('attr-count').textContent()).not.toBe('共 2 个地块')
    const xlsx = await readXlsx(page)
    expect(xlsx.name).toMatch(/^污染地块属性表_赫山区_\d{8}\.xlsx$/)
    expect((xlsx.sheet.getRow(1).values as unknown[]).slice(1, 5)).toEqual(['地块编码', '地块名称', '状态', '名录'])
    expect(`共 ${xlsx.sheet.rowCount - 1} 个地块`).toBe(await page.getByTestId('attr-count').textContent())
    const exported = sheetRows(xlsx.sheet)
    expect(exported.map((r) => r[3])).toEqual(exported.map(() => '污染地块名录'))
    const c = exported.find((r) => r[0] === `${PLOT}-C`)!
    expect(c[9] as number).toBeCloseTo((140 * 140 * 3) / 2000, 0)
    const csv = await readCsv(page)
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv).toContain(`${PLOT}-A,属性表测试地块A,风险评估,污染地块名录,高,化工,赫山区`)
    expect(csv).not.toContain(`${PLOT}-B`)
    expect(errors).toEqual([])
  })

  it('when the officer switches the table to 监测点位, filters by level and clicks a row, then the point is zoomed to and its panel opens; the rows export', async () => {
    const page = await openAtSpot()
    await page.getByTestId('attr-toggle').click()
    await page.getByTestId('attr-layer').selectOption('monitoring-point')
    await page.locator('[data-testid=attribute-table][data-layer=monitoring-point]').waitFor()
    await page.getByTestId('attr-scope-view').click()
    await expect.poll(() => rowCodes(page)).toEqual(['A', 'B', 'C'].map((s) => `${POINT}-${s}`))
    await page.getByTestId('attr-filter-level').selectOption('level:national')
    await expect.poll(() => rowCodes(page)).toEqual([`${POINT}-A`, `${POINT}-C`])
    expect(await page.getByTestId('attr-count').textContent()).toBe('共 2 个点位')
    const cells = await page.locator(`[data-testid=attr-row][data-code="${POINT}-C"] td`).allTextContents()
    expect([cells[2], cells[3], cells[6], cells[7]]).toEqual(['国控', '基础点位', '0101 水田', '2026-04-02'])

    const id = await idOf('monitoring_point', `${POINT}-C`)
    await page.locator(`[data-testid=attr-row][data-code="${POINT}-C"]`).click()
    await expect.poll(() => page.getByTestId('point-panel').getAttribute('data-point-id')).toBe(String(id))
    await waitForMap(page)
    await expect.poll(() => highlighted(page, 'soil-highlight-circle')).toContain(id)
    const { rows } = await db.query(`SELECT ST_X(geom) AS lon, ST_Y(geom) AS lat FROM monitoring_point WHERE id = $1`, [
      id,
    ])
    const view = await page.evaluate(() => {
      const map = (window as any).__soilMap
      const b = map.getBounds()
      return { zoom: map.getZoom(), w: b.getWest(), e: b.getEast(), s: b.getSouth(), n: b.getNorth() }
    })
    expect(view.zoom).toBeGreaterThan(15)
    expect(rows[0].lon).toBeGreaterThan(view.w)
    expect(rows[0].lon).toBeLessThan(view.e)
    expect(rows[0].lat).toBeGreaterThan(view.s)
    expect(rows[0].lat).toBeLessThan(view.n)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attribute-table-points-1440.png` })

    const shown = await page.getByTestId('attr-count').textContent()
    const xlsx = await readXlsx(page)
    expect(xlsx.name).toMatch(/^监测点位属性表_赫山区_当前视图_\d{8}\.xlsx$/)
    expect(`共 ${xlsx.sheet.rowCount - 1} 个点位`).toBe(shown)
    const exported = sheetRows(xlsx.sheet)
    expect(exported.map((r) => r[2])).toEqual(exported.map(() => '国控'))
    expect(exported.find((r) => r[0] === `${POINT}-C`)?.[7]).toBe('2026-04-02')
    await page.getByTestId('attr-scope-county').click()
    const csv = await readCsv(page)
    expect(csv).toContain('点位编码,点位名称,级别,点位类型,区县,乡镇,土地利用,最近土壤采样日期')
    expect(csv).toContain(`${POINT}-A,属性表测试点位A,国控,基础点位,赫山区,`)
    expect(csv).toContain(`${POINT}-C,属性表测试点位C,国控,基础点位,赫山区,`)
    expect(csv).not.toContain(`${POINT}-B`)
    expect(errors).toEqual([])
  })

  it('when a phone opens the 污染地块 table, then the layer switch, filters and rows fit the screen', async () => {
    const page = await openAtSpot({ width: 390, height: 844 })
    await page.getByTestId('attr-toggle').click()
    await page.getByTestId('attr-layer').selectOption('contaminated-plot')
    await page.getByTestId('attr-scope-view').click()
    await expect.poll(() => rowCodes(page)).toEqual(expect.arrayContaining([`${PLOT}-A`, `${PLOT}-C`]))
    const box = (await page.getByTestId('attribute-table').boundingBox())!
    expect(box.width).toBeGreaterThanOrEqual(388)
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    for (const id of ['attr-layer', 'attr-filter-stage', 'attr-close']) {
      const b = (await page.getByTestId(id).boundingBox())!
      expect(b.x + b.width, id).toBeLessThanOrEqual(390)
    }
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attribute-table-plots-390.png` })
    await page.getByTestId('attr-layer').selectOption('monitoring-point')
    await page.getByTestId('attr-scope-view').click()
    await expect.poll(() => rowCodes(page)).toEqual(expect.arrayContaining([`${POINT}-A`, `${POINT}-C`]))
    await page.screenshot({ path: `${SCREENSHOT_DIR}/attribute-table-points-390.png` })
    expect(errors).toEqual([])
  })
})

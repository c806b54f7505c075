import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, launchChromium, openAs, typeInto, waitForMap } from '../support/browser.ts'
import { type LonLat, clickMap } from '../support/map-input.ts'
import type { Express } from 'express'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { signIn } from '../support/session.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString(36).toUpperCase()

describe.skipIf(skip)('监测点位 in Chromium with real mouse and keyboard events', () => {
  let browser: Browser
  let db: Database
  const appUrl = inject('appUrl')
  const errors: string[] = []
  /** A paddy point of 赫山区 far from every other point, with soil results 2018 (ok), 2021 (above screening), 2024 (above intervention). */
  const point = { id: 0, code: `430903-E2E${SUFFIX}`, name: `E2E 水田监测点（${SUFFIX}）`, at: [0, 0] as LonLat }
  /** A second point the import writes to. */
  const other = { id: 0, code: `430903-E2F${SUFFIX}` }
  /** Inside a lone farmland parcel of 赫山区 away from other points, where the officer registers a point with 新增点位. */
  const fresh = { code: `430903-E2G${SUFFIX}`, name: `E2E 新增点位（${SUFFIX}）`, at: [0, 0] as LonLat, landUse: '' }

  beforeAll(async () => {
    db = connectTestDatabase()
    // two spots 0.02° apart, each 0.01° from every other point and 0.005° from plots, zones and enterprises
    const lonePoint = () =>
      freeSpot(db, { spacing: 0.02, inside: 0.005, clearOfFarmland: 0, clearOfRecords: 0.005, clearOfPoints: 0.01 })
    point.at = await lonePoint()
    const otherAt = await lonePoint()
    const insert = `INSERT INTO monitoring_point (adcode, code, name, level, point_type, land_use, soil_type, geom, township_code, created_by)
      SELECT '430903', $1, $2, 'national', 'basic', '0101', '水稻土', p.g,
             (SELECT t.code FROM township t WHERE t.adcode = '430903' AND ST_Intersects(t.geom, p.g) LIMIT 1), 'e2e'
      FROM (SELECT ST_SetSRID(ST_MakePoint($3, $4), 4490) AS g) p RETURNING id`
    point.id = Number((await db.query(insert, [point.code, point.name, ...point.at])).rows[0].id)
    other.id = Number((await db.query(insert, [other.code, `E2E 第二点（${SUFFIX}）`, ...otherAt])).rows[0].id)
    // the points went straight into the database: an edit through the running app drops its cached point tiles, which an
    // earlier file may have read at this place (the click on the map below would find nothing)
    const officer = await signIn(appUrl as unknown as Express, 'huanjing')
    await officer.agent
      .patch(`/api/monitoring/points/${point.id}`)
      .set('X-CSRF-Token', officer.csrfToken)
      .send({ version: 1, name: point.name })
      .expect(200)
    const {
      rows: [spot],
    } = await db.query<any>(`
      WITH c AS (SELECT geom FROM county WHERE adcode = '430903'),
      cand AS (SELECT f.id, f.dlbm, f.geom, ST_PointOnSurface(f.geom) AS p FROM farmland_parcel f WHERE f.adcode = '430903')
      SELECT x.dlbm, ST_X(x.p) AS lon, ST_Y(x.p) AS lat FROM cand x, c
      WHERE ST_Contains(c.geom, ST_Expand(x.p, 0.01)) AND ST_Contains(x.geom, ST_Expand(x.p, 0.0001))
        AND NOT EXISTS (SELECT 1 FROM farmland_parcel o WHERE o.adcode = '430903' AND o.id <> x.id AND ST_DWithin(o.geom, x.p, 0.0001))
        AND NOT EXISTS (SELECT 1 FROM monitoring_point m WHERE ST_DWithin(m.geom, x.p, 0.005))
        AND NOT EXISTS (SELECT 1 FROM contaminated_plot o WHERE ST_DWithin(o.geom, x.p, 0.005))
        AND NOT EXISTS (SELECT 1 FROM control_zone o WHERE ST_DWithin(o.geom, x.p, 0.005))
        AND NOT EXISTS (SELECT 1 FROM supervised_enterprise o WHERE ST_DWithin(o.geom, x.p, 0.005))
      ORDER BY x.p <-> (SELECT ST_Centroid(geom) FROM c) LIMIT 1`)
    expect(spot).toBeDefined()
    fresh.at = [Number(spot.lon), Number(spot.lat)]
    fresh.landUse = spot.dlbm
    for (const [on, ph, cd, pb] of [
      ['2018-05-10', 6.0, 0.32, 40],
      ['2021-05-12', 6.1, 0.62, 45],
      ['2024-05-09', 5.9, 2.4, 52],
    ] as const) {
      await db.query(
        `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, ph, organic_matter_g_kg, values_mg_kg) VALUES ('430903', $1, $2, 'soil', $3, 28, $4)`,
        [point.id, on, ph, JSON.stringify({ cd, pb, as: 12 })],
      )
    }
    browser = await launchChromium()
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await db.query(`DELETE FROM monitoring_point WHERE id = ANY ($1::bigint[]) OR code = $2`, [
      [point.id, other.id],
      fresh.code,
    ])
    await db.close()
    expect(errors).toEqual([])
  })

  /** Signs in as `username`, opens the 监测点位 tab and finds the point by its code. */
  async function openTab(username: string, code: string): Promise<Page> {
    const page = await openAs(browser, appUrl, errors, username)
    await page.getByTestId('side-tab-monitoring').click()
    await typeInto(page, 'filter-q', code)
    await expect.poll(() => page.getByTestId('point-item').count()).toBe(1)
    return page
  }

  const resultCount = async (id: number) =>
    Number((await db.query(`SELECT count(*) AS n FROM monitoring_result WHERE point_id = $1`, [id])).rows[0].n)

  it('when the environment officer opens a point from the list, then its panel shows the standard, a chart per element with the screening line and the results coloured by flag; a click on the map opens it too', async () => {
    const page = await openTab('huanjing', point.code)
    await expect(page.getByTestId('point-counts').textContent()).resolves.toMatch(/国控 \d+/)
    await page.getByTestId('point-item').click()
    const panel = page.getByTestId('point-panel')
    await expect.poll(() => panel.getAttribute('data-point-id')).toBe(String(point.id))
    await expect(page.getByTestId('point-standard').textContent()).resolves.toContain('GB 15618-2018 农用地')
    const cdChart = page.locator('[data-testid=element-chart][data-series="soil:cd"]')
    await expect(cdChart.locator('[data-testid=chart-dot]').count()).resolves.toBe(3)
    await expect(cdChart.locator('[data-testid=chart-screening]').count()).resolves.toBe(1)
    expect(
      await cdChart
        .locator('[data-testid=chart-dot]')
        .evaluateAll((dots) => dots.map((d) => d.getAttribute('data-level'))),
    ).toEqual(['ok', 'screening', 'intervention'])
    const cdFlags = page.locator('[data-testid=result-flag][data-key=cd]')
    expect(await cdFlags.evaluateAll((f) => f.map((x) => x.getAttribute('data-level')))).toEqual([
      'intervention',
      'screening',
      'ok',
    ])
    expect(await cdFlags.first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(253, 230, 227)')
    expect(await cdFlags.nth(1).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 241, 220)')
    await expect(cdFlags.first().getAttribute('title')).resolves.toContain('GB 15618-2018 表3 镉 5.5<pH≤6.5')
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/95-point-panel.png` })

    await page.getByRole('button', { name: '关闭' }).first().click()
    await expect.poll(() => panel.count()).toBe(0)
    await page.evaluate(([lon, lat]) => (window as any).__soilMap.jumpTo({ center: [lon, lat], zoom: 15 }), point.at)
    await waitForMap(page)
    await clickMap(page, point.at)
    await expect.poll(() => page.getByTestId('point-panel').getAttribute('data-point-id')).toBe(String(point.id))
    await page.context().close()
  })

  it("when the officer enters a result with pH 15, then the server's message is shown; corrected, the result appears in the table", async () => {
    const page = await openTab('huanjing', point.code)
    await page.getByTestId('point-item').click()
    await page.getByTestId('result-enter').click()
    await page.getByTestId('result-date').fill('2025-06-01')
    await typeInto(page, 'result-ph', '15')
    await typeInto(page, 'result-cd', '0.35')
    await page.getByTestId('result-save').click()
    await expect.poll(() => page.getByTestId('result-error').textContent()).toContain('「pH」：数值 15 超出合理范围')
    await typeInto(page, 'result-ph', '6.2', { replace: true })
    await page.getByTestId('result-save').click()
    await expect.poll(() => page.getByTestId('point-notice').textContent()).toContain('已录入 2025-06-01 的土壤结果')
    await expect.poll(() => page.getByTestId('result-row').count()).toBe(4)
    await expect(page.getByTestId('result-row').first().textContent()).resolves.toContain('2025-06-01')
    await page.context().close()
  })

  it('when a file with one bad row is imported with 全部有效才导入, then the row report names row and column and nothing is written; with 仅导入有效行 the good row is imported', async () => {
    const page = await openTab('huanjing', other.code)
    await page.getByTestId('import-open').click()
    const dialog = page.getByTestId('import-dialog')
    await expect(dialog.getByTestId('template-xlsx').getAttribute('href')).resolves.toBe(
      '/api/monitoring/import-template.xlsx',
    )
    const csv = `\uFEFF点位编号,采样日期,介质,作物,pH,镉（mg/kg）,铅（mg/kg）\r\n${other.code},2024-06-01,土壤,,6.4,0.28,35\r\n${other.code},2024-07-01,土壤,,6.3,abc,36\r\n`
    await dialog
      .getByTestId('import-file')
      .setInputFiles({ name: '赫山区监测结果.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
    await dialog.getByTestId('import-check').click()
    await expect.poll(() => dialog.getByTestId('import-message').textContent()).toContain('1 行有错')
    await dialog.getByTestId('import-run').click()
    await expect.poll(() => dialog.getByTestId('import-message').textContent()).toContain('未导入任何结果')
    await expect(dialog.getByTestId('import-error').count()).resolves.toBe(1)
    await expect(dialog.getByTestId('import-error').textContent()).resolves.toContain(
      '第 3 行「镉」：数值「abc」不是数字',
    )
    expect(await resultCount(other.id)).toBe(0)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/95-import-report.png` })

    await dialog.getByTestId('mode-valid-only').check()
    await dialog.getByTestId('import-run').click()
    await expect.poll(() => dialog.getByTestId('import-message').textContent()).toContain('已导入 1 行，1 行有错未导入')
    expect(await resultCount(other.id)).toBe(1)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/95-import-valid-only.png` })
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('point-item').textContent()).toContain('1 次，最近 2024-06-01')
    await page.context().close()
  })

  it("when the environment officer places a new point on the map and saves it, then a code already used is refused in the server's words; with a fresh code the point is saved and its panel opens with the township found by its position", async () => {
    const page = await openTab('huanjing', point.code)
    await page.getByTestId('point-new').click()
    await expect.poll(() => page.getByTestId('new-point').count()).toBe(1)
    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByTestId('new-point').count()).toBe(0)
    await expect(page.getByTestId('point-item').count()).resolves.toBe(1)

    await page.getByTestId('point-new').click()
    await page.evaluate(([lon, lat]) => (window as any).__soilMap.jumpTo({ center: [lon, lat], zoom: 15 }), fresh.at)
    await waitForMap(page)
    await clickMap(page, fresh.at)
    await expect.poll(() => page.locator('.maplibregl-marker').count()).toBe(1)
    await expect(page.getByTestId('info-panel').count()).resolves.toBe(0)
    const lon = Number(await page.getByTestId('new-point-lon').inputValue())
    const lat = Number(await page.getByTestId('new-point-lat').inputValue())
    expect(await page.getByTestId('new-point-lon').inputValue()).toMatch(/^\d+\.\d{6}$/)
    expect(Math.abs(lon - fresh.at[0])).toBeLessThan(0.0002)
    expect(Math.abs(lat - fresh.at[1])).toBeLessThan(0.0002)
    await typeInto(page, 'new-point-code', point.code)
    await typeInto(page, 'new-point-name', fresh.name)
    await page.getByTestId('new-point-level').selectOption('county')
    await page.getByTestId('new-point-type').selectOption('risk')
    await typeInto(page, 'new-point-soil', '红壤')
    await page.getByTestId('new-point-save').click()
    await expect
      .poll(() => page.getByTestId('new-point-error').textContent())
      .toBe(`赫山区已有编号为「${point.code}」的监测点位，请换一个编号`)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/95-new-point.png` })

    await typeInto(page, 'new-point-code', fresh.code, { replace: true })
    await page.getByTestId('new-point-save').click()
    const panel = page.getByTestId('point-panel')
    await expect.poll(() => panel.locator('#point-panel-title').textContent()).toBe(fresh.name)
    const {
      rows: [saved],
    } = await db.query<any>(
      `
      SELECT m.id, m.level, m.point_type, m.soil_type, m.land_use, ST_X(m.geom) AS lon, ST_Y(m.geom) AS lat, t.name AS township
      FROM monitoring_point m LEFT JOIN township t ON t.adcode = m.adcode AND t.code = m.township_code WHERE m.code = $1`,
      [fresh.code],
    )
    expect(saved).toMatchObject({
      level: 'county',
      point_type: 'risk',
      soil_type: '红壤',
      land_use: fresh.landUse,
      lon,
      lat,
    })
    expect(saved.township).toBeTruthy()
    await expect(panel.getAttribute('data-point-id')).resolves.toBe(String(saved.id))
    const facts = await panel.locator('.point-facts').textContent()
    expect(facts).toContain(`坐落赫山区 ${saved.township}`)
    expect(facts).toContain(`土地利用${fresh.landUse}`)
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/95-new-point-saved.png` })
    await expect.poll(() => page.getByTestId('new-point').count()).toBe(0)
    await expect(page.locator('.maplibregl-marker').count()).resolves.toBe(0)
    await typeInto(page, 'filter-q', fresh.code, { replace: true })
    await expect.poll(() => page.getByTestId('point-item').getAttribute('data-code')).toBe(fresh.code)
    await page.context().close()
  })

  it('when the farmland officer opens a 农产品产地 point with a soil result without pH and rice results, then soil values say 缺少 pH and rice is judged against GB 2762; the officer may enter results there', async () => {
    await db.query(`UPDATE monitoring_point SET point_type = 'produce' WHERE id = $1`, [other.id])
    for (const [on, cd] of [
      ['2021-09-20', 0.12],
      ['2024-09-18', 0.27],
    ] as const) {
      await db.query(
        `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, crop, values_mg_kg) VALUES ('430903', $1, $2, 'crop', '稻谷', $3)`,
        [other.id, on, JSON.stringify({ cd, pb: 0.05 })],
      )
    }
    await db.query(
      `INSERT INTO monitoring_result (adcode, point_id, sampled_on, medium, ph, values_mg_kg) VALUES ('430903', $1, '2021-09-20', 'soil', NULL, '{"cd": 0.5, "pb": 30}')`,
      [other.id],
    )
    const page = await openTab('gengdi', other.code)
    await page.getByTestId('point-item').click()
    await expect.poll(() => page.getByTestId('point-panel').getAttribute('data-point-id')).toBe(String(other.id))
    await expect(page.getByTestId('result-enter').count()).resolves.toBe(1)
    await expect(page.getByTestId('point-new').count()).resolves.toBe(0)
    const noPh = page.locator('[data-testid=result-row]', { hasText: '2021-09-20' }).filter({ hasText: '缺失' })
    expect(
      await noPh.locator('[data-testid=result-flag]').evaluateAll((f) => f.map((x) => x.getAttribute('data-level'))),
    ).toEqual(['no-ph', 'no-ph'])
    const riceCd = page.locator('[data-testid=element-chart][data-series="crop:稻谷:cd"] [data-testid=chart-dot]')
    expect(await riceCd.evaluateAll((d) => d.map((x) => x.getAttribute('data-level')))).toEqual(['ok', 'limit'])
    await expect(
      page.locator('[data-testid=result-flag][data-level=limit]').first().getAttribute('title'),
    ).resolves.toContain('GB 2762-2022')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/95-produce-point.png` })
    await page.context().close()
  })

  it('when the land officer opens the tab, then points are listed read-only: no 新增点位, no import, no entry', async () => {
    const page = await openTab('ziyuan', point.code)
    await expect(page.getByTestId('import-open').count()).resolves.toBe(0)
    await expect(page.getByTestId('point-new').count()).resolves.toBe(0)
    await page.getByTestId('point-item').click()
    await expect.poll(() => page.getByTestId('point-panel').getAttribute('data-point-id')).toBe(String(point.id))
    await expect(page.getByTestId('result-enter').count()).resolves.toBe(0)
    await expect(page.getByTestId('point-edit').count()).resolves.toBe(0)
    await page.context().close()
  })
})

import crypto from 'node:crypto'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, logIn, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { clickMap, type LonLat } from '../support/map-input.ts'
import { freeSpot } from '../support/free-spot.ts'

const skip = isBrowserMissing()
/** A year between the sample's accounting years (2020, 2025), so the indicators page still opens on 2025. */
const YEAR = 2024
const MAP_YEAR = 2023

describe.skipIf(skip)(
  '受污染耕地安全利用台账 in Chromium: import a filled template, see the indicator, open its parcels',
  () => {
    const { open, errors } = useBrowser()
    let db: Database
    const run = crypto.randomBytes(3).toString('hex').toUpperCase()
    const codes = { safeUse: `SUE-${run}-A`, strict: `SUE-${run}-B` }
    const centres: LonLat[] = []

    beforeAll(async () => {
      db = connectTestDatabase()
      const [lon, lat] = await freeSpot(db, { clearOfPoints: 0.02, clearOfFarmland: 0.01, spacing: 0.03 })
      for (const [code, cls, dx] of [
        [codes.safeUse, 'safe_use', 0],
        [codes.strict, 'strict', 0.004],
      ] as const) {
        centres.push([lon + dx, lat])
        await db.query(
          `INSERT INTO farmland_parcel (adcode, code, dlbm, class, class_basis, geom)
         VALUES ('430903', $1, '0101', $2, '{"cropResult":"none"}',
                 ST_Multi(ST_Expand(ST_SetSRID(ST_MakePoint($3, $4), 4490), 0.0005)))`,
          [code, cls, lon + dx, lat],
        )
      }
    })
    afterAll(async () => {
      for (const year of [YEAR, MAP_YEAR]) {
        await db.query(`DELETE FROM safe_use_account WHERE adcode = '430903' AND year = $1 AND NOT is_generated`, [
          year,
        ])
        await db.query(`DELETE FROM safe_use_ledger WHERE adcode = '430903' AND year = $1`, [year])
      }
      await db.query(`DELETE FROM farmland_parcel WHERE code LIKE $1`, [`SUE-${run}-%`])
      await db.close()
    })

    it('when the farmland officer imports a filled template, then the ledger lists the parcels, /indicators counts them and the rows behind D open', async () => {
      const page = await open({ path: '/safe-use-ledger', acceptDownloads: true })
      await page.waitForURL(/\/login/)
      await logIn(page, 'gengdi', undefined, { until: 'answer' })
      await page.getByTestId('ledger-section').waitFor()
      await page.getByTestId('ledger-year').selectOption(String(YEAR))
      await expect.poll(() => page.getByTestId('ledger-row').count()).toBe(0)

      const download = page.waitForEvent('download')
      await page.getByTestId('ledger-template').click()
      const template = new ExcelJS.Workbook()
      await template.xlsx.readFile(await (await download).path())
      const sheet = template.getWorksheet('安全利用台账')!
      const header = (sheet.getRow(1).values as string[]).slice(1)
      const cell = (row: Record<string, string>) => header.map((h) => row[h] ?? '')
      sheet.spliceRows(2, sheet.rowCount)
      sheet.addRow(
        cell({
          图斑编号: codes.safeUse,
          措施: '低积累品种替代、叶面阻控',
          实施主体: '欧江岔镇农技站',
          农产品是否达标: '达标',
        }),
      )
      sheet.addRow(
        cell({ 图斑编号: codes.strict, 措施: '退耕还林还草', 实施主体: '欧江岔镇人民政府', 农产品是否达标: '未监测' }),
      )
      const filled = Buffer.from(await template.xlsx.writeBuffer())

      await page.getByTestId('ledger-import').click()
      const dialog = page.getByTestId('ledger-import-dialog')
      await dialog.getByTestId('ledger-import-file').setInputFiles({
        name: '安全利用台账.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: filled,
      })
      await dialog.getByTestId('ledger-import-dry-run').click()
      await expect.poll(() => dialog.getByTestId('ledger-import-message').textContent()).toContain('可导入 2 行')
      await dialog.getByTestId('ledger-import-run').click()
      await expect.poll(() => dialog.getByTestId('ledger-import-message').textContent()).toContain('已导入 2 行')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/98-safe-use-ledger-import.png` })
      await page.keyboard.press('Escape')
      await expect.poll(() => page.getByTestId('ledger-row').count()).toBe(2)
      const strictRow = page.locator(`[data-testid="ledger-row"][data-code="${codes.strict}"]`)
      expect(await strictRow.textContent()).toContain('重度')
      expect(await strictRow.textContent()).toContain('退耕还林还草')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/98-safe-use-ledger-1440.png`, fullPage: true })

      await page.getByTestId('nav-indicators').click()
      await page.getByTestId('farmland-table').waitFor()
      await page.getByTestId('indicator-year').selectOption(String(YEAR))
      const api = (await apiGet(page, `/api/indicators/farmland?year=${YEAR}&adcode=430903`)).body
      expect(api.counties[0].E.count).toBe(2)
      expect(api.counties[0].ratePct).toBe(100)
      const row = page.locator('[data-testid="farmland-row"][data-adcode="430903"]')
      await expect.poll(() => row.getByTestId('farmland-rate').textContent()).toBe('100%')
      await page.getByTestId('ledger-checks').waitFor()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/98-safe-use-indicators.png`, fullPage: true })

      await row.getByTestId('farmland-D').click()
      const drawer = page.getByTestId('indicator-rows')
      await drawer.getByTestId('indicator-row').first().waitFor()
      expect(await drawer.textContent()).toContain(codes.strict)
      expect(await drawer.getByTestId('indicator-row').count()).toBe(api.counties[0].D.count)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/98-safe-use-indicator-rows.png` })
      expect(errors).toEqual([])
    })

    it('when the ledger page is opened on a phone, then the county, year, tools and table fit the narrow screen', async () => {
      const page = await open({
        path: `/safe-use-ledger?adcode=430903&year=${YEAR}`,
        viewport: { width: 390, height: 844 },
      })
      await page.waitForURL(/\/login/)
      await logIn(page, 'gengdi', undefined, { until: 'answer' })
      await page.getByTestId('ledger-section').waitFor()
      await page.goto(page.url().replace(/\/safe-use-ledger.*$/, `/safe-use-ledger?adcode=430903&year=${YEAR}`))
      await page.getByTestId('ledger-section').waitFor()
      expect(await page.getByTestId('ledger-year').inputValue()).toBe(String(YEAR))
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      expect(width).toBeLessThanOrEqual(390)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/98-safe-use-ledger-390.png`, fullPage: true })
      expect(errors).toEqual([])
    })

    it("when the farmland officer selects two parcels on the map and applies a measure, then both join the year's ledger with it", async () => {
      const page = await open({ as: 'gengdi' })
      await page.getByTestId('side-tab-safe-use').click()
      const panel = page.getByTestId('apply-measure-panel')
      await panel.waitFor()
      await panel.getByTestId('apply-measure-year').fill(String(MAP_YEAR))
      await page.evaluate(
        (c) => (window as any).__soilMap.jumpTo({ center: c, zoom: 16 }),
        [(centres[0][0] + centres[1][0]) / 2, centres[0][1]],
      )
      await waitForMap(page)
      await panel.getByTestId('apply-measure-select').click()
      for (const centre of centres) await clickMap(page, centre)
      await expect.poll(() => panel.getByTestId('apply-measure-count').textContent()).toContain('已选 2 个图斑')
      expect(await panel.getByTestId('apply-measure-count').textContent()).toContain(codes.strict)
      await expect(page.getByTestId('info-panel').count(), 'selecting opens no info panel').resolves.toBe(0)
      await panel.getByTestId('apply-measure-measure').selectOption('休耕')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/98-safe-use-map-selection.png` })
      await panel.getByTestId('apply-measure-apply').click()
      await expect.poll(() => panel.getByTestId('apply-measure-message').textContent()).toContain('新列入台账 2 个图斑')
      const { rows } = await db.query(
        `SELECT a.parcel_code, a.pollution_degree, array_agg(m.measure) AS measures
         FROM safe_use_account a JOIN safe_use_measure m ON m.adcode = a.adcode AND m.account_id = a.id
         WHERE a.adcode = '430903' AND a.year = $1 GROUP BY 1, 2 ORDER BY 1`,
        [MAP_YEAR],
      )
      expect(rows).toEqual([
        { parcel_code: codes.safeUse, pollution_degree: 'slight', measures: ['休耕'] },
        { parcel_code: codes.strict, pollution_degree: 'severe', measures: ['休耕'] },
      ])
      expect(errors).toEqual([])
    })
  },
)

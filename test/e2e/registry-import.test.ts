import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'

const skip = isBrowserMissing()

describe.skipIf(skip)(
  '登记册批量导入 in Chromium: choose the register, check the sheet, read the row report, import',
  () => {
    const suite = useBrowser()
    let db: Database

    beforeAll(() => {
      db = connectTestDatabase()
    })
    afterAll(async () => {
      await db.close()
    })

    it('when the environment officer opens the page from the 污染地块 panel and the user menu and checks a points sheet with a wrong level, then the row report names row and column, and the valid row is imported', async () => {
      const [lon, lat] = await freeSpot(db, { spacing: 0.01, inside: 0.003, clearOfFarmland: 0.002 })
      const tag = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
      const good = `430903-JCE${tag}`
      const bad = `430903-JCF${tag}`
      const book = new ExcelJS.Workbook()
      const sheet = book.addWorksheet('监测点位')
      sheet.addRow(['点位编号', '点位名称', '级别', '类型', '状态', '经度', '纬度'])
      sheet.addRow([good, '东风村水田点', '县控', '基础点位', '在用', String(lon), String(lat)])
      sheet.addRow([bad, '西湖村旱地点', '乡控', '基础点位', '在用', String(lon + 0.001), String(lat)])
      const buffer = Buffer.from(await book.xlsx.writeBuffer())

      const page = await suite.open({ viewport: { width: 1440, height: 900 }, as: 'huanjing' })
      await waitForMap(page)
      await page.getByTestId('side-tab-plots').click()
      await page.getByTestId('plot-bulk-import').waitFor()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-import-entry-plots.png` })
      await page.getByTestId('plot-bulk-import').click()
      await page.waitForURL(/\/registry\/import\?kind=plots$/)
      expect(await page.getByTestId('kind-plots').isChecked()).toBe(true)
      expect(await page.getByTestId('import-outlines').count()).toBe(1)
      await page.goto(page.url().replace(/\/registry\/import.*$/, '/'))
      await waitForMap(page)
      await page.getByTestId('user-menu-button').click()
      await page.getByTestId('user-menu-registry-import').click()
      await page.waitForURL(/\/registry\/import$/)
      await page.getByTestId('kind-points').check()
      expect(await page.getByTestId('template-download').getAttribute('href')).toBe(
        '/api/registry-import/points/template.xlsx',
      )
      await page.getByTestId('import-file').setInputFiles({
        name: '监测点位台账.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer,
      })
      await page.getByTestId('import-check').click()
      await expect.poll(() => page.getByTestId('import-message').textContent()).toContain('1 处问题')
      const error = page.getByTestId('import-error').first()
      expect(await error.textContent()).toContain('3级别')
      expect(await error.textContent()).toContain('「乡控」应为')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-import-1440.png`, fullPage: true })
      expect(await page.getByTestId('import-summary').textContent()).toContain('不会导入任何行')
      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-import-390.png` })
      await page.getByTestId('import-report').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/registry-import-390-report.png` })
      await page.setViewportSize({ width: 1440, height: 900 })

      await page.getByTestId('mode-valid-only').check()
      await page.getByTestId('import-run').click()
      await expect.poll(() => page.getByTestId('import-message').textContent()).toContain('已导入 1 条监测点位')
      const stored = await db.query(`SELECT code FROM monitoring_point WHERE code = ANY ($1::text[])`, [[good, bad]])
      expect(stored.rows.map((r) => r.code)).toEqual([good])
      expect(suite.errors).toEqual([])
    })
  },
)

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString(36).slice(-5)

describe.skipIf(skip)(
  '饮用水水源保护区: imported by the environment officer, seen on the map and, once published, by the public',
  () => {
    const { open, errors } = useBrowser()
    let db: Database
    const name = `志溪河水厂水源地（E2E ${SUFFIX}）`
    let centre: [number, number] = [0, 0]
    let file = ''

    beforeAll(async () => {
      db = connectTestDatabase()
      // a 一级保护区 of about 400 m next to the first sample parcel of 赫山区
      const {
        rows: [p],
      } = await db.query(
        `SELECT ST_XMax(geom) AS x, ST_YMin(geom) AS y FROM farmland_parcel WHERE adcode = '430903' ORDER BY code LIMIT 1`,
      )
      const [x, y, d] = [Number(p.x) + 0.01, Number(p.y), 0.004]
      centre = [x + d / 2, y + d / 2]
      file = JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: {
              水源地名称: name,
              水源类型: '河流型',
              保护区级别: '一级保护区',
              批复文号: '湘政函〔2016〕9号',
            },
            geometry: {
              type: 'Polygon',
              coordinates: [
                [
                  [x, y],
                  [x + d, y],
                  [x + d, y + d],
                  [x, y + d],
                  [x, y],
                ],
              ],
            },
          },
        ],
      })
    })
    afterAll(async () => {
      await db.query(`DELETE FROM water_source_zone WHERE adcode = '430903' AND source_name = $1`, [name])
      await db.close()
    })

    const hasFeature = (page: Page, source: string) =>
      page.evaluate(
        ([src, wanted]) =>
          (window as any).__soilMap
            .querySourceFeatures(src, { sourceLayer: src })
            .some((f: any) => f.properties.name === wanted),
        [source, name],
      )

    it('when the officer imports a file, then the zone is listed, drawn on the staff map with its info, and published after a confirmation', async () => {
      const page = await open({ as: 'huanjing', viewport: { width: 1440, height: 900 } })
      await waitForMap(page)
      const confirms: string[] = []
      page.on('dialog', (dialog) => {
        confirms.push(dialog.message())
        void dialog.accept()
      })
      await page.getByTestId('side-tab-zones').click()
      const section = page.locator('[data-testid="water-source-section"][data-adcode="430903"]')
      await section.getByLabel('保护区文件').setInputFiles({
        name: '水源保护区.geojson',
        mimeType: 'application/json',
        buffer: Buffer.from(file),
      })
      await section.getByRole('button', { name: '导入' }).click()
      await expect
        .poll(() => section.getByRole('status').textContent(), { timeout: 30_000 })
        .toContain('已导入 1 个保护区（一级 1、二级 0、准保护区 0）')
      await section.getByRole('button', { name: `${name} · 一级保护区` }).click()
      await waitForMap(page)
      await expect.poll(() => hasFeature(page, 'water-source'), { timeout: 30_000 }).toBe(true)
      const [px, py] = await page.evaluate((c) => {
        const p = (window as any).__soilMap.project(c)
        const box = (window as any).__soilMap.getCanvas().getBoundingClientRect()
        return [box.left + p.x, box.top + p.y]
      }, centre)
      await page.mouse.click(px, py)
      const info = page.getByTestId('info-panel')
      await expect.poll(() => info.textContent(), { timeout: 20_000 }).toContain('湘政函〔2016〕9号')
      await expect(info.textContent()).resolves.toContain('保护区内及 1000 米内的监测点位')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/water-source-staff-1440.png` })

      await section.getByRole('button', { name: '发布' }).click()
      await expect
        .poll(() => section.getByTestId('water-source-state').textContent(), { timeout: 20_000 })
        .toBe('已发布到公众地图')
      expect(confirms.some((m) => m.includes('将显示在公众地图上'))).toBe(true)
      await section.screenshot({ path: `${SCREENSHOT_DIR}/water-source-section-1440.png` })
      expect(errors).toEqual([])
    }, 180_000)

    it('when it is published, then the public map draws it and its legend names it, on a wide screen and a phone', async () => {
      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const pub = await open({ path: '/public', viewport })
        await pub.getByTestId('public-page').waitFor()
        await waitForMap(pub)
        await pub.evaluate((c) => (window as any).__soilMap.jumpTo({ center: c, zoom: 14 }), centre)
        await waitForMap(pub)
        await expect.poll(() => hasFeature(pub, 'public-water-source'), { timeout: 30_000 }).toBe(true)
        if (viewport.width > 500)
          await expect(pub.locator('body').textContent()).resolves.toContain('饮用水水源保护区（已公布）')
        await pub.screenshot({ path: `${SCREENSHOT_DIR}/water-source-public-${viewport.width}.png` })
      }
      expect(errors).toEqual([])
    }, 180_000)
  },
)

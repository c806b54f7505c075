import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Download, Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { pdfText, squash } from '../support/pdf-text.ts'

const skip = isBrowserMissing()

/** The map frame of an A4 landscape sheet in millimetres (10 mm margins, 13 mm title band, 40 mm footer). */
const A4_LANDSCAPE_FRAME = { x: 10, y: 23, width: 277, height: 137 }

describe.skipIf(skip)('打印/导出 the staff map in Chromium: PDF read back and PNG measured', () => {
  const { open, errors } = useBrowser()
  let db: Database
  /** A 永久基本农田 patch of 赫山区 with farmland parcels around it. */
  let centre: [number, number]

  beforeAll(async () => {
    db = connectTestDatabase()
    const {
      rows: [r],
    } = await db.query(`
      WITH b AS (SELECT ST_PointOnSurface(geom) AS p FROM basic_farmland WHERE adcode = '430903')
      SELECT ST_X(b.p) AS lon, ST_Y(b.p) AS lat FROM b
      ORDER BY (SELECT count(*) FROM farmland_parcel f WHERE f.adcode = '430903' AND ST_DWithin(f.geom, b.p, 0.01)) DESC
      LIMIT 1`)
    centre = [Number(r.lon), Number(r.lat)]
  })
  afterAll(() => db.close())

  /** The officer's map at zoom 13 over the patch, with 永久基本农田 switched on and drawn. */
  async function mapWithBasicFarmland(page: Page): Promise<void> {
    await page.evaluate((c) => (window as any).__soilMap.jumpTo({ center: c, zoom: 13 }), centre)
    await waitForMap(page)
    const toggle = page.getByTestId('layer-toggle-basic-farmland')
    await expect(toggle.isChecked()).resolves.toBe(false)
    await toggle.click()
    await waitForMap(page)
    await expect
      .poll(() =>
        page.evaluate(
          () => (window as any).__soilMap.queryRenderedFeatures({ layers: ['basic-farmland-line'] }).length,
        ),
      )
      .toBeGreaterThan(0)
  }

  /**
   * The scale 1:N an A4 landscape frame must print for this view, measured independently: the middle of the view cut
   * to the frame's width:height, its width along the centre's parallel as PostGIS measures it on the CGCS2000
   * spheroid, over the frame's 277 mm.
   */
  async function expectedDenominator(page: Page): Promise<number> {
    const view = await page.evaluate(() => {
      const map = (window as any).__soilMap
      const { clientWidth: w, clientHeight: h } = map.getContainer()
      const b = map.getBounds()
      return { w, h, west: b.getWest(), east: b.getEast(), lat: map.getCenter().lat, lon: map.getCenter().lng }
    })
    const aspect = A4_LANDSCAPE_FRAME.width / A4_LANDSCAPE_FRAME.height
    const cropShare = Math.min(view.w, view.h * aspect) / view.w
    const half = ((view.east - view.west) * cropShare) / 2
    const {
      rows: [r],
    } = await db.query<{ m: number }>(
      `SELECT ST_Distance(ST_SetSRID(ST_MakePoint($1, $3), 4490)::geography, ST_SetSRID(ST_MakePoint($2, $3), 4490)::geography, true) AS m`,
      [view.lon - half, view.lon + half, view.lat],
    )
    return Number(r.m) / (A4_LANDSCAPE_FRAME.width / 1000)
  }

  const bytesOf = async (download: Download) => fs.readFileSync((await download.path())!)

  it('when the officer turns 永久基本农田 on and prints the view as an A4 landscape PDF, then the PDF holds the title, the legend of the layers shown and the scale of the view', async () => {
    const page = await open({ as: 'huanjing', acceptDownloads: true })
    await mapWithBasicFarmland(page)
    await page.getByTestId('print-open').click()
    const dialog = page.getByTestId('print-dialog')
    await dialog.waitFor()
    await expect(page.getByTestId('print-title').inputValue()).resolves.toBe('赫山区 耕地土壤环境质量类别图')
    await expect(page.getByTestId('print-unit').inputValue()).resolves.toBe('益阳市生态环境局赫山分局')
    await expect(page.getByTestId('print-orientation').inputValue()).resolves.toBe('landscape')
    await expect(page.getByTestId('print-paper').inputValue()).resolves.toBe('A4')
    await page.getByTestId('print-title').fill('赫山区 耕地与永久基本农田（打印测试）')
    const scaleShown = (await page.getByTestId('print-scale').textContent())!
    await page.screenshot({ path: `${SCREENSHOT_DIR}/print-dialog-1440.png` })

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-export').click()])
    expect(download.suggestedFilename()).toBe('赫山区 耕地与永久基本农田（打印测试）（A4 横向）.pdf')
    const pdf = await bytesOf(download)
    fs.mkdirSync('test-results/map-print', { recursive: true })
    fs.writeFileSync('test-results/map-print/e2e-a4-landscape.pdf', pdf)
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    await expect(dialog.count()).resolves.toBe(0)

    const flat = squash((await pdfText(pdf)).text)
    expect(flat).toContain(squash('赫山区 耕地与永久基本农田（打印测试）'))
    for (const label of ['图例', '永久基本农田图斑', '优先保护类', '区县界线', '北'])
      expect(flat, label).toContain(label)
    expect(flat).toContain(squash('坐标系：2000 国家大地坐标系（CGCS2000）'))
    expect(flat).toContain('制图单位：益阳市生态环境局赫山分局')
    const printed = /比例尺1:([\d,]+)/.exec(flat)
    expect(printed, flat).not.toBeNull()
    const n = Number(printed![1].replace(/,/g, ''))
    expect(squash(scaleShown)).toContain(`1:${printed![1]}`)
    const expected = await expectedDenominator(page)
    expect(Math.abs(n - expected) / expected).toBeLessThan(0.006)
    expect(errors).toEqual([])
  })

  it('when the officer exports the view as an A4 landscape PNG, then it is 1754 × 1240 pixels (150 dpi) and its map frame is drawn, not blank', async () => {
    const page = await open({ as: 'huanjing', acceptDownloads: true })
    await mapWithBasicFarmland(page)
    await page.getByTestId('print-open').click()
    await page.getByTestId('print-png').check()
    await expect(page.getByTestId('print-export').textContent()).resolves.toBe('导出 PNG')
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('print-export').click()])
    expect(download.suggestedFilename()).toBe('赫山区 耕地土壤环境质量类别图（A4 横向）.png')
    const png = await bytesOf(download)
    fs.writeFileSync('test-results/map-print/e2e-a4-landscape.png', png)
    const measured = await page.evaluate(
      async ({ data, frame }) => {
        const image = new Image()
        image.src = `data:image/png;base64,${data}`
        await image.decode()
        const canvas = document.createElement('canvas')
        canvas.width = image.width
        canvas.height = image.height
        const ctx = canvas.getContext('2d')!
        ctx.drawImage(image, 0, 0)
        const px = (mm: number) => Math.round((mm / 25.4) * 150)
        const [x0, y0, w, h] = [px(frame.x) + 4, px(frame.y) + 4, px(frame.width) - 8, px(frame.height) - 8]
        const d = ctx.getImageData(x0, y0, w, h).data
        const counts = new Map<number, number>()
        for (let i = 0; i < d.length; i += 4) {
          const key = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2]
          counts.set(key, (counts.get(key) ?? 0) + 1)
        }
        const [background] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]
        const [br, bg, bb] = [background >> 16, (background >> 8) & 255, background & 255]
        let drawn = 0
        for (let i = 0; i < d.length; i += 4)
          if (Math.abs(d[i] - br) + Math.abs(d[i + 1] - bg) + Math.abs(d[i + 2] - bb) > 30) drawn++
        const corner = ctx.getImageData(2, 2, 1, 1).data
        return { width: image.width, height: image.height, drawnShare: drawn / (w * h), corner: [...corner] }
      },
      { data: png.toString('base64'), frame: A4_LANDSCAPE_FRAME },
    )
    expect([measured.width, measured.height]).toEqual([1754, 1240])
    expect(measured.corner).toEqual([255, 255, 255, 255])
    expect(measured.drawnShare).toBeGreaterThan(0.05)
    expect(errors).toEqual([])
  })

  it('when the officer opens 打印/导出 on a phone (390×844) and picks A3 portrait, then the dialog fits the screen and the preview follows the paper', async () => {
    const page = await open({ as: 'huanjing', viewport: { width: 390, height: 844 } })
    await waitForMap(page)
    const button = page.getByTestId('print-open')
    const at = (await button.boundingBox())!
    expect(at.x + at.width).toBeLessThanOrEqual(390)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/print-button-390.png` })
    await button.click()
    const dialog = page.getByTestId('print-dialog')
    await dialog.waitFor()
    await page.getByTestId('print-paper').selectOption('A3')
    await page.getByTestId('print-orientation').selectOption('portrait')
    await expect(dialog.textContent()).resolves.toContain('预览：A3 纵向（297 × 420 毫米）')
    const preview = await page.getByTestId('print-preview').evaluate((c: HTMLCanvasElement) => ({
      ratio: c.height / c.width,
      right: c.getBoundingClientRect().right,
    }))
    expect(preview.ratio).toBeCloseTo(420 / 297, 2)
    const box = (await dialog.boundingBox())!
    expect(box.x).toBeGreaterThanOrEqual(0)
    expect(box.x + box.width).toBeLessThanOrEqual(390)
    expect(preview.right).toBeLessThanOrEqual(390)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/print-dialog-390.png` })
    expect(errors).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { LAND_CLASSES } from '../../server/src/domain/land-class.ts'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'

const skip = isBrowserMissing()

describe.skipIf(skip)('the 三调 ground under the parcels (farmland officer of 赫山区, 1440×900)', () => {
  const { open, errors } = useBrowser()
  let db: Database
  /** The generated ground feature of 赫山区 with the most ground around it. */
  let centre: [number, number]

  beforeAll(async () => {
    db = connectTestDatabase()
    const {
      rows: [r],
    } = await db.query(`
      WITH c AS (SELECT ST_Centroid(geom) AS p FROM land_context WHERE adcode = '430903' AND is_generated)
      SELECT ST_X(c.p) AS lon, ST_Y(c.p) AS lat FROM c
      ORDER BY (SELECT count(*) FROM land_context x WHERE x.adcode = '430903' AND ST_DWithin(x.geom, c.p, 0.008)) DESC
      LIMIT 1`)
    centre = [Number(r.lon), Number(r.lat)]
  })
  afterAll(() => db.close())

  const jump = async (page: Page, zoom: number) => {
    await page.evaluate(([c, z]) => (window as any).__soilMap.jumpTo({ center: c, zoom: z }), [centre, zoom] as const)
    await waitForMap(page)
  }

  /**
   * Pixels of the screenshot within 14 of a land-class colour laid over the map background at the opacity the
   * style gives it at z14, counted in the page (a 2D canvas decodes the PNG).
   */
  const groundPixels = (page: Page, png: Buffer) =>
    page.evaluate(
      async ({ data, colours }) => {
        const image = new Image()
        image.src = `data:image/png;base64,${data}`
        await image.decode()
        const canvas = document.createElement('canvas')
        canvas.width = image.width
        canvas.height = image.height
        const ctx = canvas.getContext('2d')!
        ctx.drawImage(image, 0, 0)
        const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data
        let n = 0
        for (let i = 0; i < px.length; i += 4)
          if (
            colours.some(([r, g, b]) => Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) <= 14)
          )
            n++
        return n / (px.length / 4)
      },
      {
        data: png.toString('base64'),
        colours: LAND_CLASSES.map((c) => {
          const rgb = [1, 3, 5].map((i) => parseInt(c.color.slice(i, i + 2), 16))
          const background = [0xf4, 0xf1, 0xea]
          return rgb.map((v, i) => Math.round(0.9 * v + 0.1 * background[i]))
        }),
      },
    )

  it('when the officer looks at z13 and z14 among the parcels, then the ground is drawn under them in its land-class colours, and goes when switched off', async () => {
    const page = await open({ as: 'gengdi', viewport: { width: 1440, height: 900 } })
    await waitForMap(page)
    await expect(page.getByTestId('layer-toggle-land-context').isChecked()).resolves.toBe(true)
    await expect(page.getByTestId('layer-toggle-basic-farmland').isChecked()).resolves.toBe(false)
    await expect(page.getByTestId('legend').first().textContent()).resolves.toContain('交通运输用地')

    await jump(page, 13)
    const z13 = await page.screenshot({ path: `${SCREENSHOT_DIR}/context-z13.png` })
    await jump(page, 14)
    const drawn = await page.evaluate(() => {
      const map = (window as any).__soilMap
      return {
        ground: map.queryRenderedFeatures({ layers: ['land-context-fill'] }).length,
        parcels: map.queryRenderedFeatures({ layers: ['parcel-fill'] }).length,
      }
    })
    expect(drawn.ground).toBeGreaterThan(20)
    expect(drawn.parcels).toBeGreaterThan(0)
    const z14 = await page.screenshot({ path: `${SCREENSHOT_DIR}/context-z14.png` })
    const withGround = await groundPixels(page, z14)
    expect(await groundPixels(page, z13)).toBeGreaterThan(0.02)
    expect(withGround).toBeGreaterThan(0.05)

    await page.getByTestId('layer-toggle-land-context').click()
    await waitForMap(page)
    const without = await groundPixels(page, await page.screenshot())
    expect(without).toBeLessThan(withGround / 3)
    expect(errors).toEqual([])
  })

  it('when the officer opens 分类划定, then the parcels whose class disagrees with 永久基本农田 are listed, and 定位 moves the map to one', async () => {
    const page = await open({ as: 'gengdi', viewport: { width: 1440, height: 900 } })
    await waitForMap(page)
    await page.getByTestId('side-tab-classification').click()
    const section = page.getByTestId('basic-farmland-section')
    await section.getByTestId('basic-farmland-row').first().waitFor({ timeout: 60_000 })
    await expect(section.textContent()).resolves.toContain('严格管控类、安全利用类耕地位于永久基本农田内')
    const row = section.getByTestId('basic-farmland-row').first()
    const code = await row.getAttribute('data-code')
    await row.getByRole('button', { name: '定位' }).click()
    await waitForMap(page)
    await expect.poll(() => page.evaluate(() => (window as any).__soilMap.getZoom())).toBeGreaterThan(15)
    const shown = await page.evaluate(() =>
      (window as any).__soilMap.queryRenderedFeatures({ layers: ['parcel-fill'] }).map((f: any) => f.properties.code),
    )
    expect(shown).toContain(code)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/context-basic-farmland-list.png` })
    expect(errors).toEqual([])
  })

  it('when the officer turns 永久基本农田 on, then its outlines are drawn over the parcels', async () => {
    const page = await open({ as: 'gengdi', viewport: { width: 1440, height: 900 } })
    await waitForMap(page)
    await page.getByTestId('layer-toggle-basic-farmland').click()
    await jump(page, 14)
    const outlines = await page.evaluate(
      () => (window as any).__soilMap.queryRenderedFeatures({ layers: ['basic-farmland-line'] }).length,
    )
    expect(outlines).toBeGreaterThan(0)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/context-basic-farmland-z14.png` })
    expect(errors).toEqual([])
  })
})

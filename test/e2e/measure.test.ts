import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, sessionOf, useBrowser, waitForMap } from '../support/browser.ts'
import { type LonLat, type Ring, clickMap, offset, pixel, polygon } from '../support/map-input.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'

const skip = isBrowserMissing()

/** The length at the end of a readout (`长度 856.3 m`, `… 周长 1.378 km`), in metres. */
function lengthIn(text: string): number {
  const match = /([\d,]+(?:\.\d+)?) (m|km)$/.exec(text)
  if (!match) throw new Error(`no length at the end of “${text}”`)
  return Number(match[1].replace(/,/g, '')) * (match[2] === 'km' ? 1000 : 1)
}

/** The number before `unit` in a readout such as `面积 12,345.67 m² · 18.52 亩 · 1.23 公顷`. */
function valueBefore(text: string, unit: string): number {
  const match = new RegExp(`([\\d,]+(?:\\.\\d+)?) ${unit}(?!²)`).exec(text)
  if (!match) throw new Error(`no value in ${unit} in “${text}”`)
  return Number(match[1].replace(/,/g, ''))
}

describe.skipIf(skip)(
  '测量 on the staff map in Chromium: distance and area on the ellipsoid, snapping, double-click, touch',
  () => {
    const { open, browser, errors } = useBrowser()
    const appUrl = inject('appUrl')
    let db: Database
    let spot: LonLat
    /** The corners of this file's parcel (an irregular pentagon of about 13 ha) as the API serves them. */
    let corners: LonLat[] = []
    let parcel: { id: number; areaM2: number; areaMu: number }

    /** Fits the page's map to this file's parcel. */
    async function fitToParcel(page: Page): Promise<void> {
      const lons = corners.map(([lon]) => lon)
      const lats = corners.map(([, lat]) => lat)
      const bounds = [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]
      await page.evaluate(
        (b) => (window as any).__soilMap.fitBounds(b, { padding: 70, maxZoom: 17, duration: 0 }),
        bounds,
      )
      await waitForMap(page)
    }

    /** The officer's map fitted to this file's parcel, with the parcel drawn. */
    async function openAtParcel(page: Page): Promise<void> {
      await fitToParcel(page)
      await page.waitForFunction(
        (id) =>
          (window as any).__soilMap.queryRenderedFeatures({ layers: ['parcel-fill'] }).some((f: any) => f.id === id),
        parcel.id,
      )
    }

    /** Pixel offsets of the clicks from the corners, each another way (a shift of them all would keep the area). */
    const OFFSETS: [number, number][] = [
      [6, -4],
      [-5, 5],
      [4, 6],
      [-6, -3],
      [5, 5],
    ]

    /** The page pixel a few pixels off the `i`th corner (snapping must bring the point back onto it). */
    async function nearCorner(page: Page, i: number): Promise<{ x: number; y: number }> {
      const { x, y } = await pixel(page, corners[i])
      const [dx, dy] = OFFSETS[i]
      return { x: x + dx, y: y + dy }
    }

    /** The geodesic length of the path through `points` on the spheroid, computed by PostGIS. */
    async function postgisLengthM(points: LonLat[]): Promise<number> {
      const line = { type: 'LineString', coordinates: points }
      const { rows } = await db.query<{ m: number }>(
        `SELECT ST_Length(ST_SetSRID(ST_GeomFromGeoJSON($1), 4490)::geography) AS m`,
        [JSON.stringify(line)],
      )
      return Number(rows[0].m)
    }

    const zoomOf = (page: Page) => page.evaluate(() => (window as any).__soilMap.getZoom() as number)

    beforeAll(async () => {
      db = connectTestDatabase()
      spot = await freeSpot(db, { clearOfFarmland: 0.006, clearOfRecords: 0.006, spacing: 0.012 })
      const ring: Ring = [
        offset(spot, -200, -160),
        offset(spot, 190, -180),
        offset(spot, 230, 90),
        offset(spot, 20, 190),
        offset(spot, -170, 120),
      ]
      ring.push(ring[0])
      const agent = request.agent(appUrl)
      const { body: session } = await agent.get('/api/session').expect(200)
      const login = await agent
        .post('/api/auth/login')
        .set('X-CSRF-Token', session.csrfToken)
        .send({ username: 'gengdi', password: SAMPLE_PASSWORD })
      expect(login.status, JSON.stringify(login.body)).toBe(200)
      const res = await agent
        .post('/api/parcels/changes')
        .set('X-CSRF-Token', login.body.csrfToken)
        .send({
          reason: '测量工具测试图斑（E2E）',
          changes: [
            { op: 'create', geometry: polygon(ring), attributes: { dlbm: '0101', qsdwmc: '赫山区测试村民委员会' } },
          ],
        })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      const id = res.body.results[0].id as number
      const saved = await agent.get(`/api/parcels/${id}`).expect(200)
      corners = (saved.body.geometry.coordinates[0][0] as LonLat[]).slice(0, -1)
      parcel = { id, areaM2: saved.body.properties.areaM2, areaMu: saved.body.properties.areaMu }
      expect(corners).toHaveLength(5)
    })

    afterAll(async () => {
      await db.query(
        `DELETE FROM farmland_parcel WHERE adcode = '430903' AND NOT is_generated
         AND ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490), 0.004)`,
        spot,
      )
      await db.query(`SELECT refresh_farmland_overview('430903')`)
      await db.close()
    })

    it('when the officer measures a distance along a parcel’s corners with the mouse and double-clicks the last one, then the length is the geodesic one, shown beside the last point and in the status bar, and the map does not zoom', async () => {
      const page = await open({ as: 'gengdi' })
      await openAtParcel(page)
      await page.getByTestId('measure-distance').click()
      await expect(page.getByTestId('measure-readout').textContent()).resolves.toContain('双击')
      for (const i of [0, 1]) {
        const { x, y } = await nearCorner(page, i)
        await page.mouse.move(x, y, { steps: 3 })
        await page.mouse.click(x, y)
      }
      const last = await nearCorner(page, 2)
      await page.mouse.move(last.x, last.y, { steps: 3 })
      const zoomBefore = await zoomOf(page)
      await page.mouse.dblclick(last.x, last.y)
      await expect.poll(() => page.getByTestId('measure-readout').textContent()).toMatch(/^长度 [\d.,]+ (m|km)$/)
      await waitForMap(page)
      expect(await zoomOf(page)).toBe(zoomBefore)

      const expectedM = await postgisLengthM(corners.slice(0, 3))
      const readout = (await page.getByTestId('measure-readout').textContent())!
      const measuredM = lengthIn(readout)
      expect(Math.abs(measuredM - expectedM)).toBeLessThan(1)
      await expect(page.getByTestId('map-tag').textContent()).resolves.toBe(readout.replace('长度 ', ''))
      await expect(page.getByTestId('status-measure').textContent()).resolves.toBe(`测量：${readout}`)

      await page.mouse.move(last.x + 80, last.y + 60, { steps: 3 })
      await expect(page.getByTestId('measure-readout').textContent()).resolves.toBe(readout)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/measure-distance-1440.png` })
      await page.keyboard.press('Escape')
      await expect(page.getByTestId('measure-readout').textContent()).resolves.toContain('双击')
      await expect(page.getByTestId('map-tag').count()).resolves.toBe(0)
      expect(errors).toEqual([])
    })

    it('when the officer measures an area by clicking near each corner of a parcel and then the first point, then the points snap to the corners and the area in m², 亩 and 公顷 is the parcel’s own', async () => {
      const page = await open({ as: 'gengdi' })
      await openAtParcel(page)
      await page.getByTestId('measure-area').click()
      for (const i of corners.keys()) {
        const { x, y } = await nearCorner(page, i)
        await page.mouse.move(x, y, { steps: 3 })
        await page.mouse.click(x, y)
      }
      const first = await nearCorner(page, 0)
      await page.mouse.move(first.x, first.y, { steps: 3 })
      await page.mouse.click(first.x, first.y)
      await expect.poll(() => page.getByTestId('measure-readout').textContent()).toMatch(/^面积 .* 公顷，周长 /)
      const readout = (await page.getByTestId('measure-readout').textContent())!
      expect(Math.abs(valueBefore(readout, 'm²') - parcel.areaM2) / parcel.areaM2).toBeLessThan(0.001)
      // the same 0.1 % as the square metres, plus half of the last shown digit
      expect(Math.abs(valueBefore(readout, '亩') - parcel.areaMu)).toBeLessThan(parcel.areaMu * 0.001 + 0.005)
      expect(Math.abs(valueBefore(readout, '公顷') - parcel.areaM2 / 10_000)).toBeLessThan(
        (parcel.areaM2 / 10_000) * 0.001 + 0.005,
      )
      const perimeterM = await postgisLengthM([...corners, corners[0]])
      expect(Math.abs(lengthIn(readout) - perimeterM)).toBeLessThan(1.5)

      const { body: info } = await apiGet(page, `/api/parcels/${parcel.id}`)
      expect(info.properties.areaM2).toBe(parcel.areaM2)
      await expect(page.getByTestId('info-panel').count()).resolves.toBe(0)
      await expect(page.getByTestId('map-tag').textContent()).resolves.toMatch(
        /^[\d,.]+ m²\n[\d,.]+ 亩 · [\d,.]+ 公顷$/,
      )
      await page.screenshot({ path: `${SCREENSHOT_DIR}/measure-area-1440.png` })
      await page.getByTestId('measure-clear').click()
      await page.getByTestId('measure-area').click()
      await expect(page.getByTestId('measure-readout').count()).resolves.toBe(0)

      await clickMap(page, offset(spot, 0, 20))
      await page.getByTestId('info-panel').waitFor()
      const tool = (await page.getByTestId('measure-tool').boundingBox())!
      const panel = (await page.getByTestId('info-panel').boundingBox())!
      expect(tool.x + tool.width).toBeLessThan(panel.x)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/measure-with-info-1440.png` })
      expect(errors).toEqual([])
    })

    it('when the officer draws a split line across a parcel and double-clicks its last point, then the line is finished, the split is previewed and the map does not zoom', async () => {
      const page = await open({ as: 'gengdi' })
      await openAtParcel(page)
      await page.getByTestId('side-tab-editing').click()
      await page.waitForFunction(() => !!(window as any).__soilDraw)
      await page.getByTestId('edit-tool-split').click()
      await clickMap(page, offset(spot, 0, 20))
      await page.getByTestId('split-dialog').waitFor()
      await page.waitForFunction(() => (window as any).__soilDraw.getMode() === 'linestring')

      await clickMap(page, offset(spot, 10, 205))
      const end = await pixel(page, offset(spot, -10, -195))
      await page.mouse.move(end.x, end.y, { steps: 3 })
      const zoomBefore = await zoomOf(page)
      await page.mouse.dblclick(end.x, end.y)
      await expect.poll(() => page.getByTestId('split-part').count(), { timeout: 20_000 }).toBe(2)
      await waitForMap(page)
      expect(await zoomOf(page)).toBe(zoomBefore)
      expect(errors).toEqual([])
    })

    it('when the land officer draws a pre-check outline on a tablet by tapping its corners and then the first one, then the outline closes with the area of the square tapped', async () => {
      const context = await browser().newContext({
        viewport: { width: 1024, height: 768 },
        hasTouch: true,
        isMobile: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        storageState: await sessionOf(browser(), appUrl, 'ziyuan'),
      })
      try {
        const page = await context.newPage()
        page.on('pageerror', (e) => errors.push(e.message))
        await page.goto(`${appUrl}/precheck`)
        await waitForMap(page)
        await fitToParcel(page)
        await page.waitForFunction(() => !!(window as any).__soilPrecheckDraw)
        await page.getByTestId('precheck-draw').tap()
        const ring = [offset(spot, -60, -60), offset(spot, 60, -60), offset(spot, 60, 60), offset(spot, -60, 60)]
        for (const corner of [...ring, ring[0]]) {
          const { x, y } = await pixel(page, corner)
          await page.touchscreen.tap(x, y)
        }
        await expect
          .poll(() => page.getByTestId('precheck-area').textContent(), { timeout: 10_000 })
          .toMatch(/[\d,.]+ 亩（[\d,.]+ 公顷，[\d,.]+ 平方米）/)
        const areaText = (await page.getByTestId('precheck-area').textContent())!
        expect(Math.abs(valueBefore(areaText, '平方米') - 120 * 120) / (120 * 120)).toBeLessThan(0.01)
        await page.screenshot({ path: `${SCREENSHOT_DIR}/precheck-touch-1024.png` })
        expect(errors).toEqual([])
      } finally {
        await context.close()
      }
    })

    it('when the officer measures an area on a phone by tapping the corners and then the first point, then the polygon closes and the area is the parcel’s own', async () => {
      const context = await browser().newContext({
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        storageState: await sessionOf(browser(), appUrl, 'gengdi'),
      })
      try {
        const page = await context.newPage()
        page.on('pageerror', (e) => errors.push(e.message))
        await page.goto(appUrl)
        await waitForMap(page)
        await openAtParcel(page)
        await page.getByTestId('measure-area').tap()
        for (const i of [...corners.keys(), 0]) {
          const { x, y } = await nearCorner(page, i)
          await page.touchscreen.tap(x, y)
        }
        await expect.poll(() => page.getByTestId('measure-readout').textContent()).toMatch(/^面积 .* 公顷，周长 /)
        const readout = (await page.getByTestId('measure-readout').textContent())!
        await page.screenshot({ path: `${SCREENSHOT_DIR}/measure-area-390.png` })
        expect(Math.abs(valueBefore(readout, 'm²') - parcel.areaM2) / parcel.areaM2).toBeLessThan(0.001)
        expect(errors).toEqual([])
      } finally {
        await context.close()
      }
    })
  },
)

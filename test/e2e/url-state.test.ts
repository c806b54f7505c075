import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, logIn, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { type LonLat, clickMap, dragMap, offset } from '../support/map-input.ts'

const skip = isBrowserMissing()

/** The centre (degrees) and zoom of the page's map. */
function readView(page: Page): Promise<{ lon: number; lat: number; zoom: number }> {
  return page.evaluate(() => {
    const map = (window as any).__soilMap
    const { lng, lat } = map.getCenter()
    return { lon: lng as number, lat: lat as number, zoom: map.getZoom() as number }
  })
}

describe.skipIf(skip)('the staff map view, open tab and open feature kept in the address, in Chromium', () => {
  const { open, errors } = useBrowser()
  const appUrl = inject('appUrl')
  let db: Database
  /** A parcel of 赫山区 (gengdi's county) and a point on it; a parcel of 梨树县, which gengdi may not see. */
  let own: { id: number; at: LonLat; title: string }
  let foreign: { id: number; at: LonLat }

  beforeAll(async () => {
    db = connectTestDatabase()
    const pick = async (adcode: string) => {
      const { rows } = await db.query<{ id: string; lon: number; lat: number }>(
        `SELECT id::text, ST_X(p) AS lon, ST_Y(p) AS lat
           FROM (SELECT id, ST_PointOnSurface(geom) AS p, area_m2 FROM farmland_parcel
                  WHERE adcode = $1) s
          ORDER BY area_m2 DESC LIMIT 1 OFFSET 11`,
        [adcode],
      )
      return { id: Number(rows[0].id), at: [rows[0].lon, rows[0].lat] as LonLat }
    }
    own = { ...(await pick('430903')), title: '' }
    foreign = await pick('220322')
  })

  afterAll(async () => {
    await db?.close()
  })

  it('when an officer opens a parcel, pans and switches tab, then a reload returns to the same view, tab and parcel', async () => {
    const page = await open({ as: 'gengdi' })
    await page.evaluate((at) => (window as any).__soilMap.jumpTo({ center: at, zoom: 16 }), own.at)
    await waitForMap(page)
    await clickMap(page, own.at)
    await page.getByTestId('info-title').waitFor()
    await expect.poll(() => page.getByTestId('info-title').textContent()).not.toBe('')
    own.title = (await page.getByTestId('info-title').textContent()) ?? ''
    await dragMap(page, offset(own.at, 0, 0), offset(own.at, -60, 40))
    await page.getByTestId('side-tab-classification').click()
    await waitForMap(page)
    const view = await readView(page)
    await expect
      .poll(() => page.url())
      .toMatch(new RegExp(`#map=[\\d.]+/[\\d.]+/[\\d.]+&tab=classification&feature=parcel/${own.id}$`))
    const historyLength = await page.evaluate(() => window.history.length)

    await page.reload()
    await waitForMap(page)
    const back = await readView(page)
    expect(Math.abs(back.zoom - view.zoom)).toBeLessThan(0.01)
    expect(Math.abs(back.lon - view.lon)).toBeLessThan(1e-5)
    expect(Math.abs(back.lat - view.lat)).toBeLessThan(1e-5)
    await expect.poll(() => page.getByTestId('side-tab-classification').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => page.getByTestId('info-title').textContent()).toBe(own.title)
    expect(await page.evaluate(() => window.history.length)).toBe(historyLength)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/url-state-reload-1440.png` })
    expect(errors).toEqual([])
  })

  it('when another officer opens a link to a parcel before signing in, then after signing in the map shows that place with the parcel open', async () => {
    const [lon, lat] = own.at
    const page = await open({
      path: `/#map=15.00/${lat.toFixed(5)}/${lon.toFixed(5)}&tab=monitoring&feature=parcel/${own.id}`,
    })
    await logIn(page, 'gengdi')
    await page.getByTestId('info-title').waitFor()
    const view = await readView(page)
    expect(view.zoom).toBeCloseTo(15, 2)
    expect(Math.abs(view.lon - lon)).toBeLessThan(1e-4)
    expect(Math.abs(view.lat - lat)).toBeLessThan(1e-4)
    expect(await page.getByTestId('side-tab-monitoring').getAttribute('aria-selected')).toBe('true')
    expect(errors).toEqual([])
  })

  it('when a link names a parcel the officer may not see and a tab the officer has not, then the map opens at the view with nothing selected and the 图层 tab; a link pasted into that page’s address then opens its place', async () => {
    const signedIn = await open({ as: 'gengdi' })
    const page = await signedIn.context().newPage()
    page.on('pageerror', (e) => errors.push(e.message))
    const [lon, lat] = foreign.at
    await page.goto(`${appUrl}/#map=14.00/${lat.toFixed(5)}/${lon.toFixed(5)}&tab=reports&feature=parcel/${foreign.id}`)
    await waitForMap(page)
    const view = await readView(page)
    expect(view.zoom).toBeCloseTo(14, 2)
    expect(Math.abs(view.lat - lat)).toBeLessThan(1e-4)
    expect(await page.getByTestId('side-tab-layers').getAttribute('aria-selected')).toBe('true')
    await expect.poll(() => page.url()).toMatch(/#map=14\.00\/[\d.]+\/[\d.]+&tab=layers$/)
    expect(await page.getByTestId('info-panel').count()).toBe(0)
    expect(await page.getByTestId('page-message').count()).toBe(0)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/url-state-foreign-1440.png` })

    const [ownLon, ownLat] = own.at
    await page.evaluate(
      (hash) => (window.location.hash = hash),
      `#map=16.00/${ownLat.toFixed(5)}/${ownLon.toFixed(5)}&tab=monitoring&feature=parcel/${own.id}`,
    )
    await page.getByTestId('info-title').waitFor()
    await waitForMap(page)
    const pasted = await readView(page)
    expect(pasted.zoom).toBeCloseTo(16, 2)
    expect(Math.abs(pasted.lon - ownLon)).toBeLessThan(1e-4)
    expect(await page.getByTestId('side-tab-monitoring').getAttribute('aria-selected')).toBe('true')
    expect(errors).toEqual([])
  })
})

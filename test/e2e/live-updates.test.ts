import fs from 'node:fs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'
import { SCREENSHOT_DIR, isBrowserMissing, launchChromium, openAs, openPage, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'

const skip = isBrowserMissing()
const RULE_SET = 'live-update-test'
const SUFFIX = Date.now().toString(36).slice(-6).toUpperCase()
/**
 * How long an open map may take to show another user's change: it asks for the layer versions every 4 s while
 * visible, then loads the changed tiles; the issue asks for "a few seconds", and the bound leaves a wide margin
 * for the loaded 2-core test machine.
 */
const LIVE_UPDATE_MS = 15_000

interface Session {
  agent: ReturnType<typeof request.agent>
  csrfToken: string
}

describe.skipIf(skip)(
  "live map updates in Chromium: another user's publish shows on an open map without a reload, at the same view",
  () => {
    let browser: Browser
    let db: Database
    let approver: Session
    const appUrl = inject('appUrl')
    const errors: string[] = []
    const listIds: number[] = []
    const plotIds: number[] = []
    let parcel: {
      id: number
      lon: number
      lat: number
      class: string
      classListId: string | null
      classMethod: string | null
      classBasis: unknown
    }

    /** A second user signed in over HTTP, as another browser would be. */
    async function signInOverHttp(username: string): Promise<Session> {
      const agent = request.agent(appUrl)
      const first = await agent.get('/api/session').expect(200)
      const res = await agent
        .post('/api/auth/login')
        .set('X-CSRF-Token', first.body.csrfToken)
        .send({ username, password: SAMPLE_PASSWORD })
        .expect(200)
      return { agent, csrfToken: res.body.csrfToken }
    }

    /** An approved class list of 赫山区 giving the test's parcel `cls`, published by the approver through the API. */
    async function publishClass(cls: string): Promise<void> {
      const {
        rows: [l],
      } = await db.query(
        `
      INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by)
      VALUES ('430903', '实时刷新测试清单', $1, 'approved', true, 1, 'gengdi') RETURNING id`,
        [RULE_SET],
      )
      listIds.push(Number(l.id))
      await db.query(
        `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, sample_count, basis)
      VALUES ('430903', $1, $2, $3, 'samples', 1, '{"summary": "实时刷新测试"}')`,
        [l.id, parcel.id, cls],
      )
      await approver.agent
        .post(`/api/reviews/class-list/${l.id}/publish`)
        .set('X-CSRF-Token', approver.csrfToken)
        .send({})
        .expect(200)
    }

    /** An approved plot of 赫山区 around a point, published by the approver through the API. */
    async function publishPlot(code: string, lon: number, lat: number): Promise<number> {
      const {
        rows: [p],
      } = await db.query(
        `
      INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, geom, review_status)
      VALUES ('430903', $1, $2, 'listed', 'high', 'chemical',
        ST_Multi(ST_MakeEnvelope($3 - 0.0015, $4 - 0.0012, $3 + 0.0015, $4 + 0.0012, 4490)), 'approved') RETURNING id`,
        [code, `实时刷新测试地块 ${code}`, lon, lat],
      )
      plotIds.push(Number(p.id))
      await approver.agent
        .post(`/api/reviews/plot/${p.id}/publish`)
        .set('X-CSRF-Token', approver.csrfToken)
        .send({})
        .expect(200)
      return Number(p.id)
    }

    /** The camera of the page's map. */
    const viewOf = (page: Page) =>
      page.evaluate(() => {
        const map = (window as any).__soilMap
        const { lng, lat } = map.getCenter()
        return { lng, lat, zoom: map.getZoom() as number }
      })

    /** Puts the page's map at a point and zoom, as the user would have panned there, and waits for its tiles. */
    async function goTo(page: Page, lon: number, lat: number, zoom: number): Promise<void> {
      await page.evaluate(
        ([lng, la, z]) => (window as any).__soilMap.jumpTo({ center: [lng, la], zoom: z }),
        [lon, lat, zoom],
      )
      await waitForMap(page)
    }

    /** The properties of the features of `layer` drawn at a point of the map. */
    const drawnAt = (page: Page, layer: string, lon: number, lat: number) =>
      page.evaluate(
        ([l, lng, la]) => {
          const map = (window as any).__soilMap
          return map
            .queryRenderedFeatures(map.project([lng, la]), { layers: [l] })
            .map((f: any) => ({ id: f.id, ...f.properties }))
        },
        [layer, lon, lat] as const,
      ) as Promise<Record<string, unknown>[]>

    beforeAll(async () => {
      db = connectTestDatabase()
      await db.query(
        `INSERT INTO class_rule_set (version, name, rules) VALUES ($1, '实时刷新测试规则', '{}') ON CONFLICT DO NOTHING`,
        [RULE_SET],
      )
      const {
        rows: [p],
      } = await db.query(`
      SELECT id, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat, class, class_list_id::text, class_method, class_basis
      FROM farmland_parcel WHERE adcode = '430903' ORDER BY area_m2 DESC LIMIT 1 OFFSET 5`)
      parcel = {
        id: Number(p.id),
        lon: p.lon,
        lat: p.lat,
        class: p.class,
        classListId: p.class_list_id,
        classMethod: p.class_method,
        classBasis: p.class_basis,
      }
      approver = await signInOverHttp('shending')
      // published through the app, so the map's tiles hold this class whatever earlier files did to the table
      await publishClass(parcel.class)
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
      browser = await launchChromium()
    })

    /** The parcel's class as before and no test plot left; a last publish through the app leaves no cached tile of ours. */
    afterAll(async () => {
      await browser?.close()
      if (approver && parcel) await publishClass(parcel.class)
      await db.query(
        `UPDATE farmland_parcel SET class = $2, class_list_id = $3::bigint, class_method = $4, class_basis = $5 WHERE adcode = '430903' AND id = $1`,
        [parcel.id, parcel.class, parcel.classListId, parcel.classMethod, parcel.classBasis],
      )
      await db.query(`DELETE FROM class_list WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [listIds])
      await db.query(`DELETE FROM published_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [plotIds])
      await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [plotIds])
      if (approver && parcel) {
        const cleanup = await publishPlot(`430903-LVC${SUFFIX}`, parcel.lon + 0.05, parcel.lat + 0.05)
        await db.query(`DELETE FROM published_plot WHERE adcode = '430903' AND id = $1`, [cleanup])
        await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = $1`, [cleanup])
      }
      await db.close()
    })

    it("when the approver publishes a class list while the farmland officer looks at one of its parcels, then the officer's map and open panel show the new class at the same view", async () => {
      const newClass = parcel.class === 'strict' ? 'safe_use' : 'strict'
      const page = await openAs(browser, appUrl, errors, 'gengdi')
      await goTo(page, parcel.lon, parcel.lat, 15)
      const at = await page.evaluate(
        ([lng, la]) => (window as any).__soilMap.project([lng, la]),
        [parcel.lon, parcel.lat],
      )
      await page.getByTestId('map').click({ position: { x: at.x, y: at.y } })
      const panelClass = page.getByTestId('info-panel').locator('.info-table').getByTestId('class-label')
      await expect.poll(() => panelClass.getAttribute('data-class')).toBe(parcel.class)
      await waitForMap(page)
      const classDrawn = async () =>
        (await drawnAt(page, 'parcel-fill', parcel.lon, parcel.lat)).find((f) => f.id === parcel.id)?.class
      await expect.poll(classDrawn).toBe(parcel.class)
      const before = await viewOf(page)

      await publishClass(newClass)
      await expect
        .poll(classDrawn, { timeout: LIVE_UPDATE_MS, message: 'the map draws the published class without a reload' })
        .toBe(newClass)
      await expect
        .poll(() => panelClass.getAttribute('data-class'), { message: 'the open panel reads the parcel again' })
        .toBe(newClass)
      await waitForMap(page)
      const after = await viewOf(page)
      expect(after.lng).toBeCloseTo(before.lng, 9)
      expect(after.lat).toBeCloseTo(before.lat, 9)
      expect(after.zoom).toBeCloseTo(before.zoom, 9)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/80-live-update-class.png` })
      expect(errors).toEqual([])
      await page.context().close()
    })

    it('when a plot is published while someone reads the public map, then the public map draws it at the same view', async () => {
      const [lon, lat] = [parcel.lon + 0.01, parcel.lat - 0.01]
      const code = `430903-LV${SUFFIX}`
      const page = await openPage(browser, appUrl, errors, { path: '/public' })
      await page.getByTestId('public-page').waitFor()
      await waitForMap(page)
      await goTo(page, lon, lat, 14)
      const codesDrawn = async () => (await drawnAt(page, 'public-plot-fill', lon, lat)).map((f) => f.code)
      expect(await codesDrawn()).not.toContain(code)
      const before = await viewOf(page)

      await publishPlot(code, lon, lat)
      await expect
        .poll(codesDrawn, {
          timeout: LIVE_UPDATE_MS,
          message: 'the public map draws the published plot without a reload',
        })
        .toContain(code)
      await waitForMap(page)
      const after = await viewOf(page)
      expect(after.lng).toBeCloseTo(before.lng, 9)
      expect(after.lat).toBeCloseTo(before.lat, 9)
      expect(after.zoom).toBeCloseTo(before.zoom, 9)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/81-live-update-public-plot.png` })
      expect(errors).toEqual([])
      await page.context().close()
    })
  },
)

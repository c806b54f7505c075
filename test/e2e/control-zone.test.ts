import fs from 'node:fs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { publishPlots } from '../../server/src/repos/review.repo.ts'
import {
  SCREENSHOT_DIR,
  apiGet,
  isBrowserMissing,
  launchChromium,
  openAs,
  typeInto,
  waitForMap,
} from '../support/browser.ts'
import { type LonLat, clickMap, offset } from '../support/map-input.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString().slice(-6)

/** A west–south–east–north extent in CGCS2000 degrees. */
interface Extent {
  west: number
  south: number
  east: number
  north: number
}

/** A listed or suspected plot this file adds: id, code, name and extent. */
interface Plot extends Extent {
  id: number
  code: string
  name: string
}

describe.skipIf(skip)(
  'control zones, supervised enterprises and list publishing in Chromium with real mouse and keyboard events',
  () => {
    let browser: Browser
    let db: Database
    const appUrl = inject('appUrl')
    const errors: string[] = []
    const text =
      '该地块已列入建设用地土壤污染风险管控和修复名录，暂不开发利用。现划定管控区域：区域内禁止开展与风险管控无关的建设活动，禁止种植食用农产品，请勿擅自进入。'
    const enterprise = { id: 0, name: '', version: 0, status: '' }
    const second = { id: 0, name: '', status: '' }
    /** A published suspected plot this file adds, so the county's suspected list always has something new to publish. */
    const suspect = { code: '' }
    /** Rows this file adds and removes afterwards (a published list version is immutable and stays). */
    const created = { plotIds: [] as number[], zoneIds: [] as number[] }

    /** The corners of a zone around an extent: the extent grown by 40 m. */
    function zoneCorners(extent: Extent): LonLat[] {
      const sw = offset([extent.west, extent.south], -40, -40)
      const ne = offset([extent.east, extent.north], 40, 40)
      return [sw, [ne[0], sw[1]], ne, [sw[0], ne[1]]]
    }

    /** A place for a sign inside the zone around `extent`, near the middle of its south edge. */
    function signInside(extent: Extent): LonLat {
      const corners = zoneCorners(extent)
      return [(corners[0][0] + corners[1][0]) / 2, corners[0][1] + (corners[3][1] - corners[0][1]) * 0.08]
    }

    /** A listed or suspected, published plot of our own on empty land of 赫山区; removed afterwards. */
    async function plantPlot(status: 'listed' | 'suspected', code: string, name: string): Promise<Plot> {
      const [lon, lat] = await freeSpot(db, {
        spacing: 0.008,
        inside: 0.004,
        clearOfFarmland: 0,
        clearOfRecords: 0.004,
      })
      const h = 0.0008
      const wkt = `MULTIPOLYGON(((${lon - h} ${lat - h},${lon + h} ${lat - h},${lon + h} ${lat + h},${lon - h} ${lat + h},${lon - h} ${lat - h})))`
      const {
        rows: [row],
      } = await db.query<any>(
        `
      INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, address, contact, geom, review_status)
      VALUES ('430903', $1, $2, $4, $5, 'electroplating', '赫山区龙岭工业园 8 号', '王工 0737-0000000', ST_GeomFromText($3, 4490), 'published')
      RETURNING id, code, name, ST_XMin(geom) AS west, ST_YMin(geom) AS south, ST_XMax(geom) AS east, ST_YMax(geom) AS north`,
        [code, name, wkt, status, status === 'listed' ? 'high' : null],
      )
      await db.transaction((tx) => publishPlots(tx, '430903', [Number(row.id)]))
      created.plotIds.push(Number(row.id))
      return {
        id: Number(row.id),
        code: row.code,
        name: row.name,
        west: Number(row.west),
        south: Number(row.south),
        east: Number(row.east),
        north: Number(row.north),
      }
    }

    /** The environment officer signed in over HTTP (as the panel's own requests are): agent and CSRF token. */
    async function signInOverHttp(
      username: string,
    ): Promise<{ agent: ReturnType<typeof request.agent>; csrf: string }> {
      const agent = request.agent(appUrl)
      const first = await agent.get('/api/session').expect(200)
      const res = await agent
        .post('/api/auth/login')
        .set('X-CSRF-Token', first.body.csrfToken)
        .send({ username, password: SAMPLE_PASSWORD })
        .expect(200)
      return { agent, csrf: res.body.csrfToken }
    }

    /**
     * A zone around `plot` holding it, saved by the environment officer through `POST /api/control-zones` with the
     * given fields (a draft without sign or announcement unless they are given), and submitted for review when asked.
     */
    async function createZoneOverHttp(
      plot: Plot,
      fields: Record<string, unknown> & { name: string },
      isSubmitted = false,
    ): Promise<{ id: number; code: string }> {
      const officer = await signInOverHttp('huanjing')
      const corners = zoneCorners(plot)
      const res = await officer.agent
        .post('/api/control-zones')
        .set('X-CSRF-Token', officer.csrf)
        .send({
          geometry: { type: 'Polygon', coordinates: [[...corners, corners[0]]] },
          plotIds: [plot.id],
          monitorSoil: true,
          monitorSurfaceWater: false,
          monitorGroundwater: true,
          monitorAir: false,
          ...fields,
        })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      created.zoneIds.push(Number(res.body.id))
      if (isSubmitted) {
        const submitted = await officer.agent
          .post(`/api/reviews/control-zone/${res.body.id}/submit`)
          .set('X-CSRF-Token', officer.csrf)
          .send({ version: res.body.version })
        expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
        expect(submitted.body.status).toBe('submitted')
      }
      return { id: Number(res.body.id), code: res.body.code }
    }

    beforeAll(async () => {
      db = connectTestDatabase()
      const newSuspect = await plantPlot(
        'suspected',
        `430903-DK8${SUFFIX.slice(-3)}`,
        `原赫山印染厂地块（E2E ${SUFFIX}）`,
      )
      suspect.code = newSuspect.code
      const { rows: ent } = await db.query<any>(`
      SELECT id, name, version, status FROM supervised_enterprise WHERE adcode = '430903' AND status = 'operating' ORDER BY id LIMIT 2`)
      expect(ent.length, '赫山区应有两个在产的重点监管单位').toBe(2)
      Object.assign(enterprise, {
        id: Number(ent[0].id),
        name: ent[0].name,
        version: Number(ent[0].version),
        status: ent[0].status,
      })
      Object.assign(second, { id: Number(ent[1].id), name: ent[1].name, status: ent[1].status })
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
      browser = await launchChromium()
    })

    afterAll(async () => {
      await browser?.close()
      // every zone saved through the API or drawn in the browser holds a plot of this file (published ones too: their
      // published copy goes with them)
      await db.query(
        `DELETE FROM control_zone WHERE adcode = '430903' AND (id = ANY($1::bigint[]) OR id IN (
           SELECT zone_id FROM control_zone_plot WHERE adcode = '430903' AND plot_id = ANY($2::bigint[])))`,
        [created.zoneIds, created.plotIds],
      )
      if (enterprise.id) {
        await db.query(
          `DELETE FROM plot_proposal WHERE adcode = '430903' AND enterprise_id = $1 AND created_at > now() - interval '1 hour'`,
          [enterprise.id],
        )
        await db.query(`UPDATE supervised_enterprise SET status = $2 WHERE adcode = '430903' AND id = $1`, [
          enterprise.id,
          enterprise.status,
        ])
      }
      if (second.id) {
        await db.query(
          `DELETE FROM plot_proposal WHERE adcode = '430903' AND enterprise_id = $1 AND created_at > now() - interval '1 hour'`,
          [second.id],
        )
        await db.query(`UPDATE supervised_enterprise SET status = $2 WHERE adcode = '430903' AND id = $1`, [
          second.id,
          second.status,
        ])
      }
      if (created.plotIds.length)
        await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [
          created.plotIds,
        ])
      await db.close()
    })

    it('when the environment officer draws a zone around a listed plot, then it saves as a draft holding the plot, submitting is refused while the sign and the announcement are missing, and the zone clicked on the map opens its form again', async () => {
      const plot = await plantPlot('listed', `430903-DK91${SUFFIX.slice(-3)}`, `原益阳电镀厂地块（E2E ${SUFFIX}）`)
      const zone = { id: 0, code: '', name: `原电镀厂地块暂不开发利用管控区域（E2E ${SUFFIX}）` }
      const page = await openAs(browser, appUrl, errors, 'huanjing', { acceptDownloads: true })
      await page.getByTestId('side-tab-zones').click()
      await page.getByTestId('zones-panel').waitFor()
      await page.getByTestId('zone-new').click()
      await page.getByTestId('zone-form').waitFor()
      await typeInto(page, 'zone-name', zone.name)

      await page.evaluate(
        (b) =>
          (window as any).__soilMap.fitBounds(
            [
              [b.west, b.south],
              [b.east, b.north],
            ],
            { padding: 220, duration: 0, maxZoom: 17 },
          ),
        plot,
      )
      await waitForMap(page)
      await page.waitForFunction(() => !!(window as any).__soilZoneDraw)
      await expect(page.getByTestId('zone-tool-draw').getAttribute('aria-pressed')).resolves.toBe('true')
      const corners = zoneCorners(plot)
      for (const corner of corners) await clickMap(page, corner)
      await clickMap(page, corners[0])
      await expect
        .poll(() => page.getByTestId('zone-area').textContent(), { timeout: 10_000 })
        .toMatch(/面积 [\d.]+ 亩（[\d.]+ 公顷）/)

      const target = page.getByTestId('zone-plot').and(page.locator(`[data-code="${plot.code}"]`))
      await expect
        .poll(() => page.getByTestId('zone-plots').locator('li').filter({ has: target }).textContent())
        .toContain('在范围内')
      await page.getByTestId('zone-pick-inside').click()
      await expect(target.isChecked()).resolves.toBe(true)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/80-zone-drawn.png` })
      await page.getByTestId('zone-save').click()
      await expect
        .poll(() => page.getByTestId('zone-message').textContent(), { timeout: 20_000 })
        .toMatch(/已保存管控区域 430903-GK\d+/)
      zone.code = (await page.getByTestId('zone-message').textContent())!.match(/430903-GK\d+/)![0]
      const list = await apiGet(page, '/api/control-zones?adcode=430903')
      expect(list.status).toBe(200)
      const saved = list.body.items.find((z: any) => z.code === zone.code)
      expect(saved.name).toBe(zone.name)
      expect(saved.reviewStatus).toBe('draft')
      zone.id = saved.id
      created.zoneIds.push(zone.id)
      const detail = await apiGet(page, `/api/control-zones/${zone.id}`)
      expect(detail.body.plots.map((p: any) => p.code)).toEqual([plot.code])
      expect(detail.body.signs).toEqual([])

      await page.getByTestId('zone-submit').click()
      const refusal = page.getByTestId('zone-message')
      await expect.poll(() => refusal.textContent(), { timeout: 20_000 }).toContain('不能提交审定')
      const text = await refusal.textContent()
      expect(text).toContain('公告文号')
      expect(text).toContain('标识')
      await expect(page.getByTestId('zone-missing').textContent()).resolves.toContain('公告内容')
      expect((await apiGet(page, `/api/control-zones/${zone.id}`)).body.reviewStatus).toBe('draft')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/80-zone-drawn-refused.png` })

      await page.getByTestId('zone-back').click()
      await page.getByTestId('zone-list').waitFor()
      const band = offset(corners[0], 20, 20)
      const isDrawn = () =>
        page.evaluate(
          ({ code, at }) => {
            const map = (window as any).__soilMap
            return map
              .queryRenderedFeatures(map.project(at))
              .some((f: any) => f.source === 'control-zone' && f.properties.code === code)
          },
          { code: zone.code, at: band },
        )
      await expect.poll(isDrawn, { timeout: 30_000 }).toBe(true)
      await clickMap(page, band)
      await expect.poll(() => page.getByTestId('info-panel').textContent(), { timeout: 20_000 }).toContain(zone.name)
      await expect(page.getByTestId('zone-open-form').textContent()).resolves.toBe('编辑此管控区域')
      await page.getByTestId('zone-open-form').click()
      await expect
        .poll(() => page.getByTestId('zone-form').textContent(), { timeout: 20_000 })
        .toContain(`管控区域 ${zone.code}`)
      await expect(page.getByTestId('zone-name').inputValue()).resolves.toBe(zone.name)
      await page.context().close()
    }, 180_000)

    it('when the officer reopens the draft and places a sign 70 m outside the zone, then saving is refused naming the sign and marks it on the map; with a sign inside, the announcement and monitoring, the submitted zone waits for review', async () => {
      const plot = await plantPlot('listed', `430903-DK92${SUFFIX.slice(-3)}`, `原赫山化工厂地块（E2E ${SUFFIX}）`)
      const zone = {
        name: `原化工厂地块暂不开发利用管控区域（E2E ${SUFFIX}）`,
        no: `益赫环告〔2026〕2${SUFFIX.slice(-3)}号`,
      }
      const { id, code } = await createZoneOverHttp(plot, { name: zone.name })
      const page = await openAs(browser, appUrl, errors, 'huanjing', { acceptDownloads: true })
      await page.getByTestId('side-tab-zones').click()
      const listed = page.getByTestId('zone-item').and(page.locator(`[data-code="${code}"]`))
      await expect(listed.textContent()).resolves.toContain('草稿')
      await expect(listed.textContent()).resolves.toContain('1 个地块 · 0 处标识')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/80-zones-list.png` })
      await listed.click()
      await page.getByTestId('zone-form').waitFor()
      await waitForMap(page)
      await expect(page.getByTestId('zone-name').inputValue()).resolves.toBe(zone.name)

      await page.getByTestId('zone-tool-sign').click()
      const corners = zoneCorners(plot)
      const farAt = offset([(corners[0][0] + corners[1][0]) / 2, corners[0][1]], 0, -70)
      await clickMap(page, farAt)
      await expect.poll(() => page.getByTestId('zone-sign').count()).toBe(1)
      await page.getByTestId('zone-save').click()
      await expect
        .poll(() => page.getByTestId('zone-message').textContent(), { timeout: 20_000 })
        .toContain('距管控区域边界')
      const far = await page.getByTestId('zone-message').textContent()
      expect(far).toContain('第 1 个标识“警示标识 1”')
      expect(far).toContain('50 米以内')
      // the overlay's new data reaches the map's source a moment after the message shows (setData is asynchronous)
      const isMarked = () =>
        page.evaluate(() =>
          (window as any).__soilMap
            .querySourceFeatures('soil-overlay-zone-editor')
            .some((f: any) => f.properties.kind === 'problem-point'),
        )
      await expect.poll(isMarked).toBe(true)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/81-zone-sign-too-far.png` })
      expect((await apiGet(page, `/api/control-zones/${id}`)).body.signs).toEqual([])
      await page.getByTestId('zone-sign').getByRole('button', { name: '删除标识 1' }).click()
      await expect.poll(() => page.getByTestId('zone-sign').count()).toBe(0)
      await clickMap(page, signInside(plot))
      await expect.poll(() => page.getByTestId('zone-sign').count()).toBe(1)
      await page.getByTestId('zone-tool-sign').click()
      const label = page.getByTestId('zone-sign').locator('input')
      await label.click()
      await page.keyboard.press('Control+A')
      await page.keyboard.type('南侧入口警示牌')

      await typeInto(page, 'zone-announcement-no', zone.no)
      await page.keyboard.press('Tab')
      await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
        'zone-announcement-date',
      )
      // the segment order of a native date field follows the browser's UI language, not the page's: fill it
      await page.getByTestId('zone-announcement-date').fill('2026-11-20')
      await expect(page.getByTestId('zone-announcement-date').inputValue()).resolves.toBe('2026-11-20')
      await typeInto(page, 'zone-announcement-text', text)
      await page.getByTestId('zone-monitorSurfaceWater').check()
      await page.getByTestId('zone-form').screenshot({ path: `${SCREENSHOT_DIR}/81-zone-form-complete.png` })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/81-zone-sign-placed.png` })

      await page.getByTestId('zone-submit').click()
      await expect
        .poll(() => page.getByTestId('zone-message').textContent(), { timeout: 20_000 })
        .toContain('已提交审定')
      await expect(page.getByTestId('zone-status').textContent()).resolves.toBe('已提交')
      await expect(page.getByTestId('zone-area').textContent()).resolves.toMatch(/^面积 [\d.]+ 亩/)
      await expect(page.getByTestId('zone-locked').isVisible()).resolves.toBe(true)
      const detail = (await apiGet(page, `/api/control-zones/${id}`)).body
      expect(detail.reviewStatus).toBe('submitted')
      expect(detail.signs.map((s: any) => s.label)).toEqual(['南侧入口警示牌'])
      expect(detail.signs[0].distanceM).toBe(0)
      expect(detail.announcement).toMatchObject({ number: zone.no, date: '2026-11-20', text: text })
      expect(detail.monitoring).toMatchObject({ soil: true, surfaceWater: true, groundwater: true, air: false })
      expect(detail.plots.map((p: any) => p.code)).toEqual([plot.code])
      await page.context().close()
    }, 180_000)

    it('when the approver approves and publishes the zone through 待办审核, then the public page lists the zone, opens its announcement and draws it on the map', async () => {
      const plot = await plantPlot('listed', `430903-DK93${SUFFIX.slice(-3)}`, `原龙岭冶炼厂地块（E2E ${SUFFIX}）`)
      const zone = {
        name: `原冶炼厂地块暂不开发利用管控区域（E2E ${SUFFIX}）`,
        no: `益赫环告〔2026〕3${SUFFIX.slice(-3)}号`,
      }
      const [signLon, signLat] = signInside(plot)
      const { id, code } = await createZoneOverHttp(
        plot,
        {
          name: zone.name,
          signs: [{ label: '南侧入口警示牌', lon: signLon, lat: signLat }],
          announcementNo: zone.no,
          announcementDate: '2026-11-20',
          announcementText: text,
          monitorSurfaceWater: true,
        },
        true,
      )
      const page = await openAs(browser, appUrl, errors, 'shending', { acceptDownloads: true })
      await page.getByTestId('side-tab-reviews').click()
      const item = page.getByTestId('review-queue-item').and(page.locator(`[data-code="${code}"]`))
      await item.click()
      const block = page.getByTestId('review-block')
      await block.waitFor()
      const summary = page.getByTestId('zone-summary')
      await expect.poll(() => summary.textContent(), { timeout: 20_000 }).toContain(zone.no)
      const content = await summary.textContent()
      expect(content).toContain('南侧入口警示牌')
      expect(content).toContain(plot.code)
      expect(content).toContain('土壤、地表水、地下水')
      await page.getByTestId('review-action-approve').click()
      await page.getByTestId('review-confirm').click()
      await expect.poll(() => page.getByTestId('review-notice').textContent(), { timeout: 20_000 }).toContain('已完成')
      await page.getByTestId('review-action-publish').click()
      await page.getByTestId('review-dialog').waitFor()
      await page.getByTestId('review-confirm').click()
      await expect
        .poll(() => block.getByTestId('review-status').getAttribute('data-status'), { timeout: 20_000 })
        .toBe('published')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/82-zone-published-by-approver.png` })
      const detail = await apiGet(page, `/api/control-zones/${id}`)
      expect(detail.body.reviewStatus).toBe('published')
      await page.context().close()

      const pub = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })
      pub.on('pageerror', (e) => errors.push(e.message))
      await pub.goto(`${appUrl}/public`)
      await pub.getByTestId('public-page').waitFor()
      await waitForMap(pub)
      await expect
        .poll(() => pub.getByTestId('public-zone-list').textContent(), { timeout: 20_000 })
        .toContain(zone.name)
      await pub.getByTestId('public-zone-item').filter({ hasText: zone.name }).click()
      const announcement = pub.getByTestId('public-announcement')
      await announcement.waitFor()
      await expect(announcement.textContent()).resolves.toContain(zone.no)
      await expect(announcement.textContent()).resolves.toContain('禁止种植食用农产品')
      const details = await pub.getByTestId('public-details').textContent()
      expect(details).toContain(plot.code)
      expect(details).toContain('南侧入口警示牌')
      expect(details).toContain('定期监测土壤、地表水、地下水')
      await waitForMap(pub)
      await expect
        .poll(
          () =>
            pub.evaluate(() =>
              (window as any).__soilMap
                .queryRenderedFeatures({ layers: ['public-control-zone-fill'] })
                .map((f: any) => f.properties.code),
            ),
          { timeout: 30_000 },
        )
        .toContain(code)
      await pub.screenshot({ path: `${SCREENSHOT_DIR}/83-public-zone.png` })
      await pub.close()
      expect(errors).toEqual([])
    }, 180_000)

    it('when the officer uploads a GeoJSON file, then projected coordinates are refused on saving with the reason and a CGCS2000 outline is loaded for editing, and nothing is saved unless asked', async () => {
      const [lon, lat] = await freeSpot(db, {
        spacing: 0.008,
        inside: 0.004,
        clearOfFarmland: 0,
        clearOfRecords: 0.004,
      })
      const spot = { west: lon - 0.0008, south: lat - 0.0008, east: lon + 0.0008, north: lat + 0.0008 }
      const dir = fs.mkdtempSync('/tmp/zone-upload-')
      const projected = `${dir}/管控区域-高斯投影.geojson`
      const lonLat = `${dir}/管控区域-经纬度.geojson`
      const ring = (points: number[][]) => [...points, points[0]]
      fs.writeFileSync(
        projected,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: {},
              geometry: {
                type: 'Polygon',
                coordinates: [
                  ring([
                    [38_412_300, 3_157_200],
                    [38_412_500, 3_157_200],
                    [38_412_500, 3_157_400],
                    [38_412_300, 3_157_400],
                  ]),
                ],
              },
            },
          ],
        }),
      )
      fs.writeFileSync(
        lonLat,
        JSON.stringify({
          type: 'Feature',
          properties: { name: '上传范围' },
          geometry: { type: 'Polygon', coordinates: [ring(zoneCorners(spot))] },
        }),
      )
      const name = `上传测试管控区域（E2E ${SUFFIX}）`

      const page = await openAs(browser, appUrl, errors, 'huanjing', { acceptDownloads: true })
      await page.getByTestId('side-tab-zones').click()
      await page.getByTestId('zone-new').click()
      await typeInto(page, 'zone-name', name)
      const upload = async (file: string) => {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('zone-upload').click()])
        await chooser.setFiles(file)
      }
      await upload(projected)
      await expect
        .poll(() => page.getByTestId('zone-message').textContent())
        .toContain('已读取“管控区域-高斯投影.geojson”：1 个面')
      await page.getByTestId('zone-save').click()
      await expect.poll(() => page.getByTestId('zone-message').textContent(), { timeout: 20_000 }).toContain('投影坐标')
      await expect(page.getByTestId('zone-message').textContent()).resolves.toContain('EPSG:4490')

      await upload(lonLat)
      await expect
        .poll(() => page.getByTestId('zone-message').textContent())
        .toContain('已读取“管控区域-经纬度.geojson”：1 个面，可用“修改节点”调整')
      await expect.poll(() => page.getByTestId('zone-area').textContent()).toMatch(/面积 [\d.]+ 亩/)
      await waitForMap(page)
      const drawn = await page.evaluate(
        () => (window as any).__soilZoneDraw.getSnapshot().filter((f: any) => f.geometry.type === 'Polygon').length,
      )
      expect(drawn).toBe(1)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/87-zone-uploaded.png` })
      await page.getByTestId('zone-back').click()
      await page.getByTestId('zones-panel').waitFor()
      const list = await apiGet(page, '/api/control-zones?adcode=430903')
      expect(list.body.items.some((z: any) => z.name === name)).toBe(false)
      await page.context().close()
      fs.rmSync(dir, { recursive: true, force: true })
    }, 180_000)

    it('when the officer marks one operating enterprise closed and another relocated, then both sites are proposed: one confirmed as a suspected plot, the other dismissed with the reason the dialog insists on, and the enterprise opens on the map', async () => {
      const page = await openAs(browser, appUrl, errors, 'huanjing', { acceptDownloads: true })
      await page.getByTestId('side-tab-enterprises').click()
      const row = page.getByTestId('enterprise').and(page.locator(`[data-id="${enterprise.id}"]`))
      await row.locator('button').first().click()
      await row.getByTestId('enterprise-status-select').selectOption('closed')
      await row.getByTestId('enterprise-status-save').click()
      await expect
        .poll(() => page.getByTestId('enterprise-message').textContent(), { timeout: 20_000 })
        .toContain('已改为关闭')
      const proposal = page.getByTestId('proposal').and(page.locator(`[data-enterprise-id="${enterprise.id}"]`))
      await proposal.waitFor()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/84-enterprise-proposal.png` })
      await proposal.getByTestId('proposal-confirm').click()
      await page.getByTestId('proposal-name').click()
      await page.keyboard.press('Control+A')
      await page.keyboard.type(`原${enterprise.name.replace('（示例）', '')}场地（E2E ${SUFFIX}）`)
      await page.getByTestId('proposal-send').click()
      await expect
        .poll(() => page.getByTestId('enterprise-message').textContent(), { timeout: 20_000 })
        .toMatch(/确认为疑似污染地块 430903-/)
      const code = (await page.getByTestId('enterprise-message').textContent())!.match(/430903-[A-Z]+\d+/)![0]
      const plots = await apiGet(page, '/api/plots?adcode=430903')
      const made = plots.body.items.find((p: any) => p.code === code)
      expect(made.status).toBe('suspected')
      expect(made.name).toContain(`E2E ${SUFFIX}`)
      created.plotIds.push(made.id)
      await expect
        .poll(() =>
          page
            .getByTestId('proposal')
            .and(page.locator(`[data-enterprise-id="${enterprise.id}"]`))
            .count(),
        )
        .toBe(0)

      const other = page.getByTestId('enterprise').and(page.locator(`[data-id="${second.id}"]`))
      await other.locator('button').first().click()
      await other.getByTestId('enterprise-status-select').selectOption('relocated')
      await other.getByTestId('enterprise-status-save').click()
      await expect
        .poll(() => page.getByTestId('enterprise-message').textContent(), { timeout: 20_000 })
        .toContain('已改为搬迁')
      const next = page.getByTestId('proposal').and(page.locator(`[data-enterprise-id="${second.id}"]`))
      await next.getByTestId('proposal-dismiss').click()
      await page.getByTestId('proposal-send').click()
      await expect(page.getByTestId('proposal-error').textContent()).resolves.toContain('请填写不予列入的理由')
      await page.getByTestId('proposal-reason').click()
      await page.keyboard.type('该单位搬迁前已完成土壤污染状况调查，结果未超过第二类用地筛选值（E2E）')
      await page.getByTestId('proposal-send').click()
      await expect
        .poll(() => page.getByTestId('enterprise-message').textContent(), { timeout: 20_000 })
        .toContain('不予列入')
      await expect.poll(() => next.count()).toBe(0)
      const dismissed = await apiGet(page, '/api/plot-proposals?status=dismissed&adcode=430903')
      expect(dismissed.body.items.filter((p: any) => p.enterpriseId === second.id).map((p: any) => p.reason)).toEqual([
        '该单位搬迁前已完成土壤污染状况调查，结果未超过第二类用地筛选值（E2E）',
      ])

      await other.getByRole('button', { name: '在地图上查看' }).click()
      await expect.poll(() => page.getByTestId('info-panel').textContent(), { timeout: 20_000 }).toContain(second.name)
      await waitForMap(page)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/84-enterprise-on-map.png` })
      await page.context().close()
    }, 180_000)

    it('when the officer previews the county suspected list on /registry/lists while a city officer publishes it first, then her publish is refused naming who published, and the version shows with its CSV announcement and the public feed', async () => {
      const page = await openAs(browser, appUrl, errors, 'huanjing', { acceptDownloads: true })
      await page.getByTestId('nav-registry-lists').click()
      await page.getByTestId('registry-lists-page').waitFor()
      await page.getByTestId('list-card').and(page.locator('[data-key="suspected/430903"]')).click()
      await expect
        .poll(() => page.getByTestId('list-detail').textContent())
        .toContain('疑似污染地块名单（益阳市赫山区）')
      await page.getByTestId('list-preview-counts').waitFor()
      const before = await apiGet(page, '/api/registry-lists/suspected/430903/versions')
      const last = before.body.items.length ? before.body.items[0].version : 0
      const preview = await apiGet(page, '/api/registry-lists/suspected/430903/preview')
      expect(preview.body.isChanged).toBe(true)
      await expect(page.getByTestId('list-count-added').textContent()).resolves.toContain(
        String(preview.body.announcement.counts.added),
      )
      await expect(page.getByTestId('list-added').locator(`tr[data-code="${suspect.code}"]`).count()).resolves.toBe(1)
      await expect(page.getByTestId('list-publish').textContent()).resolves.toBe(`发布第 ${last + 1} 版`)
      await expect(page.getByTestId('list-unpublished').count()).resolves.toBe(
        preview.body.unpublishedPlots > 0 ? 1 : 0,
      )
      await page.screenshot({ path: `${SCREENSHOT_DIR}/85-registry-list-preview.png` })

      const city = await openAs(browser, appUrl, errors, 'shihuanjing', { acceptDownloads: true })
      await city.goto(`${appUrl}/registry/lists`)
      await city.getByTestId('list-card').and(city.locator('[data-key="suspected/430903"]')).click()
      await city.getByTestId('list-publish').click()
      await city.getByTestId('list-publish-confirm').click()
      await expect
        .poll(() => city.getByTestId('list-notice').textContent(), { timeout: 20_000 })
        .toContain(`第 ${last + 1} 版`)
      await city.context().close()

      await page.getByTestId('list-publish').click()
      await page.getByTestId('list-publish-confirm').click()
      await expect
        .poll(() => page.getByTestId('list-notice').textContent(), { timeout: 20_000 })
        .toContain(`发布第 ${last + 1} 版`)
      await expect(page.getByTestId('list-notice').textContent()).resolves.toContain('shihuanjing')
      await expect(page.getByTestId('list-publish-dialog').count()).resolves.toBe(0)
      await page.getByTestId('list-unchanged').waitFor()
      // the cards are fetched again beside the list's own preview and versions: either may answer first
      await expect
        .poll(() => page.getByTestId('list-card').and(page.locator('[data-key="suspected/430903"]')).textContent())
        .toContain(`第 ${last + 1} 版`)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/86-registry-list-conflict.png` })
      await expect(page.getByTestId('list-publish').isDisabled()).resolves.toBe(true)
      const { rows } = await db.query<{ published_by: string }>(
        `SELECT published_by FROM registry_list_version WHERE list_code = 'suspected' AND jurisdiction = '430903' AND version > $1`,
        [last],
      )
      expect(rows.map((r) => r.published_by)).toEqual(['shihuanjing'])

      const version = page.locator(`[data-testid="list-version"][data-version="${last + 1}"]`)
      await version.waitFor()
      const csvHref = await version.getByTestId('list-version-csv').getAttribute('href')
      const csv = await page.evaluate(async (url) => {
        const r = await fetch(url!)
        const bytes = new Uint8Array(await r.arrayBuffer())
        return { status: r.status, bom: Array.from(bytes.slice(0, 3)), text: new TextDecoder().decode(bytes) }
      }, csvHref)
      expect(csv.status).toBe(200)
      expect(csv.bom).toEqual([0xef, 0xbb, 0xbf])
      expect(csv.text).toContain('新增')
      expect(csv.text).toContain(suspect.code)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/86-registry-list-published.png` })
      const feedHref = await page.getByTestId('list-feed').getAttribute('href')
      const feed = await fetch(`${appUrl}${feedHref}`)
      expect(feed.status).toBe(200)
      const text = JSON.stringify(await feed.json())
      expect(text).toContain(`"version":${last + 1}`)
      expect(text).toContain(suspect.code)
      expect(text).not.toContain('王工')
      await page.context().close()
      expect(errors).toEqual([])
    }, 180_000)
  },
)

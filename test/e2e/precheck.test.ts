import fs from 'node:fs'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'
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
import { pdfText, squash } from '../support/pdf-text.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString().slice(-6)

/**
 * Radicals of the CJK Radicals Supplement block that Chromium's PDF text maps some simplified characters to (the
 * font draws both code points with one glyph), with the unified ideograph they stand for; NFKC leaves these alone.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺠': '民',
  '⻅': '见',
  '⻓': '长',
  '⻔': '门',
  '⻛': '风',
  '⻰': '龙',
  '⻚': '页',
  '⻢': '马',
  '⻋': '车',
  '⻉': '贝',
  '⻜': '飞',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻩': '黄',
  '⻄': '西',
  '⻝': '食',
  '⻆': '角',
  '⻘': '青',
  '⻬': '齐',
  '⻮': '齿',
  '⻳': '龟',
  '⺟': '母',
  '⻣': '骨',
  '⻨': '麦',
}

/**
 * Text as drawn: Chromium's PDF maps some characters to the Kangxi radical or radical-supplement code point its
 * font draws with the same glyph (用 comes back as ⽤); NFKC and {@link RADICAL_SUPPLEMENT} turn them back.
 */
function asDrawn(text: string): string {
  return squash(text)
    .normalize('NFKC')
    .replace(/[\u2E80-\u2EFF]/g, (c) => RADICAL_SUPPLEMENT[c] ?? c)
}

/** Pixels of the report's still map that are near a colour (the canvas is kept after drawing, so it can be read). */
function countMapPixels(page: Page, rgb: [number, number, number], tolerance: number): Promise<number> {
  return page.evaluate(
    async ({ rgb, tolerance }) => {
      const source = (window as any).__soilMap.getCanvas() as HTMLCanvasElement
      const image = new Image()
      image.src = source.toDataURL('image/png')
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.width
      canvas.height = image.height
      const context = canvas.getContext('2d')!
      context.drawImage(image, 0, 0)
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
      let n = 0
      for (let i = 0; i < data.length; i += 4) {
        if (
          Math.abs(data[i] - rgb[0]) <= tolerance &&
          Math.abs(data[i + 1] - rgb[1]) <= tolerance &&
          Math.abs(data[i + 2] - rgb[2]) <= tolerance
        )
          n++
      }
      return n
    },
    { rgb, tolerance },
  )
}

describe.skipIf(skip)('用地准入核查 in Chromium with real mouse and keyboard events', () => {
  let browser: Browser
  let db: Database
  const appUrl = inject('appUrl')
  const errors: string[] = []
  /**
   * Blank spots of 赫山区 far from every sample feature and monitoring point: the zone's and the clean plot's. The
   * zones stay published only while the file runs; check records are immutable and stay in the test database.
   */
  let zoneAt: LonLat
  let cleanAt: LonLat
  const zone = { id: 0, code: `430903-GKE${SUFFIX}`, name: `原赫山冶炼厂地块管控区域（E2E ${SUFFIX}）` }
  const zoneIds: number[] = []
  const blankSpot = () => freeSpot(db, { spacing: 0.02, inside: 0.01, clearOfFarmland: 0.007, clearOfPoints: 0.013 })

  /** Publishes a control zone of 400 × 300 m centred on `at` (removed after the file) and answers its id. */
  async function publishZone(at: LonLat, code: string, name: string): Promise<number> {
    const [sw, ne] = [offset(at, -200, -150), offset(at, 200, 150)]
    const wkt = `MULTIPOLYGON(((${sw[0]} ${sw[1]},${ne[0]} ${sw[1]},${ne[0]} ${ne[1]},${sw[0]} ${ne[1]},${sw[0]} ${sw[1]})))`
    const {
      rows: [row],
    } = await db.query<any>(
      `
      INSERT INTO control_zone (adcode, code, name, review_status, geom, announcement_no, published_version)
      VALUES ('430903', $1, $2, 'published', ST_GeomFromText($3, 4490), $4, 1) RETURNING id`,
      [code, name, wkt, `益赫环告〔2026〕${SUFFIX}号`],
    )
    const id = Number(row.id)
    zoneIds.push(id)
    await db.query(
      `
      INSERT INTO published_control_zone (adcode, id, version, code, name, announcement_no, monitor_soil, monitor_surface_water, monitor_groundwater, monitor_air, geom)
      SELECT adcode, id, 1, code, name, announcement_no, true, false, false, false, geom FROM control_zone WHERE id = $1`,
      [id],
    )
    return id
  }

  /** Records, through the API as the land officer, a check of use R2 over the east half of the zone at `at`: its id. */
  async function recordRefusedCheck(at: LonLat): Promise<number> {
    const agent = request.agent(appUrl)
    const { body: session } = await agent.get('/api/session').expect(200)
    await agent
      .post('/api/auth/login')
      .set('X-CSRF-Token', session.csrfToken)
      .send({ username: 'ziyuan', password: SAMPLE_PASSWORD })
      .expect(200)
    const { body: signedIn } = await agent.get('/api/session').expect(200)
    const [sw, ne] = [offset(at, -100, -80), offset(at, 320, 80)]
    const ring = [sw, [ne[0], sw[1]], ne, [sw[0], ne[1]], sw]
    const res = await agent
      .post('/api/precheck')
      .set('X-CSRF-Token', signedIn.csrfToken)
      .send({ geometry: { type: 'Polygon', coordinates: [ring] }, plannedUse: 'R2', name: `E2E 核查 ${SUFFIX}` })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.verdict).toBe('refused')
    return Number(res.body.id)
  }

  beforeAll(async () => {
    db = connectTestDatabase()
    zoneAt = await blankSpot()
    cleanAt = await blankSpot()
    zone.id = await publishZone(zoneAt, zone.code, zone.name)
    browser = await launchChromium()
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  })

  afterAll(async () => {
    await browser?.close()
    await db.query(`DELETE FROM published_control_zone WHERE id = ANY($1::bigint[])`, [zoneIds])
    await db.query(`DELETE FROM control_zone WHERE id = ANY($1::bigint[])`, [zoneIds])
    await db.close()
    expect(errors).toEqual([])
  })

  /** Opens 用地准入核查 from the header as the land officer and moves the map to `at`. */
  async function openPrecheck(at: LonLat): Promise<Page> {
    const page = await openAs(browser, appUrl, errors, 'ziyuan')
    await page.getByTestId('nav-precheck').click()
    await page.waitForURL(/\/precheck$/)
    await waitForMap(page)
    await page.evaluate(([lon, lat]) => (window as any).__soilMap.jumpTo({ center: [lon, lat], zoom: 15.5 }), at)
    await waitForMap(page)
    await page.waitForFunction(() => !!(window as any).__soilPrecheckDraw)
    return page
  }

  /** Draws a rectangle with the mouse (corners `sw` and `ne`), closing it on the first corner. */
  async function drawRectangle(page: Page, sw: LonLat, ne: LonLat): Promise<void> {
    await page.getByTestId('precheck-draw').click()
    const corners: LonLat[] = [sw, [ne[0], sw[1]], ne, [sw[0], ne[1]]]
    for (const corner of corners) await clickMap(page, corner)
    await clickMap(page, corners[0])
    await expect
      .poll(() => page.getByTestId('precheck-area').textContent(), { timeout: 10_000 })
      .toMatch(/[\d,.]+ 亩（[\d,.]+ 公顷，[\d,.]+ 平方米）/)
    await expect(page.getByTestId('precheck-area-source').textContent()).resolves.toContain('即时估算')
  }

  /** Chooses a planned use by typing its code into the searchable list and clicking it. */
  async function chooseUse(page: Page, code: string): Promise<void> {
    await typeInto(page, 'precheck-use-input', code)
    await page.getByTestId(`precheck-use-option-${code}`).click()
    await expect(page.getByTestId('precheck-use-chosen').textContent()).resolves.toContain(code)
  }

  it('when the land officer draws a plot half over a published control zone with use R2, then the verdict is 不得进入用地程序 with the zone, the article and the overlap area, drawn on the map; a re-run says nothing changed', async () => {
    const page = await openPrecheck(zoneAt)
    await drawRectangle(page, offset(zoneAt, -100, -80), offset(zoneAt, 320, 80))
    await typeInto(page, 'precheck-name', `龙岭片区 A-03 地块（E2E ${SUFFIX}）`)
    await chooseUse(page, 'R2')
    await expect(page.getByText('第一类用地', { exact: false }).first().isVisible()).resolves.toBe(true)
    await page.getByTestId('precheck-submit').click()

    const verdict = page.getByTestId('precheck-verdict')
    await verdict.waitFor()
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('refused')
    await expect(verdict.textContent()).resolves.toContain('不得进入用地程序')
    const number = (await page.getByTestId('precheck-number').textContent())!
    expect(number).toMatch(/^准入核查〔\d{4}〕\d{4}号$/)

    const zoneRow = page.getByTestId('precheck-reason').and(page.locator('[data-code="CONTROL_ZONE"]'))
    const rowText = (await zoneRow.textContent())!
    expect(rowText).toContain(zone.code)
    expect(rowText).toContain('第六十三条')
    const { body: list } = await apiGet(page, `/api/precheck?number=${encodeURIComponent(number)}`)
    const refusedId = list.items[0].id
    const { body: record } = await apiGet(page, `/api/precheck/${refusedId}`)
    await expect(page.getByTestId('precheck-area').getAttribute('data-area-source')).resolves.toBe('server')
    const twoPlaces = (v: number) => v.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    await expect(page.getByTestId('precheck-area').textContent()).resolves.toContain(
      `${twoPlaces(record.areaMu)} 亩（${twoPlaces(record.areaM2 / 10000)} 公顷，${twoPlaces(record.areaM2)} 平方米）`,
    )
    await expect(page.getByTestId('precheck-area-source').textContent()).resolves.toContain(
      `核查记录 ${number} 的面积（服务器按 CGCS2000 椭球面计算`,
    )
    const zoneReason = record.reasons.find((r: any) => r.code === 'CONTROL_ZONE')
    const {
      rows: [truth],
    } = await db.query<any>(
      `
      SELECT ST_Area(ST_Intersection(z.geom, ST_SetSRID(ST_GeomFromGeoJSON($1), 4490))::geography) AS m2 FROM published_control_zone z WHERE z.id = $2`,
      [JSON.stringify(record.geometry), zone.id],
    )
    expect(Math.abs(zoneReason.overlapM2 - Number(truth.m2))).toBeLessThan(1)
    const shown = zoneReason.overlapM2.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    expect(rowText).toContain(`${shown} 平方米`)
    expect(rowText).toContain(
      `${zoneReason.overlapMu.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 亩`,
    )
    await expect(
      page.getByTestId('precheck-reason').and(page.locator('[data-code="LAW59_USE_CHANGE"]')).count(),
    ).resolves.toBe(1)

    await page.waitForFunction(() => !!(window as any).__soilMap.getSource('soil-overlay-precheck-hits'))
    await waitForMap(page)
    const drawnHits = await page.evaluate(() =>
      (window as any).__soilMap.querySourceFeatures('soil-overlay-precheck-hits').map((f: any) => f.properties.color),
    )
    expect(drawnHits).toContain('#c62828')
    expect(drawnHits).toContain('#0d47a1')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-refused.png` })

    await page.getByTestId('precheck-rerun').click()
    await page.getByTestId('precheck-rerun-diff').waitFor()
    await expect(page.getByTestId('precheck-rerun-diff').textContent()).resolves.toContain('与原核查结论相同')
    await expect(page.getByTestId('precheck-number').textContent()).resolves.not.toBe(number)

    await page.getByTestId('precheck-tab-records').click()
    await typeInto(page, 'precheck-filter-number', number)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('precheck-record').count()).toBe(1)
    await expect(page.getByTestId('precheck-record').textContent()).resolves.toContain('不得进入用地程序')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-rerun-records.png` })
    await page.context().close()
  })

  it('when the land officer draws a plot away from every finding with use M1, then the verdict is 可进入用地程序 with what was checked and found clean', async () => {
    const page = await openPrecheck(cleanAt)
    await drawRectangle(page, offset(cleanAt, -120, -90), offset(cleanAt, 120, 90))
    await chooseUse(page, 'M1')
    await page.getByTestId('precheck-submit').click()
    const verdict = page.getByTestId('precheck-verdict')
    await verdict.waitFor()
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('allowed')
    await expect(verdict.textContent()).resolves.toContain('可进入用地程序')
    const codes = await page
      .getByTestId('precheck-reason')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))
    expect(codes).toEqual(
      expect.arrayContaining([
        'CLEAR_PLOTS',
        'CLEAR_CONTROL_ZONES',
        'CLEAR_ENTERPRISES',
        'CLEAR_FARMLAND',
        'CLEAR_LAW59',
      ]),
    )
    await expect(page.getByTestId('precheck-number').textContent()).resolves.toMatch(/^准入核查〔\d{4}〕\d{4}号$/)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-allowed.png` })
    await page.context().close()
  })

  it('when the land officer writes the planned use in the 2023 用地用海分类 as 1401 公园绿地, then the class and its local judgement are said before and in the verdict', async () => {
    const page = await openPrecheck(cleanAt)
    await drawRectangle(page, offset(cleanAt, -100, -70), offset(cleanAt, 100, 70))
    await page.getByTestId('precheck-use-system-tdfl2023').check()
    await chooseUse(page, '1401')
    const hint = (await page.getByTestId('precheck-use-class').textContent())!
    expect(hint).toContain('1401 公园绿地属于第一类用地')
    expect(hint).toContain('本地设置')
    await expect(page.getByTestId('precheck-use-chosen').textContent()).resolves.toContain('（本地设置）')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-2023-use.png` })
    await page.getByTestId('precheck-submit').click()
    await page.getByTestId('precheck-verdict').waitFor()
    const note = page.getByTestId('precheck-reason').and(page.locator('[data-code="LAND_CLASS_JUDGEMENT"]'))
    await expect(note.textContent()).resolves.toContain('按第一类用地核查')
    // back to GB 50137: the 2023 code is no longer chosen, and the GB 50137 list is offered
    await page.getByTestId('precheck-use-system-gb50137').check()
    await expect(page.getByTestId('precheck-use-chosen').count()).resolves.toBe(0)
    await chooseUse(page, 'G1')
    await page.context().close()
  })

  it('when the land officer uploads a GeoJSON outline, then its CRS and outline are shown to confirm; one outside the counties is refused with a message and nothing saved; when a parcel is picked by its code, then the check records that code', async () => {
    const page = await openPrecheck(cleanAt)
    await page.getByTestId('precheck-mode-upload').click()
    const [sw, ne] = [offset(cleanAt, -60, -40), offset(cleanAt, 60, 40)]
    const outline = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '出让地块' },
          geometry: { type: 'Polygon', coordinates: [[sw, [ne[0], sw[1]], ne, [sw[0], ne[1]], sw]] },
        },
      ],
    }
    await page.getByTestId('precheck-upload-file').setInputFiles({
      name: '出让地块.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(outline)),
    })
    await page.getByTestId('precheck-upload-read').click()
    const result = page.getByTestId('precheck-upload-result')
    await result.waitFor()
    await expect(result.textContent()).resolves.toContain('CGCS2000')
    await expect.poll(() => page.getByTestId('precheck-area').textContent()).toMatch(/[\d,.]+ 亩/)
    await expect(page.getByTestId('precheck-name').inputValue()).resolves.toBe('出让地块')
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-upload.png` })

    const {
      rows: [parcel],
    } = await db.query<any>(`SELECT code FROM farmland_parcel WHERE adcode = '430903' ORDER BY id LIMIT 1`)
    const outside = {
      ...outline,
      features: [
        {
          ...outline.features[0],
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [116.4, 39.9],
                [116.41, 39.9],
                [116.41, 39.91],
                [116.4, 39.91],
                [116.4, 39.9],
              ],
            ],
          },
        },
      ],
    }
    await page.getByTestId('precheck-upload-file').setInputFiles({
      name: '北京地块.geojson',
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(outside)),
    })
    await page.getByTestId('precheck-upload-read').click()
    await expect.poll(() => page.getByTestId('precheck-upload-result').textContent()).toContain('不在您负责的区县内')
    await chooseUse(page, 'R2')
    const before = (await apiGet(page, '/api/precheck')).body.items.length
    await page.getByTestId('precheck-submit').click()
    await expect.poll(() => page.getByTestId('precheck-error').textContent()).toMatch(/区县/)
    await expect(page.getByTestId('precheck-verdict').count()).resolves.toBe(0)
    expect((await apiGet(page, '/api/precheck')).body.items.length).toBe(before)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-outside.png` })

    await page.getByTestId('precheck-mode-pick').click()
    await typeInto(page, 'precheck-pick-input', parcel.code)
    await page.getByTestId('precheck-pick-result').first().click()
    await page.getByTestId('precheck-use-change').click()
    await typeInto(page, 'precheck-use-input', 'G1')
    await page.getByTestId('precheck-use-option-G1').click()
    await page.getByTestId('precheck-submit').click()
    await page.getByTestId('precheck-verdict').waitFor()
    const number = (await page.getByTestId('precheck-number').textContent())!
    const { body } = await apiGet(page, `/api/precheck?number=${encodeURIComponent(number)}`)
    expect(body.items[0].reference).toBe(parcel.code)
    expect(body.items[0].plannedUse).toBe('G1')
    await page.context().close()
  })

  it('when the zone is withdrawn after the check and the report of the refused check is opened and printed to PDF by Chromium, then the A4 PDF holds the title, the verdict and the number, and its map shows the plot and the zone as the check read it', async () => {
    const at = await blankSpot()
    const own = { code: `430903-GKR${SUFFIX}`, name: `原赫山化工厂地块管控区域（E2E ${SUFFIX}）` }
    const ownId = await publishZone(at, own.code, own.name)
    const refusedId = await recordRefusedCheck(at)
    await db.query(`DELETE FROM published_control_zone WHERE id = $1`, [ownId])
    const page = await openAs(browser, appUrl, errors, 'ziyuan')
    await page.goto(`${appUrl}/precheck/${refusedId}/report`)
    await page.locator('[data-testid=precheck-report][data-map-ready="1"]').waitFor({ timeout: 60_000 })
    const number = (await page.getByTestId('precheck-report-number').textContent())!
    expect(number).toMatch(/^准入核查〔\d{4}〕\d{4}号$/)
    await expect(page.getByTestId('precheck-report-verdict').textContent()).resolves.toContain('不得进入用地程序')
    await page.getByTestId('precheck-report-pdf').waitFor()
    await expect(page.getByTestId('precheck-report-pdf').getAttribute('href')).resolves.toBe(
      `/api/precheck/${refusedId}/report.pdf`,
    )
    expect(await countMapPixels(page, [13, 71, 161], 40)).toBeGreaterThan(50)
    expect(await countMapPixels(page, [198, 40, 40], 40)).toBeGreaterThan(50)
    await expect(page.getByTestId('precheck-report-map-note').textContent()).resolves.toContain(
      '管控区域和重点监管单位用地为核查时读取的版本',
    )
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-report.png`, fullPage: true })

    await page.emulateMedia({ media: 'print' })
    await expect(page.getByTestId('precheck-report-print').isVisible()).resolves.toBe(false)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-report-print.png`, fullPage: true })
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    fs.writeFileSync('test-results/90-precheck-report.pdf', pdf)
    const text = asDrawn((await pdfText(new Uint8Array(pdf))).text)
    expect(text).toContain('用地准入核查意见书')
    expect(text).toContain('不得进入用地程序')
    expect(text).toContain(number)
    expect(text).toContain(own.code)
    await page.context().close()
  })

  it('when the approver opens 用地准入核查, then only 核查记录 is offered and a check opens read-only with its verdict and report link', async () => {
    await recordRefusedCheck(zoneAt)
    const page = await openAs(browser, appUrl, errors, 'shending')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/90-precheck-approver-map.png` })
    await page.getByTestId('nav-precheck').click()
    await page.waitForURL(/\/precheck$/)
    await expect(page.getByTestId('precheck-tab-check').count()).resolves.toBe(0)
    await page.getByTestId('precheck-filter-verdict').selectOption('refused')
    await page.getByRole('button', { name: '查询' }).click()
    // the list before the filter may still show while the filtered one loads: wait for the filtered list
    const verdicts = () =>
      page
        .getByTestId('precheck-record')
        .evaluateAll((items) => [...new Set(items.map((i) => i.querySelector('.verdict-chip')?.textContent))])
    await expect.poll(verdicts).toEqual(['不得进入用地程序'])
    await page.getByTestId('precheck-record').first().click()
    await expect(page.getByTestId('precheck-verdict').getAttribute('data-verdict')).resolves.toBe('refused')
    await expect(page.getByTestId('precheck-rerun').count()).resolves.toBe(0)
    await expect(page.getByTestId('precheck-open-report').getAttribute('href')).resolves.toMatch(
      /^\/precheck\/\d+\/report$/,
    )
    await page.context().close()
  })
})

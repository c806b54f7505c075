import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { isBrowserMissing, typeInto, useBrowser, waitForMap } from '../support/browser.ts'
import { type LonLat, clickMap, offset } from '../support/map-input.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { pdfText, squash } from '../support/pdf-text.ts'

const skip = isBrowserMissing()
/** Screenshots of this file, looked at by hand. */
const SHOTS = '/tmp/shots-siting'
const PHONE = { width: 390, height: 844 }

describe.skipIf(skip)('建设项目选址核查 in Chromium with real mouse and keyboard events', () => {
  const { open, errors } = useBrowser()
  let db: Database
  /** A blank spot of 赫山区, no farmland (so no 优先保护类耕地集中区域 of its own) within 1.5 km. */
  let siteAt: LonLat
  /** The area planted 600 m east of the site, in the county's current version; removed after the file. */
  const area = { version: 0, areaNo: 900 + Math.floor(Math.random() * 99), code: '', isOwnVersion: false }

  beforeAll(async () => {
    db = connectTestDatabase()
    siteAt = await freeSpot(db, { spacing: 0.03, inside: 0.012, clearOfFarmland: 0.015 })
    const {
      rows: [current],
    } = await db.query<{ version: number | null }>(
      `SELECT max(version) AS version FROM priority_area_version WHERE adcode = '430903'`,
    )
    area.isOwnVersion = current.version === null
    area.version = current.version ?? 1
    if (area.isOwnVersion)
      await db.query(
        `
        INSERT INTO priority_area_version (adcode, version, gap_m, min_area_m2, area_count, area_m2, parcel_count, priority_m2)
        VALUES ('430903', 1, 50, 0, 1, 90000, 1, 90000)`,
      )
    const [sw, ne] = [offset(siteAt, 450, -150), offset(siteAt, 750, 150)]
    const wkt = `MULTIPOLYGON(((${sw[0]} ${sw[1]},${ne[0]} ${sw[1]},${ne[0]} ${ne[1]},${sw[0]} ${ne[1]},${sw[0]} ${sw[1]})))`
    await db.query(
      `
      INSERT INTO priority_area (adcode, version, area_no, geom, area_m2, parcel_count)
      VALUES ('430903', $1, $2, ST_GeomFromText($3, 4490), ST_Area(ST_GeomFromText($3, 4490)::geography), 1)`,
      [area.version, area.areaNo, wkt],
    )
    area.code = `PA430903-${String(area.areaNo).padStart(3, '0')}`
    fs.mkdirSync(SHOTS, { recursive: true })
  })

  afterAll(async () => {
    await db.query(`DELETE FROM priority_area WHERE adcode = '430903' AND version = $1 AND area_no = $2`, [
      area.version,
      area.areaNo,
    ])
    if (area.isOwnVersion) await db.query(`DELETE FROM priority_area_version WHERE adcode = '430903' AND version = 1`)
    await db.close()
  })

  /** Opens 选址核查 from the header (the ☰ menu on a phone) and moves the map to `at`. */
  async function openSiting(page: Page, at: LonLat, isPhone = false): Promise<void> {
    if (isPhone) {
      await page.getByTestId('staff-menu-button').click()
      await page.getByTestId('staff-menu-page-siting').click()
    } else await page.getByTestId('nav-siting').click()
    await page.waitForURL(/\/siting$/)
    await waitForMap(page)
    await page.evaluate(([lon, lat]) => (window as any).__soilMap.jumpTo({ center: [lon, lat], zoom: 15 }), at)
    await waitForMap(page)
    await page.waitForFunction(() => !!(window as any).__soilPrecheckDraw)
  }

  /** Draws a rectangle with the mouse (corners `sw` and `ne`), closing it on the first corner. */
  async function drawRectangle(page: Page, sw: LonLat, ne: LonLat): Promise<void> {
    await page.getByTestId('siting-draw').click()
    const corners: LonLat[] = [sw, [ne[0], sw[1]], ne, [sw[0], ne[1]]]
    for (const corner of corners) await clickMap(page, corner)
    await clickMap(page, corners[0])
    await expect.poll(() => page.getByTestId('siting-area').textContent()).toMatch(/[\d,.]+ 亩（[\d,.]+ 公顷/)
  }

  it('when the environment officer draws a site 350 m from a 优先保护类耕地集中区域 and picks 电镀, then the verdict is 严格控制 with the area, its distance and the plan; the PDF holds the number and the verdict; the list finds the check', async () => {
    const page = await open({ as: 'huanjing', acceptDownloads: true })
    await openSiting(page, siteAt)
    await page.screenshot({ path: `${SHOTS}/1440-form.png` })

    // nothing drawn, no industry: said next to each field, nothing sent
    await page.getByTestId('siting-submit').click()
    await expect(page.getByTestId('siting-error-geometry').textContent()).resolves.toContain('拟选址范围')
    await expect(page.getByTestId('siting-error-industry').textContent()).resolves.toContain('行业')

    await drawRectangle(page, offset(siteAt, -100, -80), offset(siteAt, 100, 80))
    const industry = page.getByTestId('siting-industry')
    await expect(industry.locator('option[value=electroplating]').textContent()).resolves.toBe('电镀（严格控制）')
    await expect(industry.locator('option[value=pharmaceutical]').textContent()).resolves.toBe('医药制造')
    await industry.selectOption('electroplating')
    await expect(page.getByTestId('siting-industry-hint').textContent()).resolves.toContain('电镀属于严格控制的行业')
    await expect(page.getByTestId('siting-error-industry').count()).resolves.toBe(0)

    // no project name: the server's problem names the field, and it is shown under it
    await page.getByTestId('siting-submit').click()
    await expect.poll(() => page.getByTestId('siting-error-projectName').textContent()).toContain('建设项目名称')
    await expect(page.getByTestId('siting-verdict').count()).resolves.toBe(0)

    const project = `益阳市某表面处理有限公司电镀生产线项目（E2E ${area.areaNo}）`
    await typeInto(page, 'siting-project-name', project)
    await typeInto(page, 'siting-reference', `益发改备〔2026〕${area.areaNo}号`)
    await page.getByTestId('siting-submit').click()
    const verdict = page.getByTestId('siting-verdict')
    await verdict.waitFor()
    await expect(page.getByTestId('siting-error-projectName').count()).resolves.toBe(0)
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('controlled')
    await expect(verdict.textContent()).resolves.toContain('严格控制')
    const number = (await page.getByTestId('siting-number').textContent())!
    expect(number).toMatch(/^选址核查〔\d{4}〕\d+号$/)

    const row = page.getByTestId('siting-reason').and(page.locator('[data-code="PRIORITY_AREA_CONTROLLED"]'))
    const rowText = (await row.textContent())!
    expect(rowText).toContain('优先保护类耕地集中区域')
    expect(rowText).toContain(area.code)
    expect(rowText).toMatch(/距选址范围 3\d\d(\.\d+)? 米/)
    expect(rowText).toContain('土壤污染防治行动计划')
    await expect(page.getByTestId('siting-area').getAttribute('data-area-source')).resolves.toBe('server')
    await page.waitForFunction(() => !!(window as any).__soilMap.getSource('soil-overlay-siting-site'))
    await waitForMap(page)
    await page.screenshot({ path: `${SHOTS}/1440-verdict.png` })

    const download = page.waitForEvent('download')
    await page.getByTestId('siting-pdf').click()
    const pdf = fs.readFileSync((await (await download).path())!)
    const text = squash((await pdfText(new Uint8Array(pdf))).text)
    expect(text).toContain(squash(number))
    expect(text).toContain('严格控制')
    expect(text).toContain(area.code)

    await page.getByTestId('siting-tab-records').click()
    await typeInto(page, 'siting-filter-q', `E2E ${area.areaNo}`)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('siting-record').count()).toBe(1)
    const listed = (await page.getByTestId('siting-record').textContent())!
    expect(listed).toContain(number)
    expect(listed).toContain('严格控制')
    expect(listed).toContain(project)
    await page.screenshot({ path: `${SHOTS}/1440-records.png` })
    expect(errors).toEqual([])
  })

  it('when the land officer uploads a GeoJSON site and picks 医药制造 (not a controlled industry), then the file is read in CGCS2000, its name becomes the project, and the area 350 m away is only a note: 未发现限制', async () => {
    const page = await open({ as: 'ziyuan' })
    await openSiting(page, siteAt)
    await page.getByTestId('siting-mode-upload').click()
    const [sw, ne] = [offset(siteAt, -100, -80), offset(siteAt, 100, 80)]
    const site = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: {},
          geometry: { type: 'Polygon', coordinates: [[sw, [ne[0], sw[1]], ne, [sw[0], ne[1]], sw]] },
        },
      ],
    }
    await page.getByTestId('siting-upload-file').setInputFiles({
      name: `制药厂选址（E2E ${area.areaNo}）.geojson`,
      mimeType: 'application/geo+json',
      buffer: Buffer.from(JSON.stringify(site)),
    })
    await page.getByTestId('siting-upload-read').click()
    await expect.poll(() => page.getByTestId('siting-upload-result').textContent()).toContain('CGCS2000')
    await expect(page.getByTestId('siting-project-name').inputValue()).resolves.toBe(`制药厂选址（E2E ${area.areaNo}）`)
    await page.getByTestId('siting-industry').selectOption('pharmaceutical')
    await page.getByTestId('siting-submit').click()
    const verdict = page.getByTestId('siting-verdict')
    await verdict.waitFor()
    await expect(verdict.getAttribute('data-verdict')).resolves.toBe('clear')
    const note = page.getByTestId('siting-reason').and(page.locator('[data-code="PRIORITY_AREA_NEAR"]'))
    await expect(note.textContent()).resolves.toContain(area.code)
    await waitForMap(page)
    await page.screenshot({ path: `${SHOTS}/1440-upload-clear.png` })
    expect(errors).toEqual([])
  })

  it('when the land officer opens 选址核查 on a phone from the ☰ menu, then the form comes first, the map below it, and an earlier check opens from the list with its verdict under the map', async () => {
    const page = await open({ as: 'ziyuan', viewport: PHONE })
    await openSiting(page, siteAt, true)
    await page.screenshot({ path: `${SHOTS}/390-form.png`, fullPage: true })
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(PHONE.width)
    const submit = (await page.getByTestId('siting-submit').boundingBox())!
    const map = (await page.locator('.map-view').boundingBox())!
    expect(submit.y + submit.height, 'the whole form above the map').toBeLessThanOrEqual(map.y)

    await page.getByTestId('siting-tab-records').click()
    await typeInto(page, 'siting-filter-q', `电镀生产线项目（E2E ${area.areaNo}`)
    await page.keyboard.press('Enter')
    await expect.poll(() => page.getByTestId('siting-record').count()).toBe(1)
    await page.getByTestId('siting-record').click()
    await expect(page.getByTestId('siting-verdict').getAttribute('data-verdict')).resolves.toBe('controlled')
    const verdictBox = (await page.getByTestId('siting-result').boundingBox())!
    const mapBox = (await page.locator('.map-view').boundingBox())!
    expect(verdictBox.y, 'the verdict under the map').toBeGreaterThanOrEqual(mapBox.y + mapBox.height - 1)
    await page.getByTestId('siting-result').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/390-verdict.png`, fullPage: true })
    expect(errors).toEqual([])
  })

  it('when the approver opens 选址核查, then only 核查记录 is offered', async () => {
    const page = await open({ as: 'shending' })
    await page.getByTestId('nav-siting').click()
    await page.waitForURL(/\/siting$/)
    await page.getByTestId('siting-records-filter').waitFor()
    await expect(page.getByTestId('siting-tab-check').count()).resolves.toBe(0)
    await expect(page.getByTestId('siting-submit').count()).resolves.toBe(0)
    expect(errors).toEqual([])
  })
})

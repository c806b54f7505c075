import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, typeInto, useBrowser } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { pixel, type LonLat } from '../support/map-input.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString(36).slice(-6)
const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1440, height: 900 }
const CONTACT = '13712340000'
const REPLY = `经现场核查，反映的废渣堆放属实，已列为疑似污染地块开展调查（${SUFFIX}）。感谢您的监督！`

describe.skipIf(skip)('a public report followed up in Chromium: the citizen reports and follows it by its code', () => {
  const { open, errors } = useBrowser()
  let db: Database
  let spot: LonLat
  const description = `E2E跟进${SUFFIX}：河堤边堆放大量黑色废渣，雨后有刺鼻气味的黑水流入稻田。`
  let trackingCode = ''

  const waitIdle = (page: Page) =>
    page.waitForFunction(
      () => {
        const map = (window as any).__soilMap
        return map && map.loaded() && !map.isMoving() && map.areTilesLoaded()
      },
      undefined,
      { timeout: 60_000 },
    )

  async function openPublic(viewport: { width: number; height: number }, path = '/public'): Promise<Page> {
    const page = await open({ path, viewport })
    await page.getByTestId('public-page').waitFor()
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
    await waitIdle(page)
    return page
  }

  beforeAll(async () => {
    db = connectTestDatabase()
    spot = await freeSpot(db, { clearOfFarmland: 0, clearOfRecords: 0.003 })
  })

  afterAll(async () => {
    const { rows } = await db.query(`SELECT plot_id FROM public_report WHERE description = $1`, [description])
    await db.query(`DELETE FROM public_report WHERE description = $1`, [description])
    await db.query(`DELETE FROM contaminated_plot WHERE id = ANY($1::bigint[])`, [
      rows.map((r) => r.plot_id).filter(Boolean),
    ])
    await db.close()
  })

  it('when a citizen on a phone places a report on the map and sends it, then a tracking code shows and the tracking page says 已受理', async () => {
    const page = await openPublic(PHONE)
    await page.getByTestId('report-open').click()
    await page.getByTestId('report-form').waitFor()
    // the spot in the upper part of the map, above the report sheet at the foot of a phone screen
    await page.evaluate(
      (center) => (window as any).__soilMap.jumpTo({ center, zoom: 15, padding: { top: 0, bottom: 420 } }),
      spot,
    )
    await waitIdle(page)
    const at = await pixel(page, spot)
    await page.mouse.click(at.x, at.y)
    await expect.poll(() => page.getByTestId('report-location').textContent()).toContain('东经')
    await typeInto(page, 'report-description', description)
    await typeInto(page, 'report-contact', CONTACT)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-follow-01-phone-form.png` })
    await page.getByTestId('report-submit').click()
    await page.getByTestId('report-success').waitFor()
    trackingCode = (await page.getByTestId('report-tracking-code').textContent())!.trim()
    expect(trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-follow-02-phone-code.png` })

    await page.getByTestId('report-track').click()
    await expect.poll(() => page.getByTestId('tracking-status').textContent()).toContain('已受理')
    await expect(page.getByTestId('tracking-reply').textContent()).resolves.toContain('答复后将在此显示')
    expect(errors).toEqual([])
  })

  it('when the environment officer finds it on the map, assigns it, replies, turns it into a suspected plot and closes it, then the queue shows each step and a draft plot lies on the point', async () => {
    expect(trackingCode).not.toBe('')
    const page = await open({ as: 'huanjing', viewport: DESKTOP })
    await page.getByTestId('side-tab-reports').click()
    const card = page.getByTestId('report-item').filter({ hasText: `E2E跟进${SUFFIX}` })
    await card.waitFor()
    await card.locator('.rq-card__head').click()
    await page.getByTestId('report-detail').waitFor()
    await waitIdle(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-follow-03-queue-map.png` })

    // a click on the report's marker on the map selects it again after it was closed in the list
    await card.locator('.rq-card__head').click()
    await expect(page.getByTestId('report-detail').count()).resolves.toBe(0)
    await waitIdle(page)
    const marker = await pixel(page, spot)
    await page.mouse.click(marker.x, marker.y)
    await page.getByTestId('report-detail').waitFor()
    await expect(page.getByTestId('info-panel').count()).resolves.toBe(0)

    await page.getByTestId('report-department').selectOption('生态环境执法大队')
    await page.getByTestId('report-assignee').selectOption('huanjing')
    await page.getByTestId('report-assign').click()
    await expect.poll(() => card.locator('.rq-card__status').textContent()).toBe('核查中')
    await expect.poll(() => card.textContent()).toContain('生态环境执法大队')

    await typeInto(page, 'report-reply', REPLY)
    await page.getByTestId('report-reply-submit').click()
    await expect.poll(() => page.getByTestId('report-history').textContent()).toContain('公开答复')

    await typeInto(page, 'report-plot-name', `河堤废渣堆放点（E2E ${SUFFIX}）`, { replace: true })
    await page.getByTestId('report-plot-industry').selectOption('chemical')
    await page.getByTestId('report-to-plot').click()
    await page.getByTestId('report-open-plot').waitFor()
    await expect.poll(() => page.getByTestId('report-history').textContent()).toContain('转为疑似污染地块')

    await page.getByTestId('report-close').click()
    await expect.poll(() => card.locator('.rq-card__status').textContent()).toBe('已办结')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/report-follow-04-handled.png` })

    const {
      rows: [p],
    } = await db.query(
      `SELECT p.status, p.review_status, p.contact,
              ST_Contains(p.geom, ST_SetSRID(ST_MakePoint($2, $3), 4490)) AS on_point
       FROM public_report r JOIN contaminated_plot p ON p.adcode = r.adcode AND p.id = r.plot_id
       WHERE r.description = $1`,
      [description, spot[0], spot[1]],
    )
    expect(p).toEqual({ status: 'suspected', review_status: 'draft', contact: null, on_point: true })
    await page.getByTestId('report-open-plot').click()
    await page.getByTestId('plot-profile').waitFor()
    expect(errors).toEqual([])
  })

  it('when the citizen follows the report by its code, on the phone and on a desktop, then the reply and 已办结 show and nothing else of the report', async () => {
    expect(trackingCode).not.toBe('')
    const phone = await openPublic(PHONE, `/public?track=${trackingCode}`)
    await expect.poll(() => phone.getByTestId('tracking-status').textContent()).toContain('已办结')
    await expect(phone.getByTestId('tracking-reply').textContent()).resolves.toContain(REPLY)
    await phone.screenshot({ path: `${SCREENSHOT_DIR}/report-follow-05-phone-tracking.png` })
    const shown = await phone.content()
    for (const secret of [CONTACT, `E2E跟进${SUFFIX}`, '生态环境执法大队', 'huanjing'])
      expect(shown, secret).not.toContain(secret)

    const desk = await openPublic(DESKTOP)
    await desk.getByTestId('tracking-open').click()
    await typeInto(desk, 'tracking-code', trackingCode.toLowerCase().replace(/-/g, ''))
    await desk.getByTestId('tracking-submit').click()
    await expect.poll(() => desk.getByTestId('tracking-status').textContent()).toContain('已办结')
    await desk.screenshot({ path: `${SCREENSHOT_DIR}/report-follow-06-desktop-tracking.png` })

    await typeInto(desk, 'tracking-code', '2222-3333-4444', { replace: true })
    await desk.getByTestId('tracking-submit').click()
    await expect
      .poll(() => desk.getByTestId('tracking-error').textContent())
      .toContain('没有查询码为 2222-3333-4444 的举报')
    expect(errors).toEqual([])
  })
})

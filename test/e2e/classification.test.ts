import fs from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Express } from 'express'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, launchChromium, openAs, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { USER_OF_ROLE, signIn } from '../support/session.ts'

const skip = isBrowserMissing()

/** Records of a CSV text (quoted fields may hold commas, quotes and line breaks); a UTF-8 BOM is dropped. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let field = ''
  let record: string[] = []
  let isQuoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]
    if (isQuoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"'
        i++
      } else if (ch === '"') isQuoted = false
      else field += ch
    } else if (ch === '"') isQuoted = true
    else if (ch === ',') {
      record.push(field)
      field = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += ch
  }
  if (field !== '' || record.length > 0) {
    record.push(field)
    records.push(record)
  }
  return records
}

/** A list of 赫山区 submitted for review by the farmland officer, with one parcel overridden to another class. */
interface SubmittedList {
  listId: number
  /** The overridden parcel: its computed class differs from its published one. */
  parcelId: number
  overrideClass: string
  /** 优先保护类 of the list after the override (mu). */
  priorityMu: number
}

/**
 * What the farmland officer does in the first test, over HTTP: classifies 赫山区, overrides the first parcel whose
 * computed class differs from its published one (with a reason) and submits the list.
 */
async function submitClassListOverHttp(appUrl: string): Promise<SubmittedList> {
  // supertest takes the running app's URL as well as an Express app
  const { agent, csrfToken } = await signIn(appUrl as unknown as Express, USER_OF_ROLE.farmland)
  const started = await agent
    .post('/api/classification/jobs')
    .set('X-CSRF-Token', csrfToken)
    .send({ adcode: '430903' })
    .expect(202)
  let job = started.body.job
  for (let waited = 0; ['queued', 'running'].includes(job.status) && waited < 180_000; waited += 500) {
    await sleep(500)
    job = (await agent.get(`/api/classification/jobs/${job.id}`).expect(200)).body.job
  }
  expect(job.status, `the classification job ends done (${job.error ?? ''})`).toBe('done')
  const listId: number = job.listId
  // the first page of the drawer's 变化 tab (20 parcels by code), so the approver finds the parcel's row there
  const changes = (await agent.get(`/api/class-lists/${listId}/changes?limit=20`).expect(200)).body
  const change = changes.items.find((c: any) => c.toClass !== c.fromClass && c.method !== 'override')
  expect(change, 'a parcel whose computed class differs from its published one').toBeDefined()
  const overrideClass = change.toClass === 'safe_use' ? 'strict' : 'safe_use'
  await agent
    .post(`/api/class-lists/${listId}/entries/${change.parcelId}/override`)
    .set('X-CSRF-Token', csrfToken)
    .send({ class: overrideClass, reason: '现场核查：该图斑已改种非食用作物，补测样品未超标（核查记录 HS-2026-032）' })
    .expect(200)
  await agent
    .post(`/api/reviews/class-list/${listId}/submit`)
    .set('X-CSRF-Token', csrfToken)
    .send({ reason: '样点加密后部分图斑改划为安全利用类，详见评价报告' })
    .expect(200)
  const summary = (await agent.get(`/api/class-lists/${listId}/summary`).expect(200)).body
  expect(summary.list.review.status).toBe('submitted')
  const priorityMu: number = summary.byClass.find((c: any) => c.class === 'priority').areaMu
  return { listId, parcelId: change.parcelId, overrideClass, priorityMu }
}

describe.skipIf(skip)(
  'farmland classification in Chromium: classify 赫山区, check the basis, override, submit, approve, publish, statistics, export',
  () => {
    let browser: Browser
    let db: Database
    const appUrl = inject('appUrl')
    const errors: string[] = []
    /** The published classes of 赫山区 before the test, restored afterwards. */
    let savedClasses: {
      id: string
      class: string
      class_list_id: string | null
      class_method: string | null
      class_basis: unknown
    }[] = []

    /** The class of one parcel as the map's parcel tiles carry it (null while its tile is not loaded). */
    const tileClassOf = (page: Page, parcelId: number) =>
      page.evaluate((id) => {
        const map = (window as any).__soilMap
        const hit = map.querySourceFeatures('parcel', { sourceLayer: 'parcel' }).find((f: any) => f.id === id)
        return hit ? (hit.properties.class as string) : null
      }, parcelId)

    beforeAll(async () => {
      db = connectTestDatabase()
      const { rows } = await db.query(
        `SELECT id::text, class, class_list_id::text, class_method, class_basis FROM farmland_parcel WHERE adcode = '430903'`,
      )
      savedClasses = rows as typeof savedClasses
      await db.query(`UPDATE farmland_parcel SET class = 'priority' WHERE adcode = '430903'`)
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
      browser = await launchChromium()
    })

    /** 赫山区's published classes and overview as before; the lists, entries and jobs of the test go (their history stays). */
    afterAll(async () => {
      await browser?.close()
      await db.query(
        `UPDATE farmland_parcel p SET class = s.class, class_list_id = s.class_list_id::bigint, class_method = s.class_method, class_basis = s.class_basis
       FROM jsonb_to_recordset($1::jsonb) AS s(id text, class text, class_list_id text, class_method text, class_basis jsonb)
       WHERE p.adcode = '430903' AND p.id = s.id::bigint`,
        [JSON.stringify(savedClasses)],
      )
      await db.query(`SELECT refresh_farmland_overview('430903')`)
      await db.query(`DELETE FROM classification_job WHERE adcode = '430903'`)
      await db.query(`DELETE FROM class_list WHERE adcode = '430903'`)
      await db.close()
    })

    it('when the farmland officer classifies 赫山区, then the progress reaches done, the summary warns that 优先保护类 falls, a changed parcel shows its basis, an override keeps the computed class and the list is submitted', async () => {
      const page = await openAs(browser, appUrl, errors, 'gengdi', { acceptDownloads: true })
      await page.getByTestId('side-tab-classification').click()
      const panel = page.getByTestId('classification-panel')
      await expect.poll(() => panel.getByTestId('class-rule-version').textContent()).toBe('default-2026.1')
      await expect(panel.getByTestId('class-rule-set-card').textContent()).resolves.toContain('地方设置')

      await page.getByTestId('class-start').click()
      const job = page.getByTestId('class-job')
      await job.waitFor()
      await expect.poll(() => job.getAttribute('data-status'), { timeout: 120_000 }).toBe('done')
      await expect(job.getByTestId('class-job-percent').textContent()).resolves.toBe('100%')
      await expect(page.getByTestId('class-job-notice').textContent()).resolves.toContain('划定完成')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/50-classification-progress.png` })

      const drawer = page.getByTestId('class-list-drawer')
      await drawer.waitFor()
      const listId = Number(await drawer.getAttribute('data-list-id'))
      await expect(drawer.getByTestId('class-list-status').getAttribute('data-status')).resolves.toBe('draft')
      await expect.poll(() => drawer.getByTestId('class-summary-row').count()).toBe(4)
      const summary = (await apiGet(page, `/api/class-lists/${listId}/summary`)).body
      const parcelCount: number = summary.list.parcelCount
      expect(parcelCount).toBeGreaterThan(0)
      const counted = await drawer.getByTestId('class-summary-count').allTextContents()
      expect(counted.map((t) => Number(t.replace(/,/g, '')))).toEqual(summary.byClass.map((c: any) => c.count))
      await expect.poll(() => drawer.getByTestId('class-warning').count()).toBeGreaterThan(0)
      await expect(drawer.getByTestId('class-warnings').textContent()).resolves.toContain(
        '赫山区优先保护类耕地面积将由',
      )
      await page.screenshot({ path: `${SCREENSHOT_DIR}/51-classification-summary-warning.png` })

      await drawer.getByTestId('class-tab-townships').click()
      await expect.poll(() => drawer.getByTestId('class-township-row').count()).toBe(summary.byTownship.length)

      await drawer.getByTestId('class-tab-changes').click()
      const firstChange = drawer.getByTestId('class-change-row').first()
      await firstChange.waitFor()
      const parcelCode = (await firstChange.getAttribute('data-code'))!
      await firstChange.click()
      const entry = page.getByTestId('class-entry')
      await expect.poll(() => page.getByTestId('info-title').textContent(), { timeout: 15_000 }).toContain(parcelCode)
      await entry.waitFor()
      const computedClass = (await entry.getAttribute('data-class'))!
      expect(computedClass).not.toBe('priority')
      await expect(entry.getByTestId('class-basis-summary').textContent()).resolves.not.toBe('')
      await expect(entry.textContent()).resolves.toContain('规则版本')
      await waitForMap(page)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/52-classification-parcel-basis.png` })

      const overrideClass = computedClass === 'safe_use' ? 'strict' : 'safe_use'
      await entry.getByTestId('class-override-open').click()
      const dialog = page.getByTestId('class-override-dialog')
      await dialog.getByTestId(`class-override-${overrideClass}`).click()
      await dialog.getByTestId('class-override-confirm').click()
      await expect(dialog.getByTestId('class-override-error').textContent()).resolves.toBe('请填写调整理由')
      const reason = '现场核查：该图斑已改种非食用作物，补测样品未超标（核查记录 HS-2026-031）'
      await dialog.getByTestId('class-override-reason').click()
      await page.keyboard.type(reason)
      await dialog.getByTestId('class-override-confirm').click()
      await expect.poll(() => page.getByTestId('class-entry').getAttribute('data-method')).toBe('override')
      await expect(page.getByTestId('class-entry').getAttribute('data-class')).resolves.toBe(overrideClass)
      await expect(page.getByTestId('class-entry-override-reason').textContent()).resolves.toBe(reason)
      await expect(
        page.getByTestId('class-entry-override-block').locator(`[data-class="${computedClass}"]`).count(),
      ).resolves.toBe(1)
      await expect(page.getByTestId('class-basis').textContent()).resolves.toContain('计算依据')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/53-classification-override.png` })
      const isCut = (testId: string) =>
        drawer
          .getByTestId(testId)
          .evaluate((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight)
      await expect(isCut('class-list-title'), 'the list title is whole beside the info panel').resolves.toBe(false)

      const download = page.waitForEvent('download')
      await drawer.getByTestId('class-export-csv').click()
      const file = await (await download).path()
      const records = parseCsv(fs.readFileSync(file, 'utf8')).filter((r) => r.some((f) => f !== ''))
      expect(records.length, 'a header and one row per parcel of the list').toBe(parcelCount + 1)
      const codeColumn = records[0].findIndex((h) => h.includes('TBBH') || h.includes('图斑编号'))
      expect(codeColumn).toBeGreaterThanOrEqual(0)
      expect(records.some((r) => r[codeColumn] === parcelCode)).toBe(true)

      await drawer.getByTestId('review-action-submit').click()
      await page.getByTestId('review-confirm').click()
      await expect
        .poll(() => page.getByTestId('review-dialog-error').textContent(), {
          message: 'a fall of the 优先保护类 area is not submitted without a written explanation',
        })
        .toContain('减少原因说明')
      expect((await apiGet(page, `/api/class-lists/${listId}/summary`)).body.list.review.status).toBe('draft')
      await page.getByTestId('review-reason').click()
      await page.keyboard.type('泉交河镇加密采样后部分图斑改划为安全利用类，详见详查报告')
      await page.getByTestId('review-confirm').click()
      await expect.poll(() => drawer.getByTestId('class-list-status').getAttribute('data-status')).toBe('submitted')
      await expect
        .poll(() => page.locator(`[data-testid=class-list-item][data-id="${listId}"]`).getAttribute('data-status'))
        .toBe('submitted')
      await expect(page.getByTestId('class-override-open').count(), 'a submitted list cannot be changed').resolves.toBe(
        0,
      )
      expect(errors).toEqual([])
      await page.context().close()
    })

    it('when the approver approves and publishes the list, then the map colours the overridden parcel by its new class and the statistics show the published areas', async () => {
      // A list of its own, made over HTTP: the list the first test submitted (when the file runs whole) stays as it is,
      // as a second classification job is allowed beside a submitted list (only a queued or running job of the county
      // refuses another); this one is published, the other one's entries never reach the published classes.
      const list = await submitClassListOverHttp(appUrl)
      const page = await openAs(browser, appUrl, errors, 'shending', { acceptDownloads: true })
      await page.getByTestId('side-tab-reviews').click()
      await page.locator(`[data-testid=review-queue-item][data-kind="class-list"][data-id="${list.listId}"]`).click()
      const drawer = page.getByTestId('class-list-drawer')
      await drawer.waitFor()
      await expect(drawer.getByTestId('class-list-status').getAttribute('data-status')).resolves.toBe('submitted')
      await expect(drawer.getByTestId('class-list-fall-explanation').textContent()).resolves.toContain(
        '样点加密后部分图斑改划为安全利用类',
      )

      await drawer.getByTestId('class-tab-changes').click()
      await drawer.locator(`[data-testid=class-change-row][data-parcel-id="${list.parcelId}"]`).click()
      await expect.poll(() => page.getByTestId('class-entry').getAttribute('data-method')).toBe('override')
      await waitForMap(page)
      await expect
        .poll(() => tileClassOf(page, list.parcelId), { message: 'the published class before publishing' })
        .toBe('priority')
      const parcelTiles = () => page.evaluate(() => (window as any).__soilMap.getSource('parcel').tiles[0] as string)
      const tilesBefore = await parcelTiles()

      await drawer.getByTestId('review-action-approve').click()
      await page.getByTestId('review-reason').click()
      await page.keyboard.type('变化已核实，同意')
      await page.getByTestId('review-confirm').click()
      await expect.poll(() => drawer.getByTestId('class-list-status').getAttribute('data-status')).toBe('approved')
      await drawer.getByTestId('review-action-publish').click()
      await page.getByTestId('review-confirm').click()
      await expect.poll(() => drawer.getByTestId('class-list-status').getAttribute('data-status')).toBe('published')
      await expect.poll(parcelTiles, { message: 'the parcel tiles are fetched again' }).not.toBe(tilesBefore)
      await waitForMap(page)
      await expect.poll(() => tileClassOf(page, list.parcelId), { timeout: 20_000 }).toBe(list.overrideClass)
      const published = page.getByTestId('info-panel').locator('.info-table')
      await expect
        .poll(() => published.getByTestId('class-label').getAttribute('data-class'), {
          message: 'the info panel reads the published class again',
        })
        .toBe(list.overrideClass)
      await expect(published.textContent()).resolves.toContain('人工调整')
      await expect(published.textContent()).resolves.toContain('现场核查')
      await page.getByTestId('info-panel').locator('.info-table').scrollIntoViewIfNeeded()
      await waitForMap(page)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/55-parcel-published-class.png` })

      const stats = (await apiGet(page, '/api/statistics/farmland?adcode=430903')).body
      const priority = stats.counties[0].byClass.find((c: any) => c.class === 'priority')
      expect(priority.areaMu).toBeCloseTo(list.priorityMu, 2)

      await page.getByTestId('nav-statistics').click()
      await page.getByTestId('statistics-page').waitFor()
      expect(new URL(page.url()).pathname).toBe('/statistics')
      const priorityCard = page.locator('[data-testid=stats-card][data-class="priority"]')
      await expect
        .poll(() => priorityCard.getByTestId('stats-card-mu').textContent())
        .toContain(list.priorityMu.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }))
      await expect
        .poll(() => page.getByTestId('stats-township-table').getByTestId('stats-row').count())
        .toBe(stats.townships.length)
      await expect(page.getByTestId('stats-township-chart').getByTestId('chart-row').count()).resolves.toBe(
        stats.townships.length,
      )
      const segments = await page
        .getByTestId('stats-township-chart')
        .getByTestId('chart-segment')
        .evaluateAll((rects) => rects.map((r) => [r.getAttribute('data-class'), r.getAttribute('fill')]))
      const colours = Object.fromEntries(segments)
      expect(colours.priority ?? '#2e9d4f').toBe('#2e9d4f')
      expect(Object.keys(colours).length).toBeGreaterThan(1)
      // the publication made a new version of the 优先保护类耕地集中区域, compared with the sample classes' one
      const areas = (await apiGet(page, '/api/priority-areas?adcode=430903')).body.counties[0].versions
      expect(areas[0].source).toMatch(/^分类清单“.+”第 1 版发布$/)
      expect(areas.length).toBeGreaterThan(1)
      const section = page.getByTestId('priority-area-section')
      await expect
        .poll(() => section.getByTestId('priority-area-versions').locator('tbody tr').count())
        .toBe(areas.length)
      await expect(section.textContent()).resolves.toContain(areas[0].source)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/54-statistics.png`, fullPage: true })
      await section.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/54-statistics-priority-areas.png` })
      expect(errors).toEqual([])
      await page.context().close()
      // a classification run over HTTP before the browser journey: twice the file's test time
    }, 240_000)
  },
)

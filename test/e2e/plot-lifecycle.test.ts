import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, typeInto, useBrowser, waitForMap } from '../support/browser.ts'
import { type LonLat, clickMap, offset, polygon, rect } from '../support/map-input.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString().slice(-5)

describe.skipIf(skip)(
  'the contaminated-plot registry in Chromium: an environment officer takes a new plot from suspicion to the provincial list',
  () => {
    const { open, errors } = useBrowser()
    let db: Database
    /** The running test's page, signed in as the environment officer huanjing. */
    let page: Page
    /** Every plot this file made (removed after it). */
    const plotIds: number[] = []
    /** The plot the running test takes on; each test has its own, at a spot of its own. */
    let plot = { id: 0, code: '', name: '' }
    let made = 0

    /** Centre of an empty spot inside 赫山区 (no parcel, plot or zone within ~300 m). */
    const ownSpot = (): Promise<LonLat> => freeSpot(db, { clearOfRecords: 0.004 })

    /** A plot name of this file no other test of it uses. */
    const plotName = () => `原赫山金鑫电镀厂地块（E2E ${SUFFIX}-${++made}）`

    /**
     * Sets a date field (the browser's own date control orders its segments by the system locale, not the page's, so
     * typed digits land in different segments on different machines: the value is set as the control's ISO value).
     */
    async function typeDate(
      testId: string,
      isoDate: string,
      within: Page | ReturnType<Page['getByTestId']> = page,
    ): Promise<void> {
      await within.getByTestId(testId).click()
      await within.getByTestId(testId).fill(isoDate)
      await expect.poll(() => within.getByTestId(testId).inputValue()).toBe(isoDate)
    }

    /** A JSON write through the page's session (with its CSRF token): status and body. */
    function apiSend(method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
      return page.evaluate(
        async ({ method, path, body }) => {
          const session = await (await fetch('/api/session')).json()
          const response = await fetch(path, {
            method,
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
            body: JSON.stringify(body),
          })
          return { status: response.status, body: await response.json() }
        },
        { method, path, body },
      )
    }

    const profile = () => page.getByTestId('plot-profile')
    const statusOf = async () => (await profile().getAttribute('data-status')) ?? ''

    /** Clicks a 下一步 button and waits for its dialog. */
    async function openStep(action: string) {
      await page.getByTestId(`transition-${action}`).click()
      const dialog = page.getByTestId('transition-dialog')
      await dialog.waitFor()
      return dialog
    }

    /** Fills one report or opinion of the step dialog with the keyboard. */
    async function fillDocument(
      prefix: 'doc' | 'review-doc',
      doc: { title: string; date: string; body: string; attachmentName: string },
    ) {
      const dialog = page.getByTestId('transition-dialog')
      await typeInto(page, `${prefix}-title`, doc.title, { replace: true, within: dialog })
      await typeDate(`${prefix}-date`, doc.date, dialog)
      await dialog.getByTestId(`${prefix}-file`).setInputFiles({
        name: doc.attachmentName,
        mimeType: 'application/pdf',
        buffer: Buffer.from(`%PDF-1.4\n% ${doc.title}\n%%EOF\n`),
      })
      await typeInto(page, `${prefix}-body`, doc.body, { replace: true, within: dialog })
    }

    /** Confirms the open step dialog and waits until the profile shows the new state. */
    async function confirmStep(to: string) {
      await page.getByTestId('transition-confirm').click()
      await page.getByTestId('transition-dialog').waitFor({ state: 'detached' })
      await expect.poll(statusOf, { timeout: 15_000 }).toBe(to)
    }

    /** A write of the plot through the page's session at the plot's current version: the answer's body. */
    async function writePlot(method: string, path: string, body: object, status = 200): Promise<any> {
      const { version } = (await apiGet(page, `/api/plots/${plot.id}`)).body
      const answer = await apiSend(method, `/api/plots/${plot.id}${path}`, { version, ...body })
      expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(status)
      return answer.body
    }

    /**
     * A plot of the running test, drawn at a spot of its own and taken through the API as the officer of the tests
     * before took it by hand: 'suspected' (saved with its facts changed), 'exceedance' (under preliminary investigation
     * with Cd 30, Pb 960 and Ni 35 mg/kg), 'contaminated' (confirmed with a high risk, W added to and removed from
     * its negative list) or 'listed' (on through 详细调查 and 风险评估 to the provincial list).
     */
    async function makePlot(stage: 'suspected' | 'exceedance' | 'contaminated' | 'listed'): Promise<void> {
      const spot = await ownSpot()
      plot = { id: 0, code: '', name: plotName() }
      const created = await apiSend('POST', '/api/plots', {
        name: plot.name,
        adcode: '430903',
        formerIndustry: 'electroplating',
        address: '赫山区龙岭工业园金鑫路 6 号',
        landUser: '益阳市赫山区土地储备中心',
        contact: '李主任 0737-4200000',
        geometry: polygon(rect(spot, 120, 90, -60, -45)),
      })
      expect(created.status, JSON.stringify(created.body)).toBe(201)
      plot.id = Number(created.body.id)
      plotIds.push(plot.id)
      plot.code = (await apiGet(page, `/api/plots/${plot.id}`)).body.code
      await writePlot('PATCH', '', { contact: '赵科长 0737-4211234', plannedLandClass: 'first' })
      if (stage === 'suspected') return
      await writePlot('POST', '/transitions', { action: 'start_preliminary' })
      for (const [substance, valueMgKg, depthM] of [
        ['Cd', 30, 0.5],
        ['Pb', 960, 0.2],
        ['Ni', 35, 1.0],
      ] as const)
        await writePlot('POST', '/pollutants', { substance, valueMgKg, sampledOn: '2026-07-12', depthM }, 201)
      if (stage === 'exceedance') return
      await writePlot('POST', '/transitions', {
        action: 'preliminary_confirm',
        riskLevel: 'high',
        document: {
          title: `${plot.name}土壤污染状况初步调查报告`,
          date: '2026-08-15',
          body: '布设采样点 12 个，镉最大 30 mg/kg、铅最大 960 mg/kg，超过第一类用地筛选值，铅超过管制值。',
          attachmentName: '初步调查报告.pdf',
        },
      })
      await writePlot(
        'POST',
        '/negative-uses',
        { useCode: 'W', reason: '地下水污染范围尚未查清，暂不宜用作物流仓储' },
        201,
      )
      await writePlot('DELETE', '/negative-uses/W', { reason: '经核实已纳入管控方案，不再单列' })
      if (stage === 'contaminated') return
      await writePlot('PATCH', '', { address: '赫山区龙岭工业园金鑫路 8 号' })
      await writePlot('POST', '/transitions', { action: 'start_detailed' })
      await writePlot('POST', '/transitions', {
        action: 'start_assessment',
        document: {
          title: `${plot.name}土壤污染状况详细调查报告`,
          date: '2026-09-20',
          body: '加密布点 36 个，确定铅、镉超标范围约 6,800 平方米，最大深度 3 米。',
          attachmentName: '详细调查报告.pdf',
        },
      })
      await writePlot('POST', '/transitions', {
        action: 'list',
        document: {
          title: `${plot.name}土壤污染风险评估报告`,
          date: '2026-10-10',
          body: '铅致癌风险不可接受，须实施风险管控或修复，建议列入名录。',
          attachmentName: '风险评估报告.pdf',
        },
        reviewDocument: {
          title: '湖南省生态环境厅关于风险评估报告的评审意见',
          date: '2026-10-28',
          body: '同意评估结论，列入建设用地土壤污染风险管控和修复名录。',
          attachmentName: '省级评审意见.pdf',
        },
      })
    }

    /** Opens 污染地块 and the running test's plot's profile (found by its code). */
    async function openProfile(on: Page = page): Promise<void> {
      await on.getByTestId('side-tab-plots').click()
      await on.getByTestId('plot-filter-q').click()
      await on.keyboard.type(plot.code.slice(-6))
      const item = on.locator(`[data-testid=plot-item][data-plot-code="${plot.code}"]`)
      await expect.poll(() => on.getByTestId('plot-item').count()).toBe(1)
      await item.click()
      await expect.poll(() => on.getByTestId('plot-profile').getAttribute('data-plot-id')).toBe(String(plot.id))
    }

    beforeAll(async () => {
      db = connectTestDatabase()
    })

    afterAll(async () => {
      await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [plotIds])
      await db.close()
    })

    it("when the officer opens 污染地块, then the county's plots are listed with their state and list, the list filter narrows them, and a plot under review can be read but not changed", async () => {
      page = await open({ as: 'huanjing' })
      await page.getByTestId('side-tab-plots').click()
      const items = page.getByTestId('plot-item')
      await items.first().waitFor()
      const answer = await apiGet(page, '/api/plots?adcode=430903')
      expect(answer.status).toBe(200)
      expect(await items.count()).toBe(answer.body.items.length)
      await expect(page.getByTestId('plot-count').textContent()).resolves.toBe(`共 ${answer.body.items.length} 个地块`)
      const suspected = answer.body.items.filter((p: any) => p.list === 'suspected')
      expect(suspected.length).toBeGreaterThan(0)
      await expect(page.getByTestId('plot-list').textContent()).resolves.toContain(suspected[0].code)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/70-plot-list.png` })

      await page.getByTestId('plot-filter-list').selectOption('suspected')
      await expect.poll(() => items.count()).toBe(suspected.length)
      for (const status of await page.getByTestId('plot-list').getByTestId('plot-status').allTextContents()) {
        expect(['疑似污染地块', '初步调查']).toContain(status)
      }
      await page.getByTestId('plot-filter-list').selectOption('')
      await expect.poll(() => items.count()).toBe(answer.body.items.length)

      const submitted = answer.body.items.find((p: any) => p.reviewStatus === 'submitted')
      expect(submitted).toBeTruthy()
      await page.locator(`[data-testid=plot-item][data-plot-code="${submitted.code}"]`).click()
      await expect.poll(() => profile().getAttribute('data-plot-id')).toBe(String(submitted.id))
      await expect(page.getByTestId('plot-locked').textContent()).resolves.toContain('地块正在审定中（已提交）')
      await expect(page.getByTestId('plot-steps').textContent()).resolves.toContain('暂不能变更状态')
      expect(await page.getByTestId('plot-steps').locator('button:enabled').count()).toBe(0)
      await page.getByTestId('plot-tab-pollutants').click()
      expect(await page.getByTestId('pollutant-add').count()).toBe(0)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/70-plot-under-review.png` })
      await page.getByTestId('plot-profile-close').click()
      expect(errors).toEqual([])
    })

    it('when the officer draws a new plot with the mouse and fills in its facts, then it is saved as a 疑似污染地块 with a DK code, its profile opens, and its contact and land class can be changed', async () => {
      const spot = await ownSpot()
      plot = { id: 0, code: '', name: plotName() }
      page = await open({ as: 'huanjing' })
      await page.getByTestId('side-tab-plots').click()
      await page.evaluate((c) => (window as any).__soilMap.jumpTo({ center: c, zoom: 16 }), spot)
      await waitForMap(page)
      await page.getByTestId('plot-new').click()
      await page.getByTestId('new-plot').waitFor()
      await page.waitForFunction(() => !!(window as any).__soilPlotDraw)

      await page.getByTestId('new-plot-save').click()
      await expect(page.getByTestId('new-plot-error').textContent()).resolves.toContain('请先在地图上绘制地块边界')

      const corners = [offset(spot, -60, -45), offset(spot, 60, -45), offset(spot, 60, 45), offset(spot, -60, 45)]
      for (const corner of corners) await clickMap(page, corner)
      await expect(page.getByTestId('new-plot-area').textContent()).resolves.toContain('绘制中')
      await clickMap(page, corners[0])
      await expect.poll(() => page.getByTestId('new-plot-area').textContent()).toMatch(/面积 1[56]\.\d\d 亩/)

      await typeInto(page, 'new-plot-name', plot.name, { replace: true })
      await page.getByTestId('new-plot-industry').selectOption('electroplating')
      await typeInto(page, 'new-plot-address', '赫山区龙岭工业园金鑫路 6 号', { replace: true })
      await typeInto(page, 'new-plot-land-user', '益阳市赫山区土地储备中心', { replace: true })
      await typeInto(page, 'new-plot-contact', '李主任 0737-4200000', { replace: true })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/71-new-plot-drawn.png` })
      await page.getByTestId('new-plot-save').click()

      await profile().waitFor({ timeout: 20_000 })
      await expect.poll(statusOf).toBe('suspected')
      plot.id = Number(await profile().getAttribute('data-plot-id'))
      expect(plot.id).toBeGreaterThan(0)
      plotIds.push(plot.id)
      const saved = await apiGet(page, `/api/plots/${plot.id}`)
      expect(saved.status).toBe(200)
      plot.code = saved.body.code
      expect(plot.code).toMatch(/^430903-DK\d{4,9}$/)
      expect(saved.body).toMatchObject({
        name: plot.name,
        status: 'suspected',
        formerIndustry: 'electroplating',
        contact: '李主任 0737-4200000',
      })
      expect(saved.body.areaM2).toBeGreaterThan(10_000)
      expect(saved.body.areaM2).toBeLessThan(11_600)
      await expect(profile().textContent()).resolves.toContain(plot.code)
      await expect(page.getByTestId('plot-list-name').textContent()).resolves.toBe('疑似污染地块名单')
      await expect(page.getByTestId('plot-facts').textContent()).resolves.toContain('电镀')
      await expect(page.getByTestId('plot-list').textContent()).resolves.toContain(plot.code)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/72-profile-suspected.png` })

      await page.getByTestId('plot-edit').click()
      const facts = page.getByTestId('plot-facts-dialog')
      await facts.waitFor()
      await typeInto(page, 'facts-contact', '赵科长 0737-4211234', { replace: true, within: facts })
      await facts.getByTestId('facts-land-class').selectOption('first')
      await facts.getByTestId('facts-save').click()
      await facts.waitFor({ state: 'detached' })
      await expect.poll(() => page.getByTestId('plot-contact').textContent()).toContain('赵科长 0737-4211234')
      const edited = await apiGet(page, `/api/plots/${plot.id}`)
      expect(edited.body).toMatchObject({
        contact: '赵科长 0737-4211234',
        plannedLandClass: 'first',
        version: saved.body.version + 1,
      })
      expect(edited.body.history.map((h: any) => h.action)).toEqual(expect.arrayContaining(['create', 'update']))
      expect(errors).toEqual([])
    })

    it('when the plot is under preliminary investigation without an exceedance, then 确认为污染地块 is refused with the reason; after a pollutant above the screening value it is offered', async () => {
      page = await open({ as: 'huanjing' })
      await makePlot('suspected')
      await openProfile()
      const dialog = await openStep('start_preliminary')
      await expect(dialog.getByTestId('transition-to').textContent()).resolves.toBe('初步调查')
      await confirmStep('preliminary_investigation')
      await expect(page.getByTestId('plot-notice').textContent()).resolves.toContain('已办理“开展初步调查”')

      const refused = page.getByTestId('transition-refused-preliminary_confirm')
      await expect(refused.textContent()).resolves.toContain('尚无任何污染物检测值超过 GB 36600-2018 第一类用地筛选值')
      await expect(refused.getByTestId('transition-preliminary_confirm').isDisabled()).resolves.toBe(true)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/73-no-exceedance-refused.png` })

      await page.getByTestId('plot-tab-pollutants').click()
      const addPollutant = async (substance: string, value: string, depth: string) => {
        await page.getByTestId('pollutant-add').click()
        const form = page.getByTestId('pollutant-form')
        await form.getByTestId('pollutant-substance').selectOption(substance)
        await expect(form.getByTestId('pollutant-reference').textContent()).resolves.toContain('第一类用地')
        await typeInto(page, 'pollutant-value', value, { replace: true, within: form })
        await typeDate('pollutant-date', '2026-07-12', form)
        await typeInto(page, 'pollutant-depth', depth, { replace: true, within: form })
        await form.getByTestId('pollutant-save').click()
        await form.waitFor({ state: 'detached' })
      }
      await addPollutant('Cd', '30', '0.5')
      await addPollutant('Pb', '960', '0.2')
      await addPollutant('Ni', '35', '1.0')
      const rows = page.getByTestId('pollutant-row')
      await expect.poll(() => rows.count()).toBe(3)
      const verdicts = Object.fromEntries(
        await Promise.all(
          (await rows.all()).map(async (r) => [
            await r.getAttribute('data-substance'),
            await r.getAttribute('data-verdict'),
          ]),
        ),
      )
      expect(verdicts).toEqual({ Cd: 'screening', Pb: 'intervention', Ni: 'ok' })
      await expect(page.locator('[data-substance=Pb]').textContent()).resolves.toContain('超管制值')
      await expect(page.locator('[data-substance=Cd]').textContent()).resolves.toContain('超筛选值')
      const color = await page
        .locator('[data-substance=Pb] .pollutant-value')
        .evaluate((el) => getComputedStyle(el).color)
      expect(color).toBe('rgb(179, 38, 30)')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/74-pollutants-exceedance.png` })

      await expect.poll(() => page.getByTestId('transition-refused-preliminary_confirm').count()).toBe(0)
      await expect(page.getByTestId('transition-preliminary_confirm').isEnabled()).resolves.toBe(true)
      expect(errors).toEqual([])
    })

    it("when the officer confirms the plot with a report whose summary is too short, then the server's refusal shows in the dialog; with a full report and a risk level the plot enters the 污染地块名录", async () => {
      page = await open({ as: 'huanjing' })
      await makePlot('exceedance')
      await openProfile()
      const dialog = await openStep('preliminary_confirm')
      await expect(dialog.textContent()).resolves.toContain('初步调查报告')
      await expect(dialog.getByTestId('transition-effect').textContent()).resolves.toContain(
        '列入污染地块名录（市级）并公开风险等级',
      )
      await expect(dialog.getByTestId('transition-reason').count()).resolves.toBe(0)
      await fillDocument('doc', {
        title: `${plot.name}土壤污染状况初步调查报告`,
        date: '2026-08-15',
        body: '镉铅超标',
        attachmentName: '初步调查报告.pdf',
      })
      await dialog.getByTestId('risk-high').click()
      await page.getByTestId('transition-confirm').click()
      const error = page.getByTestId('transition-error')
      await expect.poll(() => error.textContent()).toContain('初步调查报告的结论摘要太短（至少 10 个字）')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/75-dialog-refusal.png` })
      expect(await statusOf()).toBe('preliminary_investigation')

      await typeInto(
        page,
        'doc-body',
        '布设采样点 12 个，镉最大 30 mg/kg、铅最大 960 mg/kg，超过第一类用地筛选值，铅超过管制值。',
        { replace: true, within: dialog },
      )
      await confirmStep('contaminated')
      await expect(page.getByTestId('plot-list-name').textContent()).resolves.toBe('污染地块名录')
      await expect(page.getByTestId('plot-risk').textContent()).resolves.toBe('高风险')

      await page.getByTestId('plot-tab-negative').click()
      const uses = page.getByTestId('negative-item')
      await expect.poll(() => uses.count()).toBe(2)
      expect(
        await uses.evaluateAll((els) => els.map((e) => [e.getAttribute('data-use'), e.getAttribute('data-default')])),
      ).toEqual([
        ['R', '1'],
        ['A', '1'],
      ])
      await expect(page.getByTestId('plot-negative-list').textContent()).resolves.toContain('法定')
      expect(await page.getByTestId('negative-remove').count()).toBe(0)

      await page.getByTestId('negative-add').click()
      const form = page.getByTestId('negative-form')
      await form.getByTestId('negative-use').selectOption('W')
      await form.getByTestId('negative-save').click()
      await expect.poll(() => form.getByTestId('negative-form-error').textContent()).toContain('理由')
      await typeInto(page, 'negative-reason', '地下水污染范围尚未查清，暂不宜用作物流仓储', {
        replace: true,
        within: form,
      })
      await form.getByTestId('negative-save').click()
      await expect.poll(() => uses.count()).toBe(3)
      await expect(page.locator('[data-testid=negative-item][data-use=W]').textContent()).resolves.toContain('增列')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/76-negative-list.png` })

      await page.locator('[data-testid=negative-item][data-use=W]').getByTestId('negative-remove').click()
      await typeInto(page, 'negative-remove-reason', '经核实已纳入管控方案，不再单列', { replace: true })
      await page.getByTestId('negative-remove-confirm').click()
      await expect.poll(() => uses.count()).toBe(2)
      expect(errors).toEqual([])
    })

    it('when the officer goes on through 详细调查 and 风险评估 to 列入名录 with the provincial opinion, then a stale step is refused naming the version seen and the current one, the plot ends on the provincial list, the chronology holds every step with its documents, and an illegal step is refused', async () => {
      page = await open({ as: 'huanjing' })
      await makePlot('contaminated')
      await openProfile()
      await openStep('start_detailed')
      const seen = (await apiGet(page, `/api/plots/${plot.id}`)).body.version
      const other = await apiSend('PATCH', `/api/plots/${plot.id}`, {
        version: seen,
        address: '赫山区龙岭工业园金鑫路 8 号',
      })
      expect(other.status).toBe(200)
      // the map's version poll reloads the profile under the open dialog; the step must still go at the version seen
      await expect
        .poll(() => page.getByTestId('plot-facts').textContent(), { timeout: 20_000 })
        .toContain('金鑫路 8 号')
      await page.getByTestId('transition-confirm').click()
      await expect
        .poll(() => page.getByTestId('transition-error').textContent())
        .toContain(`您看到的是第 ${seen} 版，当前为第 ${seen + 1} 版`)
      expect(await statusOf()).toBe('contaminated')
      await page.getByTestId('transition-reload').click()
      await page.getByTestId('transition-dialog').waitFor({ state: 'detached' })
      await page.getByTestId('plot-tab-facts').click()
      await expect.poll(() => page.getByTestId('plot-facts').textContent()).toContain('金鑫路 8 号')
      await openStep('start_detailed')
      await confirmStep('detailed_investigation')

      let dialog = await openStep('start_assessment')
      await expect(dialog.textContent()).resolves.toContain('详细调查报告')
      await fillDocument('doc', {
        title: `${plot.name}土壤污染状况详细调查报告`,
        date: '2026-09-20',
        body: '加密布点 36 个，确定铅、镉超标范围约 6,800 平方米，最大深度 3 米。',
        attachmentName: '详细调查报告.pdf',
      })
      await confirmStep('risk_assessment')

      dialog = await openStep('list')
      await expect(dialog.getByTestId('transition-document').textContent()).resolves.toContain('风险评估报告')
      await expect(dialog.getByTestId('transition-reviewDocument').textContent()).resolves.toContain('省级评审意见')
      await fillDocument('doc', {
        title: `${plot.name}土壤污染风险评估报告`,
        date: '2026-10-10',
        body: '铅致癌风险不可接受，须实施风险管控或修复，建议列入名录。',
        attachmentName: '风险评估报告.pdf',
      })
      await page.getByTestId('transition-confirm').click()
      await expect.poll(() => page.getByTestId('transition-error').textContent()).toContain('省级评审意见缺少“标题”')
      const refusal = await page.getByTestId('transition-error').textContent()
      expect(refusal, 'every field of the review opinion is named at once').toContain('共 4 处须补正')
      for (const field of ['日期', '结论摘要', '附件文件名']) expect(refusal).toContain(`省级评审意见缺少“${field}”`)
      await fillDocument('review-doc', {
        title: '湖南省生态环境厅关于风险评估报告的评审意见',
        date: '2026-10-28',
        body: '同意评估结论，列入建设用地土壤污染风险管控和修复名录。',
        attachmentName: '省级评审意见.pdf',
      })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/77-list-dialog.png` })
      await confirmStep('listed')
      await expect(page.getByTestId('plot-list-name').textContent()).resolves.toBe('建设用地土壤污染风险管控和修复名录')
      await expect(page.getByTestId('plot-notice').textContent()).resolves.toContain('负面清单生效')

      const illegal = await apiSend('POST', `/api/plots/${plot.id}/transitions`, {
        action: 'start_preliminary',
        version: (await apiGet(page, `/api/plots/${plot.id}`)).body.version,
      })
      expect(illegal.status).toBe(409)
      expect(illegal.body.error.message).toContain('地块当前状态为“列入风险管控和修复名录”，不能“开展初步调查”')

      await page.getByTestId('plot-tab-negative').click()
      await expect
        .poll(() => page.getByTestId('negative-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-use'))))
        .toEqual(['R', 'A', '*'])

      await page.getByTestId('plot-tab-events').click()
      const steps = page.getByTestId('timeline-item')
      const actions = await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')))
      expect(actions).toEqual([
        'list',
        'start_assessment',
        'start_detailed',
        'preliminary_confirm',
        'start_preliminary',
        'create',
      ])
      await expect(page.getByTestId('timeline-document').count()).resolves.toBe(4)
      const timeline = (await page.getByTestId('plot-timeline').textContent()) ?? ''
      for (const text of ['省级评审意见', '风险评估报告', '详细调查报告', '初步调查报告', '省级评审意见.pdf', '高风险'])
        expect(timeline).toContain(text)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/78-listed-chronology.png` })

      const final = await apiGet(page, `/api/plots/${plot.id}`)
      expect(final.body.status).toBe('listed')
      expect(final.body.events.map((e: any) => e.action)).toEqual(
        expect.arrayContaining([
          'create',
          'start_preliminary',
          'preliminary_confirm',
          'start_detailed',
          'start_assessment',
          'list',
        ]),
      )
      const history = final.body.history.map((h: any) => h.action)
      expect(history.filter((a: string) => a === 'transition').length).toBe(5)
      expect(history.filter((a: string) => a === 'pollutant').length).toBe(3)
      expect(history.filter((a: string) => a === 'negative_use').length).toBe(2)
      await page.getByTestId('plot-tab-history').click()
      await expect.poll(() => page.getByTestId('history-row').count()).toBe(final.body.history.length)

      await page.getByTestId('plot-filter-list').selectOption('control')
      await expect.poll(() => page.locator(`[data-testid=plot-item][data-plot-code="${plot.code}"]`).count()).toBe(1)
      await expect(
        page.locator(`[data-testid=plot-item][data-plot-code="${plot.code}"]`).getAttribute('aria-current'),
      ).resolves.toBe('true')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/79-plot-list-filtered.png` })
      expect(errors).toEqual([])
    })

    it("when the approver opens the listed plot, then the profile can be read with its chronology but the officer's steps are refused with who may take them and nothing can be edited", async () => {
      page = await open({ as: 'huanjing' })
      await makePlot('listed')
      const approver = await open({ as: 'shending' })
      await approver.getByTestId('side-tab-plots').click()
      expect(await approver.getByTestId('plot-new').count()).toBe(0)
      await approver.getByTestId('plot-filter-q').click()
      await approver.keyboard.type(plot.code.slice(-6))
      const item = approver.locator(`[data-testid=plot-item][data-plot-code="${plot.code}"]`)
      await expect.poll(() => approver.getByTestId('plot-item').count()).toBe(1)
      await item.click()
      await expect.poll(() => approver.getByTestId('plot-profile').getAttribute('data-status')).toBe('listed')
      await expect(approver.getByTestId('transition-refused-start_control').textContent()).resolves.toContain(
        '“实施风险管控”只能由生态环境管理员操作',
      )
      expect(await approver.getByTestId('plot-steps').locator('button:enabled').count()).toBe(0)
      expect(await approver.getByTestId('plot-edit').count()).toBe(0)
      await approver.getByTestId('plot-tab-events').click()
      await expect.poll(() => approver.getByTestId('timeline-item').count()).toBe(6)
      await approver.getByTestId('plot-tab-negative').click()
      expect(await approver.getByTestId('negative-add').count()).toBe(0)
      await approver.screenshot({ path: `${SCREENSHOT_DIR}/79-plot-approver-view.png` })
      expect(errors).toEqual([])
    })
  },
)

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'

const skip = isBrowserMissing()
const TAG = `${process.pid.toString(36)}${Date.now().toString(36)}`.toUpperCase()
const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj << >> endobj\n%%EOF\n`)

describe.skipIf(skip)(
  'plot documents and redevelopment in Chromium: a step hands in its report file, the files list in 大事记, the redevelopment record is kept',
  () => {
    const suite = useBrowser()
    let db: Database
    let plot = { id: 0, code: '' }

    beforeAll(async () => {
      db = connectTestDatabase()
      const [lon, lat] = await freeSpot(db, { clearOfRecords: 0.004 })
      const code = `430903-WDE${TAG}`
      const {
        rows: [r],
      } = await db.query(
        `INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, geom)
         VALUES ('430903', $1, '原赫山化肥厂地块（文件测试）', 'effect_evaluation', 'high',
                 ST_Multi(ST_MakeEnvelope($2 - 0.0006, $3 - 0.0004, $2 + 0.0006, $3 + 0.0004, 4490)))
         RETURNING id`,
        [code, lon, lat],
      )
      plot = { id: Number(r.id), code }
    })
    afterAll(async () => {
      await db.query(`DELETE FROM plot_redevelopment WHERE adcode = '430903' AND plot_code = $1`, [plot.code])
      await db.query(`DELETE FROM stored_document WHERE owner_kind = 'plot' AND owner_id = $1`, [plot.id])
      await db.query(`DELETE FROM published_plot WHERE adcode = '430903' AND id = $1`, [plot.id])
      await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = $1`, [plot.id])
      await db.close()
    })

    it('when the officer applies for removal with the evaluation report file, uploads a photo and records the redevelopment, then the profile lists them', async () => {
      const page = await suite.open({ viewport: { width: 1440, height: 900 }, as: 'huanjing' })
      await waitForMap(page)
      await page.getByTestId('side-tab-plots').click()
      await page.getByTestId('plot-filter-q').fill(plot.code.slice(-8))
      await page.locator(`[data-testid=plot-item][data-plot-code="${plot.code}"]`).click()
      const profile = page.getByTestId('plot-profile')
      await expect.poll(() => profile.getAttribute('data-plot-id')).toBe(String(plot.id))

      await page.getByTestId('transition-apply_removal').click()
      const dialog = page.getByTestId('transition-dialog')
      await dialog.getByTestId('doc-title').fill('原赫山化肥厂地块修复效果评估报告')
      await dialog.getByTestId('doc-date').fill('2026-11-20')
      await dialog.getByTestId('doc-body').fill('修复后采样 24 个，铅、镉均低于第一类用地筛选值，达到修复目标。')
      await dialog.getByTestId('doc-file').setInputFiles({
        name: '效果评估报告.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('效果评估报告'),
      })
      expect(await dialog.getByTestId('doc-attachment').textContent()).toBe('效果评估报告.pdf')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/plot-documents-step-1440.png` })
      await dialog.getByTestId('transition-confirm').click()
      await dialog.waitFor({ state: 'detached' })
      await expect.poll(() => profile.getAttribute('data-status')).toBe('removal_applied')

      await page.getByTestId('plot-tab-events').click()
      const stepFile = profile.getByTestId('timeline-document').first().locator('a.timeline__file')
      expect(await stepFile.textContent()).toBe('效果评估报告.pdf')
      expect(await stepFile.getAttribute('href')).toMatch(/^\/api\/documents\/\d+\/file$/)
      await expect.poll(() => profile.getByTestId('document-item').count()).toBe(1)

      await profile.getByTestId('document-kind').selectOption('expert_opinion')
      await profile.getByTestId('document-title').fill('专家评审意见（扫描件）')
      await profile.getByTestId('document-file').setInputFiles({
        name: '专家评审意见.pdf',
        mimeType: 'application/pdf',
        buffer: pdf('专家评审意见'),
      })
      await profile.getByTestId('document-upload').click()
      await expect.poll(() => profile.getByTestId('document-item').count()).toBe(2)
      const meta = await profile.getByTestId('document-item').first().textContent()
      expect(meta).toContain('专家评审意见.pdf')
      expect(meta).toContain('字节')
      expect(meta).toContain('上传于')

      await profile.getByTestId('document-file').setInputFiles({
        name: '假报告.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('不是 PDF 的文本'),
      })
      await profile.getByTestId('document-upload').click()
      await expect.poll(() => profile.getByTestId('documents-error').textContent()).toContain('内容不是PDF 文件')
      await profile.getByTestId('record-documents').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/plot-documents-1440.png` })

      await page.getByTestId('plot-tab-redevelopment').click()
      await profile.getByTestId('redevelopment-edit').click()
      await profile.getByTestId('redevelopment-use').selectOption('B1')
      await profile.getByTestId('redevelopment-date').fill('2026-11-30')
      await profile.getByTestId('redevelopment-met-true').check()
      await profile.getByTestId('redevelopment-ref').fill('益自然资规〔2026〕18号')
      await profile.getByTestId('redevelopment-save').click()
      await expect.poll(() => profile.getByTestId('redevelopment-record').textContent()).toContain('B1 商业用地')
      expect(await profile.getByTestId('redevelopment-record').textContent()).toContain('已达到风险管控或修复目标')
      const {
        rows: [stored],
      } = await db.query(
        `SELECT planned_use, used_on::text, meets_requirement, version FROM plot_redevelopment WHERE plot_code = $1`,
        [plot.code],
      )
      expect(stored).toEqual({ planned_use: 'B1', used_on: '2026-11-30', meets_requirement: true, version: 1 })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/plot-redevelopment-1440.png` })

      await page.setViewportSize({ width: 390, height: 844 })
      await profile.getByTestId('redevelopment-record').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/plot-redevelopment-390.png` })
      await page.getByTestId('plot-tab-events').click()
      await profile.getByTestId('record-documents').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/plot-documents-390.png` })
      expect(suite.errors).toEqual([])
    })

    it('when a summary of a published plot is marked public, then the public plot page offers it and nothing else', async () => {
      await db.query(`UPDATE contaminated_plot SET status = 'listed' WHERE id = $1`, [plot.id])
      await db.query(
        `INSERT INTO published_plot (adcode, id, version, code, name, status, risk_level, geom)
         SELECT adcode, id, 1, code, name, status, risk_level, geom FROM contaminated_plot WHERE id = $1
         ON CONFLICT (adcode, id) DO UPDATE SET status = EXCLUDED.status`,
        [plot.id],
      )
      const staff = await suite.open({ viewport: { width: 1440, height: 900 }, as: 'huanjing' })
      await waitForMap(staff)
      const uploaded = await staff.evaluate(async (plotId) => {
        const session = await (await fetch('/api/session')).json()
        const form = new FormData()
        form.append('owner', 'plot')
        form.append('ownerId', String(plotId))
        form.append('kind', 'risk_assessment_summary')
        form.append('title', '风险评估报告（公开摘要）')
        form.append(
          'file',
          new File(['%PDF-1.4\n% 摘要\n%%EOF\n'], '风险评估报告摘要.pdf', { type: 'application/pdf' }),
        )
        const up = await (
          await fetch('/api/documents', { method: 'POST', headers: { 'X-CSRF-Token': session.csrfToken }, body: form })
        ).json()
        const mark = await fetch(`/api/documents/${up.id}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': session.csrfToken },
          body: JSON.stringify({ version: up.version, isPublic: true }),
        })
        return { id: up.id as number, status: mark.status }
      }, plot.id)
      expect(uploaded.status).toBe(200)

      const page = await suite.open({ path: '/public', viewport: { width: 1440, height: 900 } })
      await page.getByTestId('public-page').waitFor()
      await page.getByTestId('public-search-input').fill(plot.code)
      await page.getByTestId('public-search-result').first().waitFor()
      await page.getByTestId('public-search-result').first().click()
      const documents = page.getByTestId('public-documents')
      await expect.poll(() => documents.textContent(), { timeout: 15_000 }).toContain('风险评估报告（公开摘要）')
      expect(await documents.locator('a').getAttribute('href')).toBe(`/api/public/documents/${uploaded.id}/file`)
      const text = await page.getByTestId('public-details').textContent()
      expect(text).not.toContain('效果评估报告')
      expect(text).not.toContain('专家评审意见')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/public-plot-documents-1440.png` })
      await page.setViewportSize({ width: 390, height: 844 })
      await documents.scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/public-plot-documents-390.png` })
      expect(suite.errors).toEqual([])
    })
  },
)

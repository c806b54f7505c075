import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString(36).slice(-5)

describe.skipIf(skip)(
  '特定农产品禁止生产区域: proposed by the farmland officer, published by the approver, seen by the public',
  () => {
    const { open, errors } = useBrowser()
    let db: Database
    const codes = [`430903-E2EJZ${SUFFIX}A`, `430903-E2EJZ${SUFFIX}B`]
    const name = `龙岭村镉超标耕地禁止生产区域（E2E ${SUFFIX}）`
    let zoneCode = ''

    beforeAll(async () => {
      db = connectTestDatabase()
      // two adjoining 严格管控类 parcels of 赫山区 of this file, next to a sample parcel
      const {
        rows: [p],
      } = await db.query(
        `SELECT ST_XMax(geom) AS x, ST_YMin(geom) AS y FROM farmland_parcel WHERE adcode = '430903' ORDER BY code LIMIT 1`,
      )
      const d = 0.001
      for (const [i, code] of codes.entries()) {
        const x = Number(p.x) + 0.004 + i * d
        await db.query(
          `INSERT INTO farmland_parcel (adcode, code, dlbm, class, geom)
         VALUES ('430903', $1, '0101', 'strict', ST_Multi(ST_MakeEnvelope($2, $3, $4, $5, 4490)))`,
          [code, x, Number(p.y), x + d, Number(p.y) + d],
        )
      }
    })
    afterAll(async () => {
      await db.query(`DELETE FROM ban_zone WHERE adcode = '430903' AND name = $1`, [name])
      await db.query(`DELETE FROM farmland_parcel WHERE adcode = '430903' AND code = ANY($1)`, [codes])
      await db.close()
    })

    it('when the farmland officer ticks two strict parcels, saves a draft and submits it with its announcement, then it waits for 审定', async () => {
      const page = await open({ as: 'gengdi', viewport: { width: 1440, height: 900 } })
      await waitForMap(page)
      await page.getByTestId('side-tab-classification').click()
      const county = page.getByTestId('class-county')
      if ((await county.evaluate((el) => el.tagName)) === 'SELECT') await county.selectOption('430903')
      const section = page.getByTestId('ban-zone-section')
      await section.getByRole('button', { name: '划定禁止生产区域' }).click()
      const form = page.getByTestId('ban-zone-form')
      await form.getByLabel('区域名称').fill(name)
      for (const code of codes)
        await form
          .getByTestId('strict-parcel')
          .and(page.locator(`[data-code="${code}"]`))
          .getByRole('checkbox')
          .check()
      await expect(form.locator('legend').textContent()).resolves.toMatch(/已选 2 块，合计 [\d.]+ 亩/)
      await form.getByRole('button', { name: '保存草稿' }).click()
      const union = page.getByTestId('ban-zone-union')
      await expect.poll(() => union.textContent(), { timeout: 20_000 }).toContain('已公布的严格管控类耕地 2 块')
      await page.getByTestId('ban-zone-notice').waitFor()
      zoneCode = (await page.getByTestId('ban-zone-notice').textContent())!.match(/JZ430903-\d+/)![0]
      const draft = (await apiGet(page, `/api/ban-zones?adcode=430903`)).body.items.find(
        (z: any) => z.code === zoneCode,
      )
      expect(draft).toMatchObject({ name, parcelCount: 2, reviewStatus: 'draft', products: ['食用农产品'] })

      await form.getByLabel('公告文号').fill(`益赫农告〔2026〕${SUFFIX}号`)
      await form.getByLabel('公告日期').fill('2026-11-20')
      await form.getByLabel('公告内容').fill('自公告之日起，本区域内禁止种植食用农产品。')
      await form.screenshot({ path: `${SCREENSHOT_DIR}/ban-zone-form-1440.png` })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/ban-zone-draft-1440.png` })
      await form.getByRole('button', { name: '提交审定' }).click()
      await expect
        .poll(() => page.getByTestId('ban-zone-notice').textContent(), { timeout: 20_000 })
        .toContain('已提交审定')
      await expect
        .poll(() =>
          section
            .getByTestId('ban-zone-item')
            .and(page.locator(`[data-code="${zoneCode}"]`))
            .textContent(),
        )
        .toContain('已提交')
      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/ban-zone-map-390.png` })
      expect(errors).toEqual([])
    }, 180_000)

    it('when the approver approves and publishes it from 待办审核, then the public page lists it and draws it on the map', async () => {
      expect(zoneCode).not.toBe('')
      const page = await open({ as: 'shending', viewport: { width: 1440, height: 900 } })
      await page.getByTestId('side-tab-reviews').click()
      await page
        .getByTestId('review-queue-item')
        .and(page.locator(`[data-code="${zoneCode}"]`))
        .click()
      const block = page.getByTestId('review-block')
      await block.waitFor()
      await expect.poll(() => page.getByTestId('info-panel').textContent(), { timeout: 20_000 }).toContain('食用农产品')
      await page.getByTestId('review-action-approve').click()
      await page.getByTestId('review-confirm').click()
      await expect.poll(() => page.getByTestId('review-notice').textContent(), { timeout: 20_000 }).toContain('已完成')
      await page.getByTestId('review-action-publish').click()
      await page.getByTestId('review-confirm').click()
      await expect
        .poll(() => block.getByTestId('review-status').getAttribute('data-status'), { timeout: 20_000 })
        .toBe('published')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/ban-zone-published-1440.png` })

      for (const viewport of [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ]) {
        const pub = await open({ path: '/public', viewport })
        await pub.getByTestId('public-page').waitFor()
        const item = pub.getByTestId('public-ban-zone-item').filter({ hasText: name })
        if (viewport.width < 500) await pub.getByTestId('public-tab-zones').click()
        await item.waitFor({ timeout: 20_000 })
        await expect(item.textContent()).resolves.toContain('禁止种植：食用农产品')
        await item.click()
        await waitForMap(pub)
        await expect
          .poll(
            () =>
              pub.evaluate(
                (code) =>
                  (window as any).__soilMap
                    .querySourceFeatures('public-ban-zone', { sourceLayer: 'public-ban-zone' })
                    .some((f: any) => f.properties.code === code),
                zoneCode,
              ),
            { timeout: 20_000 },
          )
          .toBe(true)
        await pub.screenshot({ path: `${SCREENSHOT_DIR}/ban-zone-public-${viewport.width}.png` })
      }
      expect(errors).toEqual([])
    }, 180_000)
  },
)

import { describe, expect, it } from 'vitest'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser } from '../support/browser.ts'

/**
 * A first start answers at once and loads the sample counties behind it: every page says how far the load has come,
 * then offers to reload when the last county is in. The server's answer is played here (the test app is loaded).
 */
describe.skipIf(isBrowserMissing())('the notice of a first start', () => {
  const { open } = useBrowser()

  for (const viewport of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ])
    it(`when the sample counties are loading at ${viewport.width} px, then the page says how many, and when done offers to reload`, async () => {
      const page = await open({ as: 'gengdi', viewport })
      let answer = { isLoading: true, loaded: 12, total: 27 }
      await page.route('**/api/sample-load', (route) => route.fulfill({ json: answer }))
      await page.reload()
      const notice = page.getByTestId('sample-load-notice')
      await expect.poll(() => notice.textContent()).toContain('示例数据加载中：12/27 个区县')
      const box = (await notice.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(0)
      expect(box.x + box.width).toBeLessThanOrEqual(viewport.width)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/sample-load-${viewport.width}.png` })
      answer = { isLoading: false, loaded: 27, total: 27 }
      await expect.poll(() => notice.textContent(), { timeout: 10_000 }).toContain('示例数据已全部加载（27 个区县）')
      await notice.getByRole('button', { name: '关闭提示' }).click()
      await expect(notice.count()).resolves.toBe(0)
    })

  it('when nothing is loading, then no notice is shown', async () => {
    const page = await open({ as: 'gengdi' })
    const asked = page.waitForResponse((r) => r.url().endsWith('/api/sample-load'))
    await page.reload()
    expect((await (await asked).json()).isLoading).toBe(false)
    await page.getByTestId('status-bar').waitFor()
    await expect(page.getByTestId('sample-load-notice').count()).resolves.toBe(0)
  })
})

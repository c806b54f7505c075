import { describe, expect, it } from 'vitest'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser } from '../support/browser.ts'

/**
 * The staff header on a narrow desktop or a tablet held sideways (1024×768): a role with many pages keeps its user
 * menu whole and reachable, the page links scroll sideways inside the header, and the page never scrolls sideways.
 */
describe.skipIf(isBrowserMissing())('the staff header at 1024 px', () => {
  const { open } = useBrowser()

  for (const as of ['shending', 'admin', 'huanjing'])
    it(`when ${as} signs in at 1024×768, then the user menu is whole and opens, and nothing overflows the window`, async () => {
      const page = await open({ as, viewport: { width: 1024, height: 768 } })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/header-fit-${as}-1024.png` })
      expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(1024)
      const button = page.getByTestId('user-menu-button')
      const box = (await button.boundingBox())!
      expect(box.x + box.width).toBeLessThanOrEqual(1024)
      await button.click()
      await page.getByTestId('user-menu').waitFor()
      const nav = page.locator('.header-nav')
      const [client, scroll] = await nav.evaluate((el) => [el.clientWidth, el.scrollWidth])
      // the links that do not fit are reached by scrolling the header's link row
      if (scroll > client) {
        await nav.evaluate((el) => (el.scrollLeft = el.scrollWidth))
        const last = page.locator('.header-nav__link').last()
        const lastBox = (await last.boundingBox())!
        expect(lastBox.x + lastBox.width).toBeLessThanOrEqual(box.x + 1)
      }
    })

  for (const as of ['shending', 'admin', 'huanjing', 'ziyuan', 'gengdi'])
    it(`when ${as} signs in at 1440×900, then every page link shows in the header without scrolling`, async () => {
      const page = await open({ as })
      const nav = page.locator('.header-nav')
      await nav.waitFor()
      const [client, scroll] = await nav.evaluate((el) => [el.clientWidth, el.scrollWidth])
      expect(scroll).toBeLessThanOrEqual(client + 1) // sub-pixel widths round either way
      const search = (await page.locator('.app-header__search').boundingBox())!
      expect(search.width).toBeGreaterThanOrEqual(170)
    })
})

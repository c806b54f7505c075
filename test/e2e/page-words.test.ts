import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { isBrowserMissing, useBrowser } from '../support/browser.ts'

const skip = isBrowserMissing()

/**
 * Words of a developer that must never reach an officer's or a citizen's screen. The first is a citation of a
 * design note's section (its name in capitals and §); it is spelled in two parts so that the repository's own check
 * for such citations (test/unit/no-dangling-references.test.ts) does not take this list for one.
 */
const JARGON = [['DOM', 'AIN §'].join(''), 'R 待核实', 'EPSG:3857', '议题给出']

/** Every page of client/src/app/router.ts that opens without an id; none of them is a developer page. */
const PATHS = [
  '/',
  '/admin',
  '/admin/units',
  '/admin/ogc-keys',
  '/land-import',
  '/statistics',
  '/registry/lists',
  '/registry/import',
  '/precheck',
  '/siting',
  '/coverage',
  '/indicators',
  '/safe-use-ledger',
  '/sharing',
  '/public',
  '/no-such-page',
]

/** The sample accounts, one per role (and 梨树县's, whose pages show the black-soil indicator). */
const ACCOUNTS = ['gengdi', 'huanjing', 'ziyuan', 'shending', 'shihuanjing', 'lishu', 'admin']

/** Waits until the page has stopped saying it loads (some pages keep a part loading while the rest is shown). */
async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction(() => !document.body.innerText.includes('正在加载'), undefined, { timeout: 15_000 })
    .catch(() => undefined)
}

/** The visible text of the page, then of each of its tabs in turn (a tab's text shows only while it is open). */
async function readPage(page: Page): Promise<string> {
  await settle(page)
  const texts = [await page.locator('body').innerText()]
  const tabs = page.locator('[role=tab]:visible')
  const count = await tabs.count()
  for (let i = 0; i < count; i++) {
    // a tab may open a view with other tabs (用地准入核查): those the first view showed are read while they last
    if (i >= (await tabs.count())) break
    const tab = tabs.nth(i)
    if (!(await tab.isEnabled())) continue
    await tab.click()
    await settle(page)
    texts.push(await page.locator('body').innerText())
  }
  return texts.join('\n')
}

/**
 * Goes to `path` as the page's own links do (the address changes, no reload): each page is rendered as an officer
 * reaches it, without loading the client and its map again for every one of the sixteen pages.
 */
async function goInApp(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to)
    window.dispatchEvent(new PopStateEvent('popstate'))
  }, path)
  // the page renders in a task queued by the popstate listener (a redirect, e.g. to /login, may change the address
  // again): a frame and a task after it, the new page is on the screen
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))))
}

/** The jargon found on each page, as `path: word` lines (empty when every page reads clean). */
async function jargonOnPages(page: Page): Promise<string[]> {
  const found: string[] = []
  for (const path of PATHS) {
    await goInApp(page, path)
    const text = await readPage(page)
    for (const word of JARGON) if (text.includes(word)) found.push(`${path}: ${word}`)
  }
  return found
}

describe.skipIf(skip)('the words on every page', () => {
  const suite = useBrowser()

  it('when the public opens every page, then no page shows a design note’s section, R 待核实, EPSG:3857 or 议题给出', async () => {
    const page = await suite.open({ path: '/public' })
    expect(await jargonOnPages(page)).toEqual([])
  })

  it.each(ACCOUNTS)(
    'when %s opens every page and each of its tabs, then no page shows a design note’s section, R 待核实, EPSG:3857 or 议题给出',
    async (account) => {
      const page = await suite.open({ as: account })
      expect(await jargonOnPages(page)).toEqual([])
    },
  )
})

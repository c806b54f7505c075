import { setTimeout as sleep } from 'node:timers/promises'
import type { Express } from 'express'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { USER_OF_ROLE, signIn } from '../support/session.ts'

const skip = isBrowserMissing()

/** The page box of an element. */
async function box(locator: Locator) {
  const b = await locator.boundingBox()
  if (!b) throw new Error('element not shown')
  return { left: b.x, top: b.y, right: b.x + b.width, bottom: b.y + b.height }
}

/** Opens the first class list of the officer's county in the drawer, on its 类别变化 tab. */
async function openChanges(page: Page): Promise<void> {
  await page.getByTestId('side-tab-classification').click()
  await page.getByTestId('class-list-item').first().click()
  await page.getByTestId('class-list-drawer').waitFor()
  await page.getByTestId('class-tab-changes').click()
  await page.getByTestId('class-change-row').first().waitFor()
}

describe.skipIf(skip)('small layout fixes on the staff map at 1440×900, in Chromium', () => {
  const { open, errors } = useBrowser()

  beforeAll(async () => {
    // a class list of 赫山区 to open (supertest takes the running app's URL as well as an Express app)
    const { agent, csrfToken } = await signIn(inject('appUrl') as unknown as Express, USER_OF_ROLE.farmland)
    let job = (
      await agent.post('/api/classification/jobs').set('X-CSRF-Token', csrfToken).send({ adcode: '430903' }).expect(202)
    ).body.job
    for (let waited = 0; ['queued', 'running'].includes(job.status) && waited < 180_000; waited += 500) {
      await sleep(500)
      job = (await agent.get(`/api/classification/jobs/${job.id}`).expect(200)).body.job
    }
    expect(job.status).toBe('done')
  }, 200_000)

  it('when a parcel of the class list’s changes is open beside it, then every column of the changes table shows whole, 面积 and 划定方法 too', async () => {
    const page = await open({ as: 'gengdi' })
    await openChanges(page)
    await page.getByTestId('class-change-row').first().click()
    await page.getByTestId('info-panel').waitFor()
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ui-fixes-changes-beside-info-1440.png` })
    const content = page.getByTestId('class-list-drawer').locator('.class-drawer__content')
    const visible = await box(content)
    const info = await box(page.getByTestId('info-panel'))
    for (const name of ['面积（亩）', '划定方法']) {
      const header = await box(page.getByTestId('class-changes-table').getByRole('columnheader', { name }))
      expect(header.right).toBeLessThanOrEqual(visible.right + 0.5)
      expect(header.right).toBeLessThanOrEqual(info.left)
    }
    expect(await content.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true)
    expect(errors).toEqual([])
  })

  it('when the info panel and then the class list close, then the map fills the room they took and nothing is left there', async () => {
    const page = await open({ as: 'gengdi' })
    await openChanges(page)
    await page.getByTestId('class-change-row').first().click()
    await page.getByTestId('info-panel').waitFor()
    await page.getByTestId('info-close').click()
    await page.getByTestId('info-panel').waitFor({ state: 'detached' })
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ui-fixes-info-closed-1440.png` })
    await page.getByTestId('class-list-close').click()
    await page.getByTestId('class-list-drawer').waitFor({ state: 'detached' })
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ui-fixes-drawer-closed-1440.png` })
    const area = await box(page.locator('.map-area'))
    const canvas = await box(page.locator('.map-area canvas.maplibregl-canvas'))
    expect(canvas).toEqual(area)
    expect(errors).toEqual([])
  })

  it('when a plot profile opens and closes, then the map is whole again where it was', async () => {
    const page = await open({ as: 'huanjing' })
    await page.getByTestId('side-tab-plots').click()
    await page.getByTestId('plot-item').first().click()
    await page.getByTestId('plot-profile').first().waitFor()
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ui-fixes-profile-open-1440.png` })
    await page.getByTestId('plot-profile-close').click()
    await page.getByTestId('plot-profile').first().waitFor({ state: 'detached' })
    await waitForMap(page)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/ui-fixes-profile-closed-1440.png` })
    expect(await box(page.locator('.map-area canvas.maplibregl-canvas'))).toEqual(await box(page.locator('.map-area')))
    expect(errors).toEqual([])
  })
})

import fs from 'node:fs'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { loadConfig } from '../../server/src/config.ts'
import type { Database } from '../../server/src/db/database.ts'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'
import {
  SCREENSHOT_DIR,
  apiGet,
  isBrowserMissing,
  launchChromium,
  logIn,
  openPage,
  typeInto,
  waitForMap,
  type LogInOptions,
  type OpenPageOptions,
} from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'

const skip = isBrowserMissing()
const SUFFIX = Date.now().toString().slice(-6)

const square = (lon: number, lat: number, half: number) =>
  `MULTIPOLYGON(((${lon - half} ${lat - half},${lon + half} ${lat - half},${lon + half} ${lat + half},${lon - half} ${lat + half},${lon - half} ${lat - half})))`

describe.skipIf(skip)(
  'the staff side in Chromium: login, county scope, review and publish, user administration',
  () => {
    let browser: Browser
    let db: Database
    const appUrl = inject('appUrl')
    const errors: string[] = []
    const planted = { plotIds: [] as number[], usernames: [] as string[], failedNames: [] as string[] }
    const toReturn = { id: 0, code: `430903-E2ER${SUFFIX}`, name: `原赫山化工厂北区地块（E2E ${SUFFIX}）` }
    const toPublish = { id: 0, code: `430903-E2EP${SUFFIX}`, name: `原赫山农药厂地块（E2E ${SUFFIX}）` }

    /** The staff pages: 1400×900 in the browser's own time zone. */
    const STAFF_PAGE: OpenPageOptions = { viewport: { width: 1400, height: 900 }, timezoneId: null }
    /** Logins here replace what the fields hold and resolve once the server has answered (some are meant to fail). */
    const UNTIL_ANSWER: LogInOptions = { replace: true, until: 'answer' }

    async function signOut(page: Page): Promise<void> {
      await page.getByTestId('user-menu-button').click()
      await page.getByTestId('user-menu-logout').click()
      await page.waitForURL(/\/login$/)
    }

    beforeAll(async () => {
      db = connectTestDatabase()
      const {
        rows: [at],
      } = await db.query(`
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM township WHERE code = '430903103') s`)
      const insertPlot = async (plot: { code: string; name: string }, lon: number) =>
        (
          await db.query(
            `
      INSERT INTO contaminated_plot (adcode, code, name, status, risk_level, former_industry, address, contact, geom, review_status)
      VALUES ('430903', $1, $2, 'listed', 'high', 'chemical', '赫山区泉交河镇（E2E）', 'E2E 联系人 13800000000', ST_GeomFromText($3, 4490), 'submitted')
      RETURNING id`,
            [plot.code, plot.name, square(lon, at.lat, 0.0012)],
          )
        ).rows[0].id as number
      toReturn.id = await insertPlot(toReturn, at.lon - 0.003)
      toPublish.id = await insertPlot(toPublish, at.lon + 0.003)
      planted.plotIds.push(toReturn.id, toPublish.id)
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
      browser = await launchChromium()
    })

    /** The planted plots and the created user go; their history stays (change_history is append-only). */
    afterAll(async () => {
      await browser?.close()
      await db.query(`DELETE FROM contaminated_plot WHERE adcode = '430903' AND id = ANY($1::bigint[])`, [
        planted.plotIds,
      ])
      await db.query(`DELETE FROM app_user WHERE username = ANY($1::text[])`, [planted.usernames])
      await db.query(`DELETE FROM login_failure WHERE username = ANY($1::text[])`, [planted.failedNames])
      await db.close()
    })

    it('when the environment officer logs in, then only 赫山区 is in scope and the map draws its internal layers', async () => {
      const page = await openPage(browser, appUrl, errors, STAFF_PAGE)
      await page.waitForURL(/\/login$/)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/10-login.png` })
      await logIn(page, 'huanjing', SAMPLE_PASSWORD, UNTIL_ANSWER)
      await waitForMap(page)

      const counties = await apiGet(page, '/api/counties')
      expect(counties.body.counties.map((c: any) => c.name)).toEqual(['赫山区'])
      const drawn = await page.evaluate(() => {
        const map = (window as any).__soilMap
        const count = (layer: string) => map.queryRenderedFeatures({ layers: [layer] }).length
        return {
          counties: [
            ...new Set(map.queryRenderedFeatures({ layers: ['county-fill'] }).map((f: any) => f.properties.name)),
          ],
          points: count('monitoring-point-circle'),
          farmland: count('parcel-overview-fill'),
          tileUrl: map.getSource('monitoring-point').tiles[0] as string,
        }
      })
      expect(drawn.counties).toEqual(['赫山区'])
      expect(
        drawn.points,
        'monitoring points come from an internal layer: the tiles were sent with the session cookie',
      ).toBeGreaterThan(0)
      expect(drawn.farmland).toBeGreaterThan(0)
      const anonymous = await fetch(drawn.tileUrl.replace('{z}/{x}/{y}', '10/831/427'))
      expect(anonymous.status, 'the same internal tile without a session').toBe(401)

      await page.getByTestId('user-menu-button').click()
      await expect(page.getByTestId('user-menu-counties').textContent()).resolves.toBe('赫山区')
      await expect(page.getByTestId('user-menu-role').textContent()).resolves.toContain('生态环境管理员')
      await expect(page.getByTestId('user-menu-admin').count()).resolves.toBe(0)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/11-staff-map-user-menu.png` })
      await page.keyboard.press('Escape')
      for (const tab of ['layers', 'reviews', 'reports'])
        await expect(page.getByTestId(`side-tab-${tab}`).isVisible()).resolves.toBe(true)
      expect(errors).toEqual([])
      await page.context().close()
    })

    it('when a wrong password or an unknown name is entered, then the same generic message shows, no session opens and 公众查询 stays reachable', async () => {
      const page = await openPage(browser, appUrl, errors, { ...STAFF_PAGE, path: '/login' })
      planted.failedNames.push('ziyuan', `nobody${SUFFIX}`)
      await logIn(page, 'ziyuan', 'Wrong-password-2026', UNTIL_ANSWER)
      await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('用户名或密码错误')
      await logIn(page, `nobody${SUFFIX}`, 'Wrong-password-2026', UNTIL_ANSWER)
      await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('用户名或密码错误')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/12-login-wrong-password.png` })
      expect(new URL(page.url()).pathname).toBe('/login')
      await expect(apiGet(page, '/api/session').then((r) => r.body.user)).resolves.toBeNull()
      await page.getByTestId('login-public-link').click()
      await page.getByTestId('public-page').waitFor()
      expect(new URL(page.url()).pathname).toBe('/public')
      await page.context().close()
    })

    it('when one user name fails too often, then the lock-out message shows instead of the generic one', async () => {
      const page = await openPage(browser, appUrl, errors, { ...STAFF_PAGE, path: '/login' })
      const name = `locked${SUFFIX}`
      planted.failedNames.push(name)
      const { maxLoginFailures } = loadConfig().auth
      for (let attempt = 1; attempt <= maxLoginFailures; attempt++) {
        await logIn(page, name, `Wrong-password-${attempt}`, UNTIL_ANSWER)
      }
      await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('已锁定')
      await page.context().close()
    })

    it('when the approver returns one record with a reason and approves and publishes another, then status, map tiles, queue and history follow each step and the keeper sees the reason', async () => {
      const page = await openPage(browser, appUrl, errors, STAFF_PAGE)
      await logIn(page, 'shending', SAMPLE_PASSWORD, UNTIL_ANSWER)
      await waitForMap(page)
      const block = page.getByTestId('review-block')
      const status = () => block.getByTestId('review-status').getAttribute('data-status')
      const plotTiles = () =>
        page.evaluate(() => (window as any).__soilMap.getSource('contaminated-plot').tiles[0] as string)

      await page.getByTestId('side-tab-reviews').click()
      const itemToReturn = page.locator(`[data-testid=review-queue-item][data-code="${toReturn.code}"]`)
      await itemToReturn.click()
      await expect.poll(() => page.getByTestId('info-title').textContent(), { timeout: 15_000 }).toBe(toReturn.name)
      await expect.poll(status).toBe('submitted')
      await waitForMap(page)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/13-review-queue.png` })
      const tilesBefore = await plotTiles()

      const reason = '缺少初步调查报告和采样点位图，请补充后重新提交'
      await page.getByTestId('review-action-return').click()
      await page.getByTestId('review-confirm').click()
      await expect(page.getByTestId('review-dialog-error').textContent()).resolves.toBe('请填写退回理由')
      await page.getByTestId('review-reason').click()
      await page.keyboard.type(reason)
      await page.getByTestId('review-confirm').click()
      await expect.poll(status).toBe('returned')
      await expect(page.getByTestId('review-returned-reason').textContent()).resolves.toContain(reason)
      await expect.poll(() => page.getByTestId('history-entry').first().getAttribute('data-action')).toBe('return')
      await expect(page.getByTestId('history-entry').first().textContent()).resolves.toContain(reason)
      await expect(page.getByTestId('history-entry').first().textContent()).resolves.toContain('审定人（示例）')
      await expect
        .poll(plotTiles, { message: 'the plot tiles are fetched again with the new data version' })
        .not.toBe(tilesBefore)
      await expect
        .poll(() => itemToReturn.count(), { message: "a returned record leaves the approver's queue" })
        .toBe(0)

      await page.locator(`[data-testid=review-queue-item][data-code="${toPublish.code}"]`).click()
      await expect.poll(() => page.getByTestId('info-title').textContent(), { timeout: 15_000 }).toBe(toPublish.name)
      await expect.poll(status).toBe('submitted')
      await page.getByTestId('review-action-approve').click()
      await page.getByTestId('review-reason').click()
      await page.keyboard.type('材料齐全，同意')
      await page.getByTestId('review-confirm').click()
      await expect.poll(status).toBe('approved')
      await page.getByTestId('review-action-publish').click()
      await page.getByTestId('review-confirm').click()
      await expect.poll(status).toBe('published')
      await expect(page.getByTestId('review-version').textContent()).resolves.toContain('已发布第 1 版')
      await expect
        .poll(() =>
          page.getByTestId('history-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))),
        )
        .toEqual(['publish', 'approve'])
      await expect(page.getByTestId('review-history').textContent()).resolves.toContain('意见：材料齐全，同意')
      const { rows: published } = await db.query(
        `SELECT version FROM published_plot WHERE adcode = '430903' AND id = $1`,
        [toPublish.id],
      )
      expect(published).toEqual([{ version: 1 }])
      await waitForMap(page)
      await page.getByTestId('review-history').scrollIntoViewIfNeeded()
      await page.screenshot({ path: `${SCREENSHOT_DIR}/14-review-published-history.png` })

      const history = await apiGet(page, `/api/history/plot/${toReturn.id}`)
      expect(history.body.entries.map((e: any) => [e.action, e.actor, e.reason])).toEqual([
        ['return', 'shending', reason],
      ])
      await page.context().close()

      const keeper = await openPage(browser, appUrl, errors, STAFF_PAGE)
      await logIn(keeper, 'huanjing', SAMPLE_PASSWORD, UNTIL_ANSWER)
      await waitForMap(keeper)
      await keeper.getByTestId('side-tab-reviews').click()
      await keeper.locator(`[data-testid=review-queue-item][data-code="${toReturn.code}"]`).click()
      await expect.poll(() => keeper.getByTestId('info-title').textContent(), { timeout: 15_000 }).toBe(toReturn.name)
      await expect(keeper.getByTestId('review-returned-reason').textContent()).resolves.toContain(reason)
      await expect.poll(() => keeper.getByTestId('history-entry').count()).toBe(1)
      await waitForMap(keeper)
      await keeper.screenshot({ path: `${SCREENSHOT_DIR}/15-review-returned-keeper.png` })
      await keeper.getByTestId('review-action-submit').click()
      await keeper.getByTestId('review-confirm').click()
      await expect
        .poll(() => keeper.getByTestId('review-block').getByTestId('review-status').getAttribute('data-status'))
        .toBe('submitted')
      await expect
        .poll(() =>
          keeper.getByTestId('history-entry').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))),
        )
        .toEqual(['submit', 'return'])
      expect(errors).toEqual([])
      await keeper.context().close()
    })

    it('when the administrator creates a user, then that user must change the initial password at first login and then reaches the map', async () => {
      const username = `liming${SUFFIX}`
      const initial = `Chushi${SUFFIX}mima`
      const chosen = `Xinmima-${SUFFIX}-ok`
      planted.usernames.push(username)
      const page = await openPage(browser, appUrl, errors, STAFF_PAGE)
      await logIn(page, 'admin', SAMPLE_PASSWORD, UNTIL_ANSWER)
      await waitForMap(page)
      await page.getByTestId('user-menu-button').click()
      await page.getByTestId('user-menu-admin').click()
      await page.getByTestId('admin-page').waitFor()
      expect(new URL(page.url()).pathname).toBe('/admin')
      await expect.poll(() => page.getByTestId('admin-user-row').count()).toBeGreaterThanOrEqual(5)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/16-admin.png` })

      await page.getByTestId('admin-create').click()
      await typeInto(page, 'user-username', username, { replace: true })
      await typeInto(page, 'user-display-name', '李明', { replace: true })
      await typeInto(page, 'user-department', '益阳市生态环境局赫山分局', { replace: true })
      await page.getByTestId('user-role').selectOption('environment')
      await page.getByTestId('scope-430903').click()
      await typeInto(page, 'user-password', 'short1', { replace: true })
      await expect(page.getByTestId('user-dialog').textContent()).resolves.toContain('密码至少 10 位')
      await typeInto(page, 'user-password', initial, { replace: true })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/17-admin-create-user.png` })
      await page.getByTestId('user-save').click()
      await expect.poll(() => page.getByTestId('admin-notice').textContent()).toContain(`已创建用户“${username}”`)
      const row = page.locator(`[data-testid=admin-user-row][data-username="${username}"]`)
      await expect.poll(() => row.getByTestId('admin-user-status').textContent()).toBe('启用须改密')
      await expect(row.textContent()).resolves.toContain('生态环境管理员（生态环境局）')
      await expect(row.textContent()).resolves.toContain('益阳市赫山区')

      await signOut(page)
      await logIn(page, username, initial, UNTIL_ANSWER)
      await page.getByTestId('change-password-page').waitFor()
      await expect(apiGet(page, '/api/counties').then((r) => [r.status, r.body.error.code])).resolves.toEqual([
        403,
        'PASSWORD_CHANGE_REQUIRED',
      ])
      await expect(page.getByTestId('password-rule').textContent()).resolves.toContain(
        '至少 10 位，须同时包含字母和数字，不能包含用户名',
      )
      await typeInto(page, 'password-current', initial, { replace: true })
      await typeInto(page, 'password-new', `${username}2026`, { replace: true })
      await expect(page.getByTestId('password-check').textContent()).resolves.toBe('密码不能包含用户名')
      await typeInto(page, 'password-new', chosen, { replace: true })
      await typeInto(page, 'password-repeat', chosen, { replace: true })
      await page.screenshot({ path: `${SCREENSHOT_DIR}/18-change-password.png` })
      await page.getByTestId('password-submit').click()
      await waitForMap(page)
      await expect(page.getByTestId('user-menu-button').textContent()).resolves.toContain('李明')

      await signOut(page)
      await logIn(page, username, chosen, UNTIL_ANSWER)
      await waitForMap(page)
      await expect(page.getByTestId('change-password-page').count()).resolves.toBe(0)
      expect(errors).toEqual([])
      await page.context().close()
    })
  },
)

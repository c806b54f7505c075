import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, isBrowserMissing, logIn, useBrowser } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { TEST_PASSWORD, createTestUser } from '../support/users.ts'

const COUNTY = '439963'
const RULE_SET = `platform-package-e2e-${process.pid}`

describe.skipIf(isBrowserMissing())('上报数据包 in Chromium: the panel of the indicators page', () => {
  const { open, errors } = useBrowser()
  let db: Database
  let username: string
  let listId: number

  beforeAll(async () => {
    db = connectTestDatabase()
    await db.query(
      `INSERT INTO county (adcode, name, city_code, city, province, geom, source)
       VALUES ($1, '上报演示县', '439900', '测试市', '湖南省', ST_Multi(ST_MakeEnvelope(111.6, 27.3, 111.65, 27.35, 4490)), 'test')`,
      [COUNTY],
    )
    await db.query(
      `INSERT INTO class_rule_set (version, name, rules) SELECT $1, '上报演示规则', rules FROM class_rule_set WHERE is_default`,
      [RULE_SET],
    )
    const list = await db.query(
      `INSERT INTO class_list (adcode, title, rule_set_version, review_status, is_complete, parcel_count, created_by,
         published_version, published_at)
       VALUES ($1, '上报演示清单', $2, 'published', true, 2, 'test', 1, '2026-06-01T02:00:00Z') RETURNING id`,
      [COUNTY, RULE_SET],
    )
    listId = Number(list.rows[0].id)
    for (const i of [0, 1]) {
      const parcel = await db.query(
        `INSERT INTO farmland_parcel (adcode, code, dlbm, geom)
         VALUES ($1, $2, '0101', ST_Multi(ST_MakeEnvelope(111.61 + $3 * 0.002, 27.31, 111.611 + $3 * 0.002, 27.311, 4490))) RETURNING id`,
        [COUNTY, `SBYS-${i}`, i],
      )
      await db.query(
        `INSERT INTO class_list_entry (adcode, list_id, parcel_id, class, method, basis)
         VALUES ($1, $2, $3, 'priority', 'samples', '{"summary": "未超过筛选值"}')`,
        [COUNTY, listId, parcel.rows[0].id],
      )
    }
    username = (await createTestUser(db, { role: 'farmland', scopes: ['430903', COUNTY] })).username
  })

  afterAll(async () => {
    await db.query(`DELETE FROM class_list WHERE adcode = $1`, [COUNTY])
    await db.query(`DELETE FROM farmland_parcel WHERE adcode = $1`, [COUNTY])
    await db.query(`DELETE FROM coverage_version WHERE adcode = $1`, [COUNTY]).catch(() => {})
    await db.query(`DELETE FROM app_user WHERE username = $1`, [username])
    await db.query(`DELETE FROM county WHERE adcode = $1`, [COUNTY])
    await db.query(`DELETE FROM class_rule_set WHERE version = $1`, [RULE_SET])
    await db.close()
  })

  it('when an officer opens /indicators, then each county shows its package or why none, the download is a ZIP, and the field mapping is labelled a local setting', async () => {
    const page = await open({ path: '/indicators' })
    await page.waitForURL(/\/login\?next=/)
    await logIn(page, username, TEST_PASSWORD, { until: 'answer' })
    const panel = page.getByTestId('platform-package')
    await panel.waitFor()
    const row = page.getByTestId(`platform-package-${COUNTY}`)
    expect(await row.textContent()).toContain(`第 ${listId} 号“上报演示清单”`)
    const link = page.getByTestId(`platform-package-download-${COUNTY}`)
    expect(await link.getAttribute('href')).toBe(`/api/exports/platform-package?adcode=${COUNTY}&target=national`)
    await page.getByTestId('platform-package-target').selectOption('provincial')
    const href = (await link.getAttribute('href'))!
    expect(href).toContain('target=provincial')
    const download = await page.evaluate(async (url) => {
      const response = await fetch(url)
      return { status: response.status, type: response.headers.get('content-type'), size: (await response.blob()).size }
    }, href)
    expect(download).toMatchObject({ status: 200, type: 'application/zip' })
    expect(download.size).toBeGreaterThan(1000)
    expect(await panel.textContent()).toContain('字段对照：本地设置，非国家标准，可由管理员调整')
    await page.getByTestId('platform-package-fields').locator('summary').click()
    await panel.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/platform-package.png` })
    expect(errors).toEqual([])
  })
})

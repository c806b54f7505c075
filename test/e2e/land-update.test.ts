import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../server/src/db/database.ts'
import { SCREENSHOT_DIR, apiGet, isBrowserMissing, useBrowser, waitForMap } from '../support/browser.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { addSquareCounty, removeTestCounty } from '../support/test-county.ts'
import { squareRing, writeDltbShapefileZip, type DltbFeature } from '../support/dltb-fixture.ts'
import { createTestUser, TEST_PASSWORD, type TestUser } from '../support/users.ts'

const skip = isBrowserMissing()
const COUNTY = `41${8000 + Math.floor(Math.random() * 999)}`
const TOWN = `${COUNTY}001`
// in Yunnan (3° zone 34, EPSG:4522), away from the sample counties the public page shows
const X0 = 34_600_000
const Y0 = 2_790_000

const feature = (no: number, dlbm: string, dx: number, size = 200) =>
  ({
    properties: {
      BSM: `${COUNTY}21${String(no).padStart(6, '0')}`,
      DLBM: dlbm,
      DLMC: { '0101': '水田', '0102': '水浇地' }[dlbm] ?? '',
      ZLDWDM: `${TOWN}0010000000`,
      ZLDWMC: '变更镇甲村',
      TBMJ: size * size,
    },
    rings: [squareRing(X0 + dx, Y0 + 1000, size)],
  }) satisfies DltbFeature

/**
 * 年度变更调查 in Chromium: a county whose four parcels came from last year's survey (one 优先保护类, one edited in
 * the system since) gets next year's DLTB file: one parcel unchanged, one gone, one reshaped (the edited one: a
 * conflict), one with another land code, one new. The officer checks the file, reads the change preview with the
 * map, takes the new layer for the conflict and applies it, then restores the gone parcel from 已退出的图斑.
 */
describe.skipIf(skip)('年度变更调查 in Chromium', () => {
  const suite = useBrowser()
  let db: Database
  let user: TestUser
  let file: string

  beforeAll(async () => {
    db = connectTestDatabase()
    await addSquareCounty(db, { adcode: COUNTY, name: '变更县', x0: X0, y0: Y0, size: 4000, epsg: 4522 }, [
      { code: TOWN, name: '变更镇' },
    ])
    for (const [no, dlbm, dx, cls] of [
      [1, '0101', 300, 'unclassified'],
      [2, '0101', 800, 'priority'],
      [3, '0101', 1300, 'unclassified'],
      [4, '0101', 1800, 'unclassified'],
    ] as const) {
      const f = feature(no, dlbm, dx)
      const ring = f.rings[0].map(([x, y]) => `${x} ${y}`).join(',')
      const { rows } = await db.query(
        `INSERT INTO farmland_parcel (adcode, code, dlbm, township_code, class, bsm, geom, created_at)
         VALUES ($1::char(6), $1::text || '-000000' || $2::text, $3, $4, $5, $6,
                 ST_Multi(ST_Transform(ST_GeomFromText('POLYGON((' || $7::text || '))', 4522), 4490)), now() - interval '1 day')
         RETURNING id`,
        [COUNTY, no, dlbm, TOWN, cls, f.properties.BSM, ring],
      )
      if (no === 3)
        await db.query(
          `INSERT INTO change_history (adcode, entity, entity_id, action, actor, reason, before, after)
           VALUES ($1, 'farmland_parcel', $2, 'update', 'officer-e2e', '现场核实', '{}', '{}')`,
          [COUNTY, rows[0].id],
        )
    }
    user = await createTestUser(db, { role: 'farmland', scopes: [COUNTY] })
    const nextYear = [
      feature(1, '0101', 300),
      feature(3, '0101', 1300, 260),
      feature(4, '0102', 1800),
      feature(5, '0101', 2400),
    ]
    file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'land-update-')), '变更县2024年地类图斑.zip')
    fs.writeFileSync(file, await writeDltbShapefileZip(nextYear, { epsg: 4522 }))
  })

  afterAll(async () => {
    await removeTestCounty(db, COUNTY)
    await db.close()
  })

  it('when the officer checks next year’s file, then the change preview, the conflict, the apply and the restore of the retired parcel show', async () => {
    const page = await suite.open()
    await page.getByTestId('login-form').waitFor()
    await page.getByTestId('login-username').fill(user.username)
    await page.getByTestId('login-password').fill(TEST_PASSWORD)
    await page.keyboard.press('Enter')
    await waitForMap(page)
    await page.getByTestId('user-menu-button').click()
    await page.getByTestId('user-menu-land-import').click()
    await page.waitForURL(/\/land-import$/)

    await page.getByTestId('land-import-file').setInputFiles(file)
    await page.getByTestId('land-import-inspect').click()
    await expect
      // the first upload of the app's process loads GDAL's WebAssembly: on a loaded 2-core CI machine over 15 s
      .poll(() => page.getByTestId('land-import-detected').textContent(), { timeout: 90_000 })
      .toContain('EPSG:4522')
    await page.getByTestId('land-import-check').click()
    await page.getByTestId('land-update-plan').click()

    const totals = page.getByTestId('land-update-totals')
    await expect
      .poll(() => totals.locator('tbody tr').first().textContent())
      .toMatch(/^合计1（.*）2（.*）1（.*）1（.*）$/)
    await expect.poll(() => page.getByTestId('land-update-warnings').textContent()).toContain('优先保护类耕地图斑')
    const conflicts = page.getByTestId('land-update-conflicts')
    await expect.poll(() => conflicts.textContent()).toContain('officer-e2e 修改')
    expect(await page.getByTestId('land-update-apply').isDisabled()).toBe(true)
    await page.getByTestId('land-update').scrollIntoViewIfNeeded()
    await page.waitForTimeout(1500)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/land-update-preview.png` })

    // the retired list, opened before the apply, is empty, and reads again when the apply has ended
    const retired = page.getByTestId('land-update-retired')
    await retired.locator('summary').click()
    await expect.poll(() => page.getByTestId('retired-empty').textContent()).toBe('本区县没有退出的图斑')

    await page.getByRole('button', { name: '全部采用新年度图斑' }).click()
    await expect.poll(() => page.getByTestId('land-update-apply').isDisabled()).toBe(false)
    await page.getByTestId('land-update-apply').click()
    await expect
      .poll(() => page.getByTestId('land-update-result').textContent(), { timeout: 60_000 })
      .toContain('未变化 1 个，更新 2 个，新增 1 个，退出 1 个')
    await page.getByTestId('land-update-result').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/land-update-applied.png` })

    // the parcel gone from next year's file (优先保护类) is listed as retired and restored through the dialog
    const gone = `${COUNTY}-0000002`
    const row = retired.locator(`[data-testid=retired-table] tr[data-code="${gone}"]`)
    await expect.poll(() => row.textContent()).toContain('优先保护类')
    expect(await row.textContent()).toContain('变更县2024年地类图斑.zip')
    const parcelTiles = () => page.evaluate(() => (window as any).__soilMap.getSource('parcel').tiles[0] as string)
    const serverVersion = async () => {
      const url = await page.evaluate(() => (window as any).__soilMap.getStyle().metadata['soil:versions'] as string)
      return (await apiGet(page, url)).body.versions.parcel as number
    }
    const before = await serverVersion()
    await expect.poll(parcelTiles, { message: 'the map shows the applied update' }).toMatch(new RegExp(`v=${before}$`))
    await retired.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/land-update-retired.png` })

    await page.setViewportSize({ width: 390, height: 844 })
    await retired.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SCREENSHOT_DIR}/land-update-retired-390.png` })

    await row.getByRole('button', { name: '恢复' }).click()
    const dialog = page.getByTestId('retired-restore-dialog')
    await expect.poll(() => dialog.textContent()).toContain('退出前的类别“优先保护类”')
    await page.screenshot({ path: `${SCREENSHOT_DIR}/land-update-retired-dialog-390.png` })
    const holder = `${COUNTY}-0000001`
    await db.query(`UPDATE farmland_parcel SET code = $2 WHERE adcode = $1 AND code = $3`, [COUNTY, gone, holder])
    try {
      await page.getByTestId('retired-restore-confirm').click()
      await expect
        .poll(() => page.getByTestId('retired-restore-error').textContent(), { message: 'the server’s words' })
        .toMatch(new RegExp(`^耕地图斑编号 ${gone} 已被图斑 \\d+ 使用，不能恢复`))
    } finally {
      await db.query(`UPDATE farmland_parcel SET code = $3 WHERE adcode = $1 AND code = $2`, [COUNTY, gone, holder])
    }
    await page.getByTestId('retired-restore-confirm').click()
    await expect.poll(() => page.getByTestId('retired-restored').textContent()).toContain(`已恢复耕地图斑 ${gone}`)
    expect(await row.count()).toBe(0)
    await expect.poll(() => page.getByTestId('retired-empty').textContent()).toBe('本区县没有退出的图斑')
    expect(await serverVersion()).toBeGreaterThan(before)
    await expect
      .poll(parcelTiles, { message: 'the parcel tiles are fetched again' })
      .not.toMatch(new RegExp(`v=${before}$`))
    const { rows } = await db.query(`SELECT class, version FROM farmland_parcel WHERE adcode = $1 AND code = $2`, [
      COUNTY,
      gone,
    ])
    expect(rows).toEqual([{ class: 'priority', version: 2 }])
    expect(suite.errors).toEqual([])
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import type { Database } from '../../server/src/db/database.ts'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'
import {
  SCREENSHOT_DIR,
  apiGet,
  isBrowserMissing,
  logIn,
  typeInto,
  useBrowser,
  waitForMap,
} from '../support/browser.ts'
import { type LonLat, type Ring, clickMap, dragMap, offset, polygon, rect } from '../support/map-input.ts'
import { connectTestDatabase } from '../support/connect.ts'
import { freeSpot } from '../support/free-spot.ts'
import { TEST_PASSWORD, createTestUser } from '../support/users.ts'

const skip = isBrowserMissing()

describe.skipIf(skip)(
  'parcel editing in Chromium with real mouse events: draw, self-intersection, split, conflict, history, merge, delete, restore',
  () => {
    const { open, errors } = useBrowser()
    let db: Database
    const appUrl = inject('appUrl')
    /** Every spot a test took: farmland-free (no parcel within ~280 m), so the parcels near one are this file's. */
    const spots: LonLat[] = []
    const other = { username: '', name: '李测绘' }
    const createdUsers: string[] = []

    /** Centre of an empty, farmland-free spot inside 赫山区 of the running test's own. */
    async function ownSpot(): Promise<LonLat> {
      const spot = await freeSpot(db, { clearOfFarmland: 0.0028, clearOfRecords: 0.003 })
      spots.push(spot)
      return spot
    }

    /** Saves 0101 parcels of the rings through the API as gengdi: their ids and codes, at version 1. */
    async function saveParcels(...rings: Ring[]): Promise<{ id: number; code: string; version: number }[]> {
      const agent = request.agent(appUrl)
      const { body: session } = await agent.get('/api/session').expect(200)
      const login = await agent
        .post('/api/auth/login')
        .set('X-CSRF-Token', session.csrfToken)
        .send({ username: 'gengdi', password: SAMPLE_PASSWORD })
      expect(login.status, JSON.stringify(login.body)).toBe(200)
      const res = await agent
        .post('/api/parcels/changes')
        .set('X-CSRF-Token', login.body.csrfToken)
        .send({
          reason: '测试准备图斑（E2E）',
          changes: rings.map((ring) => ({
            op: 'create',
            geometry: polygon(ring),
            attributes: { dlbm: '0101', qsdwmc: '赫山区测试村民委员会' },
          })),
        })
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.body.results.every((r: any) => r.version === 1)).toBe(true)
      return res.body.results
    }

    /** The mean of a parcel's outer ring's corners (inside the rectangles this file draws). */
    async function insideOf(page: Page, id: number): Promise<LonLat> {
      const ring: LonLat[] = (await apiGet(page, `/api/parcels/${id}`)).body.geometry.coordinates[0][0].slice(0, -1)
      return ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0] as LonLat)
    }

    /** Opens the 图斑编辑 tab and puts the map at `center`, zoom 17. */
    async function openEditor(page: Page, center: LonLat): Promise<void> {
      await page.getByTestId('side-tab-editing').click()
      await page.getByTestId('edit-panel').waitFor()
      await page.evaluate((c) => (window as any).__soilMap.jumpTo({ center: c, zoom: 17 }), center)
      await waitForMap(page)
      await page.waitForFunction(() => !!(window as any).__soilDraw)
    }

    /** True once the parcel tiles on the map carry the parcel. */
    const isParcelOnMap = (page: Page, id: number) =>
      page.evaluate((parcelId) => {
        const map = (window as any).__soilMap
        return map.querySourceFeatures('parcel', { sourceLayer: 'parcel' }).some((f: any) => f.id === parcelId)
      }, id)

    /** The parcels of a small box around `at`, through the API. */
    async function parcelsNear(page: Page, at: LonLat, metres: number): Promise<any[]> {
      const [w, s] = offset(at, -metres, -metres)
      const [e, n] = offset(at, metres, metres)
      const answer = await apiGet(page, `/api/parcels?bbox=${w},${s},${e},${n}`)
      expect(answer.status).toBe(200)
      return answer.body.features
    }

    beforeAll(async () => {
      db = connectTestDatabase()
      const user = await createTestUser(db, { role: 'farmland', scopes: ['430903'], displayName: other.name })
      createdUsers.push(user.username)
      other.username = user.username
    })

    afterAll(async () => {
      for (const spot of spots)
        await db.query(
          `DELETE FROM farmland_parcel WHERE adcode = '430903' AND NOT is_generated
             AND ST_DWithin(geom, ST_SetSRID(ST_MakePoint($1, $2), 4490), 0.002)`,
          spot,
        )
      await db.query(`SELECT refresh_farmland_overview('430903')`)
      await db.query(`DELETE FROM app_user WHERE username = ANY($1::text[])`, [createdUsers])
      await db.close()
    })

    it('when the farmland officer draws a parcel in empty land with the mouse, then the live area shows while drawing, the attributes are asked for, the check passes, and the saved parcel is served by the API and drawn on the map', async () => {
      const spot = await ownSpot()
      const page = await open({ as: 'gengdi' })
      await openEditor(page, spot)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/60-edit-tab.png` })
      await expect(page.getByTestId('edit-zoom-notice').count()).resolves.toBe(0)

      await page.getByTestId('edit-tool-draw').click()
      const corners = [offset(spot, -50, -50), offset(spot, 50, -50), offset(spot, 50, 50), offset(spot, -50, 50)]
      for (const corner of corners) await clickMap(page, corner)
      const live = page.getByTestId('edit-live-area')
      await live.waitFor()
      await expect(live.textContent()).resolves.toMatch(/亩 \/ .*公顷/)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/61-drawing-live-area.png` })
      await clickMap(page, corners[0])

      const form = page.getByTestId('attr-form')
      await form.waitFor()
      await expect(form.textContent()).resolves.toContain('地类编码（DLBM）*')
      await page.getByTestId('attr-submit').click()
      await expect(page.getByTestId('attr-error').textContent()).resolves.toContain('请选择地类编码')
      await page.getByTestId('attr-dlbm').selectOption('0101')
      await typeInto(page, 'attr-qsdwmc', '赫山区测试村民委员会')
      await page.getByTestId('attr-submit').click()

      const item = page.getByTestId('pending-item')
      await expect.poll(() => item.count()).toBe(1)
      await expect.poll(() => item.getByTestId('pending-state').textContent(), { timeout: 20_000 }).toBe('检查通过')
      await expect(item.textContent()).resolves.toContain('新图斑')
      await page.getByTestId('edit-save').click()
      await expect(page.getByTestId('edit-reason-error').textContent()).resolves.toContain('请填写修改原因')
      await typeInto(page, 'edit-reason', '新开垦耕地补充上图（E2E）')
      await page.getByTestId('edit-save').click()
      await expect
        .poll(() => page.getByTestId('edit-message').textContent(), { timeout: 20_000 })
        .toContain('已保存 1 项修改')

      const near = (await parcelsNear(page, spot, 120)).filter(
        (f) => f.properties.dlbm === '0101' && f.properties.qsdwmc === '赫山区测试村民委员会',
      )
      expect(near.length).toBe(1)
      const createdId: number = near[0].id
      const saved = await apiGet(page, `/api/parcels/${createdId}`)
      expect(saved.status).toBe(200)
      expect(saved.body.properties.code).toMatch(/^430903-\d{7}$/)
      expect(saved.body.properties.version).toBe(1)
      expect(saved.body.properties.areaM2).toBeGreaterThan(9_000)
      expect(saved.body.properties.areaM2).toBeLessThan(11_000)
      await expect.poll(() => isParcelOnMap(page, createdId), { timeout: 30_000 }).toBe(true)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/62-parcel-saved.png` })
      expect(errors).toEqual([])
    })

    it('when the officer draws a bow-tie polygon, then the pending change shows 边界自相交 from the server with its point on the map and 保存 stays disabled', async () => {
      const spot = await ownSpot()
      const page = await open({ as: 'gengdi' })
      const center = offset(spot, -160, 0)
      await openEditor(page, spot)
      await page.getByTestId('edit-tool-draw').click()
      const bowTie = [
        offset(center, -40, -40),
        offset(center, 40, 40),
        offset(center, 40, -40),
        offset(center, -40, 40),
      ]
      for (const corner of bowTie) await clickMap(page, corner)
      await clickMap(page, bowTie[0])
      await page.getByTestId('attr-form').waitFor()
      await page.getByTestId('attr-dlbm').selectOption('0103')
      await page.getByTestId('attr-submit').click()

      const problem = page.getByTestId('edit-problem').first()
      await problem.waitFor({ timeout: 20_000 })
      await expect(problem.textContent()).resolves.toContain('边界自相交')
      await expect(page.getByTestId('pending-state').textContent()).resolves.toMatch(/个问题/)
      await typeInto(page, 'edit-reason', '试画')
      await expect(page.getByTestId('edit-save').isDisabled()).resolves.toBe(true)
      await expect(page.getByTestId('save-blocker').textContent()).resolves.toContain('检查未通过')
      const drawnProblem = await page.evaluate(() => {
        const map = (window as any).__soilMap
        const source = map.getSource('soil-overlay-edit')
        return source
          ? map.querySourceFeatures('soil-overlay-edit').some((f: any) => f.properties.kind === 'problem-point')
          : false
      })
      expect(drawnProblem).toBe(true)
      await page.screenshot({ path: `${SCREENSHOT_DIR}/63-pending-problem.png` })

      await page.getByTestId('edit-discard').click()
      await expect.poll(() => page.getByTestId('pending-item').count()).toBe(0)
      expect(errors).toEqual([])
    })

    it('when the officer splits a parcel of 100 × 100 m with a line drawn across it, then the preview shows two parts and the API serves two children with the parent as lineage', async () => {
      const spot = await ownSpot()
      const [created] = await saveParcels(rect(spot, 100, 100, -50, -50))
      const page = await open({ as: 'gengdi' })
      await openEditor(page, spot)
      await expect.poll(() => isParcelOnMap(page, created.id), { timeout: 30_000 }).toBe(true)
      await page.getByTestId('edit-tool-split').click()
      await clickMap(page, offset(spot, -20, 20))
      await expect.poll(() => page.getByTestId('split-dialog').textContent()).toContain(created.code)

      const top = offset(spot, 5, 90)
      const bottom = offset(spot, -5, -90)
      await clickMap(page, top)
      await clickMap(page, bottom)
      await clickMap(page, bottom)
      await expect.poll(() => page.getByTestId('split-part').count(), { timeout: 20_000 }).toBe(2)
      await expect(page.getByTestId('split-balance').textContent()).resolves.toContain('分割前')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/64-split-preview.png` })

      await typeInto(page, 'split-reason', '道路建设将图斑一分为二（E2E）')
      await page.getByTestId('class-mode-keep').check()
      await typeInto(page, 'class-reason', '分割不改变土壤状况')
      await page.getByTestId('split-confirm').click()
      await expect
        .poll(() => page.getByTestId('edit-message').textContent(), { timeout: 30_000 })
        .toContain('已分割为 2 个图斑')

      const parent = await apiGet(page, `/api/parcels/${created.id}`)
      expect(parent.status).toBe(404)
      const children = (await parcelsNear(page, spot, 120)).filter((f) =>
        (f.properties.parentCodes ?? []).includes(created.code),
      )
      expect(children.length).toBe(2)
      const total = children.reduce((sum, f) => sum + f.properties.areaM2, 0)
      expect(Math.abs(total - 10_000) / 10_000).toBeLessThan(0.1)
      expect(errors).toEqual([])
    })

    it("when two officers move a vertex of the same parcel and the first saves, then the second gets the conflict with the first one's name and both versions", async () => {
      const spot = await ownSpot()
      // the east half of a 100 × 100 m square, as the split leaves it: its outer corners lie 50 m east of the spot
      const [parcel] = await saveParcels(rect(spot, 50, 100, 0, -50))
      const first = await open()
      const second = await open({ as: 'gengdi' })
      await logIn(first, other.username, TEST_PASSWORD)
      const child = (await apiGet(first, `/api/parcels/${parcel.id}`)).body
      const ring: LonLat[] = child.geometry.coordinates[0][0].slice(0, -1)
      const inside = ring.reduce((a, p) => [a[0] + p[0] / ring.length, a[1] + p[1] / ring.length], [0, 0] as LonLat)
      const vertex = ring.reduce((far, p) => (Math.abs(p[0] - spot[0]) > Math.abs(far[0] - spot[0]) ? p : far))
      const outward = Math.sign(vertex[0] - spot[0])

      for (const [page, moveBy] of [
        [first, [12 * outward, -8]],
        [second, [8 * outward, -14]],
      ] as const) {
        await openEditor(page, spot)
        await expect.poll(() => isParcelOnMap(page, child.id), { timeout: 30_000 }).toBe(true)
        await page.getByTestId('edit-tool-select').click()
        await clickMap(page, inside)
        await expect
          .poll(() =>
            page.evaluate(
              (id) => (window as any).__soilDraw.getSnapshot().some((f: any) => f.properties.parcelId === id),
              child.id,
            ),
          )
          .toBe(true)
        await dragMap(page, vertex, offset(vertex, moveBy[0], moveBy[1]))
        const item = page.getByTestId('pending-item')
        await expect.poll(() => item.count()).toBe(1)
        await expect.poll(() => item.getByTestId('pending-state').textContent(), { timeout: 20_000 }).toBe('检查通过')
        await typeInto(page, 'edit-reason', '按实地界桩调整拐点（E2E）')
      }

      await first.getByTestId('edit-save').click()
      await expect
        .poll(() => first.getByTestId('edit-message').textContent(), { timeout: 20_000 })
        .toContain('已保存 1 项修改')
      await second.getByTestId('edit-save').click()
      const conflict = second.getByTestId('edit-conflict')
      await conflict.waitFor({ timeout: 20_000 })
      await expect(conflict.textContent()).resolves.toContain(other.name)
      await expect(conflict.getByTestId('conflict-current').textContent()).resolves.toContain('第 2 版')
      await expect(conflict.getByTestId('conflict-mine').textContent()).resolves.toContain('基于第 1 版')
      await second.screenshot({ path: `${SCREENSHOT_DIR}/65-conflict.png` })

      await second.getByTestId('conflict-redo').click()
      await expect.poll(() => second.getByTestId('edit-conflict').count()).toBe(0)
      const reloaded = await second.evaluate(
        (id) => (window as any).__soilDraw.getSnapshot().filter((f: any) => f.properties.parcelId === id).length,
        child.id,
      )
      expect(reloaded).toBe(1)
      await second.getByTestId('edit-discard').click()

      await clickMap(first, inside)
      const history = first.getByTestId('parcel-history')
      await history.waitFor()
      await expect.poll(() => history.getByTestId('parcel-history-entry').count()).toBe(2)
      await history.getByTestId('history-view').last().click()
      await first.waitForTimeout(1200)
      await first.screenshot({ path: `${SCREENSHOT_DIR}/66-history.png` })
      expect(errors).toEqual([])
    })

    it('when the officer merges two neighbouring parcels, deletes the merged parcel and restores it from 最近删除的图斑, then each step is in the API and the parcel comes back as a new version', async () => {
      const spot = await ownSpot()
      const halves = await saveParcels(rect(spot, 50, 100, -50, -50), rect(spot, 50, 100, 0, -50))
      const childIds = halves.map((h) => h.id)
      const childCodes = halves.map((h) => h.code)
      const page = await open({ as: 'gengdi' })
      await openEditor(page, spot)
      for (const id of childIds) await expect.poll(() => isParcelOnMap(page, id), { timeout: 30_000 }).toBe(true)
      const insides: LonLat[] = []
      for (const id of childIds) insides.push(await insideOf(page, id))

      await page.getByTestId('edit-tool-merge').click()
      for (const at of insides) await clickMap(page, at)
      await expect.poll(() => page.getByTestId('merge-parcel').count(), { timeout: 20_000 }).toBe(2)
      await page.getByTestId('merge-preview').click()
      await expect.poll(() => page.getByTestId('merge-balance').textContent(), { timeout: 20_000 }).toMatch(/亩/)
      await typeInto(page, 'merge-reason', '两块图斑实为同一田块，合并（E2E）')
      await page.getByTestId('class-mode-keep').check()
      await typeInto(page, 'class-reason', '合并不改变土壤状况')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/67-merge-preview.png` })
      await page.getByTestId('merge-confirm').click()
      await expect
        .poll(() => page.getByTestId('edit-message').textContent(), { timeout: 30_000 })
        .toContain('已合并为图斑')
      for (const id of childIds) expect((await apiGet(page, `/api/parcels/${id}`)).status).toBe(404)
      const merged = (await parcelsNear(page, spot, 120)).filter((f) =>
        childCodes.every((c) => (f.properties.parentCodes ?? []).includes(c)),
      )
      expect(merged.length).toBe(1)
      const mergedId: number = merged[0].id
      const mergedCode: string = merged[0].properties.code
      await expect.poll(() => isParcelOnMap(page, mergedId), { timeout: 30_000 }).toBe(true)

      await page.getByTestId('edit-tool-delete').click()
      await clickMap(page, insides[0])
      const confirm = page.getByTestId('delete-dialog')
      await expect.poll(() => confirm.textContent(), { timeout: 20_000 }).toContain(mergedCode)
      await page.getByTestId('delete-confirm').click()
      const item = page.getByTestId('pending-item')
      await expect.poll(() => item.count(), { timeout: 20_000 }).toBe(1)
      await expect(item.getAttribute('data-op')).resolves.toBe('delete')
      await typeInto(page, 'edit-reason', '已建成农村道路，注销图斑（E2E）')
      await expect.poll(() => page.getByTestId('edit-save').isDisabled(), { timeout: 20_000 }).toBe(false)
      await page.getByTestId('edit-save').click()
      await expect
        .poll(() => page.getByTestId('edit-message').textContent(), { timeout: 20_000 })
        .toContain('已保存 1 项修改')
      const gone = await apiGet(page, `/api/parcels/${mergedId}`)
      expect(gone.status).toBe(404)
      expect(gone.body.error.message).toContain('可在变更历史中恢复')

      const deleted = page.locator(`[data-testid="deleted-item"][data-code="${mergedCode}"]`)
      await deleted.waitFor({ timeout: 20_000 })
      await deleted.getByTestId('deleted-history').click()
      const history = deleted.getByTestId('parcel-history')
      await expect.poll(() => history.getByTestId('parcel-history-entry').count(), { timeout: 20_000 }).toBe(2)
      await history.getByTestId('history-restore').first().click()
      await typeInto(page, 'restore-reason', '误删，恢复（E2E）')
      await page.screenshot({ path: `${SCREENSHOT_DIR}/68-restore.png` })
      await page.getByTestId('restore-confirm').click()
      await expect
        .poll(async () => (await apiGet(page, `/api/parcels/${mergedId}`)).status, { timeout: 20_000 })
        .toBe(200)
      const restored = (await apiGet(page, `/api/parcels/${mergedId}`)).body
      expect(restored.properties.code).toBe(mergedCode)
      expect(restored.properties.version).toBeGreaterThan(1)
      const timeline = await apiGet(page, `/api/parcels/${mergedId}/history`)
      expect(timeline.status).toBe(200)
      expect(JSON.stringify(timeline.body)).toContain('restore')
      await expect.poll(() => isParcelOnMap(page, mergedId), { timeout: 30_000 }).toBe(true)
      expect(errors).toEqual([])
    })
  },
)

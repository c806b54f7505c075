import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { SCREENSHOT_DIR, isBrowserMissing, useBrowser } from '../support/browser.ts'

const skip = isBrowserMissing()

describe.skipIf(skip)('search by any part of a code or name (environment officer of 赫山区)', () => {
  const { open, errors } = useBrowser()

  async function typeSearch(page: Page, text: string) {
    await page.getByTestId('search-input').click()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type(text)
  }

  it('when "DK0003" is typed, then 430903-DK0003 comes under 污染地块 with its count, "DK0003" marked in its code', async () => {
    const page = await open({ as: 'huanjing' })
    await typeSearch(page, 'DK0003')
    const result = page.getByTestId('search-result').filter({ hasText: '430903-DK0003' })
    await result.waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('search-group').allTextContents()).resolves.toEqual(['污染地块1 个'])
    await expect(result.locator('mark').allTextContents()).resolves.toEqual(['DK0003'])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/search-dk0003-1440.png` })
    await result.click()
    await expect.poll(() => page.getByTestId('search-input').inputValue()).not.toBe('DK0003')
    expect(errors).toEqual([])
  })

  it('when one character is typed, then the box says 2 are needed; "dk0003" in small letters is marked as typed', async () => {
    const page = await open({ as: 'huanjing', viewport: { width: 390, height: 844 } })
    await typeSearch(page, 'D')
    await expect.poll(() => page.locator('.search-message').first().textContent()).toBe('请至少输入 2 个字或字符再查询')
    await typeSearch(page, 'dk0003')
    const result = page.getByTestId('search-result').filter({ hasText: '430903-DK0003' })
    await result.waitFor({ timeout: 15_000 })
    await expect(result.locator('mark').allTextContents()).resolves.toEqual(['DK0003'])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/search-dk0003-390.png` })
    expect(errors).toEqual([])
  })

  it('when a visitor on a phone types part of a county name in the public search, then it comes under 区县, marked', async () => {
    const page = await open({ path: '/public', viewport: { width: 390, height: 844 } })
    await page.getByTestId('public-search-input').click()
    await page.keyboard.type('树县')
    const result = page.getByTestId('public-search-result').filter({ hasText: '梨树县' })
    await result.waitFor({ timeout: 15_000 })
    await expect(page.getByTestId('search-group').first().textContent()).resolves.toBe('区县1 个')
    await expect(result.locator('mark').allTextContents()).resolves.toEqual(['树县'])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/search-public-390.png` })
    expect(errors).toEqual([])
  })
})

import fs from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** True when the system Chromium is missing outside CI (the suite is skipped); in CI a missing browser fails. */
export function isBrowserMissing(): boolean {
  const missing = !fs.existsSync(CHROMIUM_PATH)
  if (missing && process.env.CI) throw new Error(`CI 中找不到 Chromium（${CHROMIUM_PATH}），请安装 Debian 软件包 chromium`)
  return missing
}

/** The system Chromium, headless, with software WebGL and no background traffic (the network is closed). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    ],
  })
}

export const SCREENSHOT_DIR = 'test-results/screenshots'

/** Waits until the page's map is ready, still, and has all its tiles. */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
  await page.waitForFunction(() => {
    const map = (window as any).__soilMap
    return map && map.loaded() && !map.isMoving() && map.areTilesLoaded()
  }, undefined, { timeout: 60_000 })
}

/** A JSON API answer fetched inside the page, with its session cookie: status and body. */
export function apiGet(page: Page, path: string): Promise<{ status: number; body: any }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url)
    return { status: response.status, body: await response.json() }
  }, path)
}

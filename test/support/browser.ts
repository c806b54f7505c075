import fs from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

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

import fs from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, inject } from 'vitest'
import { SAMPLE_PASSWORD } from '../../server/src/services/users.service.ts'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** True when the system Chromium is missing outside CI (the suite is skipped); in CI a missing browser fails. */
export function isBrowserMissing(): boolean {
  const missing = !fs.existsSync(CHROMIUM_PATH)
  if (missing && process.env.CI)
    throw new Error(`CI 中找不到 Chromium（${CHROMIUM_PATH}），请安装 Debian 软件包 chromium`)
  return missing
}

/** The system Chromium, headless, with software WebGL and no background traffic (the network is closed). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-gl=angle',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  })
}

export const SCREENSHOT_DIR = 'test-results/screenshots'

/** Waits until the page's map is ready, still, and has all its tiles. */
export async function waitForMap(page: Page): Promise<void> {
  await page.waitForSelector('body[data-map-ready="1"]', { timeout: 90_000 })
  await page.waitForFunction(
    () => {
      const map = (window as any).__soilMap
      return map && map.loaded() && !map.isMoving() && map.areTilesLoaded()
    },
    undefined,
    { timeout: 60_000 },
  )
}

/** A JSON API answer fetched inside the page, with its session cookie: status and body. */
export function apiGet(page: Page, path: string): Promise<{ status: number; body: any }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url)
    return { status: response.status, body: await response.json() }
  }, path)
}

/** Options of {@link openPage}. */
export interface OpenPageOptions {
  /** The path to open below `appUrl` (default `/`). */
  path?: string
  /** The viewport (default 1440×900). */
  viewport?: { width: number; height: number }
  /** The time zone of the context (default Asia/Shanghai); `null` leaves the browser's own. */
  timezoneId?: string | null
  /** Passed to the context when given (for tests that save downloads). */
  acceptDownloads?: boolean
}

/** The cookies and local storage of a context, as `BrowserContext.storageState()` answers them. */
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>

/**
 * A fresh browser context (no cookies, locale zh-CN) and its page at `appUrl` + `path`; the page's uncaught errors
 * are pushed to `errors`.
 */
export async function openPage(
  browser: Browser,
  appUrl: string,
  errors: string[],
  options: OpenPageOptions = {},
): Promise<Page> {
  const { path = '/', viewport = { width: 1440, height: 900 }, timezoneId = 'Asia/Shanghai', acceptDownloads } = options
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    ...(timezoneId === null ? {} : { timezoneId }),
    ...(acceptDownloads === undefined ? {} : { acceptDownloads }),
  })
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(`${appUrl}${path}`)
  return page
}

/** Options of {@link typeInto}. */
export interface TypeIntoOptions {
  /** Select all and delete first, so the text replaces what the field holds (default: typed after it). */
  replace?: boolean
  /** Where to look the field up (default the page), e.g. a dialog holding fields of the same test id as the page. */
  within?: Page | Locator
}

/** Clicks the field of a test id and types into it with the keyboard. */
export async function typeInto(page: Page, testId: string, text: string, options: TypeIntoOptions = {}): Promise<void> {
  await (options.within ?? page).getByTestId(testId).click()
  if (options.replace) {
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.press('Backspace')
  }
  await page.keyboard.type(text)
}

/** Options of {@link logIn}. */
export interface LogInOptions {
  /** Replace what the login fields hold (see {@link TypeIntoOptions.replace}). */
  replace?: boolean
  /** Resolve once the map is ready (`map`, the default) or once the server has answered the login (`answer`, for failed logins). */
  until?: 'map' | 'answer'
}

/** Fills the login form with the keyboard and presses Enter (the sample password unless another is given). */
export async function logIn(
  page: Page,
  username: string,
  password = SAMPLE_PASSWORD,
  options: LogInOptions = {},
): Promise<void> {
  const { replace = false, until = 'map' } = options
  await page.getByTestId('login-form').waitFor()
  await typeInto(page, 'login-username', username, { replace })
  await typeInto(page, 'login-password', password, { replace })
  if (until === 'answer') {
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'))
    await page.keyboard.press('Enter')
    await answered
  } else {
    await page.keyboard.press('Enter')
    await waitForMap(page)
  }
}

/** Options of {@link BrowserSuite.open}: {@link OpenPageOptions} and who signs in. */
export interface OpenAsOptions extends OpenPageOptions {
  /**
   * Sample user to sign in as (the page opens signed in and resolves once its map is ready); none: the page as a
   * visitor sees it. The login form itself is driven by the tests of the login (staff.test.ts and those calling
   * {@link logIn}).
   */
  as?: string
}

/** Sessions of the sample users this test file signed in through the API (module state: one test file's). */
const sessions = new Map<string, Promise<StorageState>>()

/**
 * A fresh context and page at `appUrl` + `options.path`, signed in as the sample user `username`; resolves once the
 * map is ready. The test file's pages of one user start with one session, signed in once through the API (again after
 * a page of it reached /login, e.g. by 退出登录): the login form and the map behind it cost a page load and a render
 * per test, the API login one request. The login form itself is what {@link logIn} drives.
 */
export async function openAs(
  browser: Browser,
  appUrl: string,
  errors: string[],
  username: string,
  options: OpenPageOptions = {},
): Promise<Page> {
  const { path = '/', viewport = { width: 1440, height: 900 }, timezoneId = 'Asia/Shanghai', acceptDownloads } = options
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    storageState: await sessionOf(browser, appUrl, username),
    ...(timezoneId === null ? {} : { timezoneId }),
    ...(acceptDownloads === undefined ? {} : { acceptDownloads }),
  })
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && new URL(frame.url()).pathname === '/login')
      sessions.delete(`${appUrl} ${username}`)
  })
  await page.goto(`${appUrl}${path}`)
  await waitForMap(page)
  return page
}

/**
 * The cookies of the test file's session of the sample user `username` (signed in through the API on first use), for
 * a context of its own (`browser.newContext({ storageState })`, e.g. one with a touch screen).
 */
export function sessionOf(browser: Browser, appUrl: string, username: string): Promise<StorageState> {
  const key = `${appUrl} ${username}`
  if (!sessions.has(key)) sessions.set(key, signedInState(browser, appUrl, username))
  return sessions.get(key)!.catch((error: unknown) => {
    sessions.delete(key)
    throw error
  })
}

/**
 * Signs `username` in through the API in a throwaway context and answers its cookies: the session a test file's
 * pages of that user start with. The login form and the map behind it cost a page load and a render per test; the
 * API login is one request.
 */
async function signedInState(browser: Browser, appUrl: string, username: string): Promise<StorageState> {
  const context = await browser.newContext()
  try {
    const session = await context.request.get(`${appUrl}/api/session`)
    const { csrfToken } = await session.json()
    const login = await context.request.post(`${appUrl}/api/auth/login`, {
      headers: { 'X-CSRF-Token': csrfToken },
      data: { username, password: SAMPLE_PASSWORD },
    })
    if (!login.ok()) throw new Error(`登录 ${username} 失败：${login.status()} ${await login.text()}`)
    return await context.storageState()
  } finally {
    await context.close()
  }
}

/** A test file's Chromium; every test opens its own pages, closed after it. */
export interface BrowserSuite {
  /** The file's browser (launched before its first test). */
  browser(): Browser
  /** A fresh context and page (no page state of another test), signed in as `options.as` when given ({@link openAs}). */
  open(options?: OpenAsOptions): Promise<Page>
  /** Uncaught errors of the pages the running test opened. */
  errors: string[]
}

/**
 * Launches Chromium once for the calling test file (closed after it) and gives each test fresh pages: a test starts
 * from the page it opens itself, never from what another test left, so it can run alone (`-t`).
 */
export function useBrowser(): BrowserSuite {
  const appUrl = inject('appUrl')
  let browser: Browser | undefined
  const opened: Page[] = []
  const suite: BrowserSuite = {
    browser: () => browser!,
    errors: [],
    async open(options = {}) {
      const { as, ...pageOptions } = options
      const page = as
        ? await openAs(browser!, appUrl, suite.errors, as, pageOptions)
        : await openPage(browser!, appUrl, suite.errors, pageOptions)
      opened.push(page)
      return page
    },
  }
  beforeAll(async () => {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
    browser = await launchChromium()
  })
  afterEach(async () => {
    for (const page of opened.splice(0)) await page.context().close()
    suite.errors.length = 0
  })
  afterAll(async () => {
    await browser?.close()
  })
  return suite
}

import { execFile } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

/** Debian's Python with QGIS 3.22 (`python3-qgis`, `qgis-providers`), for tests that read our services as QGIS does. */
const QGIS_PYTHON = process.env.QGIS_PYTHON ?? '/usr/bin/python3'
const QGIS_MODULE = '/usr/lib/python3/dist-packages/qgis'
const SCRIPT = path.join(import.meta.dirname, 'qgis-read.py')

/** True when QGIS's Python bindings are missing outside CI (those tests are skipped); in CI a missing QGIS fails. */
export function isQgisMissing(): boolean {
  const missing = !fs.existsSync(QGIS_MODULE) || !fs.existsSync(QGIS_PYTHON)
  if (missing && process.env.CI)
    throw new Error(
      `CI 中找不到 QGIS 的 Python 模块（${QGIS_MODULE}），请安装 Debian 软件包 python3-qgis 与 qgis-providers`,
    )
  return missing
}

/** Runs test/support/qgis-read.py headless with `spec` and returns what it read (see the script for the shapes). */
export async function readWithQgis<T>(spec: object): Promise<T> {
  const { stdout } = await promisify(execFile)(QGIS_PYTHON, [SCRIPT, JSON.stringify(spec)], {
    env: { ...process.env, QT_QPA_PLATFORM: 'offscreen', XDG_RUNTIME_DIR: '/tmp' },
    timeout: 240_000,
    maxBuffer: 16 * 1024 * 1024,
  })
  const last = stdout.trim().split('\n').pop() ?? ''
  return JSON.parse(last) as T
}

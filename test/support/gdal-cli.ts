import fs from 'node:fs'

/** GDAL's command-line tools from Debian (`gdal-bin`), for tests that read our services as QGIS and GDAL do. */
export const OGRINFO_PATH = process.env.OGRINFO_PATH ?? '/usr/bin/ogrinfo'

/** True when `ogrinfo` is missing outside CI (those tests are skipped); in CI a missing `gdal-bin` fails. */
export function isGdalCliMissing(): boolean {
  const missing = !fs.existsSync(OGRINFO_PATH)
  if (missing && process.env.CI)
    throw new Error(`CI 中找不到 ogrinfo（${OGRINFO_PATH}），请安装 Debian 软件包 gdal-bin`)
  return missing
}

import fs from 'node:fs'
import path from 'node:path'
import { parseFieldMapSetting } from '../domain/platform-package-field-map.ts'
import type { PlatformPackageSettings } from '../services/platform-package.service.ts'

/** The field mapping of the upload packages from the JSON file PLATFORM_FIELD_MAP_FILE names; none: the defaults. */
export function readFieldMapFile(): PlatformPackageSettings {
  const file = process.env.PLATFORM_FIELD_MAP_FILE?.trim()
  if (!file) return { fieldMap: {}, fieldMapFile: null }
  let value: unknown
  try {
    value = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'))
  } catch (err) {
    throw new Error(
      `PLATFORM_FIELD_MAP_FILE：无法读取字段对照文件 ${file}（${err instanceof Error ? err.message : String(err)}）`,
      { cause: err },
    )
  }
  return { fieldMap: parseFieldMapSetting(value, `PLATFORM_FIELD_MAP_FILE（${file}）`), fieldMapFile: file }
}

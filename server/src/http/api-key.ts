import type { Request } from 'express'
import { AppError } from './errors.ts'

/**
 * The data sharing key (数据共享密钥) a request sends: header `X-API-Key` (QGIS "API Header" authentication, GDAL
 * `GDAL_HTTP_HEADERS`) or query parameter `key` (ArcGIS Pro custom parameters, links); null when it sends none.
 */
export function apiKeyOf(req: Request): string | null {
  const header = req.get('x-api-key')
  if (header !== undefined) return header.trim()
  const param = req.query.key
  if (param === undefined) return null
  if (typeof param !== 'string')
    throw new AppError('VALIDATION', '参数 key 只能给一次', {
      problems: [{ code: 'INVALID_PARAMETER', message: '参数 key 只能给一次', field: 'key' }],
    })
  return param
}

import type { ErrorRequestHandler, RequestHandler } from 'express'
import { AppError, problemDetails, type ErrorCode } from '../domain/errors.ts'

/** Routes throw the domain's AppError; the writer below answers it. */
export { AppError } from '../domain/errors.ts'

/** The HTTP status of each error code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CSRF: 403,
  OUT_OF_SCOPE: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GEOMETRY_CHECK: 422,
  IMPORT_REJECTED: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  ACCOUNT_LOCKED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
}

export const notFoundRoute: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `没有这个接口：${req.method} ${req.path}`))
}

/** The one place errors are written: `{error: {code, message, details?}}`; raw database errors never leave. */
export function errorMiddleware(log: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof AppError) {
      const retryAfter = err.details.retryAfterSeconds
      if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter))
      res.status(ERROR_STATUS[err.code]).json({ error: { code: err.code, message: err.message, details: err.details } })
      return
    }
    const status = typeof err?.status === 'number' ? err.status : 500
    if (err?.type === 'entity.too.large') {
      const message = `请求内容过大（上限 ${err.limit} 字节）`
      res
        .status(413)
        .json({ error: { code: 'PAYLOAD_TOO_LARGE', message, details: problemDetails('PAYLOAD_TOO_LARGE', message) } })
      return
    }
    if (err?.type === 'entity.parse.failed') {
      const message = '请求内容不是合法的 JSON，请检查格式'
      res
        .status(400)
        .json({ error: { code: 'INVALID_JSON', message, details: problemDetails('INVALID_JSON', message) } })
      return
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({
        error: { code: 'BAD_REQUEST', message: '请求无效', details: problemDetails('BAD_REQUEST', '请求无效') },
      })
      return
    }
    log(err)
    res.status(500).json({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' } })
  }
}

import type { Request } from 'express'
import type { Logger } from 'pino'
import { pinoHttp } from 'pino-http'

/** Headers that carry a credential: never written to the log, whatever serializer a later change adds. */
const SECRET_HEADERS = [
  'cookie',
  'set-cookie',
  'authorization',
  'x-csrf-token',
  'x-api-key',
  'x-access-key',
  'proxy-authorization',
]

/** pino `redact` of every logger of the server: the credential headers wherever a log object carries them. */
export const LOG_REDACT = {
  paths: SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`]),
  censor: '[已隐去]',
}

/**
 * One line per request with method, path (no query), status, time, user id and request id only: headers carry
 * the session cookie, the CSRF token and access keys, and the query may carry what the officer searched for.
 */
export function requestLog(logger: Logger) {
  return pinoHttp({
    logger: logger.child({}, { redact: LOG_REDACT }),
    // tiles, and the first start's notice asking every few seconds, would drown the lines a person reads
    autoLogging: { ignore: (req) => (req.url?.startsWith('/tiles/') || req.url === '/api/sample-load') ?? false },
    customProps: (req) => ({ userId: (req as Request).auth?.user.id ?? null }),
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  })
}

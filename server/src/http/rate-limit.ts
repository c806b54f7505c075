import { rateLimit } from 'express-rate-limit'
import { AppError } from './errors.ts'

/** A per-client-address limit that answers in the one error format. */
export function limitPerClient(max: number, windowMinutes: number, message: string) {
  return rateLimit({
    windowMs: windowMinutes * 60_000,
    limit: max,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError('RATE_LIMITED', message)),
  })
}

/** The codes of expected failures: what went wrong, in the terms of the use case; http/errors.ts maps each to a status. */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'INVALID_JSON'
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'CSRF'
  | 'OUT_OF_SCOPE'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'GEOMETRY_CHECK'
  | 'IMPORT_REJECTED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'ACCOUNT_LOCKED'
  | 'INTERNAL'
  | 'UNAVAILABLE'

/** An expected failure with a message a bureau officer understands; the error writer turns the code into the HTTP status. */
export class AppError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message)
  }
}

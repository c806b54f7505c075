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

/**
 * One thing wrong with a request: a reason code the client branches on, the officer's words, and where it is —
 * the field, the item of a list (`index`), a point on the map (`location`, [lon, lat]) and what else the check
 * measured (the overlap's outline and area, the neighbour's code).
 */
export interface Problem {
  code: string
  message: string
  field?: string
  index?: number
  location?: [number, number]
  /** The faulty area (an overlap), GeoJSON. */
  geometry?: unknown
  neighbourCode?: string
  overlapM2?: number
  /** The column of an imported file at fault. */
  column?: string
}

/** What a refusal carries: its problems, and the facts a client needs to recover (the current version of a conflict). */
export type ErrorDetails = { problems: Problem[] } & Record<string, unknown>

/** What a thrower gives: the problems, or the `reason` code and `field` of the one problem its message names; and context. */
export type DetailsInput = { problems?: readonly Problem[]; reason?: string; field?: string } & Record<string, unknown>

/** The details of every error: the problems given, or one problem repeating the message under `reason` (else the error code). */
export function problemDetails(code: string, message: string, given?: DetailsInput): ErrorDetails {
  const { problems, reason, field, ...context } = (given ?? {}) as {
    problems?: readonly Problem[]
    reason?: string
    field?: string
  } & Record<string, unknown>
  if (problems?.length) return { ...context, problems: [...problems] }
  return { ...context, problems: [{ code: reason ?? code, message, ...(field === undefined ? {} : { field }) }] }
}

/**
 * An expected failure with a message a bureau officer understands; the error writer turns the code into the HTTP status. `details`
 * is always `{problems: [{code, message, field?, index?, location?}], …context}`: give the problems, or a `reason`
 * (and `field`) for the one problem the message names.
 */
export class AppError extends Error {
  readonly details: ErrorDetails
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: DetailsInput,
  ) {
    super(message)
    this.details = problemDetails(code, message, details)
  }
}

/** Problem codes about where a thing lies or what its outline is; any of them makes a refusal 422 GEOMETRY_CHECK. */
const SPATIAL_PROBLEMS: ReadonlySet<string> = new Set([
  'INVALID_GEOJSON',
  'WRONG_CRS',
  'OUT_OF_RANGE',
  'INVALID_GEOMETRY',
  'TOO_MANY_VERTICES',
  'TOO_SMALL',
  'SLIVER',
  'OUTSIDE_COUNTY',
  'OVERLAP',
  'TOPOLOGY',
  'SPLIT_LINE_MISSES',
  'NOT_ADJACENT',
  'AREA_NOT_CONSERVED',
  'SIGN_TOO_FAR',
  'PLOT_OUTSIDE_ZONE',
])

/**
 * The refusal of a request whose checks found problems: 422 GEOMETRY_CHECK when any is about geometry, else 400
 * VALIDATION; the message is the one given, else every problem's message.
 */
export function problemsError(
  problems: readonly Problem[],
  message = problems.map((p) => p.message).join('；'),
): AppError {
  const code = problems.some((p) => SPATIAL_PROBLEMS.has(p.code)) ? 'GEOMETRY_CHECK' : 'VALIDATION'
  return new AppError(code, message, { problems })
}

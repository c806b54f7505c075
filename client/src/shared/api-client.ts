import type { Problem } from '@contracts/problems'

/** One thing wrong with a refused request, as every error answer's `details.problems` lists it. */
export type ApiProblem = Problem

/**
 * An error answered by the server (`{error:{code,message,details:{problems, …}}}`) or a failed request; `message`
 * is Chinese. Callers branch on `code`, never on the HTTP status.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    /** The answer's `details`: its `problems`, and what a client needs to recover (the other version of a conflict). */
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /** The problems of the answer (none for a failed request). */
  get problems(): ApiProblem[] {
    const problems = (this.details as { problems?: unknown } | undefined)?.problems
    return Array.isArray(problems) ? (problems as ApiProblem[]) : []
  }
}

/** The problems of an error answered by the server, typed as the caller knows them; none for anything else. */
export function problemsOf<P extends ApiProblem = ApiProblem>(error: unknown): P[] {
  return error instanceof ApiError ? (error.problems as P[]) : []
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: unknown }
}

async function readError(response: Response): Promise<ApiError> {
  let body: ErrorBody | null
  try {
    body = (await response.json()) as ErrorBody
  } catch {
    body = null
  }
  const message = body?.error?.message ?? `服务请求失败（HTTP ${response.status}）`
  const error = new ApiError(message, response.status, body?.error?.code ?? 'http_error', body?.error?.details)
  if (isSessionFailure(error)) sessionFailureListeners.forEach((listener) => listener(error))
  return error
}

const sessionFailureListeners = new Set<(error: ApiError) => void>()

/** True for an answer that means the session is gone (401) or the first password must be changed first. */
export function isSessionFailure(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'PASSWORD_CHANGE_REQUIRED')
}

/**
 * Calls `listener` whenever a request is answered 401 or 403 PASSWORD_CHANGE_REQUIRED, so the app can send
 * the user back to the login page or the change-password page; returns the unsubscriber.
 */
export function onSessionFailure(listener: (error: ApiError) => void): () => void {
  sessionFailureListeners.add(listener)
  return () => sessionFailureListeners.delete(listener)
}

/**
 * Fetches JSON from the server.
 * @throws ApiError with the server's Chinese message on a non-2xx answer, or a network message.
 */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response
  try {
    response = await fetch(path, { headers: { Accept: 'application/json' }, signal })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError('无法连接服务器，请检查网络', 0, 'network')
  }
  if (!response.ok) throw await readError(response)
  return (await response.json()) as T
}

declare const answerType: unique symbol

/** A `GET` path typed with its answer (built by a `<feature>-api.ts`, read by `useJson`). */
export type ApiPath<T> = string & { readonly [answerType]: T }

/** `path` typed with the answer `GET path` gives. */
export function apiPath<T>(path: string): ApiPath<T> {
  return path as ApiPath<T>
}

/** True when the error comes from an aborted request and should be ignored. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

let csrfToken: string | null = null

/** Remembers the CSRF token from `GET /api/session` or a login answer; every state-changing request sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** Fetches the CSRF token when none is known yet (a page that changes nothing never needs one). */
async function ensureCsrfToken(): Promise<string> {
  if (csrfToken) return csrfToken
  const session = await getJson<{ csrfToken: string }>('/api/session')
  csrfToken = session.csrfToken
  return csrfToken
}

/**
 * Sends a state-changing request (POST, PATCH, DELETE) with a JSON body, or a FormData body as multipart,
 * and the CSRF token.
 * @throws ApiError with the server's Chinese message on a non-2xx answer, or a network message.
 */
export async function sendJson<T>(
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const token = await ensureCsrfToken()
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers: {
        Accept: 'application/json',
        'X-CSRF-Token': token,
        ...(isForm || body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: isForm ? (body as FormData) : body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError('无法连接服务器，请检查网络', 0, 'network')
  }
  if (!response.ok) throw await readError(response)
  return (await response.json()) as T
}

/**
 * Posts a multipart form with the CSRF token and answers the file the server sends back (a PDF to download).
 * @throws ApiError with the server's Chinese message on a non-2xx answer, or a network message.
 */
export async function postForFile(path: string, form: FormData): Promise<Blob> {
  const token = await ensureCsrfToken()
  let response: Response
  try {
    response = await fetch(path, { method: 'POST', headers: { 'X-CSRF-Token': token }, body: form })
  } catch {
    throw new ApiError('无法连接服务器，请检查网络', 0, 'network')
  }
  if (!response.ok) throw await readError(response)
  return response.blob()
}

/** An error answered by the server (`{error:{code,message}}`) or a failed request; `message` is Chinese. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string }
}

async function readError(response: Response): Promise<ApiError> {
  let body: ErrorBody | null = null
  try {
    body = (await response.json()) as ErrorBody
  } catch {
    body = null
  }
  const message = body?.error?.message ?? `服务请求失败（HTTP ${response.status}）`
  return new ApiError(message, response.status, body?.error?.code ?? 'http_error')
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

/** True when the error comes from an aborted request and should be ignored. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

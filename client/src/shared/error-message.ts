/** The Chinese message of a failed request (the server's own words) or of any other error. */
export function errorMessage(error: unknown, fallback = '操作失败，请稍后重试'): string {
  return error instanceof Error && error.message ? error.message : fallback
}

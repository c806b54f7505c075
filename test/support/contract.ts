import type { z } from 'zod'

/**
 * The answer `body` read through its contract schema; throws, naming every path that differs, when the server's
 * answer no longer matches what the client is typed against.
 */
export function readContract<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body)
  if (result.success) return result.data
  const where = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')
  throw new Error(`answer does not match its contract: ${where}`)
}

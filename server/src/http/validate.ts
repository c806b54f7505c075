import { z } from 'zod'
import { AppError } from './errors.ts'

/** Parses request input with a Zod schema; the messages of all failing fields go back in one 400. */
export function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input)
  if (!result.success) {
    throw new AppError('VALIDATION', result.error.issues.map((i) => i.message).join('；'),
      result.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })))
  }
  return result.data
}

import { z } from 'zod'

/**
 * The answers the server gives and the requests it takes, as zod schemas both sides import: the server validates
 * requests with them and `test/api/contracts.test.ts` checks real answers against them; the client takes its types
 * from them with `z.infer` (type-only imports, so the schemas stay out of the browser bundle unless a form uses one).
 */

/** [lon, lat] in CGCS2000 degrees. */
export const LonLat = z.tuple([z.number(), z.number()])

/** A geographic extent in CGCS2000 degrees: west, south, east, north. */
export const Bbox = z.tuple([z.number(), z.number(), z.number(), z.number()])
export type Bbox = z.infer<typeof Bbox>

/** One thing wrong with a refused request, as every error answer's `details.problems` lists it. */
export const Problem = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  index: z.number().int().optional(),
  location: LonLat.optional(),
})
export type Problem = z.infer<typeof Problem>

/** Every 4xx and 5xx answer: `{error: {code, message, details: {problems, …context}}}`; the client branches on `code`. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.looseObject({ problems: z.array(z.looseObject(Problem.shape)) }).optional(),
  }),
})
export type ErrorBody = z.infer<typeof ErrorBody>

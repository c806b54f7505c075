import { z } from 'zod'
import { Bbox } from './problems.ts'

/** One county of `GET /api/counties`. */
export const County = z.object({
  adcode: z.string(),
  name: z.string(),
  city: z.string(),
  province: z.string(),
  bbox: Bbox,
})
export type County = z.infer<typeof County>

/** `GET /api/counties`: the counties of the user's scope and their joint extent (null when there is none). */
export const CountiesResponse = z.object({ counties: z.array(County), bbox: Bbox.nullable() })
export type CountiesResponse = z.infer<typeof CountiesResponse>

import { z } from 'zod'

/** A township's 优先保护类耕地集中区域 area in one version, and its change since the version before. */
const TownshipArea = z.object({
  code: z.string().nullable(),
  name: z.string(),
  areaMu: z.number(),
  beforeMu: z.number(),
  changeMu: z.number(),
})

/** One computed version of a county's areas. */
export const PriorityAreaVersion = z.object({
  version: z.number().int(),
  /** What made it: the class list published (title, 第 N 版), or the sample data's classes. */
  source: z.string(),
  computedAt: z.string(),
  areaCount: z.number().int(),
  parcelCount: z.number().int(),
  areaMu: z.number(),
  /** All 优先保护类 parcels of the county, in areas or not. */
  priorityMu: z.number(),
  /** The change of `areaMu` since the version before; null for the first. */
  changeMu: z.number().nullable(),
  hasFallen: z.boolean(),
  settings: z.object({ gapM: z.number(), minAreaMu: z.number() }),
  townships: z.array(TownshipArea),
})
export type PriorityAreaVersion = z.infer<typeof PriorityAreaVersion>

/** `GET /api/priority-areas?adcode=`: the versions of each county of the scope, newest first. */
export const PriorityAreaSummary = z.object({
  settings: z.object({ gapM: z.number(), minAreaMu: z.number(), note: z.string() }),
  counties: z.array(z.object({ adcode: z.string(), county: z.string(), versions: z.array(PriorityAreaVersion) })),
})
export type PriorityAreaSummary = z.infer<typeof PriorityAreaSummary>

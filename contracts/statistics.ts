import { z } from 'zod'
import { CLASS_ORDER } from '../server/src/domain/class-summary.ts'

/** Published parcels and area of one class. */
export const ClassArea = z.object({
  class: z.enum(CLASS_ORDER),
  className: z.string(),
  count: z.number().int(),
  areaMu: z.number(),
  areaHa: z.number(),
})
export type ClassArea = z.infer<typeof ClassArea>

/** A county's published classes. */
export const CountyStatistics = z.object({
  adcode: z.string(),
  name: z.string(),
  byClass: z.array(ClassArea),
  totalMu: z.number(),
})
export type CountyStatistics = z.infer<typeof CountyStatistics>

/** A township's published classes. */
export const TownshipStatistics = z.object({
  /** null for parcels outside every township (未落乡镇). */
  code: z.string().nullable(),
  name: z.string(),
  adcode: z.string(),
  byClass: z.array(ClassArea),
  totalMu: z.number(),
})
export type TownshipStatistics = z.infer<typeof TownshipStatistics>

/** `GET /api/statistics/farmland?adcode=`: the published classes of the user's counties and their townships. */
export const FarmlandStatistics = z.object({
  counties: z.array(CountyStatistics),
  townships: z.array(TownshipStatistics),
})
export type FarmlandStatistics = z.infer<typeof FarmlandStatistics>

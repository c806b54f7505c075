import { z } from 'zod'

/** One parcel whose class disagrees with 永久基本农田. */
export const DisagreeingParcel = z.object({
  kind: z.enum(['restricted_inside', 'priority_outside']),
  parcelId: z.number().int(),
  code: z.string(),
  farmlandClass: z.string(),
  className: z.string(),
  township: z.string().nullable(),
  areaM2: z.number(),
  areaMu: z.number(),
  insideM2: z.number(),
  insideMu: z.number(),
  /** Share of the parcel inside 永久基本农田, 0–1. */
  insideShare: z.number().min(0).max(1),
  farmlandCodes: z.string().nullable(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  message: z.string(),
})
export type DisagreeingParcel = z.infer<typeof DisagreeingParcel>

/** `GET /api/basic-farmland/disagreements?adcode=&listId=`: a county's classes against its 永久基本农田. */
export const BasicFarmlandDisagreements = z.object({
  adcode: z.string(),
  county: z.string(),
  listId: z.number().int().nullable(),
  classesFrom: z.string(),
  basis: z.string(),
  basicFarmland: z.object({ patches: z.number().int(), areaMu: z.number() }),
  kinds: z.array(
    z.object({
      kind: DisagreeingParcel.shape.kind,
      name: z.string(),
      level: z.enum(['warning', 'info']),
      count: z.number().int(),
      areaMu: z.number(),
      insideMu: z.number(),
      shown: z.number().int(),
    }),
  ),
  parcels: z.array(DisagreeingParcel),
})
export type BasicFarmlandDisagreements = z.infer<typeof BasicFarmlandDisagreements>

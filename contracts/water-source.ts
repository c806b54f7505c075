import { z } from 'zod'

/** One 饮用水水源保护区 of a county. */
export const WaterSourceZone = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  sourceName: z.string(),
  /** river 河流型, lake_reservoir 湖库型, groundwater 地下水型. */
  sourceType: z.enum(['river', 'lake_reservoir', 'groundwater']),
  sourceTypeName: z.string(),
  /** level1 一级保护区, level2 二级保护区, quasi 准保护区. */
  level: z.enum(['level1', 'level2', 'quasi']),
  levelName: z.string(),
  approvalNo: z.string().nullable(),
  isPublished: z.boolean(),
  areaM2: z.number(),
  fileName: z.string(),
  importedBy: z.string(),
  importedAt: z.string(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
})
export type WaterSourceZone = z.infer<typeof WaterSourceZone>

/** `GET /api/water-source-zones?adcode=`: the zones of the counties of the scope (or of one county). */
export const WaterSourceZoneList = z.object({
  zones: z.array(WaterSourceZone),
  /** Monitoring points within this distance of a zone are listed in its info (WATER_SOURCE_NEAR_M, a local setting). */
  nearM: z.number(),
})
export type WaterSourceZoneList = z.infer<typeof WaterSourceZoneList>

/**
 * `POST /api/water-source-zones/import` (multipart: file, adcode, and optionally nameField, typeField, levelField,
 * approvalField, encoding, centralMeridian): the county's zones are replaced by the file's. A file with any refused
 * feature writes nothing: the refusal lists every feature at fault (422).
 */
export const WaterSourceImportResult = z.object({
  adcode: z.string(),
  fileName: z.string(),
  /** The fields read for each value. */
  fields: z.object({
    name: z.string().nullable(),
    type: z.string().nullable(),
    level: z.string().nullable(),
    approvalNo: z.string().nullable(),
  }),
  crs: z.string(),
  encoding: z.string().nullable(),
  removed: z.number().int(),
  added: z.number().int(),
  byLevel: z.object({ level1: z.number().int(), level2: z.number().int(), quasi: z.number().int() }),
  warnings: z.array(z.string()),
})
export type WaterSourceImportResult = z.infer<typeof WaterSourceImportResult>

/** `POST /api/water-source-zones/publication`: publish (发布) or withdraw (撤回) all zones of a county. */
export const WaterSourcePublication = z.object({
  adcode: z.string({ error: '请选择区县' }).regex(/^\d{6}$/, '区县代码应为 6 位数字'),
  published: z.boolean({ error: '请说明发布还是撤回（published 为 true 或 false）' }),
})
export type WaterSourcePublication = z.infer<typeof WaterSourcePublication>

export const WaterSourcePublicationResult = z.object({
  adcode: z.string(),
  published: z.boolean(),
  zones: z.number().int(),
})
export type WaterSourcePublicationResult = z.infer<typeof WaterSourcePublicationResult>

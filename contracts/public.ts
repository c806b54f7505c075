import { z } from 'zod'
import { Bbox } from './problems.ts'
import { SearchMatch, isSearchLongEnough, SEARCH_TOO_SHORT } from './map.ts'

/** `GET /api/public/search?q=`. */
export const PublicSearchQuery = z.object({
  q: z
    .string({ error: '请输入检索内容（区县、乡镇名称或代码，污染地块或管控区域名称、编号）' })
    .trim()
    .min(1, '请输入检索内容（区县、乡镇名称或代码，污染地块或管控区域名称、编号）')
    .refine((q) => q.length === 0 || isSearchLongEnough(q), SEARCH_TOO_SHORT)
    .max(50, '检索内容过长（最多 50 个字）'),
})

/** `?adcode=` of the public lists: one county, or all when left out. */
export const PublicCountyQuery = z.object({
  adcode: z
    .string({ error: '区县代码应为 6 位数字' })
    .regex(/^[1-9]\d{5}$/, '区县代码应为 6 位数字')
    .optional(),
})

/** Monitoring points of one level in a county. */
export const LevelCount = z.object({
  level: z.enum(['national', 'provincial', 'city', 'county']),
  levelName: z.string(),
  points: z.number().int(),
})
export type LevelCount = z.infer<typeof LevelCount>

/** A county with the coverage of its soil monitoring network (counts only). */
export const PublicCounty = z.object({
  adcode: z.string(),
  name: z.string(),
  city: z.string(),
  province: z.string(),
  bbox: Bbox,
  coverage: z.object({
    points: z.number().int(),
    byLevel: z.array(LevelCount),
    farmlandMu: z.number(),
    /** 亩 of farmland per monitoring point; null when the county has no point. */
    farmlandMuPerPoint: z.number().nullable(),
    /** By the coverage rule of the staff view (active points only). */
    isCovered: z.boolean(),
    verdictName: z.string(),
    /** Why the county is not covered (counts, point levels and 三调 class names only). */
    reasons: z.array(z.string()),
  }),
})
export type PublicCounty = z.infer<typeof PublicCounty>

/** `GET /api/public/counties`: the counties, their joint extent and the coverage rule in words. */
export const PublicCountiesResponse = z.object({
  counties: z.array(PublicCounty),
  bbox: Bbox.nullable(),
  rule: z.string(),
})
export type PublicCountiesResponse = z.infer<typeof PublicCountiesResponse>

/** The public lists a plot can be on. */
export const PublicListCode = z.enum(['suspected', 'contaminated', 'control', 'removed'])
export type PublicListCode = z.infer<typeof PublicListCode>

/** A published plot: only the fields the public may read. */
export const PublicPlot = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  formerIndustry: z.string().nullable(),
  status: z.string(),
  statusName: z.string(),
  list: PublicListCode,
  listName: z.string(),
  riskLevel: z.string().nullable(),
  riskLevelName: z.string().nullable(),
  negativeUses: z.array(z.object({ useCode: z.string(), useName: z.string(), basis: z.string() })),
  areaMu: z.number(),
  areaM2: z.number(),
  /** ISO 8601. */
  publishedAt: z.string(),
  bbox: Bbox,
  isSample: z.boolean(),
})
export type PublicPlot = z.infer<typeof PublicPlot>

/** `GET /api/public/plots`. */
export const PublicPlotsResponse = z.object({ plots: z.array(PublicPlot) })
export type PublicPlotsResponse = z.infer<typeof PublicPlotsResponse>

/** A published control zone with its announcement. */
export const PublicControlZone = z.object({
  id: z.number().int(),
  adcode: z.string(),
  county: z.string(),
  code: z.string(),
  name: z.string(),
  announcement: z.object({ number: z.string().nullable(), date: z.string().nullable(), text: z.string().nullable() }),
  monitoring: z.array(z.string()),
  plotCodes: z.array(z.string()),
  signs: z.array(z.object({ label: z.string(), lon: z.number(), lat: z.number() })),
  areaMu: z.number(),
  areaM2: z.number(),
  /** ISO 8601. */
  publishedAt: z.string(),
  bbox: Bbox,
  isSample: z.boolean(),
})
export type PublicControlZone = z.infer<typeof PublicControlZone>

/** `GET /api/public/control-zones`. */
export const PublicZonesResponse = z.object({ zones: z.array(PublicControlZone) })
export type PublicZonesResponse = z.infer<typeof PublicZonesResponse>

/** Kinds of things the public search finds. */
export const PublicSearchKind = z.enum(['county', 'township', 'plot', 'control-zone'])

/** One hit of `GET /api/public/search`; plots and zones carry their `id`. */
export const PublicSearchResult = z.object({
  kind: PublicSearchKind,
  kindName: z.string(),
  id: z.number().int().optional(),
  code: z.string(),
  name: z.string(),
  context: z.string(),
  bbox: Bbox,
  match: SearchMatch,
})
export type PublicSearchResult = z.infer<typeof PublicSearchResult>

/** A kind found by `GET /api/public/search`, with how many of it match in all. */
export const PublicSearchGroup = z.object({ kind: PublicSearchKind, kindName: z.string(), total: z.number().int() })
export type PublicSearchGroup = z.infer<typeof PublicSearchGroup>

/** `GET /api/public/search`: the hits, kind after kind in the order of `groups`, the best match first in each. */
export const PublicSearchResponse = z.object({
  results: z.array(PublicSearchResult),
  groups: z.array(PublicSearchGroup),
})
export type PublicSearchResponse = z.infer<typeof PublicSearchResponse>

import { z } from 'zod'
import { Bbox } from './problems.ts'
import { ReviewInfo } from './review.ts'

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

/** Fewest characters a search needs: one character would match nearly every code. */
export const SEARCH_MIN_CHARS = 2

/** The hint for a search text shorter than {@link SEARCH_MIN_CHARS}. */
export const SEARCH_TOO_SHORT = `检索内容太短：请至少输入 ${SEARCH_MIN_CHARS} 个字或字符（如“赫山”“DK0003”“0002500”）`

/** Whether a (trimmed) search text is long enough to be searched. */
export function isSearchLongEnough(text: string): boolean {
  return [...text].length >= SEARCH_MIN_CHARS
}

/** `GET /api/search?q=`. */
export const SearchQuery = z.object({
  q: z
    .string({ error: '请输入检索内容（区县、乡镇名称或代码，图斑编号，地块名称或编号，监测点位）' })
    .trim()
    .min(1, '请输入检索内容（区县、乡镇名称或代码，图斑编号，地块名称或编号，监测点位）')
    .refine((q) => q.length === 0 || isSearchLongEnough(q), SEARCH_TOO_SHORT)
    .max(50, '检索内容过长（最多 50 个字）'),
})

/** `:layer/:id` of `GET /api/features/:layer/:id`. */
export const FeatureParams = z.object({
  layer: z.string().regex(/^[a-z-]{1,40}$/, '图层名称无效'),
  id: z.string().regex(/^\d{1,15}$/, '要素编号应为数字'),
})

/** Kinds of things the search finds. */
export const SearchKind = z.enum(['county', 'township', 'parcel', 'plot', 'point'])
export type SearchKind = z.infer<typeof SearchKind>

/** How a hit matched: the whole name or code, its beginning, or a part elsewhere (ranked in this order). */
export const SearchMatch = z.enum(['exact', 'prefix', 'substring'])

/** One hit of `GET /api/search`. Parcels, plots and monitoring points carry the feature `id`. */
export const SearchResult = z.object({
  kind: SearchKind,
  kindName: z.string(),
  id: z.number().int().optional(),
  code: z.string(),
  name: z.string(),
  context: z.string(),
  bbox: Bbox,
  match: SearchMatch,
})
export type SearchResult = z.infer<typeof SearchResult>

/** A kind found by `GET /api/search`, with how many of it match in all (the results list at most a limit of each). */
export const SearchGroup = z.object({ kind: SearchKind, kindName: z.string(), total: z.number().int() })
export type SearchGroup = z.infer<typeof SearchGroup>

/** `GET /api/search`: the hits, kind after kind in the order of `groups`, the best match first in each. */
export const SearchResponse = z.object({ results: z.array(SearchResult), groups: z.array(SearchGroup) })
export type SearchResponse = z.infer<typeof SearchResponse>

/** One line of the info panel: a Chinese label and its value as shown. */
export const InfoField = z.object({ label: z.string(), value: z.string() })

/** `GET /api/features/{layer}/{id}`: a clicked feature described in Chinese; plots and zones carry their review block. */
export const FeatureInfo = z.object({
  layer: z.string(),
  layerName: z.string(),
  title: z.string(),
  fields: z.array(InfoField),
  bbox: Bbox,
  review: ReviewInfo.optional(),
})
export type FeatureInfo = z.infer<typeof FeatureInfo>

/** `GET /api/health`: the database behind the server and what it holds. */
export const HealthResponse = z.object({
  status: z.literal('ok'),
  mode: z.enum(['embedded', 'server']),
  modeName: z.string(),
  postgresVersion: z.string(),
  postgisVersion: z.string(),
  counties: z.number().int(),
  parcels: z.number().int(),
})
export type HealthResponse = z.infer<typeof HealthResponse>

/** How a legend entry is drawn. */
export const LegendKind = z.enum(['fill', 'line', 'circle', 'hatch'])
export type LegendKind = z.infer<typeof LegendKind>

/** One legend entry of a layer group. */
export const LegendItem = z.object({ label: z.string(), color: z.string(), kind: LegendKind })
export type LegendItem = z.infer<typeof LegendItem>

/** A layer group of a style (`metadata["soil:groups"]` of `/style.json`): toggled and explained as one unit. */
export const LayerGroup = z.object({
  id: z.string(),
  name: z.string(),
  visible: z.boolean(),
  legend: z.array(LegendItem),
})
export type LayerGroup = z.infer<typeof LayerGroup>

/** `GET /api/map/versions` and `/api/public/map/versions`: the data version of each tile layer. */
export const TileVersions = z.object({ versions: z.record(z.string(), z.number().int()) })
export type TileVersions = z.infer<typeof TileVersions>

import { z } from 'zod'
import {
  REGISTRY_LIST_CODES,
  isRegistryListCode,
  type RegistryListCode,
} from '../server/src/domain/list-announcement.ts'

/** `:list/:jurisdiction` of `/api/registry-lists/…` and the public feed. */
export const ListParams = z.object({
  list: z
    .string()
    .refine(
      isRegistryListCode,
      `名录应为 ${REGISTRY_LIST_CODES.join('、')} 之一（疑似污染地块名单、污染地块名录、风险管控和修复名录）`,
    )
    .transform((s) => s as RegistryListCode),
  jurisdiction: z.string().regex(/^\d{6}$/, '辖区代码应为 6 位数字'),
})

/** `:list/:jurisdiction/versions/:version`. */
export const VersionParams = ListParams.extend({
  version: z
    .string()
    .regex(/^\d{1,9}$/, '版本号应为数字')
    .transform(Number),
})

/** `POST /api/registry-lists/:list/:jurisdiction/publish`: the last version the officer previewed against. */
export const PublishBody = z.object({
  expectedVersion: z
    .number({ error: '请提供预览时的最新版本号（expectedVersion，尚未发布过时为 0）' })
    .int()
    .min(0, '版本号不能为负'),
})

/** The three published lists (一名单二名录). */
export const ListCode = z.enum(REGISTRY_LIST_CODES)
export type ListCode = z.infer<typeof ListCode>

/** One negative-list line as published. */
const ListNegativeUse = z.object({ useCode: z.string(), useName: z.string(), basis: z.string() })

/** One plot on a published list: public fields only. */
export const ListEntry = z.object({
  code: z.string(),
  name: z.string(),
  adcode: z.string(),
  county: z.string(),
  status: z.string(),
  statusName: z.string(),
  riskLevel: z.string().nullable(),
  riskLevelName: z.string().nullable(),
  address: z.string().nullable(),
  areaMu: z.number(),
  negativeList: z.array(ListNegativeUse),
})
export type ListEntry = z.infer<typeof ListEntry>

/** A plot removed from a list since the last version: the list it is on now (null: none any more) and why. */
export const RemovedEntry = ListEntry.extend({
  movedTo: z.enum([...REGISTRY_LIST_CODES, 'removed']).nullable(),
  reason: z.string(),
})
export type RemovedEntry = z.infer<typeof RemovedEntry>

/** Counts of a batch announcement. */
export const ListCounts = z.object({ added: z.number(), kept: z.number(), removed: z.number(), total: z.number() })
export type ListCounts = z.infer<typeof ListCounts>

/** What a version announces against the one before (0 for the first). */
export const ListAnnouncement = z.object({
  previousVersion: z.number(),
  added: z.array(ListEntry),
  kept: z.array(ListEntry),
  removed: z.array(RemovedEntry),
  counts: ListCounts,
})
export type ListAnnouncement = z.infer<typeof ListAnnouncement>

/** Who published a version and when. */
const VersionHead = z.object({
  version: z.number(),
  publishedAt: z.string(),
  publishedBy: z.string(),
  publishedByName: z.string(),
})

/** The list, its keeper and legal basis, and the jurisdiction. */
const ListRef = z.object({
  list: ListCode,
  listName: z.string(),
  keeper: z.string(),
  basis: z.string(),
  jurisdiction: z.string(),
  jurisdictionName: z.string(),
})

/** The last (or one) published version of a list, with its counts. */
export const ListVersion = VersionHead.extend({ counts: ListCounts })
export type ListVersion = z.infer<typeof ListVersion>

/** One list of one jurisdiction the user may see. */
export const RegistryList = ListRef.extend({
  level: z.string(),
  levelName: z.string(),
  canPublish: z.boolean(),
  lastVersion: ListVersion.nullable(),
  feedUrl: z.string(),
})
export type RegistryList = z.infer<typeof RegistryList>

/** `GET /api/registry-lists`. */
export const RegistryListsResponse = z.object({ items: z.array(RegistryList) })
export type RegistryListsResponse = z.infer<typeof RegistryListsResponse>

/** `GET /api/registry-lists/:list/:jurisdiction/preview`: the version a publish would make now; nothing is saved. */
export const ListPreview = ListRef.extend({
  lastVersion: VersionHead.nullable(),
  nextVersion: z.number(),
  isChanged: z.boolean(),
  unpublishedPlots: z.number(),
  /** Why some plots of the jurisdiction are not (or not as they are now) in the preview. */
  unpublishedNote: z.string().nullable(),
  entries: z.array(ListEntry),
  announcement: ListAnnouncement,
})
export type ListPreview = z.infer<typeof ListPreview>

/** `GET /api/registry-lists/:list/:jurisdiction/versions/:version` and `POST …/publish` (201). */
export const PublishedVersion = ListRef.merge(VersionHead).extend({
  entries: z.array(ListEntry),
  announcement: ListAnnouncement,
})
export type PublishedVersion = z.infer<typeof PublishedVersion>

/** `GET /api/registry-lists/:list/:jurisdiction/versions`: newest first. */
export const ListVersionsResponse = ListRef.extend({
  items: z.array(ListVersion.extend({ csvUrl: z.string() })),
})
export type ListVersionsResponse = z.infer<typeof ListVersionsResponse>

/** `GET /api/public/registry-lists/:list/:jurisdiction/feed.json`: the latest versions, no staff names. */
export const ListFeed = ListRef.extend({
  latestVersion: z.number(),
  versions: z.array(
    z.object({
      version: z.number(),
      publishedAt: z.string(),
      entries: z.array(ListEntry),
      announcement: ListAnnouncement,
    }),
  ),
})
export type ListFeed = z.infer<typeof ListFeed>

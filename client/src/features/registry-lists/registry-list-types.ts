import { REGISTRY_LISTS, type RegistryListCode } from '../../../../server/src/domain/list-announcement.ts'

/** The three published lists (一名单二名录). */
export type ListCode = RegistryListCode

/** Names of the lists when the server gives none. */
export const LIST_NAME = Object.fromEntries(
  Object.entries(REGISTRY_LISTS).map(([code, l]) => [code, l.name]),
) as Record<ListCode, string>

/** Who publishes each list (县级 / 市级 / 省级). */
export const LIST_LEVEL: Record<ListCode, string> = { suspected: '县级', contaminated: '市级', control: '省级' }

/** One plot on a list: public fields only. */
export interface ListEntry {
  code: string
  name: string
  adcode?: string
  county?: string
  status?: string
  statusName?: string
  riskLevel?: string | null
  riskLevelName?: string | null
  address?: string | null
  areaMu?: number | null
  /** Only for 移出: why the plot left the list. */
  reason?: string
}

/** Counts of a batch announcement. */
export interface ListCounts {
  added: number
  kept: number
  removed: number
  total: number
}

/** The last (or one) published version of a list. */
export interface ListVersion {
  version: number
  publishedAt: string
  publishedBy?: string
  publishedByName?: string
  counts?: ListCounts
}

/** One list of one jurisdiction the user may see (`GET /api/registry-lists`). */
export interface RegistryList {
  list: ListCode
  listName: string
  jurisdiction: string
  jurisdictionName: string
  keeper?: string
  basis?: string
  lastVersion: ListVersion | null
  canPublish?: boolean
}

/** `GET /api/registry-lists/:list/:jurisdiction/preview`: the announcement a publish would make now. */
export interface ListPreview {
  previousVersion: number
  added: ListEntry[]
  kept: ListEntry[]
  removed: ListEntry[]
  counts: ListCounts
  isUnchanged?: boolean
  /** Why some plots of the jurisdiction are not (or not as they are now) in the preview: their state is not published yet. */
  unpublishedNote?: string | null
}

type Loose = Record<string, any>

function countsOf(raw: Loose | undefined): ListCounts | undefined {
  if (!raw) return undefined
  return {
    added: Number(raw.added ?? 0),
    kept: Number(raw.kept ?? 0),
    removed: Number(raw.removed ?? 0),
    total: Number(raw.total ?? 0),
  }
}

/** A version from the server, whatever it nests (`announcement.counts` or `counts`). */
export function normalizeVersion(raw: Loose | null | undefined): ListVersion | null {
  if (!raw || raw.version === undefined) return null
  return {
    version: Number(raw.version),
    publishedAt: raw.publishedAt,
    publishedBy: raw.publishedBy,
    publishedByName: raw.publishedByName ?? raw.publishedBy,
    counts: countsOf(raw.counts ?? raw.announcement?.counts),
  }
}

/** The lists of `GET /api/registry-lists`, whatever the key of the answer. */
export function normalizeLists(answer: Loose): RegistryList[] {
  const items: Loose[] = answer.lists ?? answer.items ?? []
  return items.map((l) => ({
    list: l.list ?? l.listCode ?? l.code,
    listName: l.listName ?? LIST_NAME[(l.list ?? l.listCode ?? l.code) as ListCode],
    jurisdiction: l.jurisdiction,
    jurisdictionName: l.jurisdictionName ?? l.jurisdiction,
    keeper: l.keeper,
    basis: l.basis,
    lastVersion: normalizeVersion(l.lastVersion ?? l.last ?? null),
    canPublish: l.canPublish,
  }))
}

/** A preview from the server (the announcement may be nested). */
export function normalizePreview(answer: Loose): ListPreview {
  const a: Loose = answer.announcement ?? answer
  return {
    previousVersion: Number(a.previousVersion ?? answer.previousVersion ?? 0),
    added: a.added ?? [],
    kept: a.kept ?? [],
    removed: a.removed ?? [],
    counts: countsOf(a.counts) ?? {
      added: (a.added ?? []).length,
      kept: (a.kept ?? []).length,
      removed: (a.removed ?? []).length,
      total: (a.added ?? []).length + (a.kept ?? []).length,
    },
    isUnchanged: answer.isChanged === false || answer.isUnchanged === true,
    unpublishedNote: typeof answer.unpublishedNote === 'string' ? answer.unpublishedNote : null,
  }
}

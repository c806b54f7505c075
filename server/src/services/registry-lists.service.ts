import type { Database, Queryable } from '../db/database.ts'
import {
  REGISTRY_LISTS,
  REGISTRY_LIST_CODES,
  announcementCsv,
  diffAnnouncement,
  isSameEntries,
  jurisdictionOf,
  jurisdictionProblem,
  toListEntry,
  type ListAnnouncement,
  type ListEntry,
  type RegistryListCode,
} from '../domain/list-announcement.ts'
import { negativeListOf } from '../domain/negative-list.ts'
import { PUBLIC_LISTS, publicArea } from '../domain/public-fields.ts'
import { can } from '../domain/rights.ts'
import { scopePrefix, scopeWithin } from '../domain/roles.ts'
import { scopeAdcodes } from '../domain/scope.ts'
import { AppError } from '../domain/errors.ts'
import {
  countUnpublished,
  findJurisdictionCounty,
  findLastVersion,
  findPublishedStatuses,
  findVersion,
  insertChange,
  insertVersion,
  listFeed,
  listListEntries,
  listScopeCounties,
  listVersions,
  lockList,
  type CountyNames,
  type EntryRow,
} from '../repos/registry.repo.ts'
import type { AuthContext } from './auth.service.ts'
import { formatChangedAt } from '../domain/changed-at.ts'
import type {
  ListFeed,
  ListPreview,
  ListVersionsResponse,
  PublishedVersion,
  RegistryListsResponse,
} from '../../../contracts/registry-lists.ts'

/** A list of one jurisdiction, as named in messages and answers. */
export interface ListRef {
  list: RegistryListCode
  jurisdiction: string
  jurisdictionName: string
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString())

function jurisdictionName(list: RegistryListCode, c: CountyNames): string {
  if (list === 'suspected') return `${c.city}${c.name}`
  if (list === 'contaminated') return c.city
  return c.province
}

/** The list and jurisdiction of a path: the code must fit the list's level and name a place of this system. */
export async function resolveList(db: Queryable, list: RegistryListCode, jurisdiction: string): Promise<ListRef> {
  const problem = jurisdictionProblem(list, jurisdiction)
  if (problem) throw new AppError('VALIDATION', problem)
  const county = await findJurisdictionCounty(db, scopePrefix(jurisdiction))
  if (!county)
    throw new AppError('NOT_FOUND', `本系统没有辖区代码为 ${jurisdiction} 的${REGISTRY_LISTS[list].levelName}行政区`)
  return { list, jurisdiction, jurisdictionName: jurisdictionName(list, county) }
}

/** Reading a list needs a county of the jurisdiction in the user's scope. */
function assertMayRead(ctx: AuthContext, ref: ListRef): void {
  const prefix = scopePrefix(ref.jurisdiction)
  if (scopeAdcodes(ctx).some((a) => a.startsWith(prefix))) return
  const own = ctx.user.counties.map((c) => c.name).join('、') || '无'
  throw new AppError(
    'OUT_OF_SCOPE',
    `无权查看${ref.jurisdictionName}的${REGISTRY_LISTS[ref.list].name}；您的管辖范围：${own}`,
  )
}

/** Publishing needs the environment role with a scope that covers the whole jurisdiction. */
function assertMayPublish(ctx: AuthContext, ref: ListRef): void {
  if (scopeWithin(ref.jurisdiction, ctx.user.scopes)) return
  const def = REGISTRY_LISTS[ref.list]
  throw new AppError(
    'OUT_OF_SCOPE',
    `${ref.jurisdictionName}的${def.name}由${def.keeper}发布，您的管辖范围（${ctx.user.counties.map((c) => c.name).join('、') || '无'}）不覆盖${ref.jurisdictionName}`,
  )
}

function entryOf(row: EntryRow): ListEntry {
  const negative = negativeListOf(
    row.status,
    row.negative_uses.map((n) => ({ useCode: n.useCode, basis: n.basis, reason: null })),
  ).map((n) => ({ useCode: n.useCode, useName: n.useName, basis: n.basis }))
  return toListEntry(row, negative, publicArea(row.area_m2).areaMu)
}

/** The plots on the list now (published plots only) and the announcement against the last version. */
async function draftVersion(db: Queryable, ref: ListRef) {
  const prefix = scopePrefix(ref.jurisdiction)
  const [rows, last] = await Promise.all([
    listListEntries(db, prefix, PUBLIC_LISTS[ref.list].statuses),
    findLastVersion(db, ref.list, ref.jurisdiction),
  ])
  const entries = rows.map(entryOf)
  const previous = last ? { version: last.version, entries: last.entries as ListEntry[] } : null
  const gone = (previous?.entries ?? []).filter((e) => !entries.some((n) => n.code === e.code)).map((e) => e.code)
  const announcement = diffAnnouncement(ref.list, previous, entries, await findPublishedStatuses(db, prefix, gone))
  return { entries, announcement, last }
}

function describeHead(
  head: { version: number; published_at: Date; published_by: string; published_by_name: string } | undefined,
) {
  if (!head) return null
  return {
    version: head.version,
    publishedAt: iso(head.published_at),
    publishedBy: head.published_by,
    publishedByName: head.published_by_name,
  }
}

/** The lists and jurisdictions of the user's counties, with their last version and whether this user may publish. */
export async function listRegistryListsFor(db: Database, ctx: AuthContext): Promise<RegistryListsResponse> {
  const counties = await listScopeCounties(db, scopeAdcodes(ctx))
  const refs = new Map<string, ListRef>()
  for (const list of REGISTRY_LIST_CODES) {
    for (const c of counties) {
      const jurisdiction = jurisdictionOf(list, c.adcode)
      refs.set(`${list}/${jurisdiction}`, { list, jurisdiction, jurisdictionName: jurisdictionName(list, c) })
    }
  }
  const items = []
  for (const ref of refs.values()) {
    const [last] = await listVersions(db, ref.list, ref.jurisdiction, 1)
    const def = REGISTRY_LISTS[ref.list]
    items.push({
      list: ref.list,
      listName: def.name,
      level: def.level,
      levelName: def.levelName,
      keeper: def.keeper,
      basis: def.basis,
      jurisdiction: ref.jurisdiction,
      jurisdictionName: ref.jurisdictionName,
      canPublish: can(ctx.user.role, 'list.publish') && scopeWithin(ref.jurisdiction, ctx.user.scopes),
      lastVersion: last ? { ...describeHead(last)!, counts: last.counts } : null,
      feedUrl: `/api/public/registry-lists/${ref.list}/${ref.jurisdiction}/feed.json`,
    })
  }
  return { items }
}

/** 预览: what the next version would hold and announce; nothing is saved. */
export async function previewList(db: Database, ctx: AuthContext, ref: ListRef): Promise<ListPreview> {
  assertMayRead(ctx, ref)
  const { entries, announcement, last } = await draftVersion(db, ref)
  const unpublished = await countUnpublished(db, scopePrefix(ref.jurisdiction), PUBLIC_LISTS[ref.list].statuses)
  return {
    ...describeRef(ref),
    lastVersion: describeHead(last),
    nextVersion: (last?.version ?? 0) + 1,
    isChanged: !last || !isSameEntries(last.entries as ListEntry[], entries),
    unpublishedPlots: unpublished,
    unpublishedNote: unpublished
      ? `另有 ${unpublished} 个地块的当前状态尚未审定发布，名录按其已发布的信息列出（未发布过的不列入）；如需列入最新状态，请先完成审定发布`
      : null,
    entries,
    announcement,
  }
}

function describeRef(ref: ListRef) {
  const def = REGISTRY_LISTS[ref.list]
  return {
    list: ref.list,
    listName: def.name,
    keeper: def.keeper,
    basis: def.basis,
    jurisdiction: ref.jurisdiction,
    jurisdictionName: ref.jurisdictionName,
  }
}

/**
 * 发布新版本: under the list's lock, the version the officer previewed must still be the last one (else 409 with who
 * published meanwhile); a version that says nothing new is refused; the version and its history row are one
 * transaction.
 */
export async function publishList(
  db: Database,
  ctx: AuthContext,
  ref: ListRef,
  expectedVersion: number,
): Promise<PublishedVersion> {
  assertMayPublish(ctx, ref)
  const def = REGISTRY_LISTS[ref.list]
  return db.transaction(async (tx) => {
    await lockList(tx, ref.list, ref.jurisdiction)
    const { entries, announcement, last } = await draftVersion(tx, ref)
    const current = last?.version ?? 0
    if (current !== expectedVersion) {
      const by = last
        ? `已由 ${last.published_by_name}（${last.published_by}）于 ${formatChangedAt(last.published_at)} 发布第 ${current} 版`
        : `当前还没有发布过任何版本`
      throw new AppError(
        'CONFLICT',
        `${ref.jurisdictionName}的${def.name}${by}（您预览的是基于第 ${expectedVersion} 版的变化），请刷新预览后再发布`,
        {
          currentVersion: current,
          publishedBy: last?.published_by ?? null,
          publishedByName: last?.published_by_name ?? null,
          publishedAt: last?.published_at ?? null,
        },
      )
    }
    if (last && isSameEntries(last.entries as ListEntry[], entries)) {
      throw new AppError(
        'CONFLICT',
        `${ref.jurisdictionName}的${def.name}与第 ${current} 版相比没有新增、移出或信息变化，无需发布新版本`,
        { currentVersion: current },
      )
    }
    const version = current + 1
    const saved = await insertVersion(tx, ref.list, ref.jurisdiction, version, ctx.user.username, entries, announcement)
    await insertChange(tx, {
      adcode: ref.jurisdiction,
      entity: 'registry_list_version',
      entityId: Number(saved.id),
      action: 'publish_list',
      actor: ctx.user.username,
      reason: null,
      before: { list: ref.list, jurisdiction: ref.jurisdiction, version: current },
      after: { list: ref.list, jurisdiction: ref.jurisdiction, version, counts: announcement.counts },
    })
    return {
      ...describeRef(ref),
      version,
      publishedAt: iso(saved.published_at),
      publishedBy: ctx.user.username,
      publishedByName: ctx.user.displayName,
      entries,
      announcement,
    }
  })
}

/** The versions of a list, newest first, with their counts. */
export async function listVersionsOf(db: Database, ctx: AuthContext, ref: ListRef): Promise<ListVersionsResponse> {
  assertMayRead(ctx, ref)
  const rows = await listVersions(db, ref.list, ref.jurisdiction, 1000)
  return {
    ...describeRef(ref),
    items: rows.map((r) => ({
      ...describeHead(r)!,
      counts: r.counts,
      csvUrl: `/api/registry-lists/${ref.list}/${ref.jurisdiction}/versions/${r.version}/announcement.csv`,
    })),
  }
}

async function versionOf(db: Database, ref: ListRef, version: number) {
  const row = await findVersion(db, ref.list, ref.jurisdiction, version)
  if (!row)
    throw new AppError('NOT_FOUND', `${ref.jurisdictionName}的${REGISTRY_LISTS[ref.list].name}没有第 ${version} 版`)
  return row
}

/** One published version in full. */
export async function getVersion(
  db: Database,
  ctx: AuthContext,
  ref: ListRef,
  version: number,
): Promise<PublishedVersion> {
  assertMayRead(ctx, ref)
  const row = await versionOf(db, ref, version)
  return {
    ...describeRef(ref),
    ...describeHead(row)!,
    entries: row.entries as ListEntry[],
    announcement: row.announcement as ListAnnouncement,
  }
}

/** The announcement CSV of a version and its download names. */
export async function announcementCsvOf(db: Database, ctx: AuthContext, ref: ListRef, version: number) {
  assertMayRead(ctx, ref)
  const row = await versionOf(db, ref, version)
  const publishedAt = formatChangedAt(row.published_at)
  return {
    csv: announcementCsv(
      { list: ref.list, jurisdictionName: ref.jurisdictionName, version, publishedAt },
      row.announcement as ListAnnouncement,
    ),
    fileName: {
      utf8: `${ref.jurisdictionName}${REGISTRY_LISTS[ref.list].name}_第${version}版公告.csv`,
      ascii: `registry_${ref.list}_${ref.jurisdiction}_v${version}.csv`,
    },
  }
}

/** The public feed: the latest published versions with their announcements; nothing unpublished, no staff names. */
export async function publicFeed(db: Database, ref: ListRef, limit: number): Promise<ListFeed> {
  const rows = await listFeed(db, ref.list, ref.jurisdiction, limit)
  return {
    ...describeRef(ref),
    latestVersion: rows[0]?.version ?? 0,
    versions: rows.map((r) => ({
      version: r.version,
      publishedAt: iso(r.published_at),
      entries: r.entries as ListEntry[],
      announcement: r.announcement as ListAnnouncement,
    })),
  }
}

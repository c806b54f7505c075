import type { Geometry, MultiPolygon, Polygon } from 'geojson'
import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { ListAnnouncement } from '../domain/list-announcement.ts'
import type { EnterpriseStatus } from '../domain/enterprise-proposal.ts'

/** Control zones, supervised enterprises, plot proposals and published list versions: one function per query. */

type Geo = Polygon | MultiPolygon
const json = (g: Geo) => JSON.stringify(g)
const q = async <R extends Record<string, any>>(db: Queryable, name: string, values: unknown[]) =>
  (await db.query<R>(sqlFile(`registry/${name}`), values)).rows

export interface ZoneListRow {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  review_status: string
  version: number
  updated_at: Date
  announcement_no: string | null
  area_m2: number
  is_generated: boolean
  plot_count: number
  sign_count: number
}
export interface ZoneRow {
  id: number
  adcode: string
  county_name: string
  county: string
  code: string
  name: string
  review_status: string
  review_reason: string | null
  version: number
  published_version: number
  updated_at: Date
  is_generated: boolean
  announcement_no: string | null
  announcement_date: string | null
  announcement_text: string | null
  monitor_soil: boolean
  monitor_surface_water: boolean
  monitor_groundwater: boolean
  monitor_air: boolean
  area_m2: number
  geometry: MultiPolygon
}
export interface LockedZone {
  id: number
  adcode: string
  county_name: string
  code: string
  name: string
  review_status: string
  version: number
}
export interface ZonePlotRow {
  id: number
  code: string
  name: string
  status: string
  review_status: string
}
export interface ZoneSignRow {
  id: number
  label: string
  lon: number
  lat: number
  distance_m: number
}
export interface CandidatePlotRow {
  id: number
  adcode: string
  county_name: string
  code: string
  name: string
  status: string
  is_in_zone: boolean
}
export interface ZoneValues {
  name: string
  geometry: Geo
  announcementNo: string | null
  announcementDate: string | null
  announcementText: string | null
  monitorSoil: boolean
  monitorSurfaceWater: boolean
  monitorGroundwater: boolean
  monitorAir: boolean
}

export const listZones = (db: Queryable, adcodes: string[]) => q<ZoneListRow>(db, 'list-zones', [adcodes])
export const findZone = async (db: Queryable, id: number) => (await q<ZoneRow>(db, 'find-zone', [id]))[0]
export const lockZone = async (db: Queryable, id: number) => (await q<LockedZone>(db, 'lock-zone', [id]))[0]
export const listZonePlots = (db: Queryable, adcode: string, zoneId: number) =>
  q<ZonePlotRow>(db, 'zone-plots', [adcode, zoneId])
export const listZoneSigns = (db: Queryable, adcode: string, zoneId: number) =>
  q<ZoneSignRow>(db, 'zone-signs', [adcode, zoneId])
export const findZonePlots = (db: Queryable, ids: number[], zone: Geo) =>
  q<CandidatePlotRow>(db, 'find-zone-plots', [ids, json(zone)])

export async function measureSigns(db: Queryable, zone: Geo, signs: { lon: number; lat: number }[]): Promise<number[]> {
  if (!signs.length) return []
  const rows = await q<{ index: number; distance_m: number }>(db, 'measure-signs', [
    json(zone),
    signs.map((s) => s.lon),
    signs.map((s) => s.lat),
  ])
  return rows.map((r) => r.distance_m)
}

export const nextZoneNumber = async (tx: Queryable, adcode: string) =>
  Number((await q<{ next: number }>(tx, 'next-zone-number', [adcode]))[0].next)

const zoneParams = (v: ZoneValues) => [
  v.name,
  json(v.geometry),
  v.announcementNo,
  v.announcementDate,
  v.announcementText,
  v.monitorSoil,
  v.monitorSurfaceWater,
  v.monitorGroundwater,
  v.monitorAir,
]

export async function insertZone(tx: Queryable, adcode: string, code: string, v: ZoneValues): Promise<number> {
  return Number((await q<{ id: number }>(tx, 'insert-zone', [adcode, code, ...zoneParams(v)]))[0].id)
}

export async function updateZone(tx: Queryable, adcode: string, id: number, v: ZoneValues): Promise<number> {
  return (await q<{ version: number }>(tx, 'update-zone', [adcode, id, ...zoneParams(v)]))[0].version
}

export async function replaceZonePlots(
  tx: Queryable,
  adcode: string,
  zoneId: number,
  plotIds: number[],
): Promise<void> {
  await q(tx, 'replace-zone-plots', [adcode, zoneId, plotIds])
}

export async function replaceZoneSigns(
  tx: Queryable,
  adcode: string,
  zoneId: number,
  signs: { label: string; lon: number; lat: number }[],
): Promise<void> {
  await q(tx, 'delete-zone-signs', [adcode, zoneId])
  if (signs.length)
    await q(tx, 'insert-zone-signs', [
      adcode,
      zoneId,
      signs.map((s) => s.label),
      signs.map((s) => s.lon),
      signs.map((s) => s.lat),
    ])
}

export interface LastChange {
  actor: string
  actor_name: string
  changed_at: Date
  action: string
}
export const findLastChange = async (db: Queryable, entity: string, id: number) =>
  (await q<LastChange>(db, 'last-change', [entity, id]))[0]

export interface HistoryRow {
  adcode: string
  entity: string
  entityId: number
  action: string
  actor: string
  reason: string | null
  before: unknown
  after: unknown
}

/** One change_history row (any action, including propose, confirm, dismiss and publish_list). */
export async function insertChange(tx: Queryable, h: HistoryRow): Promise<void> {
  await tx.query(sqlFile('review/insert-history'), [
    h.adcode,
    h.entity,
    h.entityId,
    h.action,
    h.actor,
    h.reason,
    h.before === null ? null : JSON.stringify(h.before),
    h.after === null ? null : JSON.stringify(h.after),
  ])
}

export interface EnterpriseListRow {
  id: number
  adcode: string
  county: string
  credit_code: string
  name: string
  industry: string
  /** The officer's words when the industry is 其他 ('other'). */
  industry_other: string | null
  status: EnterpriseStatus
  version: number
  updated_at: Date
  area_m2: number
  is_generated: boolean
  pending_proposal_id: number | null
  bbox: [number, number, number, number]
}
export interface EnterpriseRow {
  id: number
  adcode: string
  county_name: string
  county: string
  credit_code: string
  name: string
  industry: string
  /** The officer's words when the industry is 其他 ('other'). */
  industry_other: string | null
  status: EnterpriseStatus
  version: number
  updated_at: Date
  area_m2: number
  is_generated: boolean
  geometry: MultiPolygon
}
export interface LockedEnterprise {
  id: number
  adcode: string
  county_name: string
  credit_code: string
  name: string
  industry: string
  status: string
  version: number
  geometry: MultiPolygon
}
export interface EnterpriseValues {
  creditCode: string
  name: string
  industry: string
  status: string
  geometry: Geo
}

export const listEnterprises = (db: Queryable, adcodes: string[], status: string | null, industry: string | null) =>
  q<EnterpriseListRow>(db, 'list-enterprises', [adcodes, status, industry])
export const findEnterprise = async (db: Queryable, id: number) =>
  (await q<EnterpriseRow>(db, 'find-enterprise', [id]))[0]
export const lockEnterprise = async (db: Queryable, id: number) =>
  (await q<LockedEnterprise>(db, 'lock-enterprise', [id]))[0]
export const findEnterpriseByCreditCode = async (
  db: Queryable,
  adcode: string,
  creditCode: string,
  exceptId: number | null,
) => (await q<{ id: number; name: string }>(db, 'find-enterprise-by-credit-code', [adcode, creditCode, exceptId]))[0]

export async function insertEnterprise(tx: Queryable, adcode: string, v: EnterpriseValues): Promise<number> {
  return Number(
    (
      await q<{ id: number }>(tx, 'insert-enterprise', [
        adcode,
        v.creditCode,
        v.name,
        v.industry,
        v.status,
        json(v.geometry),
      ])
    )[0].id,
  )
}

export async function updateEnterprise(
  tx: Queryable,
  adcode: string,
  id: number,
  v: EnterpriseValues,
): Promise<number> {
  return (
    await q<{ version: number }>(tx, 'update-enterprise', [
      adcode,
      id,
      v.creditCode,
      v.name,
      v.industry,
      v.status,
      json(v.geometry),
    ])
  )[0].version
}

export const findOpenProposal = async (db: Queryable, adcode: string, enterpriseId: number) =>
  (
    await q<{ id: number; status: 'pending' | 'confirmed'; plot_code: string | null }>(db, 'find-open-proposal', [
      adcode,
      enterpriseId,
    ])
  )[0]

export async function insertProposal(
  tx: Queryable,
  adcode: string,
  enterpriseId: number,
  actor: string,
): Promise<number> {
  return Number((await q<{ id: number }>(tx, 'insert-proposal', [adcode, enterpriseId, actor]))[0].id)
}

export interface ProposalRow {
  id: number
  adcode: string
  county: string
  enterprise_id: number
  enterprise_name: string
  credit_code: string
  industry: string
  enterprise_status: string
  status: 'pending' | 'confirmed' | 'dismissed'
  created_at: Date
  created_by: string
  created_by_name: string
  decided_by: string | null
  decided_by_name: string | null
  decided_at: Date | null
  reason: string | null
  plot_id: number | null
  plot_code: string | null
  area_m2: number
  geometry: Geometry
}
export const listProposals = (
  db: Queryable,
  adcodes: string[],
  statuses: string[],
  enterpriseId: number | null,
  id: number | null = null,
) => q<ProposalRow>(db, 'list-proposals', [adcodes, statuses, enterpriseId, id])

export interface LockedProposal {
  id: number
  adcode: string
  county_name: string
  enterprise_id: number
  enterprise_name: string
  industry: string
  status: 'pending' | 'confirmed' | 'dismissed'
  decided_by: string | null
  decided_by_name: string | null
  decided_at: Date | null
}
export const lockProposal = async (tx: Queryable, id: number) => (await q<LockedProposal>(tx, 'lock-proposal', [id]))[0]

export async function decideProposal(
  tx: Queryable,
  adcode: string,
  id: number,
  status: 'confirmed' | 'dismissed',
  actor: string,
  reason: string | null,
  plotId: number | null,
): Promise<void> {
  await q(tx, 'decide-proposal', [adcode, id, status, actor, reason, plotId])
}

export interface CountyNames {
  adcode: string
  name: string
  city_code: string
  city: string
  province: string
}
export const listScopeCounties = (db: Queryable, adcodes: string[]) =>
  q<CountyNames>(db, 'list-scope-jurisdictions', [adcodes])
export const findJurisdictionCounty = async (db: Queryable, prefix: string) =>
  (await q<CountyNames>(db, 'find-jurisdiction', [prefix]))[0]

export interface EntryRow {
  code: string
  name: string
  adcode: string
  county: string
  status: string
  risk_level: string | null
  address: string | null
  area_m2: number
  negative_uses: { useCode: string; basis: string }[]
}
export const listListEntries = (db: Queryable, prefix: string, statuses: readonly string[]) =>
  q<EntryRow>(db, 'list-entries', [prefix, statuses])
export async function countUnpublished(db: Queryable, prefix: string, statuses: readonly string[]): Promise<number> {
  return (await q<{ count: number }>(db, 'count-unpublished', [prefix, statuses]))[0].count
}
export async function findPublishedStatuses(
  db: Queryable,
  prefix: string,
  codes: string[],
): Promise<Map<string, string>> {
  if (!codes.length) return new Map()
  return new Map(
    (await q<{ code: string; status: string }>(db, 'published-status', [prefix, codes])).map((r) => [r.code, r.status]),
  )
}

export async function lockList(tx: Queryable, list: string, jurisdiction: string): Promise<void> {
  await q(tx, 'lock-list', [list, jurisdiction])
}

export interface VersionHead {
  version: number
  published_at: Date
  published_by: string
  published_by_name: string
}
export const findLastVersion = async (db: Queryable, list: string, jurisdiction: string) =>
  (await q<VersionHead & { entries: unknown[] }>(db, 'last-version', [list, jurisdiction]))[0]
export const listVersions = (db: Queryable, list: string, jurisdiction: string, limit: number) =>
  q<VersionHead & { counts: ListAnnouncement['counts'] }>(db, 'list-versions', [list, jurisdiction, limit])
export const findVersion = async (db: Queryable, list: string, jurisdiction: string, version: number) =>
  (
    await q<VersionHead & { entries: unknown[]; announcement: unknown }>(db, 'find-version', [
      list,
      jurisdiction,
      version,
    ])
  )[0]
export async function insertVersion(
  tx: Queryable,
  list: string,
  jurisdiction: string,
  version: number,
  actor: string,
  entries: unknown,
  announcement: unknown,
) {
  return (
    await q<{ id: number; version: number; published_at: Date }>(tx, 'insert-version', [
      list,
      jurisdiction,
      version,
      actor,
      JSON.stringify(entries),
      JSON.stringify(announcement),
    ])
  )[0]
}
export const listFeed = (db: Queryable, list: string, jurisdiction: string, limit: number) =>
  q<{ version: number; published_at: Date; entries: unknown[]; announcement: unknown }>(db, 'feed', [
    list,
    jurisdiction,
    limit,
  ])

import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { BanZoneBasisLine, BanZoneParcel } from '../domain/ban-zone.ts'
import type { ReviewStatus } from '../domain/review-workflow.ts'

/** 特定农产品禁止生产区域: one function per query. */
const q = (name: string) => sqlFile(`ban-zones/${name}`)

export async function findBanZoneParcels(db: Queryable, ids: readonly number[]): Promise<BanZoneParcel[]> {
  const { rows } = await db.query(q('find-parcels'), [ids])
  return rows.map((r) => ({
    id: Number(r.id),
    adcode: r.adcode,
    county: r.county,
    code: r.code,
    publishedClass: r.published_class,
    townshipCode: r.township_code,
    areaM2: Number(r.area_m2),
    classListId: r.class_list_id === null ? null : Number(r.class_list_id),
    mainPollutants: r.main_pollutants,
    soilGrade: r.soil_grade,
    sampleCount: Number(r.sample_count),
    summary: r.summary,
    location: [Number(r.lon), Number(r.lat)],
  }))
}

/** The union of the parcels' outlines and a drawn one (GeoJSON in EPSG:4490), with its area. */
export async function unionOutline(
  db: Queryable,
  adcode: string,
  parcelIds: readonly number[],
  drawn: unknown,
): Promise<{ geometry: unknown; areaM2: number }> {
  const {
    rows: [r],
  } = await db.query(q('union-outline'), [adcode, parcelIds, drawn ? JSON.stringify(drawn) : null])
  return { geometry: r.geometry, areaM2: Number(r.area_m2) }
}

export interface BanZoneValues {
  name: string
  products: string[]
  basis: BanZoneBasisLine[]
  announcementNo: string | null
  announcementDate: string | null
  announcementText: string | null
  geometry: unknown
}

export async function insertBanZone(
  tx: Queryable,
  adcode: string,
  v: BanZoneValues,
  actor: string,
): Promise<{ id: number; code: string }> {
  const {
    rows: [r],
  } = await tx.query(q('insert'), [
    adcode,
    v.name,
    v.products,
    JSON.stringify(v.basis),
    v.announcementNo,
    v.announcementDate,
    v.announcementText,
    JSON.stringify(v.geometry),
    actor,
  ])
  return { id: Number(r.id), code: r.code }
}

export async function updateBanZone(tx: Queryable, adcode: string, id: number, v: BanZoneValues): Promise<number> {
  const {
    rows: [r],
  } = await tx.query(q('update'), [
    adcode,
    id,
    v.name,
    v.products,
    JSON.stringify(v.basis),
    v.announcementNo,
    v.announcementDate,
    v.announcementText,
    JSON.stringify(v.geometry),
  ])
  return r.version
}

export async function replaceBanZoneParcels(tx: Queryable, adcode: string, id: number, parcelIds: readonly number[]) {
  await tx.query(q('replace-parcels'), [adcode, id, parcelIds])
}

export interface BanZoneRow {
  id: number
  adcode: string
  county: string
  code: string
  name: string
  products: string[]
  basis: BanZoneBasisLine[]
  announcement_no: string | null
  announcement_date: string | null
  announcement_text: string | null
  review_status: ReviewStatus
  review_reason: string | null
  version: number
  published_version: number
  area_m2: number
  is_generated: boolean
  geometry: unknown
  parcel_ids: string[]
}

export async function findBanZone(db: Queryable, id: number): Promise<BanZoneRow | undefined> {
  return (await db.query<BanZoneRow>(q('find'), [id])).rows[0]
}

export async function lockBanZone(
  tx: Queryable,
  id: number,
): Promise<{ id: number; adcode: string; county: string; code: string; review_status: string; version: number }> {
  return (await tx.query(q('lock'), [id])).rows[0]
}

export async function listBanZones(db: Queryable, adcodes: readonly string[]) {
  return (await db.query(q('list'), [adcodes])).rows
}

export async function listStrictParcels(db: Queryable, adcode: string, limit: number) {
  return (await db.query(q('strict-parcels'), [adcode, limit])).rows
}

export async function setPublishedBasisSummary(tx: Queryable, adcode: string, id: number, summary: string) {
  await tx.query(q('set-basis-summary'), [adcode, id, summary])
}

export async function listPublishedBanZones(db: Queryable, adcode: string | null) {
  return (await db.query(q('list-published'), [adcode])).rows
}

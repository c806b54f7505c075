import type { Queryable } from '../db/database.ts'
import { sqlFile } from '../db/sql-files.ts'
import type { PhotoType, ReportStatus } from '../domain/public-report.ts'

export interface NewReport {
  adcode: string
  description: string
  contact: string | null
  photo: Buffer | null
  photoType: PhotoType | null
  lon: number
  lat: number
  clientHash: string
}

export interface ReportRow {
  id: number
  adcode: string
  county: string
  city: string
  township: string | null
  description: string
  contact: string | null
  lon: number
  lat: number
  has_photo: boolean
  photo_type: PhotoType | null
  photo_bytes: number | null
  status: ReportStatus
  handled_note: string | null
  handled_by: string | null
  handled_by_name: string | null
  handled_at: Date | null
  created_at: Date
}

export async function findCountyAt(
  db: Queryable,
  lon: number,
  lat: number,
): Promise<{ adcode: string; name: string } | undefined> {
  return (await db.query(sqlFile('reports/find-county-at'), [lon, lat])).rows[0]
}

export async function listCountyNames(db: Queryable): Promise<string[]> {
  return (await db.query<{ name: string }>(sqlFile('reports/list-county-names'))).rows.map((r) => r.name)
}

export async function insertReport(db: Queryable, r: NewReport): Promise<number> {
  const { rows } = await db.query<{ id: number }>(sqlFile('reports/insert-report'), [
    r.adcode,
    r.description,
    r.contact,
    r.photo,
    r.photoType,
    r.lon,
    r.lat,
    r.clientHash,
  ])
  return Number(rows[0].id)
}

export async function listReports(
  db: Queryable,
  adcodes: string[],
  statuses: ReportStatus[],
  limit: number,
  id: number | null = null,
): Promise<ReportRow[]> {
  return (await db.query<ReportRow>(sqlFile('reports/list-reports'), [adcodes, statuses, limit, id])).rows
}

export async function findReportPhoto(
  db: Queryable,
  id: number,
): Promise<{ adcode: string; county: string; photo: Buffer | null; photo_type: PhotoType | null } | undefined> {
  return (await db.query(sqlFile('reports/find-photo'), [id])).rows[0]
}

export async function lockReport(
  tx: Queryable,
  id: number,
): Promise<
  | {
      adcode: string
      id: number
      county: string
      status: ReportStatus
      handled_by: string | null
      handled_at: Date | null
    }
  | undefined
> {
  return (await tx.query(sqlFile('reports/lock-report'), [id])).rows[0]
}

export async function markReportHandled(
  tx: Queryable,
  adcode: string,
  id: number,
  note: string,
  username: string,
): Promise<boolean> {
  return ((await tx.query(sqlFile('reports/mark-handled'), [adcode, id, note, username])).rowCount ?? 0) === 1
}

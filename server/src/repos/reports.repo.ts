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
  trackingHash: string
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
  version: number
  department: string | null
  assignee: string | null
  assignee_name: string | null
  public_reply: string | null
  replied_at: Date | null
  status_changed_at: Date
  updated_at: Date
  updated_by: string | null
  plot_id: number | null
  plot_code: string | null
  inspections: { id: number; enterpriseId: number; enterpriseName: string; createdAt: string }[]
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
    r.trackingHash,
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

export interface LockedReport {
  adcode: string
  id: number
  county: string
  status: ReportStatus
  handled_by: string | null
  handled_at: Date | null
  version: number
  updated_at: Date
  updated_by: string | null
  updated_by_name: string | null
  description: string
  public_reply: string | null
  plot_id: number | null
  department: string | null
  assignee: string | null
  lon: number
  lat: number
  township: string | null
}

export async function lockReport(tx: Queryable, id: number): Promise<LockedReport | undefined> {
  return (await tx.query(sqlFile('reports/lock-report'), [id])).rows[0]
}

export async function findReport(db: Queryable, id: number): Promise<LockedReport | undefined> {
  return (await db.query(sqlFile('reports/find-report'), [id])).rows[0]
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

export interface ReportChange {
  status: ReportStatus
  department: string | null
  assignee: string | null
  /** null leaves the reply as it is. */
  publicReply: string | null
  /** null leaves the plot as it is. */
  plotId: number | null
}

export async function updateReport(
  tx: Queryable,
  adcode: string,
  id: number,
  username: string,
  c: ReportChange,
): Promise<void> {
  await tx.query(sqlFile('reports/update-report'), [
    adcode,
    id,
    username,
    c.status,
    c.department,
    c.assignee,
    c.publicReply,
    c.plotId,
  ])
}

export type ReportAction = 'assign' | 'note' | 'reply' | 'status' | 'to_plot' | 'to_inspection' | 'handle'

export async function insertReportEvent(
  tx: Queryable,
  e: { adcode: string; reportId: number; action: ReportAction; actor: string; body: string | null; detail: object },
): Promise<void> {
  await tx.query(sqlFile('reports/insert-event'), [
    e.adcode,
    e.reportId,
    e.action,
    e.actor,
    e.body,
    JSON.stringify(e.detail),
  ])
}

export async function listReportEvents(
  db: Queryable,
  adcode: string,
  id: number,
): Promise<
  {
    id: number
    action: ReportAction
    actor: string
    actor_name: string
    body: string | null
    detail: Record<string, unknown>
    created_at: Date
  }[]
> {
  return (await db.query(sqlFile('reports/list-events'), [adcode, id])).rows
}

export async function findTracking(
  db: Queryable,
  trackingHash: string,
): Promise<
  | {
      status: ReportStatus
      created_at: Date
      status_changed_at: Date
      handled_at: Date | null
      public_reply: string | null
      replied_at: Date | null
    }
  | undefined
> {
  return (await db.query(sqlFile('reports/find-tracking'), [trackingHash])).rows[0]
}

export async function listOfficers(
  db: Queryable,
  adcodes: string[],
): Promise<{ username: string; name: string; department: string; counties: string[] }[]> {
  return (await db.query(sqlFile('reports/list-officers'), [adcodes])).rows
}

export async function listNearbyEnterprises(
  db: Queryable,
  adcode: string,
  id: number,
  withinM: number,
): Promise<
  { id: number; name: string; industry: string; industry_other: string | null; status: string; distance_m: number }[]
> {
  return (await db.query(sqlFile('reports/nearby-enterprises'), [adcode, id, withinM])).rows
}

export async function insertInspection(
  tx: Queryable,
  i: { adcode: string; enterpriseId: number; reportId: number; reason: string; distanceM: number; actor: string },
): Promise<number> {
  const { rows } = await tx.query<{ id: number }>(sqlFile('reports/insert-inspection'), [
    i.adcode,
    i.enterpriseId,
    i.reportId,
    i.reason,
    i.distanceM,
    i.actor,
  ])
  return Number(rows[0].id)
}
